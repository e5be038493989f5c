-- The transactional outbox. Every change that others care about (an event published,
-- changed, cancelled …) is recorded here in the same transaction as the change itself.
-- Each instance follows the outbox for its own search index and page cache; work that
-- must happen once (notifications, webhooks, later fediverse delivery and newsletters)
-- is queued in `jobs`, claimed by one worker at a time, retried with back-off and, after
-- too many failures, kept as a dead letter that admins can see and retry.
-- AUTOINCREMENT: ids are never reused, so followers can trust their order.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL
);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    outbox_id BIGINT REFERENCES outbox (id) ON DELETE CASCADE,
    consumer TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    run_after BIGINT NOT NULL,
    claimed_by TEXT NOT NULL DEFAULT '',
    claimed_until BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
-- One job per change, consumer and target: fanning out twice adds nothing.
CREATE UNIQUE INDEX jobs_once ON jobs (outbox_id, consumer, target);
CREATE INDEX jobs_due ON jobs (state, run_after);

-- Webhooks of organisations: signed JSON about changes of their own events.
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    last_status TEXT NOT NULL DEFAULT '',
    last_delivery_at BIGINT
);
CREATE INDEX webhooks_organization ON webhooks (organization_id);

-- Mails a job has sent, by a key unique to the job and recipient: a job that runs again
-- after a crash does not mail twice.
CREATE TABLE mail_receipts (
    key TEXT PRIMARY KEY,
    sent_at BIGINT NOT NULL
);

-- A notification made by a job carries the job's key, so running it again adds nothing.
ALTER TABLE member_notices ADD COLUMN source TEXT;
CREATE UNIQUE INDEX member_notices_source ON member_notices (source);
