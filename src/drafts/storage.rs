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
