//! Entry point: read `config.json`, then mount the app.

use atrium::app::{App, StartupError};
use leptos::prelude::*;

fn main() {
    atrium::crash::install();
    // Leptos's executor starts with the first mount; before it, use the browser's.
    wasm_bindgen_futures::spawn_local(async {
        match atrium::api::config::load().await {
            Ok(_) => leptos::mount::mount_to_body(App),
            Err(e) => {
                leptos::logging::error!("config.json: {e:?}");
                leptos::mount::mount_to_body(|| view! { <StartupError/> })
            }
        }
    });
}
