//! What the activity log records of a team's life. Values read `key: value` so that an
//! entry says which team it is about; a key change reads old key → new key.

use super::{id_list, Change};
use atrium_api::Team;

pub fn team_created(key: &str) -> Change {
    Change::new("team.created", None, Some(key.to_string()))
}

pub fn team_deleted(key: &str) -> Change {
    Change::new("team.deleted", Some(key.to_string()), None)
}

/// One entry per field a `PATCH` changed, in wire order. Members compare as sets.
pub fn team_changes(old: &Team, new: &Team) -> Vec<Change> {
    let mut changes = Vec::new();
    if old.key != new.key {
        changes.push(Change::new("team.key", Some(old.key.clone()), Some(new.key.clone())));
    }
    let who = &new.key;
    let mut push = |field, old: String, new: String| {
        if old != new {
            changes.push(Change::new(field, Some(format!("{who}: {old}")), Some(format!("{who}: {new}"))));
        }
    };
    push("team.label", old.label.clone(), new.label.clone());
    push("team.description", old.description.clone(), new.description.clone());
    let (mut old_ids, mut new_ids) = (old.member_ids.clone(), new.member_ids.clone());
    old_ids.sort_unstable();
    new_ids.sort_unstable();
    push("team.members", id_list(&old_ids), id_list(&new_ids));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desk() -> Team {
        Team {
            id: 1,
            label: "Front Desk".into(),
            key: "front_desk".into(),
            description: String::new(),
            member_ids: vec![3, 1],
            updated_at: "then".into(),
        }
    }

    #[test]
    fn members_compare_as_sets_and_bookkeeping_is_not_an_edit() {
        let mut new = desk();
        new.member_ids = vec![1, 3];
        new.updated_at = "now".into();
        assert!(team_changes(&desk(), &new).is_empty());
    }

    #[test]
    fn entries_name_the_team_by_its_current_key() {
        let mut new = desk();
        new.key = "reception".into();
        new.member_ids = vec![1];
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            team_changes(&desk(), &new),
            vec![
                Change::new("team.key", some("front_desk"), some("reception")),
                Change::new("team.members", some("reception: [1,3]"), some("reception: [1]")),
            ]
        );
    }
}
