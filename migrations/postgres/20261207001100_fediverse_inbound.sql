-- Replies and mentions from the fediverse reach „Nachrichten“: such a thread names its
-- remote author (their handle) and links to the original; nobody can answer it here.
ALTER TABLE message_threads ADD COLUMN remote_author TEXT NOT NULL DEFAULT '';
ALTER TABLE message_threads ADD COLUMN remote_url TEXT NOT NULL DEFAULT '';

-- Every activity taken into „Nachrichten“, once (servers deliver again after a timeout).
CREATE TABLE fedi_inbound (
    activity_id TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL
);
