-- English texts for the English interface (/en): an event's title, subtitle and
-- description, and the descriptions of organisations and venues. Empty means "not
-- translated": the English pages then show the German text, marked lang="de".
ALTER TABLE events ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN subtitle_en TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
