-- Columns that are empty (NULL) for almost every event are indexed only where they are set
-- (the same as on SQLite, whose planner was misled by the NULLs in its statistics).
DROP INDEX IF EXISTS events_duplicate_of;
CREATE INDEX events_duplicate_of ON events (duplicate_of) WHERE duplicate_of IS NOT NULL;
DROP INDEX IF EXISTS events_external_id;
CREATE INDEX events_external_id ON events (external_id) WHERE external_id IS NOT NULL;
