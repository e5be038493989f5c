-- The portal's own record of being up (issue 19, evaluation): every running instance
-- notes the current minute (Unix seconds / 60) twice a minute; several instances note the
-- same minute once. Missing minutes are the downtime the evaluation reports.
CREATE TABLE uptime_minutes (
    minute BIGINT PRIMARY KEY
);
