//! One router per resource, merged by [`crate::app`].

pub mod account;
pub mod activity;
pub mod agency;
pub mod agents;
pub mod analytics;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod canned;
pub mod conversations;
pub mod embedding;
pub mod events;
pub mod handoff;
pub mod impersonation;
pub mod ingest;
pub mod integration;
pub mod invoices;
pub mod openapi;
pub mod org_agents;
pub mod orgs;
pub mod plans;
pub mod staff;
pub mod teams;
pub mod users;
