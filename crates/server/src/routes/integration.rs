//! How the agent runtime connects. `/api/v1/api-keys`: the agency's API keys, managed by
//! its owners and admins (the secret is shown once, at creation). And
//! `/api/v1/orgs/{org}/handoff-rules`: an org's keyword rules, read by any agency staff
//! and changed by the agency's owners and admins.

use crate::access::{AuthUser, OrgRule};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::password::{random_token, token_hash};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{ApiKey, CreatedApiKey, HandoffRule, ListResponse, NewHandoffRule};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

/// What every key starts with, so a leaked one is recognisable.
pub const KEY_PREFIX: &str = "atr_";
/// How many leading characters of a key are kept to tell keys apart.
pub const SHOWN_CHARS: usize = 12;

/// Who may read handoff rules.
const RULES_READ: OrgRule = OrgRule::AnyStaff;
/// Who may change them.
const RULES_WRITE: OrgRule = OrgRule::AgencyAdmin;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_api_keys, create_api_key))
        .routes(routes!(revoke_api_key))
        .routes(routes!(list_handoff_rules, create_handoff_rule))
        .routes(routes!(delete_handoff_rule))
}

/// The agency's API keys, newest first, by prefix only.
#[utoipa::path(get, path = paths::API_KEYS, tag = "integration",
    responses((status = 200, body = ListResponse<ApiKey>), (status = 401),
              (status = 403)))]
pub async fn list_api_keys(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<ListResponse<ApiKey>>> {
    let actor = user.require_agency_admin()?;
    let items = store::integration::list_api_keys(&state.db, actor.agency_id).await?;
    let total = items.len() as u64;
    Ok(Json(ListResponse::new(items, total)))
}

/// A new key. Its secret is in this answer only: the server keeps its hash.
#[utoipa::path(post, path = paths::API_KEYS, tag = "integration",
    responses((status = 201, body = CreatedApiKey), (status = 401),
              (status = 403)))]
pub async fn create_api_key(State(state): State<AppState>, user: AuthUser) -> AppResult<impl IntoResponse> {
    let actor = user.require_agency_admin()?;
    let secret = format!("{KEY_PREFIX}{}", random_token());
    let prefix: String = secret.chars().take(SHOWN_CHARS).collect();
    let key = store::integration::create_api_key(&state.db, actor.agency_id, &prefix, &token_hash(&secret)).await?;
    Ok((StatusCode::CREATED, Json(CreatedApiKey { key, secret })))
}

/// Revokes the key: the runtime using it is turned away from then on (401).
#[utoipa::path(delete, path = paths::API_KEY, tag = "integration", params(("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn revoke_api_key(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let actor = user.require_agency_admin()?;
    if !store::integration::revoke_api_key(&state.db, actor.agency_id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The org's keyword rules, by keyword.
#[utoipa::path(get, path = paths::HANDOFF_RULES, tag = "integration", params(("org" = i64, Path)),
    responses((status = 200, body = ListResponse<HandoffRule>), (status = 400),
              (status = 401), (status = 403), (status = 404)))]
pub async fn list_handoff_rules(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<Json<ListResponse<HandoffRule>>> {
    let access = user.org(&state, org_id, RULES_READ).await?;
    let items = store::integration::list_handoff_rules(&state.db, access.org.id).await?;
    let total = items.len() as u64;
    Ok(Json(ListResponse::new(items, total)))
}

/// A new rule. The keyword must be new to the org (in any case: 422 `taken`) and the
/// team, when given, one of the org's (422 `unknown`).
#[utoipa::path(post, path = paths::HANDOFF_RULES, tag = "integration", params(("org" = i64, Path)),
    request_body = NewHandoffRule,
    responses((status = 201, body = HandoffRule), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 422)))]
pub async fn create_handoff_rule(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewHandoffRule>,
) -> AppResult<impl IntoResponse> {
    let access = user.org(&state, org_id, RULES_WRITE).await?;
    body.validate()?;
    if let Some(team_id) = body.team_id {
        if !store::integration::team_in_org(&state.db, access.org.id, team_id).await? {
            return Err(AppError::field("team_id", FieldError::Unknown));
        }
    }
    let rule = store::integration::create_handoff_rule(&state.db, access.org.id, body.keyword.trim(), body.team_id)
        .await
        .map_err(|e| AppError::unique_as_taken(e, "keyword"))?;
    Ok((StatusCode::CREATED, Json(rule)))
}

/// Deletes a handoff keyword rule of the org.
#[utoipa::path(delete, path = paths::HANDOFF_RULE, tag = "integration",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn delete_handoff_rule(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    let access = user.org(&state, org_id, RULES_WRITE).await?;
    if !store::integration::delete_handoff_rule(&state.db, access.org.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}
