//! An edit form in a modal dialog, so that editing a row never stretches the table: the
//! page behind is inert, Escape or Cancel closes it without saving, and focus goes back to
//! the button that opened it. The form inside is a `<form method="dialog">`: submitting it
//! closes the dialog, unless its submit handler prevents that (a field to correct).

use crate::focus::focus_id;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

#[component]
pub fn EditDialog(
    /// The dialog's heading and accessible name ("Edit Ines Moreau").
    #[prop(into)]
    title: TextProp,
    /// Open or closed; whoever opens it sets this.
    open: RwSignal<bool>,
    /// The id of the button focus returns to on closing.
    return_to: String,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else {
            return;
        };
        if open.get() && !d.open() {
            let _ = d.show_modal();
        } else if !open.get() && d.open() {
            d.close();
        }
    });
    let heading = title.clone();
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-label=title
            on:close=move |_| {
                open.set(false);
                focus_id(&return_to);
            }
        >
            <h2>{move || heading.get()}</h2>
            {children()}
        </dialog>
    }
}

/// The end of a dialog's form: Save (submits, which closes the dialog) and Cancel.
#[component]
pub fn DialogButtons(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="dialog-actions">
            <button type="submit" class="primary">
                {move || t_string!(i18n, users.save)}
            </button>
            <button type="button" on:click=move |_| open.set(false)>
                {move || t_string!(i18n, common.cancel)}
            </button>
        </div>
    }
}
