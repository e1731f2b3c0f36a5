//! One router per resource, merged by [`crate::app`].

pub mod activity;
pub mod agents;
pub mod auth;
pub mod branding;
pub mod impersonation;
pub mod openapi;
pub mod org_agents;
pub mod orgs;
pub mod staff;
pub mod teams;
pub mod users;
