//! What billing looks like to people: the subscription summary, the plans to choose
//! from, and the invoices with their lines. Views only; pages do the calls.

use crate::components::ask_first::AskFirst;
use crate::components::local_time::LocalTime;
use crate::components::table_box::TableBox;
use crate::format::{money, number};
use crate::i18n::*;
use atrium_api::{BillingOverview, Invoice, InvoiceStatus, Plan, PlanInterval, SubscriptionStatus};
use leptos::prelude::*;
use leptos_i18n::Locale as _;

pub fn status_label(i18n: leptos_i18n::I18nContext<Locale>, s: SubscriptionStatus) -> &'static str {
    match s {
        SubscriptionStatus::Trialing => t_string!(i18n, billing.status_trialing),
        SubscriptionStatus::Active => t_string!(i18n, billing.status_active),
        SubscriptionStatus::PastDue => t_string!(i18n, billing.status_past_due),
        SubscriptionStatus::Canceled => t_string!(i18n, billing.status_canceled),
    }
}

pub fn price_label(
    i18n: leptos_i18n::I18nContext<Locale>,
    price_cents: i64,
    currency: &str,
    interval: PlanInterval,
) -> String {
    let price = money(price_cents, currency, i18n.get_locale().as_str());
    match interval {
        PlanInterval::Month => t_string!(i18n, billing.per_month, price = price).to_string(),
        PlanInterval::Year => t_string!(i18n, billing.per_year, price = price).to_string(),
    }
}

#[component]
pub fn BillingSummary(overview: BillingOverview) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.get_locale().as_str();
    let Some(sub) = overview.subscription.clone() else {
        return view! { <p class="card">{move || t_string!(i18n, billing.no_subscription)}</p> }.into_any();
    };
    let (used, left) = (overview.conversations_used, overview.credits_left);
    view! {
        <dl class="card summary">
            <dt>{move || t_string!(i18n, billing.current_plan)}</dt>
            <dd>
                <strong>{sub.plan_name.clone()}</strong>
                " "
                {price_label(i18n, sub.price_cents, &sub.currency, sub.interval)}
            </dd>
            <dt>{move || t_string!(i18n, billing.status)}</dt>
            <dd class=format!("sub-status {:?}", sub.status)
                .to_lowercase()>{move || status_label(i18n, sub.status)}</dd>
            <dt>{move || t_string!(i18n, billing.period_end)}</dt>
            <dd>
                <LocalTime at=sub.current_period_end.clone() />
                {sub
                    .cancel_at_period_end
                    .then(|| {
                        view! {
                            " "
                            <em>{move || t_string!(i18n, billing.cancels_at_end)}</em>
                        }
                    })}
            </dd>
            <dt>{move || t_string!(i18n, billing.usage)}</dt>
            <dd>{number(used, lang())}</dd>
            <dt>{move || t_string!(i18n, billing.credits_left)}</dt>
            <dd>{number(left, lang())}</dd>
        </dl>
    }
    .into_any()
}

#[component]
pub fn PlanChoices(
    plans: Vec<Plan>,
    current_plan: Option<i64>,
    #[prop(into)] busy: Signal<bool>,
    on_choose: Callback<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="plan-cards">
            {plans
                .into_iter()
                .map(|p| {
                    let current = current_plan == Some(p.id);
                    let name = p.name.clone();
                    let label = move || {
                        if current_plan.is_some() {
                            t_string!(i18n, billing.switch, name = name.clone()).to_string()
                        } else {
                            t_string!(i18n, billing.choose, name = name.clone()).to_string()
                        }
                    };
                    let (price, currency, interval, included) = (
                        p.price_cents,
                        p.currency.clone(),
                        p.interval,
                        p.included_conversations,
                    );
                    view! {
                        <li class="card plan" class:current=current>
                            <h3>{p.name.clone()}</h3>
                            <p>{move || price_label(i18n, price, &currency, interval)}</p>
                            <p class="muted">
                                {move || {
                                    crate::counted!(
                                        i18n, billing.included_count, included, count = number(included, i18n.get_locale().as_str())
                                    )
                                }}
                            </p>
                            {(!current)
                                .then(|| {
                                    let plan = p.name.clone();
                                    let (price_text, currency) = (price, p.currency.clone());
                                    view! {
                                        <AskFirst
                                            class="primary"
                                            busy=busy
                                            label=label
                                            question=move || {
                                                t_string!(i18n, billing.confirm_choose, name = plan.clone()).to_string()
                                            }
                                            help=move || {
                                                t_string!(
                                                    i18n, billing.confirm_choose_help, price = price_label(i18n, price_text, &currency, interval)
                                                )
                                                    .to_string()
                                            }
                                            confirm=move || t_string!(i18n, billing.confirm_choose_yes)
                                            on_confirm=Callback::new(move |_| on_choose.run(p.id))
                                        />
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn InvoiceTable(invoices: Vec<Invoice>, #[prop(optional)] on_pay: Option<Callback<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    if invoices.is_empty() {
        return view! { <p class="empty">{move || t_string!(i18n, billing.no_invoices)}</p> }.into_any();
    }
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{move || t_string!(i18n, billing.invoices)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, billing.invoice_number)}</th>
                        <th scope="col">{move || t_string!(i18n, billing.issued)}</th>
                        <th scope="col">{move || t_string!(i18n, billing.due)}</th>
                        <th scope="col" class="num">
                            {move || t_string!(i18n, billing.total)}
                        </th>
                        <th scope="col">{move || t_string!(i18n, billing.invoice_status)}</th>
                    </tr>
                </thead>
                <tbody>
                    {invoices
                        .into_iter()
                        .map(|invoice| view! { <InvoiceRow invoice=invoice on_pay=on_pay /> })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
    .into_any()
}

/// An invoice: its number (opening onto its lines), dates, total and status; an open one
/// can be marked paid where `on_pay` is given.
#[component]
fn InvoiceRow(invoice: Invoice, on_pay: Option<Callback<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.get_locale().as_str();
    let (id, open) = (invoice.id, invoice.status == InvoiceStatus::Open);
    let number = StoredValue::new(invoice.number.clone());
    let currency = StoredValue::new(invoice.currency.clone());
    let lines = invoice
        .lines
        .into_iter()
        .map(|l| {
            view! {
                <li>
                    <span>{l.description}</span>
                    " "
                    <span class="num">{move || currency.with_value(|c| money(l.amount_cents, c, lang()))}</span>
                </li>
            }
        })
        .collect_view();
    let pay = on_pay.filter(|_| open).map(|pay| {
        view! {
            " "
            <AskFirst
                class="small"
                busy=Signal::stored(false)
                label=move || t_string!(i18n, billing.mark_paid, number = number.get_value()).to_string()
                question=move || t_string!(i18n, billing.mark_paid_question, number = number.get_value()).to_string()
                help=move || t_string!(i18n, billing.mark_paid_help)
                confirm=move || t_string!(i18n, billing.mark_paid_yes)
                on_confirm=Callback::new(move |_| pay.run(id))
            />
        }
    });
    view! {
        <tr>
            <th scope="row">
                <details>
                    <summary>{invoice.number}</summary>
                    <ul
                        class="invoice-lines"
                        aria-label=move || t_string!(i18n, billing.lines, number = number.get_value()).to_string()
                    >
                        {lines}
                    </ul>
                </details>
            </th>
            <td>
                <LocalTime at=invoice.issued_at />
            </td>
            <td>
                <LocalTime at=invoice.due_at />
            </td>
            <td class="num">{money(invoice.total_cents, &invoice.currency, lang())}</td>
            <td>{move || if open { t_string!(i18n, billing.open) } else { t_string!(i18n, billing.paid) }} {pay}</td>
        </tr>
    }
}
