//! `POST /api/v1/ingest/messages`: the agent runtime reports a visitor's or the bot's
//! message. Authenticated by an agency API key (`Authorization: Bearer <key>`), not by a
//! session, so it is exempt from CSRF (a browser never sends that header by itself).
//! Decides the smart handoff (see `smart_handoff.rs`) and tells the org's live listeners.

use crate::error::{AppError, AppResult};
use crate::events::{CONVERSATION_UPDATED, HANDOFF_REQUESTED, MESSAGE_CREATED};
use crate::extract::ApiJson;
use crate::password::token_hash;
use crate::smart_handoff;
use crate::state::AppState;
use crate::store::{self, ingest::Decide, ingest::Escalation, ingest::IngestContext, ingest::IngestRow};
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{ConversationStatus, HandoffRule, IngestAuthor, IngestMessage, IngestResult, OrgSettings};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::Json;
use std::sync::Arc;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(ingest_message))
}

/// The agency whose API key the request carries. Extracted before the body, so a caller
/// without a valid key learns nothing from validation errors.
pub struct ApiKeyAgency(pub i64);

impl FromRequestParts<AppState> for ApiKeyAgency {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let key = crate::session::bearer_token(&parts.headers).ok_or(AppError::Unauthenticated)?;
        let hash = token_hash(&key);
        let agency = store::ingest::agency_for_api_key(&state.db, &hash).await?.ok_or(AppError::Unauthenticated)?;
        state.ingest_limiter.take(&hash).map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
        Ok(ApiKeyAgency(agency))
    }
}

/// Appends a message to the conversation the runtime calls `external_id`, starting it
/// (as `bot`) or reopening it (a closed one the visitor writes to) as needed, and
/// escalates it to `waiting` on a handoff request. The org must be one of the key's
/// agency (not archived) and the agent assigned to it: otherwise 422, the same for an org
/// that does not exist and one of another agency.
#[utoipa::path(post, path = paths::INGEST_MESSAGES, tag = "conversations", request_body = IngestMessage,
    security(("agency_api_key" = [])),
    responses((status = 200, body = IngestResult), (status = 400), (status = 401),
              (status = 413), (status = 422),
              (status = 429, description = "This key sent more than its rate",
               headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn ingest_message(
    State(state): State<AppState>,
    ApiKeyAgency(agency_id): ApiKeyAgency,
    ApiJson(body): ApiJson<IngestMessage>,
) -> AppResult<Json<IngestResult>> {
    Ok(Json(ingest(&state, agency_id, &body).await?))
}

/// What `POST /api/v1/ingest/messages` does once the key named the agency: also how the
/// demo simulator reports its scripted conversations, in-process.
pub async fn ingest(state: &AppState, agency_id: i64, body: &IngestMessage) -> AppResult<IngestResult> {
    body.validate()?;
    let org = store::orgs::get_org(&state.db, agency_id, body.org_id)
        .await?
        .filter(|o| !o.archived)
        .ok_or_else(|| AppError::field("org_id", FieldError::Unknown))?;
    if !org.agent_ids.contains(&body.agent_id) {
        return Err(AppError::field("agent_id", FieldError::Unknown));
    }
    // Read only where the escalation rules can look at them (see `escalation`): each
    // read is a round trip on every message.
    let settings = &org.settings;
    let teams = if settings.handoff_enabled { store::ingest::team_names(&state.db, org.id).await? } else { Vec::new() };
    let rules = if keyword_rules_apply(settings, body) {
        store::integration::list_handoff_rules(&state.db, org.id).await?
    } else {
        Vec::new()
    };
    let row = IngestRow {
        org_id: org.id,
        agent_id: body.agent_id,
        external_id: body.external_id.trim().to_string(),
        author: body.author,
        text: body.text.trim().to_string(),
        contact_name: body.contact_name.trim().to_string(),
        fallback: body.fallback,
    };
    let (settings, message) = (org.settings.clone(), body.clone());
    let decide: Decide = Arc::new(move |ctx| escalation(&settings, &message, ctx, &teams, &rules));
    let ingested = state.ingest.ingest(row, decide).await?;

    let conversation = Some((ingested.conversation_id, ingested.agent_id));
    state.events.publish(org.id, MESSAGE_CREATED, conversation);
    if ingested.escalated {
        state.events.publish(org.id, HANDOFF_REQUESTED, conversation);
    }
    state.events.publish(org.id, CONVERSATION_UPDATED, conversation);
    Ok(IngestResult { conversation_id: ingested.conversation_id, status: ingested.status })
}

/// Whether this message hands a `bot` conversation to a person, and to which team. Only
/// where handoff is on: then on an explicit request (the visitor's button or the
/// runtime's decision), and, where smart handoff is also on, when the visitor asks for a
/// person in words or the bot failed to answer twice in a row. The team is the one the
/// visitor's latest words name, if any; else the request goes to the whole org. Where
/// smart handoff is on, a visitor message containing a keyword rule's keyword escalates
/// too, routed to the rule's team (or to the org when the rule has none).
fn escalation(
    settings: &OrgSettings,
    message: &IngestMessage,
    ctx: &IngestContext,
    teams: &[(i64, String, String)],
    rules: &[HandoffRule],
) -> Option<Escalation> {
    if !settings.handoff_enabled || ctx.status != ConversationStatus::Bot {
        return None;
    }
    let smart = settings.smart_handoff_enabled;
    if keyword_rules_apply(settings, message) {
        if let Some(rule) = smart_handoff::matching_rule(&message.text, rules) {
            return Some(Escalation { team_id: rule.team_id });
        }
    }
    // Judged only when it can matter: the matcher reads the whole text in ten languages.
    let asked_in_words =
        || message.author == IngestAuthor::Visitor && smart_handoff::asks_for_person(&message.text).is_some();
    if !(message.handoff_requested || (smart && (ctx.fallback_streak || asked_in_words()))) {
        return None;
    }
    let team_id = ctx.last_visitor_text.as_deref().and_then(|text| smart_handoff::route_team(text, teams));
    Some(Escalation { team_id })
}

/// Whether the org's keyword rules can escalate this message: a visitor's, where handoff
/// and smart handoff are both on. (Where not, they are not even read.)
fn keyword_rules_apply(settings: &OrgSettings, message: &IngestMessage) -> bool {
    settings.handoff_enabled && settings.smart_handoff_enabled && message.author == IngestAuthor::Visitor
}
