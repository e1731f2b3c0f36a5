//! The only code that talks HTTP. Every call answers `Result<T, ApiError>`.

pub mod auth;
pub mod branding;
pub mod config;
pub mod orgs;
mod request;

pub use request::ApiError;
