//! Keeping SQLite's search indexes quick to read as they grow.
//!
//! Each write to an FTS5 table adds a small segment to its index, and FTS5 merges them
//! only four at a time: an inbox that reached 1,000,000 conversations through ingest held
//! 24 segments, and a search read the doclists of each of its trigrams in every one. Merged
//! into one, the same inbox search took 1.1 ms instead of 1.9. FTS5's `optimize` does that
//! in one transaction (seconds of held write lock at that size); its `merge` command does a
//! bounded slice of it per call, and the upkeep runs while users are not writing.

use super::write::{begin_upkeep_write, since_last_write};
use super::{Db, Dialect};
use std::time::Duration;

/// The FTS5 tables the store searches (migrations 0007 and 0012).
const SEARCH_TABLES: [&str; 2] = ["conversation_search", "org_search"];

/// Leaf pages merged per transaction: about 10 ms of held write lock here.
const PAGES_PER_SLICE: u32 = 50;

/// How long the upkeep rests once nothing is left to merge.
const REST: Duration = Duration::from_secs(30);

/// The upkeep merges only once users have written nothing for this long. Run back to back
/// during ingest, its slices took turns with ingest's batches and ingest fell from ~1,200 to
/// ~170 messages/s; at a tenth of the write lock, to 961/s with a p99 of 104 ms. While
/// writes keep coming, FTS5's own merging (four segments of a level at a time) goes on.
const QUIET: Duration = Duration::from_secs(2);

/// Merges one slice of each search index; `true` when any work was done (FTS5 reports it
/// only through the connection's change count: two or more changes mean it merged).
/// PostgreSQL's trigram indexes need none of this: `false`.
pub async fn merge_search_indexes(db: &Db) -> Result<bool, sqlx::Error> {
    if Dialect::of(db) != Dialect::Sqlite {
        return Ok(false);
    }
    let mut worked = false;
    for table in SEARCH_TABLES {
        let mut tx = begin_upkeep_write(db).await?;
        let before: i64 = sqlx::query_scalar("SELECT total_changes()").fetch_one(&mut *tx).await?;
        // A negative page count lets FTS5 merge any two segments, not only four of a level.
        sqlx::query(&format!("INSERT INTO {table} ({table}, rank) VALUES ('merge', -{PAGES_PER_SLICE})"))
            .execute(&mut *tx)
            .await?;
        let after: i64 = sqlx::query_scalar("SELECT total_changes()").fetch_one(&mut *tx).await?;
        tx.commit().await?;
        worked |= after - before >= 2;
    }
    Ok(worked)
}

/// Runs [`merge_search_indexes`] for as long as the server runs: slice after slice while
/// there is work and users are not writing (see [`QUIET`]), then every [`REST`]. A failure
/// is logged and tried again later.
pub fn spawn_search_upkeep(db: Db) -> Option<tokio::task::JoinHandle<()>> {
    (Dialect::of(&db) == Dialect::Sqlite).then(|| {
        tokio::spawn(async move {
            loop {
                let waited = since_last_write();
                if waited < QUIET {
                    tokio::time::sleep(QUIET - waited).await;
                    continue;
                }
                match merge_search_indexes(&db).await {
                    Ok(true) => {}
                    Ok(false) => tokio::time::sleep(REST).await,
                    Err(e) => {
                        tracing::warn!(error = %e, "search index upkeep failed; tried again later");
                        tokio::time::sleep(REST).await;
                    }
                }
            }
        })
    })
}
