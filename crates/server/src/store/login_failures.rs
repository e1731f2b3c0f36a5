//! Failed sign-ins, per key (`account:<email>` or `address:<ip>`), in the database so that
//! every replica counts the same attempts. Times are Unix milliseconds.

use super::Db;

/// How many failures `key` has after `since_ms`, and when the oldest of them was.
pub async fn login_failures_since(db: &Db, key: &str, since_ms: i64) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as("SELECT COUNT(*), MIN(failed_at) FROM login_failures WHERE key = $1 AND failed_at > $2")
        .bind(key)
        .bind(since_ms)
        .fetch_one(db)
        .await
}

/// Records one failure of each of `keys` at `at_ms`, and forgets every failure at or
/// before `forget_before_ms` (outside any window), so the table stays small.
pub async fn record_login_failure(
    db: &Db,
    keys: &[String],
    at_ms: i64,
    forget_before_ms: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM login_failures WHERE failed_at <= $1").bind(forget_before_ms).execute(&mut *tx).await?;
    for key in keys {
        sqlx::query("INSERT INTO login_failures (key, failed_at) VALUES ($1, $2)")
            .bind(key)
            .bind(at_ms)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Forgets `key`'s failures (a successful sign-in of that account).
pub async fn clear_login_failures(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(key).execute(db).await?;
    Ok(())
}
