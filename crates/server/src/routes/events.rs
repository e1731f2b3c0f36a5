//! `GET /api/v1/orgs/{org}/events`: the org's live events as server-sent events, for
//! whoever may read its conversations. Each event is `event: <kind>`, `id: <n>` and
//! `data: <OrgEvent JSON>`; a comment every 15 s keeps proxies from closing the stream.
//! A client user gets only the events of conversations they can see.

use crate::access::AuthUser;
use crate::error::AppResult;
use crate::events::{Published, CONVERSATION_UPDATED};
use crate::extract::ApiPath;
use crate::routes::conversations::{scope, READ};
use crate::state::AppState;
use atrium_api::{ErrorBody, OrgEvent};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use futures_util::Stream;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

const KEEP_ALIVE: Duration = Duration::from_secs(15);

pub fn router() -> Router<AppState> {
    Router::new().route("/orgs/{org}/events", get(org_events))
}

/// The stream of the org's `message.created`, `conversation.updated`,
/// `handoff.requested` and `settings.updated` events, from now on.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/events", tag = "conversations", params(("org" = i64, Path)),
    responses((status = 200, description = "Server-sent events, each one's data an OrgEvent",
               content_type = "text/event-stream", body = OrgEvent),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn org_events(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<Sse<impl Stream<Item = Result<Event, axum::Error>>>> {
    let access = user.org(&state, org_id, READ).await?;
    let visible = scope(&state, &access).await?.agent_ids;
    // Subscribed before answering: nothing published after the answer's head is missed.
    let receiver = state.events.subscribe(access.org.id);
    state.events.ready().await;
    let stream = futures_util::stream::unfold((receiver, visible), move |(mut receiver, visible)| async move {
        loop {
            let published = match receiver.recv().await {
                Ok(published) => published,
                // Too slow a reader missed some events: tell it to reload what it shows.
                Err(RecvError::Lagged(_)) => Arc::new(Published {
                    seq: 0,
                    event: OrgEvent { kind: CONVERSATION_UPDATED.into(), org_id, conversation_id: None },
                    agent_id: None,
                }),
                Err(RecvError::Closed) => return None,
            };
            let hidden = matches!((&visible, published.agent_id), (Some(agents), Some(a)) if !agents.contains(&a));
            if !hidden {
                return Some((sse_event(&published), (receiver, visible)));
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)))
}

fn sse_event(p: &Published) -> Result<Event, axum::Error> {
    let event = Event::default().event(&p.event.kind).json_data(&p.event)?;
    Ok(if p.seq > 0 { event.id(p.seq.to_string()) } else { event })
}
