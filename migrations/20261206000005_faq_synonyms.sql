-- The centre's own synonyms (`sxsh-bot faq synonyms import`): only what the built-in
-- vocabulary lacks, in file order. `phrases` is ';'-separated, folded.
CREATE TABLE faq_synonyms (
    position      INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('abbreviation', 'concept')),
    name          TEXT    NOT NULL,
    phrases       TEXT    NOT NULL
) STRICT;
