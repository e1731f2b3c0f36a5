//! All SQL lives under this module: the pool, migrations, and one file per resource.

mod agencies;
mod conversations;
mod orgs;
mod sessions;
mod teams;
mod users;

pub use agencies::*;
pub use conversations::*;
pub use orgs::*;
pub use sessions::*;
pub use teams::*;
pub use users::*;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
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

/// Now, as the RFC 3339 UTC text every timestamp column holds.
pub fn now() -> String {
    OffsetDateTime::now_utc().format(&Rfc3339).unwrap_or_default()
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
