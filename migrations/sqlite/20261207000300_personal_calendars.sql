-- „Mein Kulturkalender“: a personal selection behind a private link. Only the SHA-256 of
-- the link's token is stored, so the link can be shown once and never again; replacing
-- it makes the old link useless. A member's calendar is tied to their account.
CREATE TABLE personal_calendars (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    lang TEXT NOT NULL DEFAULT 'de',
    created_at BIGINT NOT NULL,
    replaced_at BIGINT
);

-- What a calendar holds: saved list views (their query string), follows of organisers,
-- venues and Sparten (their slug) and events on the Merkliste (their id, with an
-- optional reminder the day before).
CREATE TABLE personal_items (
    id INTEGER PRIMARY KEY,
    calendar_id BIGINT NOT NULL REFERENCES personal_calendars (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('auswahl', 'veranstalter', 'ort', 'sparte', 'merkliste')),
    value TEXT NOT NULL,
    remind BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    UNIQUE (calendar_id, kind, value)
);
