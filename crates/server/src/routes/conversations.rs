//! Reading an org's conversations: the inbox (`/api/v1/orgs/{org}/conversations`) and one
//! transcript (`.../{id}`). For agency staff and the org's users holding the
//! `conversations` permission; a client user sees only the conversations of the agents
//! visible to them, the others being 404.

use crate::access::{AuthUser, OrgAccess, OrgRule};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::{self, conversations::ConversationScope};
use atrium_api::paths;
use atrium_api::{
    Conversation, ConversationListQuery, ConversationSummary, ListResponse, Organization, Permission, UserKind,
};
use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Who may read and handle conversations (and follow them live).
pub const READ: OrgRule = OrgRule::StaffOrPermission(Permission::Conversations);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_conversations)).routes(routes!(get_conversation))
}

/// The conversations the caller may see: all of the org's for staff, those of their
/// visible agents for a client user.
pub async fn scope(state: &AppState, access: &OrgAccess) -> AppResult<ConversationScope> {
    let agent_ids = match access.actor.role.kind() {
        UserKind::Staff => None,
        UserKind::Client => Some(
            store::agents::agents_for_client(&state.db, access.org.id, access.actor.id)
                .await?
                .into_iter()
                .map(|a| a.id)
                .collect(),
        ),
    };
    Ok(ConversationScope { org_id: access.org.id, agent_ids })
}

/// Whether transcripts show system messages ("A team member joined."): only where the org
/// has handoff and shows its messages.
pub fn shows_system_messages(org: &Organization) -> bool {
    org.settings.handoff_enabled && org.settings.show_handoff_messages
}

/// The inbox, newest activity first, filtered by status, team, assignee, agent, `q` (the
/// contact's name or any message's text) and `updated_since`.
#[utoipa::path(get, path = paths::CONVERSATIONS, tag = "conversations",
    params(("org" = i64, Path), ConversationListQuery),
    responses((status = 200, body = ListResponse<ConversationSummary>), (status = 400),
              (status = 401), (status = 403), (status = 404)))]
pub async fn list_conversations(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiQuery(mut query): ApiQuery<ConversationListQuery>,
) -> AppResult<Json<ListResponse<ConversationSummary>>> {
    // A malformed date is a malformed query, answered like `status=lost`.
    if let Some(since) = &query.updated_since {
        let stored = store::timestamp(since).ok_or_else(|| {
            AppError::BadRequest("updated_since: expected an RFC 3339 date-time, e.g. 2024-05-01T00:00:00Z".into())
        })?;
        query.updated_since = Some(stored);
    }
    let access = user.org(&state, org_id, READ).await?;
    let scope = scope(&state, &access).await?;
    let with_system = shows_system_messages(&access.org);
    let (items, total) =
        store::conversations::list_conversations(&state.db, &scope, access.actor.id, &query, with_system).await?;
    Ok(Json(ListResponse::counted(items, total)))
}

/// One conversation with its transcript, oldest message first. System messages appear
/// only where the org has handoff on and shows handoff messages. Opening it marks it read
/// for the caller up to its newest message shown.
#[utoipa::path(get, path = paths::CONVERSATION, tag = "conversations",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Conversation), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn get_conversation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
) -> AppResult<Json<Conversation>> {
    let access = user.org(&state, org_id, READ).await?;
    let scope = scope(&state, &access).await?;
    let conversation =
        store::conversations::get_conversation(&state.db, &scope, id, shows_system_messages(&access.org))
            .await?
            .ok_or(AppError::NotFound)?;
    if let Some(last) = conversation.messages.iter().map(|m| m.id).max() {
        store::conversations::record_read(&state.db, access.actor.id, conversation.id, last).await?;
    }
    Ok(Json(conversation))
}
