//! A small SVG bar chart (no chart library) with its axes, a value on each bar's tooltip,
//! and a legend when there are several series. The same numbers are in a table beside it,
//! which is what screen readers use; the picture has a name and nothing more.

use leptos::prelude::*;

/// One series: its name (for the legend), its CSS class (its colour) and one value per slot.
pub struct Series {
    pub name: String,
    pub class: &'static str,
    pub values: Vec<i64>,
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;
/// Room for the y axis's numbers on the left and the dates below.
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 8.0;

/// `slots`: the x axis's label of each slot (a date); numbers are written for `lang`.
#[component]
pub fn BarChart(
    series: Vec<Series>,
    slots: Vec<String>,
    #[prop(into)] label: String,
    lang: &'static str,
) -> impl IntoView {
    let number = move |v: i64| crate::format::number(v, lang);
    let n = slots.len().max(1);
    let max = nice_max(series.iter().flat_map(|s| s.values.iter().copied()).max().unwrap_or(0));
    let plot_w = WIDTH - LEFT;
    let plot_h = HEIGHT - BOTTOM - TOP;
    let slot_w = plot_w / n as f64;
    let bar_w = (slot_w * 0.8) / series.len().max(1) as f64;
    let y = move |v: f64| TOP + plot_h - (v / max as f64) * plot_h;
    // Gridlines and numbers at 0, half and the top.
    let ticks = [0, max / 2, max]
        .into_iter()
        .map(|v| {
            let at = format!("{:.1}", y(v as f64));
            view! {
                <line class="grid" x1=LEFT x2=WIDTH y1=at.clone() y2=at.clone() />
                <text class="tick" x=LEFT - 6.0 y=at text-anchor="end" dominant-baseline="middle">
                    {number(v)}
                </text>
            }
        })
        .collect_view();
    // Dates under the first, middle and last slots.
    let marks: Vec<usize> = if n <= 3 { (0..n).collect() } else { vec![0, n / 2, n - 1] };
    let dates = marks
        .into_iter()
        .filter_map(|i| slots.get(i).map(|text| (i, text.clone())))
        .map(|(i, text)| {
            let x = LEFT + (i as f64 + 0.5) * slot_w;
            let anchor = if i == 0 && n > 1 {
                "start"
            } else if i == n - 1 && n > 1 {
                "end"
            } else {
                "middle"
            };
            let x = match anchor {
                "start" => LEFT + i as f64 * slot_w,
                "end" => LEFT + (i + 1) as f64 * slot_w,
                _ => x,
            };
            view! {
                <text class="tick" x=format!("{x:.1}") y=HEIGHT - 4.0 text-anchor=anchor>
                    {text}
                </text>
            }
        })
        .collect_view();
    let bars = series
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            let slots = &slots;
            s.values.iter().enumerate().map(move |(i, v)| {
                let top = y(*v as f64);
                let x = LEFT + i as f64 * slot_w + slot_w * 0.1 + si as f64 * bar_w;
                let tip = format!("{} · {}: {}", slots.get(i).cloned().unwrap_or_default(), s.name, number(*v));
                view! {
                    <rect
                        class=s.class
                        x=format!("{x:.1}")
                        y=format!("{top:.1}")
                        width=format!("{:.1}", bar_w.max(1.0))
                        height=format!("{:.1}", (TOP + plot_h - top).max(0.0))
                    >
                        <title>{tip}</title>
                    </rect>
                }
            })
        })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="legend" aria-hidden="true">
                {series
                    .iter()
                    .map(|s| {
                        view! {
                            <li>
                                <span class=format!("swatch {}", s.class)></span>
                                {s.name.clone()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <figure class="chart">
            // Time runs left to right in every language, as in the table of dates beside it.
            <svg class="bar-chart" dir="ltr" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
                {ticks}
                <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=TOP + plot_h />
                <line class="axis" x1=LEFT x2=WIDTH y1=TOP + plot_h y2=TOP + plot_h />
                {bars}
                {dates}
            </svg>
            {legend}
        </figure>
    }
}

/// The y axis's top: the largest value rounded up to an even number (so its half is whole),
/// at least 2.
pub fn nice_max(largest: i64) -> i64 {
    let top = largest.max(2);
    top + top % 2
}

#[cfg(test)]
mod tests {
    use super::nice_max;

    #[test]
    fn the_axis_top_holds_the_largest_value_and_halves_evenly() {
        assert_eq!(nice_max(0), 2);
        assert_eq!(nice_max(7), 8);
        assert_eq!(nice_max(10), 10);
    }
}
