//! `/api/v1/orgs`: the agency's client organizations.

use super::request::{delete, get, post, put};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{ListResponse, NewOrganization, OrgListQuery, Organization, OrganizationUpdate};

pub async fn list_orgs(query: &OrgListQuery) -> Result<ListResponse<Organization>, ApiError> {
    get(&format!("{}?{}", paths::ORGS, query_string(query))).await
}

pub async fn get_org(id: i64) -> Result<Organization, ApiError> {
    get(&fill(paths::ORG, &[id])).await
}

pub async fn create_org(org: &NewOrganization) -> Result<Organization, ApiError> {
    post(paths::ORGS, org).await
}

/// A stale `version` answers [`ApiError::Conflict`] and changes nothing.
pub async fn update_org(id: i64, update: &OrganizationUpdate) -> Result<Organization, ApiError> {
    put(&fill(paths::ORG, &[id]), update).await
}

pub async fn delete_org(id: i64) -> Result<(), ApiError> {
    delete(&fill(paths::ORG, &[id])).await
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
        parts.push(format!("q={}", super::encode(search)));
    }
    if let Some(sort) = &q.sort {
        parts.push(format!("sort={}", super::encode(sort)));
    }
    if let Some(archived) = q.archived {
        parts.push(format!("archived={archived}"));
    }
    parts.join("&")
}
