-- Vectors of the off-topic reference questions shipped with the bot, embedded as questions
-- (EMBEDDINGS_QUERY_MODEL): a question nearer one of them than any entry is declined.
-- `hash` fingerprints the model, prefix and text; references a release drops are deleted.
CREATE TABLE faq_off_topic_vectors (
    hash          TEXT    NOT NULL,
    model         TEXT    NOT NULL,
    dim           INTEGER NOT NULL,
    vector        BLOB    NOT NULL,        -- dim little-endian f32
    PRIMARY KEY (hash, model)
) STRICT;
