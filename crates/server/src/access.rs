//! Who may do what: every route states its rule here, in one line.
//!
//! [`AuthUser`] keeps who is calling in private fields, so a handler cannot read the
//! caller's agency or org (and so cannot query any tenant's data) without first passing
//! one of the rules below, which hand back what it may use: an [`Actor`], or an org with
//! its actor ([`OrgAccess`]). A new route therefore cannot forget to check; it can only
//! pick the wrong rule, which `tests/server/authz_matrix.rs` catches.
//!
//! Missing and foreign things answer 404 so that nobody learns another tenant's ids; a
//! thing the caller can see but not change answers 403. The tenant check always comes
//! first, so a 403 never confirms that a foreign id exists.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{self, sessions::SessionRow, users::UserRow};
use atrium_api::{Organization, Permission, Role};

/// A signed-in user, as every protected handler receives it (see `session.rs` for the
/// extractor). Read it only through the rules of this module.
#[derive(Clone, Debug)]
pub struct AuthUser {
    id: i64,
    agency_id: i64,
    org_id: Option<i64>,
    role: Role,
    permissions: Vec<Permission>,
    impersonator_id: Option<i64>,
    token_hash: String,
    csrf_token: String,
    user: UserRow,
}

/// Whoever passed a rule: the ids the data layer needs to act for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The user acting; what the activity log records.
    pub id: i64,
    /// The caller's agency: every agency-level query is scoped to it.
    pub agency_id: i64,
    pub role: Role,
    /// During "Log in as": the staff member really at the keyboard.
    pub impersonator_id: Option<i64>,
}

impl Actor {
    /// Who the activity log names for what this actor changes.
    pub fn by(&self) -> store::activity::By {
        store::activity::By { user_id: self.id, impersonator_id: self.impersonator_id }
    }
}

/// An organization the caller passed an [`OrgRule`] for.
#[derive(Clone, Debug)]
pub struct OrgAccess {
    pub org: Organization,
    pub actor: Actor,
}

/// The current session, for the routes about the caller themself (`/me`, stopping an
/// impersonation), which need no tenant rule.
pub struct SignedIn<'a> {
    pub user: &'a UserRow,
    /// The staff member really at the keyboard during "Log in as".
    pub impersonator_id: Option<i64>,
    /// The session's token hash, for ending this very session.
    pub token_hash: &'a str,
    /// The session's CSRF token, which `/me` repeats in a header for pages on other origins.
    pub csrf_token: &'a str,
}

/// Who, among the people inside an org's tenant (its agency's staff and its own users),
/// may use a route. Everyone else gets 404 before any rule is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgRule {
    /// Any staff of the agency and any user of the org: reading the org itself.
    Anyone,
    /// Any staff of the agency: the org's activity log.
    AnyStaff,
    /// The agency's owners and admins: editing the org, "Log in as".
    AgencyAdmin,
    /// Any staff, and the org's own org admins: the list of the org's users.
    StaffOrOrgAdmin,
    /// As [`OrgRule::StaffOrOrgAdmin`], plus the user with this id: one user's record.
    StaffOrOrgAdminOrSelf(i64),
    /// The agency's owners and admins, and the org's own org admins: changing users and
    /// teams (the client dashboard's Team page).
    AgencyAdminOrOrgAdmin,
    /// Any staff, and the org's users holding this permission: reading teams.
    StaffOrPermission(Permission),
    /// Any staff, and the org's users holding any of these permissions: reading canned
    /// responses (those who manage them and those who insert them while replying).
    StaffOrAnyPermission(&'static [Permission]),
    /// The agency's owners and admins, the org's admins, and its users holding this
    /// permission: managing canned responses.
    AdminOrPermission(Permission),
}

impl OrgRule {
    /// Whether `caller`, already known to be inside the org's tenant, passes.
    fn allows(self, caller: &AuthUser) -> bool {
        let staff = caller.is_staff();
        let agency_admin = staff && caller.role.manages_agency();
        let org_admin = !staff && caller.role == Role::OrgAdmin;
        match self {
            OrgRule::Anyone => true,
            OrgRule::AnyStaff => staff,
            OrgRule::AgencyAdmin => agency_admin,
            OrgRule::StaffOrOrgAdmin => staff || org_admin,
            OrgRule::StaffOrOrgAdminOrSelf(user_id) => staff || org_admin || caller.id == user_id,
            OrgRule::AgencyAdminOrOrgAdmin => agency_admin || org_admin,
            OrgRule::StaffOrPermission(p) => staff || caller.permissions.contains(&p),
            OrgRule::StaffOrAnyPermission(ps) => staff || ps.iter().any(|p| caller.permissions.contains(p)),
            OrgRule::AdminOrPermission(p) => agency_admin || (!staff && caller.permissions.contains(&p)),
        }
    }
}

impl AuthUser {
    /// The caller of a live session; only `session::load_session` makes one.
    pub(crate) fn new(session: SessionRow, user: UserRow) -> Self {
        let role = user.role();
        AuthUser {
            id: user.id,
            agency_id: user.agency_id,
            org_id: user.org_id,
            role,
            permissions: Permission::effective(role, &user.stored_permissions()),
            impersonator_id: session.impersonator_id,
            token_hash: session.token_hash,
            csrf_token: session.csrf_token,
            user,
        }
    }

    fn is_staff(&self) -> bool {
        self.org_id.is_none()
    }

    fn actor(&self) -> Actor {
        Actor { id: self.id, agency_id: self.agency_id, role: self.role, impersonator_id: self.impersonator_id }
    }

    /// Any signed-in user, about themself only.
    pub fn signed_in(&self) -> SignedIn<'_> {
        SignedIn {
            user: &self.user,
            impersonator_id: self.impersonator_id,
            token_hash: &self.token_hash,
            csrf_token: &self.csrf_token,
        }
    }

    /// Agency-level reading: any staff. Client users get 403 in their own tenant (an
    /// agency-level path names no foreign tenant, so there is nothing to hide).
    pub fn require_staff(&self) -> AppResult<Actor> {
        if self.is_staff() {
            Ok(self.actor())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Changing agency resources: its owners and admins. Members and client users get 403.
    pub fn require_agency_admin(&self) -> AppResult<Actor> {
        if self.is_staff() && self.role.manages_agency() {
            Ok(self.actor())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Managing the agency's staff: its owners only.
    pub fn require_owner(&self) -> AppResult<Actor> {
        if self.is_staff() && self.role == Role::Owner {
            Ok(self.actor())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Org `org_id` if the caller is inside its tenant (404 otherwise) and passes `rule`
    /// (403 otherwise).
    pub async fn org(&self, state: &AppState, org_id: i64, rule: OrgRule) -> AppResult<OrgAccess> {
        let org = store::orgs::get_org(&state.db, self.agency_id, org_id).await?.ok_or(AppError::NotFound)?;
        if !self.is_staff() && self.org_id != Some(org.id) {
            return Err(AppError::NotFound);
        }
        if !rule.allows(self) {
            return Err(AppError::Forbidden);
        }
        Ok(OrgAccess { org, actor: self.actor() })
    }

    /// Org `org_id`'s billing: as [`AuthUser::org`], except that while the org has
    /// billing turned off, its own users get 404 before any rule is asked. To them billing
    /// does not exist then (PRODUCT.md: shown "only where `billing_enabled`"), whatever
    /// their permissions; staff still reach it, to see and keep the records.
    pub async fn org_billing(&self, state: &AppState, org_id: i64, rule: OrgRule) -> AppResult<OrgAccess> {
        let org = store::orgs::get_org(&state.db, self.agency_id, org_id).await?.ok_or(AppError::NotFound)?;
        if !self.is_staff() && (self.org_id != Some(org.id) || !org.settings.billing_enabled) {
            return Err(AppError::NotFound);
        }
        if !rule.allows(self) {
            return Err(AppError::Forbidden);
        }
        Ok(OrgAccess { org, actor: self.actor() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(org_id: Option<i64>, role: Role, stored: &[Permission]) -> AuthUser {
        let user = UserRow {
            id: 7,
            agency_id: 1,
            org_id,
            role: role.as_str().into(),
            email: "x@y.test".into(),
            name: "X".into(),
            password_hash: String::new(),
            permissions: stored.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(","),
            disabled: false,
        };
        let session = SessionRow {
            token_hash: "h".into(),
            csrf_token: "c".into(),
            impersonator_id: None,
            created_at: "".into(),
            last_seen_at: "".into(),
            parked_for: None,
        };
        AuthUser::new(session, user)
    }

    #[test]
    fn each_rule_admits_exactly_its_people() {
        let owner = caller(None, Role::Owner, &[]);
        let admin = caller(None, Role::Admin, &[]);
        let member = caller(None, Role::Member, &[]);
        let org_admin = caller(Some(3), Role::OrgAdmin, &[]);
        let with_team = caller(Some(3), Role::ClientUser, &[Permission::Team]);
        let plain = caller(Some(3), Role::ClientUser, &[Permission::Home]);
        let everyone = [&owner, &admin, &member, &org_admin, &with_team, &plain];
        let admitted = |rule: OrgRule| everyone.iter().map(|c| rule.allows(c)).collect::<Vec<_>>();

        assert_eq!(admitted(OrgRule::Anyone), [true; 6]);
        assert_eq!(admitted(OrgRule::AnyStaff), [true, true, true, false, false, false]);
        assert_eq!(admitted(OrgRule::AgencyAdmin), [true, true, false, false, false, false]);
        assert_eq!(admitted(OrgRule::StaffOrOrgAdmin), [true, true, true, true, false, false]);
        // Every caller above has id 7: "self" admits the plain users too.
        assert_eq!(admitted(OrgRule::StaffOrOrgAdminOrSelf(7)), [true; 6]);
        assert_eq!(admitted(OrgRule::StaffOrOrgAdminOrSelf(8)), [true, true, true, true, false, false]);
        assert_eq!(admitted(OrgRule::AgencyAdminOrOrgAdmin), [true, true, false, true, false, false]);
        assert_eq!(admitted(OrgRule::StaffOrPermission(Permission::Team)), [true, true, true, true, true, false]);
        let either = OrgRule::StaffOrAnyPermission(&[Permission::Billing, Permission::Team]);
        assert_eq!(admitted(either), [true, true, true, true, true, false]);
        assert_eq!(admitted(OrgRule::AdminOrPermission(Permission::Team)), [true, true, false, true, true, false]);
    }

    #[test]
    fn agency_rules_turn_away_client_users() {
        let org_admin = caller(Some(3), Role::OrgAdmin, &[]);
        assert!(org_admin.require_staff().is_err());
        assert!(org_admin.require_agency_admin().is_err());
        assert!(org_admin.require_owner().is_err());
        assert!(caller(None, Role::Admin, &[]).require_owner().is_err());
        assert!(caller(None, Role::Member, &[]).require_agency_admin().is_err());
        assert_eq!(caller(None, Role::Owner, &[]).require_owner().unwrap().id, 7);
    }
}
