//! Which of the agency's agents an organization holds.

use super::activity::record_activity;
use super::orgs::get_org;
use super::{activity::By, all_ids_in, begin_write, distinct, json_ids, now, parse_ids, Db, Dialect};
use crate::changes::agents_change;
use atrium_api::Organization;
use sqlx::AnyConnection;

/// Adds one agent to an org, logging nothing: the demo seed's way in.
pub async fn assign_agent(db: &Db, org_id: i64, agent_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO org_agents (org_id, agent_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(org_id)
        .bind(agent_id)
        .execute(db)
        .await?;
    Ok(())
}

pub enum AssignOutcome {
    Assigned(Box<Organization>),
    /// Some id is not an agent of the org's agency; nothing was written.
    UnknownAgents,
}

/// Makes `agent_ids` (duplicates ignored) the org's whole set of agents and logs the old
/// and new sets by `by` when they differ. It touches `updated_at` but not `version`:
/// the version guards the settings form, and another admin's settings draft must not
/// become stale because agents were assigned meanwhile.
pub async fn replace_org_agents(
    db: &Db,
    agency_id: i64,
    org_id: i64,
    by: By,
    agent_ids: &[i64],
) -> Result<AssignOutcome, sqlx::Error> {
    let ids = distinct(agent_ids);
    let ids_json = json_ids(&ids);

    // Checked inside the write transaction, so an agent deleted meanwhile cannot slip in.
    let mut tx = begin_write(db).await?;
    let old = get_org(&mut *tx, agency_id, org_id).await?.ok_or(sqlx::Error::RowNotFound)?;
    if !all_ids_in(&mut tx, "(SELECT agency_id AS owner, id FROM agents)", agency_id, &ids).await? {
        return Ok(AssignOutcome::UnknownAgents);
    }
    if let Some(change) = agents_change(&old.agent_ids, &ids) {
        sqlx::query("DELETE FROM org_agents WHERE org_id = $1").bind(org_id).execute(&mut *tx).await?;
        let list = Dialect::of(db).id_list("$2");
        sqlx::query(&format!("INSERT INTO org_agents (org_id, agent_id) SELECT $1, value FROM ({list}) ids"))
            .bind(org_id)
            .bind(&ids_json)
            .execute(&mut *tx)
            .await?;
        touch_org(&mut tx, org_id).await?;
        record_activity(&mut tx, org_id, Some(by), &[change]).await?;
    }
    let org = get_org(&mut *tx, agency_id, org_id).await?.ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    Ok(AssignOutcome::Assigned(Box::new(org)))
}

/// The orgs holding `agent_id`, each with its current set of agent ids.
pub(super) async fn orgs_holding_agent(
    conn: &mut AnyConnection,
    agent_id: i64,
) -> Result<Vec<(i64, Vec<i64>)>, sqlx::Error> {
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT oa.org_id, (SELECT group_concat(agent_id) FROM org_agents x WHERE x.org_id = oa.org_id) \
         FROM org_agents oa WHERE oa.agent_id = $1 ORDER BY oa.org_id",
    )
    .bind(agent_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(org_id, ids)| (org_id, parse_ids(ids))).collect())
}

/// Marks the org as changed without bumping its version (see [`replace_org_agents`]).
pub(super) async fn touch_org(conn: &mut AnyConnection, org_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orgs SET updated_at = $1 WHERE id = $2").bind(now()).bind(org_id).execute(&mut *conn).await?;
    Ok(())
}
