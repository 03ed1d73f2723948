-- The version of each built-in FAQ entry last loaded (a fingerprint of its content), so that
-- a new release brings the entries the centre never edited up to date and adds new ones,
-- without touching what the centre rewrote or deleted.
CREATE TABLE faq_shipped (
    id            TEXT    PRIMARY KEY,
    hash          TEXT    NOT NULL
) STRICT;
