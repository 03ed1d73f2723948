-- The SXSH self-assessment: the question set the centre edits (a CSV imported whole), every
-- result with its scores, and the consultation requests that follow. Times are Unix seconds.

-- The question set; empty until the centre imports one (the shipped default is used then).
CREATE TABLE assessment_questions (
    id            TEXT    PRIMARY KEY,
    position      INTEGER NOT NULL,       -- order in the file
    area          TEXT    NOT NULL,
    sector        TEXT    NOT NULL DEFAULT '',
    weight        INTEGER NOT NULL,
    benefit       INTEGER NOT NULL,
    question_vi   TEXT    NOT NULL,
    question_en   TEXT    NOT NULL DEFAULT '',
    options_vi    TEXT    NOT NULL DEFAULT '',
    options_en    TEXT    NOT NULL DEFAULT '',
    action_vi     TEXT    NOT NULL,
    reason_vi     TEXT    NOT NULL,
    action_en     TEXT    NOT NULL DEFAULT '',
    reason_en     TEXT    NOT NULL DEFAULT '',
    faq_id        TEXT    NOT NULL DEFAULT ''
) STRICT;

-- One row per finished assessment. `user_id` is NULL once its person erased their data: the
-- scores still count in the centre's figures, tied to no one. `sector` and `area` are copied
-- when the assessment ends (the profile may change later).
CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER,
    sector        TEXT    NOT NULL,
    area          TEXT,                   -- the commune (or former district) of the profile
    overall       INTEGER NOT NULL CHECK (overall BETWEEN 0 AND 100),
    housekeeping  INTEGER CHECK (housekeeping BETWEEN 0 AND 100),
    energy        INTEGER CHECK (energy BETWEEN 0 AND 100),
    water         INTEGER CHECK (water BETWEEN 0 AND 100),
    materials     INTEGER CHECK (materials BETWEEN 0 AND 100),
    people        INTEGER CHECK (people BETWEEN 0 AND 100),
    answers       TEXT    NOT NULL,       -- JSON [{"question": id, "choice": n}, …]
    created_at    INTEGER NOT NULL,
    update_id     INTEGER UNIQUE          -- the Telegram update that finished it (replays)
) STRICT;
CREATE INDEX assessments_user ON assessments (user_id, created_at);
CREATE INDEX assessments_created ON assessments (created_at);

-- "Ask the centre for a consultation". Deleted when its person erases their data.
CREATE TABLE consultation_requests (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL,
    assessment_id INTEGER REFERENCES assessments (id) ON DELETE SET NULL,
    enterprise    TEXT    NOT NULL,
    phone         TEXT    NOT NULL,
    need          TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
    created_at    INTEGER NOT NULL,
    handled_at    INTEGER,
    handled_by    INTEGER,
    update_id     INTEGER UNIQUE
) STRICT;
CREATE INDEX consultation_requests_status ON consultation_requests (status, created_at);
CREATE INDEX consultation_requests_user ON consultation_requests (user_id);
