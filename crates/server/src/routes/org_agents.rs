//! `PUT /api/v1/orgs/{org}/agents`: which of the agency's agents an org holds.

use crate::access::{AuthUser, OrgAccess, OrgRule};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;
use crate::store::{self, org_agents::AssignOutcome};
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{AgentAssignment, Organization};
use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(assign_agents))
}

/// Replaces the org's agents with `agent_ids` (duplicates ignored), each of which must be
/// an agent of the caller's agency. Logged; leaves `version` alone, so a settings draft
/// open elsewhere stays saveable. Agency owners and admins only.
#[utoipa::path(put, path = paths::ORG_AGENTS, tag = "orgs", params(("org" = i64, Path)),
    request_body = AgentAssignment,
    responses((status = 200, body = Organization), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 422)))]
pub async fn assign_agents(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiJson(body): ApiJson<AgentAssignment>,
) -> AppResult<Json<Organization>> {
    let OrgAccess { org, actor } = user.org(&state, org_id, OrgRule::AgencyAdmin).await?;
    match store::org_agents::replace_org_agents(&state.db, actor.agency_id, org.id, actor.by(), &body.agent_ids).await?
    {
        AssignOutcome::Assigned(org) => Ok(Json(*org)),
        AssignOutcome::UnknownAgents => Err(AppError::field("agent_ids", FieldError::Unknown)),
    }
}
