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

/// The `/` list's state: where the cursor is in the draft, the saved replies matching what
/// follows the `/` before it, which of them is chosen, and whether Escape closed the list.
#[derive(Clone, Copy)]
struct SlashList {
    cursor: RwSignal<usize>,
    active: RwSignal<usize>,
    closed: RwSignal<bool>,
    query: Memo<Option<(usize, String)>>,
    options: Memo<Vec<CannedResponse>>,
}

impl SlashList {
    fn new(text: RwSignal<String>, canned: Vec<CannedResponse>) -> SlashList {
        let cursor = RwSignal::new(0usize);
        let closed = RwSignal::new(false);
        let query = Memo::new(move |_| slash_query(&text.get(), cursor.get()));
        let options = Memo::new(move |_| match query.get() {
            Some((_, q)) if !closed.get() => {
                canned.iter().filter(|r| matches(&r.shortcode, &r.title, &q)).cloned().collect::<Vec<_>>()
            }
            _ => Vec::new(),
        });
        SlashList { cursor, active: RwSignal::new(0), closed, query, options }
    }

    fn open(self) -> bool {
        !self.options.with(Vec::is_empty)
    }

    /// Where the cursor is in the field, in characters.
    fn follow_cursor(self, area: NodeRef<Textarea>) {
        if let Some(el) = area.get() {
            let pos = el.selection_start().ok().flatten().unwrap_or(0) as usize;
            self.cursor.set(char_index(&el.value(), pos));
        }
    }

    /// Typing opens the list again, at its first option.
    fn typed(self) {
        self.closed.set(false);
        self.active.set(0);
    }

    /// The arrows choose, Escape closes; Enter and Tab answer the reply to insert. Tab
    /// then moves on as usual (no keyboard trap).
    fn on_key(self, ev: &KeyboardEvent) -> Option<CannedResponse> {
        let count = self.options.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                self.active.update(|a| *a = (*a + 1) % count);
            }
            "ArrowUp" => {
                ev.prevent_default();
                self.active.update(|a| *a = (*a + count - 1) % count);
            }
            key @ ("Enter" | "Tab") => {
                if key == "Enter" {
                    ev.prevent_default();
                }
                return self.options.with(|o| o.get(self.active.get_untracked()).cloned());
            }
            "Escape" => {
                ev.prevent_default();
                self.closed.set(true);
            }
            _ => {}
        }
        None
    }
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
    let list = SlashList::new(text, canned);
    let area = NodeRef::<Textarea>::new();
    let context = StoredValue::new(context);
    let sync_cursor = move || list.follow_cursor(area);
    let insert = Callback::new(move |reply: CannedResponse| {
        let body = context.with_value(|c| fill_variables(&reply.body, &c.contact_name, &c.agent_name, &c.user_name));
        insert_at_cursor(area, text, list, &body);
    });
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
        } else if list.open() {
            if let Some(reply) = list.on_key(&ev) {
                insert.run(reply);
            }
        }
    };
    show_draft(area, text);

    view! {
        <form
            class="reply-box"
            on:submit=move |ev: SubmitEvent| {
                ev.prevent_default();
                send();
            }
        >
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
                aria-activedescendant=move || list.open().then(|| format!("canned-option-{}", list.active.get()))
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    list.typed();
                    sync_cursor();
                }
                on:keyup=move |_| sync_cursor()
                on:click=move |_| sync_cursor()
                on:keydown=on_keydown
            ></textarea>
            <p id="reply-help" class="muted">
                {move || t_string!(i18n, conversation.reply_help)}
            </p>
            <CannedOptions list=list on_pick=insert />
            <button type="submit" class="primary" disabled=move || sending.get()>
                {move || t_string!(i18n, conversation.send)}
            </button>
        </form>
    }
}

/// The field shows the draft: as it was before a redraw, and empty once sent. Typing
/// leaves the two equal, so the cursor is never moved.
fn show_draft(area: NodeRef<Textarea>, text: RwSignal<String>) {
    Effect::new(move |_| {
        let t = text.get();
        if let Some(el) = area.get() {
            if el.value() != t {
                el.set_value(&t);
            }
        }
    });
}

/// Puts `body` in place of the `/query` before the cursor, and the cursor after it.
fn insert_at_cursor(area: NodeRef<Textarea>, text: RwSignal<String>, list: SlashList, body: &str) {
    let Some((start, _)) = list.query.get_untracked() else {
        return;
    };
    let (next, at) = replace_at(&text.get_untracked(), start, list.cursor.get_untracked(), body);
    text.set(next.clone());
    list.cursor.set(at);
    if let Some(el) = area.get() {
        el.set_value(&next);
        let utf16_at = next.chars().take(at).map(char::len_utf16).sum::<usize>() as u32;
        let _ = el.set_selection_range(utf16_at, utf16_at);
        let _ = el.focus();
    }
}

/// The saved replies matching the `/` query; a click picks one without leaving the field.
#[component]
fn CannedOptions(list: SlashList, on_pick: Callback<CannedResponse>) -> impl IntoView {
    let i18n = use_i18n();
    let options = move || {
        list.options
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let chosen = r.clone();
                view! {
                    <li
                        id=format!("canned-option-{i}")
                        role="option"
                        aria-selected=move || (list.active.get() == i).to_string()
                        on:mousedown=move |ev| {
                            ev.prevent_default();
                            on_pick.run(chosen.clone());
                        }
                    >
                        <code>{format!("/{}", r.shortcode)}</code>
                        " "
                        {r.title.clone()}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ul
            id="canned-options"
            role="listbox"
            class="canned-options"
            hidden=move || !list.open()
            aria-label=move || t_string!(i18n, conversation.canned_list)
        >
            {options}
        </ul>
    }
}
