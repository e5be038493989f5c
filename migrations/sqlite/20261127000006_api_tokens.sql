-- API tokens of organisations for the write API; only the SHA-256 of a token is kept.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_organization ON api_tokens (organization_id);
CREATE INDEX events_external_id ON events (external_id);
