//! The reply field: typing `/` lists saved replies; arrows choose, Enter inserts one
//! with its variables filled in at the cursor (Tab too, then moves on), Escape closes the list.

use crate::i18n::*;
use crate::slash::{char_index, matches, replace_at, slash_query};
use atrium_api::conversation::fill_variables;
use atrium_api::CannedResponse;
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::html::Textarea;
use leptos::prelude::*;

/// Who the variables of a saved reply refer to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyContext {
    pub contact_name: String,
    pub agent_name: String,
    pub user_name: String,
}

#[component]
pub fn ReplyBox(
    canned: Vec<CannedResponse>,
    context: ReplyContext,
    #[prop(into)] sending: Signal<bool>,
    // Owned by the page, so a redraw (a new message arriving) keeps what is typed; the
    // page empties it once the server has the reply.
    draft: RwSignal<String>,
    on_send: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = draft;
    let cursor = RwSignal::new(0usize);
    let active = RwSignal::new(0usize);
    let closed = RwSignal::new(false);
    let area = NodeRef::<Textarea>::new();
    let canned = StoredValue::new(canned);
    let context = StoredValue::new(context);

    let query = Memo::new(move |_| slash_query(&text.get(), cursor.get()));
    let options = Memo::new(move |_| match query.get() {
        Some((_, q)) if !closed.get() => {
            canned.with_value(|c| c.iter().filter(|r| matches(&r.shortcode, &r.title, &q)).cloned().collect::<Vec<_>>())
        }
        _ => Vec::new(),
    });
    let open = move || !options.with(Vec::is_empty);

    let sync_cursor = move || {
        if let Some(el) = area.get() {
            let pos = el.selection_start().ok().flatten().unwrap_or(0) as usize;
            cursor.set(char_index(&el.value(), pos));
        }
    };
    let insert = move |reply: CannedResponse| {
        let Some((start, _)) = query.get_untracked() else {
            return;
        };
        let body = context.with_value(|c| fill_variables(&reply.body, &c.contact_name, &c.agent_name, &c.user_name));
        let (next, at) = replace_at(&text.get_untracked(), start, cursor.get_untracked(), &body);
        text.set(next.clone());
        cursor.set(at);
        if let Some(el) = area.get() {
            el.set_value(&next);
            let utf16_at = next.chars().take(at).map(char::len_utf16).sum::<usize>() as u32;
            let _ = el.set_selection_range(utf16_at, utf16_at);
            let _ = el.focus();
        }
    };
    // What Send and Ctrl+Enter do: the draft goes out unless it is blank.
    let send = move || {
        let t = text.get_untracked();
        if !t.trim().is_empty() {
            on_send.run(t);
        }
    };
    let on_keydown = move |ev: KeyboardEvent| {
        // Ctrl+Enter (Cmd+Enter on a Mac) sends, as in mail and chat apps; Enter alone
        // starts a new line.
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            send();
            return;
        }
        if !open() {
            return;
        }
        let count = options.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % count);
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|a| *a = (*a + count - 1) % count);
            }
            // Tab also inserts the chosen reply, then moves on as usual (no keyboard trap).
            key @ ("Enter" | "Tab") => {
                if key == "Enter" {
                    ev.prevent_default();
                }
                if let Some(reply) = options.with(|o| o.get(active.get_untracked()).cloned()) {
                    insert(reply);
                }
            }
            "Escape" => {
                ev.prevent_default();
                closed.set(true);
            }
            _ => {}
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send();
    };
    // The field shows the draft: as it was before a redraw, and empty once sent. Typing
    // leaves the two equal, so the cursor is never moved.
    Effect::new(move |_| {
        let t = text.get();
        if let Some(el) = area.get() {
            if el.value() != t {
                el.set_value(&t);
            }
        }
    });

    view! {
        <form class="reply-box" on:submit=on_submit>
            <label for="reply-text">{move || t_string!(i18n, conversation.reply)}</label>
            // A plain textbox (a textarea may not take the combobox role) that points at
            // the option chosen in the list it controls.
            <textarea
                id="reply-text"
                node_ref=area
                rows="3"
                aria-autocomplete="list"
                aria-haspopup="listbox"
                aria-controls="canned-options"
                aria-describedby="reply-help"
                aria-activedescendant=move || open().then(|| format!("canned-option-{}", active.get()))
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    closed.set(false);
                    active.set(0);
                    sync_cursor();
                }
                on:keyup=move |_| sync_cursor()
                on:click=move |_| sync_cursor()
                on:keydown=on_keydown
            ></textarea>
            <p id="reply-help" class="muted">
                {move || t_string!(i18n, conversation.reply_help)}
            </p>
            <ul
                id="canned-options"
                role="listbox"
                class="canned-options"
                hidden=move || !open()
                aria-label=move || t_string!(i18n, conversation.canned_list)
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let chosen = r.clone();
                            view! {
                                <li
                                    id=format!("canned-option-{i}")
                                    role="option"
                                    aria-selected=move || (active.get() == i).to_string()
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        insert(chosen.clone());
                                    }
                                >
                                    <code>{format!("/{}", r.shortcode)}</code>
                                    " "
                                    {r.title.clone()}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <button type="submit" class="primary" disabled=move || sending.get()>
                {move || t_string!(i18n, conversation.send)}
            </button>
        </form>
    }
}
