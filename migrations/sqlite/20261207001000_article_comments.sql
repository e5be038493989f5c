-- Readers' comments under magazine articles (issue 15). A member comments under their
-- account (deleting the account leaves the comment as „Gelöschtes Konto“: user_id is set
-- to NULL, by_member stays); a visitor under a name, with an address confirmed by a mailed
-- link and never shown. One level of replies (parent_id names a comment without parent).
CREATE TABLE article_comments (
    id INTEGER PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES article_comments (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    by_member BOOLEAN NOT NULL DEFAULT FALSE,
    -- A visitor's name and address (empty for members).
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('unconfirmed', 'held', 'published', 'removed')),
    -- Why a held comment waits: 'first' (first comment of an address or account) or 'reported'.
    held_for TEXT NOT NULL DEFAULT '',
    report_reason TEXT NOT NULL DEFAULT '',
    -- A moderator kept it after a report: later reports do not hide it again.
    kept BOOLEAN NOT NULL DEFAULT FALSE,
    -- Marked as the magazine's („Redaktion“) or as an answer of a linked organisation.
    editorial BOOLEAN NOT NULL DEFAULT FALSE,
    answering_org BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    -- SHA-256 of the visitor's link (confirms the address, deletes the comment).
    token_hash TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX article_comments_article ON article_comments (article_id, created_at);
CREATE INDEX article_comments_state ON article_comments (state);
CREATE INDEX article_comments_user ON article_comments (user_id);
CREATE INDEX article_comments_email ON article_comments (email);
CREATE INDEX article_comments_token ON article_comments (token_hash);
