-- The catalog: categories, occupations (figures and ratings), roles. The
-- PostgreSQL twin of ../001_catalog.sql: same tables, same columns.
-- Text that is sorted on uses the "C" collation, so listings come out in
-- the same order as on SQLite, whatever the database's locale.
CREATE TABLE categories (
    slug        TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL,
    description TEXT NOT NULL,
    position    INTEGER NOT NULL
);

-- data holds the full roles.Occupation as JSON text (read whole, never
-- queried into), the columns beside it are the ones we sort and filter on.
CREATE TABLE occupations (
    onet_code      TEXT COLLATE "C" PRIMARY KEY,
    soc_code       TEXT COLLATE "C" NOT NULL,
    title          TEXT COLLATE "C" NOT NULL,
    job_zone       INTEGER NOT NULL,
    median_wage    INTEGER,
    percent_change DOUBLE PRECISION,
    education      TEXT COLLATE "C" NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    data           TEXT NOT NULL
);

CREATE TABLE roles (
    slug      TEXT COLLATE "C" PRIMARY KEY,
    title     TEXT COLLATE "C" NOT NULL,
    category  TEXT COLLATE "C" NOT NULL REFERENCES categories(slug),
    onet_code TEXT COLLATE "C" NOT NULL REFERENCES occupations(onet_code),
    summary   TEXT NOT NULL,
    data      TEXT NOT NULL
);
CREATE INDEX roles_category ON roles(category, title);
CREATE INDEX roles_onet_code ON roles(onet_code);

-- Small named values the app keeps between runs, such as session keys:
-- every instance reads the same ones.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
