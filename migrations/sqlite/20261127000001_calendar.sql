-- The public calendar: Sparten, organisations, venues, events and their occurrences.
-- Instants are UTC seconds since the epoch (BIGINT) on both backends.

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('institution', 'collective', 'ensemble', 'festival', 'city_office', 'association')),
    description TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    social_links TEXT NOT NULL DEFAULT '[]',
    district TEXT CHECK (district IN ('mitte', 'wattenscheid', 'nord', 'ost', 'sued', 'suedwest')),
    verified BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE organization_categories (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, category_id)
);

CREATE TABLE venues (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT 'Bochum',
    district TEXT NOT NULL CHECK (district IN ('mitte', 'wattenscheid', 'nord', 'ost', 'sued', 'suedwest')),
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    description TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    step_free BOOLEAN NOT NULL DEFAULT FALSE,
    wheelchair_wc BOOLEAN NOT NULL DEFAULT FALSE,
    wheelchair_spaces BOOLEAN NOT NULL DEFAULT FALSE,
    lift BOOLEAN NOT NULL DEFAULT FALSE,
    parking BOOLEAN NOT NULL DEFAULT FALSE,
    induction_loop BOOLEAN NOT NULL DEFAULT FALSE,
    access_notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX venues_district ON venues (district);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
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
    published_at BIGINT
);
CREATE INDEX events_venue ON events (venue_id);

CREATE TABLE event_categories (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, category_id)
);
CREATE INDEX event_categories_category ON event_categories (category_id, event_id);

CREATE TABLE event_organizers (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    position BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, organization_id)
);
CREATE INDEX event_organizers_organization ON event_organizers (organization_id, event_id);

CREATE TABLE event_tags (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (event_id, tag)
);

CREATE TABLE event_audiences (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('kinder', 'familie', 'jugend', 'senioren', 'erwachsene')),
    PRIMARY KEY (event_id, audience)
);
CREATE INDEX event_audiences_audience ON event_audiences (audience, event_id);

CREATE TABLE occurrences (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    all_day BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled', 'postponed', 'sold_out')),
    from_rule BOOLEAN NOT NULL DEFAULT FALSE,
    note TEXT NOT NULL DEFAULT '',
    CHECK (ends_at >= starts_at)
);
CREATE INDEX occurrences_event ON occurrences (event_id, starts_at, ends_at);
-- Dates of up to a day (concerts, plays) are listed by start; longer ones (exhibitions)
-- by end. The partial indexes match the exact conditions in db/events.rs.
CREATE INDEX occurrences_short ON occurrences (starts_at, id) WHERE (ends_at - starts_at) <= 86400;
CREATE INDEX occurrences_long ON occurrences (ends_at) WHERE (ends_at - starts_at) > 86400;
