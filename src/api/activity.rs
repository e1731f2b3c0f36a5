//! `/api/v1/orgs/{org}/activity`: who changed what in an org.

use super::request::get;
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{ActivityEntry, ListQuery, ListResponse};

pub async fn list_activity(id: i64, page: u32) -> Result<ListResponse<ActivityEntry>, ApiError> {
    let q = ListQuery { page: Some(page), ..Default::default() };
    get(&format!("{}?page={}&per_page={}", fill(paths::ORG_ACTIVITY, &[id]), q.page(), q.per_page())).await
}
