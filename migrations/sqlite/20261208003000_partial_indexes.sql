-- Columns that are empty (NULL) for almost every event are indexed only where they are set.
-- A full index counted the NULLs in ANALYZE's statistics ("100000 rows per value"), so
-- SQLite's planner scanned all events instead of using the index: every API write by an
-- external id and every suspected duplicate cost a scan of the events table (issue 23).
DROP INDEX IF EXISTS events_duplicate_of;
CREATE INDEX events_duplicate_of ON events (duplicate_of) WHERE duplicate_of IS NOT NULL;
DROP INDEX IF EXISTS events_external_id;
CREATE INDEX events_external_id ON events (external_id) WHERE external_id IS NOT NULL;
