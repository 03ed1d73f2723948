-- Vectors of FAQ entries from an embeddings model (EMBEDDINGS_URL), several per entry
-- ("parts": its question, its question with the start of its answer, its English question).
-- `hash` fingerprints the model, prefix and text, so only what changed is embedded again;
-- vectors of another model are kept, so switching back costs nothing.
CREATE TABLE faq_vectors (
    entry_id      TEXT    NOT NULL,
    part          INTEGER NOT NULL,
    model         TEXT    NOT NULL,
    hash          TEXT    NOT NULL,
    dim           INTEGER NOT NULL,
    vector        BLOB    NOT NULL,        -- dim little-endian f32
    PRIMARY KEY (entry_id, part, model)
) STRICT;
