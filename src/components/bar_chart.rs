//! A small SVG bar chart (no chart library) with its axes, a value on each bar's tooltip,
//! and a legend when there are several series. The same numbers are in a table beside it,
//! which is what screen readers use; the picture has a name and nothing more.

use crate::format::to_a_tenth as px;
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

/// Where things go: the plot's size, each slot's and each bar's width, and the y axis's top.
#[derive(Clone, Copy)]
struct Scale {
    slots: usize,
    max: i64,
    slot_w: f64,
    bar_w: f64,
    plot_h: f64,
}

impl Scale {
    fn new(series: &[Series], slots: usize) -> Scale {
        let slots = slots.max(1);
        let slot_w = (WIDTH - LEFT) / slots as f64;
        Scale {
            slots,
            max: nice_max(series.iter().flat_map(|s| s.values.iter().copied()).max().unwrap_or(0)),
            slot_w,
            bar_w: (slot_w * 0.8) / series.len().max(1) as f64,
            plot_h: HEIGHT - BOTTOM - TOP,
        }
    }

    fn y(self, v: i64) -> f64 {
        TOP + self.plot_h - (v as f64 / self.max as f64) * self.plot_h
    }
}

/// `slots`: the x axis's label of each slot (a date); numbers are written for `lang`.
#[component]
pub fn BarChart(
    series: Vec<Series>,
    slots: Vec<String>,
    #[prop(into)] label: String,
    lang: &'static str,
) -> impl IntoView {
    let scale = Scale::new(&series, slots.len());
    let bottom = TOP + scale.plot_h;
    view! {
        <figure class="chart">
            // Time runs left to right in every language, as in the table of dates beside it.
            <svg
                class="bar-chart"
                dir="ltr"
                viewBox=format!("0 0 {} {}", px(WIDTH), px(HEIGHT))
                role="img"
                aria-label=label
            >
                {ticks(scale, lang)}
                <line class="axis" x1=px(LEFT) x2=px(LEFT) y1=px(TOP) y2=px(bottom) />
                <line class="axis" x1=px(LEFT) x2=px(WIDTH) y1=px(bottom) y2=px(bottom) />
                {bars(scale, &series, &slots, lang)}
                {dates(scale, &slots)}
            </svg>
            {legend(&series)}
        </figure>
    }
}

/// Gridlines and numbers at 0, half and the top.
fn ticks(scale: Scale, lang: &'static str) -> impl IntoView {
    [0, scale.max / 2, scale.max]
        .into_iter()
        .map(|v| {
            let at = px(scale.y(v));
            view! {
                <line class="grid" x1=px(LEFT) x2=px(WIDTH) y1=at.clone() y2=at.clone() />
                <text class="tick" x=px(LEFT - 6.0) y=at text-anchor="end" dominant-baseline="middle">
                    {crate::format::number(v, lang)}
                </text>
            }
        })
        .collect_view()
}

/// Dates under the first, middle and last slots; the first and last flush with the plot's ends.
fn dates(scale: Scale, slots: &[String]) -> impl IntoView {
    let n = scale.slots;
    let marks: Vec<usize> = if n <= 3 { (0..n).collect() } else { vec![0, n / 2, n - 1] };
    marks
        .into_iter()
        .filter_map(|i| slots.get(i).map(|text| (i, text.clone())))
        .map(|(i, text)| {
            let (anchor, x) = if i == 0 && n > 1 {
                ("start", LEFT + i as f64 * scale.slot_w)
            } else if i == n - 1 && n > 1 {
                ("end", LEFT + (i + 1) as f64 * scale.slot_w)
            } else {
                ("middle", LEFT + (i as f64 + 0.5) * scale.slot_w)
            };
            view! {
                <text class="tick" x=px(x) y=px(HEIGHT - 4.0) text-anchor=anchor>
                    {text}
                </text>
            }
        })
        .collect_view()
}

/// A bar per series in each slot, with the date, the series and the value as its tooltip.
fn bars(scale: Scale, series: &[Series], slots: &[String], lang: &'static str) -> impl IntoView {
    series
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.values.iter().enumerate().map(move |(i, v)| {
                let top = scale.y(*v);
                let x = LEFT + i as f64 * scale.slot_w + scale.slot_w * 0.1 + si as f64 * scale.bar_w;
                let date = slots.get(i).cloned().unwrap_or_default();
                let tip = format!("{date} · {}: {}", s.name, crate::format::number(*v, lang));
                view! {
                    <rect
                        class=s.class
                        x=px(x)
                        y=px(top)
                        width=px(scale.bar_w.max(1.0))
                        height=px((TOP + scale.plot_h - top).max(0.0))
                    >
                        <title>{tip}</title>
                    </rect>
                }
            })
        })
        .collect_view()
}

/// The series' names and colours, when there are several.
fn legend(series: &[Series]) -> impl IntoView {
    (series.len() > 1).then(|| {
        let items = series
            .iter()
            .map(|s| {
                view! {
                    <li>
                        <span class=format!("swatch {}", s.class)></span>
                        {s.name.clone()}
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="legend" aria-hidden="true">
                {items}
            </ul>
        }
    })
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
