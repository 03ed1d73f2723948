-- Phrasings the FAQ learned from use: a question several people resolved by tapping the same
-- "did you mean" option (and did not rate 👎), or a group of unanswered questions an admin
-- attached to an entry. Searched as extra words of the entry; `faq export` writes them into
-- the entry's keywords.
CREATE TABLE faq_learned (
    id            INTEGER PRIMARY KEY,
    entry_id      TEXT    NOT NULL,
    phrasing      TEXT    NOT NULL,      -- one question as it was typed
    normalized    TEXT    NOT NULL,      -- its folded words, as questions.normalized
    source        TEXT    NOT NULL CHECK (source IN ('users', 'admin')),
    created_at    INTEGER NOT NULL,
    UNIQUE (entry_id, normalized)
) STRICT;

-- The entry a person chose among the "did you mean" options for this question.
ALTER TABLE questions ADD COLUMN picked TEXT;
