-- Occupations loaded by `app import` (rather than by the embedded catalog)
-- are marked so that catalog syncs leave them alone. SQLite's migration of
-- the same name once also created an FTS5 index; PostgreSQL never had one:
-- search is not done by the database.
ALTER TABLE occupations ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
