-- Hardening after the outside attack run (issue 15). See the SQLite file for the why.

ALTER TABLE users ADD COLUMN all_agents BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE users SET all_agents = FALSE WHERE id IN (SELECT user_id FROM user_agents);

CREATE TABLE known_devices (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
);
CREATE INDEX known_devices_user ON known_devices(user_id);

ALTER TABLE activity ADD COLUMN on_behalf_of_id BIGINT REFERENCES users(id) ON DELETE SET NULL;

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at  TEXT NOT NULL
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- "Log in as" parks the staff member's own session instead of ending it: unusable while
-- parked (`parked_for` holds the impersonation session's token hash), and given back only
-- to whoever holds its token in the HttpOnly return cookie, never minted afresh.
ALTER TABLE sessions ADD COLUMN parked_for TEXT;
CREATE INDEX sessions_parked_for ON sessions(parked_for);
