//! The agency's staff: `/api/v1/staff` and `/api/v1/staff/{id}`. Any staff may see who
//! is on the team; only owners add, promote, demote and remove, and never the last owner.

use crate::access::AuthUser;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::password::hash_password_off_thread;
use crate::state::AppState;
use crate::store::{self, staff::NewStaffRow, staff::StaffOutcome};
use atrium_api::paths;
use atrium_api::{ListQuery, ListResponse, NewStaffUser, StaffRoleChange, StaffUser};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_staff, create_staff)).routes(routes!(update_staff, delete_staff))
}

const LAST_OWNER: &str = "An agency needs an owner: make someone else owner first.";

/// A page of the agency's staff by name, `q` searching name and email. Agency staff only.
#[utoipa::path(get, path = paths::STAFF, tag = "staff", params(ListQuery),
    responses((status = 200, body = ListResponse<StaffUser>), (status = 400),
              (status = 401), (status = 403)))]
pub async fn list_staff(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ListResponse<StaffUser>>> {
    let staff = user.require_staff()?;
    let (items, total) = store::staff::list_staff(&state.db, staff.agency_id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}

/// A new staff member of the caller's agency; the email must be unused on the whole
/// platform, in any case. Owners only.
#[utoipa::path(post, path = paths::STAFF, tag = "staff", request_body = NewStaffUser,
    responses((status = 201, body = StaffUser, headers(("location" = String, description = "The new member's URL"))),
              (status = 400), (status = 401), (status = 403),
              (status = 422),
              (status = 429, description = "Too many \"email taken\" answers lately",
               headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn create_staff(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<NewStaffUser>,
) -> AppResult<impl IntoResponse> {
    let owner = user.require_owner()?;
    // Validated before hashing, so a bad form costs no Argon2 run.
    body.validate()?;
    let staff = store::users::staff_names(&state.db, owner.agency_id, None).await?;
    crate::confusable::refuse_look_alike("name", &body.name, &staff)?;
    let password_hash = hash_password_off_thread(body.password).await?;
    let new = NewStaffRow {
        agency_id: owner.agency_id,
        name: body.name.trim(),
        email: body.email.trim(),
        password_hash: &password_hash,
        role: body.role,
    };
    let write =
        async { store::staff::create_staff(&state.db, &new).await.map_err(|e| AppError::unique_as_taken(e, "email")) };
    let staff = crate::routes::users::probing_for_emails(&state, owner.id, write).await?;
    let location = paths::full(&paths::fill(paths::STAFF_USER, &[staff.id]));
    Ok((StatusCode::CREATED, [(LOCATION, location)], Json(staff)))
}

/// Gives a staff member another role; demoting the agency's last owner is 409. Owners only.
#[utoipa::path(patch, path = paths::STAFF_USER, tag = "staff", params(("id" = i64, Path)),
    request_body = StaffRoleChange,
    responses((status = 200, body = StaffUser), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409),
              (status = 422)))]
pub async fn update_staff(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(staff_id): ApiPath<i64>,
    ApiJson(body): ApiJson<StaffRoleChange>,
) -> AppResult<Json<StaffUser>> {
    let owner = user.require_owner()?;
    // A foreign or missing id is 404 even when the body is also invalid.
    store::staff::get_staff(&state.db, owner.agency_id, staff_id).await?.ok_or(AppError::NotFound)?;
    body.validate()?;
    match store::staff::change_staff_role(&state.db, owner.agency_id, staff_id, body.role).await? {
        StaffOutcome::Done(staff) => Ok(Json(staff)),
        StaffOutcome::NotFound => Err(AppError::NotFound),
        StaffOutcome::LastOwner => Err(AppError::Conflict(LAST_OWNER.into())),
    }
}

/// Removes a staff member, ending their sessions (and any "Log in as" they opened) at
/// once; removing the agency's last owner is 409. Owners only.
#[utoipa::path(delete, path = paths::STAFF_USER, tag = "staff", params(("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409)))]
pub async fn delete_staff(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(staff_id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let owner = user.require_owner()?;
    match store::staff::delete_staff(&state.db, owner.agency_id, staff_id).await? {
        StaffOutcome::Done(()) => Ok(StatusCode::NO_CONTENT),
        StaffOutcome::NotFound => Err(AppError::NotFound),
        StaffOutcome::LastOwner => Err(AppError::Conflict(LAST_OWNER.into())),
    }
}
