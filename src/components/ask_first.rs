//! A button for an action that cannot be undone (revoking a key, deleting a saved reply,
//! choosing a paid plan): it first asks, in place. The question is a labelled group with
//! the consequence, the confirming button and Cancel; focus moves to Cancel, the safe
//! answer, and Escape or Cancel closes it with focus back on the button.

use crate::i18n::*;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

#[component]
pub fn AskFirst(
    /// The button's full name ("Delete Greeting").
    #[prop(into)]
    label: TextProp,
    /// Shorter visible text where the row already says which ("Delete"); `label` stays
    /// the button's accessible name, and must contain it.
    #[prop(optional, into)]
    short: Option<TextProp>,
    /// The question: the group's accessible name, e.g. "Delete Greeting?".
    #[prop(into)]
    question: TextProp,
    /// What confirming does, said plainly.
    #[prop(into)]
    help: TextProp,
    /// The confirming button's text, e.g. "Yes, delete".
    #[prop(into)]
    confirm: TextProp,
    #[prop(into)] busy: Signal<bool>,
    /// The class of the button that asks.
    class: &'static str,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let on_keydown = crate::focus::escape_closes(asking, button);
    // With a short text, the full label is the accessible name.
    let named = short.is_some().then(|| label.clone());
    let shown = short.unwrap_or(label);
    view! {
        <span class="ask-first" on:keydown=on_keydown>
            <button
                type="button"
                class=class
                node_ref=button
                aria-expanded=move || asking.get().to_string()
                aria-label=move || named.as_ref().map(TextProp::get)
                disabled=busy
                on:click=move |_| asking.set(true)
            >
                {move || shown.get()}
            </button>
            {move || {
                asking
                    .get()
                    .then(|| {
                        let (question, help, confirm) = (question.clone(), help.clone(), confirm.clone());
                        view! {
                            <Question
                                question=question
                                help=help
                                confirm=confirm
                                busy=busy
                                asking=asking
                                button=button
                                on_confirm=on_confirm
                            />
                        }
                    })
            }}
        </span>
    }
}

/// The question itself: what confirming does, the confirming button, and Cancel, which
/// takes focus (the safe answer) and gives it back to `button`.
#[component]
fn Question(
    question: TextProp,
    help: TextProp,
    confirm: TextProp,
    busy: Signal<bool>,
    asking: RwSignal<bool>,
    button: NodeRef<leptos::html::Button>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let safe = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = safe.get() {
            let _ = b.focus();
        }
    });
    view! {
        <span class="confirm" role="group" aria-label=question>
            <span class="confirm-help">{move || help.get()}</span>
            <button
                type="button"
                class="small danger-button"
                disabled=busy
                on:click=move |_| {
                    asking.set(false);
                    on_confirm.run(());
                }
            >
                {move || confirm.get()}
            </button>
            <button
                type="button"
                class="small"
                node_ref=safe
                on:click=move |_| crate::focus::close_and_refocus(asking, button)
            >
                {move || t_string!(i18n, common.cancel)}
            </button>
        </span>
    }
}
