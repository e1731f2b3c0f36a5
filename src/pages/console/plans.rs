//! `/agency/plans`: the agency's billing plans: list, add, retire.

use crate::api::{self, ApiError};
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
use atrium_api::validate::{FieldError, FieldErrors};
use atrium_api::{NewPlan, Plan, PlanInterval, PlanPatch};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn PlansPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(|p: &NewPlan| {
        let p = p.clone();
        async move { api::plans::create_plan(&p).await }
    });
    let retire = Action::new_local(|id: &i64| {
        let id = *id;
        async move { api::plans::update_plan(id, &PlanPatch { retired: Some(true), ..Default::default() }).await }
    });
    let plans = LocalResource::new(move || {
        create.version().get();
        retire.version().get();
        api::plans::list_plans()
    });
    view! {
        <h1>{move || t_string!(i18n, billing.plans_title)}</h1>
        {move || retire.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched resource=plans children=move |list| view! { <PlansTable plans=list.items retire=retire /> } />
        <NewPlanForm create=create />
    }
}

#[component]
fn PlansTable(plans: Vec<Plan>, retire: Action<i64, Result<Plan, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    if plans.is_empty() {
        return view! { <p class="empty">{move || t_string!(i18n, billing.no_plans)}</p> }.into_any();
    }
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{move || t_string!(i18n, billing.plans_title)}</caption>
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
                    {plans.into_iter().map(|plan| view! { <PlanRow plan=plan retire=retire /> }).collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
    .into_any()
}

/// A plan with its price and what it includes; Retire, or that it is retired.
#[component]
fn PlanRow(plan: Plan, retire: Action<i64, Result<Plan, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let Plan { id, price_cents, currency, interval, included_conversations, .. } = plan;
    let name = StoredValue::new(plan.name.clone());
    let action = if plan.retired {
        view! { <span class="badge">{move || t_string!(i18n, billing.retired)}</span> }.into_any()
    } else {
        view! {
            <AskFirst
                class="small"
                busy=retire.pending()
                label=move || t_string!(i18n, billing.retire, name = name.get_value()).to_string()
                short=move || t_string!(i18n, row.retire)
                question=move || t_string!(i18n, billing.retire_question, name = name.get_value()).to_string()
                help=move || t_string!(i18n, billing.retire_help)
                confirm=move || t_string!(i18n, billing.retire_yes)
                on_confirm=Callback::new(move |_| {
                    retire.dispatch(id);
                })
            />
        }
        .into_any()
    };
    view! {
        <tr>
            <th scope="row">{plan.name}</th>
            <td>{move || price_label(i18n, price_cents, &currency, interval)}</td>
            <td class="num">{move || crate::format::number(included_conversations, i18n.get_locale().as_str())}</td>
            <RowActions>{action}</RowActions>
        </tr>
    }
}

/// The new plan's fields as typed: the price in the currency's units as people write them
/// ("29.50"), stored in minor units.
struct PlanFields {
    name: RwSignal<String>,
    price: RwSignal<String>,
    currency: RwSignal<String>,
    interval: RwSignal<PlanInterval>,
    included: RwSignal<String>,
}

impl PlanFields {
    /// The plan, or every field that is wrong: the numbers that do not parse, then the
    /// shared rules of `NewPlan::validate`.
    fn read(&self) -> (NewPlan, FieldErrors) {
        let mut errors = FieldErrors::default();
        let digits = atrium_api::billing::minor_digits(&self.currency.get_untracked()).unwrap_or(2);
        let price_cents = atrium_api::billing::parse_amount(&self.price.get_untracked(), digits);
        if price_cents.is_none() {
            let empty = self.price.with_untracked(|p| p.trim().is_empty());
            errors.check("price_cents", Err(if empty { FieldError::Required } else { FieldError::Unknown }));
        }
        let included = self.included.get_untracked().trim().parse::<i64>();
        if included.is_err() {
            errors.check("included_conversations", Err(FieldError::Required));
        }
        let plan = NewPlan {
            name: self.name.get_untracked().trim().to_string(),
            price_cents: price_cents.unwrap_or(0),
            currency: self.currency.get_untracked(),
            interval: self.interval.get_untracked(),
            included_conversations: included.unwrap_or(0),
        };
        if let Err(e) = plan.validate() {
            for (k, v) in e.0 {
                errors.0.entry(k).or_insert(v);
            }
        }
        (plan, errors)
    }
}

#[component]
fn NewPlanForm(create: Action<NewPlan, Result<Plan, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let fields = PlanFields {
        name: RwSignal::new(String::new()),
        price: RwSignal::new(String::new()),
        currency: RwSignal::new("USD".to_string()),
        interval: RwSignal::new(PlanInterval::Month),
        included: RwSignal::new(String::new()),
    };
    let PlanFields { name, price, currency, interval, included } = fields;
    let form = Form::new(create, move |_| {
        name.set(String::new());
        price.set(String::new());
        included.set(String::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (plan, errors) = fields.read();
        if form.check(errors.into_result()) {
            create.dispatch(plan);
        }
    };
    view! {
        <h2>{move || t_string!(i18n, billing.new_plan)}</h2>
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            {form.failure_notice()}
            <TextField
                id="plan-name"
                label=move || t_string!(i18n, billing.plan_name)
                value=name
                error=form.error("name")
                required=true
            />
            <TextField
                id="plan-price"
                label=move || t_string!(i18n, billing.price)
                value=price
                error=form.error("price_cents")
                required=true
            />
            <PlanTerms currency=currency interval=interval form=form />
            <TextField
                id="plan-included"
                label=move || t_string!(i18n, billing.included)
                value=included
                error=form.error("included_conversations")
                input_type="number"
                required=true
            />
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {move || t_string!(i18n, billing.add_plan)}
            </button>
        </form>
    }
}

/// The currency and the billing interval of a new plan.
#[component]
fn PlanTerms(currency: RwSignal<String>, interval: RwSignal<PlanInterval>, form: Form) -> impl IntoView {
    let i18n = use_i18n();
    view! {
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
            <FieldErrorText id="plan-currency-error" error=form.error("currency") />
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
    }
}
