//! Sign-in attempts per key (`pair:<email>|<ip>`, `address:<ip>`, `account:<email>`,
//! `device:<hash>`), in the database so that every replica counts the same attempts.
//! Times are Unix milliseconds.

use super::{begin_write, Db};
use sqlx::{Any, Executor};

/// In one serialized transaction: when any of `keys` has reached its limit since
/// `since_ms`, answers `Err` with the time of that key's oldest counted attempt and records
/// nothing; otherwise records one attempt of each key at `at_ms` and answers the new rows'
/// ids. Attempts at or before `since_ms` are forgotten on the way, so the table stays small.
pub async fn record_login_attempt(
    db: &Db,
    keys: &[(String, i64)],
    at_ms: i64,
    since_ms: i64,
) -> Result<Result<Vec<i64>, i64>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    sqlx::query("DELETE FROM login_failures WHERE failed_at <= $1").bind(since_ms).execute(&mut *tx).await?;
    let mut blocked_since: Option<i64> = None;
    for (key, limit) in keys {
        let (count, oldest) = login_failures_since(&mut *tx, key, since_ms).await?;
        if count >= *limit {
            let oldest = oldest.unwrap_or(at_ms);
            blocked_since = Some(blocked_since.map_or(oldest, |b: i64| b.max(oldest)));
        }
    }
    let mut ids = Vec::new();
    if blocked_since.is_none() {
        for (key, _) in keys {
            let id: i64 =
                sqlx::query_scalar("INSERT INTO login_failures (key, failed_at) VALUES ($1, $2) RETURNING id")
                    .bind(key)
                    .bind(at_ms)
                    .fetch_one(&mut *tx)
                    .await?;
            ids.push(id);
        }
    }
    tx.commit().await?;
    Ok(blocked_since.map_or(Ok(ids), Err))
}

/// Forgets the attempts `ids` (ones whose password was never checked).
pub async fn forget_login_attempts(db: &Db, ids: &[i64]) -> Result<(), sqlx::Error> {
    for id in ids {
        sqlx::query("DELETE FROM login_failures WHERE id = $1").bind(id).execute(db).await?;
    }
    Ok(())
}

/// A successful sign-in: forgets its own recorded attempt (`ids`) and every attempt of
/// `key` (its device or its pair).
pub async fn clear_login_failures(db: &Db, ids: &[i64], key: &str) -> Result<(), sqlx::Error> {
    forget_login_attempts(db, ids).await?;
    sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(key).execute(db).await?;
    Ok(())
}

/// How many attempts `key` has after `since_ms`, and when the oldest of them was.
pub async fn login_failures_since<'e>(
    db: impl Executor<'e, Database = Any>,
    key: &str,
    since_ms: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as("SELECT COUNT(*), MIN(failed_at) FROM login_failures WHERE key = $1 AND failed_at > $2")
        .bind(key)
        .bind(since_ms)
        .fetch_one(db)
        .await
}
