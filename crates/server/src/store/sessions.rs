//! Sign-in sessions. Only a hash of the session token is stored.

use super::users::{UserRow, USER_COLUMNS};
use super::{now, Db};
use sqlx::{AnyConnection, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub csrf_token: String,
    pub impersonator_id: Option<i64>,
    pub created_at: String,
    pub last_seen_at: String,
    /// Set while a "Log in as" session stands in for this one (see `park_session`).
    pub parked_for: Option<String>,
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
    // One statement: it runs before every signed-in request, and on PostgreSQL each
    // statement is a round trip.
    let sql = format!(
        "SELECT s.token_hash, s.csrf_token, s.impersonator_id, s.created_at, s.last_seen_at, s.parked_for, \
         {USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
    );
    let row = sqlx::query_as::<_, SessionWithUser>(&sql).bind(token_hash).fetch_optional(db).await?;
    Ok(row.map(|r| (r.session, r.user)))
}

#[derive(FromRow)]
struct SessionWithUser {
    #[sqlx(flatten)]
    session: SessionRow,
    #[sqlx(flatten)]
    user: UserRow,
}

pub async fn touch_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now())
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends the session, and any session parked behind it (signing out of "Log in as" signs
/// the staff member out too: their session was waiting on this browser).
pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1 OR parked_for = $1").bind(token_hash).execute(db).await?;
    Ok(())
}

/// Parks `token_hash` behind the "Log in as" session `for_hash`: it stays, unusable, until
/// [`unpark_session`] gives it back.
pub async fn park_session(db: &Db, token_hash: &str, for_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET parked_for = $1 WHERE token_hash = $2")
        .bind(for_hash)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends the "Log in as" session `for_hash` and gives back the session of `user_id` parked
/// behind it under `token_hash`, as if just used; answers its CSRF token, or `None` when
/// no such session waits there (nothing is changed then).
pub async fn unpark_session(
    db: &Db,
    token_hash: &str,
    for_hash: &str,
    user_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let csrf: Option<String> = sqlx::query_scalar(
        "UPDATE sessions SET parked_for = NULL, last_seen_at = $1 \
         WHERE token_hash = $2 AND parked_for = $3 AND user_id = $4 RETURNING csrf_token",
    )
    .bind(now())
    .bind(token_hash)
    .bind(for_hash)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    if csrf.is_some() {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(for_hash).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(csrf)
}

/// "Sign out everywhere": every session of `user_id` (and any "Log in as" session opened
/// as them) ends.
pub async fn delete_user_sessions(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM known_devices WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    end_user_sessions(&mut tx, user_id, None).await?;
    tx.commit().await
}

/// Ends every session of `user_id` (theirs, and any "Log in as" session opened as them),
/// except `keep` (a token hash) when given, on the caller's transaction: disabling a user
/// or resetting their password must lock them out at once, not at their next idle timeout.
pub(super) async fn end_user_sessions(
    conn: &mut AnyConnection,
    user_id: i64,
    keep: Option<&str>,
) -> Result<(), sqlx::Error> {
    // Staff sessions parked behind the "Log in as" sessions about to end would wait for
    // ever: they go first. Then the user's own sessions and the "Log in as" sessions they
    // opened as someone else (a stolen staff account's, after its owner secured it).
    sqlx::query(
        "DELETE FROM sessions WHERE parked_for IN \
         (SELECT token_hash FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR token_hash <> $2))",
    )
    .bind(user_id)
    .bind(keep)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "DELETE FROM sessions WHERE (user_id = $1 OR impersonator_id = $1) AND ($2 IS NULL OR token_hash <> $2)",
    )
    .bind(user_id)
    .bind(keep)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether the device cookie behind `token_hash` signed in to `user_id` before.
pub async fn is_known_device(db: &Db, token_hash: &str, user_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM known_devices WHERE token_hash = $1 AND user_id = $2")
            .bind(token_hash)
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// Remembers that the device cookie behind `token_hash` signed in to `user_id`.
pub async fn remember_device(db: &Db, token_hash: &str, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO known_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now())
        .execute(db)
        .await?;
    Ok(())
}

/// Sets `user_id`'s password and ends their sessions but `keep` (a token hash), and any
/// reset links they had, in one transaction.
pub async fn set_password(db: &Db, user_id: i64, password_hash: &str, keep: Option<&str>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    // A browser that knew the old password is no longer one the throttle should trust.
    sqlx::query("DELETE FROM known_devices WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    end_user_sessions(&mut tx, user_id, keep).await?;
    tx.commit().await
}

/// Stores a reset link's token hash for `user_id`, good until `expires_at` (stored form).
pub async fn insert_password_reset(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    expires_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(expires_at)
        .execute(db)
        .await?;
    Ok(())
}

/// Uses up the reset link behind `token_hash`: answers its user and expiry, and deletes it
/// (a link works once, even when the caller then fails).
pub async fn take_password_reset(db: &Db, token_hash: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("DELETE FROM password_resets WHERE token_hash = $1 RETURNING user_id, expires_at")
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

/// Stores a stream ticket for the session `session_hash`, good until `expires_at`.
pub async fn insert_stream_ticket(
    db: &Db,
    ticket_hash: &str,
    session_hash: &str,
    expires_at: &str,
) -> Result<(), sqlx::Error> {
    // Tickets never redeemed would pile up: each new one clears the expired ones.
    sqlx::query("DELETE FROM stream_tickets WHERE expires_at < $1").bind(now()).execute(db).await?;
    sqlx::query("INSERT INTO stream_tickets (ticket_hash, session_hash, expires_at) VALUES ($1, $2, $3)")
        .bind(ticket_hash)
        .bind(session_hash)
        .bind(expires_at)
        .execute(db)
        .await?;
    Ok(())
}

/// Uses up the ticket behind `ticket_hash`: answers its session's hash and expiry, and
/// deletes it (a ticket opens one stream, even when that then fails).
pub async fn take_stream_ticket(db: &Db, ticket_hash: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("DELETE FROM stream_tickets WHERE ticket_hash = $1 RETURNING session_hash, expires_at")
        .bind(ticket_hash)
        .fetch_optional(db)
        .await
}
