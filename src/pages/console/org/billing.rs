//! The org's Billing tab in the console: its subscription and invoices; the agency marks
//! invoices paid here (the built-in manual payment provider).

use crate::api;
use crate::components::billing_view::{BillingSummary, InvoiceTable};
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::i18n::*;
use crate::state::current_org::for_current_org;
use leptos::prelude::*;

#[component]
pub fn OrgBillingTab() -> impl IntoView {
    for_current_org(|org| view! { <BillingTab org_id=org.id billing_enabled=org.settings.billing_enabled /> })
}

#[component]
fn BillingTab(org_id: i64, billing_enabled: bool) -> impl IntoView {
    let i18n = use_i18n();
    let pay = Action::new_local(move |invoice: &i64| api::invoices::pay_invoice(org_id, *invoice));
    let data = LocalResource::new(move || {
        pay.version().get();
        async move {
            Ok::<_, api::ApiError>((
                api::billing::get_billing(org_id).await?,
                api::invoices::list_invoices(org_id).await?.items,
            ))
        }
    });
    view! {
        <h2>{move || t_string!(i18n, billing.title)}</h2>
        {(!billing_enabled)
            .then(|| view! { <p class="notice notice-info">{move || t_string!(i18n, billing.disabled_for_org)}</p> })}
        {move || pay.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched
            resource=data
            children=move |(overview, invoices)| {
                view! {
                    <BillingSummary overview=overview />
                    <h3>{move || t_string!(i18n, billing.invoices)}</h3>
                    <InvoiceTable
                        invoices=invoices
                        on_pay=Callback::new(move |id| {
                            pay.dispatch(id);
                        })
                    />
                }
            }
        />
    }
}
