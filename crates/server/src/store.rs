//! All SQL lives under this module: the pool, migrations, and one file per resource.

mod activity;
mod agencies;
mod agents;
mod analytics;
mod canned;
mod client_users;
mod conversations;
mod handoff;
mod ingest;
mod integration;
mod invoices;
mod org_agents;
mod orgs;
mod plans;
mod sessions;
mod staff;
mod subscriptions;
mod teams;
mod users;

pub use activity::*;
pub use agencies::*;
pub use agents::*;
pub use analytics::*;
pub use canned::*;
pub use client_users::*;
pub use conversations::*;
pub use handoff::*;
pub use ingest::*;
pub use integration::*;
pub use invoices::{get_invoice, list_invoices, mark_invoice_paid};
pub use org_agents::*;
pub use orgs::*;
pub use plans::*;
pub use sessions::*;
pub use staff::*;
pub use subscriptions::*;
pub use teams::*;
pub use users::*;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub type Db = SqlitePool;

/// Opens (creating if needed) the database at `url` and brings its schema up to date.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// A transaction that takes SQLite's write lock at `BEGIN`. A plain (deferred) one that
/// reads and then writes fails at once with SQLITE_BUSY when another writer commits in
/// between; this one waits its turn (`busy_timeout`) instead, so read-then-write
/// sequences such as "old values, update, log the difference" stay consistent.
async fn begin_write(db: &Db) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    db.begin_with("BEGIN IMMEDIATE").await
}

/// Now, as the RFC 3339 UTC text every timestamp column holds, always with six
/// fractional digits: text of one width sorts as the times do, which `ORDER BY` on these
/// columns relies on (the `time` crate's own RFC 3339 output drops trailing zeros, so
/// `…05.1Z` would sort after `…05.12Z`).
pub fn now() -> String {
    let t = OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// Seconds since `rfc3339`, or `None` when it does not parse.
pub fn seconds_since(rfc3339: &str) -> Option<i64> {
    let then = OffsetDateTime::parse(rfc3339, &Rfc3339).ok()?;
    Some((OffsetDateTime::now_utc() - then).whole_seconds())
}

/// Whether the database holds any agency: the demo seed never loads over existing data.
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agencies").fetch_one(db).await?;
    Ok(n == 0)
}

/// `a,b,c` from SQLite's group_concat into ids.
fn parse_ids(csv: Option<String>) -> Vec<i64> {
    let mut ids: Vec<i64> = csv.unwrap_or_default().split(',').filter_map(|s| s.trim().parse().ok()).collect();
    ids.sort_unstable();
    ids
}

/// Ids sorted, each once: what an id-set column or table is given.
fn distinct(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A LIKE pattern for "contains `q`", with LIKE's wildcards escaped so a search for
/// `50%` finds that text. Use with `ESCAPE '\\'`.
fn like_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Ids as the JSON array text that SQLite's `json_each` reads, so a whole id list binds as
/// one parameter instead of a SQL string built to its length.
fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

/// Whether every id of `ids` (duplicates ignored) names a row of `set` belonging to
/// `owner`. `set` is a fixed SQL row source selecting `owner` and `id` columns, never
/// caller input: e.g. `(SELECT org_id AS owner, agent_id AS id FROM org_agents)`.
async fn all_ids_in(
    conn: &mut sqlx::SqliteConnection,
    set: &'static str,
    owner: i64,
    ids: &[i64],
) -> Result<bool, sqlx::Error> {
    let ids = distinct(ids);
    let sql = format!("SELECT COUNT(*) FROM {set} s WHERE s.owner = $1 AND s.id IN (SELECT value FROM json_each($2))");
    let known: i64 = sqlx::query_scalar(&sql).bind(owner).bind(json_ids(&ids)).fetch_one(&mut *conn).await?;
    Ok(known == ids.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_of_one_width() {
        let a = now();
        assert_eq!(a.len(), "2024-01-02T03:04:05.123456Z".len(), "{a}");
        assert!(OffsetDateTime::parse(&a, &Rfc3339).is_ok(), "{a}");
        assert!(seconds_since(&a).is_some_and(|s| (0..5).contains(&s)));
        assert!(now() >= a, "later text sorts later");
    }
}
