//! Client dashboard pages.

pub mod analytics;
pub mod billing;
pub mod canned;
pub mod conversation;
pub mod conversations;
pub mod home;
pub mod team;
