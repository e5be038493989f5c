-- The language of the interface a member uses, for the mails the portal sends them
-- (confirmation, password reset, notifications, digests): 'de' or 'en'. Set at
-- registration from the language of the registration page; the member changes it on
-- the notifications settings page.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'de';
