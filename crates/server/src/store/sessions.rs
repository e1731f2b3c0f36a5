//! Sign-in sessions. Only a hash of the session token is stored.

use super::users::{UserRow, USER_COLUMNS};
use super::{now, Db};
use sqlx::{AnyConnection, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub csrf_token: String,
    pub impersonator_id: Option<i64>,
    pub last_seen_at: String,
}

pub async fn insert_session(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    csrf_token: &str,
    impersonator_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    let now = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, impersonator_id, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf_token)
    .bind(impersonator_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The session and its user, whatever their state; the caller judges expiry and disabling.
pub async fn session_with_user(db: &Db, token_hash: &str) -> Result<Option<(SessionRow, UserRow)>, sqlx::Error> {
    let Some(session) = sqlx::query_as::<_, SessionRow>(
        "SELECT token_hash, csrf_token, impersonator_id, last_seen_at FROM sessions WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let sql = format!("SELECT {USER_COLUMNS} FROM users u JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = $1");
    let user = sqlx::query_as::<_, UserRow>(&sql).bind(token_hash).fetch_one(db).await?;
    Ok(Some((session, user)))
}

pub async fn touch_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now())
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(db).await?;
    Ok(())
}

/// Ends every session of `user_id` (theirs, and any "Log in as" session opened as them),
/// except `keep` (a token hash) when given, on the caller's transaction: disabling a user
/// or resetting their password must lock them out at once, not at their next idle timeout.
pub(super) async fn end_user_sessions(
    conn: &mut AnyConnection,
    user_id: i64,
    keep: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR token_hash <> $2)")
        .bind(user_id)
        .bind(keep)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
