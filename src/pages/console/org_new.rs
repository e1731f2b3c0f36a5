//! `/agency/orgs/new`: create an organization, then land on its page.

use crate::api;
use crate::components::link::Link;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use atrium_api::NewOrganization;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewOrgPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let logo_url = RwSignal::new(String::new());
    let create = Action::new_local(|org: &NewOrganization| {
        let org = org.clone();
        async move { api::orgs::create_org(&org).await }
    });
    let form = Form::new(create, move |org| navigate(&format!("/agency/orgs/{}", org.id), Default::default()));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let org = NewOrganization {
            name: name.get_untracked().trim().to_string(),
            contact_email: Some(contact_email.get_untracked()),
            logo_url: Some(logo_url.get_untracked()),
        };
        if form.check(org.validate()) {
            create.dispatch(org);
        }
    };
    let error = move |field| form.error(field);
    view! {
        <h1>{t!(i18n, org_new.title)}</h1>
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            {form.failure_notice()}
            <TextField
                id="org-name"
                label=move || t_string!(i18n, org_new.name)
                value=name
                error=error("name")
                required=true
            />
            <TextField
                id="org-contact-email"
                label=move || t_string!(i18n, org_new.contact_email)
                value=contact_email
                error=error("contact_email")
                input_type="email"
                autocomplete="email"
            />
            <TextField
                id="org-logo-url"
                label=move || t_string!(i18n, org_new.logo_url)
                value=logo_url
                error=error("logo_url")
                input_type="url"
            />
            <div class="actions">
                <button type="submit" class="primary" disabled=move || create.pending().get()>
                    {move || {
                        if create.pending().get() {
                            t_string!(i18n, org_new.creating)
                        } else {
                            t_string!(i18n, org_new.submit)
                        }
                    }}
                </button>
                <Link href="/agency/orgs" exact=true>
                    {t!(i18n, org_new.cancel)}
                </Link>
            </div>
        </form>
    }
}
