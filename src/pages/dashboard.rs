//! Client dashboard pages.

pub mod home;
pub mod team;
