//! `/api/v1/orgs/{org}/activity`: who changed what in an org.

use super::request::get;
use super::ApiError;
use atrium_api::{ActivityEntry, ListQuery, ListResponse};

pub async fn list_activity(id: i64, page: u32) -> Result<ListResponse<ActivityEntry>, ApiError> {
    let q = ListQuery { page: Some(page), ..Default::default() };
    get(&format!("/orgs/{id}/activity?page={}&per_page={}", q.page(), q.per_page())).await
}
