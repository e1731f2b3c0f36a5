//! A small SVG bar chart (no chart library); the numbers are in a table beside it for
//! screen readers, so the picture itself is decoration.

use leptos::prelude::*;

/// One bar per value, scaled to the largest; several series side by side per slot.
#[component]
pub fn BarChart(series: Vec<(String, Vec<i64>)>, #[prop(into)] label: String) -> impl IntoView {
    let slots = series.iter().map(|(_, v)| v.len()).max().unwrap_or(0).max(1);
    let max = series.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(0).max(1) as f64;
    let (width, height) = (600.0, 160.0);
    let slot_w = width / slots as f64;
    let bar_w = (slot_w * 0.8) / series.len().max(1) as f64;
    let bars = series
        .iter()
        .enumerate()
        .flat_map(|(si, (class, values))| {
            values.iter().enumerate().map(move |(i, v)| {
                let h = (*v as f64 / max) * (height - 10.0);
                let x = i as f64 * slot_w + slot_w * 0.1 + si as f64 * bar_w;
                view! { <rect class=class.clone() x=format!("{x:.1}") y=format!("{:.1}", height - h) width=format!("{:.1}", bar_w.max(1.0)) height=format!("{h:.1}")/> }
            })
        })
        .collect_view();
    view! {
        <svg class="bar-chart" viewBox=format!("0 0 {width} {height}") role="img" aria-label=label preserveAspectRatio="none">
            {bars}
        </svg>
    }
}
