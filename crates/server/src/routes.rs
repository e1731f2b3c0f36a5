//! One router per resource, merged by [`crate::app`].

pub mod auth;
pub mod branding;
pub mod openapi;
pub mod orgs;
