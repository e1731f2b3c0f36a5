//! A table's own scrolling box: on a narrow screen a wide table scrolls inside it and the
//! page never scrolls sideways. While it scrolls, a keyboard user can reach it (Tab, then
//! the arrow keys) and hears its table's caption as its name.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn TableBox(children: Children) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let fit = move || {
        let Some(el) = node.get_untracked() else { return };
        let el: &web_sys::Element = el.unchecked_ref();
        if el.scroll_width() > el.client_width() {
            let caption =
                el.query_selector("caption").ok().flatten().and_then(|c| c.text_content()).unwrap_or_default();
            let _ = el.set_attribute("tabindex", "0");
            let _ = el.set_attribute("role", "region");
            let _ = el.set_attribute("aria-label", &caption);
        } else {
            for name in ["tabindex", "role", "aria-label"] {
                let _ = el.remove_attribute(name);
            }
        }
    };
    Effect::new(move |_| {
        if node.get().is_some() {
            fit();
        }
    });
    let resized = window_event_listener(leptos::ev::resize, move |_| fit());
    on_cleanup(move || resized.remove());
    view! {
        <div class="table-box" node_ref=node>
            {children()}
        </div>
    }
}
