-- Saved quiz results. The id is 128+ random bits and is the only way to a
-- result: there is no listing. The ranking is recomputed from the answers,
-- so a result stays consistent with the catalog it is shown against.
CREATE TABLE results (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    answers    TEXT NOT NULL,              -- JSON object: question id → 1..5
    hidden     TEXT NOT NULL DEFAULT '[]'  -- JSON array of slugs marked "not for me"
) STRICT;
