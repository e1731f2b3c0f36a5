//! The CSRF rule: every mutating request but login and ingest carries the CSRF token in
//! `X-CSRF-Token`; it must match the readable cookie and the caller's session. A request
//! whose session is a bearer token needs none: a browser never adds that header by itself,
//! and another origin's script may not (CORS), so nobody can forge one from a foreign page.

use crate::error::AppError;
use crate::password::same_secret;
use crate::session::{cookie_value, request_session_hash};
use crate::state::AppState;
use crate::store;
use atrium_api::{paths, API_PREFIX, CSRF_COOKIE, CSRF_HEADER};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Paths (under `/api/v1`) that a browser session cannot forge: login and the password
/// reset have no session yet (and a reset needs the emailed token), ingest authenticates
/// with a bearer key that a browser never sends by itself.
const EXEMPT: &[&str] =
    &[paths::LOGIN, paths::EMBED_SIGN_IN, paths::PASSWORD_RESET, paths::PASSWORD_RESET_CONFIRM, paths::INGEST_MESSAGES];

pub async fn csrf_guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mutating = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let bearer = crate::session::transport_of(request.headers()) == atrium_api::SessionTransport::Token;
    let exempt = request.uri().path().strip_prefix(API_PREFIX).is_some_and(|path| EXEMPT.contains(&path));
    if !mutating || bearer || exempt {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    match check(&state, &headers).await {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

async fn check(state: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty());
    let cookie = cookie_value(headers, CSRF_COOKIE);
    let (Some(sent), Some(cookie)) = (sent, cookie) else {
        return Err(AppError::Csrf);
    };
    if !same_secret(sent, &cookie) {
        return Err(AppError::Csrf);
    }
    if let Some(hash) = request_session_hash(headers) {
        if let Some((session, _)) = store::sessions::session_with_user(&state.db, &hash).await? {
            if !same_secret(sent, &session.csrf_token) {
                return Err(AppError::Csrf);
            }
        }
    }
    Ok(())
}
