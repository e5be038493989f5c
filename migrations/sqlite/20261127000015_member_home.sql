-- The members' notification centre and reports of private messages.
-- Every notification a member gets is kept here for „Mein Bereich“, whatever the member
-- chose for its mail (at once, daily digest, or no mail at all).
CREATE TABLE member_notices (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX member_notices_user ON member_notices (user_id, created_at);

-- A member reports one message of a thread they take part in; moderators see that one
-- message, not the thread, and may hide it.
CREATE TABLE message_reports (
    id INTEGER PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    reporter_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    resolved_at BIGINT
);

ALTER TABLE messages ADD COLUMN hidden_at BIGINT;
