//! What the activity log records of an edit: one entry per changed field, old and new
//! values as text, so the log reads the same whatever the field's type.

mod teams;
mod users;

pub use teams::{team_changes, team_created, team_deleted};
pub use users::{impersonation, user_changes, user_created, user_deleted};

use atrium_api::{OrgSettings, Organization};

/// One changed field, ready to be stored as an activity entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The field's wire name, settings prefixed with `settings.`.
    pub field: &'static str,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl Change {
    pub fn new(field: &'static str, old_value: Option<String>, new_value: Option<String>) -> Self {
        Change { field, old_value, new_value }
    }

    /// The organization came into being; its name is the "new value".
    pub fn created(name: &str) -> Self {
        Change::new("created", None, Some(name.to_string()))
    }
}

/// The fields a `PUT /orgs/{org}` changed between `old` and `new`, in wire order.
/// Assigned agents are not part of it: they change through their own route.
pub fn org_changes(old: &Organization, new: &Organization) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |field, old: Option<String>, new: Option<String>| {
        if old != new {
            changes.push(Change::new(field, old, new));
        }
    };
    push("name", Some(old.name.clone()), Some(new.name.clone()));
    push("contact_email", old.contact_email.clone(), new.contact_email.clone());
    push("logo_url", old.logo_url.clone(), new.logo_url.clone());
    push("archived", Some(old.archived.to_string()), Some(new.archived.to_string()));
    for ((field, old), (_, new)) in settings_as_text(&old.settings).into_iter().zip(settings_as_text(&new.settings)) {
        push(field, Some(old), Some(new));
    }
    changes
}

/// Every setting as (field, text); the exhaustive destructuring makes a new setting a
/// compile error here rather than a silently unlogged change.
fn settings_as_text(s: &OrgSettings) -> [(&'static str, String); 7] {
    let OrgSettings {
        dashboard_language,
        dashboard_layout,
        handoff_enabled,
        smart_handoff_enabled,
        show_handoff_messages,
        canned_responses_enabled,
        billing_enabled,
    } = s;
    [
        ("settings.dashboard_language", dashboard_language.clone()),
        ("settings.dashboard_layout", dashboard_layout.as_str().to_string()),
        ("settings.handoff_enabled", handoff_enabled.to_string()),
        ("settings.smart_handoff_enabled", smart_handoff_enabled.to_string()),
        ("settings.show_handoff_messages", show_handoff_messages.to_string()),
        ("settings.canned_responses_enabled", canned_responses_enabled.to_string()),
        ("settings.billing_enabled", billing_enabled.to_string()),
    ]
}

/// The `agents` entry when the set of assigned agents changed. Both sides are sorted
/// JSON arrays of agent ids (`[1,3]`), so an empty set reads `[]` rather than nothing.
pub fn agents_change(old: &[i64], new: &[i64]) -> Option<Change> {
    let (mut old, mut new) = (old.to_vec(), new.to_vec());
    old.sort_unstable();
    new.sort_unstable();
    (old != new).then(|| Change::new("agents", Some(id_list(&old)), Some(id_list(&new))))
}

/// `[1,3]`: the text form of an id list in the activity log.
pub fn id_list(ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", ids.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use atrium_api::Layout;

    fn org() -> Organization {
        Organization {
            id: 1,
            name: "Acme".into(),
            contact_email: None,
            logo_url: None,
            archived: false,
            version: 1,
            agent_ids: vec![],
            settings: OrgSettings::default(),
            created_at: String::new(),
            updated_at: String::new(),
            user_count: 0,
            agent_count: 0,
        }
    }

    #[test]
    fn an_unchanged_org_records_nothing() {
        let mut new = org();
        // Bookkeeping fields are not edits.
        new.version = 2;
        new.updated_at = "later".into();
        assert!(org_changes(&org(), &new).is_empty());
    }

    #[test]
    fn each_changed_field_is_one_entry_with_text_values() {
        let mut new = org();
        new.name = "Acme Dental".into();
        new.contact_email = Some("a@b.co".into());
        new.archived = true;
        new.settings.dashboard_layout = Layout::Horizontal;
        new.settings.billing_enabled = true;
        let changes = org_changes(&org(), &new);
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            changes,
            vec![
                Change::new("name", some("Acme"), some("Acme Dental")),
                Change::new("contact_email", None, some("a@b.co")),
                Change::new("archived", some("false"), some("true")),
                Change::new("settings.dashboard_layout", some("vertical"), some("horizontal")),
                Change::new("settings.billing_enabled", some("false"), some("true")),
            ]
        );
    }

    #[test]
    fn agent_sets_compare_as_sets() {
        assert_eq!(agents_change(&[2, 1], &[1, 2]), None);
        let change = agents_change(&[3, 1], &[]).unwrap();
        assert_eq!(change.old_value.as_deref(), Some("[1,3]"));
        assert_eq!(change.new_value.as_deref(), Some("[]"));
    }
}
