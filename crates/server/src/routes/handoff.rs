//! The human handoff: `POST /api/v1/orgs/{org}/conversations/{id}/take-over`,
//! `.../pass-to-ai`, `.../assign`, `.../messages` (a reply) and `.../close`. The server
//! enforces the states (`Transition::apply`): an action the current state does not allow
//! answers 409 and changes nothing. All but closing need the org's handoff to be on.
//! Each answers the conversation as it now is and tells the org's live listeners.

use crate::access::{AuthUser, OrgAccess};
use crate::error::{AppError, AppResult};
use crate::events::{CONVERSATION_UPDATED, MESSAGE_CREATED};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::conversations::{scope, shows_system_messages, READ};
use crate::state::AppState;
use crate::store::{self, handoff::Action, handoff::ActionOutcome};
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{Assignment, Conversation, ConversationStatus, Reply, Transition};
use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(take_over))
        .routes(routes!(pass_to_ai))
        .routes(routes!(close))
        .routes(routes!(assign))
        .routes(routes!(reply))
}

/// "Handle chat": the caller takes a waiting (or bot) conversation; it becomes `human`,
/// assigned to them, with the system message "A team member joined.".
#[utoipa::path(post, path = paths::TAKE_OVER, tag = "conversations",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Conversation), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409)))]
pub async fn take_over(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
) -> AppResult<Json<Conversation>> {
    act(&state, &user, org_id, id, Action::Transition(Transition::TakeOver)).await
}

/// "Pass to AI": a `human` (or waiting) conversation goes back to the assistant, with no
/// assignee and the system message "Passed back to the assistant.".
#[utoipa::path(post, path = paths::PASS_TO_AI, tag = "conversations",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Conversation), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409)))]
pub async fn pass_to_ai(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
) -> AppResult<Json<Conversation>> {
    act(&state, &user, org_id, id, Action::Transition(Transition::PassToAi)).await
}

/// Closes an open conversation ("Conversation closed."). Allowed with handoff off too: an
/// org without handoff still tidies its inbox.
#[utoipa::path(post, path = paths::CLOSE, tag = "conversations",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Conversation), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409)))]
pub async fn close(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
) -> AppResult<Json<Conversation>> {
    act(&state, &user, org_id, id, Action::Transition(Transition::Close)).await
}

/// Routes an open conversation to a team of the org and/or a user of the org (`null`
/// clears either); its state does not change.
#[utoipa::path(post, path = paths::CONVERSATION_ASSIGN, tag = "conversations",
    params(("org" = i64, Path), ("id" = i64, Path)), request_body = Assignment,
    responses((status = 200, body = Conversation), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409),
              (status = 422)))]
pub async fn assign(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<Assignment>,
) -> AppResult<Json<Conversation>> {
    act(&state, &user, org_id, id, Action::Assign { team_id: body.team_id, assignee_id: body.assignee_id }).await
}

/// A team member's reply to the visitor; only in a conversation a person has taken over.
#[utoipa::path(post, path = paths::CONVERSATION_MESSAGES, tag = "conversations",
    params(("org" = i64, Path), ("id" = i64, Path)), request_body = Reply,
    responses((status = 200, body = Conversation), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409),
              (status = 422)))]
pub async fn reply(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<Reply>,
) -> AppResult<Json<Conversation>> {
    let access = user.org(&state, org_id, READ).await?;
    ready(&state, &access, id, true).await?;
    body.validate()?;
    run(&state, &access, id, Action::Reply(body.text.trim())).await
}

async fn act(
    state: &AppState,
    user: &AuthUser,
    org_id: i64,
    id: i64,
    action: Action<'_>,
) -> AppResult<Json<Conversation>> {
    let access = user.org(state, org_id, READ).await?;
    let needs_handoff = !matches!(action, Action::Transition(Transition::Close));
    ready(state, &access, id, needs_handoff).await?;
    run(state, &access, id, action).await
}

/// The conversation must be one the caller sees (404), and handoff on where the action
/// needs it (409): checked before the body, so a missing id is 404 whatever was sent.
async fn ready(state: &AppState, access: &OrgAccess, id: i64, needs_handoff: bool) -> AppResult<()> {
    let scope = scope(state, access).await?;
    store::conversations::get_conversation(&state.db, &scope, id, false).await?.ok_or(AppError::NotFound)?;
    if needs_handoff && !access.org.settings.handoff_enabled {
        return Err(AppError::Conflict("Human handoff is turned off for this organization.".into()));
    }
    Ok(())
}

async fn run(state: &AppState, access: &OrgAccess, id: i64, action: Action<'_>) -> AppResult<Json<Conversation>> {
    let scope = scope(state, access).await?;
    let org_id = access.org.id;
    match store::handoff::act_on_conversation(&state.db, &scope, id, access.actor.id, &action).await? {
        ActionOutcome::Done { agent_id, message_id } => {
            if message_id.is_some() {
                state.events.publish(org_id, MESSAGE_CREATED, Some((id, agent_id)));
            }
            state.events.publish(org_id, CONVERSATION_UPDATED, Some((id, agent_id)));
        }
        ActionOutcome::NotFound => return Err(AppError::NotFound),
        ActionOutcome::Illegal(status) => return Err(AppError::Conflict(illegal(&action, status))),
        ActionOutcome::UnknownTeam => return Err(AppError::field("team_id", FieldError::Unknown)),
        ActionOutcome::UnknownAssignee => return Err(AppError::field("assignee_id", FieldError::Unknown)),
    }
    let conversation =
        store::conversations::get_conversation(&state.db, &scope, id, shows_system_messages(&access.org)).await?;
    Ok(Json(conversation.ok_or(AppError::NotFound)?))
}

/// Why `action` cannot happen in `status`, in words a dashboard can show as they are.
fn illegal(action: &Action<'_>, status: ConversationStatus) -> String {
    let state = match status {
        ConversationStatus::Bot => "with the assistant",
        ConversationStatus::Waiting => "waiting for a person",
        ConversationStatus::Human => "already with a team member",
        ConversationStatus::Closed => "closed",
    };
    let what = match action {
        Action::Transition(Transition::TakeOver) => "taken over",
        Action::Transition(Transition::PassToAi) => "passed to the assistant",
        Action::Transition(Transition::Close) => "closed",
        Action::Assign { .. } => "assigned",
        Action::Reply(_) => "answered until a team member takes it over",
    };
    format!("This conversation is {state}: it cannot be {what}.")
}
