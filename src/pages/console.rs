//! Agency console pages.

pub mod orgs;
