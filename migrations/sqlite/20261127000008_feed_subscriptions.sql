-- Calendars an organisation subscribes to: the portal fetches them on a schedule
-- (conditionally, with ETag / Last-Modified) and imports them like an uploaded file.
CREATE TABLE feed_subscriptions (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    -- The Sparte for events whose CATEGORIES name none.
    fallback_category TEXT NOT NULL,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    -- When a fetch last started (also the claim that keeps two instances apart).
    checked_at BIGINT,
    -- 'neu', 'ok', 'unveraendert' or 'fehler', and the report's lines.
    last_status TEXT NOT NULL DEFAULT 'neu',
    last_report TEXT NOT NULL DEFAULT '',
    succeeded_at BIGINT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (organization_id, url)
);
