//! Signing in and who is signed in.

use crate::{Agent, OrgSummary};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// How the new session travels: `cookie` (the default) or `token`, for a page on
    /// another site than the API, which cannot rely on the API's cookies.
    #[serde(default)]
    pub session: SessionTransport,
}

crate::wire_enum! {
    /// How a session travels between the page and the API.
    #[derive(Default)]
    pub enum SessionTransport {
        /// HttpOnly session cookie plus a CSRF token echoed in `X-CSRF-Token`.
        #[default]
        Cookie = "cookie",
        /// The token in the answer's body, sent back as `Authorization: Bearer <token>`; no
        /// cookie, no CSRF token (a browser never adds that header by itself).
        Token = "token",
    }
}

/// `POST /api/v1/events/tickets`: a single-use pass that opens one event stream within
/// [`STREAM_TICKET_SECS`], for a session carried as a token (an `EventSource` cannot send
/// headers). Passed as `?ticket=`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamTicket {
    pub ticket: String,
}

/// How long a stream ticket may wait for its stream.
pub const STREAM_TICKET_SECS: i64 = 30;

/// During a "Log in as" in token mode: the staff member's own (parked) session token,
/// sent to `POST /api/v1/auth/stop-impersonating` to get it back.
pub const RETURN_TOKEN_HEADER: &str = "X-Return-Token";

/// The answer of `GET /api/v1/me`, and of a successful sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: UserSummary,
    pub kind: UserKind,
    pub role: Role,
    pub agency: AgencyRef,
    /// The client user's organization; `None` for agency staff.
    pub org: Option<OrgSummary>,
    /// Dashboard sections this user may open (all of them for org admins; none for staff).
    pub permissions: Vec<Permission>,
    /// Agents this client user sees: the org's, or the subset assigned to them.
    pub agents: Vec<Agent>,
    /// Set while agency staff use "Log in as": who is really at the keyboard.
    pub impersonated_by: Option<UserSummary>,
    /// Only in the answer of a sign-in, a "Log in as" or its end, for a session carried as
    /// a token: the token itself (never for a cookie session, never from `/me`). A field of
    /// `Me` rather than a wrapper around it: the answer stays one flat object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_token: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyRef {
    pub id: i64,
    pub name: String,
}

crate::wire_enum! {
    pub enum UserKind {
        Staff = "staff",
        Client = "client",
    }
}

crate::wire_enum! {
    pub enum Role {
        Owner = "owner",
        Admin = "admin",
        Member = "member",
        OrgAdmin = "org_admin",
        ClientUser = "client_user",
    }
}

impl Role {
    pub fn kind(self) -> UserKind {
        match self {
            Role::Owner | Role::Admin | Role::Member => UserKind::Staff,
            Role::OrgAdmin | Role::ClientUser => UserKind::Client,
        }
    }

    /// Owners and admins change everything in their agency; members read and handle chats.
    pub fn manages_agency(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

crate::wire_enum! {
    /// A client dashboard section a user may be allowed to open.
    #[derive(Hash, PartialOrd, Ord)]
    pub enum Permission {
        Home = "home",
        Conversations = "conversations",
        Analytics = "analytics",
        CannedResponses = "canned_responses",
        Team = "team",
        Billing = "billing",
    }
}

impl Permission {
    /// The permissions a user holds: org admins hold all of them whatever is stored.
    pub fn effective(role: Role, stored: &[Permission]) -> Vec<Permission> {
        match role {
            Role::OrgAdmin => Self::ALL.to_vec(),
            Role::ClientUser => {
                let mut p = stored.to_vec();
                p.sort();
                p.dedup();
                p
            }
            Role::Owner | Role::Admin | Role::Member => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_admins_hold_every_permission() {
        assert_eq!(Permission::effective(Role::OrgAdmin, &[]), Permission::ALL.to_vec());
        assert_eq!(
            Permission::effective(Role::ClientUser, &[Permission::Team, Permission::Home, Permission::Team]),
            vec![Permission::Home, Permission::Team]
        );
        assert!(Permission::effective(Role::Owner, &Permission::ALL).is_empty());
    }

    #[test]
    fn roles_and_permissions_round_trip_their_wire_names() {
        for r in [Role::Owner, Role::Admin, Role::Member, Role::OrgAdmin, Role::ClientUser] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.as_str()), Some(p));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn login_rejects_unknown_fields() {
        let bad = r#"{"email":"a@b.c","password":"x","admin":true}"#;
        assert!(serde_json::from_str::<LoginRequest>(bad).is_err());
    }
}

/// `POST /api/v1/me/password`: a signed-in user changes their own password. Every other
/// session of theirs ends; this one stays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

impl PasswordChange {
    pub fn validate(&self) -> Result<(), crate::validate::FieldErrors> {
        let mut errors = crate::validate::FieldErrors::default();
        errors.check("current_password", crate::validate::required(&self.current_password));
        errors.check("new_password", crate::people::password(&self.new_password));
        errors.into_result()
    }
}

/// `POST /api/v1/auth/password-reset`: asks for a reset link by email. The answer is the
/// same whether or not the address has an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub email: String,
}

/// `POST /api/v1/auth/password-reset/confirm`: the token from the emailed link and the
/// new password. Every session of the user ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    pub token: String,
    pub new_password: String,
}

impl PasswordReset {
    pub fn validate(&self) -> Result<(), crate::validate::FieldErrors> {
        let mut errors = crate::validate::FieldErrors::default();
        errors.check("token", crate::validate::required(&self.token));
        errors.check("new_password", crate::people::password(&self.new_password));
        errors.into_result()
    }
}
