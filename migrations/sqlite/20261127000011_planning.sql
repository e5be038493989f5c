-- „Vorgemerkte Termine“: dates organisations reserve before an event is public, visible
-- only to members, counted in the planning calendar and in the editor's clash warnings.
CREATE TABLE tentative_dates (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- The Bochum date as days since 1970-01-01, and an optional time „HH:MM“.
    day BIGINT NOT NULL,
    time TEXT NOT NULL DEFAULT '',
    category_id BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    district TEXT CHECK (district IN ('mitte', 'wattenscheid', 'nord', 'ost', 'sued', 'suedwest')),
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX tentative_dates_day ON tentative_dates (day);
