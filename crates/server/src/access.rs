//! Who may do what: the role rules each route states in one line.
//!
//! Missing and foreign things answer 404 so that nobody learns another tenant's ids; a
//! thing the caller can see but not change answers 403.

use crate::error::{AppError, AppResult};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::store;
use atrium_api::Organization;

impl AuthUser {
    /// Changing agency resources: its owner and admins. Members and client users get 403.
    pub fn require_agency_admin(&self) -> AppResult<()> {
        if self.is_staff() && self.role.manages_agency() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Org `org_id` for any staff of its agency. Its own client users get 403 (they know
    /// it exists); anyone else gets 404.
    pub async fn org_for_staff(&self, state: &AppState, org_id: i64) -> AppResult<Organization> {
        let org = store::get_org(&state.db, self.agency_id, org_id).await?.ok_or(AppError::NotFound)?;
        if self.is_staff() {
            Ok(org)
        } else if self.org_id == Some(org.id) {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Org `org_id` for its agency's owner and admins: 403 for members and its own client
    /// users, 404 for anyone else (checked first, so a 403 never confirms a foreign id).
    pub async fn org_for_admin(&self, state: &AppState, org_id: i64) -> AppResult<Organization> {
        let org = self.org_for_staff(state, org_id).await?;
        self.require_agency_admin()?;
        Ok(org)
    }
}
