//! Embedding the client dashboard in an agency's own site: the origins allowed to frame it
//! and the embed secrets (`/api/v1/agency/embedding`, `/api/v1/agency/embed-secrets`), and
//! signing in through a signed embed link (`POST /api/v1/auth/embed`, see `embed.rs`).

use crate::access::AuthUser;
use crate::embed;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::password::random_token;
use crate::routes::auth::build_me;
use crate::session::{may_sign_in, start_session};
use crate::state::AppState;
use crate::store;
use atrium_api::embedding::EMBED_MAX_SECS;
use atrium_api::paths;
use atrium_api::{CreatedEmbedSecret, EmbedSettings, EmbedSignIn, FrameOrigins, Me, SessionTransport};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_embedding, update_embedding))
        .routes(routes!(create_secret))
        .routes(routes!(revoke_secret))
        .routes(routes!(embed_sign_in))
}

/// How much a clock may run ahead of ours and its links still count.
const CLOCK_SKEW_SECS: i64 = 30;

/// The origins allowed to frame the dashboard and the embed secrets (never their values).
/// Agency staff only.
#[utoipa::path(get, path = paths::EMBEDDING, tag = "agency",
    responses((status = 200, body = EmbedSettings), (status = 401), (status = 403)))]
pub async fn get_embedding(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<EmbedSettings>> {
    let staff = user.require_staff()?;
    Ok(Json(store::embedding::embed_settings(&state.db, staff.agency_id).await?))
}

/// Replaces the origins allowed to frame the client dashboard (`/embed` answers with
/// `frame-ancestors` naming them). Agency owners and admins only.
#[utoipa::path(put, path = paths::EMBEDDING, tag = "agency", request_body = FrameOrigins,
    responses((status = 200, body = EmbedSettings), (status = 400), (status = 401),
              (status = 403), (status = 422)))]
pub async fn update_embedding(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<FrameOrigins>,
) -> AppResult<Json<EmbedSettings>> {
    let admin = user.require_agency_admin()?;
    body.validate()?;
    let mut origins = body.frame_origins;
    origins.sort_unstable();
    origins.dedup();
    store::embedding::set_frame_origins(&state.db, admin.agency_id, &origins).await?;
    Ok(Json(store::embedding::embed_settings(&state.db, admin.agency_id).await?))
}

/// A new embed secret, answered whole this once. Agency owners and admins only.
#[utoipa::path(post, path = paths::EMBED_SECRETS, tag = "agency",
    responses((status = 201, body = CreatedEmbedSecret), (status = 401),
              (status = 403)))]
pub async fn create_secret(
    State(state): State<AppState>,
    user: AuthUser,
) -> AppResult<(StatusCode, Json<CreatedEmbedSecret>)> {
    let admin = user.require_agency_admin()?;
    let secret = format!("emb_{}", random_token());
    let prefix: String = secret.chars().take(12).collect();
    let id = store::embedding::insert_embed_secret(&state.db, admin.agency_id, &prefix, &secret).await?;
    Ok((StatusCode::CREATED, Json(CreatedEmbedSecret { id, prefix, secret })))
}

/// Revokes a secret: links it signed, even unused ones, sign nobody in any more. Another
/// agency's secret is 404. Agency owners and admins only.
#[utoipa::path(delete, path = paths::EMBED_SECRET, tag = "agency", params(("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn revoke_secret(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let admin = user.require_agency_admin()?;
    if !store::embedding::revoke_embed_secret(&state.db, admin.agency_id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Signs in the client user an embed link names, as a token session (an iframe on another
/// site cannot count on cookies). A link signs in once, within its `exp` (at most five
/// minutes ahead), when signed with a secret of the agency it names, for a client user of
/// that agency who may sign in; anything else is 401 `invalid_embed_link` and no session.
#[utoipa::path(post, path = paths::EMBED_SIGN_IN, tag = "auth", request_body = EmbedSignIn,
    responses((status = 200, body = Me, description = "`session_token` holds the new session"),
              (status = 400), (status = 401)))]
pub async fn embed_sign_in(State(state): State<AppState>, ApiJson(body): ApiJson<EmbedSignIn>) -> AppResult<Json<Me>> {
    let (payload, claims, signature) = embed::parse(&body.token).ok_or(AppError::InvalidEmbedLink("malformed"))?;
    let secrets = store::embedding::active_embed_secrets(&state.db, claims.agency).await?;
    if !secrets.iter().any(|secret| embed::signed_by(payload, signature, secret)) {
        return Err(AppError::InvalidEmbedLink("not signed by an active secret of its agency"));
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    if claims.exp <= now {
        return Err(AppError::InvalidEmbedLink("expired"));
    }
    if claims.exp > now + EMBED_MAX_SECS + CLOCK_SKEW_SECS {
        return Err(AppError::InvalidEmbedLink("valid for more than five minutes"));
    }
    if !(8..=128).contains(&claims.nonce.len()) {
        return Err(AppError::InvalidEmbedLink("the nonce must be 8 to 128 characters"));
    }
    let expires_at = store::seconds_from_now(claims.exp - now);
    if !store::embedding::use_embed_nonce(&state.db, claims.agency, &claims.nonce, &expires_at).await? {
        return Err(AppError::InvalidEmbedLink("already used"));
    }
    let unknown = || AppError::InvalidEmbedLink("no such client user can sign in");
    let user =
        store::users::user_by_email(&state.db, &claims.email.trim().to_lowercase()).await?.ok_or_else(unknown)?;
    if user.agency_id != claims.agency || user.org_id.is_none() || !may_sign_in(&state, &user).await? {
        return Err(unknown());
    }
    let started = start_session(&state, user.id, None, SessionTransport::Token).await?;
    let me = build_me(&state, &user, None).await?;
    Ok(Json(Me { session_token: started.token, ..me }))
}
