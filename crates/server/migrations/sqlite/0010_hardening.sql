-- Hardening after the outside attack run (issue 15).

-- A client user's agent subset is explicit: `all_agents` = 1 sees every agent of the org;
-- 0 sees only the agents in user_agents, none if they are all deleted (an emptied subset
-- used to read as "all" and widened the user).
ALTER TABLE users ADD COLUMN all_agents INTEGER NOT NULL DEFAULT 1;
UPDATE users SET all_agents = 0 WHERE id IN (SELECT user_id FROM user_agents);

-- Browsers that signed in to an account before (a long-lived HttpOnly cookie, only its
-- hash here): the right password from a known device passes the account-wide login limit.
CREATE TABLE known_devices (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
);
CREATE INDEX known_devices_user ON known_devices(user_id);

-- Who really acted during "Log in as": the staff member behind the client user's session.
ALTER TABLE activity ADD COLUMN on_behalf_of_id INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- Password reset links: only the token's hash, single use, short-lived.
CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at  TEXT NOT NULL
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- "Log in as" parks the staff member's own session instead of ending it: unusable while
-- parked (`parked_for` holds the impersonation session's token hash), and given back only
-- to whoever holds its token in the HttpOnly return cookie, never minted afresh.
ALTER TABLE sessions ADD COLUMN parked_for TEXT;
CREATE INDEX sessions_parked_for ON sessions(parked_for);
