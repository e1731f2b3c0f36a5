//! `/app/conversations/:id`: the transcript and, where handoff is on, the actions:
//! Handle chat, reply (with `/` saved replies), Pass to AI, assign to a team, close.

use crate::api::{self, ApiError};
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::link::Link;
use crate::components::local_time::LocalTime;
use crate::components::reply_box::{ReplyBox, ReplyContext};
use crate::components::status_label::{author_label, shown_text, status_label};
use crate::components::team_select::TeamSelect;
use crate::focus::rescue_focus;
use crate::i18n::*;
use crate::pages::not_found::NotAvailable;
use crate::state::dashboard::{use_dashboard, Dashboard};
use crate::state::live::use_live_events;
use atrium_api::{Agent, Assignment, CannedResponse, Conversation, ConversationStatus, Message, Team, Transition};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConversationPage() -> impl IntoView {
    let i18n = use_i18n();
    let Dashboard { me, org } = use_dashboard();
    let (org_id, settings) = (org.id, org.settings.clone());
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok())).unwrap_or_default());
    let live = use_live_events();

    let act = Action::new_local(move |t: &Transition| api::handoff::act(org_id, id.get_untracked(), *t));
    let reply = Action::new_local(move |text: &String| api::handoff::reply(org_id, id.get_untracked(), text.clone()));
    let assign = Action::new_local(move |a: &Assignment| {
        let a = a.clone();
        async move { api::handoff::assign(org_id, id.get_untracked(), &a).await }
    });
    let conversation = LocalResource::new(move || {
        if let Some(l) = live {
            l.version.get();
        }
        act.version().get();
        reply.version().get();
        assign.version().get();
        api::conversations::get_conversation(org_id, id.get())
    });
    // An action reloads the conversation and with it the whole view, focused button or
    // reply field included: once it is drawn again, focus goes where the user will go on.
    let refocus = StoredValue::new(None::<&'static str>);
    let controls = Controls {
        handoff: settings.handoff_enabled,
        me_id: me.user.id,
        act: Callback::new(move |t: Transition| {
            refocus.set_value(Some(if t == Transition::TakeOver { "reply-text" } else { "main" }));
            act.dispatch(t);
        }),
        assign: Callback::new(move |team_id| {
            refocus.set_value(Some("assign-team"));
            assign.dispatch(Assignment { team_id, assignee_id: None });
        }),
        teams: LocalResource::new(move || async move { api::teams::list_teams(org_id).await.map(|l| l.items) }),
    };
    let replying = Replying {
        canned: LocalResource::new(move || async move {
            if settings.canned_responses_enabled {
                api::canned::list_canned(org_id).await.map(|l| l.items)
            } else {
                Ok(Vec::new())
            }
        }),
        draft: reply_draft(reply, id),
        sending: reply.pending().into(),
        failure: Signal::derive(move || reply.value().get().and_then(Result::err)),
        send: Callback::new(move |text| {
            refocus.set_value(Some("reply-text"));
            reply.dispatch(text);
        }),
        agents: StoredValue::new(me.agents.clone()),
        user_name: StoredValue::new(me.user.name.clone()),
    };
    // A failed action shows above the actions; a failed reply beside the reply box.
    let failure =
        move || act.value().get().and_then(Result::err).or_else(|| assign.value().get().and_then(Result::err));

    view! {
        <p>
            <Link href="/app/conversations">{move || t_string!(i18n, conversation.back)}</Link>
        </p>
        {move || failure().map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched
            resource=conversation
            not_found=NotAvailable
            children=move |c: Conversation| {
                if let Some(target) = refocus.get_value() {
                    refocus.set_value(None);
                    rescue_focus(target);
                }
                view! { <ConversationView conversation=c controls=controls replying=replying /> }
            }
        />
    }
}

/// What is typed in the reply field: kept while the transcript is redrawn, emptied once
/// the server has the reply (a failed send keeps it) or another conversation opens.
fn reply_draft(reply: Action<String, Result<Conversation, ApiError>>, id: Memo<i64>) -> RwSignal<String> {
    let draft = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = reply.value().get() {
            draft.set(String::new());
        }
    });
    Effect::new(move |shown: Option<i64>| {
        let now = id.get();
        if shown.is_some_and(|s| s != now) {
            draft.set(String::new());
        }
        now
    });
    draft
}

/// The handoff actions the page offers, and what the team picker lists.
#[derive(Clone, Copy)]
struct Controls {
    handoff: bool,
    me_id: i64,
    act: Callback<Transition>,
    assign: Callback<Option<i64>>,
    teams: LocalResource<Result<Vec<Team>, ApiError>>,
}

/// The reply box's parts that outlive a redraw of the conversation.
#[derive(Clone, Copy)]
struct Replying {
    canned: LocalResource<Result<Vec<CannedResponse>, ApiError>>,
    draft: RwSignal<String>,
    sending: Signal<bool>,
    failure: Signal<Option<ApiError>>,
    send: Callback<String>,
    /// Who a saved reply's variables name, with the conversation's contact.
    agents: StoredValue<Vec<Agent>>,
    user_name: StoredValue<String>,
}

impl Replying {
    fn context(self, c: &Conversation) -> ReplyContext {
        let agent = self.agents.with_value(|a| a.iter().find(|a| a.id == c.agent_id).map(|a| a.name.clone()));
        ReplyContext {
            contact_name: c.contact_name.clone(),
            agent_name: agent.unwrap_or_default(),
            user_name: self.user_name.get_value(),
        }
    }
}

#[component]
fn ConversationView(conversation: Conversation, controls: Controls, replying: Replying) -> impl IntoView {
    let i18n = use_i18n();
    let c = conversation;
    let context = replying.context(&c);
    let status = c.status;
    let contact = c.contact_name.clone();
    let mine = c.assignee_id == Some(controls.me_id);
    let handler = c.assignee_name.clone().unwrap_or_default();
    let handoff = controls.handoff;
    // Only the person handling a chat replies in it; others see who does.
    let reply_area = if handoff && status == ConversationStatus::Human && !mine {
        let handler = handler.clone();
        view! {
            <p class="muted">
                {move || t_string!(i18n, conversation.handled_by_other, name = handler.clone()).to_string()}
            </p>
        }
        .into_any()
    } else if handoff && status == ConversationStatus::Human {
        view! { <ReplyArea replying=replying context=context /> }.into_any()
    } else if handoff && status != ConversationStatus::Closed {
        view! { <p class="muted">{move || t_string!(i18n, conversation.not_handling)}</p> }.into_any()
    } else {
        ().into_any()
    };
    view! {
        <h1>{move || t_string!(i18n, conversation.title, name = contact.clone()).to_string()}</h1>
        <p>
            <span class="badge">{move || status_label(i18n, status)}</span>
            {(status == ConversationStatus::Human)
                .then(|| {
                    view! {
                        " "
                        <span class="handler">
                            {move || {
                                if mine {
                                    t_string!(i18n, conversation.handled_by_you).to_string()
                                } else {
                                    t_string!(i18n, conversation.handled_by, name = handler.clone()).to_string()
                                }
                            }}
                        </span>
                    }
                })}
        </p>
        <HandoffActions status=status team_id=c.team_id controls=controls />
        <Transcript messages=c.messages />
        {reply_area}
    }
}

/// Take over, Pass to AI and the team picker where handoff is on; Close until closed.
#[component]
fn HandoffActions(status: ConversationStatus, team_id: Option<i64>, controls: Controls) -> impl IntoView {
    let i18n = use_i18n();
    let Controls { handoff, act, assign, teams, .. } = controls;
    let can = |t: Transition| handoff && t.apply(status).is_some();
    let open = status != ConversationStatus::Closed;
    view! {
        {handoff
            .then(|| {
                view! {
                    <div class="actions conversation-actions">
                        {can(Transition::TakeOver)
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="primary"
                                        on:click=move |_| act.run(Transition::TakeOver)
                                    >
                                        {move || t_string!(i18n, conversation.take_over)}
                                    </button>
                                }
                            })}
                        {can(Transition::PassToAi)
                            .then(|| {
                                view! {
                                    <button type="button" on:click=move |_| act.run(Transition::PassToAi)>
                                        {move || t_string!(i18n, conversation.pass_to_ai)}
                                    </button>
                                }
                            })} {open.then(|| view! { <TeamPicker teams=teams current=team_id on_assign=assign /> })}
                    </div>
                }
            })}
        {open
            .then(|| {
                view! {
                    <button type="button" on:click=move |_| act.run(Transition::Close)>
                        {move || t_string!(i18n, conversation.close)}
                    </button>
                }
            })}
    }
}

#[component]
fn Transcript(messages: Vec<Message>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="transcript-title">
            <h2 id="transcript-title">{move || t_string!(i18n, conversation.transcript)}</h2>
            <ol class="transcript" aria-live="polite">
                {messages
                    .into_iter()
                    .map(|m| {
                        let when = m.created_at.clone();
                        view! {
                            <li class=format!("message author-{}", m.author.as_str())>
                                <span class="author">{move || author_label(i18n, m.author)}</span>
                                // What visitors write keeps its own direction inside a right-to-left page.
                                <p dir="auto">{move || shown_text(i18n, m.author, &m.text)}</p>
                                <LocalTime at=when with_time=true />
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// The reply box, with the saved replies once they load. Replying still works without them:
/// a failure to load them shows with a Retry beside a box that has none.
#[component]
fn ReplyArea(replying: Replying, context: ReplyContext) -> impl IntoView {
    let Replying { canned, draft, sending, failure, send, .. } = replying;
    view! {
        <Transition fallback=|| ()>
            {move || {
                let context = context.clone();
                Suspend::new(async move {
                    let (replies, unloaded) = match canned.await {
                        Ok(replies) => (replies, None),
                        Err(e) => (Vec::new(), Some(e)),
                    };
                    view! {
                        {unloaded
                            .map(|e| view! { <ErrorNotice error=e retry=Callback::new(move |_| canned.refetch()) /> })}
                        {move || failure.get().map(|e| view! { <ErrorNotice error=e /> })}
                        <ReplyBox canned=replies context=context sending=sending draft=draft on_send=send />
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn TeamPicker(
    teams: LocalResource<Result<Vec<Team>, ApiError>>,
    current: Option<i64>,
    on_assign: Callback<Option<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(current);
    view! {
        <div class="field inline">
            <TeamSelect
                id="assign-team"
                label=move || t_string!(i18n, conversation.assign)
                none_label=move || t_string!(i18n, conversation.assign_none)
                teams=teams
                selected=chosen
                on_change=Callback::new(move |t| chosen.set(t))
            />
            <button type="button" on:click=move |_| on_assign.run(chosen.get_untracked())>
                {move || t_string!(i18n, conversation.assign_save)}
            </button>
        </div>
    }
}
