-- Users who have talked to the bot, the dialogue each private chat is in, and the messages
-- users send to the centre's staff. Times are Unix seconds (UTC).

CREATE TABLE users (
    user_id       INTEGER PRIMARY KEY,           -- Telegram user id
    chat_id       INTEGER NOT NULL,              -- private chat id (equal to user_id in Telegram)
    lang          TEXT    NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
    first_name    TEXT    NOT NULL,
    last_name     TEXT,
    username      TEXT,
    blocked       INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL
) STRICT;

CREATE INDEX users_last_seen ON users (last_seen);

-- One row per private chat that is inside a dialogue; the state is serde JSON of bot::State.
CREATE TABLE dialogues (
    chat_id       INTEGER PRIMARY KEY,
    state         TEXT    NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;

-- Messages written to the centre through the "write to the centre" dialogue.
CREATE TABLE centre_messages (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (user_id),
    body          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;
