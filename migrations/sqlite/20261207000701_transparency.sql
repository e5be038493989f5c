-- Moderation in the open (issue 18): the rule of /regeln a decision cites (keyed by its
-- audit-log row), and objections („Widerspruch“): one per decision, decided by another
-- moderator than the one who decided first.
CREATE TABLE moderation_citations (
    audit_id BIGINT PRIMARY KEY REFERENCES audit_log (id) ON DELETE CASCADE,
    rule BIGINT NOT NULL
);

CREATE TABLE moderation_objections (
    id INTEGER PRIMARY KEY,
    audit_id BIGINT NOT NULL UNIQUE REFERENCES audit_log (id) ON DELETE CASCADE,
    objector_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    filed_at BIGINT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'open',
    answer TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_at BIGINT
);
