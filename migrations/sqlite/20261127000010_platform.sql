-- The members' working platform, first part: the pinboard (offers and requests between
-- actors) and private messages between members and to organisations' shared inboxes.
-- Nothing here is ever shown to visitors.
CREATE TABLE pinboard_posts (
    id INTEGER PRIMARY KEY,
    author_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Posted for an organisation (replies go to its inbox), or NULL: as a person.
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sucht', 'bietet')),
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    district TEXT CHECK (district IN ('mitte', 'wattenscheid', 'nord', 'ost', 'sued', 'suedwest')),
    period TEXT NOT NULL DEFAULT '',
    -- The last day it is shown (Bochum date as days since the epoch).
    expires_day BIGINT NOT NULL,
    reminded_at BIGINT,
    hidden_at BIGINT,
    hidden_reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX pinboard_posts_expiry ON pinboard_posts (expires_day);

CREATE TABLE pinboard_categories (
    post_id BIGINT NOT NULL REFERENCES pinboard_posts (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, category_id)
);

CREATE TABLE pinboard_reports (
    id INTEGER PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES pinboard_posts (id) ON DELETE CASCADE,
    reporter_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL DEFAULT '',
    resolved_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE message_threads (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    post_id BIGINT REFERENCES pinboard_posts (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Who takes part: a member (user_id) or an organisation's shared inbox (organization_id).
CREATE TABLE thread_participants (
    id INTEGER PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES message_threads (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    CHECK ((user_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX thread_participants_user ON thread_participants (user_id);
CREATE INDEX thread_participants_org ON thread_participants (organization_id);
CREATE INDEX thread_participants_thread ON thread_participants (thread_id);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES message_threads (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX messages_thread ON messages (thread_id, id);

-- Up to which message each member has read each thread.
CREATE TABLE thread_reads (
    thread_id BIGINT NOT NULL REFERENCES message_threads (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_message_id BIGINT NOT NULL,
    PRIMARY KEY (thread_id, user_id)
);

-- A member who blocked another gets no new messages from them.
CREATE TABLE member_blocks (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, blocked_id)
);
