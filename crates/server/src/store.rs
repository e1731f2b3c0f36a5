//! All SQL lives under this module: the pool, migrations, and one file per resource.

mod activity;
mod agencies;
mod agents;
mod analytics;
mod canned;
mod client_users;
mod conversations;
mod domains;
mod embedding;
mod handoff;
mod ingest;
mod ingest_queue;
mod integration;
mod invoices;
mod login_failures;
mod org_agents;
mod orgs;
mod paging;
mod plans;
mod search_upkeep;
mod sessions;
mod staff;
mod subscriptions;
mod teams;
mod users;
mod write;

pub use activity::*;
pub use agencies::*;
pub use agents::*;
pub use analytics::*;
pub use canned::*;
pub use client_users::*;
pub use conversations::*;
pub use domains::*;
pub use embedding::*;
pub use handoff::*;
pub use ingest::*;
pub use ingest_queue::IngestQueue;
pub use integration::*;
pub use invoices::{get_invoice, list_invoices, mark_invoice_paid};
pub use login_failures::*;
pub use org_agents::*;
pub use orgs::*;
pub use plans::*;
pub use search_upkeep::{merge_search_indexes, spawn_search_upkeep};
pub use sessions::*;
pub use staff::*;
pub use subscriptions::*;
pub use teams::*;
pub use users::*;

use write::begin_write;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyTypeInfo, AnyTypeInfoKind, AnyValueRef};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Any, AnyConnection, AnyPool, ConnectOptions, Connection, Decode, Type};
use std::str::FromStr;
use std::time::Duration;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

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
    fn id_list(self, param: &str) -> String {
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
    orgs::fill_name_skeletons(&pool).await?;
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

/// A 0/1 flag or a boolean, as either engine answers it: SQLite has no boolean type
/// (its 0/1 integers arrive as integers), PostgreSQL's flag columns and `EXISTS` are
/// `boolean`. Row structs read `bool` fields through it with `#[sqlx(try_from = "Flag")]`.
#[derive(Clone, Copy, Debug)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        matches!(
            ty.kind(),
            AnyTypeInfoKind::Bool | AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt
        )
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        match <i64 as Decode<Any>>::decode(value.clone()) {
            Ok(n) => Ok(Flag(n != 0)),
            Err(_) => Ok(Flag(<bool as Decode<Any>>::decode(value)?)),
        }
    }
}

/// Now, as the RFC 3339 UTC text every timestamp column holds (see [`timestamp`]).
pub fn now() -> String {
    stored(OffsetDateTime::now_utc())
}

/// The stored form of `seconds` from now.
pub fn seconds_from_now(seconds: i64) -> String {
    stored(OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
}

/// `rfc3339` (any offset, any number of fractional digits) in the form the timestamp
/// columns hold, so that it compares with them as text; `None` when it does not parse.
/// Beyond the stored microseconds it rounds up: `>=` it then keeps only what is at or after
/// the instant given.
pub fn timestamp(rfc3339: &str) -> Option<String> {
    let t = OffsetDateTime::parse(rfc3339, &Rfc3339).ok()?.to_offset(time::UtcOffset::UTC);
    let t = if t.nanosecond() % 1_000 == 0 {
        t
    } else {
        t + Duration::from_nanos(1_000 - u64::from(t.nanosecond() % 1_000))
    };
    // The columns' text sorts as the times do only within four-digit years.
    (0..=9999).contains(&t.year()).then(|| stored(t))
}

/// UTC text always with six fractional digits: text of one width sorts as the times do,
/// which `ORDER BY` and comparisons on these columns rely on (the `time` crate's own
/// RFC 3339 output drops trailing zeros, so `…05.1Z` would sort after `…05.12Z`).
fn stored(t: OffsetDateTime) -> String {
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
/// Whether the stored time `rfc3339` has come (an unreadable one counts as passed).
pub fn has_passed(rfc3339: &str) -> bool {
    seconds_since(rfc3339).is_none_or(|past| past >= 0)
}

pub fn seconds_since(rfc3339: &str) -> Option<i64> {
    let then = OffsetDateTime::parse(rfc3339, &Rfc3339).ok()?;
    Some((OffsetDateTime::now_utc() - then).whole_seconds())
}

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

/// `a,b,c` from `group_concat` (SQLite's, or the PostgreSQL schema's aggregate of that
/// name) into ids.
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
/// `50%` finds that text, in lower case: compare it with `lower(column) LIKE $n ESCAPE '\\'`,
/// case-insensitive (ASCII) on both engines (SQLite's LIKE ignores case, PostgreSQL's
/// does not).
fn like_pattern(q: &str) -> String {
    let q = q.to_ascii_lowercase();
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Whether a search for `q` goes through a trigram index (FTS5 `trigram` on SQLite, pg_trgm
/// on PostgreSQL): both need three characters to match anything, so shorter queries scan.
fn trigram_searchable(q: &str) -> bool {
    q.chars().count() >= 3
}

/// An FTS5 query for rows holding `q` (three characters or more): the trigrams at every
/// third character, and the last one, all required. What it finds is a superset of the
/// `LIKE` (the trigrams need not be next to each other, and FTS5 folds case beyond ASCII),
/// so callers check each candidate with the same [`like_pattern`] a scan uses. A phrase of
/// every trigram would find fewer false candidates, but reads and compares the positions
/// of all of them for each row: 10–15% of an inbox search at 1,000,000 conversations.
fn fts_query(q: &str) -> String {
    let chars: Vec<char> = q.chars().collect();
    let last = chars.len().saturating_sub(3);
    let mut starts: Vec<usize> = (0..=last).step_by(3).collect();
    if starts.last() != Some(&last) {
        starts.push(last);
    }
    let trigram = |at: usize| format!("\"{}\"", chars[at..at + 3].iter().collect::<String>().replace('"', "\"\""));
    starts.into_iter().map(trigram).collect::<Vec<_>>().join(" AND ")
}

/// Ids as the JSON array text that [`Dialect::id_list`] reads, so a whole id list binds as
/// one parameter instead of a SQL string built to its length.
fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

/// Whether every id of `ids` (duplicates ignored) names a row of `set` belonging to
/// `owner`. `set` is a fixed SQL row source selecting `owner` and `id` columns, never
/// caller input: e.g. `(SELECT org_id AS owner, agent_id AS id FROM org_agents)`.
async fn all_ids_in(conn: &mut AnyConnection, set: &'static str, owner: i64, ids: &[i64]) -> Result<bool, sqlx::Error> {
    let ids = distinct(ids);
    let list = Dialect::of_conn(conn).id_list("$2");
    let sql = format!("SELECT COUNT(*) FROM {set} s WHERE s.owner = $1 AND s.id IN ({list})");
    let known: i64 = sqlx::query_scalar(&sql).bind(owner).bind(json_ids(&ids)).fetch_one(&mut *conn).await?;
    Ok(known == ids.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_fts_query_requires_every_third_trigram_and_the_last() {
        assert_eq!(fts_query("zephyrine"), r#""zep" AND "hyr" AND "ine""#);
        assert_eq!(fts_query("abcd"), r#""abc" AND "bcd""#);
        assert_eq!(fts_query("abc"), r#""abc""#);
        assert_eq!(fts_query(r#"a"b c"#), r#""a""b" AND "b c""#);
        assert_eq!(fts_query("éßüxyz"), r#""éßü" AND "xyz""#);
    }

    /// The two engines' migrations are kept in step: the same numbered files on both.
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

    #[test]
    fn given_timestamps_take_the_stored_form() {
        assert_eq!(timestamp("2024-05-01T00:00:00Z").as_deref(), Some("2024-05-01T00:00:00.000000Z"));
        assert_eq!(timestamp("2024-05-01T02:30:00.5+02:00").as_deref(), Some("2024-05-01T00:30:00.500000Z"));
        // Nanoseconds round up to the next stored microsecond, never down to an earlier one.
        assert_eq!(timestamp("2024-05-01T00:00:00.123456001Z").as_deref(), Some("2024-05-01T00:00:00.123457Z"));
        assert_eq!(timestamp("2024-12-31T23:59:59.9999999Z").as_deref(), Some("2025-01-01T00:00:00.000000Z"));
        for bad in ["", "yesterday", "2024-05-01", "2024-05-01 00:00:00", "2024-13-01T00:00:00Z", "2024-05-01T00:00:00"]
        {
            assert_eq!(timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn timestamps_are_rfc3339_of_one_width() {
        let a = now();
        assert_eq!(a.len(), "2024-01-02T03:04:05.123456Z".len(), "{a}");
        assert!(OffsetDateTime::parse(&a, &Rfc3339).is_ok(), "{a}");
        assert!(seconds_since(&a).is_some_and(|s| (0..5).contains(&s)));
        assert!(now() >= a, "later text sorts later");
    }
}
