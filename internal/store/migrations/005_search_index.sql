-- Search is an in-memory index in Go (internal/search), built from the
-- rows below on every backend alike; the FTS5 table is no longer used.
DROP TABLE IF EXISTS search;

-- O*NET's alternate and reported job titles of an occupation, a JSON array
-- of strings, which search matches.
ALTER TABLE occupations ADD COLUMN titles TEXT NOT NULL DEFAULT '[]';

-- A counter that every catalog sync and every import increases, so that
-- each running instance can tell its search index is stale and rebuild it.
CREATE TABLE catalog_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;
INSERT INTO catalog_version(id, version) VALUES (1, 1);
