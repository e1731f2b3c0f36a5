//! Conversations between visitors, AI agents and client teams, and the human handoff.

use crate::validate::{self, FieldErrors};
use serde::{Deserialize, Serialize};

pub const MESSAGE_MAX: usize = 4000;
pub const CONTACT_NAME_MAX: usize = 120;
pub const EXTERNAL_ID_MAX: usize = 200;

crate::wire_enum! {
    /// `bot` → `waiting` (handoff requested) → `human` (a user took it) → `bot` or `closed`.
    #[derive(Hash, PartialOrd, Ord)]
    pub enum ConversationStatus {
        Bot = "bot",
        Waiting = "waiting",
        Human = "human",
        Closed = "closed",
    }
}

/// The state changes a client user can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// "Handle chat": a waiting (or bot) conversation is taken by a person.
    TakeOver,
    /// "Pass to AI": back to the bot.
    PassToAi,
    Close,
}

impl Transition {
    /// The state after this transition, or `None` when it is not allowed from `from`.
    pub fn apply(self, from: ConversationStatus) -> Option<ConversationStatus> {
        use ConversationStatus::*;
        match (self, from) {
            (Transition::TakeOver, Bot | Waiting) => Some(Human),
            (Transition::PassToAi, Human | Waiting) => Some(Bot),
            (Transition::Close, Bot | Waiting | Human) => Some(Closed),
            _ => None,
        }
    }

    /// Its endpoint (see [`paths`](crate::paths)).
    pub fn path(self) -> &'static str {
        match self {
            Transition::TakeOver => crate::paths::TAKE_OVER,
            Transition::PassToAi => crate::paths::PASS_TO_AI,
            Transition::Close => crate::paths::CLOSE,
        }
    }
}

crate::wire_enum! {
    pub enum MessageAuthor {
        Visitor = "visitor",
        Bot = "bot",
        Human = "human",
        System = "system",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: i64,
    pub author: MessageAuthor,
    pub text: String,
    pub created_at: String,
}

/// What a transcript's system messages say. The stored text is English, as API clients
/// read it; the dashboard shows each in its user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemNote {
    HandoffRequested,
    Joined,
    PassedBack,
    Closed,
}

impl SystemNote {
    pub const ALL: [SystemNote; 4] =
        [SystemNote::HandoffRequested, SystemNote::Joined, SystemNote::PassedBack, SystemNote::Closed];

    pub fn text(self) -> &'static str {
        match self {
            SystemNote::HandoffRequested => "Handoff requested.",
            SystemNote::Joined => "A team member joined.",
            SystemNote::PassedBack => "Passed back to the assistant.",
            SystemNote::Closed => "Conversation closed.",
        }
    }

    /// The note a system message's text is, if it is one.
    pub fn of_text(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.text() == text)
    }
}

/// One conversation with its transcript. System messages ("A team member joined") are
/// left out where the org's `show_handoff_messages` (or `handoff_enabled`) is off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conversation {
    pub id: i64,
    pub status: ConversationStatus,
    pub agent_id: i64,
    pub assignee_id: Option<i64>,
    /// Who handles it, by name, for the conversation's header ("Handled by Andy Agent").
    #[serde(default)]
    pub assignee_name: Option<String>,
    pub team_id: Option<i64>,
    pub contact_name: String,
    pub messages: Vec<Message>,
    pub created_at: String,
    pub updated_at: String,
}

/// A row of the inbox: the conversation without its transcript, with its last message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationSummary {
    pub id: i64,
    pub status: ConversationStatus,
    pub agent_id: i64,
    pub assignee_id: Option<i64>,
    pub team_id: Option<i64>,
    pub contact_name: String,
    pub last_message: Option<Message>,
    pub updated_at: String,
    /// New messages since this user last opened it.
    #[serde(default)]
    pub unread: bool,
}

/// `GET /api/v1/orgs/{org}/conversations`: newest activity first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ConversationListQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// Part of the contact's name or of any message, any case.
    pub q: Option<String>,
    pub status: Option<ConversationStatus>,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub agent_id: Option<i64>,
    /// Only conversations with activity at or after this RFC 3339 date-time (any offset),
    /// e.g. `2024-05-01T00:00:00Z`. Anything else is a 400.
    #[cfg_attr(feature = "openapi", param(format = DateTime, example = "2024-05-01T00:00:00Z"))]
    pub updated_since: Option<String>,
}

impl ConversationListQuery {
    pub fn list(&self) -> crate::ListQuery {
        crate::ListQuery { page: self.page, per_page: self.per_page, q: self.q.clone(), sort: None }
    }
}

/// `POST .../conversations/{id}/messages`: a client user's reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub text: String,
}

/// `POST .../conversations/{id}/assign`: to a team, a user, or neither.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    #[serde(default)]
    pub team_id: Option<i64>,
    #[serde(default)]
    pub assignee_id: Option<i64>,
}

crate::wire_enum! {
    /// Who wrote an ingested message.
    pub enum IngestAuthor {
        Visitor = "visitor",
        Bot = "bot",
    }
}

/// `POST /api/v1/ingest/messages` from the agent runtime (Bearer agency API key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IngestMessage {
    pub org_id: i64,
    pub agent_id: i64,
    /// The runtime's own id for the conversation: the same id continues it.
    pub external_id: String,
    pub author: IngestAuthor,
    pub text: String,
    #[serde(default)]
    pub contact_name: String,
    /// The bot could not answer (a fallback reply): twice in a row escalates under smart handoff.
    #[serde(default)]
    pub fallback: bool,
    /// The visitor pressed "talk to a person" (or the runtime decided so).
    #[serde(default)]
    pub handoff_requested: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IngestResult {
    pub conversation_id: i64,
    pub status: ConversationStatus,
}

/// A saved reply; `{{contact.name}}` and friends are filled in when inserted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CannedResponse {
    pub id: i64,
    pub shortcode: String,
    pub title: String,
    pub body: String,
}

/// `POST .../canned-responses`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCannedResponse {
    pub shortcode: String,
    pub title: String,
    pub body: String,
}

/// `PATCH .../canned-responses/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CannedResponsePatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// Live events of one org (`GET /api/v1/orgs/{org}/events`, server-sent events; the
/// event name is `kind`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgEvent {
    /// `conversation.updated`, `message.created`, `handoff.requested`, `settings.updated`.
    pub kind: String,
    pub org_id: i64,
    pub conversation_id: Option<i64>,
}

/// One day of `GET /api/v1/orgs/{org}/analytics`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayStats {
    /// `YYYY-MM-DD` (UTC).
    pub date: String,
    pub conversations: i64,
    pub handoffs_requested: i64,
    pub handoffs_accepted: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Analytics {
    pub days: Vec<DayStats>,
    /// Median seconds from a handoff request to the first human reply; `None` without data.
    pub median_first_response_seconds: Option<i64>,
}

/// `?days=30` (1 to 365).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AnalyticsQuery {
    pub days: Option<u32>,
    pub agent_id: Option<i64>,
    pub team_id: Option<i64>,
}

/// Message-like text: present, at most `max` characters, and no NUL (which PostgreSQL
/// cannot store and nobody types). Line breaks and tabs are text.
fn text(value: &str, max: usize) -> Result<(), validate::FieldError> {
    validate::required(value).and_then(|()| validate::max_chars(value, max))?;
    if value.contains('\0') {
        return Err(validate::FieldError::InvalidCharacters);
    }
    Ok(())
}

impl Reply {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("text", text(&self.text, MESSAGE_MAX));
        errors.into_result()
    }
}

impl IngestMessage {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("text", text(&self.text, MESSAGE_MAX));
        errors.check("external_id", text(&self.external_id, EXTERNAL_ID_MAX));
        errors.check(
            "contact_name",
            validate::max_chars(&self.contact_name, CONTACT_NAME_MAX)
                .and_then(|()| validate::visible_text(&self.contact_name)),
        );
        errors.into_result()
    }
}

impl NewCannedResponse {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("shortcode", crate::people::team_key(&self.shortcode));
        errors.check("title", text(&self.title, 120));
        errors.check("body", text(&self.body, MESSAGE_MAX));
        errors.into_result()
    }
}

impl CannedResponsePatch {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if let Some(s) = &self.shortcode {
            errors.check("shortcode", crate::people::team_key(s));
        }
        if let Some(t) = &self.title {
            errors.check("title", text(t, 120));
        }
        if let Some(b) = &self.body {
            errors.check("body", text(b, MESSAGE_MAX));
        }
        errors.into_result()
    }
}

/// Fills `{{contact.name}}`-style variables; unknown ones are left as written.
pub fn fill_variables(body: &str, contact_name: &str, agent_name: &str, user_name: &str) -> String {
    body.replace("{{contact.name}}", contact_name)
        .replace("{{ contact.name }}", contact_name)
        .replace("{{agent.name}}", agent_name)
        .replace("{{ agent.name }}", agent_name)
        .replace("{{user.name}}", user_name)
        .replace("{{ user.name }}", user_name)
}

#[cfg(test)]
mod tests {

    #[test]
    fn system_notes_are_known_by_their_stored_text() {
        for note in SystemNote::ALL {
            assert_eq!(SystemNote::of_text(note.text()), Some(note));
        }
        assert_eq!(SystemNote::of_text("Handoff requested"), None);
        assert_eq!(SystemNote::of_text("Can I talk to a person?"), None);
    }

    use super::*;
    use ConversationStatus::*;

    #[test]
    fn transitions_follow_the_handoff_states() {
        assert_eq!(Transition::TakeOver.apply(Waiting), Some(Human));
        assert_eq!(Transition::TakeOver.apply(Bot), Some(Human));
        assert_eq!(Transition::TakeOver.apply(Human), None);
        assert_eq!(Transition::TakeOver.apply(Closed), None);
        assert_eq!(Transition::PassToAi.apply(Human), Some(Bot));
        assert_eq!(Transition::PassToAi.apply(Bot), None);
        assert_eq!(Transition::Close.apply(Human), Some(Closed));
        assert_eq!(Transition::Close.apply(Closed), None);
    }

    #[test]
    fn variables_are_filled_and_unknown_ones_kept() {
        let body = "Hi {{contact.name}}, I'm {{ user.name }} from {{agent.name}}. {{order.id}}";
        assert_eq!(
            fill_variables(body, "Tom", "Support Bot", "Andy"),
            "Hi Tom, I'm Andy from Support Bot. {{order.id}}"
        );
    }

    #[test]
    fn replies_and_ingest_are_bounded() {
        assert!(Reply { text: " ".into() }.validate().is_err());
        assert!(Reply { text: "x".repeat(MESSAGE_MAX + 1) }.validate().is_err());
        assert!(Reply { text: "ok".into() }.validate().is_ok());
        let json = r#"{"org_id":1,"agent_id":1,"external_id":"x","author":"visitor","text":"hi","contact_name":"A"}"#;
        let m: IngestMessage = serde_json::from_str(json).unwrap();
        assert!(m.validate().is_ok());
        assert!(serde_json::from_str::<IngestMessage>(&json.replace("visitor", "human")).is_err());
    }
}
