-- Event ids are never given out twice: the API (`/api/v1/events/{id}`) and iCal UIDs
-- (`event-{id}-…`) name events by id, so a deleted newest event must not pass its id on.
-- SQLite reuses the largest rowid unless the key is AUTOINCREMENT, which needs the table
-- rebuilt. Db::migrate runs migrations with foreign keys off (and checks them afterwards),
-- so dropping the old table neither cascades into nor breaks the tables that point here.
CREATE TABLE events_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    subtitle TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    venue_id BIGINT REFERENCES venues (id),
    location_text TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    price_kind TEXT NOT NULL DEFAULT 'unknown' CHECK (price_kind IN ('unknown', 'free', 'range', 'text')),
    price_min_cents BIGINT,
    price_max_cents BIGINT,
    price_text TEXT NOT NULL DEFAULT '',
    ticket_url TEXT NOT NULL DEFAULT '',
    min_age BIGINT,
    languages TEXT NOT NULL DEFAULT 'de',
    access_services TEXT NOT NULL DEFAULT '',
    recurrence TEXT NOT NULL DEFAULT '',
    duration_seconds BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'published', 'rejected')),
    source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import')),
    external_id TEXT,
    sequence BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    submitter_name TEXT NOT NULL DEFAULT '',
    submitter_email TEXT NOT NULL DEFAULT '',
    moderation_note TEXT NOT NULL DEFAULT '',
    schedule TEXT NOT NULL DEFAULT '',
    duplicate_of BIGINT REFERENCES events (id) ON DELETE SET NULL,
    duplicate_state TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    subtitle_en TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT ''
);

INSERT INTO events_new (id, slug, title, subtitle, description, venue_id, location_text,
    online_url, price_kind, price_min_cents, price_max_cents, price_text, ticket_url, min_age,
    languages, access_services, recurrence, duration_seconds, status, source, external_id,
    sequence, created_at, updated_at, published_at, created_by, submitter_name,
    submitter_email, moderation_note, schedule, duplicate_of, duplicate_state, title_en,
    subtitle_en, description_en)
SELECT id, slug, title, subtitle, description, venue_id, location_text,
    online_url, price_kind, price_min_cents, price_max_cents, price_text, ticket_url, min_age,
    languages, access_services, recurrence, duration_seconds, status, source, external_id,
    sequence, created_at, updated_at, published_at, created_by, submitter_name,
    submitter_email, moderation_note, schedule, duplicate_of, duplicate_state, title_en,
    subtitle_en, description_en
FROM events;

DROP TABLE events;
ALTER TABLE events_new RENAME TO events;

CREATE INDEX events_venue ON events (venue_id);
CREATE INDEX events_status ON events (status, updated_at);
CREATE INDEX events_external_id ON events (external_id);
CREATE INDEX events_duplicate_of ON events (duplicate_of);
