//! The sign-out button both shells carry.

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::*;
use crate::state::session::{use_session, Session};
use leptos::prelude::*;

#[component]
pub fn SignOutButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let logout = Action::new_local(|_: &()| api::auth::logout());
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            signed_out_here(session);
        }
    });
    view! {
        <button
            type="button"
            class="link-button"
            on:click=move |_| {
                logout.dispatch(());
            }
        >
            {t!(i18n, common.sign_out)}
        </button>
        {move || logout.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
    }
}

/// After a deliberate sign-out (here or everywhere): this browser forgets the unsaved
/// drafts (the next person at it must not find them) and the session leaves for the login.
pub fn signed_out_here(session: Session) {
    crate::drafts::storage::clear_all();
    session.left_on_purpose();
}
