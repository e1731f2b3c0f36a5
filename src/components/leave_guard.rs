//! Asks before leaving a page with unsaved work. Following an in-app link opens an in-app
//! dialog (modal: the page behind it is inert, Escape or "Stay" keeps the work); closing
//! or reloading the tab can only ask through the browser's own prompt.

use crate::i18n::*;
use leptos::prelude::*;
use leptos::text_prop::TextProp;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[component]
pub fn LeaveGuard(
    /// Whether there is work that leaving would lose.
    #[prop(into)]
    dirty: Signal<bool>,
    /// What leaving means for this work, said plainly.
    #[prop(into)]
    message: TextProp,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // The link the user followed, held while the dialog asks; followed again on "Leave".
    let held: Rc<RefCell<Option<web_sys::HtmlElement>>> = Rc::default();
    let leaving = Rc::new(std::cell::Cell::new(false));
    listen(dirty, dialog, held.clone(), leaving.clone());
    let held = SendWrapper::new(held);
    let leaving = SendWrapper::new(leaving);
    let leave = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
        if let Some(link) = held.borrow_mut().take() {
            leaving.set(true);
            link.click();
            leaving.set(false);
        }
    };
    let stay = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby="leave-title" aria-describedby="leave-help">
            <h2 id="leave-title">{t!(i18n, leave.title)}</h2>
            <p id="leave-help">{move || message.get()}</p>
            <div class="dialog-actions">
                // The safe answer first, and focused when the dialog opens.
                <button type="button" class="primary" autofocus on:click=stay>
                    {t!(i18n, leave.stay)}
                </button>
                <button type="button" class="danger-button" on:click=leave>
                    {t!(i18n, leave.leave)}
                </button>
            </div>
        </dialog>
    }
}

/// The window's listeners, gone with the component: `beforeunload` for the tab, and a
/// capture-phase click (before the router's) for in-app links.
fn listen(
    dirty: Signal<bool>,
    dialog: NodeRef<leptos::html::Dialog>,
    held: Rc<RefCell<Option<web_sys::HtmlElement>>>,
    leaving: Rc<std::cell::Cell<bool>>,
) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_unload = Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(move |ev: web_sys::BeforeUnloadEvent| {
        if dirty.get_untracked() {
            // Browsers show their own wording; both calls are needed across browsers.
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        // A link opened in another tab or window leaves nothing behind.
        if leaving.get()
            || !dirty.get_untracked()
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.button() != 0
        {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .filter(|a| a.get_attribute("target").is_none_or(|t| t == "_self"))
            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
        let (Some(link), Some(d)) = (link, dialog.get_untracked()) else {
            return;
        };
        ev.prevent_default();
        ev.stop_immediate_propagation();
        *held.borrow_mut() = Some(link);
        let _ = d.show_modal();
    });
    let _ = window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    let listeners = SendWrapper::new((window, on_unload, on_click));
    on_cleanup(move || {
        let (window, on_unload, on_click) = listeners.take();
        let _ = window.remove_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
        let _ = window.remove_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    });
}
