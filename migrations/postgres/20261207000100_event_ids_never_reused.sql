-- Event ids are never given out twice. PostgreSQL's identity sequence never goes back, so
-- only SQLite needs a change (AUTOINCREMENT); this file keeps both folders in step.
SELECT 1;
