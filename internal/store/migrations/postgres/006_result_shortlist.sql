-- The roles a person starred on their result (a JSON array of slugs, at
-- most store.ShortlistMax), kept with the result: there are no accounts.
ALTER TABLE results ADD COLUMN shortlist TEXT NOT NULL DEFAULT '[]';
