//! `/`: sends each visitor to their side, or to the login page.

use crate::state::session::{home_path, use_session};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn StartRedirect() -> impl IntoView {
    let session = use_session();
    move || {
        session.ready().then(|| match session.me() {
            Some(me) => view! { <Redirect path=home_path(me.kind) /> }.into_any(),
            None => view! { <Redirect path="/login" /> }.into_any(),
        })
    }
}
