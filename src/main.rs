//! Entry point: read `config.json` (and the strings of the browser's language, at the same
//! time), then mount the app.

use atrium::app::{App, StartupError};
use atrium::locale_strings;
use leptos::prelude::*;

fn main() {
    atrium::crash::install();
    // Leptos's executor starts with the first mount; before it, use the browser's.
    wasm_bindgen_futures::spawn_local(async {
        let (config, strings) =
            futures::join!(atrium::api::config::load(), locale_strings::load(locale_strings::browser_locale()));
        if let Err(e) = strings {
            // The app falls back to English (locale_strings::keep_loaded).
            leptos::logging::error!("strings: {e:?}");
        }
        // The placeholder index.html draws until the client is here.
        if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
            boot.remove();
        }
        match config {
            Ok(_) => leptos::mount::mount_to_body(App),
            Err(e) => {
                leptos::logging::error!("config.json: {e:?}");
                leptos::mount::mount_to_body(|| view! { <StartupError /> })
            }
        }
    });
}
