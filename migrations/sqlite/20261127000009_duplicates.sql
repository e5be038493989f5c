-- The same event entered twice (by the venue and imported from the band's feed): the
-- later one points at the earlier one and is left out of lists until a moderator splits
-- the pair. 'suspected' (found by the portal) or 'confirmed' (by a moderator).
ALTER TABLE events ADD COLUMN duplicate_of BIGINT REFERENCES events (id) ON DELETE SET NULL;
ALTER TABLE events ADD COLUMN duplicate_state TEXT NOT NULL DEFAULT '';
CREATE INDEX events_duplicate_of ON events (duplicate_of);

-- Pairs a moderator declared different: never suspected again.
CREATE TABLE duplicate_splits (
    id INTEGER PRIMARY KEY,
    event_a BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    event_b BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_at BIGINT NOT NULL,
    UNIQUE (event_a, event_b)
);
