-- Calendars on the fediverse (Gancio, Mobilizon …) the portal follows: the events they
-- send become suggestions in the moderation queue, attributed to them.
CREATE TABLE fedi_following (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The remote actor's id (its address).
    actor TEXT NOT NULL UNIQUE,
    handle TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    inbox TEXT NOT NULL,
    -- The Sparte its events get (they can be changed in moderation).
    category_id BIGINT REFERENCES categories (id) ON DELETE SET NULL,
    accepted_at BIGINT,
    created_at BIGINT NOT NULL
);

-- Which remote event became which suggestion (an Update changes the same one).
CREATE TABLE fedi_remote_events (
    object_id TEXT PRIMARY KEY,
    following_id BIGINT NOT NULL REFERENCES fedi_following (id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    received_at BIGINT NOT NULL
);
