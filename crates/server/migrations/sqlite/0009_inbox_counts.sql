-- The inbox's total without counting the org's conversations on every page: how many
-- conversations each combination of the inbox's filter columns holds, kept by the triggers
-- below, so a total is a sum over the few rows matching the filters and the caller's scope.
-- A search, or a filter on a column not kept here, still counts the conversations.
CREATE TABLE conversation_counts (
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    agent_id     INTEGER NOT NULL,
    team_id      INTEGER,
    assignee_id  INTEGER,
    n            INTEGER NOT NULL
);
-- One row per combination. No team and no assignee are NULL, as in `conversations` (so a
-- filter's `team_id = ?` never matches them); in the key they are 0, which no id is, since
-- a unique index counts NULLs as all different.
CREATE UNIQUE INDEX conversation_counts_key
    ON conversation_counts(org_id, status, agent_id, coalesce(team_id, 0), coalesce(assignee_id, 0));

INSERT INTO conversation_counts (org_id, status, agent_id, team_id, assignee_id, n)
    SELECT org_id, status, agent_id, team_id, assignee_id, COUNT(*) FROM conversations
    GROUP BY org_id, status, agent_id, coalesce(team_id, 0), coalesce(assignee_id, 0);

-- Rows going to zero are kept: there are few combinations, and they come back.
CREATE TRIGGER conversation_counts_added AFTER INSERT ON conversations BEGIN
    INSERT INTO conversation_counts (org_id, status, agent_id, team_id, assignee_id, n)
    VALUES (new.org_id, new.status, new.agent_id, new.team_id, new.assignee_id, 1)
    ON CONFLICT (org_id, status, agent_id, coalesce(team_id, 0), coalesce(assignee_id, 0)) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER conversation_counts_removed AFTER DELETE ON conversations BEGIN
    UPDATE conversation_counts SET n = n - 1
    WHERE org_id = old.org_id AND status = old.status AND agent_id = old.agent_id
      AND coalesce(team_id, 0) = coalesce(old.team_id, 0) AND coalesce(assignee_id, 0) = coalesce(old.assignee_id, 0);
END;
-- Also what the schema's ON DELETE SET NULL does to a deleted team or assignee.
CREATE TRIGGER conversation_counts_moved AFTER UPDATE OF org_id, status, agent_id, team_id, assignee_id ON conversations
    WHEN old.org_id IS NOT new.org_id OR old.status IS NOT new.status OR old.agent_id IS NOT new.agent_id
      OR old.team_id IS NOT new.team_id OR old.assignee_id IS NOT new.assignee_id BEGIN
    UPDATE conversation_counts SET n = n - 1
    WHERE org_id = old.org_id AND status = old.status AND agent_id = old.agent_id
      AND coalesce(team_id, 0) = coalesce(old.team_id, 0) AND coalesce(assignee_id, 0) = coalesce(old.assignee_id, 0);
    INSERT INTO conversation_counts (org_id, status, agent_id, team_id, assignee_id, n)
    VALUES (new.org_id, new.status, new.agent_id, new.team_id, new.assignee_id, 1)
    ON CONFLICT (org_id, status, agent_id, coalesce(team_id, 0), coalesce(assignee_id, 0)) DO UPDATE SET n = n + 1;
END;
