//! A row's actions behind one button ("Actions", named "Actions for Ines Moreau"), for rows
//! with more than two. A disclosure, not an ARIA menu: the actions inside are ordinary
//! buttons reached with Tab. Escape, focus leaving it, or using one of its actions closes
//! it, focus back on its button (which keeps its id when the list is redrawn, so focus
//! survives the redraw an action causes). An action that asks first (`AskFirst`, marked
//! by `aria-expanded`) keeps it open while it asks. The actions float over the page at the
//! button's end (fixed, so a table's own scroll box cannot clip them), below the button or
//! above it near the window's bottom, and follow the button when the page or the table
//! scrolls. Its handlers use `try_` reads: a row taken away while focused inside it (by
//! "Log in as" leaving the page) still reports focus leaving, after it was disposed.

use crate::focus::{close_and_refocus, escape_closes};
use crate::i18n::*;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn RowMenu(
    /// Whose actions these are, for the button's accessible name.
    name: String,
    /// The button's id, stable across redraws of the list.
    id: String,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let menu_id = format!("{id}-items");
    let place = RwSignal::new(String::new());
    let follow = move || {
        if let Some(b) = button.try_get_untracked().flatten() {
            place.set(placement(&b));
        }
    };
    let toggle = move |_| {
        if !open.get_untracked() {
            follow();
        }
        open.update(|o| *o = !*o);
    };
    on_any_scroll(move || {
        if open.try_get_untracked() == Some(true) {
            follow();
        }
    });
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let Some(wrapper) = wrapper.try_get_untracked().flatten() else {
            return;
        };
        let to = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if !wrapper.contains(to.as_ref()) {
            open.set(false);
        }
    };
    let on_item_click = move |ev: leptos::ev::MouseEvent| {
        let used = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("button").ok().flatten())
            .is_some_and(|b| !b.has_attribute("aria-expanded"));
        if used {
            close_and_refocus(open, button);
        }
    };
    let label = move || t_string!(i18n, row.actions_for, name = name.clone()).to_string();
    view! {
        <div class="row-menu" node_ref=wrapper on:keydown=escape_closes(open, button) on:focusout=on_focusout>
            <button
                type="button"
                class="small row-menu-button"
                id=id
                node_ref=button
                aria-label=label
                aria-expanded=move || open.get().to_string()
                aria-controls=menu_id.clone()
                on:click=toggle
            >
                {move || t_string!(i18n, row.actions)}
            </button>
            <Show when=move || open.get()>
                <div class="row-menu-items" id=menu_id.clone() style=move || place.get() on:click=on_item_click>
                    {children()}
                </div>
            </Show>
        </div>
    }
}

/// Where the actions float: their end edge at the button's end edge (left to right or
/// right to left), under the button, or over it when the window's bottom is near.
fn placement(button: &web_sys::HtmlButtonElement) -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let size = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let (width, height) = (size(window.inner_width()), size(window.inner_height()));
    let rtl = window
        .document()
        .and_then(|d| d.document_element())
        .is_some_and(|html| html.get_attribute("dir").as_deref() == Some("rtl"));
    // getBoundingClientRect through js_sys: web-sys would need its DomRect feature.
    let rect = js_sys::Reflect::get(button, &"getBoundingClientRect".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(button).ok())
        .unwrap_or(JsValue::NULL);
    let edge = |name: &str| size(js_sys::Reflect::get(&rect, &name.into()));
    let end = if rtl { edge("left") } else { width - edge("right") };
    // Room for about five actions below, else they open upwards.
    let vertical = if height - edge("bottom") > 240.0 {
        format!("top: {}px", edge("bottom") + 4.0)
    } else {
        format!("bottom: {}px", height - edge("top") + 4.0)
    };
    format!("{vertical}; inset-inline-end: {}px", end.max(4.0))
}

/// Calls `then` on any scroll (the page's or a table box's) for the life of the component.
fn on_any_scroll(then: impl Fn() + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_scroll = Closure::<dyn FnMut()>::new(then);
    let _ = document.add_event_listener_with_callback_and_bool("scroll", on_scroll.as_ref().unchecked_ref(), true);
    let listener = SendWrapper::new((document, on_scroll));
    on_cleanup(move || {
        let (document, on_scroll) = listener.take();
        let _ =
            document.remove_event_listener_with_callback_and_bool("scroll", on_scroll.as_ref().unchecked_ref(), true);
    });
}
