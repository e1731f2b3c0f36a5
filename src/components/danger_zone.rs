//! Archive, restore and delete. Delete asks for a short word of the reader's language to
//! be typed (not the organization's name, which may be a hundred characters long), in a
//! label that names the organization it deletes.

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn DangerZone(
    name: String,
    archived: bool,
    #[prop(into)] busy: Signal<bool>,
    on_archive: Callback<bool>,
    on_delete: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let name = StoredValue::new(name);
    let word = move || t_string!(i18n, danger.delete_word).to_string();
    let matches = move || typed.with(|t| t.trim().to_lowercase()) == word().to_lowercase();
    let toggle = NodeRef::<leptos::html::Button>::new();
    // Escape closes the confirmation and gives focus back to the button that opened it.
    let on_keydown = crate::focus::escape_closes(confirming, toggle);
    view! {
        <section class="danger card" aria-labelledby="danger-title" on:keydown=on_keydown>
            <h2 id="danger-title">{t!(i18n, danger.title)}</h2>
            <div class="actions">
                <button type="button" disabled=busy on:click=move |_| on_archive.run(!archived)>
                    {move || if archived { t_string!(i18n, danger.restore) } else { t_string!(i18n, danger.archive) }}
                </button>
                <button
                    type="button"
                    class="danger-button"
                    node_ref=toggle
                    aria-expanded=move || confirming.get().to_string()
                    on:click=move |_| confirming.update(|c| *c = !*c)
                >
                    {t!(i18n, danger.delete)}
                </button>
            </div>
            <Show when=move || confirming.get()>
                <p>{t!(i18n, danger.delete_help)}</p>
                <div class="field">
                    <label for="delete-confirm">
                        {move || {
                            name.with_value(|n| {
                                t_string!(i18n, danger.delete_confirm_label, word = word(), name = n.clone())
                                    .to_string()
                            })
                        }}
                    </label>
                    <input
                        id="delete-confirm"
                        type="text"
                        autocomplete="off"
                        prop:value=typed
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </div>
                <button
                    type="button"
                    class="danger-button"
                    disabled=move || !matches() || busy.get()
                    on:click=move |_| on_delete.run(())
                >
                    {t!(i18n, danger.delete_confirm)}
                </button>
            </Show>
        </section>
    }
}
