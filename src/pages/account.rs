//! `/agency/account` and `/app/account`: the signed-in user's own password, and signing
//! out on every device. Staff and client users alike; not during "Log in as".

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::password_field::PasswordField;
use crate::form::Form;
use crate::i18n::*;
use crate::state::session::use_session;
use atrium_api::PasswordChange;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, account.title)}</h1>
        <ChangePasswordForm />
        <SignOutEverywhere />
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let save = Action::new_local(|change: &PasswordChange| api::account::change_password(change.clone()));
    let form = Form::new(save, move |_| {
        current.set(String::new());
        new.set(String::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let change = PasswordChange { current_password: current.get_untracked(), new_password: new.get_untracked() };
        if form.check(change.validate()) {
            save.dispatch(change);
        }
    };
    let error = move |field| form.error(field);
    view! {
        <form class="card" on:submit=on_submit novalidate=true>
            <h2>{t!(i18n, account.change_password)}</h2>
            <PasswordField
                id="account-current"
                label=move || t_string!(i18n, account.current_password).to_string()
                autocomplete="current-password"
                value=current
                error=error("current_password")
            />
            <PasswordField
                id="account-new"
                label=move || t_string!(i18n, account.new_password).to_string()
                autocomplete="new-password"
                value=new
                error=error("new_password")
                hint=move || t_string!(i18n, account.new_password_help)
            />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {t!(i18n, account.save_password)}
            </button>
            {move || {
                matches!(save.value().get(), Some(Ok(())))
                    .then(|| {
                        view! {
                            <p role="status" class="notice notice-success">
                                {t!(i18n, account.password_changed)}
                            </p>
                        }
                    })
            }}
            {form.failure_notice()}
        </form>
    }
}

/// Asks in the page (not a browser dialog) before ending every session.
#[component]
fn SignOutEverywhere() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let asking = RwSignal::new(false);
    let end_all = Action::new_local(|_: &()| api::account::sign_out_everywhere());
    Effect::new(move |_| {
        if let Some(Ok(())) = end_all.value().get() {
            crate::layouts::sign_out::signed_out_here(session);
        }
    });
    view! {
        <section class="card" aria-labelledby="sign-out-everywhere">
            <h2 id="sign-out-everywhere">{t!(i18n, account.sign_out_everywhere_title)}</h2>
            <p class="muted">{t!(i18n, account.sign_out_everywhere_help)}</p>
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button type="button" on:click=move |_| asking.set(true)>
                            {t!(i18n, account.sign_out_everywhere)}
                        </button>
                    }
                }
            >
                <div role="group" aria-labelledby="confirm-sign-out-everywhere" class="confirm-row">
                    <p id="confirm-sign-out-everywhere">{t!(i18n, account.confirm_sign_out_everywhere)}</p>
                    <button
                        type="button"
                        class="danger"
                        on:click=move |_| {
                            end_all.dispatch(());
                        }
                    >
                        {t!(i18n, account.sign_out_everywhere_confirm)}
                    </button>
                    <button type="button" on:click=move |_| asking.set(false)>
                        {t!(i18n, account.cancel)}
                    </button>
                </div>
            </Show>
            {move || end_all.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        </section>
    }
}
