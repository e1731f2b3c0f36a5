//! `/app/canned`: the org's saved replies (only where canned responses are enabled).

use crate::api;
use crate::components::ask_first::AskFirst;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use crate::state::dashboard::use_dashboard;
use atrium_api::NewCannedResponse;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The variables a saved reply may use; syntax, so not translated.
const VARIABLES: [&str; 3] = ["{{contact.name}}", "{{agent.name}}", "{{user.name}}"];

#[component]
pub fn CannedPage() -> impl IntoView {
    let i18n = use_i18n();
    let org_id = use_dashboard().org.id;
    let create = Action::new_local(move |c: &NewCannedResponse| {
        let c = c.clone();
        async move { api::conversations::create_canned(org_id, &c).await }
    });
    let remove = Action::new_local(move |id: &i64| api::conversations::delete_canned(org_id, *id));
    let list = LocalResource::new(move || {
        create.version().get();
        remove.version().get();
        api::conversations::canned(org_id)
    });
    let shortcode = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let form = Form::new(create, move |_| {
        shortcode.set(String::new());
        title.set(String::new());
        body.set(String::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let c = NewCannedResponse {
            shortcode: shortcode.get_untracked().trim().to_string(),
            title: title.get_untracked().trim().to_string(),
            body: body.get_untracked(),
        };
        if form.check(c.validate()) {
            create.dispatch(c);
        }
    };
    let error = move |field| form.error(field);
    view! {
        <h1>{move || t_string!(i18n, canned.title)}</h1>
        {move || remove.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched
            resource=list
            children=move |data| match data {
                l if l.items.is_empty() => {
                    view! { <p class="empty">{move || t_string!(i18n, canned.empty)}</p> }.into_any()
                }
                l => {
                    view! {
                        <ul class="canned-list">
                            {l
                                .items
                                .into_iter()
                                .map(|c| {
                                    let (id, name) = (c.id, c.title.clone());
                                    view! {
                                        <li class="card">
                                            <p>
                                                <code>{format!("/{}", c.shortcode)}</code>
                                                " "
                                                <strong>{c.title}</strong>
                                            </p>
                                            <p>{c.body}</p>
                                            <AskFirst
                                                class="small danger-button"
                                                busy=remove.pending()
                                                label={
                                                    let name = name.clone();
                                                    move || {
                                                        t_string!(i18n, canned.delete, name = name.clone()).to_string()
                                                    }
                                                }
                                                short=move || t_string!(i18n, row.delete)
                                                question=move || {
                                                    t_string!(i18n, canned.confirm_delete, name = name.clone())
                                                        .to_string()
                                                }
                                                help=move || t_string!(i18n, canned.confirm_delete_help)
                                                confirm=move || t_string!(i18n, canned.confirm_delete_yes)
                                                on_confirm=Callback::new(move |_| {
                                                    remove.dispatch(id);
                                                })
                                            />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }
        />
        <h2>{move || t_string!(i18n, canned.new_title)}</h2>
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            {form.failure_notice()}
            <TextField
                id="canned-shortcode"
                label=move || t_string!(i18n, canned.shortcode)
                value=shortcode
                error=error("shortcode")
                required=true
                autocomplete="off"
            />
            <TextField
                id="canned-title"
                label=move || t_string!(i18n, canned.name)
                value=title
                error=error("title")
                required=true
                autocomplete="off"
            />
            <div class="field">
                <label for="canned-body">{move || t_string!(i18n, canned.body)}</label>
                <textarea
                    id="canned-body"
                    rows="4"
                    aria-describedby="canned-variables"
                    prop:value=body
                    on:input=move |ev| body.set(event_target_value(&ev))
                ></textarea>
                <p id="canned-variables" class="muted">
                    {move || t_string!(i18n, canned.variables)}
                    " "
                    {VARIABLES
                        .iter()
                        .map(|v| {
                            view! {
                                <code>{*v}</code>
                                " "
                            }
                        })
                        .collect_view()}
                </p>
                <crate::components::field_error::FieldErrorText id="canned-body-error" error=error("body") />
            </div>
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {move || t_string!(i18n, canned.add)}
            </button>
        </form>
    }
}
