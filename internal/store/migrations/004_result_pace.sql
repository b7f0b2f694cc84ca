-- How many quiz pages were answered faster than a statement can be weighed;
-- the browser quiz measures it, the API cannot (0).
ALTER TABLE results ADD COLUMN fast_pages INTEGER NOT NULL DEFAULT 0;
