//! `/api/v1/orgs/{org}/agents`: the agents an org holds.

use super::request::put;
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{AgentAssignment, Organization};

pub async fn assign_agents(id: i64, agent_ids: Vec<i64>) -> Result<Organization, ApiError> {
    put(&fill(paths::ORG_AGENTS, &[id]), &AgentAssignment { agent_ids }).await
}
