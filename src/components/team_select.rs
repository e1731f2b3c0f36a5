//! A choice of one of the org's teams, or none: the inbox's and analytics' team filters and
//! a conversation's assignment. Teams that could not be loaded are said so, with a Retry,
//! instead of leaving a list that looks as if the org had none.

use crate::api::ApiError;
use crate::components::error_notice::ErrorNotice;
use atrium_api::Team;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

#[component]
pub fn TeamSelect(
    id: &'static str,
    #[prop(into)] label: TextProp,
    /// The choice of no team ("Any team", "Nobody").
    #[prop(into)]
    none_label: TextProp,
    teams: LocalResource<Result<Vec<Team>, ApiError>>,
    #[prop(into)] selected: Signal<Option<i64>>,
    on_change: Callback<Option<i64>>,
) -> impl IntoView {
    let options = move || teams.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <label for=id>{move || label.get()}</label>
        // The value is set after the teams arrive: a value set before its option exists is lost.
        <select
            id=id
            on:change=move |ev| on_change.run(event_target_value(&ev).parse().ok())
            prop:value=move || {
                teams.track();
                selected.get().map(|t| t.to_string()).unwrap_or_default()
            }
        >
            <option value="">{move || none_label.get()}</option>
            {move || {
                options()
                    .into_iter()
                    .map(|t| view! { <option value=t.id.to_string()>{t.label}</option> })
                    .collect_view()
            }}
        </select>
        {move || {
            teams
                .get()
                .and_then(Result::err)
                .map(|e| view! { <ErrorNotice error=e retry=Callback::new(move |_| teams.refetch()) /> })
        }}
    }
}
