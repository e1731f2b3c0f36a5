//! How the agency's agent runtime connects: API keys for ingest, and the keyword rules
//! that escalate a conversation to a human team.

use crate::validate::{self, FieldErrors};
use serde::{Deserialize, Serialize};

pub const KEYWORD_MAX: usize = 80;

/// An agency API key as listed: only its prefix is ever shown again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKey {
    pub id: i64,
    /// The first characters of the key, to tell keys apart.
    pub prefix: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// `POST /api/v1/api-keys` answers the new key once, in full; only its hash is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    pub key: ApiKey,
    pub secret: String,
}

/// A keyword rule of an org: a visitor message containing `keyword` escalates (where
/// smart handoff is on) and routes to `team_id`, or to the org when none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandoffRule {
    pub id: i64,
    pub keyword: String,
    pub team_id: Option<i64>,
}

/// `POST /api/v1/orgs/{org}/handoff-rules`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewHandoffRule {
    pub keyword: String,
    #[serde(default)]
    pub team_id: Option<i64>,
}

impl NewHandoffRule {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check(
            "keyword",
            validate::required(&self.keyword).and_then(|()| validate::max_chars(self.keyword.trim(), KEYWORD_MAX)),
        );
        errors.into_result()
    }
}
