-- The document an answer rests on, shown under it, and when the centre last checked it.
ALTER TABLE faq_entries ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE faq_entries ADD COLUMN reviewed TEXT NOT NULL DEFAULT '';  -- YYYY-MM-DD or ''
