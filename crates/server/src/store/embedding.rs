//! What embedding the dashboard needs kept: the origins allowed to frame it, the agency's
//! signing secrets, and the nonces of embed links already used.

use super::{begin_write, now, Db};
use atrium_api::{EmbedSecret, EmbedSettings};

pub async fn embed_settings(db: &Db, agency_id: i64) -> Result<EmbedSettings, sqlx::Error> {
    let secrets = sqlx::query_as::<_, (i64, String, String, Option<String>)>(
        "SELECT id, prefix, created_at, revoked_at FROM embed_secrets WHERE agency_id = $1 ORDER BY id DESC",
    )
    .bind(agency_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(id, prefix, created_at, revoked_at)| EmbedSecret { id, prefix, created_at, revoked_at })
    .collect();
    Ok(EmbedSettings { frame_origins: frame_origins(db, agency_id).await?, secrets })
}

/// The origins allowed to frame the agency's dashboard (none for an unknown agency).
pub async fn frame_origins(db: &Db, agency_id: i64) -> Result<Vec<String>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar("SELECT frame_origins FROM agencies WHERE id = $1")
        .bind(agency_id)
        .fetch_optional(db)
        .await?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

pub async fn set_frame_origins(db: &Db, agency_id: i64, origins: &[String]) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(origins).unwrap_or_else(|_| "[]".into());
    sqlx::query("UPDATE agencies SET frame_origins = $1 WHERE id = $2").bind(json).bind(agency_id).execute(db).await?;
    Ok(())
}

pub async fn insert_embed_secret(db: &Db, agency_id: i64, prefix: &str, secret: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO embed_secrets (agency_id, prefix, secret, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(agency_id)
    .bind(prefix)
    .bind(secret)
    .bind(now())
    .fetch_one(db)
    .await
}

/// Revokes the agency's secret `id`; `false` when the agency has no such secret.
pub async fn revoke_embed_secret(db: &Db, agency_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM embed_secrets WHERE id = $1 AND agency_id = $2")
        .bind(id)
        .bind(agency_id)
        .fetch_optional(db)
        .await?;
    if found.is_none() {
        return Ok(false);
    }
    sqlx::query("UPDATE embed_secrets SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(true)
}

/// The agency's secrets that still sign.
pub async fn active_embed_secrets(db: &Db, agency_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT secret FROM embed_secrets WHERE agency_id = $1 AND revoked_at IS NULL")
        .bind(agency_id)
        .fetch_all(db)
        .await
}

/// Records an embed link's nonce; `false` when it was used before (a replay). Nonces of
/// links past their expiry are forgotten: such a link is refused for its age anyway.
pub async fn use_embed_nonce(db: &Db, agency_id: i64, nonce: &str, expires_at: &str) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    sqlx::query("DELETE FROM embed_nonces WHERE expires_at < $1").bind(now()).execute(&mut *tx).await?;
    let seen: Option<String> = sqlx::query_scalar("SELECT nonce FROM embed_nonces WHERE agency_id = $1 AND nonce = $2")
        .bind(agency_id)
        .bind(nonce)
        .fetch_optional(&mut *tx)
        .await?;
    if seen.is_some() {
        return Ok(false);
    }
    sqlx::query("INSERT INTO embed_nonces (agency_id, nonce, expires_at) VALUES ($1, $2, $3)")
        .bind(agency_id)
        .bind(nonce)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}
