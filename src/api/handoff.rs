//! `/api/v1/orgs/{org}/conversations/{id}/…`: take over, pass to AI, close, assign, reply.

use super::request::{post, post_for};
use super::ApiError;
use atrium_api::{Assignment, Conversation, Reply, Transition};

pub async fn act(org: i64, id: i64, transition: Transition) -> Result<Conversation, ApiError> {
    post_for(&format!("/orgs/{org}/conversations/{id}/{}", transition.path_segment())).await
}

pub async fn reply(org: i64, id: i64, text: String) -> Result<Conversation, ApiError> {
    post(&format!("/orgs/{org}/conversations/{id}/messages"), &Reply { text }).await
}

pub async fn assign(org: i64, id: i64, assignment: &Assignment) -> Result<Conversation, ApiError> {
    post(&format!("/orgs/{org}/conversations/{id}/assign"), assignment).await
}
