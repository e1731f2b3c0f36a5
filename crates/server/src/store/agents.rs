//! The agency's agents pool, and the agents a client user sees.

use super::activity::record_activity;
use super::org_agents::{orgs_holding_agent, touch_org};
use super::{activity::By, begin_write, like_pattern, now, Db, Flag};
use crate::changes::agents_change;
use atrium_api::{Agent, AgentInput, AgentKind, AgentListQuery, AgentStatus};
use sqlx::FromRow;

#[derive(FromRow)]
struct AgentRow {
    id: i64,
    name: String,
    kind: String,
    description: String,
    status: String,
}

impl From<AgentRow> for Agent {
    fn from(r: AgentRow) -> Self {
        Agent {
            id: r.id,
            name: r.name,
            // The CHECK constraints keep these columns to the known values.
            kind: AgentKind::parse(&r.kind).unwrap_or(AgentKind::Chat),
            description: r.description,
            status: AgentStatus::parse(&r.status).unwrap_or(AgentStatus::Paused),
        }
    }
}

const AGENT_COLUMNS: &str = "a.id, a.name, a.kind, a.description, a.status";

/// A page of the agency's agents by name, narrowed by name text, kind and status.
pub async fn list_agents(db: &Db, agency_id: i64, query: &AgentListQuery) -> Result<(Vec<Agent>, u64), sqlx::Error> {
    let list = query.list();
    let pattern = list.search().map(like_pattern);
    let kind = query.kind.map(AgentKind::as_str);
    let status = query.status.map(AgentStatus::as_str);
    let filter = "a.agency_id = $1 AND ($2 IS NULL OR lower(a.name) LIKE $2 ESCAPE '\\') \
                  AND ($3 IS NULL OR a.kind = $3) AND ($4 IS NULL OR a.status = $4)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM agents a WHERE {filter}"))
        .bind(agency_id)
        .bind(&pattern)
        .bind(kind)
        .bind(status)
        .fetch_one(db)
        .await?;
    let sql =
        format!("SELECT {AGENT_COLUMNS} FROM agents a WHERE {filter} ORDER BY lower(a.name), a.id LIMIT $5 OFFSET $6");
    let rows = sqlx::query_as::<_, AgentRow>(&sql)
        .bind(agency_id)
        .bind(&pattern)
        .bind(kind)
        .bind(status)
        .bind(i64::from(list.per_page()))
        .bind(list.offset() as i64)
        .fetch_all(db)
        .await?;
    Ok((rows.into_iter().map(Into::into).collect(), total.max(0) as u64))
}

/// The agent if it belongs to `agency_id`; another agency's agent is as good as missing.
pub async fn get_agent(db: &Db, agency_id: i64, agent_id: i64) -> Result<Option<Agent>, sqlx::Error> {
    let sql = format!("SELECT {AGENT_COLUMNS} FROM agents a WHERE a.id = $1 AND a.agency_id = $2");
    Ok(sqlx::query_as::<_, AgentRow>(&sql).bind(agent_id).bind(agency_id).fetch_optional(db).await?.map(Into::into))
}

/// Adds `input` (already cleaned by the caller) to the agency's pool.
pub async fn create_agent(db: &Db, agency_id: i64, input: &AgentInput) -> Result<Agent, sqlx::Error> {
    let row = sqlx::query_as::<_, AgentRow>(
        "INSERT INTO agents (agency_id, name, kind, description, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, kind, description, status",
    )
    .bind(agency_id)
    .bind(&input.name)
    .bind(input.kind.as_str())
    .bind(&input.description)
    .bind(input.status.as_str())
    .bind(now())
    .fetch_one(db)
    .await?;
    Ok(row.into())
}

/// Replaces the agent's fields; `None` when the agency has no such agent.
pub async fn update_agent(
    db: &Db,
    agency_id: i64,
    agent_id: i64,
    input: &AgentInput,
) -> Result<Option<Agent>, sqlx::Error> {
    let row = sqlx::query_as::<_, AgentRow>(
        "UPDATE agents SET name = $1, kind = $2, description = $3, status = $4 \
         WHERE id = $5 AND agency_id = $6 RETURNING id, name, kind, description, status",
    )
    .bind(&input.name)
    .bind(input.kind.as_str())
    .bind(&input.description)
    .bind(input.status.as_str())
    .bind(agent_id)
    .bind(agency_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(Into::into))
}

/// What [`delete_agent`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum AgentDeletion {
    Deleted,
    /// The agency has no such agent.
    NotFound,
    /// The agent has conversations; nothing was written.
    HasConversations,
}

/// Deletes the agent unless it has conversations; the schema's cascades unassign it from
/// every org and user. Each org that held it gets an `agents` entry by `by` in its
/// log, since its set of agents changed as surely as through an assignment.
///
/// The schema would also cascade to the agent's conversations (and their messages), in
/// every org: history that clients own. So an agent that has any is refused; pausing it
/// is the way to retire it. The check runs inside the write transaction, so a
/// conversation recorded meanwhile cannot slip in between the check and the delete.
pub async fn delete_agent(db: &Db, agency_id: i64, agent_id: i64, by: By) -> Result<AgentDeletion, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM agents WHERE id = $1 AND agency_id = $2")
        .bind(agent_id)
        .bind(agency_id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Ok(AgentDeletion::NotFound);
    }
    let talked: Flag = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM conversations WHERE agent_id = $1)")
        .bind(agent_id)
        .fetch_one(&mut *tx)
        .await?;
    if talked.0 {
        return Ok(AgentDeletion::HasConversations);
    }
    let holders = orgs_holding_agent(&mut tx, agent_id).await?;
    sqlx::query("DELETE FROM agents WHERE id = $1").bind(agent_id).execute(&mut *tx).await?;
    for (org_id, old_ids) in holders {
        let new_ids: Vec<i64> = old_ids.iter().copied().filter(|id| *id != agent_id).collect();
        if let Some(change) = agents_change(&old_ids, &new_ids) {
            touch_org(&mut tx, org_id).await?;
            record_activity(&mut tx, org_id, Some(by), &[change]).await?;
        }
    }
    tx.commit().await?;
    Ok(AgentDeletion::Deleted)
}

/// The agents a client user sees: the org's, narrowed to their own subset unless they see
/// all (a subset whose agents were all deleted narrows to none).
pub async fn agents_for_client(db: &Db, org_id: i64, user_id: i64) -> Result<Vec<Agent>, sqlx::Error> {
    let sql = format!(
        "SELECT {AGENT_COLUMNS} FROM agents a \
         JOIN org_agents oa ON oa.agent_id = a.id AND oa.org_id = $1 \
         WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = $2 AND u.all_agents) \
            OR a.id IN (SELECT agent_id FROM user_agents WHERE user_id = $2) \
         ORDER BY a.name"
    );
    let rows = sqlx::query_as::<_, AgentRow>(&sql).bind(org_id).bind(user_id).fetch_all(db).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}
