-- Occupations loaded by `app import` (rather than by the embedded catalog)
-- are marked so that catalog syncs leave them alone. SQLite's migration of
-- the same name also creates its FTS5 index; PostgreSQL has none: search
-- is not done by the database here.
ALTER TABLE occupations ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
