//! What the activity log records of a client user's life: created, edited, disabled,
//! deleted, impersonated. The log has no "which user" column, so every entry names the
//! user by email in its values; a password is recorded as changed, never as a value.

use super::{id_list, Change};
use atrium_api::ClientUser;

pub fn user_created(email: &str) -> Change {
    Change::new("user.created", None, Some(email.to_string()))
}

pub fn user_deleted(email: &str) -> Change {
    Change::new("user.deleted", Some(email.to_string()), None)
}

/// Agency staff opened the dashboard as this user ("Log in as").
pub fn impersonation(email: &str) -> Change {
    Change::new("impersonation", None, Some(email.to_string()))
}

/// One entry per field a `PATCH` changed, in wire order. Values read `email: value`,
/// with the user's current email, except for the email itself.
pub fn user_changes(old: &ClientUser, new: &ClientUser, password_changed: bool) -> Vec<Change> {
    let mut changes = Vec::new();
    if old.email != new.email {
        changes.push(Change::new("user.email", Some(old.email.clone()), Some(new.email.clone())));
    }
    let who = &new.email;
    let mut push = |field, old: String, new: String| {
        if old != new {
            changes.push(Change::new(field, Some(format!("{who}: {old}")), Some(format!("{who}: {new}"))));
        }
    };
    push("user.name", old.name.clone(), new.name.clone());
    push("user.role", old.role.as_str().into(), new.role.as_str().into());
    push("user.permissions", permission_list(old), permission_list(new));
    push("user.agent_ids", id_list(&old.agent_ids), id_list(&new.agent_ids));
    if password_changed {
        changes.push(Change::new("user.password", None, Some(who.clone())));
    }
    if old.disabled != new.disabled {
        let field = if new.disabled { "user.disabled" } else { "user.enabled" };
        changes.push(Change::new(field, None, Some(who.clone())));
    }
    changes
}

/// `home,team`: effective permissions, so promoting to org admin shows what it grants.
fn permission_list(user: &ClientUser) -> String {
    user.permissions.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use atrium_api::{Permission, Role};

    fn andy() -> ClientUser {
        ClientUser {
            id: 1,
            name: "Andy".into(),
            email: "andy@acme.test".into(),
            role: Role::ClientUser,
            permissions: vec![Permission::Home],
            agent_ids: vec![],
            all_agents: true,
            disabled: false,
        }
    }

    #[test]
    fn an_unchanged_user_records_nothing() {
        assert!(user_changes(&andy(), &andy(), false).is_empty());
    }

    #[test]
    fn entries_name_the_user_and_never_a_password() {
        let mut new = andy();
        new.email = "andrew@acme.test".into();
        new.name = "Andrew".into();
        new.agent_ids = vec![4, 2];
        new.disabled = true;
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            user_changes(&andy(), &new, true),
            vec![
                Change::new("user.email", some("andy@acme.test"), some("andrew@acme.test")),
                Change::new("user.name", some("andrew@acme.test: Andy"), some("andrew@acme.test: Andrew")),
                Change::new("user.agent_ids", some("andrew@acme.test: []"), some("andrew@acme.test: [4,2]")),
                Change::new("user.password", None, some("andrew@acme.test")),
                Change::new("user.disabled", None, some("andrew@acme.test")),
            ]
        );
    }
}
