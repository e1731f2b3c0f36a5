//! The per-organization activity log: who changed which field, from what to what.

use crate::UserSummary;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityEntry {
    pub id: i64,
    /// `None` when the user who made the change has since been deleted.
    pub actor: Option<UserSummary>,
    /// During "Log in as": the client user the actor (a staff member) was acting as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<UserSummary>,
    /// e.g. `name`, `settings.dashboard_language`, `agents`, `archived`, `created`.
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub created_at: String,
}
