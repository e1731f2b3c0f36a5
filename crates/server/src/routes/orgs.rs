//! Client organizations: `/api/v1/orgs` and `/api/v1/orgs/{org}`.

use crate::access::{AuthUser, OrgAccess, OrgRule};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::{self, orgs::NewOrg, orgs::OrgEdit, orgs::SaveOutcome};
use atrium_api::org_input::blank_to_none;
use atrium_api::paths;
use atrium_api::{ListResponse, NewOrganization, OrgListQuery, OrgSettings, Organization, OrganizationUpdate};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_orgs, create_org)).routes(routes!(get_org, update_org, delete_org))
}

/// The caller's agency's organizations, a page at a time. Agency staff only.
#[utoipa::path(get, path = paths::ORGS, tag = "orgs", params(OrgListQuery),
    responses((status = 200, body = ListResponse<Organization>), (status = 401),
              (status = 403), (status = 400), (status = 422)))]
pub async fn list_orgs(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(query): ApiQuery<OrgListQuery>,
) -> AppResult<Json<ListResponse<Organization>>> {
    let staff = user.require_staff()?;
    query.validate()?;
    let (items, total) =
        store::orgs::list_orgs(&state.db, staff.agency_id, query.archived.unwrap_or(false), &query.list()).await?;
    Ok(Json(ListResponse::counted(items, total)))
}

/// A new organization with the default settings. Agency owners and admins only; the name
/// must be unused in the agency, in any case.
#[utoipa::path(post, path = paths::ORGS, tag = "orgs", request_body = NewOrganization,
    responses((status = 201, body = Organization, headers(("location" = String, description = "The new org's URL"))),
              (status = 400), (status = 401), (status = 403),
              (status = 422)))]
pub async fn create_org(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<NewOrganization>,
) -> AppResult<impl IntoResponse> {
    let admin = user.require_agency_admin()?;
    body.validate()?;
    let names = store::orgs::look_alike_names(&state.db, admin.agency_id, &body.name, None).await?;
    crate::confusable::refuse_look_alike("name", &body.name, &names)?;
    let contact_email = blank_to_none(&body.contact_email);
    let logo_url = blank_to_none(&body.logo_url);
    let settings = OrgSettings::default();
    let new = NewOrg {
        agency_id: admin.agency_id,
        name: body.name.trim(),
        contact_email: contact_email.as_deref(),
        logo_url: logo_url.as_deref(),
        settings: &settings,
    };
    let org =
        store::orgs::create_org(&state.db, admin.by(), &new).await.map_err(|e| AppError::unique_as_taken(e, "name"))?;
    let location = paths::full(&paths::fill(paths::ORG, &[org.id]));
    Ok((StatusCode::CREATED, [(LOCATION, location)], Json(org)))
}

/// One organization: for its agency's staff and its own users; 404 for everyone else.
#[utoipa::path(get, path = paths::ORG, tag = "orgs", params(("org" = i64, Path)),
    responses((status = 200, body = Organization), (status = 400), (status = 401),
              (status = 404)))]
pub async fn get_org(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<Json<Organization>> {
    Ok(Json(user.org(&state, org_id, OrgRule::Anyone).await?.org))
}

/// Saves the whole editable state of an org, archiving or restoring it when `archived` is
/// given. Based on an old `version` it answers 409 and changes nothing. Every changed field
/// is logged. Agency owners and admins only.
#[utoipa::path(put, path = paths::ORG, tag = "orgs", params(("org" = i64, Path)),
    request_body = OrganizationUpdate,
    responses((status = 200, body = Organization), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409),
              (status = 422)))]
pub async fn update_org(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiJson(body): ApiJson<OrganizationUpdate>,
) -> AppResult<Json<Organization>> {
    let OrgAccess { org, actor } = user.org(&state, org_id, OrgRule::AgencyAdmin).await?;
    body.validate()?;
    let names = store::orgs::look_alike_names(&state.db, actor.agency_id, &body.name, Some(org.id)).await?;
    crate::confusable::refuse_look_alike("name", &body.name, &names)?;
    let contact_email = blank_to_none(&body.contact_email);
    let logo_url = blank_to_none(&body.logo_url);
    let edit = OrgEdit {
        name: body.name.trim(),
        contact_email: contact_email.as_deref(),
        logo_url: logo_url.as_deref(),
        archived: body.archived,
        settings: &body.settings,
        version: body.version,
    };
    let outcome = store::orgs::update_org(&state.db, actor.agency_id, org.id, actor.by(), &edit)
        .await
        .map_err(|e| AppError::unique_as_taken(e, "name"))?;
    match outcome {
        SaveOutcome::Saved(org) => {
            // Open dashboards of the org apply the new settings at once.
            state.events.publish(org.id, crate::events::SETTINGS_UPDATED, None);
            Ok(Json(*org))
        }
        SaveOutcome::Stale => Err(AppError::Conflict(
            "Someone else saved this organization after you opened it. Reload to see their changes.".into(),
        )),
    }
}

/// Deletes an org with everything it holds: users, teams, conversations, its log.
/// Agency owners and admins only.
#[utoipa::path(delete, path = paths::ORG, tag = "orgs", params(("org" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn delete_org(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let OrgAccess { org, actor } = user.org(&state, org_id, OrgRule::AgencyAdmin).await?;
    if !store::orgs::delete_org(&state.db, actor.agency_id, org.id).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}
