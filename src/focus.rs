//! Keeps keyboard focus somewhere useful when the element holding it goes away (a page
//! change, a bar that closes), so the next Tab continues from there, not from the top.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A keydown handler for something `open` that Escape closes (a menu, an in-place
/// question), giving focus back to the button that opened it. Only the innermost open
/// thing closes: a question asked inside a menu closes, the menu stays.
pub fn escape_closes(
    open: RwSignal<bool>,
    opener: NodeRef<leptos::html::Button>,
) -> impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static {
    move |ev| {
        if ev.key() == "Escape" && open.try_get_untracked() == Some(true) {
            ev.stop_propagation();
            close_and_refocus(open, opener);
        }
    }
}

/// Closes `open` and gives focus back to `opener`.
pub fn close_and_refocus(open: RwSignal<bool>, opener: NodeRef<leptos::html::Button>) {
    open.set(false);
    if let Some(button) = opener.try_get_untracked().flatten() {
        let _ = button.focus();
    }
}

/// True when no element holds focus any more: the browser then reports `<body>`.
pub fn focus_is_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match document.active_element() {
        None => true,
        Some(el) => document.body().is_some_and(|body| el == *body.unchecked_ref::<web_sys::Element>()),
    }
}

/// Moves focus to the element with `id` (it must be focusable, `tabindex="-1"` at least)
/// and brings it into view; `main` means the content's start (`focus_content`).
pub fn focus_id(id: &str) {
    if id == "main" {
        return focus_content();
    }
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

thread_local! {
    /// Focus sits on `<main>` only because its page had no heading yet (still loading).
    static AWAITING_HEADING: Cell<bool> = const { Cell::new(false) };
}

/// Focus to the start of the page's content: its `<h1>`, which a screen reader then reads
/// and around which the focus ring is as small as the heading, not the whole content area;
/// `<main>` itself while the page has no heading yet, until one arrives. Never scrolls:
/// the page just opened must stay at its top ("Log in as"'s banner included).
pub fn focus_content() {
    let Some(main) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) else {
        return;
    };
    let heading = main.query_selector("h1").ok().flatten();
    AWAITING_HEADING.set(heading.is_none());
    let target = heading.unwrap_or(main);
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

/// Whether focus is still on `<main>`.
fn focus_on_main() -> bool {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).is_some_and(|el| el.id() == "main")
}

/// Once the current update has rendered: focus `id` (or the content's start if `id` is not
/// on the page) if focus was lost meanwhile.
pub fn rescue_focus(id: &'static str) {
    set_timeout(
        move || {
            if focus_is_lost() {
                focus_id(id);
            }
            if focus_is_lost() {
                focus_content();
            }
        },
        Duration::ZERO,
    );
}

/// Once for the app: whenever the focused element is taken out of the page (another page,
/// a list redrawn after an action on one of its rows, a bar that closes), focus goes to
/// the element that took its place (same id), else to the content's start. A specific
/// `rescue_focus` scheduled by the action itself runs first and wins.
pub fn keep_focus_when_redrawn() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let last: Rc<RefCell<Option<web_sys::Element>>> = Rc::default();
    let remember = {
        let last = last.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            *last.borrow_mut() = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        })
    };
    let _ = document.add_event_listener_with_callback_and_bool("focusin", remember.as_ref().unchecked_ref(), true);
    remember.forget();
    let on_mutation = Closure::<dyn FnMut()>::new(move || {
        if AWAITING_HEADING.get() {
            if focus_on_main() {
                let arrived = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector("#main h1").ok().flatten());
                if arrived.is_some() {
                    focus_content();
                }
            } else {
                AWAITING_HEADING.set(false);
            }
        }
        let gone = last.borrow().as_ref().filter(|el| !el.is_connected()).map(web_sys::Element::id);
        let Some(id) = gone else {
            return;
        };
        if !focus_is_lost() {
            return;
        }
        set_timeout(
            move || {
                if focus_is_lost() && !id.is_empty() {
                    focus_id(&id);
                }
                if focus_is_lost() {
                    focus_content();
                }
            },
            Duration::ZERO,
        );
    });
    observe_page(on_mutation, &["childList", "subtree"]);
}

/// Calls `on_mutation` for the life of the page whenever the page's `<body>` changes as
/// `flags` say (`childList`, `subtree`, `characterData`).
pub fn observe_page(on_mutation: Closure<dyn FnMut()>, flags: &[&str]) {
    // MutationObserver through js_sys: web-sys would need two more features for it.
    let observe = || -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let document = window.document().ok_or(JsValue::NULL)?;
        let ctor: js_sys::Function = js_sys::Reflect::get(&window, &"MutationObserver".into())?.dyn_into()?;
        let observer = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(on_mutation.as_ref()))?;
        let options = js_sys::Object::new();
        for flag in flags {
            js_sys::Reflect::set(&options, &(*flag).into(), &true.into())?;
        }
        let observe: js_sys::Function = js_sys::Reflect::get(&observer, &"observe".into())?.dyn_into()?;
        let body: JsValue = document.body().ok_or(JsValue::NULL)?.into();
        observe.call2(&observer, &body, &options)?;
        Ok(())
    };
    if observe().is_ok() {
        on_mutation.forget();
    }
}
