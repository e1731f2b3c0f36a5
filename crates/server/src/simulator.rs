//! `--simulate-demo`: keeps the demo alive. Every few seconds a scripted visitor talks
//! with the bot of Acme Dental and of Globex Realty (Northwind's demo orgs), sometimes
//! asking for a person so that handoffs arrive in the inbox. The messages go through the
//! very code `POST /api/v1/ingest/messages` runs, in-process, as Northwind.

use crate::error::AppResult;
use crate::routes::ingest::ingest;
use crate::state::AppState;
use crate::store;
use atrium_api::{IngestAuthor, IngestMessage};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::task::JoinHandle;

pub const AGENCY: &str = "Northwind Agency";
pub const ORGS: [&str; 2] = ["Acme Dental", "Globex Realty"];

/// One visitor's exchange: their name, then turns of (visitor, bot) words; `true` on a
/// visitor turn presses "talk to a person".
struct Script {
    contact: &'static str,
    turns: &'static [(&'static str, &'static str, bool)],
}

const SCRIPTS: &[Script] = &[
    Script {
        contact: "Sam Rivera",
        turns: &[
            ("Hi, what are your opening hours?", "We are open 8am to 6pm, Monday to Friday.", false),
            ("Great, thanks!", "You're welcome. Anything else?", false),
        ],
    },
    Script {
        contact: "Priya Shah",
        turns: &[
            ("Can I book an appointment for next week?", "Sure: which day suits you best?", false),
            ("Actually, can I talk to a real person?", "Of course, I'm connecting you with the team.", true),
        ],
    },
    Script {
        contact: "Lukas Becker",
        turns: &[("Do you have parking nearby?", "Yes, there is free parking behind the building.", false)],
    },
    Script {
        contact: "Amira Haddad",
        turns: &[
            ("I have a question about my bill", "I can help with billing questions. What is it about?", false),
            ("I'd rather speak with someone, please", "Sure, a team member will be with you shortly.", true),
        ],
    },
];

/// How many ticks have run: picks the script and names the conversation.
static TICKS: AtomicU64 = AtomicU64::new(0);

/// One round: in each demo org, a scripted visitor starts a conversation (or, every other
/// round, continues the previous one) with the org's first agent. Answers how many
/// messages were sent: none when the demo agency or its orgs are missing.
pub async fn tick(state: &AppState) -> AppResult<usize> {
    let Some(agency_id) = store::integration::agency_id_by_name(&state.db, AGENCY).await? else {
        return Ok(0);
    };
    let n = TICKS.fetch_add(1, Ordering::Relaxed);
    let script = &SCRIPTS[(n as usize) % SCRIPTS.len()];
    let mut sent = 0;
    for name in ORGS {
        let Some(org_id) = store::integration::org_id_by_name(&state.db, agency_id, name).await? else {
            continue;
        };
        let Some(org) = store::orgs::get_org(&state.db, agency_id, org_id).await?.filter(|o| !o.archived) else {
            continue;
        };
        let Some(&agent_id) = org.agent_ids.first() else {
            continue;
        };
        let external_id = format!("sim-{org_id}-{n}");
        for (visitor, bot, handoff) in script.turns {
            let mut message = IngestMessage {
                org_id,
                agent_id,
                external_id: external_id.clone(),
                author: IngestAuthor::Visitor,
                text: (*visitor).to_string(),
                contact_name: script.contact.to_string(),
                fallback: false,
                handoff_requested: *handoff,
            };
            let reply = ingest(state, agency_id, &message).await?;
            sent += 1;
            if reply.status != atrium_api::ConversationStatus::Bot {
                // A person has it now: the bot stays quiet.
                break;
            }
            message.author = IngestAuthor::Bot;
            message.text = (*bot).to_string();
            message.handoff_requested = false;
            ingest(state, agency_id, &message).await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// Runs [`tick`] every `every` until the task is aborted (on shutdown).
pub fn spawn(state: AppState, every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every.max(Duration::from_secs(1)));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            match tick(&state).await {
                Ok(sent) => tracing::debug!(sent, "demo simulator tick"),
                Err(e) => tracing::warn!(error = ?e, "demo simulator tick failed"),
            }
        }
    })
}
