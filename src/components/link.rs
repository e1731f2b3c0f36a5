//! A link to a page of the app: the router's `<A>` (client-side navigation, the current
//! page marked), with the base path the client is served under in front. leptos_router
//! 0.8 leaves an absolute `href` as it is, so under `/dashboard/` a plain `<A
//! href="/agency/orgs">` led out of the app.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Link(
    #[prop(into)] href: Signal<String>,
    /// Marked current only on exactly this path, not below it.
    #[prop(optional)]
    exact: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <A href=move || crate::app::with_base(&href.get()) exact=exact>
            {children()}
        </A>
    }
}
