//! Lets only the right kind of signed-in user through; everyone else is sent on.

use crate::components::loading::Loading;
use crate::state::session::{home_path, use_session};
use atrium_api::{Me, UserKind};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// Renders `children(me)` for a signed-in user of `kind`; signed-out users go to the
/// login page (and come back here after), users of the other kind to their own side.
#[component]
pub fn RequireKind<F, V>(kind: UserKind, children: F) -> impl IntoView
where
    F: Fn(Me) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = use_session();
    let location = use_location();
    move || {
        if !session.ready() {
            return view! { <Loading /> }.into_any();
        }
        match session.me() {
            None if session.has_left() => view! { <Redirect path="/login" /> }.into_any(),
            None => {
                let path = crate::app::without_base(&location.pathname.get_untracked());
                let here = path_with_query(&path, &location.search.get_untracked());
                let next = String::from(js_sys::encode_uri_component(&here));
                view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
            }
            Some(me) if me.kind != kind => view! { <Redirect path=home_path(me.kind) /> }.into_any(),
            Some(me) => children(me).into_any(),
        }
    }
}

/// `/a` + `q=1` → `/a?q=1` (the router's `search` comes without its `?`).
pub fn path_with_query(path: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}

#[cfg(test)]
mod tests {
    use super::path_with_query;

    #[test]
    fn keeps_the_query_of_the_page_to_return_to() {
        assert_eq!(path_with_query("/agency/orgs", "q=globex"), "/agency/orgs?q=globex");
        assert_eq!(path_with_query("/agency/orgs", "?q=globex"), "/agency/orgs?q=globex");
        assert_eq!(path_with_query("/app", ""), "/app");
    }
}
