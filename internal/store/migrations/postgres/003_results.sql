-- Saved quiz results, as on SQLite: the id (160 random bits) is the only
-- way to a result. Times are RFC 3339 text, the same bytes on both
-- backends; nothing queries by them.
CREATE TABLE results (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    answers    TEXT NOT NULL,              -- JSON object: question id → 1..5
    hidden     TEXT NOT NULL DEFAULT '[]'  -- JSON array of slugs marked "not for me"
);
