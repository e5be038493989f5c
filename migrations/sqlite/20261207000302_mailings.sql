-- Mailings: one sending to many recipients (a run of weekly mails, a day's reminders, a
-- newsletter issue). Sending is a job (consumer 'mailing') that works through the
-- recipients in batches, rate limited, and resumes where it stopped: a recipient is
-- claimed with a lease, and each mail is sent once (mail_receipts key
-- 'mailing:{mailing}:{subscription}').
CREATE TABLE mailings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('digest', 'reminder', 'newsletter')),
    -- A run queued twice is one mailing ('digest:2026-12-03T07', 'reminder:2026-12-04' …).
    key TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    interests TEXT NOT NULL DEFAULT '',
    -- The instant the content is computed for (the week, tomorrow).
    scheduled_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'scheduled', 'sending', 'done')),
    finished_at BIGINT
);

CREATE TABLE mailing_recipients (
    mailing_id BIGINT NOT NULL REFERENCES mailings (id) ON DELETE CASCADE,
    subscription_id BIGINT NOT NULL REFERENCES mail_subscriptions (id) ON DELETE CASCADE,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'skipped', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    claimed_until BIGINT NOT NULL DEFAULT 0,
    finished_at BIGINT,
    PRIMARY KEY (mailing_id, subscription_id)
);
CREATE INDEX mailing_recipients_state ON mailing_recipients (mailing_id, state, claimed_until);
CREATE INDEX mailing_recipients_subscription ON mailing_recipients (subscription_id);
