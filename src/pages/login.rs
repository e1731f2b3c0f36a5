//! `/login`: the agency-branded sign-in form.

use crate::api::{self, ApiError};
use crate::components::error_notice::ErrorNotice;
use crate::components::link::Link;
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::state::branding::use_branding;
use crate::state::session::{home_path, use_session};
use atrium_api::validate::{self, FieldErrors};
use atrium_api::UserKind;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let branding = use_branding();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let field_errors = RwSignal::new(FieldErrors::default());
    let login =
        Action::new_local(|(email, password): &(String, String)| api::auth::login(email.clone(), password.clone()));
    Effect::new(move |_| {
        if let Some(Ok(me)) = login.value().get() {
            session.signed_in(me);
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        match validate::login(&e, &p) {
            Ok(()) => {
                field_errors.set(FieldErrors::default());
                login.dispatch((e, p));
            }
            Err(errors) => field_errors.set(errors),
        }
    };
    let target = after_sign_in();
    // Field errors show beside their fields; anything else above them.
    let failure = move || {
        let failure = login.value().get().and_then(Result::err).filter(|e| !matches!(e, ApiError::Validation(_)));
        failure.map(|e| view! { <ErrorNotice error=e /> })
    };
    let logo = move || {
        branding.get().and_then(|b| b.logo_light_url).map(|src| view! { <img class="brand-logo" src=src alt="" /> })
    };
    let support = move || {
        let email = branding.get().and_then(|b| b.support_email)?;
        Some(view! { <p class="muted">{t_string!(i18n, login.support, email = email).to_string()}</p> })
    };
    let submit =
        move || if login.pending().get() { t_string!(i18n, login.submitting) } else { t_string!(i18n, login.submit) };
    let error_id = "login-error";

    view! {
        {move || session.me().map(|me| view! { <Redirect path=target(me.kind) /> })}
        <main id="main" class="login-page">
            <form class="card login-card" on:submit=on_submit novalidate=true aria-describedby=error_id>
                {logo}
                <h1>{move || t_string!(i18n, login.welcome, brand = branding.name()).to_string()}</h1>
                <div id=error_id>{failure}</div>
                <TextField
                    id="login-email"
                    name="email"
                    input_type="email"
                    autocomplete="username"
                    required=true
                    label=move || t_string!(i18n, login.email)
                    value=email
                    error=Signal::derive(move || field_errors.with(|f| f.get("email")))
                />
                <TextField
                    id="login-password"
                    name="password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    label=move || t_string!(i18n, login.password)
                    value=password
                    error=Signal::derive(move || field_errors.with(|f| f.get("password")))
                />
                <button type="submit" class="primary" disabled=move || login.pending().get()>
                    {submit}
                </button>
                <p>
                    <Link href="/forgot-password">{t!(i18n, reset.forgot_link)}</Link>
                </p>
                {support}
            </form>
        </main>
    }
}

/// Where to go once signed in: back where the user was, else their side's start.
fn after_sign_in() -> impl Fn(UserKind) -> String + Copy {
    let query = use_query_map();
    move |kind| {
        query.with(|q| q.get("next")).filter(|n| is_local_path(n)).unwrap_or_else(|| home_path(kind).to_string())
    }
}

/// Only same-site paths may be a `next` target: no `//evil.example`, no `https://…`.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\")
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn next_must_stay_on_this_site() {
        assert!(is_local_path("/agency/orgs?q=acme"));
        assert!(!is_local_path("//evil.example/x"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
    }
}
