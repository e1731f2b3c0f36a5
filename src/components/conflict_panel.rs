//! After a conflicting save: their value beside mine for each field we both changed,
//! and a choice per field. Nothing is lost whichever way the admin goes.

use crate::components::table_box::TableBox;
use crate::drafts::org_info::{Conflict, DraftField, Side};
use crate::i18n::*;
use atrium_api::OrganizationUpdate;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::collections::BTreeMap;

pub fn field_label(i18n: I18nContext<Locale>, field: DraftField) -> String {
    match field {
        DraftField::Name => t_string!(i18n, org_new.name),
        DraftField::ContactEmail => t_string!(i18n, org_new.contact_email),
        DraftField::LogoUrl => t_string!(i18n, org_new.logo_url),
        DraftField::Language => t_string!(i18n, settings.language),
        DraftField::Layout => t_string!(i18n, settings.layout),
        DraftField::Handoff => t_string!(i18n, settings.handoff_enabled),
        DraftField::SmartHandoff => t_string!(i18n, settings.smart_handoff),
        DraftField::ShowHandoffMessages => t_string!(i18n, settings.show_handoff_messages),
        DraftField::CannedResponses => t_string!(i18n, settings.canned),
        DraftField::Billing => t_string!(i18n, settings.billing),
    }
    .to_string()
}

/// A value as a person reads it: on/off for switches, the language's name, …
fn shown(i18n: I18nContext<Locale>, field: DraftField, d: &OrganizationUpdate) -> String {
    let raw = field.value(d);
    match (field, raw.as_str()) {
        (_, "true") => t_string!(i18n, conflict.on).to_string(),
        (_, "false") => t_string!(i18n, conflict.off).to_string(),
        (_, "") => t_string!(i18n, conflict.empty).to_string(),
        (DraftField::Language, code) => atrium_api::org::language_name(code).to_string(),
        (DraftField::Layout, "vertical") => t_string!(i18n, settings.layout_vertical).to_string(),
        (DraftField::Layout, "horizontal") => t_string!(i18n, settings.layout_horizontal).to_string(),
        _ => raw,
    }
}

#[component]
pub fn ConflictPanel(conflict: Conflict, on_resolve: Callback<OrganizationUpdate>) -> impl IntoView {
    let i18n = use_i18n();
    let contested = conflict.contested();
    let choices = RwSignal::new(contested.iter().map(|f| (*f, Side::Mine)).collect::<BTreeMap<_, _>>());
    let conflict = StoredValue::new(conflict);
    let apply = move |_| {
        let picked = choices.get_untracked();
        on_resolve.run(conflict.with_value(|c| c.resolve(|f| picked.get(&f).copied().unwrap_or(Side::Mine))));
    };
    view! {
        <section class="conflict card" role="alert" aria-labelledby="conflict-title">
            <h2 id="conflict-title">{t!(i18n, conflict.title)}</h2>
            <p>{t!(i18n, conflict.body)}</p>
            <TableBox>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, conflict.field)}</th>
                            <th scope="col">{t!(i18n, conflict.yours)}</th>
                            <th scope="col">{t!(i18n, conflict.theirs)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {contested
                            .into_iter()
                            .map(|field| {
                                let (mine, theirs) = conflict
                                    .with_value(|c| (shown(i18n, field, &c.mine), shown(i18n, field, &c.theirs)));
                                view! { <ConflictRow field=field mine=mine theirs=theirs choices=choices /> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </TableBox>
            <button type="button" class="primary" on:click=apply>
                {t!(i18n, conflict.apply)}
            </button>
        </section>
    }
}

/// A contested field: its value in my draft and in theirs, one of the two to keep.
#[component]
fn ConflictRow(
    field: DraftField,
    mine: String,
    theirs: String,
    choices: RwSignal<BTreeMap<DraftField, Side>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("conflict-{field:?}");
    let label = field_label(i18n, field);
    let pick = move |side| {
        move |_| {
            choices.update(|c| {
                c.insert(field, side);
            })
        }
    };
    view! {
        <tr>
            <th scope="row">{label.clone()}</th>
            <td>
                <label class="choice">
                    <input
                        type="radio"
                        name=name.clone()
                        checked=true
                        on:change=pick(Side::Mine)
                        aria-label=format!("{label}: {}", t_string!(i18n, conflict.keep_yours))
                    />
                    {mine}
                </label>
            </td>
            <td>
                <label class="choice">
                    <input
                        type="radio"
                        name=name
                        on:change=pick(Side::Theirs)
                        aria-label=format!("{label}: {}", t_string!(i18n, conflict.keep_theirs))
                    />
                    {theirs}
                </label>
            </td>
        </tr>
    }
}
