//! "Log in as": agency staff open a client's dashboard as one of its users, in a session
//! of that user marked with who really is at the keyboard, and come back to their own.
//!
//! The impersonation session is the client user's session in every other respect, so it
//! reaches exactly what that user reaches and nothing of the agency console.

use crate::access::{AuthUser, OrgAccess, OrgRule};
use crate::changes::impersonation;
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::password::token_hash;
use crate::routes::auth::build_me;
use crate::session::{
    cookie_value, forget_return_cookie, request_session_token, return_cookie, session_cookies, start_session,
    transport_of, Started, RETURN_COOKIE,
};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::{Me, SessionTransport, RETURN_TOKEN_HEADER};
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(impersonate)).routes(routes!(stop_impersonating))
}

/// Replaces the caller's session with one of the client user, recorded in the org's log
/// as `impersonation` (by the staff member, the user's email as new value); answers the
/// client user's `Me`, `impersonated_by` set. The staff member's own session is parked,
/// not ended: its token moves to an HttpOnly cookie that only `stop-impersonating` reads.
/// In token mode (the staff member's session is a bearer token) the new session is a
/// token too, in the body; the page keeps the staff token to give back.
/// A disabled user or an archived org is 409: they could not sign in themselves. Agency
/// owners and admins only.
#[utoipa::path(post, path = paths::IMPERSONATE, tag = "people",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Me, description = "Sets new session and CSRF cookies (token mode: \
               `session_token`)"),
              (status = 400), (status = 401), (status = 403),
              (status = 404), (status = 409)))]
pub async fn impersonate(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    ApiPath((org_id, user_id)): ApiPath<(i64, i64)>,
) -> AppResult<impl IntoResponse> {
    let OrgAccess { org, actor } = user.org(&state, org_id, OrgRule::AgencyAdmin).await?;
    let target = store::client_users::get_client_user(&state.db, org.id, user_id).await?.ok_or(AppError::NotFound)?;
    if org.archived {
        return Err(AppError::Conflict("This organization is archived: nobody can sign in to it.".into()));
    }
    if target.disabled {
        return Err(AppError::Conflict("This user is disabled: enable them first.".into()));
    }
    // Recorded before the session exists: an impersonation is never unlogged.
    store::activity::log_activity(&state.db, org.id, actor.by(), &[impersonation(&target.email)]).await?;
    let transport = transport_of(&headers);
    let Started { token_hash, mut cookies, token } =
        start_session(&state, target.id, Some(actor.id), transport).await?;
    let staff = user.signed_in();
    let staff_token = request_session_token(&headers).ok_or(AppError::Unauthenticated)?;
    store::sessions::park_session(&state.db, staff.token_hash, &token_hash).await?;
    if transport == SessionTransport::Cookie {
        cookies.append(SET_COOKIE, return_cookie(&state, &staff_token)?);
    }
    let client = store::users::user_by_id(&state.db, target.id).await?.ok_or(AppError::NotFound)?;
    let me = build_me(&state, &client, Some(staff.user)).await?;
    Ok((cookies, Json(Me { session_token: token, ..me })))
}

/// Ends the impersonation session and gives the staff member back the session it parked,
/// which only the browser's HttpOnly return cookie names (in token mode: the parked token
/// in `X-Return-Token`): the impersonation session alone (a copied token, a script's
/// request without that cookie) never yields a staff session.
/// Answers the staff member's `Me`. Without the return cookie the impersonation still
/// ends, and the answer is 401: sign in again. Outside an impersonation it is 409.
#[utoipa::path(post, path = paths::STOP_IMPERSONATING, tag = "auth",
    params(("X-Return-Token" = Option<String>, Header, description = "Token mode: the staff member's parked token")),
    responses((status = 200, body = Me, description = "Sets the staff member's session and CSRF cookies again \
               (token mode: `session_token`)"),
              (status = 401), (status = 403), (status = 409)))]
pub async fn stop_impersonating(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    let session = user.signed_in();
    let Some(staff_id) = session.impersonator_id else {
        return Err(AppError::Conflict("This session is not a \"Log in as\" session.".into()));
    };
    let transport = transport_of(&headers);
    let parked = match transport {
        SessionTransport::Cookie => cookie_value(&headers, RETURN_COOKIE),
        SessionTransport::Token => {
            headers.get(RETURN_TOKEN_HEADER).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_string())
        }
    };
    let csrf = match &parked {
        Some(token) => {
            store::sessions::unpark_session(&state.db, &token_hash(token), session.token_hash, staff_id).await?
        }
        None => None,
    };
    let (Some(token), Some(csrf)) = (parked, csrf) else {
        store::sessions::delete_session(&state.db, session.token_hash).await?;
        return Err(AppError::Unauthenticated);
    };
    // The session loader has just checked that the staff member may still do this.
    let staff = store::users::user_by_id(&state.db, staff_id).await?.ok_or(AppError::Unauthenticated)?;
    let me = build_me(&state, &staff, None).await?;
    if transport == SessionTransport::Token {
        return Ok((HeaderMap::new(), Json(Me { session_token: Some(token), ..me })));
    }
    let mut cookies = session_cookies(&state, token, csrf)?;
    cookies.append(SET_COOKIE, forget_return_cookie()?);
    Ok((cookies, Json(me)))
}
