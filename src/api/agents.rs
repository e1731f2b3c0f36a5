//! `/api/v1/agents`: the agency's agents pool.

use super::request::{get, post, put};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{Agent, AgentInput, ListResponse};

/// Every agent of the agency (the pool is small: one page of the maximum size).
pub async fn list_agents() -> Result<ListResponse<Agent>, ApiError> {
    get(&format!("{}?per_page={}", paths::AGENTS, atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn create_agent(agent: &AgentInput) -> Result<Agent, ApiError> {
    post(paths::AGENTS, agent).await
}

pub async fn update_agent(id: i64, agent: &AgentInput) -> Result<Agent, ApiError> {
    put(&fill(paths::AGENT, &[id]), agent).await
}
