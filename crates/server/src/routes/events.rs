//! `GET /api/v1/orgs/{org}/events`: the org's live events as server-sent events, for
//! whoever may read its conversations. Each event is `event: <kind>`, `id: <n>` and
//! `data: <OrgEvent JSON>`; a comment every 15 s keeps proxies from closing the stream.
//! A client user gets only the events of conversations they can see.
//!
//! Access is not a fact of the moment the stream opened: the session, the org rule and
//! the user's agents are checked again every few seconds and before any event that
//! follows a quiet second, so a stream ends within seconds of a sign-out, a disabling, a
//! lost permission or an archived org, and a narrowed agent subset applies at once.

use crate::access::AuthUser;
use crate::error::{AppError, AppResult};
use crate::events::{Published, StreamSlot, CONVERSATION_UPDATED};
use crate::extract::ApiPath;
use crate::password::{random_token, token_hash};
use crate::routes::conversations::{scope, READ};
use crate::session::{check_session, load_session};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::{OrgEvent, StreamTicket, STREAM_TICKET_SECS};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::Json;
use futures_util::Stream;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;
use utoipa_axum::{router::OpenApiRouter, routes};

const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often an idle stream checks that its caller may still follow the org.
const RECHECK: Duration = Duration::from_secs(5);
/// An event arriving longer than this after the last check is checked first.
const FRESH: Duration = Duration::from_secs(1);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(org_events)).routes(routes!(create_ticket))
}

/// A single-use pass for one event stream, good for [`STREAM_TICKET_SECS`]: how a page whose
/// session is a bearer token opens a stream (`EventSource` cannot send the header). The
/// stream then lives by its session exactly as a cookie stream does.
#[utoipa::path(post, path = paths::EVENT_TICKETS, tag = "conversations",
    responses((status = 201, body = StreamTicket), (status = 401), (status = 403)))]
pub async fn create_ticket(
    State(state): State<AppState>,
    user: AuthUser,
) -> AppResult<(StatusCode, Json<StreamTicket>)> {
    let ticket = random_token();
    let expires_at = store::seconds_from_now(STREAM_TICKET_SECS);
    store::sessions::insert_stream_ticket(&state.db, &token_hash(&ticket), user.signed_in().token_hash, &expires_at)
        .await?;
    Ok((StatusCode::CREATED, Json(StreamTicket { ticket })))
}

/// Who opens a stream: the session of a `?ticket=` (used up here), else the request's own.
pub struct StreamCaller(AuthUser);

impl FromRequestParts<AppState> for StreamCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ticket = crate::extract::query_value(&parts.uri, "ticket");
        let Some(ticket) = ticket else {
            return Ok(StreamCaller(AuthUser::from_request_parts(parts, state).await?));
        };
        let (session_hash, expires_at) = store::sessions::take_stream_ticket(&state.db, &token_hash(ticket))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if store::has_passed(&expires_at) {
            return Err(AppError::Unauthenticated);
        }
        let user = load_session(state, &session_hash).await?.ok_or(AppError::Unauthenticated)?;
        Ok(StreamCaller(user))
    }
}

/// The stream of the org's `message.created`, `conversation.updated`,
/// `handoff.requested` and `settings.updated` events, from now on. Event ids count this
/// stream's own events (1, 2, 3…): they say nothing about anyone else's traffic. One user
/// holds at most [`crate::events::STREAMS_PER_USER`] streams per server at once (429).
#[utoipa::path(get, path = paths::ORG_EVENTS, tag = "conversations",
    params(("org" = i64, Path),
           ("ticket" = Option<String>, Query, description = "A stream ticket, for a session carried as a token")),
    responses((status = 200, description = "Server-sent events, each one's data an OrgEvent",
               content_type = "text/event-stream", body = OrgEvent),
              (status = 400), (status = 401), (status = 403),
              (status = 404),
              (status = 429, description = "This user already holds the most streams allowed",
               headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn org_events(
    State(state): State<AppState>,
    StreamCaller(user): StreamCaller,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<Sse<impl Stream<Item = Result<Event, axum::Error>>>> {
    let access = user.org(&state, org_id, READ).await?;
    let visible = scope(&state, &access).await?.agent_ids;
    let slot = state.events.open_stream(access.actor.id).ok_or(AppError::RateLimited { retry_after_secs: 5 })?;
    // Subscribed before answering: nothing published after the answer's head is missed.
    let receiver = state.events.subscribe(access.org.id);
    state.events.ready().await;
    let follow = Follow {
        state,
        token_hash: user.signed_in().token_hash.to_string(),
        org_id,
        receiver,
        visible,
        checked: Instant::now(),
        sent: 0,
        _slot: slot,
    };
    let stream = futures_util::stream::unfold(follow, |mut follow| async move {
        let published = follow.next().await?;
        follow.sent += 1;
        Some((sse_event(&published, follow.sent), follow))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)))
}

/// One open stream: whom it is for, what they may see, and what it has sent.
struct Follow {
    state: AppState,
    token_hash: String,
    org_id: i64,
    receiver: Receiver<Arc<Published>>,
    /// The agents whose conversations the caller sees (`None`: all).
    visible: Option<Vec<i64>>,
    checked: Instant,
    sent: u64,
    _slot: StreamSlot,
}

impl Follow {
    /// The next event the caller may see, or `None` when the stream is over (the caller
    /// lost access, or the hub is gone).
    async fn next(&mut self) -> Option<Arc<Published>> {
        loop {
            let published = tokio::select! {
                received = self.receiver.recv() => match received {
                    Ok(published) => published,
                    // Too slow a reader missed some events: tell it to reload what it shows.
                    Err(RecvError::Lagged(_)) => Arc::new(Published {
                        event: OrgEvent { kind: CONVERSATION_UPDATED.into(), org_id: self.org_id, conversation_id: None },
                        agent_id: None,
                    }),
                    Err(RecvError::Closed) => return None,
                },
                _ = tokio::time::sleep_until(self.checked + RECHECK) => {
                    if !self.recheck().await {
                        return None;
                    }
                    continue;
                }
            };
            if self.checked.elapsed() > FRESH && !self.recheck().await {
                return None;
            }
            let hidden = matches!((&self.visible, published.agent_id), (Some(agents), Some(a)) if !agents.contains(&a));
            if !hidden {
                return Some(published);
            }
        }
    }

    /// Whether the session still lives and may still follow the org; updates the agents
    /// it sees. A failing database ends the stream too: the client reconnects.
    async fn recheck(&mut self) -> bool {
        self.checked = Instant::now();
        let Ok(Some(user)) = check_session(&self.state, &self.token_hash).await else {
            return false;
        };
        let Ok(access) = user.org(&self.state, self.org_id, READ).await else {
            return false;
        };
        match scope(&self.state, &access).await {
            Ok(scope) => {
                self.visible = scope.agent_ids;
                true
            }
            Err(_) => false,
        }
    }
}

fn sse_event(p: &Published, id: u64) -> Result<Event, axum::Error> {
    Ok(Event::default().event(&p.event.kind).json_data(&p.event)?.id(id.to_string()))
}
