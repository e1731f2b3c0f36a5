//! The per-organization activity log: written inside the transaction that made the
//! change, so the log and the data never disagree; read newest first.

use super::{now, Db};
use crate::changes::Change;
use atrium_api::{ActivityEntry, ListQuery, UserSummary};
use sqlx::{AnyConnection, FromRow};

/// Who made a change: the user whose session it was and, during "Log in as", the staff
/// member really at the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct By {
    pub user_id: i64,
    pub impersonator_id: Option<i64>,
}

/// Appends `changes` to `org_id`'s log, all with one timestamp, on the caller's
/// transaction. `by` is `None` for changes nobody in particular made. During "Log in as"
/// the staff member is the actor, on behalf of the client user.
pub(super) async fn record_activity(
    conn: &mut AnyConnection,
    org_id: i64,
    by: Option<By>,
    changes: &[Change],
) -> Result<(), sqlx::Error> {
    let now = now();
    let actor_id = by.map(|b| b.impersonator_id.unwrap_or(b.user_id));
    let on_behalf_of_id = by.and_then(|b| b.impersonator_id.map(|_| b.user_id));
    for c in changes {
        sqlx::query(
            "INSERT INTO activity (org_id, actor_id, on_behalf_of_id, field, old_value, new_value, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(org_id)
        .bind(actor_id)
        .bind(on_behalf_of_id)
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
    behalf_id: Option<i64>,
    behalf_email: Option<String>,
    behalf_name: Option<String>,
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
        let on_behalf_of = match (r.behalf_id, r.behalf_email, r.behalf_name) {
            (Some(id), Some(email), Some(name)) => Some(UserSummary { id, email, name }),
            _ => None,
        };
        ActivityEntry {
            id: r.id,
            actor,
            on_behalf_of,
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
        "SELECT a.id, a.actor_id, u.email AS actor_email, u.name AS actor_name, \
         b.id AS behalf_id, b.email AS behalf_email, b.name AS behalf_name, a.field, a.old_value, \
         a.new_value, a.created_at FROM activity a LEFT JOIN users u ON u.id = a.actor_id \
         LEFT JOIN users b ON b.id = a.on_behalf_of_id \
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
pub async fn log_activity(db: &Db, org_id: i64, by: By, changes: &[Change]) -> Result<(), sqlx::Error> {
    let mut conn = db.acquire().await?;
    record_activity(&mut conn, org_id, Some(by), changes).await
}
