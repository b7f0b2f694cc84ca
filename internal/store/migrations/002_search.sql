-- Occupations loaded by `app import` (rather than by the embedded catalog)
-- are marked so that catalog syncs leave them alone.
ALTER TABLE occupations ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;

-- Full-text search over roles and imported occupations. The indexed text is
-- pre-normalised in Go (lower case, hyphenated and spaced compounds also
-- joined: "back-end" is indexed as "back end backend"), so queries are
-- forgiving of spacing and hyphens; queries use prefix terms.
CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED,   -- 'role' or 'occupation'
    key UNINDEXED,    -- role slug or O*NET-SOC code
    title,
    alt_titles,
    summary,
    tokenize = 'unicode61 remove_diacritics 2'
);
