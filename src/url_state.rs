//! A list page's choices (search, filters, sort, page) kept in the URL, so that a reload or
//! a shared link shows the same list. The page describes its state once (`UrlState`);
//! `use_url_state` reads it from the query and `change` writes it back.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

pub trait UrlState: Clone + PartialEq + Send + Sync + 'static {
    /// The page's path, without the query.
    const PATH: &'static str;
    /// The state a query describes; what it lacks or gets wrong takes its default.
    fn from_query(query: &ParamsMap) -> Self;
    /// The query parameters that differ from the defaults, in order.
    fn to_query(&self) -> Vec<(&'static str, String)>;
}

type Navigate = Box<dyn Fn(&str)>;

/// The page's state, following the URL, and the way to change it.
pub struct UrlList<S: UrlState> {
    pub state: Memo<S>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl<S: UrlState> Clone for UrlList<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: UrlState> Copy for UrlList<S> {}

pub fn use_url_state<S: UrlState>() -> UrlList<S> {
    let query = use_query_map();
    let navigate = use_navigate();
    let go = move |url: &str| navigate(url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    UrlList { state: Memo::new(move |_| query.with(S::from_query)), navigate: StoredValue::new_local(Box::new(go)) }
}

impl<S: UrlState> UrlList<S> {
    /// Applies `change` to the current state and puts the result in the URL.
    pub fn change(self, change: impl FnOnce(&mut S)) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        let url = url_of(S::PATH, &next.to_query());
        self.navigate.with_value(|go| go(&url));
    }
}

/// `/a` + `[("q", "x y"), ("page", "2")]` → `/a?q=x%20y&page=2`.
pub fn url_of(path: &str, params: &[(&'static str, String)]) -> String {
    if params.is_empty() {
        return path.to_string();
    }
    let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", crate::api::encode(v))).collect();
    format!("{path}?{}", query.join("&"))
}
