//! Who is calling: the session cookie, its extractor, and the cookies a login sets.

use crate::error::{AppError, AppResult};
use crate::password::{random_token, token_hash};
use crate::state::AppState;
use crate::store;
use atrium_api::{Permission, Role, CSRF_COOKIE, SESSION_COOKIE};
use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};

/// A signed-in user, as every protected handler receives it.
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub id: i64,
    pub agency_id: i64,
    pub org_id: Option<i64>,
    pub role: Role,
    pub permissions: Vec<Permission>,
    pub impersonator_id: Option<i64>,
    pub token_hash: String,
    pub user: store::UserRow,
}

impl AuthUser {
    pub fn is_staff(&self) -> bool {
        self.org_id.is_none()
    }

    /// Agency-level resources are for staff; a client user gets 403 in their own tenant.
    pub fn require_staff(&self) -> AppResult<()> {
        if self.is_staff() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// May this user see org `org_id` at all? Staff of its agency and its own users may;
    /// to anyone else it does not exist.
    pub fn can_see_org(&self, org_agency_id: i64, org_id: i64) -> bool {
        if self.is_staff() {
            self.agency_id == org_agency_id
        } else {
            self.org_id == Some(org_id)
        }
    }
}

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
        let token = cookie_value(&parts.headers, SESSION_COOKIE).ok_or(AppError::Unauthenticated)?;
        let user = load_session(state, &token_hash(&token)).await?.ok_or(AppError::Unauthenticated)?;
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

/// The live session behind `hash`, or `None` when it is unknown, idle too long, or its
/// user may no longer sign in (disabled, or their org archived). Dead sessions are removed.
pub async fn load_session(state: &AppState, hash: &str) -> AppResult<Option<AuthUser>> {
    let Some((session, user)) = store::session_with_user(&state.db, hash).await? else {
        return Ok(None);
    };
    let idle = store::seconds_since(&session.last_seen_at).unwrap_or(i64::MAX);
    let expired = idle > state.settings.session_idle.as_secs() as i64;
    if expired || !may_sign_in(state, &user).await? {
        store::delete_session(&state.db, hash).await?;
        return Ok(None);
    }
    // Writing on every request would serialise readers behind SQLite's one writer.
    if idle > 60 {
        store::touch_session(&state.db, hash).await?;
    }
    let role = user.role();
    Ok(Some(AuthUser {
        id: user.id,
        agency_id: user.agency_id,
        org_id: user.org_id,
        role,
        permissions: Permission::effective(role, &user.stored_permissions()),
        impersonator_id: session.impersonator_id,
        token_hash: session.token_hash,
        user,
    }))
}

/// Disabled users and the users of archived orgs cannot sign in or stay signed in.
pub async fn may_sign_in(state: &AppState, user: &store::UserRow) -> AppResult<bool> {
    if user.disabled {
        return Ok(false);
    }
    match user.org_id {
        None => Ok(true),
        Some(org_id) => Ok(matches!(store::org_summary(&state.db, org_id).await?, Some((_, false)))),
    }
}

/// Starts a session for `user_id`, returning the `Set-Cookie` headers to send.
pub async fn start_session(state: &AppState, user_id: i64, impersonator_id: Option<i64>) -> AppResult<HeaderMap> {
    let token = random_token();
    let csrf = random_token();
    store::insert_session(&state.db, &token_hash(&token), user_id, &csrf, impersonator_id).await?;
    let mut headers = HeaderMap::new();
    let secure = state.settings.secure_cookies;
    let session = Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build();
    // Readable by the page's script on purpose: it echoes it in the CSRF header.
    let csrf = Cookie::build((CSRF_COOKIE, csrf)).path("/").same_site(SameSite::Lax).secure(secure).build();
    for c in [session, csrf] {
        headers.append(SET_COOKIE, header_value(&c)?);
    }
    Ok(headers)
}

/// `Set-Cookie` headers that remove both cookies.
pub fn clear_cookies() -> AppResult<HeaderMap> {
    let mut headers = HeaderMap::new();
    for name in [SESSION_COOKIE, CSRF_COOKIE] {
        let mut c = Cookie::build((name, "")).path("/").build();
        c.make_removal();
        headers.append(SET_COOKIE, header_value(&c)?);
    }
    Ok(headers)
}

fn header_value(c: &Cookie<'_>) -> AppResult<HeaderValue> {
    HeaderValue::from_str(&c.to_string()).map_err(|e| AppError::Internal(e.to_string()))
}

/// The session token hash from the request's cookie, if any.
pub fn request_session_hash(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, SESSION_COOKIE).map(|t| token_hash(&t))
}
