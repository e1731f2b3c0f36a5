//! `/api/v1/orgs/{org}/agents`: the agents an org holds.

use super::request::put;
use super::ApiError;
use atrium_api::{AgentAssignment, Organization};

pub async fn assign_agents(id: i64, agent_ids: Vec<i64>) -> Result<Organization, ApiError> {
    put(&format!("/orgs/{id}/agents"), &AgentAssignment { agent_ids }).await
}
