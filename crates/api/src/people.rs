//! Client users, teams and agency staff: what is read, created and changed.

use crate::validate::{self, FieldError, FieldErrors};
use crate::{Permission, Role};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 120;
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 256;
pub const TEAM_LABEL_MAX: usize = 80;
pub const TEAM_KEY_MAX: usize = 64;
pub const TEAM_DESCRIPTION_MAX: usize = 500;

/// A client user of an organization. A password never appears in any answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// `org_admin` or `client_user`.
    pub role: Role,
    /// Effective permissions: all of them for org admins.
    pub permissions: Vec<Permission>,
    /// The subset of the org's agents this user sees, when `all_agents` is false.
    pub agent_ids: Vec<i64>,
    /// Whether the user sees every agent of the org (given `agent_ids: []` on a write).
    /// A restricted user whose agents were all deleted sees none: never all.
    #[serde(default = "yes")]
    pub all_agents: bool,
    pub disabled: bool,
}

fn yes() -> bool {
    true
}

/// `POST /api/v1/orgs/{org}/users`. The client generates a password when the admin
/// asks for one, and shows it once: the server never sends one back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewClientUser {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub permissions: Vec<Permission>,
    #[serde(default)]
    pub agent_ids: Vec<i64>,
}

/// `PATCH /api/v1/orgs/{org}/users/{id}`: only the fields present change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClientUserPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<Permission>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_ids: Option<Vec<i64>>,
    /// Disabling ends the user's sessions at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

/// A team of an organization; teams receive handoffs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: i64,
    pub label: String,
    /// Lowercase letters, digits and underscores, unique in the org, e.g. `customer_support`.
    pub key: String,
    pub description: String,
    pub member_ids: Vec<i64>,
    pub updated_at: String,
}

/// `POST /api/v1/orgs/{org}/teams`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTeam {
    pub label: String,
    pub key: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub member_ids: Vec<i64>,
}

/// `PATCH /api/v1/orgs/{org}/teams/{id}`: only the fields present change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_ids: Option<Vec<i64>>,
}

/// A member of the agency's staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// `owner`, `admin` or `member`.
    pub role: Role,
}

/// `POST /api/v1/staff` (owners only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStaffUser {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
}

/// `PATCH /api/v1/staff/{id}` (owners only): change the role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffRoleChange {
    pub role: Role,
}

pub fn password(value: &str) -> Result<(), FieldError> {
    let n = value.chars().count();
    if n < PASSWORD_MIN {
        Err(FieldError::TooShort(PASSWORD_MIN))
    } else if n > PASSWORD_MAX {
        Err(FieldError::TooLong(PASSWORD_MAX))
    } else {
        Ok(())
    }
}

fn name(value: &str) -> Result<(), FieldError> {
    validate::visible_name(value, NAME_MAX)
}

fn client_role(role: Role) -> Result<(), FieldError> {
    match role {
        Role::OrgAdmin | Role::ClientUser => Ok(()),
        _ => Err(FieldError::Unknown),
    }
}

fn staff_role(role: Role) -> Result<(), FieldError> {
    match role {
        Role::Owner | Role::Admin | Role::Member => Ok(()),
        _ => Err(FieldError::Unknown),
    }
}

/// Lowercase letters, digits and underscores, starting with a letter.
pub fn team_key(value: &str) -> Result<(), FieldError> {
    validate::required(value)?;
    validate::max_chars(value, TEAM_KEY_MAX)?;
    let mut chars = value.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    if starts_with_letter && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        Ok(())
    } else {
        Err(FieldError::InvalidKey)
    }
}

/// `Customer Support` → `customer_support`; what the form suggests as the label is typed.
pub fn suggest_team_key(label: &str) -> String {
    let mut key = String::new();
    for c in label.trim().chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_');
    let key = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == '_');
    key.chars().take(TEAM_KEY_MAX).collect::<String>().trim_end_matches('_').to_string()
}

impl NewClientUser {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("name", name(&self.name));
        errors.check("email", validate::email(&self.email));
        errors.check("password", password(&self.password));
        errors.check("role", client_role(self.role));
        errors.into_result()
    }
}

impl ClientUserPatch {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if let Some(n) = &self.name {
            errors.check("name", name(n));
        }
        if let Some(e) = &self.email {
            errors.check("email", validate::email(e));
        }
        if let Some(p) = &self.password {
            errors.check("password", password(p));
        }
        if let Some(r) = self.role {
            errors.check("role", client_role(r));
        }
        errors.into_result()
    }
}

impl NewTeam {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("label", validate::visible_name(&self.label, TEAM_LABEL_MAX));
        errors.check("key", team_key(&self.key));
        errors.check("description", validate::max_chars(&self.description, TEAM_DESCRIPTION_MAX));
        errors.into_result()
    }
}

impl TeamPatch {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if let Some(l) = &self.label {
            errors.check("label", validate::visible_name(l, TEAM_LABEL_MAX));
        }
        if let Some(k) = &self.key {
            errors.check("key", team_key(k));
        }
        if let Some(d) = &self.description {
            errors.check("description", validate::max_chars(d, TEAM_DESCRIPTION_MAX));
        }
        errors.into_result()
    }
}

impl NewStaffUser {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("name", name(&self.name));
        errors.check("email", validate::email(&self.email));
        errors.check("password", password(&self.password));
        errors.check("role", staff_role(self.role));
        errors.into_result()
    }
}

impl StaffRoleChange {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("role", staff_role(self.role));
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_keys() {
        for good in ["front_desk", "customer_support", "tier2", "a"] {
            assert_eq!(team_key(good), Ok(()), "{good}");
        }
        for bad in ["Front_Desk", "front-desk", "front desk", "2nd_line", "_x", "ünïcode"] {
            assert_eq!(team_key(bad), Err(FieldError::InvalidKey), "{bad}");
        }
        assert_eq!(team_key(""), Err(FieldError::Required));
        assert_eq!(team_key(&"a".repeat(TEAM_KEY_MAX + 1)), Err(FieldError::TooLong(TEAM_KEY_MAX)));
    }

    #[test]
    fn suggested_keys_are_valid_keys() {
        assert_eq!(suggest_team_key("Customer Support"), "customer_support");
        assert_eq!(suggest_team_key("  Front-Desk (Main) "), "front_desk_main");
        assert_eq!(suggest_team_key("2nd Line"), "nd_line");
        for label in ["Customer Support", "Front-Desk (Main)", "2nd Line", "Équipe Été"] {
            let key = suggest_team_key(label);
            assert!(key.is_empty() || team_key(&key).is_ok(), "{label} → {key}");
        }
    }

    #[test]
    fn client_users_need_a_client_role_and_a_real_password() {
        let mut u = NewClientUser {
            name: "Ann".into(),
            email: "ann@acme.test".into(),
            password: "long-enough-pw".into(),
            role: Role::ClientUser,
            permissions: vec![],
            agent_ids: vec![],
        };
        assert!(u.validate().is_ok());
        u.role = Role::Owner;
        u.password = "short".into();
        let errors = u.validate().unwrap_err();
        assert_eq!(errors.get("role"), Some(FieldError::Unknown));
        assert_eq!(errors.get("password"), Some(FieldError::TooShort(PASSWORD_MIN)));
    }

    #[test]
    fn patches_check_only_what_they_carry() {
        assert!(ClientUserPatch::default().validate().is_ok());
        let p = ClientUserPatch { email: Some("nope".into()), ..Default::default() };
        assert_eq!(p.validate().unwrap_err().get("email"), Some(FieldError::InvalidEmail));
        let json = r#"{"disabled": true, "is_admin": true}"#;
        assert!(serde_json::from_str::<ClientUserPatch>(json).is_err());
    }
}
