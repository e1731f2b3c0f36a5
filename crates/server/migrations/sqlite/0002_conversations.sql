-- Conversations, second cut: who did what when (handoff history and analytics), the bot's
-- fallback flag (two in a row escalate under smart handoff), who wrote a human reply, the
-- inbox's paging index, and canned responses.

ALTER TABLE messages ADD COLUMN fallback INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN user_id INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- One row per state change: `conversation.created`, `conversation.reopened`,
-- `handoff.requested`, `handoff.accepted` (a take-over), `passed_to_ai`, `assigned`,
-- `replied`, `closed`. `actor_id` is NULL for the visitor, the bot and the platform.
CREATE TABLE conversation_events (
    id               INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    actor_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX conversation_events_conversation ON conversation_events(conversation_id, id);
CREATE INDEX conversation_events_kind ON conversation_events(kind, created_at);

-- The inbox: an org's conversations, newest activity first, a page at a time.
CREATE INDEX conversations_org_updated ON conversations(org_id, updated_at DESC, id DESC);
-- Analytics: conversations created per day.
CREATE INDEX conversations_org_created ON conversations(org_id, created_at);

CREATE TABLE canned_responses (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    shortcode   TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX canned_responses_org_shortcode ON canned_responses(org_id, shortcode);
