//! `/api/v1/orgs/{org}/conversations`: an org's inbox and one transcript.

use super::request::get;
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{Conversation, ConversationListQuery, ConversationSummary, ListResponse};

pub async fn list_conversations(
    org: i64,
    q: &ConversationListQuery,
) -> Result<ListResponse<ConversationSummary>, ApiError> {
    let mut params = vec![format!("page={}", q.page.unwrap_or(1)), format!("per_page={}", q.per_page.unwrap_or(25))];
    if let Some(status) = q.status {
        params.push(format!("status={}", status.as_str()));
    }
    if let Some(search) = q.q.as_deref().filter(|s| !s.is_empty()) {
        params.push(format!("q={}", super::encode(search)));
    }
    if let Some(since) = q.updated_since.as_deref() {
        params.push(format!("updated_since={}", super::encode(since)));
    }
    for (name, value) in [("team_id", q.team_id), ("assignee_id", q.assignee_id), ("agent_id", q.agent_id)] {
        if let Some(v) = value {
            params.push(format!("{name}={v}"));
        }
    }
    get(&format!("{}?{}", fill(paths::CONVERSATIONS, &[org]), params.join("&"))).await
}

pub async fn get_conversation(org: i64, id: i64) -> Result<Conversation, ApiError> {
    get(&fill(paths::CONVERSATION, &[org, id])).await
}
