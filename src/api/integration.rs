//! `/api/v1/api-keys` and `/api/v1/orgs/{org}/handoff-rules`: the agency's API keys and an org's handoff keyword rules.

use super::request::{delete, get, post, post_for};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{ApiKey, CreatedApiKey, HandoffRule, ListResponse, NewHandoffRule};

pub async fn list_api_keys() -> Result<ListResponse<ApiKey>, ApiError> {
    get(paths::API_KEYS).await
}

/// A new key: the answer is the only time its secret is shown.
pub async fn create_api_key() -> Result<CreatedApiKey, ApiError> {
    post_for(paths::API_KEYS).await
}

pub async fn revoke_api_key(id: i64) -> Result<(), ApiError> {
    delete(&fill(paths::API_KEY, &[id])).await
}

pub async fn list_handoff_rules(org: i64) -> Result<ListResponse<HandoffRule>, ApiError> {
    get(&fill(paths::HANDOFF_RULES, &[org])).await
}

pub async fn create_handoff_rule(org: i64, rule: &NewHandoffRule) -> Result<HandoffRule, ApiError> {
    post(&fill(paths::HANDOFF_RULES, &[org]), rule).await
}

pub async fn delete_handoff_rule(org: i64, id: i64) -> Result<(), ApiError> {
    delete(&fill(paths::HANDOFF_RULE, &[org, id])).await
}
