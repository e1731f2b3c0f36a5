//! Drafts in the browser's local storage, one entry per record, until Save or Discard.

use atrium_api::OrganizationUpdate;
use serde::{Deserialize, Serialize};

/// What is kept: the draft, and the saved state it started from (for conflict checks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDraft {
    pub base: OrganizationUpdate,
    pub draft: OrganizationUpdate,
}

fn key(org_id: i64) -> String {
    format!("atrium.draft.org.{org_id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(org_id: i64) -> Option<StoredDraft> {
    let text = storage()?.get_item(&key(org_id)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Returns whether the draft was written: a full or blocked storage must not pass silently.
pub fn save(org_id: i64, draft: &StoredDraft) -> bool {
    let Ok(text) = serde_json::to_string(draft) else {
        return false;
    };
    storage().is_some_and(|s| s.set_item(&key(org_id), &text).is_ok())
}

pub fn clear(org_id: i64) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(org_id));
    }
}

/// Forgets every draft in this browser: at sign-out, so that the next person to use it
/// does not find the last one's unsaved edits.
pub fn clear_all() {
    let Some(s) = storage() else { return };
    let count = s.length().unwrap_or(0);
    let keys: Vec<String> =
        (0..count).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with("atrium.draft.")).collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}
