//! A client user's own choice of dashboard language, over the org's; kept in this browser.

fn key(user_id: i64) -> String {
    format!("atrium.language.{user_id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn preferred(user_id: i64) -> Option<String> {
    storage()?
        .get_item(&key(user_id))
        .ok()
        .flatten()
        .filter(|code| atrium_api::org::SUPPORTED_LANGUAGES.contains(&code.as_str()))
}

/// `None` goes back to the organization's language.
pub fn set_preferred(user_id: i64, code: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match code {
            Some(code) => s.set_item(&key(user_id), code),
            None => s.remove_item(&key(user_id)),
        };
    }
}
