-- The inbox at scale: search through a trigram index instead of scanning every
-- conversation and its messages, and count a filtered inbox from one index.

-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- What the inbox search looks in, lower-cased as the store compares: contact names and
-- visitor, bot and human messages. Trigram indexes answer `LIKE '%...%'` for patterns of
-- three characters and more; the store scans for shorter ones.
CREATE INDEX conversations_contact_search ON conversations USING gin (lower(contact_name) gin_trgm_ops);
CREATE INDEX messages_search ON messages USING gin (lower(text) gin_trgm_ops) WHERE author <> 'system';

-- The inbox's total: every filter column next to the org, so counting can read this index
-- alone (an index-only scan once vacuumed).
CREATE INDEX conversations_org_filters ON conversations(org_id, status, agent_id, team_id, assignee_id);
