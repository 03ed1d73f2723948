-- Subscriptions to the centre's announcements, and broadcasts as a durable outbox: the
-- broadcast and one delivery row per recipient are written in one transaction before the
-- first send, and the worker drains the rows. Times are Unix seconds.

CREATE TABLE subscribers (
    user_id       INTEGER PRIMARY KEY REFERENCES users (user_id),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sector        TEXT,                          -- a domain::broadcast::Sector code
    district      TEXT,                          -- a name from the configured list
    enterprise    TEXT,
    subscribed_at INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX subscribers_active ON subscribers (active, sector, district);

CREATE TABLE broadcasts (
    id             INTEGER PRIMARY KEY,
    created_by     INTEGER NOT NULL,
    admin_chat     INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('text', 'photo', 'document')),
    body           TEXT    NOT NULL DEFAULT '',  -- Telegram HTML: the text, or the caption
    file_id        TEXT,                         -- the photo's or document's Telegram file id
    course_id      INTEGER REFERENCES courses (id),
    audience       TEXT    NOT NULL,             -- JSON of domain::broadcast::Audience
    status         TEXT    NOT NULL CHECK (status IN ('scheduled', 'sending', 'done', 'cancelled')),
    send_at        INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    finished_at    INTEGER,
    progress_message_id INTEGER,                 -- the admin's message edited with the figures
    progress_at    INTEGER NOT NULL DEFAULT 0,
    confirm_update INTEGER UNIQUE                -- the Telegram update that confirmed it
) STRICT;

CREATE INDEX broadcasts_status ON broadcasts (status, send_at);

CREATE TABLE deliveries (
    id            INTEGER PRIMARY KEY,
    broadcast_id  INTEGER NOT NULL REFERENCES broadcasts (id),
    chat_id       INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    lang          TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'cancelled')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       INTEGER NOT NULL DEFAULT 0,    -- not before this time (retries, 429 pauses)
    error         TEXT,
    sent_at       INTEGER,
    UNIQUE (broadcast_id, chat_id)
) STRICT;

CREATE INDEX deliveries_due ON deliveries (status, next_at, broadcast_id);
CREATE INDEX deliveries_broadcast ON deliveries (broadcast_id, status);
