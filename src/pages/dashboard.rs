//! Client dashboard pages.

pub mod home;
