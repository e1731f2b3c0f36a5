//! `/app/billing`: the client's plan, status, usage and invoices; choose or change a
//! plan (prorated by the server), cancel at period end, resume.

use crate::api;
use crate::components::billing_view::{BillingSummary, InvoiceTable, PlanChoices};
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::i18n::*;
use crate::state::dashboard::use_dashboard;
use leptos::prelude::*;

#[component]
pub fn BillingPage() -> impl IntoView {
    let i18n = use_i18n();
    let org_id = use_dashboard().org.id;
    let choose = Action::new_local(move |plan: &i64| api::billing::choose_plan(org_id, *plan));
    let cancel = Action::new_local(move |_: &()| api::billing::cancel_subscription(org_id));
    let resume = Action::new_local(move |_: &()| api::billing::resume_subscription(org_id));
    let data = LocalResource::new(move || {
        choose.version().get();
        cancel.version().get();
        resume.version().get();
        async move {
            Ok::<_, api::ApiError>((
                api::billing::get_billing(org_id).await?,
                api::invoices::list_invoices(org_id).await?.items,
            ))
        }
    });
    let busy = Signal::derive(move || choose.pending().get() || cancel.pending().get() || resume.pending().get());
    let failure = Signal::derive(move || {
        choose
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| cancel.value().get().and_then(Result::err))
            .or_else(|| resume.value().get().and_then(Result::err))
    });
    view! {
        <h1>{move || t_string!(i18n, billing.title)}</h1>
        {move || failure.get().map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched
            resource=data
            children=move |(overview, invoices)| {
                let sub = overview.subscription.clone();
                let current = sub
                    .as_ref()
                    .filter(|s| s.status != atrium_api::SubscriptionStatus::Canceled)
                    .map(|s| s.plan_id);
                let cancelling = sub.as_ref().is_some_and(|s| s.cancel_at_period_end);
                let plans = overview.plans.clone();
                view! {
                    <BillingSummary overview=overview />
                    {current
                        .map(|_| {
                            view! {
                                <CancelOrResume
                                    cancelling=cancelling
                                    busy=busy
                                    cancel=Callback::new(move |_| {
                                        cancel.dispatch(());
                                    })
                                    resume=Callback::new(move |_| {
                                        resume.dispatch(());
                                    })
                                />
                            }
                        })}
                    <h2>{move || t_string!(i18n, billing.plans_available)}</h2>
                    <PlanChoices
                        plans=plans
                        current_plan=current
                        busy=busy
                        on_choose=Callback::new(move |id| {
                            choose.dispatch(id);
                        })
                    />
                    <h2>{move || t_string!(i18n, billing.invoices)}</h2>
                    <InvoiceTable invoices=invoices />
                }
            }
        />
    }
}

/// Cancel at the period's end, or Resume a subscription that is cancelling.
#[component]
fn CancelOrResume(cancelling: bool, busy: Signal<bool>, cancel: Callback<()>, resume: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    if cancelling {
        view! {
            <button type="button" disabled=busy on:click=move |_| resume.run(())>
                {move || t_string!(i18n, billing.resume)}
            </button>
        }
        .into_any()
    } else {
        view! {
            <button type="button" class="danger-button" disabled=busy on:click=move |_| cancel.run(())>
                {move || t_string!(i18n, billing.cancel)}
            </button>
        }
        .into_any()
    }
}
