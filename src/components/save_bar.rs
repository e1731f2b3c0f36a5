//! The bar that appears with the first unsaved change: how many, Save, Discard.

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn SaveBar(
    #[prop(into)] count: Signal<usize>,
    #[prop(into)] saving: Signal<bool>,
    on_save: Callback<()>,
    on_discard: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || { count.get() > 0 }>
            <div class="save-bar" role="region" aria-label=move || t_string!(i18n, save_bar.label)>
                <span role="status">
                    {move || {
                        crate::counted!(
                            i18n, save_bar.changes, count.get() as i64, count = crate::format::number(count.get() as i64, i18n.get_locale().as_str())
                        )
                    }}
                </span>
                <span class="muted">{t!(i18n, save_bar.shortcut)}</span>
                <button type="button" on:click=move |_| on_discard.run(()) disabled=move || saving.get()>
                    {t!(i18n, save_bar.discard)}
                </button>
                <button type="button" class="primary" on:click=move |_| on_save.run(()) disabled=move || saving.get()>
                    {move || {
                        if saving.get() { t_string!(i18n, save_bar.saving) } else { t_string!(i18n, save_bar.save) }
                    }}
                </button>
            </div>
        </Show>
    }
}
