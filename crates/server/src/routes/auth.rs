//! Signing in and out, and `GET /api/v1/me`.

use crate::access::AuthUser;
use crate::client_address::client_address;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::password::verify_password;
use crate::session::{clear_cookies, may_sign_in, start_session};
use crate::state::AppState;
use crate::store;
use atrium_api::{validate, AgencyRef, ErrorBody, LoginRequest, Me, Permission, UserKind, UserSummary};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use std::net::SocketAddr;

pub fn router() -> Router<AppState> {
    Router::new().route("/auth/login", post(login)).route("/auth/logout", post(logout)).route("/me", get(me))
}

/// Answers the same `invalid_credentials` for an unknown email, a wrong password, a
/// disabled user and an archived org, after the same amount of work.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = Me), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> AppResult<impl IntoResponse> {
    validate::login(&body.email, &body.password)?;
    let account = body.email.trim().to_lowercase();
    let peer = peer.map(|Extension(ConnectInfo(addr))| addr.ip());
    let address = client_address(peer, &headers, &state.settings.trusted_proxies).map(|ip| ip.to_string());
    if let Some(retry_after_secs) = state.login_limiter.check(&state.db, &account, address.as_deref()).await? {
        return Err(AppError::RateLimited { retry_after_secs });
    }

    let user = store::user_by_email(&state.db, &account).await?;
    let password = body.password.clone();
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    // Argon2 takes tens of milliseconds: keep it off the async workers.
    let verified = tokio::task::spawn_blocking(move || verify_password(&password, hash.as_deref()))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let user = match user {
        Some(user) if verified && may_sign_in(&state, &user).await? => user,
        _ => {
            state.login_limiter.record_failure(&state.db, &account, address.as_deref()).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    state.login_limiter.clear_account(&state.db, &account).await?;
    let cookies = start_session(&state, user.id, None).await?;
    let me = build_me(&state, &user, None).await?;
    Ok((cookies, Json(me)))
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204), (status = 403, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<impl IntoResponse> {
    if let Some(hash) = crate::session::request_session_hash(&headers) {
        store::delete_session(&state.db, &hash).await?;
    }
    Ok((StatusCode::NO_CONTENT, clear_cookies()?))
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<Me>> {
    let me = user.signed_in();
    let impersonator = match me.impersonator_id {
        Some(id) => store::user_by_id(&state.db, id).await?,
        None => None,
    };
    Ok(Json(build_me(&state, me.user, impersonator.as_ref()).await?))
}

pub async fn build_me(state: &AppState, user: &store::UserRow, impersonator: Option<&store::UserRow>) -> AppResult<Me> {
    let role = user.role();
    let (org, agents) = match user.org_id {
        Some(org_id) => {
            let (summary, _) = store::org_summary(&state.db, org_id).await?.ok_or(AppError::NotFound)?;
            (Some(summary), store::agents_for_client(&state.db, org_id, user.id).await?)
        }
        None => (None, Vec::new()),
    };
    Ok(Me {
        user: summary(user),
        kind: role.kind(),
        role,
        agency: AgencyRef { id: user.agency_id, name: store::agency_name(&state.db, user.agency_id).await? },
        org,
        permissions: match role.kind() {
            UserKind::Client => Permission::effective(role, &user.stored_permissions()),
            UserKind::Staff => Vec::new(),
        },
        agents,
        impersonated_by: impersonator.map(summary),
    })
}

fn summary(u: &store::UserRow) -> UserSummary {
    UserSummary { id: u.id, email: u.email.clone(), name: u.name.clone() }
}
