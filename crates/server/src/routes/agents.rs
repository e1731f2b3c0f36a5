//! The agency's agents pool: `/api/v1/agents` and `/api/v1/agents/{id}`.

use crate::access::AuthUser;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::{self, agents::AgentDeletion};
use atrium_api::paths;
use atrium_api::{Agent, AgentInput, AgentListQuery, ListResponse};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_agents, create_agent)).routes(routes!(
        get_agent,
        update_agent,
        delete_agent
    ))
}

const HAS_CONVERSATIONS: &str =
    "This agent has conversations, and deleting it would delete them too. Pause the agent instead.";

/// A page of the agency's agents sorted by name. Agency staff only.
#[utoipa::path(get, path = paths::AGENTS, tag = "agents", params(AgentListQuery),
    responses((status = 200, body = ListResponse<Agent>), (status = 400),
              (status = 401), (status = 403)))]
pub async fn list_agents(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(query): ApiQuery<AgentListQuery>,
) -> AppResult<Json<ListResponse<Agent>>> {
    let staff = user.require_staff()?;
    let (items, total) = store::agents::list_agents(&state.db, staff.agency_id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}

/// A new agent in the pool. Agency owners and admins only.
#[utoipa::path(post, path = paths::AGENTS, tag = "agents", request_body = AgentInput,
    responses((status = 201, body = Agent, headers(("location" = String, description = "The new agent's URL"))),
              (status = 400), (status = 401), (status = 403),
              (status = 422)))]
pub async fn create_agent(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<AgentInput>,
) -> AppResult<impl IntoResponse> {
    let admin = user.require_agency_admin()?;
    body.validate()?;
    let agent = store::agents::create_agent(&state.db, admin.agency_id, &cleaned(body)).await?;
    let location = paths::full(&paths::fill(paths::AGENT, &[agent.id]));
    Ok((StatusCode::CREATED, [(LOCATION, location)], Json(agent)))
}

/// One agent of the caller's agency; another agency's is 404. Agency staff only.
#[utoipa::path(get, path = paths::AGENT, tag = "agents", params(("id" = i64, Path)),
    responses((status = 200, body = Agent), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn get_agent(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(agent_id): ApiPath<i64>,
) -> AppResult<Json<Agent>> {
    let staff = user.require_staff()?;
    Ok(Json(store::agents::get_agent(&state.db, staff.agency_id, agent_id).await?.ok_or(AppError::NotFound)?))
}

/// Replaces an agent's name, kind, description and status. Agency owners and admins only.
#[utoipa::path(put, path = paths::AGENT, tag = "agents", params(("id" = i64, Path)),
    request_body = AgentInput,
    responses((status = 200, body = Agent), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 422)))]
pub async fn update_agent(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(agent_id): ApiPath<i64>,
    ApiJson(body): ApiJson<AgentInput>,
) -> AppResult<Json<Agent>> {
    let admin = user.require_agency_admin()?;
    // A foreign or missing id is 404 even when the body is also invalid.
    store::agents::get_agent(&state.db, admin.agency_id, agent_id).await?.ok_or(AppError::NotFound)?;
    body.validate()?;
    let agent = store::agents::update_agent(&state.db, admin.agency_id, agent_id, &cleaned(body)).await?;
    Ok(Json(agent.ok_or(AppError::NotFound)?))
}

/// Deletes an agent and unassigns it from every org and user (each affected org logs the
/// change). An agent that has conversations is 409 and stays: deleting it would delete
/// their history too, so it is paused instead. Agency owners and admins only.
#[utoipa::path(delete, path = paths::AGENT, tag = "agents", params(("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409)))]
pub async fn delete_agent(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(agent_id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let admin = user.require_agency_admin()?;
    match store::agents::delete_agent(&state.db, admin.agency_id, agent_id, admin.by()).await? {
        AgentDeletion::Deleted => Ok(StatusCode::NO_CONTENT),
        AgentDeletion::NotFound => Err(AppError::NotFound),
        AgentDeletion::HasConversations => Err(AppError::Conflict(HAS_CONVERSATIONS.into())),
    }
}

/// The input as stored: surrounding whitespace is never meant.
fn cleaned(input: AgentInput) -> AgentInput {
    AgentInput { name: input.name.trim().to_string(), description: input.description.trim().to_string(), ..input }
}
