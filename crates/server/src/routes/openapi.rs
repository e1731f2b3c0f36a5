//! `GET /api/v1/openapi.json`, generated from the handlers and the shared types.

use crate::routes::{activity, agents, auth, branding, impersonation, org_agents, orgs, staff, teams, users};
use crate::state::AppState;
use atrium_api as api;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Atrium API", description = "Agency console and client dashboard backend."),
    paths(
        openapi_json,
        branding::get_branding,
        auth::login,
        auth::logout,
        auth::me,
        impersonation::stop_impersonating,
        orgs::list_orgs,
        orgs::create_org,
        orgs::get_org,
        orgs::update_org,
        orgs::delete_org,
        org_agents::assign_agents,
        activity::list_activity,
        agents::list_agents,
        agents::create_agent,
        agents::get_agent,
        agents::update_agent,
        agents::delete_agent,
        staff::list_staff,
        staff::create_staff,
        staff::change_role,
        staff::remove_staff,
        users::list_users,
        users::create_user,
        users::get_user,
        users::update_user,
        users::delete_user,
        impersonation::impersonate,
        teams::list_teams,
        teams::create_team,
        teams::get_team,
        teams::update_team,
        teams::delete_team,
    ),
    components(schemas(
        api::ErrorBody,
        api::ErrorDetail,
        api::ErrorCode,
        api::Branding,
        api::LoginRequest,
        api::Me,
        api::UserSummary,
        api::AgencyRef,
        api::UserKind,
        api::Role,
        api::Permission,
        api::Agent,
        api::AgentKind,
        api::AgentStatus,
        api::AgentInput,
        api::Organization,
        api::OrgSummary,
        api::OrgSettings,
        api::Layout,
        api::NewOrganization,
        api::OrganizationUpdate,
        api::AgentAssignment,
        api::ActivityEntry,
        api::ClientUser,
        api::NewClientUser,
        api::ClientUserPatch,
        api::Team,
        api::NewTeam,
        api::TeamPatch,
        api::StaffUser,
        api::NewStaffUser,
        api::StaffRoleChange,
    ))
)]
pub struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(openapi_json))
}

/// This document. Public, like the API's shape is.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3 document of this API", content_type = "application/json")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
