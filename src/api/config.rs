//! `config.json` beside `index.html` names the backend, so one build serves many
//! deployments, and how the session travels to it.

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
    #[serde(default)]
    pub auth: AuthMode,
}

/// How the session travels: `cookie` (the API's HttpOnly cookie), `token` (a bearer token
/// kept by this tab), or `auto`: token when the API is on another site than the page,
/// whose cookies a browser may treat as third-party and block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthMode {
    Cookie,
    Token,
    #[default]
    Auto,
}

// Not `wire_enum!`, which would give it an OpenAPI schema under the server's feature; its
// shared visitor, not a derived one, for the same bytes saved in the first page's module.
impl<'de> Deserialize<'de> for AuthMode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let modes = [AuthMode::Cookie, AuthMode::Token, AuthMode::Auto];
        atrium_api::wire_enum::name_index(deserializer, &["cookie", "token", "auto"]).map(|i| modes[i])
    }
}

static API_BASE: OnceLock<String> = OnceLock::new();
static TOKEN_MODE: OnceLock<bool> = OnceLock::new();

/// Reads `config.json` relative to the page's base URL and remembers the backend.
pub async fn load() -> Result<ClientConfig, ApiError> {
    let config: ClientConfig = fetch_json_at("config.json").await?;
    let base = config.api_base.trim_end_matches('/').to_string();
    let token = match config.auth {
        AuthMode::Cookie => false,
        AuthMode::Token => true,
        AuthMode::Auto => page_origin().is_some_and(|page| !same_site(&page, &base)),
    };
    let _ = TOKEN_MODE.set(token);
    let _ = API_BASE.set(base);
    Ok(config)
}

/// Full URL of an API path such as `/orgs`.
pub(crate) fn api_url(path: &str) -> String {
    let base = API_BASE.get().map(String::as_str).unwrap_or("");
    format!("{base}{}{path}", atrium_api::API_PREFIX)
}

/// Whether new sessions are to be carried as tokens (see [`AuthMode`]).
pub(crate) fn token_mode() -> bool {
    TOKEN_MODE.get().copied().unwrap_or(false)
}

fn page_origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}

/// Whether a page at `page` (an origin) and an API at `api_base` are the same site:
/// same scheme and same registrable domain. Without the public suffix list the
/// registrable domain is taken as the last two labels; an IP address or a one-label name
/// is its own site. (A deployment under a two-label suffix such as `co.uk` whose page and
/// API differ sets `"auth"` explicitly.) An empty base is the page's own origin.
pub fn same_site(page: &str, api_base: &str) -> bool {
    if api_base.is_empty() || api_base.starts_with('/') {
        return true;
    }
    let (Some(page), Some(api)) = (scheme_and_host(page), scheme_and_host(api_base)) else {
        return false;
    };
    page.0 == api.0 && site_of(&page.1) == site_of(&api.1)
}

fn scheme_and_host(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next()?
    } else {
        authority.split(':').next()?
    };
    Some((scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

fn site_of(host: &str) -> String {
    let ip = host.starts_with('[') || host.rsplit('.').next().is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
    if ip {
        return host.to_string();
    }
    let labels: Vec<&str> = host.split('.').collect();
    labels[labels.len().saturating_sub(2)..].join(".")
}

#[cfg(test)]
mod tests {
    use super::same_site;

    #[test]
    fn sites_are_scheme_and_registrable_domain() {
        assert!(same_site("https://app.agency.example", ""));
        assert!(same_site("https://app.agency.example", "https://api.agency.example"));
        assert!(same_site("http://localhost:9200", "http://localhost:8080"));
        assert!(!same_site("http://127.0.0.1:9200", "http://localhost:8080"));
        assert!(!same_site("https://dash.agency-cdn.example", "https://api.atrium.example"));
        assert!(!same_site("http://app.agency.example", "https://api.agency.example"));
        assert!(same_site("http://127.0.0.1:9200", "http://127.0.0.1:8080/"));
        assert!(!same_site("http://10.0.0.1", "http://10.0.0.2"));
    }
}
