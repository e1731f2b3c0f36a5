//! The per-organization activity log: written inside the transaction that made the
//! change, so the log and the data never disagree; read newest first.

use super::{now, Db};
use crate::changes::Change;
use atrium_api::{ActivityEntry, ListQuery, UserSummary};
use sqlx::{AnyConnection, FromRow};

/// Appends `changes` to `org_id`'s log, all with one timestamp, on the caller's
/// transaction. `actor_id` is `None` for changes nobody in particular made.
pub(super) async fn record_activity(
    conn: &mut AnyConnection,
    org_id: i64,
    actor_id: Option<i64>,
    changes: &[Change],
) -> Result<(), sqlx::Error> {
    let now = now();
    for c in changes {
        sqlx::query(
            "INSERT INTO activity (org_id, actor_id, field, old_value, new_value, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org_id)
        .bind(actor_id)
        .bind(c.field)
        .bind(&c.old_value)
        .bind(&c.new_value)
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct ActivityRow {
    id: i64,
    actor_id: Option<i64>,
    actor_email: Option<String>,
    actor_name: Option<String>,
    field: String,
    old_value: Option<String>,
    new_value: Option<String>,
    created_at: String,
}

impl From<ActivityRow> for ActivityEntry {
    fn from(r: ActivityRow) -> Self {
        // The LEFT JOIN yields all three actor columns or none of them.
        let actor = match (r.actor_id, r.actor_email, r.actor_name) {
            (Some(id), Some(email), Some(name)) => Some(UserSummary { id, email, name }),
            _ => None,
        };
        ActivityEntry {
            id: r.id,
            actor,
            field: r.field,
            old_value: r.old_value,
            new_value: r.new_value,
            created_at: r.created_at,
        }
    }
}

/// A page of `org_id`'s log, newest first. Ids grow with time and, unlike timestamps,
/// never tie, so they give a stable order across pages.
pub async fn list_activity(db: &Db, org_id: i64, query: &ListQuery) -> Result<(Vec<ActivityEntry>, u64), sqlx::Error> {
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM activity WHERE org_id = $1").bind(org_id).fetch_one(db).await?;
    let rows = sqlx::query_as::<_, ActivityRow>(
        "SELECT a.id, a.actor_id, u.email AS actor_email, u.name AS actor_name, a.field, a.old_value, \
         a.new_value, a.created_at FROM activity a LEFT JOIN users u ON u.id = a.actor_id \
         WHERE a.org_id = $1 ORDER BY a.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(org_id)
    .bind(i64::from(query.per_page()))
    .bind(query.offset() as i64)
    .fetch_all(db)
    .await?;
    Ok((rows.into_iter().map(Into::into).collect(), total.max(0) as u64))
}

/// Appends `changes` to `org_id`'s log on its own, for events that write nothing else
/// to the database in the same breath (such as "Log in as").
pub async fn log_activity(db: &Db, org_id: i64, actor_id: i64, changes: &[Change]) -> Result<(), sqlx::Error> {
    let mut conn = db.acquire().await?;
    record_activity(&mut conn, org_id, Some(actor_id), changes).await
}
