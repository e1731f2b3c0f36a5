//! The only code that talks HTTP. Every call answers `Result<T, ApiError>`.

pub mod account;
pub mod activity;
pub mod agency;
pub mod agents;
pub mod analytics;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod canned;
pub mod config;
pub mod conversations;
pub mod embedding;
pub mod events;
pub mod handoff;
pub mod impersonation;
pub mod integration;
pub mod invoices;
pub mod locales;
pub mod org_agents;
pub mod orgs;
pub mod plans;
mod request;
mod session_token;
pub mod staff;
pub mod teams;
pub mod users;

pub use request::ApiError;

/// Percent-encodes a query-string value.
pub(crate) fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}
