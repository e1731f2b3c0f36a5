//! Write transactions: how the store's writers take turns.

use super::{Db, Dialect};
use sqlx::{Any, AnyConnection, Connection, Transaction};
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex as TurnLock, OwnedMutexGuard};

/// Advisory lock key of the PostgreSQL write lock (any fixed number, unique among the
/// app's locks: see `STARTUP_LOCK`).
const WRITE_LOCK: i64 = 0x4154_5249_554d_0002;

/// As long as SQLite's own `busy_timeout`: a writer that waits longer gets the same
/// "storage unavailable" answer a busy database gives.
const TURN_TIMEOUT: Duration = Duration::from_secs(5);

/// An open write transaction (see [`begin_write`]); `&mut *tx` is its connection: one of
/// the pool's, or one the caller keeps (`'c`, see [`begin_write_on`]).
pub struct WriteTx<'c> {
    tx: Transaction<'c, Any>,
    /// SQLite: this writer's turn, given back when the transaction has ended.
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx<'_> {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        // `_turn` is released when this returns, after the COMMIT.
        self.tx.commit().await
    }
}

impl Deref for WriteTx<'_> {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// A transaction that writes after reading, serialized with every other such transaction
/// as SQLite's single writer does. SQLite: `BEGIN IMMEDIATE` takes the write lock at once
/// (a deferred one that reads and then writes fails with SQLITE_BUSY when another writer
/// commits in between). Writers of this process queue for it on an async lock first: left
/// to SQLite, a writer that finds the lock taken sleeps 1, 2, 5, 10… ms between tries
/// (its busy handler), though a write holds the lock well under a millisecond, and
/// ingest stalled near 1,000 messages/s. Another process's writers still meet SQLite's
/// busy handler. PostgreSQL: a transaction-scoped advisory lock, so that read-then-write
/// sequences the store relies on (the agency's next invoice number, "the last owner", "old
/// values, update, log the difference") see no concurrent writer between their read and
/// their write, on any replica. Reads never wait for either.
pub(super) async fn begin_write(db: &Db) -> Result<WriteTx<'static>, sqlx::Error> {
    LAST_WRITE_MS.store(since_start().as_millis() as u64, Ordering::Relaxed);
    begin_turn(db, None).await
}

/// [`begin_write`] on `conn`, a connection to `db`'s database that the caller keeps
/// between transactions: a writer that writes all the time (`ingest_queue.rs`) keeps
/// SQLite's page cache of its connection, which a commit on any other connection empties.
pub(super) async fn begin_write_on<'c>(db: &Db, conn: &'c mut AnyConnection) -> Result<WriteTx<'c>, sqlx::Error> {
    LAST_WRITE_MS.store(since_start().as_millis() as u64, Ordering::Relaxed);
    begin_turn(db, Some(conn)).await
}

/// A write transaction of the store's own upkeep: as [`begin_write`], but not counted as
/// the users' writing (see [`since_last_write`]).
pub(super) async fn begin_upkeep_write(db: &Db) -> Result<WriteTx<'static>, sqlx::Error> {
    begin_turn(db, None).await
}

/// When this process last began a [`begin_write`] transaction, as time since it started.
static LAST_WRITE_MS: AtomicU64 = AtomicU64::new(0);

fn since_start() -> Duration {
    static START: LazyLock<Instant> = LazyLock::new(Instant::now);
    START.elapsed()
}

/// How long ago this process last began a write for a user (any database).
pub(super) fn since_last_write() -> Duration {
    since_start().saturating_sub(Duration::from_millis(LAST_WRITE_MS.load(Ordering::Relaxed)))
}

/// On `conn` if given, else on one of the pool's connections.
async fn begin_turn<'c>(db: &Db, conn: Option<&'c mut AnyConnection>) -> Result<WriteTx<'c>, sqlx::Error> {
    match Dialect::of(db) {
        Dialect::Sqlite => {
            let turn = tokio::time::timeout(TURN_TIMEOUT, turn_lock(db).lock_owned())
                .await
                .map_err(|_| sqlx::Error::PoolTimedOut)?;
            let tx = match conn {
                Some(conn) => conn.begin_with("BEGIN IMMEDIATE").await?,
                None => db.begin_with("BEGIN IMMEDIATE").await?,
            };
            Ok(WriteTx { tx, _turn: Some(turn) })
        }
        Dialect::Postgres => {
            let mut tx = match conn {
                Some(conn) => conn.begin().await?,
                None => db.begin().await?,
            };
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
            Ok(WriteTx { tx, _turn: None })
        }
    }
}

/// The turn lock of `db`'s database, one per database URL: pools over the same file (two
/// apps in one test, say) share it, as they share SQLite's write lock.
fn turn_lock(db: &Db) -> Arc<TurnLock<()>> {
    static LOCKS: LazyLock<Mutex<HashMap<String, Arc<TurnLock<()>>>>> = LazyLock::new(Default::default);
    let url = db.connect_options().database_url.to_string();
    let mut locks = LOCKS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    locks.entry(url).or_default().clone()
}
