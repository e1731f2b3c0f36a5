//! What any signed-in user does about their own account, and the way back in for one who
//! forgot their password: `POST /api/v1/me/password`, `POST /api/v1/auth/sign-out-everywhere`,
//! `POST /api/v1/auth/password-reset` and `.../password-reset/confirm`.

use crate::access::AuthUser;
use crate::client_address;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::mail::Mail;
use crate::password::{hash_password_off_thread, random_token, token_hash};
use crate::rate_limit::Attempt;
use crate::session::{clear_cookies, may_sign_in};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{PasswordChange, PasswordReset, PasswordResetRequest};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Extension;
use std::net::SocketAddr;
use utoipa_axum::{router::OpenApiRouter, routes};

/// How long a reset link works.
const RESET_LINK_SECS: i64 = 30 * 60;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(change_password))
        .routes(routes!(sign_out_everywhere))
        .routes(routes!(request_password_reset))
        .routes(routes!(reset_password))
}

/// Changes the caller's own password (staff and client users alike), after checking the
/// current one (a wrong one is 422 on `current_password`, and counts as a failed sign-in
/// for the login throttle). Every other session of theirs ends. Not during "Log in as".
#[utoipa::path(post, path = paths::ME_PASSWORD, tag = "auth", request_body = PasswordChange,
    responses((status = 204, description = "Changed; the caller's other sessions have ended"),
              (status = 400), (status = 401), (status = 403),
              (status = 413), (status = 422),
              (status = 429, headers(("Retry-After" = u64, description = "Seconds to wait"))),
              (status = 503, headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn change_password(
    State(state): State<AppState>,
    user: AuthUser,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PasswordChange>,
) -> AppResult<StatusCode> {
    let me = user.signed_in();
    if me.impersonator_id.is_some() {
        return Err(AppError::Forbidden);
    }
    body.validate()?;
    let address = client_address::of_request(&state, peer, &headers);
    let account = me.user.email.to_lowercase();
    let attempt = Attempt { account: &account, address: address.as_deref(), known_device: None };
    let hash = Some(me.user.password_hash.clone());
    let (verified, recorded) =
        state.login_limiter.check_password(&state.db, &attempt, body.current_password, hash).await?;
    if !verified {
        return Err(AppError::field("current_password", FieldError::Incorrect));
    }
    state.login_limiter.succeeded(&state.db, recorded).await?;
    let hash = hash_password_off_thread(body.new_password).await?;
    store::sessions::set_password(&state.db, me.user.id, &hash, Some(me.token_hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session of the caller, this one included, on every device. Not during
/// "Log in as" (the client user's sessions are theirs to end).
#[utoipa::path(post, path = paths::SIGN_OUT_EVERYWHERE, tag = "auth",
    responses((status = 204, description = "Every session ended; clears the cookies"),
              (status = 401), (status = 403)))]
pub async fn sign_out_everywhere(State(state): State<AppState>, user: AuthUser) -> AppResult<impl IntoResponse> {
    let me = user.signed_in();
    if me.impersonator_id.is_some() {
        return Err(AppError::Forbidden);
    }
    store::sessions::delete_user_sessions(&state.db, me.user.id).await?;
    Ok((StatusCode::NO_CONTENT, clear_cookies()?))
}

/// Mails a reset link (good for 30 minutes, once) to the address, if it belongs to a user
/// who may sign in. The answer is 202 either way, so it tells nobody whether an account
/// exists; asking is throttled like signing in (429).
#[utoipa::path(post, path = paths::PASSWORD_RESET, tag = "auth", request_body = PasswordResetRequest,
    responses((status = 202, description = "If the address has an account, a link is on its way"),
              (status = 400), (status = 413), (status = 422),
              (status = 429, headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PasswordResetRequest>,
) -> AppResult<StatusCode> {
    let mut errors = atrium_api::FieldErrors::default();
    errors.check("email", atrium_api::validate::email(&body.email));
    errors.into_result()?;
    let account = body.email.trim().to_lowercase();
    let address = client_address::of_request(&state, peer, &headers);
    let key = format!("reset:{account}");
    let attempt = Attempt { account: &key, address: address.as_deref(), known_device: None };
    // Every request counts: a reset link is not a sign-in, nothing clears them early.
    let _recorded = state.login_limiter.admit(&state.db, &attempt).await?;
    if let Some(user) = store::users::user_by_email(&state.db, &account).await? {
        if may_sign_in(&state, &user).await? {
            let token = random_token();
            store::sessions::insert_password_reset(
                &state.db,
                &token_hash(&token),
                user.id,
                &store::seconds_from_now(RESET_LINK_SECS),
            )
            .await?;
            let link = format!("{}/reset-password?token={token}", state.settings.public_url.trim_end_matches('/'));
            state.mail.send(Mail {
                to: user.email.clone(),
                subject: "Reset your password".into(),
                body: format!(
                    "Someone asked to reset the password of {}.\n\nTo choose a new one, open this link within 30 \
                     minutes:\n{link}\n\nIf it was not you, ignore this message: your password stays as it is.",
                    user.email
                ),
            });
        }
    }
    Ok(StatusCode::ACCEPTED)
}

/// Sets a new password with the token of a reset link: the link works once and for 30
/// minutes (otherwise 422 on `token`, `expired_link`). Every session of the user ends;
/// they then sign in with the new password.
#[utoipa::path(post, path = paths::PASSWORD_RESET_CONFIRM, tag = "auth", request_body = PasswordReset,
    responses((status = 204, description = "Password set; every session of the user has ended"),
              (status = 400), (status = 413), (status = 422),
              (status = 503, headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn reset_password(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<PasswordReset>,
) -> AppResult<StatusCode> {
    body.validate()?;
    let expired = || AppError::field("token", FieldError::ExpiredLink);
    let (user_id, expires_at) =
        store::sessions::take_password_reset(&state.db, &token_hash(body.token.trim())).await?.ok_or_else(expired)?;
    if store::has_passed(&expires_at) {
        return Err(expired());
    }
    let user = store::users::user_by_id(&state.db, user_id).await?.ok_or_else(expired)?;
    if !may_sign_in(&state, &user).await? {
        return Err(expired());
    }
    let hash = hash_password_off_thread(body.new_password).await?;
    store::sessions::set_password(&state.db, user.id, &hash, None).await?;
    Ok(StatusCode::NO_CONTENT)
}
