//! The org's live events (server-sent events): pages refetch when something changed,
//! a new handoff request shows (and sounds) a notice, and new settings apply at once.
//! The browser's EventSource reconnects by itself; when the server refuses and the
//! stream closes, we retry with backoff. A token session's stream opens with a
//! single-use ticket, so there every reconnection is ours, with a new ticket. Every (re)connection and every return to the
//! tab counts as a change, so whatever happened while away is fetched, the org's settings
//! included.

use atrium_api::OrgEvent;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const KINDS: [&str; 4] = ["message.created", "conversation.updated", "handoff.requested", "settings.updated"];
const MAX_BACKOFF_MS: i32 = 30_000;

#[derive(Clone, Copy)]
pub struct LiveEvents {
    /// Bumped on every event and reconnection: resources that read it refetch.
    pub version: RwSignal<u64>,
    /// The newest handoff request, for the visible notice.
    pub handoff: RwSignal<Option<i64>>,
    pub connected: RwSignal<bool>,
}

pub fn use_live_events() -> Option<LiveEvents> {
    use_context::<LiveEvents>()
}

struct Connection {
    source: Option<web_sys::EventSource>,
    handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    backoff_ms: i32,
    stopped: bool,
    /// A stream was open before: the next one to open is a reconnection.
    was_open: bool,
}

/// Connects to the events of `org` and provides [`LiveEvents`]; `on_settings` runs when
/// the org's settings change (and when the tab comes back), to reload them.
pub fn provide_live_events(org: i64, on_settings: Callback<()>) -> LiveEvents {
    let live = LiveEvents { version: RwSignal::new(0), handoff: RwSignal::new(None), connected: RwSignal::new(false) };
    provide_context(live);
    let conn = Rc::new(RefCell::new(Connection {
        source: None,
        handlers: Vec::new(),
        backoff_ms: 1000,
        stopped: false,
        was_open: false,
    }));
    connect(org, live, on_settings, conn.clone());

    let on_visible = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            live.version.update(|v| *v += 1);
            on_settings.run(());
        }
    });
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        let _ = doc.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    }
    let held = SendWrapper::new((conn, on_visible));
    on_cleanup(move || {
        let (conn, on_visible) = held.take();
        let mut c = conn.borrow_mut();
        c.stopped = true;
        if let Some(s) = c.source.take() {
            s.close();
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let _ = doc.remove_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
        }
    });
    live
}

fn connect(org: i64, live: LiveEvents, on_settings: Callback<()>, conn: Rc<RefCell<Connection>>) {
    if conn.borrow().stopped {
        return;
    }
    leptos::task::spawn_local(async move {
        match crate::api::events::events_url(org).await {
            Ok(url) => open(org, url, live, on_settings, conn),
            Err(_) => retry_later(org, live, on_settings, conn),
        }
    });
}

/// Connects again after the current backoff, which doubles (up to a limit).
fn retry_later(org: i64, live: LiveEvents, on_settings: Callback<()>, conn: Rc<RefCell<Connection>>) {
    let delay = {
        let mut c = conn.borrow_mut();
        let d = c.backoff_ms;
        c.backoff_ms = (d * 2).min(MAX_BACKOFF_MS);
        d
    };
    let retry = Closure::once_into_js(move || connect(org, live, on_settings, conn));
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), delay);
    }
}

fn open(org: i64, url: String, live: LiveEvents, on_settings: Callback<()>, conn: Rc<RefCell<Connection>>) {
    if conn.borrow().stopped {
        return;
    }
    // A ticket opens one stream: the browser's own reconnection would reuse a spent one.
    let ticketed = url.contains("ticket=");
    let init = web_sys::EventSourceInit::new();
    init.set_with_credentials(true);
    let Ok(source) = web_sys::EventSource::new_with_event_source_init_dict(&url, &init) else {
        return;
    };
    let mut handlers = Vec::new();
    for kind in KINDS {
        let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let event = ev
                .dyn_ref::<web_sys::MessageEvent>()
                .and_then(|m| m.data().as_string())
                .and_then(|d| serde_json::from_str::<OrgEvent>(&d).ok());
            live.version.update(|v| *v += 1);
            match event.as_ref().map(|e| e.kind.as_str()) {
                Some("handoff.requested") => {
                    live.handoff.set(event.and_then(|e| e.conversation_id));
                    crate::sound::chime();
                }
                Some("settings.updated") => on_settings.run(()),
                _ => {}
            }
        });
        let _ = source.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
        handlers.push(handler);
    }
    let opened_conn = conn.clone();
    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        let reconnected = {
            let mut c = opened_conn.borrow_mut();
            c.backoff_ms = 1000;
            std::mem::replace(&mut c.was_open, true)
        };
        live.connected.set(true);
        // Catch up on whatever happened while disconnected: the lists, and the settings,
        // whose `settings.updated` may have been sent while nobody listened.
        live.version.update(|v| *v += 1);
        if reconnected {
            on_settings.run(());
        }
    });
    let _ = source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
    handlers.push(on_open);
    let error_conn = conn.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        live.connected.set(false);
        let source = ev.target().and_then(|t| t.dyn_into::<web_sys::EventSource>().ok());
        let closed = source.as_ref().is_some_and(|s| s.ready_state() == web_sys::EventSource::CLOSED);
        if !closed && !ticketed {
            return; // the browser retries by itself
        }
        if let Some(source) = source {
            source.close();
        }
        retry_later(org, live, on_settings, error_conn.clone());
    });
    let _ = source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    handlers.push(on_error);
    let mut c = conn.borrow_mut();
    if let Some(old) = c.source.replace(source) {
        old.close();
    }
    c.handlers = handlers;
}
