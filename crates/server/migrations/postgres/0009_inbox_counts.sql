-- The inbox's total without counting the org's conversations on every page: how many
-- conversations each combination of the inbox's filter columns holds, kept by the triggers
-- below, so a total is a sum over the few rows matching the filters and the caller's scope.
-- A search, or a filter on a column not kept here, still counts the conversations.
CREATE TABLE conversation_counts (
    org_id       BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    agent_id     BIGINT NOT NULL,
    team_id      BIGINT,
    assignee_id  BIGINT,
    n            BIGINT NOT NULL
);
-- One row per combination. No team and no assignee are NULL, as in `conversations` (so a
-- filter's `team_id = ?` never matches them); in the key they are 0, which no id is, since
-- a unique index counts NULLs as all different.
CREATE UNIQUE INDEX conversation_counts_key
    ON conversation_counts(org_id, status, agent_id, COALESCE(team_id, 0), COALESCE(assignee_id, 0));

INSERT INTO conversation_counts (org_id, status, agent_id, team_id, assignee_id, n)
    SELECT org_id, status, agent_id, MAX(team_id), MAX(assignee_id), COUNT(*) FROM conversations
    GROUP BY org_id, status, agent_id, COALESCE(team_id, 0), COALESCE(assignee_id, 0);

-- Rows going to zero are kept: there are few combinations, and they come back. Concurrent
-- writers of one combination take turns on its row (the upsert), as they do on the
-- conversations themselves under the store's write lock.
CREATE FUNCTION conversation_counts_track() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE conversation_counts SET n = n - 1
        WHERE org_id = OLD.org_id AND status = OLD.status AND agent_id = OLD.agent_id
          AND COALESCE(team_id, 0) = COALESCE(OLD.team_id, 0)
          AND COALESCE(assignee_id, 0) = COALESCE(OLD.assignee_id, 0);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO conversation_counts AS k (org_id, status, agent_id, team_id, assignee_id, n)
        VALUES (NEW.org_id, NEW.status, NEW.agent_id, NEW.team_id, NEW.assignee_id, 1)
        ON CONFLICT (org_id, status, agent_id, COALESCE(team_id, 0), COALESCE(assignee_id, 0))
        DO UPDATE SET n = k.n + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER conversation_counts_added_removed AFTER INSERT OR DELETE ON conversations
FOR EACH ROW EXECUTE FUNCTION conversation_counts_track();
-- Also what the schema's ON DELETE SET NULL does to a deleted team or assignee.
CREATE TRIGGER conversation_counts_moved AFTER UPDATE OF org_id, status, agent_id, team_id, assignee_id ON conversations
FOR EACH ROW WHEN ((OLD.org_id, OLD.status, OLD.agent_id, OLD.team_id, OLD.assignee_id)
    IS DISTINCT FROM (NEW.org_id, NEW.status, NEW.agent_id, NEW.team_id, NEW.assignee_id))
EXECUTE FUNCTION conversation_counts_track();
