//! A session carried as a bearer token (token mode, or a signed embed link): kept by this
//! tab only (sessionStorage), so another tab signs in on its own and closing the tab
//! forgets it. During "Log in as" the staff member's own token waits beside it, to be
//! given back when they return.

const SESSION_KEY: &str = "atrium.session";
const RETURN_KEY: &str = "atrium.return";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?.filter(|t| !t.is_empty())
}

fn write(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

/// The tab's session token, if it holds one.
pub(crate) fn current() -> Option<String> {
    read(SESSION_KEY)
}

pub(crate) fn keep(token: &str) {
    write(SESSION_KEY, Some(token));
}

/// Forgets the tab's tokens (signed out, or the server no longer knows the session).
pub(crate) fn forget() {
    write(SESSION_KEY, None);
    write(RETURN_KEY, None);
}

/// "Log in as" began: the staff token waits, the client user's becomes current.
pub(crate) fn park_for(client_token: &str) {
    if let Some(staff) = current() {
        write(RETURN_KEY, Some(&staff));
    }
    keep(client_token);
}

/// The staff token waiting during "Log in as".
pub(crate) fn parked() -> Option<String> {
    read(RETURN_KEY)
}

pub(crate) fn unpark(staff_token: &str) {
    write(RETURN_KEY, None);
    keep(staff_token);
}
