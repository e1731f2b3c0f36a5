-- Atrium schema, first cut. Timestamps are RFC 3339 UTC text; booleans are 0/1.

CREATE TABLE agencies (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    display_name    TEXT NOT NULL,
    primary_color   TEXT NOT NULL DEFAULT '#1f4fd1',
    logo_light_url  TEXT,
    logo_dark_url   TEXT,
    support_email   TEXT,
    website_url     TEXT,
    terms_url       TEXT,
    privacy_url     TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE agency_hostnames (
    hostname   TEXT PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE
);

CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    agency_id   INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    prefix      TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE agents (
    id           INTEGER PRIMARY KEY,
    agency_id    INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('chat', 'voice')),
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    created_at   TEXT NOT NULL
);
CREATE INDEX agents_agency ON agents(agency_id);

CREATE TABLE orgs (
    id                        INTEGER PRIMARY KEY,
    agency_id                 INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    name                      TEXT NOT NULL,
    contact_email             TEXT,
    logo_url                  TEXT,
    archived                  INTEGER NOT NULL DEFAULT 0,
    version                   INTEGER NOT NULL DEFAULT 1,
    dashboard_language        TEXT NOT NULL DEFAULT 'en',
    dashboard_layout          TEXT NOT NULL DEFAULT 'vertical',
    handoff_enabled           INTEGER NOT NULL DEFAULT 1,
    smart_handoff_enabled     INTEGER NOT NULL DEFAULT 0,
    show_handoff_messages     INTEGER NOT NULL DEFAULT 1,
    canned_responses_enabled  INTEGER NOT NULL DEFAULT 1,
    billing_enabled           INTEGER NOT NULL DEFAULT 0,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
);
CREATE UNIQUE INDEX orgs_agency_name ON orgs(agency_id, name COLLATE NOCASE);
CREATE INDEX orgs_agency_created ON orgs(agency_id, created_at);
CREATE INDEX orgs_agency_updated ON orgs(agency_id, updated_at);

CREATE TABLE org_agents (
    org_id    INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    agent_id  INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    PRIMARY KEY (org_id, agent_id)
);
CREATE INDEX org_agents_agent ON org_agents(agent_id);

-- Agency staff (org_id NULL) and client users (org_id set) alike.
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    agency_id      INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    org_id         INTEGER REFERENCES orgs(id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'org_admin', 'client_user')),
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    permissions    TEXT NOT NULL DEFAULT '',
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users(email COLLATE NOCASE);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE user_agents (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    agent_id  INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, agent_id)
);

CREATE TABLE sessions (
    token_hash       TEXT PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token       TEXT NOT NULL,
    impersonator_id  INTEGER REFERENCES users(id) ON DELETE CASCADE,
    created_at       TEXT NOT NULL,
    last_seen_at     TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE teams (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    label        TEXT NOT NULL,
    key          TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX teams_org_key ON teams(org_id, key);

CREATE TABLE team_members (
    team_id  INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE conversations (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    agent_id      INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    external_id   TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('bot', 'waiting', 'human', 'closed')),
    assignee_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    team_id       INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    contact_name  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX conversations_external ON conversations(org_id, external_id);
CREATE INDEX conversations_org_status ON conversations(org_id, status, updated_at);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    author           TEXT NOT NULL CHECK (author IN ('visitor', 'bot', 'human', 'system')),
    text             TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, id);

CREATE TABLE activity (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    actor_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX activity_org ON activity(org_id, id);
