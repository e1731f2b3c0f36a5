//! The last line of defence: after a panic the app's state is unknown (and in a release
//! build the wasm instance is dead), so every later click would fail silently. The page is
//! covered instead with a translated notice and a Reload button, and the panic goes to the
//! console as before.

use crate::i18n::*;
use std::sync::Once;
use wasm_bindgen::JsCast;

/// The id of the crash notice, so that tests and a second panic can find it.
pub const CRASH_ID: &str = "atrium-crashed";

pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            let payload = info.payload();
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied());
            let cause = if message.is_some_and(|m| m.contains(CHUNK_LOAD_FAILED)) {
                Cause::ChunkLoadFailed
            } else {
                Cause::Bug
            };
            show_notice(cause);
        }));
    });
}

/// How a page's code chunk failing to arrive panics (wasm_split's loader, as leptos 0.8
/// calls it): a deployment replaced the files this page was built with, or the network
/// dropped. Reloading fetches the current ones.
const CHUNK_LOAD_FAILED: &str = "load callback should succeed";

#[derive(Clone, Copy)]
enum Cause {
    Bug,
    ChunkLoadFailed,
}

/// The notice for a bug: the page stopped working.
pub fn show_crash_notice() {
    show_notice(Cause::Bug);
}

/// Built with plain DOM calls, not Leptos: the reactive system may be what panicked.
/// The language is the one the page was showing (`<html lang>`, kept by the i18n provider).
fn show_notice(cause: Cause) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id(CRASH_ID).is_some() {
        return;
    }
    let locale = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|lang| lang.parse::<Locale>().ok())
        .unwrap_or_default();
    let build = || -> Result<(), wasm_bindgen::JsValue> {
        let notice = document.create_element("div")?;
        notice.set_id(CRASH_ID);
        notice.set_class_name("crash-notice");
        notice.set_attribute("role", "alertdialog")?;
        notice.set_attribute("aria-modal", "true")?;
        notice.set_attribute("aria-labelledby", "atrium-crashed-title")?;
        let title = document.create_element("h1")?;
        title.set_id("atrium-crashed-title");
        let (heading, body) = match cause {
            Cause::Bug => (td_string!(locale, errors.crashed_title), td_string!(locale, errors.crashed)),
            Cause::ChunkLoadFailed => {
                (td_string!(locale, errors.chunk_failed_title), td_string!(locale, errors.chunk_failed))
            }
        };
        title.set_text_content(Some(heading));
        let text = document.create_element("p")?;
        text.set_text_content(Some(body));
        // A link to this very page, not a button with a handler: no Rust code can be
        // trusted to run any more, and the page's CSP forbids inline script.
        let button: web_sys::HtmlElement = document.create_element("a")?.unchecked_into();
        button.set_attribute("href", &document.location().ok_or("no location")?.href()?)?;
        // rel=external: the router leaves the click to the browser, a real page load.
        button.set_attribute("rel", "external")?;
        button.set_class_name("button primary");
        button.set_text_content(Some(td_string!(locale, errors.reload)));
        notice.append_child(&title)?;
        notice.append_child(&text)?;
        notice.append_child(&button)?;
        document.body().ok_or("no body")?.append_child(&notice)?;
        button.focus()
    };
    if let Err(e) = build() {
        leptos::logging::error!("crash notice not shown: {e:?}");
    }
}
