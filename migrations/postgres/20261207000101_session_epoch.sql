-- Sessions remember the account's epoch at login; a changed password or „Überall
-- abmelden“ raises it, which ends every session that carries an older one.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;
