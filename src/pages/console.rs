//! Agency console pages.

pub mod agents;
pub mod org;
pub mod org_new;
pub mod orgs;
