//! The only code that talks HTTP. Every call answers `Result<T, ApiError>`.

pub mod agency;
pub mod agents;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod config;
pub mod conversations;
pub mod embedding;
pub mod integrations;
pub mod locales;
pub mod orgs;
pub mod people;
mod request;
mod session_token;

pub use request::ApiError;

/// Percent-encodes a query-string value.
pub(crate) fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}
