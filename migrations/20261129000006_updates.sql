-- Telegram updates the bot has seen: the replay guard (an update handled once is never
-- handled again, whether Telegram, a webhook retry or a restart delivers it twice) and, in
-- webhook mode, the durable inbox (an update is stored before Telegram is told "200 OK", and
-- an update stored but not yet handled when the process stopped is handled at the next start).
-- Handled rows are kept for a day, then pruned.
CREATE TABLE updates (
    update_id     INTEGER PRIMARY KEY,        -- Telegram's update_id
    received_at   INTEGER NOT NULL,           -- Unix seconds
    body          TEXT,                       -- the update's JSON, until it is handled (webhook mode)
    handled_at    INTEGER                     -- NULL while waiting to be handled
) STRICT;

CREATE INDEX updates_waiting ON updates (update_id) WHERE handled_at IS NULL;
CREATE INDEX updates_handled ON updates (handled_at) WHERE handled_at IS NOT NULL;
