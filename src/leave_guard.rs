//! Asks before leaving a page with unsaved work: closing or reloading the tab, and
//! following an in-app link.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// While `dirty()` holds, leaving asks first; `message()` is the in-app question.
/// The listeners go away with the calling component.
pub fn guard_leaving(dirty: impl Fn() -> bool + Clone + 'static, message: impl Fn() -> String + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let unload_dirty = dirty.clone();
    let on_unload = Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(move |ev: web_sys::BeforeUnloadEvent| {
        if unload_dirty() {
            // Browsers show their own wording; both calls are needed across browsers.
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    // Capture phase on window: runs before the router's own click handling.
    let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        let leaves = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .is_some();
        if leaves && dirty() {
            let stay = !web_sys::window().and_then(|w| w.confirm_with_message(&message()).ok()).unwrap_or(true);
            if stay {
                ev.prevent_default();
                ev.stop_immediate_propagation();
            }
        }
    });
    let _ = window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    let held = SendWrapper::new((window, on_unload, on_click));
    on_cleanup(move || {
        let (window, on_unload, on_click) = held.take();
        let _ = window.remove_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
        let _ = window.remove_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    });
}
