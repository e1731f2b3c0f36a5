//! `/agency/plans`: the agency's billing plans: list, add, retire.

use crate::api;
use crate::components::ask_first::AskFirst;
use crate::components::billing_view::price_label;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::field_error::FieldErrorText;
use crate::components::row_actions::RowActions;
use crate::components::table_box::TableBox;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use atrium_api::billing::CURRENCIES;
use atrium_api::validate::FieldErrors;
use atrium_api::{NewPlan, PlanInterval, PlanPatch};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn PlansPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(|p: &NewPlan| {
        let p = p.clone();
        async move { api::billing::create_plan(&p).await }
    });
    let retire = Action::new_local(|id: &i64| {
        let id = *id;
        async move { api::billing::update_plan(id, &PlanPatch { retired: Some(true), ..Default::default() }).await }
    });
    let plans = LocalResource::new(move || {
        create.version().get();
        retire.version().get();
        api::billing::plans()
    });
    let name = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let currency = RwSignal::new("USD".to_string());
    let interval = RwSignal::new(PlanInterval::Month);
    let included = RwSignal::new(String::new());
    let form = Form::new(create, move |_| {
        name.set(String::new());
        price.set(String::new());
        included.set(String::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errs = FieldErrors::default();
        // In the currency's units as people write them ("29.50"), stored in minor units.
        let digits = atrium_api::billing::minor_digits(&currency.get_untracked()).unwrap_or(2);
        let price_cents = atrium_api::billing::parse_amount(&price.get_untracked(), digits).ok_or(());
        let included_n = included.get_untracked().trim().parse::<i64>();
        if price_cents.is_err() {
            let empty = price.with_untracked(|p| p.trim().is_empty());
            let error = if empty {
                atrium_api::validate::FieldError::Required
            } else {
                atrium_api::validate::FieldError::Unknown
            };
            errs.check("price_cents", Err(error));
        }
        if included_n.is_err() {
            errs.check("included_conversations", Err(atrium_api::validate::FieldError::Required));
        }
        let plan = NewPlan {
            name: name.get_untracked().trim().to_string(),
            price_cents: price_cents.unwrap_or(0),
            currency: currency.get_untracked(),
            interval: interval.get_untracked(),
            included_conversations: included_n.unwrap_or(0),
        };
        if let Err(e) = plan.validate() {
            for (k, v) in e.0 {
                errs.0.entry(k).or_insert(v);
            }
        }
        if form.check(errs.into_result()) {
            create.dispatch(plan);
        }
    };
    let error = move |field| form.error(field);
    view! {
        <h1>{move || t_string!(i18n, billing.plans_title)}</h1>
        {move || retire.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched
            resource=plans
            children=move |data| match data {
                l if l.items.is_empty() => {
                    view! { <p class="empty">{move || t_string!(i18n, billing.no_plans)}</p> }.into_any()
                }
                l => {
                    view! {
                        <TableBox>
                            <table class="data-table">
                                <caption class="visually-hidden">
                                    {move || t_string!(i18n, billing.plans_title)}
                                </caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{move || t_string!(i18n, billing.plan_name)}</th>
                                        <th scope="col">{move || t_string!(i18n, billing.price)}</th>
                                        <th scope="col" class="num">
                                            {move || t_string!(i18n, billing.included)}
                                        </th>
                                        <th scope="col">{move || t_string!(i18n, agents.actions)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {l
                                        .items
                                        .into_iter()
                                        .map(|p| {
                                            let (id, name) = (p.id, p.name.clone());
                                            let (cents, cur, iv) = (p.price_cents, p.currency.clone(), p.interval);
                                            view! {
                                                <tr>
                                                    <th scope="row">{p.name.clone()}</th>
                                                    <td>{move || price_label(i18n, cents, &cur, iv)}</td>
                                                    <td class="num">
                                                        {move || crate::format::number(
                                                            p.included_conversations,
                                                            i18n.get_locale().as_str(),
                                                        )}
                                                    </td>
                                                    <RowActions>
                                                        {if p.retired {
                                                            view! {
                                                                <span class="badge">
                                                                    {move || t_string!(i18n, billing.retired)}
                                                                </span>
                                                            }
                                                                .into_any()
                                                        } else {
                                                            let asked = name.clone();
                                                            view! {
                                                                <AskFirst
                                                                    class="small"
                                                                    busy=retire.pending()
                                                                    label=move || {
                                                                        t_string!(i18n, billing.retire, name = name.clone())
                                                                            .to_string()
                                                                    }
                                                                    short=move || t_string!(i18n, row.retire)
                                                                    question=move || {
                                                                        t_string!(
                                                                            i18n, billing.retire_question, name = asked.clone()
                                                                        )
                                                                            .to_string()
                                                                    }
                                                                    help=move || t_string!(i18n, billing.retire_help)
                                                                    confirm=move || t_string!(i18n, billing.retire_yes)
                                                                    on_confirm=Callback::new(move |_| {
                                                                        retire.dispatch(id);
                                                                    })
                                                                />
                                                            }
                                                                .into_any()
                                                        }}
                                                    </RowActions>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </TableBox>
                    }
                        .into_any()
                }
            }
        />
        <h2>{move || t_string!(i18n, billing.new_plan)}</h2>
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            {form.failure_notice()}
            <TextField
                id="plan-name"
                label=move || t_string!(i18n, billing.plan_name)
                value=name
                error=error("name")
                required=true
            />
            <TextField
                id="plan-price"
                label=move || t_string!(i18n, billing.price)
                value=price
                error=error("price_cents")
                required=true
            />
            <div class="field">
                <label for="plan-currency">{move || t_string!(i18n, billing.currency)}</label>
                <select id="plan-currency" on:change=move |ev| currency.set(event_target_value(&ev))>
                    {CURRENCIES
                        .iter()
                        .map(|(c, _)| {
                            view! {
                                <option value=*c selected=*c == "USD">
                                    {*c}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldErrorText id="plan-currency-error" error=error("currency") />
            </div>
            <div class="field">
                <label for="plan-interval">{move || t_string!(i18n, billing.interval)}</label>
                <select
                    id="plan-interval"
                    on:change=move |ev| {
                        interval.set(PlanInterval::parse(&event_target_value(&ev)).unwrap_or(PlanInterval::Month))
                    }
                >
                    <option value="month">{move || t_string!(i18n, billing.month)}</option>
                    <option value="year">{move || t_string!(i18n, billing.year)}</option>
                </select>
            </div>
            <TextField
                id="plan-included"
                label=move || t_string!(i18n, billing.included)
                value=included
                error=error("included_conversations")
                input_type="number"
                required=true
            />
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {move || t_string!(i18n, billing.add_plan)}
            </button>
        </form>
    }
}
