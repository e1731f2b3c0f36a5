//! Client organizations.

use super::request::get;
use super::ApiError;
use atrium_api::{ListResponse, OrgListQuery, Organization};

pub async fn list(query: &OrgListQuery) -> Result<ListResponse<Organization>, ApiError> {
    get(&format!("/orgs?{}", query_string(query))).await
}

fn query_string(q: &OrgListQuery) -> String {
    let mut parts = Vec::new();
    if let Some(page) = q.page {
        parts.push(format!("page={page}"));
    }
    if let Some(per_page) = q.per_page {
        parts.push(format!("per_page={per_page}"));
    }
    if let Some(search) = q.q.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("q={}", String::from(js_sys::encode_uri_component(search))));
    }
    if let Some(sort) = &q.sort {
        parts.push(format!("sort={sort}"));
    }
    if let Some(archived) = q.archived {
        parts.push(format!("archived={archived}"));
    }
    parts.join("&")
}
