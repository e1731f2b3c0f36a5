//! Unsaved edits: what changed, what conflicts with someone else's save, and keeping
//! them in local storage so a reload, a crash or a closed tab loses nothing.

pub mod org_info;
pub mod storage;
