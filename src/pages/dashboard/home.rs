//! `/app`: the client dashboard's start page: assigned agents, today's conversations and
//! open handoffs, each linking to its section.

use crate::api;
use crate::components::agent_list::AgentList;
use crate::i18n::*;
use crate::pages::not_found::NotAvailable;
use crate::sections::Section;
use crate::state::live::use_live_events;
use crate::state::session::use_session;
use atrium_api::{ConversationListQuery, ConversationStatus};
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn DashboardHome() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let Some(me) = session.me().filter(|m| Section::Home.allowed(m)) else {
        return view! { <NotAvailable/> }.into_any();
    };
    let org_id = me.org.as_ref().map(|o| o.id).unwrap_or_default();
    let conversations = Section::Conversations.allowed(&me);
    let live = use_live_events();
    let counts = LocalResource::new(move || {
        if let Some(l) = live {
            l.version.get();
        }
        async move {
            if !conversations {
                return None;
            }
            let waiting = ConversationListQuery {
                status: Some(ConversationStatus::Waiting),
                per_page: Some(1),
                ..Default::default()
            };
            let today = ConversationListQuery {
                updated_since: Some(crate::format::local_midnight_utc()),
                per_page: Some(1),
                ..Default::default()
            };
            let open = api::conversations::list(org_id, &waiting).await.ok()?.total;
            let todays = api::conversations::list(org_id, &today).await.ok()?.total;
            Some((todays as i64, open as i64))
        }
    });
    // The cards are drawn at once and their numbers filled in, so nothing below them
    // moves when the counts arrive.
    let number = move |pick: fn((i64, i64)) -> i64| {
        move || {
            let lang = i18n.get_locale().as_str();
            counts.get().flatten().map(|c| crate::format::number(pick(c), lang))
        }
    };
    let busy = move || counts.get().is_none().then_some("true");
    let org_name = move || session.me().and_then(|m| m.org).map(|o| o.name).unwrap_or_default();
    let agents = move || session.me().map(|m| m.agents).unwrap_or_default();
    view! {
        <h1>{move || t_string!(i18n, dashboard.home_title, org = org_name()).to_string()}</h1>
        {conversations.then(|| view! {
            <div class="stat-cards" aria-busy=busy>
                <a class="card stat" href=crate::app::with_base("/app/conversations")>
                    <span class="stat-label">{move || t_string!(i18n, home.today)}</span>
                    <span class="big-number">{number(|(todays, _)| todays)}</span>
                </a>
                <a class="card stat" href=crate::app::with_base("/app/conversations?status=waiting")>
                    <span class="stat-label">{move || t_string!(i18n, home.open_handoffs)}</span>
                    <span class="big-number">{number(|(_, open)| open)}</span>
                </a>
            </div>
        })}
        <section aria-labelledby="agents-heading">
            <h2 id="agents-heading">{move || t_string!(i18n, dashboard.agents_title)}</h2>
            {move || view! { <AgentList agents=agents()/> }}
        </section>
    }
    .into_any()
}
