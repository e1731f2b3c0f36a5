//! The pool: which engine, connecting and migrating, the start-up lock, notifications.

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Connection};
use std::str::FromStr;
use std::time::Duration;

/// The shared store: SQLite (embedded, the default) or PostgreSQL (several replicas),
/// chosen by the database URL. Every query is written once for both engines: flags are
/// compared with TRUE/FALSE, case-insensitive matching uses lower(), and SQLite's
/// `group_concat` exists on PostgreSQL as an aggregate its schema defines. The few places
/// where the SQL must differ (id lists bound as one JSON parameter) ask [`Dialect`].
pub type Db = AnyPool;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which engine a pool or connection talks to, for the little SQL that differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The engine a database URL names: `postgres://` (or `postgresql://`), else SQLite.
    pub fn of_url(url: &str) -> Dialect {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Dialect::Postgres
        } else {
            Dialect::Sqlite
        }
    }

    pub fn of(db: &Db) -> Dialect {
        Dialect::of_url(db.connect_options().database_url.as_str())
    }

    pub fn of_conn(conn: &AnyConnection) -> Dialect {
        if conn.backend_name().eq_ignore_ascii_case("postgresql") {
            Dialect::Postgres
        } else {
            Dialect::Sqlite
        }
    }

    /// A row source of the ids in parameter `param` (bound with [`json_ids`]), one
    /// `value` column of integers.
    pub(super) fn id_list(self, param: &str) -> String {
        match self {
            Dialect::Sqlite => format!("SELECT value FROM json_each({param})"),
            Dialect::Postgres => {
                format!("SELECT CAST(value AS BIGINT) AS value FROM json_array_elements_text(CAST({param} AS json))")
            }
        }
    }
}

/// Opens the database at `url` (a SQLite file is created if needed) and brings its schema
/// up to date. On PostgreSQL the migrator holds an advisory lock while it works, so
/// replicas starting together migrate once, one after the other.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let dialect = Dialect::of_url(url);
    let mut pool = AnyPoolOptions::new();
    let (options, migrator) = match dialect {
        Dialect::Sqlite => {
            // The Any driver reads only the URL, so what it cannot carry is set here:
            // the file is created and switched to WAL once (WAL is a property of the
            // file), and each connection gets `synchronous = NORMAL` and reads the file
            // through a memory map (SQLite's most, 2 GiB). Foreign keys on and a 5 s busy
            // timeout are the driver's defaults. The map: each connection's own page cache
            // is 2 MB and is emptied whenever another connection writes, so at 1,000,000
            // conversations every search copied its pages in again with `pread`; mapped,
            // the connections share the OS's cache without copying (bench at 100,000 orgs
            // and 1,000,000 conversations, p99: org search 46 -> 32 ms, inbox search 128 ->
            // 69 ms). SQLite still writes with `write`, through the WAL.
            let parsed = SqliteConnectOptions::from_str(url)?;
            // `create_if_missing` would turn a read-only URL (`?mode=ro`) into `mode=rwc`
            // below, where the Any driver gets the options back as a URL.
            let read_only = parsed.to_url_lossy().query_pairs().any(|(k, v)| k == "mode" && v == "ro");
            let native = parsed
                .create_if_missing(!read_only)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            native.connect().await?.close().await?;
            pool = pool
                .max_connections(8)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA mmap_size = 2147483648").execute(&mut *conn).await?;
                        Ok(())
                    })
                })
                .after_release(|conn, _| {
                    // After SQLITE_FULL or an I/O error SQLite may roll the transaction back
                    // itself; sqlx's ROLLBACK then fails and it counts the transaction as open
                    // for good, refusing every later `BEGIN IMMEDIATE` on this connection (and
                    // nesting a plain `begin()` as a savepoint that never ends). Such a
                    // connection is dropped here rather than handed to the next request. The
                    // check reads sqlx's own count, no SQL: a connection released in the
                    // normal way has no transaction, so only a dropped one (its rollback still
                    // queued on the connection's thread) pays a ping, which waits for that
                    // rollback, before it is counted again.
                    Box::pin(async move {
                        if !conn.is_in_transaction() {
                            return Ok(true);
                        }
                        conn.ping().await?;
                        Ok(!conn.is_in_transaction())
                    })
                });
            (AnyConnectOptions::from_url(&native.to_url_lossy())?, &SQLITE_MIGRATIONS)
        }
        Dialect::Postgres => {
            pool = pool.max_connections(16);
            (AnyConnectOptions::from_str(url)?, &POSTGRES_MIGRATIONS)
        }
    };
    let pool = pool.connect_with(options).await?;
    migrator.run(&pool).await?;
    super::orgs::fill_name_skeletons(&pool).await?;
    Ok(pool)
}

/// Runs `work` while holding the start-up lock: on PostgreSQL a session advisory lock
/// (replicas starting together take turns, so only the first one seeds the demo); on
/// SQLite nothing more than the write lock each transaction takes.
pub async fn with_startup_lock<T, F>(db: &Db, work: F) -> Result<T, sqlx::Error>
where
    F: std::future::Future<Output = T>,
{
    if Dialect::of(db) == Dialect::Sqlite {
        return Ok(work.await);
    }
    let mut conn = db.acquire().await?;
    sqlx::query("SELECT pg_advisory_lock($1)").bind(STARTUP_LOCK).execute(&mut *conn).await?;
    let out = work.await;
    sqlx::query("SELECT pg_advisory_unlock($1)").bind(STARTUP_LOCK).execute(&mut *conn).await?;
    Ok(out)
}

/// Advisory lock key of the start-up lock (any fixed number, unique among the app's locks:
/// see `write::WRITE_LOCK`).
const STARTUP_LOCK: i64 = 0x4154_5249_554d_0001;

/// Sends `payload` on PostgreSQL's notification `channel`: live events between replicas.
pub async fn notify(db: &Db, channel: &str, payload: &str) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_notify($1, $2)").bind(channel).bind(payload).execute(db).await?;
    Ok(())
}

/// Whether the database holds any agency: the demo seed never loads over existing data.
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agencies").fetch_one(db).await?;
    Ok(n == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_have_the_same_migrations() {
        let names = |engine: &str| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(engine);
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let sqlite = names("sqlite");
        assert!(sqlite.len() >= 6, "{sqlite:?}");
        assert_eq!(sqlite, names("postgres"));
        assert_eq!(SQLITE_MIGRATIONS.iter().count(), POSTGRES_MIGRATIONS.iter().count());
    }

    #[test]
    fn the_url_names_the_engine() {
        assert_eq!(Dialect::of_url("sqlite://atrium.db"), Dialect::Sqlite);
        assert_eq!(Dialect::of_url("postgres://u@h/db"), Dialect::Postgres);
        assert_eq!(Dialect::of_url("postgresql://u@h/db"), Dialect::Postgres);
    }
}
