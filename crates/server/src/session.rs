//! Who is calling: the session (a cookie, or a token in `Authorization: Bearer` for a page
//! on another site), its extractor, and the cookies a cookie login sets. What a caller may
//! do is `access.rs`'s business.

pub use crate::access::AuthUser;
use crate::error::{AppError, AppResult};
use crate::password::{random_token, token_hash};
use crate::state::AppState;
use crate::store;
use atrium_api::{SessionTransport, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE};
use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};

/// The value of cookie `name` in the request, if sent.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| Cookie::split_parse(v.to_owned()))
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<AuthUser>() {
            return Ok(user.clone());
        }
        let token = request_session_token(&parts.headers).ok_or(AppError::Unauthenticated)?;
        let user = load_session(state, &token_hash(&token)).await?.ok_or(AppError::Unauthenticated)?;
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

/// The live session behind `hash`, or `None` when it is unknown, parked behind a "Log in
/// as" session, idle too long, older than the absolute lifetime, or its user may no longer
/// sign in (disabled, or their org archived), or, for "Log in as", the staff member behind
/// it may no longer impersonate. Dead sessions are removed.
pub async fn load_session(state: &AppState, hash: &str) -> AppResult<Option<AuthUser>> {
    session_if_alive(state, hash, true).await
}

/// [`load_session`] without counting as use: an open event stream checks its session
/// every few seconds, and that must not keep an unattended tab signed in for ever.
pub async fn check_session(state: &AppState, hash: &str) -> AppResult<Option<AuthUser>> {
    session_if_alive(state, hash, false).await
}

async fn session_if_alive(state: &AppState, hash: &str, touch: bool) -> AppResult<Option<AuthUser>> {
    let Some((session, user)) = store::sessions::session_with_user(&state.db, hash).await? else {
        return Ok(None);
    };
    if session.parked_for.is_some() {
        return Ok(None);
    }
    let idle = store::seconds_since(&session.last_seen_at).unwrap_or(i64::MAX);
    let age = store::seconds_since(&session.created_at).unwrap_or(i64::MAX);
    let limit = state.settings.session_idle.as_secs() as i64;
    let alive = idle <= limit
        && age <= state.settings.session_lifetime.as_secs() as i64
        && may_sign_in(state, &user).await?
        && may_still_impersonate(state, session.impersonator_id).await?;
    if !alive {
        store::sessions::delete_session(&state.db, hash).await?;
        return Ok(None);
    }
    // Writing on every request would serialise readers behind SQLite's one writer, so the
    // last-seen time moves at most once a minute; under a shorter idle limit (a quarter
    // of it) so that a session in use never runs out between two writes.
    if touch && idle > (limit / 4).min(60) {
        // Best effort: on a read-only or full database, reads must keep working; the
        // session then ages as if unused, which errs on the safe side.
        if let Err(e) = store::sessions::touch_session(&state.db, hash).await {
            match crate::error::storage_fault(&e) {
                Some(_) => tracing::warn!(error = %e, "session last-seen time not saved"),
                None => return Err(e.into()),
            }
        }
    }
    Ok(Some(AuthUser::new(session, user)))
}

/// An impersonation lasts only while its staff member could start it: still there, not
/// disabled, still an owner or admin. (Deleting them deletes the session by cascade.)
async fn may_still_impersonate(state: &AppState, impersonator_id: Option<i64>) -> AppResult<bool> {
    let Some(id) = impersonator_id else {
        return Ok(true);
    };
    Ok(match store::users::user_by_id(&state.db, id).await? {
        Some(staff) => !staff.disabled && staff.org_id.is_none() && staff.role().manages_agency(),
        None => false,
    })
}

/// Disabled users and the users of archived orgs cannot sign in or stay signed in.
pub async fn may_sign_in(state: &AppState, user: &store::users::UserRow) -> AppResult<bool> {
    if user.disabled {
        return Ok(false);
    }
    match user.org_id {
        None => Ok(true),
        Some(org_id) => Ok(matches!(store::orgs::org_summary(&state.db, org_id).await?, Some((_, false)))),
    }
}

/// A session just started: its token's hash, and how the answer hands it over: the
/// `Set-Cookie` headers of a cookie session, or the token itself for the body.
pub struct Started {
    pub token_hash: String,
    pub cookies: HeaderMap,
    pub token: Option<String>,
}

/// Starts a session for `user_id`, carried as `transport` says.
pub async fn start_session(
    state: &AppState,
    user_id: i64,
    impersonator_id: Option<i64>,
    transport: SessionTransport,
) -> AppResult<Started> {
    let token = random_token();
    let csrf = random_token();
    let hash = token_hash(&token);
    store::sessions::insert_session(&state.db, &hash, user_id, &csrf, impersonator_id).await?;
    Ok(match transport {
        SessionTransport::Cookie => {
            Started { token_hash: hash, cookies: session_cookies(state, token, csrf)?, token: None }
        }
        SessionTransport::Token => Started { token_hash: hash, cookies: HeaderMap::new(), token: Some(token) },
    })
}

/// The session and CSRF cookies for a session's token and CSRF token.
pub fn session_cookies(state: &AppState, token: String, csrf: String) -> AppResult<HeaderMap> {
    let mut headers = HeaderMap::new();
    let secure = state.settings.secure_cookies;
    let session = Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build();
    // A page on another origin cannot read the API's cookies: the token also travels in
    // a header of this answer (exposed to allowed origins, see `cors.rs`).
    headers.insert(CSRF_HEADER, header_value_str(&csrf)?);
    // Readable by the page's script on purpose: it echoes it in the CSRF header.
    let csrf = Cookie::build((CSRF_COOKIE, csrf)).path("/").same_site(SameSite::Lax).secure(secure).build();
    for c in [session, csrf] {
        headers.append(SET_COOKIE, header_value(&c)?);
    }
    Ok(headers)
}

/// `Set-Cookie` headers that remove both cookies (and a "Log in as" return cookie).
pub fn clear_cookies() -> AppResult<HeaderMap> {
    let mut headers = HeaderMap::new();
    for name in [SESSION_COOKIE, CSRF_COOKIE] {
        let mut c = Cookie::build((name, "")).path("/").build();
        c.make_removal();
        headers.append(SET_COOKIE, header_value(&c)?);
    }
    headers.append(SET_COOKIE, forget_return_cookie()?);
    Ok(headers)
}

/// The `Set-Cookie` header that removes the "Log in as" return cookie.
pub fn forget_return_cookie() -> AppResult<HeaderValue> {
    let mut c =
        Cookie::build((RETURN_COOKIE, "")).path(atrium_api::paths::full(atrium_api::paths::STOP_IMPERSONATING)).build();
    c.make_removal();
    header_value(&c)
}

/// During "Log in as": the staff member's own, parked session token, HttpOnly and sent
/// only to the route that gives it back.
pub const RETURN_COOKIE: &str = "atrium_return";

pub fn return_cookie(state: &AppState, token: &str) -> AppResult<HeaderValue> {
    let c = Cookie::build((RETURN_COOKIE, token.to_string()))
        .path(atrium_api::paths::full(atrium_api::paths::STOP_IMPERSONATING))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.secure_cookies)
        .build();
    header_value(&c)
}

fn header_value(c: &Cookie<'_>) -> AppResult<HeaderValue> {
    header_value_str(&c.to_string())
}

pub fn header_value_str(value: &str) -> AppResult<HeaderValue> {
    HeaderValue::from_str(value).map_err(|e| AppError::Internal(e.into()))
}

/// The session token the request carries. A request with an `Authorization` header is
/// judged by it alone (a page in token mode may still hold an old cookie of the API's).
pub fn request_session_token(headers: &HeaderMap) -> Option<String> {
    match transport_of(headers) {
        SessionTransport::Token => bearer_token(headers),
        SessionTransport::Cookie => cookie_value(headers, SESSION_COOKIE),
    }
}

/// The token of an `Authorization: Bearer <token>` header (a session token, or an agency
/// API key on ingest), if the request has a usable one.
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let (scheme, token) = headers.get(AUTHORIZATION)?.to_str().ok()?.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
}

/// How the request carries its session: a bearer header means token mode.
pub fn transport_of(headers: &HeaderMap) -> SessionTransport {
    if headers.contains_key(AUTHORIZATION) {
        SessionTransport::Token
    } else {
        SessionTransport::Cookie
    }
}

/// The session token hash the request carries, if any.
pub fn request_session_hash(headers: &HeaderMap) -> Option<String> {
    request_session_token(headers).map(|t| token_hash(&t))
}
