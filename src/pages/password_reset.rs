//! `/forgot-password` asks for a reset link by email; `/reset-password?token=…` (the
//! emailed link) sets the new password. Both carry the agency's brand like the login page.

use crate::api;
use crate::components::field_error::FieldErrorText;
use crate::components::link::Link;
use crate::components::password_field::PasswordField;
use crate::form::Form;
use crate::i18n::*;
use crate::state::branding::use_branding;
use atrium_api::validate::{self, FieldErrors};
use atrium_api::PasswordReset;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let send = Action::new_local(|email: &String| api::account::request_password_reset(email.clone()));
    let form = Form::new(send, |_| {});
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let value = email.get_untracked();
        let mut found = FieldErrors::default();
        found.check("email", validate::email(&value));
        if form.check(found.into_result()) {
            send.dispatch(value);
        }
    };
    let error = form.error("email");
    view! {
        <ResetShell title=move || t_string!(i18n, reset.forgot_title)>
            <Show
                when=move || matches!(send.value().get(), Some(Ok(())))
                fallback=move || {
                    view! {
                        <form on:submit=on_submit novalidate=true>
                            <p class="muted">{t!(i18n, reset.forgot_help)}</p>
                            <div class="field">
                                <label for="reset-email">{t!(i18n, login.email)}</label>
                                <input
                                    id="reset-email"
                                    type="email"
                                    autocomplete="username"
                                    required=true
                                    aria-invalid=move || error.get().is_some().to_string()
                                    aria-describedby="reset-email-error"
                                    prop:value=email
                                    on:input=move |ev| email.set(event_target_value(&ev))
                                />
                                <FieldErrorText id="reset-email-error" error=error />
                            </div>
                            <button type="submit" class="primary" disabled=move || send.pending().get()>
                                {t!(i18n, reset.send)}
                            </button>
                            {form.failure_notice()}
                        </form>
                    }
                }
            >
                <p role="status" class="notice notice-success">
                    {t!(i18n, reset.sent)}
                </p>
            </Show>
        </ResetShell>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let password = RwSignal::new(String::new());
    let save = Action::new_local(|reset: &PasswordReset| api::account::reset_password(reset.clone()));
    let form = Form::new(save, |_| {});
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let token = query.with_untracked(|q| q.get("token")).unwrap_or_default();
        let reset = PasswordReset { token, new_password: password.get_untracked() };
        if form.check(reset.validate()) {
            save.dispatch(reset);
        }
    };
    let error = move |field| form.error(field);
    view! {
        <ResetShell title=move || t_string!(i18n, reset.new_title)>
            <Show
                when=move || matches!(save.value().get(), Some(Ok(())))
                fallback=move || {
                    view! {
                        <form on:submit=on_submit novalidate=true>
                            // A link that is broken, used or expired says so here, with the way to a new one.
                            <FieldErrorText id="reset-token-error" error=error("token") />
                            <PasswordField
                                id="reset-password"
                                label=move || t_string!(i18n, account.new_password).to_string()
                                autocomplete="new-password"
                                value=password
                                error=error("new_password")
                                hint=move || t_string!(i18n, account.new_password_help)
                            />
                            <button type="submit" class="primary" disabled=move || save.pending().get()>
                                {t!(i18n, reset.save)}
                            </button>
                            {form.failure_notice()}
                            <p>
                                <Link href="/forgot-password">{t!(i18n, reset.ask_again)}</Link>
                            </p>
                        </form>
                    }
                }
            >
                <p role="status" class="notice notice-success">
                    {t!(i18n, reset.done)}
                </p>
            </Show>
        </ResetShell>
    }
}

/// The branded card both pages sit in, with the way back to sign in.
#[component]
fn ResetShell(#[prop(into)] title: Signal<&'static str>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let branding = use_branding();
    view! {
        <main id="main" class="login-page">
            <div class="card login-card">
                {move || {
                    branding
                        .get()
                        .and_then(|b| b.logo_light_url)
                        .map(|src| view! { <img class="brand-logo" src=src alt="" /> })
                }} <h1>{title}</h1> {children()} <p>
                    <Link href="/login">{t!(i18n, reset.back_to_sign_in)}</Link>
                </p>
            </div>
        </main>
    }
}
