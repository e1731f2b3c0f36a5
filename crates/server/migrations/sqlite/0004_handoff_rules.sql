-- Keyword rules of an org: a visitor message containing the keyword escalates (where
-- smart handoff is on) and routes to the team, or to the whole org when it has none.
CREATE TABLE handoff_rules (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    keyword     TEXT NOT NULL,
    team_id     INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);

CREATE UNIQUE INDEX handoff_rules_org_keyword ON handoff_rules (org_id, lower(keyword));
