//! The strings of a language the client does not carry compiled in: a JSON array beside
//! the page (`i18n/<code>-<hash>.json`, written by build.rs).

use super::request::fetch_json_at;
use super::ApiError;

pub async fn strings(file: &str) -> Result<Vec<String>, ApiError> {
    fetch_json_at(&format!("i18n/{file}")).await
}
