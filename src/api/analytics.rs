//! `/api/v1/orgs/{org}/analytics`: an org's figures per day.

use super::request::get;
use super::ApiError;
use atrium_api::Analytics;

/// The org's analytics over the last `days`, narrowed to one agent and/or one team.
pub async fn get_analytics(org: i64, days: u32, agent: Option<i64>, team: Option<i64>) -> Result<Analytics, ApiError> {
    let mut path = format!("/orgs/{org}/analytics?days={days}");
    if let Some(a) = agent {
        path.push_str(&format!("&agent_id={a}"));
    }
    if let Some(t) = team {
        path.push_str(&format!("&team_id={t}"));
    }
    get(&path).await
}
