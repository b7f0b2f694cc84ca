-- A counter that every `app import` moves, in the import's transaction:
-- running instances poll it and rebuild what they derive from the
-- imported occupations (matching, listings, caches) without a restart.
CREATE TABLE catalog_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalog_version(id, version) VALUES (1, 0);
