-- Feedback on accessibility (BITV 2.0 § 7: a way to report barriers); stored and mailed
-- to the admins.
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    page TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    handled_at BIGINT
);
CREATE INDEX feedback_open ON feedback (handled_at, created_at);
