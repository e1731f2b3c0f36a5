//! `GET /api/v1/openapi.json`, generated from the handlers and the shared types.

use crate::routes::{activity, agents, auth, branding, org_agents, orgs};
use crate::state::AppState;
use atrium_api as api;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Atrium API", description = "Agency console and client dashboard backend."),
    paths(
        branding::get_branding,
        auth::login,
        auth::logout,
        auth::me,
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
    ))
)]
pub struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
}
