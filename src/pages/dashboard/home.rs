//! `/app`: the client dashboard's start page: assigned agents, today's conversations and
//! open handoffs, each linking to its section.

use crate::api::{self, ApiError};
use crate::components::agent_list::AgentList;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::*;
use crate::sections::Section;
use crate::state::dashboard::{use_dashboard, Dashboard};
use crate::state::live::use_live_events;
use atrium_api::{ConversationListQuery, ConversationStatus};
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn DashboardHome() -> impl IntoView {
    let i18n = use_i18n();
    let Dashboard { me, org } = use_dashboard();
    let org_id = org.id;
    let conversations = Section::Conversations.allowed(&me);
    let live = use_live_events();
    let counts = LocalResource::new(move || {
        if let Some(l) = live {
            l.version.get();
        }
        async move {
            if !conversations {
                return Ok((0, 0));
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
            let open = api::conversations::list_conversations(org_id, &waiting).await?.total;
            let todays = api::conversations::list_conversations(org_id, &today).await?.total;
            Ok::<_, ApiError>((todays as i64, open as i64))
        }
    });
    // The cards are drawn at once and their numbers filled in, so nothing below them
    // moves when the counts arrive.
    let number = move |pick: fn((i64, i64)) -> i64| {
        move || {
            let lang = i18n.get_locale().as_str();
            counts.get().and_then(Result::ok).map(|c| crate::format::number(pick(c), lang))
        }
    };
    let busy = move || counts.get().is_none().then_some("true");
    view! {
        <h1>{move || t_string!(i18n, dashboard.home_title, org = org.name.clone()).to_string()}</h1>
        {conversations
            .then(|| {
                view! {
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
                    {move || {
                        counts
                            .get()
                            .and_then(Result::err)
                            .map(|e| view! { <ErrorNotice error=e retry=Callback::new(move |_| counts.refetch()) /> })
                    }}
                }
            })}
        <section aria-labelledby="agents-heading">
            <h2 id="agents-heading">{move || t_string!(i18n, dashboard.agents_title)}</h2>
            <AgentList agents=me.agents.clone() />
        </section>
    }
}
