-- Training courses, registrations with their attendees, consent to personal data processing,
-- and reminders. Dates are ISO `YYYY-MM-DD` in Vietnam's calendar; times are Unix seconds.

CREATE TABLE courses (
    id            INTEGER PRIMARY KEY,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    location      TEXT    NOT NULL,
    starts_on     TEXT    NOT NULL,
    ends_on       TEXT    NOT NULL,
    capacity      INTEGER NOT NULL CHECK (capacity > 0),
    deadline      TEXT    NOT NULL,              -- last day registration is open (inclusive)
    status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
    created_by    INTEGER,                       -- admin's user id; NULL when made from the CLI
    created_at    INTEGER NOT NULL,
    CHECK (ends_on >= starts_on AND deadline <= starts_on)
) STRICT;

CREATE INDEX courses_starts ON courses (starts_on);

-- One row per registration; the seats it takes are its attendees. A user has at most one
-- registration per course that is not cancelled.
CREATE TABLE registrations (
    id            INTEGER PRIMARY KEY,
    course_id     INTEGER NOT NULL REFERENCES courses (id),
    user_id       INTEGER NOT NULL REFERENCES users (user_id),
    enterprise    TEXT    NOT NULL,
    contact_name  TEXT    NOT NULL,
    position      TEXT    NOT NULL,
    phone         TEXT    NOT NULL,
    email         TEXT,
    tax_code      TEXT,
    status        TEXT    NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    reminded_at   INTEGER,
    update_id     INTEGER UNIQUE                 -- the Telegram update that confirmed it
) STRICT;

CREATE UNIQUE INDEX registrations_one_active ON registrations (course_id, user_id) WHERE status <> 'cancelled';
CREATE INDEX registrations_course ON registrations (course_id, status, created_at);
CREATE INDEX registrations_user ON registrations (user_id);

CREATE TABLE attendees (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    attended        INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1))
) STRICT;

CREATE INDEX attendees_registration ON attendees (registration_id);

-- Consent to the processing of personal data, with the version of the text the user saw.
CREATE TABLE consents (
    user_id       INTEGER NOT NULL REFERENCES users (user_id),
    version       TEXT    NOT NULL,
    given_at      INTEGER NOT NULL,
    PRIMARY KEY (user_id, version)
) STRICT;

-- Users who opened a course's details, for the "registration closes tomorrow" nudge.
CREATE TABLE course_views (
    course_id     INTEGER NOT NULL REFERENCES courses (id),
    user_id       INTEGER NOT NULL REFERENCES users (user_id),
    viewed_at     INTEGER NOT NULL,
    nudged_at     INTEGER,
    PRIMARY KEY (course_id, user_id)
) STRICT;
