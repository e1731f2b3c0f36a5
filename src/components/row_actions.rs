//! The last cell of a table row: its actions as short buttons ("Disable", each named in
//! full for assistive technology: "Disable Ines Moreau"), on the row's text line and lined
//! up at the row's end, row under row. A row with more than two actions puts them in a
//! `RowMenu` inside this cell.

use leptos::prelude::*;

#[component]
pub fn RowActions(children: Children) -> impl IntoView {
    view! {
        <td class="row-actions">
            <div class="row-actions-inner">{children()}</div>
        </td>
    }
}
