//! The agency's AI agents.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agent {
    pub id: i64,
    pub name: String,
    pub kind: AgentKind,
    pub description: String,
    pub status: AgentStatus,
}

crate::wire_enum! {
    pub enum AgentKind {
        Chat = "chat",
        Voice = "voice",
    }
}

crate::wire_enum! {
    pub enum AgentStatus {
        Active = "active",
        Paused = "paused",
    }
}

pub const AGENT_NAME_MAX: usize = 120;
pub const AGENT_DESCRIPTION_MAX: usize = 2000;

/// `POST /api/v1/agents` and `PUT /api/v1/agents/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AgentInput {
    pub name: String,
    pub kind: AgentKind,
    #[serde(default)]
    pub description: String,
    /// `active` when absent; `paused` stops the agent without unassigning it.
    #[serde(default = "active")]
    pub status: AgentStatus,
}

fn active() -> AgentStatus {
    AgentStatus::Active
}

impl AgentInput {
    pub fn validate(&self) -> Result<(), crate::FieldErrors> {
        use crate::validate::{max_chars, visible_name};
        let mut errors = crate::FieldErrors::default();
        errors.check("name", visible_name(&self.name, AGENT_NAME_MAX));
        errors.check("description", max_chars(&self.description, AGENT_DESCRIPTION_MAX));
        errors.into_result()
    }
}

/// `GET /api/v1/agents`: a page of the agency's agents, optionally by kind and status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AgentListQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// Part of the name, any case.
    pub q: Option<String>,
    pub kind: Option<AgentKind>,
    pub status: Option<AgentStatus>,
}

impl AgentListQuery {
    pub fn list(&self) -> crate::ListQuery {
        crate::ListQuery { page: self.page, per_page: self.per_page, q: self.q.clone(), sort: None }
    }
}
