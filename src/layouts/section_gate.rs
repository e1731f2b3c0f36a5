//! The dashboard layout's outlet, guarded: the page at a section's path renders only for a
//! user who may open the section (their permissions and the org's settings); anyone else
//! sees "not available" there. Pages never check access themselves.

use crate::pages::not_found::NotAvailable;
use crate::sections::Section;
use crate::state::dashboard::use_dashboard;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

#[component]
pub fn SectionGate() -> impl IntoView {
    let me = use_dashboard().me;
    let pathname = use_location().pathname;
    // A memo, so that moving within a section (the inbox to a conversation) keeps the outlet.
    let allowed = Memo::new(move |_| {
        Section::at(&crate::app::without_base(&pathname.get())).is_none_or(|section| section.allowed(&me))
    });
    move || if allowed.get() { view! { <Outlet /> }.into_any() } else { view! { <NotAvailable /> }.into_any() }
}
