-- How many quiz pages were answered faster than a statement can be weighed.
ALTER TABLE results ADD COLUMN fast_pages INTEGER NOT NULL DEFAULT 0;
