//! Teams of an organization; they receive handoffs.

use super::{now, Db};

pub async fn insert_team(
    db: &Db,
    org_id: i64,
    label: &str,
    key: &str,
    description: &str,
    member_ids: &[i64],
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO teams (org_id, label, key, description, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(org_id)
    .bind(label)
    .bind(key)
    .bind(description)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    for user_id in member_ids {
        sqlx::query("INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)")
            .bind(id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}
