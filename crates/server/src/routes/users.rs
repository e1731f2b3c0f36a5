//! Client users of an organization: `/api/v1/orgs/{org}/users` and `.../{id}`. Agency
//! owners and admins manage them from the console, the org's own admins from the client
//! dashboard's Team page. A password goes in, never out: every answer is a [`ClientUser`].

use crate::access::{AuthUser, OrgAccess, OrgRule};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::password::hash_password_off_thread;
use crate::state::AppState;
use crate::store::{self, client_users::ClientUserEdit, client_users::NewClientUserRow, client_users::UserWrite};
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{ClientUser, ClientUserPatch, ListQuery, ListResponse, NewClientUser, Role};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_users, create_user)).routes(routes!(get_user, update_user, delete_user))
}

/// A page of the org's users, by name (`sort`: `name`, `-name`, `email`, `-email`), `q`
/// searching name and email. Agency staff and the org's admins.
#[utoipa::path(get, path = paths::USERS, tag = "people", params(("org" = i64, Path), ListQuery),
    responses((status = 200, body = ListResponse<ClientUser>), (status = 400),
              (status = 401), (status = 403), (status = 404)))]
pub async fn list_users(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ListResponse<ClientUser>>> {
    let access = user.org(&state, org_id, OrgRule::StaffOrOrgAdmin).await?;
    let (items, total) = store::client_users::list_client_users(&state.db, access.org.id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}

/// A new client user. The email must be unused on the whole platform (in any case) and
/// `agent_ids` a subset of the org's agents (empty: all of them). Logged as
/// `user.created`. Agency owners and admins, and the org's admins.
#[utoipa::path(post, path = paths::USERS, tag = "people", params(("org" = i64, Path)),
    request_body = NewClientUser,
    responses((status = 201, body = ClientUser, headers(("location" = String, description = "The new user's URL"))),
              (status = 400), (status = 401), (status = 403),
              (status = 404), (status = 422),
              (status = 429, description = "Too many \"email taken\" answers lately",
               headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn create_user(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewClientUser>,
) -> AppResult<impl IntoResponse> {
    let OrgAccess { org, actor } = user.org(&state, org_id, OrgRule::AgencyAdminOrOrgAdmin).await?;
    // Validated before hashing, so a bad form costs no Argon2 run.
    body.validate()?;
    let staff = store::users::staff_names(&state.db, actor.agency_id, None).await?;
    crate::confusable::refuse_same_look("name", &body.name, &staff)?;
    let password_hash = hash_password_off_thread(body.password).await?;
    let new = NewClientUserRow {
        agency_id: actor.agency_id,
        org_id: org.id,
        name: body.name.trim(),
        email: body.email.trim(),
        password_hash: &password_hash,
        role: body.role,
        permissions: &body.permissions,
        agent_ids: &body.agent_ids,
    };
    let write = async {
        store::client_users::create_client_user(&state.db, actor.by(), &new)
            .await
            .map_err(|e| AppError::unique_as_taken(e, "email"))
    };
    let written = probing_for_emails(&state, actor.id, write).await?;
    let created = saved(written)?;
    let location = paths::full(&paths::fill(paths::USER, &[org.id, created.id]));
    Ok((StatusCode::CREATED, [(LOCATION, location)], Json(created)))
}

/// One user of the org. Agency staff, the org's admins, and the user themself.
#[utoipa::path(get, path = paths::USER, tag = "people",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = ClientUser), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn get_user(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, user_id)): ApiPath<(i64, i64)>,
) -> AppResult<Json<ClientUser>> {
    let access = user.org(&state, org_id, OrgRule::StaffOrOrgAdminOrSelf(user_id)).await?;
    let found = store::client_users::get_client_user(&state.db, access.org.id, user_id).await?;
    Ok(Json(found.ok_or(AppError::NotFound)?))
}

/// Changes the fields present. Disabling ends the user's sessions at once; a new password
/// ends all of them but the caller's own. Each changed field is logged. An org admin
/// cannot disable or demote themself (409), which could lock the org out of its Team
/// page. Agency owners and admins, and the org's admins.
#[utoipa::path(patch, path = paths::USER, tag = "people",
    params(("org" = i64, Path), ("id" = i64, Path)), request_body = ClientUserPatch,
    responses((status = 200, body = ClientUser), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409),
              (status = 422),
              (status = 429, description = "Too many \"email taken\" answers lately",
               headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn update_user(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, user_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ClientUserPatch>,
) -> AppResult<Json<ClientUser>> {
    let OrgAccess { org, actor } = user.org(&state, org_id, OrgRule::AgencyAdminOrOrgAdmin).await?;
    // A missing id is 404 even when the body is also invalid.
    store::client_users::get_client_user(&state.db, org.id, user_id).await?.ok_or(AppError::NotFound)?;
    body.validate()?;
    if let Some(name) = &body.name {
        let staff = store::users::staff_names(&state.db, actor.agency_id, None).await?;
        crate::confusable::refuse_same_look("name", name, &staff)?;
    }
    if actor.id == user_id && (body.disabled == Some(true) || body.role == Some(Role::ClientUser)) {
        return Err(AppError::Conflict(
            "You cannot disable yourself or give up your own admin role; ask another admin.".into(),
        ));
    }
    let password_hash = match body.password {
        Some(p) => Some(hash_password_off_thread(p).await?),
        None => None,
    };
    let edit = ClientUserEdit {
        name: body.name.as_deref().map(str::trim),
        email: body.email.as_deref().map(str::trim),
        password_hash: password_hash.as_deref(),
        role: body.role,
        permissions: body.permissions.as_deref(),
        agent_ids: body.agent_ids.as_deref(),
        disabled: body.disabled,
    };
    let keep = user.signed_in().token_hash;
    let write = async {
        store::client_users::update_client_user(&state.db, org.id, user_id, actor.by(), &edit, Some(keep))
            .await
            .map_err(|e| AppError::unique_as_taken(e, "email"))
    };
    let written = probing_for_emails(&state, actor.id, write).await?;
    Ok(Json(saved(written.ok_or(AppError::NotFound)?)?))
}

/// Deletes the user, ending their sessions at once. Logged as `user.deleted`. An org
/// admin cannot delete themself (409). Agency owners and admins, and the org's admins.
#[utoipa::path(delete, path = paths::USER, tag = "people",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409)))]
pub async fn delete_user(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, user_id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    let OrgAccess { org, actor } = user.org(&state, org_id, OrgRule::AgencyAdminOrOrgAdmin).await?;
    if actor.id == user_id {
        return Err(AppError::Conflict("You cannot delete yourself; ask another admin.".into()));
    }
    if !store::client_users::delete_client_user(&state.db, org.id, user_id, actor.by()).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Refuses `asker`'s user write while they have had too many "email taken" answers (see
/// `LoginLimiter::email_probes_blocked`), then counts a new one.
pub(crate) async fn probing_for_emails<T>(
    state: &AppState,
    asker: i64,
    write: impl std::future::Future<Output = AppResult<T>>,
) -> AppResult<T> {
    if let Some(retry_after_secs) = state.login_limiter.email_probes_blocked(&state.db, asker).await? {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let result = write.await;
    if matches!(&result, Err(AppError::Validation(f)) if f.get("email") == Some(FieldError::Taken)) {
        state.login_limiter.email_probe_answered(&state.db, asker).await?;
    }
    result
}

fn saved(written: UserWrite) -> AppResult<ClientUser> {
    match written {
        UserWrite::Saved(user) => Ok(*user),
        UserWrite::UnknownAgents => Err(AppError::field("agent_ids", FieldError::Unknown)),
    }
}
