//! `/app/canned`: the org's saved replies (only where canned responses are enabled).

use crate::api::{self, ApiError};
use crate::components::ask_first::AskFirst;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::field_error::FieldErrorText;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use crate::state::dashboard::use_dashboard;
use atrium_api::{CannedResponse, NewCannedResponse};
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
        async move { api::canned::create_canned(org_id, &c).await }
    });
    let remove = Action::new_local(move |id: &i64| api::canned::delete_canned(org_id, *id));
    let list = LocalResource::new(move || {
        create.version().get();
        remove.version().get();
        api::canned::list_canned(org_id)
    });
    view! {
        <h1>{move || t_string!(i18n, canned.title)}</h1>
        {move || remove.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched resource=list children=move |list| view! { <CannedList replies=list.items remove=remove /> } />
        <NewCannedForm create=create />
    }
}

type Remove = Action<i64, Result<(), ApiError>>;

#[component]
fn CannedList(replies: Vec<CannedResponse>, remove: Remove) -> impl IntoView {
    let i18n = use_i18n();
    if replies.is_empty() {
        return view! { <p class="empty">{move || t_string!(i18n, canned.empty)}</p> }.into_any();
    }
    view! {
        <ul class="canned-list">
            {replies.into_iter().map(|reply| view! { <CannedItem reply=reply remove=remove /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A saved reply: its shortcode, title and text, and Delete.
#[component]
fn CannedItem(reply: CannedResponse, remove: Remove) -> impl IntoView {
    let i18n = use_i18n();
    let id = reply.id;
    let name = StoredValue::new(reply.title.clone());
    view! {
        <li class="card">
            <p>
                <code>{format!("/{}", reply.shortcode)}</code>
                " "
                <strong>{reply.title}</strong>
            </p>
            <p>{reply.body}</p>
            <AskFirst
                class="small danger-button"
                busy=remove.pending()
                label=move || t_string!(i18n, canned.delete, name = name.get_value()).to_string()
                short=move || t_string!(i18n, row.delete)
                question=move || t_string!(i18n, canned.confirm_delete, name = name.get_value()).to_string()
                help=move || t_string!(i18n, canned.confirm_delete_help)
                confirm=move || t_string!(i18n, canned.confirm_delete_yes)
                on_confirm=Callback::new(move |_| {
                    remove.dispatch(id);
                })
            />
        </li>
    }
}

#[component]
fn NewCannedForm(create: Action<NewCannedResponse, Result<CannedResponse, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
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
    let variables = VARIABLES
        .iter()
        .map(|v| {
            view! {
                <code>{*v}</code>
                " "
            }
        })
        .collect_view();
    view! {
        <h2>{move || t_string!(i18n, canned.new_title)}</h2>
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            {form.failure_notice()}
            <TextField
                id="canned-shortcode"
                label=move || t_string!(i18n, canned.shortcode)
                value=shortcode
                error=form.error("shortcode")
                required=true
                autocomplete="off"
            />
            <TextField
                id="canned-title"
                label=move || t_string!(i18n, canned.name)
                value=title
                error=form.error("title")
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
                    {variables}
                </p>
                <FieldErrorText id="canned-body-error" error=form.error("body") />
            </div>
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {move || t_string!(i18n, canned.add)}
            </button>
        </form>
    }
}
