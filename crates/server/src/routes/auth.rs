//! Signing in and out, and `GET /api/v1/me`.

use crate::access::AuthUser;
use crate::client_address;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::password::{random_token, token_hash};
use crate::rate_limit::Attempt;
use crate::session::{clear_cookies, cookie_value, may_sign_in, start_session};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::{validate, AgencyRef, LoginRequest, Me, Permission, UserKind, UserSummary, DEVICE_COOKIE};
use axum::extract::{ConnectInfo, State};
use axum::http::header::SET_COOKIE;
use axum::http::HeaderValue;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use cookie::{Cookie, SameSite};
use std::net::SocketAddr;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(login)).routes(routes!(logout)).routes(routes!(me))
}

/// Answers the same `invalid_credentials` for an unknown email, a wrong password, a
/// disabled user and an archived org, after the same amount of work. Throttled as
/// `rate_limit.rs` explains (429 with `Retry-After`); when too many sign-ins are already
/// hashing passwords, 503 `server_busy` with `Retry-After`.
#[utoipa::path(post, path = paths::LOGIN, tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = Me, description = "Sets the session, CSRF and device cookies; with \
               `session: token`, no session cookie but `session_token` in the body"),
              (status = 400), (status = 401),
              (status = 413), (status = 422),
              (status = 429, description = "Too many attempts of this account and address (or \
               this device, or on this account from anywhere, or from this address); `Retry-After` says when to try again",
               headers(("Retry-After" = u64, description = "Seconds to wait"))),
              (status = 503, description = "`server_busy`: too many sign-ins at once",
               headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn login(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> AppResult<impl IntoResponse> {
    validate::login(&body.email, &body.password)?;
    let account = body.email.trim().to_lowercase();
    let address = client_address::of_request(&state, peer, &headers);
    let user = store::users::user_by_email(&state.db, &account).await?;
    let device = cookie_value(&headers, DEVICE_COOKIE).map(|token| token_hash(&token));
    let known_device = match (&device, &user) {
        (Some(device), Some(user)) if store::sessions::is_known_device(&state.db, device, user.id).await? => {
            Some(device.as_str())
        }
        _ => None,
    };
    let attempt = Attempt { account: &account, address: address.as_deref(), known_device };
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let (verified, recorded) = state.login_limiter.check_password(&state.db, &attempt, body.password, hash).await?;
    let user = match user {
        Some(user) if verified && may_sign_in(&state, &user).await? => user,
        _ => return Err(AppError::InvalidCredentials),
    };
    state.login_limiter.succeeded(&state.db, recorded).await?;
    let started = start_session(&state, user.id, None, body.session).await?;
    let mut cookies = started.cookies;
    if known_device.is_none() {
        cookies.append(SET_COOKIE, remember_this_device(&state, user.id).await?);
    }
    let me = build_me(&state, &user, None).await?;
    Ok((cookies, Json(Me { session_token: started.token, ..me })))
}

/// A new device cookie for `user_id`'s browser: a year long, sent only to sign-in.
async fn remember_this_device(state: &AppState, user_id: i64) -> AppResult<HeaderValue> {
    let token = random_token();
    store::sessions::remember_device(&state.db, &token_hash(&token), user_id).await?;
    let cookie = Cookie::build((DEVICE_COOKIE, token))
        .path(paths::full(paths::LOGIN))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.secure_cookies)
        .max_age(cookie::time::Duration::days(365))
        .build();
    crate::session::header_value_str(&cookie.to_string())
}

/// Ends the session the request carries (cookie or bearer token).
#[utoipa::path(post, path = paths::LOGOUT, tag = "auth",
    responses((status = 204), (status = 403)))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<impl IntoResponse> {
    if let Some(hash) = crate::session::request_session_hash(&headers) {
        store::sessions::delete_session(&state.db, &hash).await?;
    }
    Ok((StatusCode::NO_CONTENT, clear_cookies()?))
}

/// Who is signed in: the user, their role, agency, org, permissions and agents, and who
/// is behind a "Log in as".
#[utoipa::path(get, path = paths::ME, tag = "auth",
    responses((status = 200, body = Me, headers(("X-CSRF-Token" = String, description = "The session's CSRF token"))),
              (status = 401)))]
pub async fn me(State(state): State<AppState>, user: AuthUser, headers: HeaderMap) -> AppResult<impl IntoResponse> {
    let me = user.signed_in();
    let impersonator = match me.impersonator_id {
        Some(id) => store::users::user_by_id(&state.db, id).await?,
        None => None,
    };
    // The session's CSRF token, for a page on another origin (it cannot read the cookie).
    // A token session has no use for it, and gets none.
    let csrf = match crate::session::transport_of(&headers) {
        atrium_api::SessionTransport::Cookie => {
            vec![(atrium_api::CSRF_HEADER, crate::session::header_value_str(me.csrf_token)?)]
        }
        atrium_api::SessionTransport::Token => Vec::new(),
    };
    Ok((axum::response::AppendHeaders(csrf), Json(build_me(&state, me.user, impersonator.as_ref()).await?)))
}

pub async fn build_me(
    state: &AppState,
    user: &store::users::UserRow,
    impersonator: Option<&store::users::UserRow>,
) -> AppResult<Me> {
    let role = user.role();
    let (org, agents) = match user.org_id {
        Some(org_id) => {
            let (summary, _) = store::orgs::org_summary(&state.db, org_id).await?.ok_or(AppError::NotFound)?;
            (Some(summary), store::agents::agents_for_client(&state.db, org_id, user.id).await?)
        }
        None => (None, Vec::new()),
    };
    Ok(Me {
        user: summary(user),
        kind: role.kind(),
        role,
        agency: AgencyRef { id: user.agency_id, name: store::agencies::agency_name(&state.db, user.agency_id).await? },
        org,
        permissions: match role.kind() {
            UserKind::Client => Permission::effective(role, &user.stored_permissions()),
            UserKind::Staff => Vec::new(),
        },
        agents,
        impersonated_by: impersonator.map(summary),
        session_token: None,
    })
}

fn summary(u: &store::users::UserRow) -> UserSummary {
    UserSummary { id: u.id, email: u.email.clone(), name: u.name.clone() }
}
