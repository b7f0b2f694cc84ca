-- The catalog: categories, occupations (figures and ratings), roles.
CREATE TABLE categories (
    slug        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    position    INTEGER NOT NULL
) STRICT;

-- One O*NET-SOC occupation. data holds the full roles.Occupation as JSON;
-- the columns beside it are the ones we sort and filter on.
CREATE TABLE occupations (
    onet_code      TEXT PRIMARY KEY,
    soc_code       TEXT NOT NULL,
    title          TEXT NOT NULL,
    job_zone       INTEGER NOT NULL,
    median_wage    INTEGER,
    percent_change REAL,
    education      TEXT NOT NULL DEFAULT '',
    -- O*NET's own description, present only after `app import` read it
    -- from the user's files; the embedded catalog never carries it.
    description    TEXT NOT NULL DEFAULT '',
    data           TEXT NOT NULL
) STRICT;

CREATE TABLE roles (
    slug      TEXT PRIMARY KEY,
    title     TEXT NOT NULL,
    category  TEXT NOT NULL REFERENCES categories(slug),
    onet_code TEXT NOT NULL REFERENCES occupations(onet_code),
    summary   TEXT NOT NULL,
    data      TEXT NOT NULL
) STRICT;
CREATE INDEX roles_category ON roles(category, title);

-- Small named values the app keeps between runs, such as session keys.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
