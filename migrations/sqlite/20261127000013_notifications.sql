-- Notifications: per member and kind, at once ('sofort'), in a daily digest ('taeglich')
-- or not at all ('aus'); a token per member for unsubscribing without logging in; and
-- the queue of what the next digest carries.
CREATE TABLE notification_settings (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('sofort', 'taeglich', 'aus')),
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE notification_tokens (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE
);

CREATE TABLE notification_queue (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX notification_queue_pending ON notification_queue (sent_at, user_id);
