//! Agency console pages.

pub mod agents;
pub mod branding;
pub mod embedding;
pub mod integrations;
pub mod org;
pub mod org_new;
pub mod orgs;
pub mod plans;
pub mod staff;
