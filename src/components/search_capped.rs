//! What a list says when its search matched more than the server looks at
//! (`ListResponse::capped`): the most recent matches are listed, and a narrower search
//! finds the others.

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn SearchCapped(count: u64) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || crate::format::number(count as i64, i18n.get_locale().as_str());
    view! {
        <p class="notice notice-info" role="status">
            {move || t_string!(i18n, common.search_capped, count = count())}
        </p>
    }
}
