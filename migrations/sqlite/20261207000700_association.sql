-- The association that runs the portal (issue 18): its pages (versioned Markdown, German
-- and English), its documents (every upload a new version; the bytes in the media store),
-- its register of members with fees per year, and the settings of its statutes.
CREATE TABLE association_pages (
    id INTEGER PRIMARY KEY,
    page TEXT NOT NULL,
    version BIGINT NOT NULL,
    body_de TEXT NOT NULL,
    body_en TEXT NOT NULL,
    edited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    edited_at BIGINT NOT NULL,
    UNIQUE (page, version)
);

CREATE TABLE association_documents (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    title_en TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE association_document_versions (
    id INTEGER PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES association_documents (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    media_key TEXT NOT NULL,
    size BIGINT NOT NULL,
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at BIGINT NOT NULL,
    UNIQUE (document_id, version)
);

-- One row per member (an organisation or a person); the account that applied speaks for it.
CREATE TABLE association_members (
    id INTEGER PRIMARY KEY,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    fee_class TEXT NOT NULL,
    status TEXT NOT NULL,
    listed BOOLEAN NOT NULL DEFAULT FALSE,
    board_office TEXT NOT NULL DEFAULT '',
    applied_at BIGINT NOT NULL,
    joined_at BIGINT,
    left_at BIGINT,
    statutes_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX association_members_user ON association_members (user_id);

CREATE TABLE association_fees (
    member_id BIGINT NOT NULL REFERENCES association_members (id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    cents BIGINT NOT NULL,
    paid_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, year)
);

-- The numbers the statutes fix: notice period of a general assembly, proxies per member.
CREATE TABLE association_settings (
    key TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO association_settings (key, value) VALUES ('notice_days', 14), ('max_proxies', 2);
