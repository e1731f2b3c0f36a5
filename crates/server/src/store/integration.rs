//! How the agent runtime connects: an agency's API keys (only their hashes are kept), and
//! each org's keyword rules that escalate a conversation to a team.

use super::{now, Db};
use atrium_api::{ApiKey, HandoffRule};

/// The agency's keys, newest first, revoked ones included (their dates show when).
pub async fn list_api_keys(db: &Db, agency_id: i64) -> Result<Vec<ApiKey>, sqlx::Error> {
    let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, prefix, created_at, revoked_at FROM api_keys WHERE agency_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(agency_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, prefix, created_at, revoked_at)| ApiKey { id, prefix, created_at, revoked_at })
        .collect())
}

/// A new live key of the agency, stored as its hash.
pub async fn create_api_key(db: &Db, agency_id: i64, prefix: &str, key_hash: &str) -> Result<ApiKey, sqlx::Error> {
    let created_at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_keys (agency_id, prefix, key_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(agency_id)
    .bind(prefix)
    .bind(key_hash)
    .bind(&created_at)
    .fetch_one(db)
    .await?;
    Ok(ApiKey { id, prefix: prefix.to_string(), created_at, revoked_at: None })
}

/// Revokes the agency's key `id` (a revoked one keeps its first revocation date);
/// `false` when the agency has no such key.
pub async fn revoke_api_key(db: &Db, agency_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 AND agency_id = $3")
            .bind(now())
            .bind(id)
            .bind(agency_id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// The org's keyword rules, by keyword.
pub async fn list_handoff_rules(db: &Db, org_id: i64) -> Result<Vec<HandoffRule>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, keyword, team_id FROM handoff_rules WHERE org_id = $1 ORDER BY lower(keyword), id")
            .bind(org_id)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(id, keyword, team_id)| HandoffRule { id, keyword, team_id }).collect())
}

/// A new rule; the caller checked that the team is one of the org's. A keyword the org
/// already has (in any case) fails on the unique index.
pub async fn create_handoff_rule(
    db: &Db,
    org_id: i64,
    keyword: &str,
    team_id: Option<i64>,
) -> Result<HandoffRule, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO handoff_rules (org_id, keyword, team_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(org_id)
    .bind(keyword)
    .bind(team_id)
    .bind(now())
    .fetch_one(db)
    .await?;
    Ok(HandoffRule { id, keyword: keyword.to_string(), team_id })
}

/// Deletes the org's rule `id`; `false` when the org has no such rule.
pub async fn delete_handoff_rule(db: &Db, org_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM handoff_rules WHERE id = $1 AND org_id = $2")
        .bind(id)
        .bind(org_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether `team_id` is a team of the org.
pub async fn team_in_org(db: &Db, org_id: i64, team_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM teams WHERE id = $1 AND org_id = $2")
        .bind(team_id)
        .bind(org_id)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

/// The agency called `name` (the demo simulator finds Northwind so).
pub async fn agency_id_by_name(db: &Db, name: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM agencies WHERE name = $1 ORDER BY id LIMIT 1")
        .bind(name)
        .fetch_optional(db)
        .await
}

/// The agency's live org called `name`.
pub async fn org_id_by_name(db: &Db, agency_id: i64, name: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM orgs WHERE agency_id = $1 AND name = $2 ORDER BY id LIMIT 1")
        .bind(agency_id)
        .bind(name)
        .fetch_optional(db)
        .await
}
