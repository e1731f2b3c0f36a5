//! Paged lists: `{"items": [...], "total": N, "capped": false}` and the query that asks for a page.

use serde::{Deserialize, Serialize};

pub const DEFAULT_PER_PAGE: u32 = 25;
pub const MAX_PER_PAGE: u32 = 100;

/// How many matches a search of the org list or the inbox looks at: the most recent ones.
/// Finding the page of an exact search sorts every match, so its cost grows with the data;
/// stopping here keeps a search's cost flat, and a search that matches more than this is
/// worth narrowing anyway. Such a list says `capped`.
pub const MAX_SEARCH_MATCHES: u64 = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    /// How many items the list holds in all pages; with `capped`, a lower bound.
    pub total: u64,
    /// `true` when a search matched more than [`MAX_SEARCH_MATCHES`] items: the pages then
    /// hold the most recent [`MAX_SEARCH_MATCHES`] of them, `total` is that many, and the
    /// console shows it as "100+".
    #[serde(default)]
    pub capped: bool,
}

impl<T> ListResponse<T> {
    /// A list whose `total` is exact.
    pub fn new(items: Vec<T>, total: u64) -> Self {
        Self { items, total, capped: false }
    }

    pub fn counted(items: Vec<T>, total: Total) -> Self {
        Self { items, total: total.count, capped: total.capped }
    }
}

/// A list's total as the store finds it: exact, or [`MAX_SEARCH_MATCHES`] and `capped`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Total {
    pub count: u64,
    pub capped: bool,
}

impl Total {
    pub fn exact(count: u64) -> Self {
        Self { count, capped: false }
    }

    /// `found` matches of a search that stops looking past `MAX_SEARCH_MATCHES`.
    pub fn of_search(found: u64) -> Self {
        Self { count: found.min(MAX_SEARCH_MATCHES), capped: found > MAX_SEARCH_MATCHES }
    }
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
    fn a_search_past_the_cap_counts_the_cap_and_says_so() {
        assert_eq!(Total::of_search(3), Total { count: 3, capped: false });
        assert_eq!(Total::of_search(MAX_SEARCH_MATCHES), Total { count: MAX_SEARCH_MATCHES, capped: false });
        assert_eq!(Total::of_search(MAX_SEARCH_MATCHES + 1), Total { count: MAX_SEARCH_MATCHES, capped: true });
    }

    #[test]
    fn blank_search_is_no_search() {
        let q = ListQuery { q: Some("  ".into()), ..Default::default() };
        assert_eq!(q.search(), None);
        let q = ListQuery { q: Some(" acme ".into()), ..Default::default() };
        assert_eq!(q.search(), Some("acme"));
    }
}
