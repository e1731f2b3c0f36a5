//! Paged lists: `{"items": [...], "total": N}` and the query that asks for a page.

use serde::{Deserialize, Serialize};

pub const DEFAULT_PER_PAGE: u32 = 25;
pub const MAX_PER_PAGE: u32 = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// `?page=1&per_page=25&q=acme&sort=name`; pages count from 1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    pub q: Option<String>,
    pub sort: Option<String>,
}

impl ListQuery {
    /// The page asked for, at least 1.
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    /// The page size asked for, between 1 and [`MAX_PER_PAGE`].
    pub fn per_page(&self) -> u32 {
        self.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE)
    }

    pub fn offset(&self) -> u64 {
        u64::from(self.page() - 1) * u64::from(self.per_page())
    }

    /// The search text, trimmed, or `None` when blank.
    pub fn search(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }

    /// How many pages hold `total` items (at least one, so "page 1 of 1" reads right).
    pub fn page_count(&self, total: u64) -> u64 {
        total.div_ceil(u64::from(self.per_page())).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_page_is_clamped_to_the_contract() {
        let q = |per_page| ListQuery { per_page, ..Default::default() };
        assert_eq!(q(None).per_page(), 25);
        assert_eq!(q(Some(0)).per_page(), 1);
        assert_eq!(q(Some(1000)).per_page(), 100);
    }

    #[test]
    fn offset_and_page_count_follow_the_page() {
        let q = ListQuery { page: Some(3), per_page: Some(10), ..Default::default() };
        assert_eq!(q.offset(), 20);
        assert_eq!(q.page_count(0), 1);
        assert_eq!(q.page_count(21), 3);
        let first = ListQuery { page: Some(0), ..Default::default() };
        assert_eq!(first.offset(), 0);
    }

    #[test]
    fn blank_search_is_no_search() {
        let q = ListQuery { q: Some("  ".into()), ..Default::default() };
        assert_eq!(q.search(), None);
        let q = ListQuery { q: Some(" acme ".into()), ..Default::default() };
        assert_eq!(q.search(), Some("acme"));
    }
}
