-- The FAQ, the questions people asked (for the unanswered loop and the hit rate), and
-- 👍/👎 feedback on answers.

CREATE TABLE faq_entries (
    id            TEXT    PRIMARY KEY,
    position      INTEGER NOT NULL,       -- order in the file, for browsing and export
    category      TEXT    NOT NULL,
    question_vi   TEXT    NOT NULL,
    answer_vi     TEXT    NOT NULL,
    question_en   TEXT    NOT NULL DEFAULT '',
    answer_en     TEXT    NOT NULL DEFAULT '',
    keywords      TEXT    NOT NULL DEFAULT ''   -- ';'-separated
) STRICT;

-- Bumped by every change to faq_entries, so a running bot rebuilds its index.
CREATE TABLE faq_revision (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    revision      INTEGER NOT NULL
) STRICT;
INSERT INTO faq_revision (id, revision) VALUES (1, 0);

CREATE TABLE questions (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL,
    chat_id       INTEGER NOT NULL,
    body          TEXT    NOT NULL,
    normalized    TEXT    NOT NULL,        -- folded words without filler, for grouping
    outcome       TEXT    NOT NULL CHECK (outcome IN ('answered', 'ambiguous', 'unanswered')),
    entry_id      TEXT,
    forwarded_at  INTEGER,
    replied_at    INTEGER,
    created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX questions_outcome ON questions (outcome, normalized);

CREATE TABLE faq_feedback (
    user_id       INTEGER NOT NULL,
    entry_id      TEXT    NOT NULL,
    helpful       INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (user_id, entry_id)
) STRICT;
