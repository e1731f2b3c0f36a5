//! Conversations, handoff actions, canned responses and analytics of one org.

use super::request::{delete, get, patch, post, post_for};
use super::ApiError;
use atrium_api::{
    Analytics, Assignment, CannedResponse, CannedResponsePatch, Conversation, ConversationListQuery,
    ConversationSummary, ListResponse, NewCannedResponse, Reply, Transition,
};

pub async fn list(org: i64, q: &ConversationListQuery) -> Result<ListResponse<ConversationSummary>, ApiError> {
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
    get(&format!("/orgs/{org}/conversations?{}", params.join("&"))).await
}

pub async fn get_one(org: i64, id: i64) -> Result<Conversation, ApiError> {
    get(&format!("/orgs/{org}/conversations/{id}")).await
}

pub async fn act(org: i64, id: i64, transition: Transition) -> Result<Conversation, ApiError> {
    post_for(&format!("/orgs/{org}/conversations/{id}/{}", transition.path_segment())).await
}

pub async fn reply(org: i64, id: i64, text: String) -> Result<Conversation, ApiError> {
    post(&format!("/orgs/{org}/conversations/{id}/messages"), &Reply { text }).await
}

pub async fn assign(org: i64, id: i64, assignment: &Assignment) -> Result<Conversation, ApiError> {
    post(&format!("/orgs/{org}/conversations/{id}/assign"), assignment).await
}

pub async fn canned(org: i64) -> Result<ListResponse<CannedResponse>, ApiError> {
    get(&format!("/orgs/{org}/canned-responses?per_page={}", atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn create_canned(org: i64, c: &NewCannedResponse) -> Result<CannedResponse, ApiError> {
    post(&format!("/orgs/{org}/canned-responses"), c).await
}

pub async fn update_canned(org: i64, id: i64, c: &CannedResponsePatch) -> Result<CannedResponse, ApiError> {
    patch(&format!("/orgs/{org}/canned-responses/{id}"), c).await
}

pub async fn delete_canned(org: i64, id: i64) -> Result<(), ApiError> {
    delete(&format!("/orgs/{org}/canned-responses/{id}")).await
}

/// The org's analytics over the last `days`, narrowed to one agent and/or one team.
pub async fn analytics(org: i64, days: u32, agent: Option<i64>, team: Option<i64>) -> Result<Analytics, ApiError> {
    let mut path = format!("/orgs/{org}/analytics?days={days}");
    if let Some(a) = agent {
        path.push_str(&format!("&agent_id={a}"));
    }
    if let Some(t) = team {
        path.push_str(&format!("&team_id={t}"));
    }
    get(&path).await
}

/// Where the org's live events stream from (for `EventSource`).
pub async fn events_url(org: i64) -> Result<String, ApiError> {
    let url = super::config::api_url(&format!("/orgs/{org}/events"));
    // An EventSource cannot send the bearer header: a token session opens its stream with
    // a single-use ticket instead.
    if super::session_token::current().is_none() {
        return Ok(url);
    }
    let ticket: atrium_api::StreamTicket = super::request::post_for("/events/tickets").await?;
    Ok(format!("{url}?ticket={}", super::encode(&ticket.ticket)))
}
