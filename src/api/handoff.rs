//! `/api/v1/orgs/{org}/conversations/{id}/…`: take over, pass to AI, close, assign, reply.

use super::request::{post, post_for};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{Assignment, Conversation, Reply, Transition};

pub async fn act(org: i64, id: i64, transition: Transition) -> Result<Conversation, ApiError> {
    post_for(&fill(transition.path(), &[org, id])).await
}

pub async fn reply(org: i64, id: i64, text: String) -> Result<Conversation, ApiError> {
    post(&fill(paths::CONVERSATION_MESSAGES, &[org, id]), &Reply { text }).await
}

pub async fn assign(org: i64, id: i64, assignment: &Assignment) -> Result<Conversation, ApiError> {
    post(&fill(paths::CONVERSATION_ASSIGN, &[org, id]), assignment).await
}
