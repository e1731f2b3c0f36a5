//! A button for an action that cannot be undone (revoking a key, deleting a saved reply,
//! choosing a paid plan): it first asks, in place. The question is a labelled group with
//! the consequence, the confirming button and Cancel; focus moves to Cancel, the safe
//! answer, and Escape or Cancel closes it with focus back on the button.

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn AskFirst(
    /// The button's full name ("Delete Greeting").
    #[prop(into)]
    label: Signal<String>,
    /// Shorter visible text where the row already says which ("Delete"); `label` stays
    /// the button's accessible name, and must contain it.
    #[prop(optional, into)]
    short: Option<Signal<String>>,
    /// The question: the group's accessible name, e.g. "Delete Greeting?".
    #[prop(into)]
    question: Signal<String>,
    /// What confirming does, said plainly.
    #[prop(into)]
    help: Signal<String>,
    /// The confirming button's text, e.g. "Yes, delete".
    #[prop(into)]
    confirm: Signal<String>,
    #[prop(into)] busy: Signal<bool>,
    /// The class of the button that asks.
    class: &'static str,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let on_keydown = crate::focus::escape_closes(asking, button);
    view! {
        <span class="ask-first" on:keydown=on_keydown>
            <button type="button" class=class node_ref=button aria-expanded=move || asking.get().to_string()
                aria-label=move || short.is_some().then(|| label.get()) disabled=busy on:click=move |_| asking.set(true)>
                {move || short.unwrap_or(label).get()}
            </button>
            {move || asking.get().then(|| {
                let safe = NodeRef::<leptos::html::Button>::new();
                Effect::new(move |_| {
                    if let Some(b) = safe.get() {
                        let _ = b.focus();
                    }
                });
                view! {
                    <span class="confirm" role="group" aria-label=question>
                        <span class="confirm-help">{help}</span>
                        <button type="button" class="small danger-button" disabled=busy
                            on:click=move |_| { asking.set(false); on_confirm.run(()); }>
                            {confirm}
                        </button>
                        <button type="button" class="small" node_ref=safe on:click=move |_| crate::focus::close_and_refocus(asking, button)>
                            {move || t_string!(i18n, common.cancel)}
                        </button>
                    </span>
                }
            })}
        </span>
    }
}
