-- Mail to visitors with consent that holds up (double opt-in): a subscription to the
-- weekly mail of a personal calendar ('kalender') or to the portal's newsletter
-- ('newsletter'). It keeps the proof: when it was asked for, the exact consent text and
-- its version as shown, when the confirmation mail went out and when its link was used.
-- The confirmation token is stored as a hash; the token in every mail's unsubscribe
-- link only unsubscribes, exports or deletes this one subscription.
CREATE TABLE mail_subscriptions (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('kalender', 'newsletter')),
    calendar_id BIGINT REFERENCES personal_calendars (id) ON DELETE CASCADE,
    lang TEXT NOT NULL DEFAULT 'de',
    consent_version TEXT NOT NULL,
    consent_text TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    confirm_hash TEXT NOT NULL UNIQUE,
    confirmation_sent_at BIGINT,
    confirmed_at BIGINT,
    unsubscribed_at BIGINT,
    token TEXT NOT NULL UNIQUE,
    -- The weekly mail: ISO weekday (1 = Monday … 7 = Sunday) and hour, Berlin time.
    weekday BIGINT NOT NULL DEFAULT 4,
    hour BIGINT NOT NULL DEFAULT 8,
    -- Newsletter interests as a list query string (sparte=…&bezirk=…); empty: all.
    interests TEXT NOT NULL DEFAULT '',
    last_mail_at BIGINT
);
CREATE INDEX mail_subscriptions_email ON mail_subscriptions (email);
CREATE INDEX mail_subscriptions_calendar ON mail_subscriptions (calendar_id);

-- Which subscription a mail went to, and its subject: the GDPR export of an address
-- lists the mails sent to it, and deleting the address deletes them.
ALTER TABLE mail_receipts ADD COLUMN subscription_id BIGINT;
ALTER TABLE mail_receipts ADD COLUMN subject TEXT NOT NULL DEFAULT '';
CREATE INDEX mail_receipts_subscription ON mail_receipts (subscription_id);
