-- The PostgreSQL twin of ../005_search_index.sql, which also drops SQLite's
-- old FTS5 table: search is an in-memory index in Go (internal/search),
-- built from these rows on either backend.

-- O*NET's alternate and reported job titles of an occupation, a JSON array
-- of strings, which search matches.
ALTER TABLE occupations ADD COLUMN titles TEXT NOT NULL DEFAULT '[]';

-- A counter that every import and every sync of a changed catalog
-- increases, so that each running instance can tell what it derived from
-- the catalog (search index, matching, listings) is stale and rebuild it.
-- fingerprint is the digest of the catalog last synced.
CREATE TABLE catalog_version (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     BIGINT NOT NULL,
    fingerprint TEXT NOT NULL DEFAULT ''
);
INSERT INTO catalog_version(id, version) VALUES (1, 1);
