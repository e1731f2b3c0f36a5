//! `config.json` beside `index.html` names the backend, so one build serves many deployments.

use super::request::fetch_json_at;
use super::ApiError;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ClientConfig {
    /// Origin (and optional path) of the backend, e.g. `https://api.agency.example`;
    /// empty for the same origin as the page.
    #[serde(default)]
    pub api_base: String,
}

static API_BASE: OnceLock<String> = OnceLock::new();

/// Reads `config.json` relative to the page's base URL and remembers the backend.
pub async fn load() -> Result<ClientConfig, ApiError> {
    let config: ClientConfig = fetch_json_at("config.json").await?;
    let _ = API_BASE.set(config.api_base.trim_end_matches('/').to_string());
    Ok(config)
}

/// Full URL of an API path such as `/orgs`.
pub(crate) fn api_url(path: &str) -> String {
    let base = API_BASE.get().map(String::as_str).unwrap_or("");
    format!("{base}{}{path}", atrium_api::API_PREFIX)
}
