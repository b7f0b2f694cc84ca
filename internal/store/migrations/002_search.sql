-- Occupations loaded by `app import` (rather than by the embedded catalog)
-- are marked so that catalog syncs leave them alone.
ALTER TABLE occupations ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;

-- This migration also created an FTS5 table `search` until search moved to
-- an in-memory index in Go (internal/search), the same on every backend.
-- New databases never get the table; 005 drops it from older ones.
