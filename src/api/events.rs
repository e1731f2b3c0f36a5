//! `/api/v1/orgs/{org}/events`: where an org's live events stream from.

use super::ApiError;
use atrium_api::paths::{self, fill};

/// Where the org's live events stream from (for `EventSource`).
pub async fn events_url(org: i64) -> Result<String, ApiError> {
    let url = super::config::api_url(&fill(paths::ORG_EVENTS, &[org]));
    // An EventSource cannot send the bearer header: a token session opens its stream with
    // a single-use ticket instead.
    if super::session_token::current().is_none() {
        return Ok(url);
    }
    let ticket: atrium_api::StreamTicket = super::request::post_for(paths::EVENT_TICKETS).await?;
    Ok(format!("{url}?ticket={}", super::encode(&ticket.ticket)))
}
