//! Monthly growth: won and came back up, lost down, net as a line with dots.

use crate::line::x_labels;
use crate::scale::{Linear, fixed, group, nice};
use crate::svg::{Anchor, PAD, Style, Svg, TITLE_BOTTOM, polyline};
use crate::theme::{BAD, BG, GRID, INK, MUTED, OK, PAPER, STUB_LINE};
use crate::{NO_DATA, Numbers, Size};

/// One month (or other period) of a [`growth_chart`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GrowthRow {
    pub label: String,
    pub won: u32,
    pub came_back: u32,
    pub lost: u32,
    /// Drawn as given (the caller's one definition of net), not recomputed here.
    pub net: i64,
}

/// Options of a [`growth_chart`].
#[derive(Debug, Clone, Default)]
pub struct GrowthOptions {
    pub size: Size,
    /// The legend's names: won, came back, lost, net.
    pub names: [String; 4],
    /// The last row is a period not over yet: its bars pale, its net dot hollow, and this
    /// text (e.g. "partial") names it.
    pub partial: Option<String>,
    pub numbers: Numbers,
}

/// The colour of customers who came back: a lighter green stacked on the won bar.
const CAME_BACK: &str = "#6aa886";

/// Diverging bars per row: won (green) and came back (light green, stacked on it) up, lost
/// (red) down, one `<rect>` per non-zero value, and the net as a dark line with a dot per
/// row, at the caller's `net`. Every series is named in a legend that wraps when narrow.
pub fn growth_chart(title: &str, rows: &[GrowthRow], opts: &GrowthOptions) -> String {
    let mut svg = Svg::new(title, opts.size);
    let (w, h) = (svg.size.width, svg.size.height);
    let count = rows.len();
    // Months with nobody won, back or lost say nothing: an empty chart, not a flat line.
    if rows
        .iter()
        .all(|r| r.won == 0 && r.came_back == 0 && r.lost == 0 && r.net == 0)
    {
        return svg.empty(NO_DATA);
    }
    let num = |v: f64| opts.numbers.apply(&fixed(v, 0));
    let up = |r: &GrowthRow| f64::from(r.won) + f64::from(r.came_back);
    let hi = rows
        .iter()
        .map(|r| up(r).max(r.net as f64))
        .fold(0.0, f64::max);
    let lo = rows
        .iter()
        .map(|r| (-f64::from(r.lost)).min(r.net as f64))
        .fold(0.0, f64::min);
    let partial = opts.partial.as_deref().filter(|p| !p.is_empty());

    // Legend first: its rows decide where the plot starts.
    let style = Style::new(12.0, INK);
    let max_name = (w - 2.0 * PAD - 18.0).clamp(20.0, 160.0);
    let mut legend: Vec<(f64, usize)> = Vec::new();
    let (mut x, mut row) = (PAD, 0);
    for name in &opts.names {
        let item = 18.0 + style.width(name).min(max_name);
        if x > PAD && x + item > w - PAD {
            x = PAD;
            row += 1;
        }
        legend.push((x, row));
        x += item + 20.0;
    }
    let top = TITLE_BOTTOM + 30.0 + 20.0 * row as f64 + if partial.is_some() { 14.0 } else { 0.0 };
    let bottom = h - PAD - 20.0;
    let (d0, d1, ticks) = nice(lo, if hi == 0.0 && lo == 0.0 { 1.0 } else { hi }, 5);
    let tick_style = Style::new(11.0, MUTED).anchor(Anchor::End);
    let tick_w = ticks
        .iter()
        .map(|t| tick_style.width(&num(*t)))
        .fold(0.0, f64::max);
    let left = PAD + tick_w + 8.0;
    let right = w - PAD;
    let slot = (right - left) / count as f64;
    let y = Linear {
        d0,
        d1,
        r0: bottom,
        r1: top,
    };
    let last = count - 1;
    if let Some(text) = partial {
        svg.rect(
            left + slot * last as f64,
            top,
            slot,
            bottom - top,
            BG,
            r#"data-mark="partial""#,
        );
        svg.label(
            right,
            top - 4.0,
            text,
            Style::new(10.0, MUTED).anchor(Anchor::End),
            (right - left).max(40.0),
        );
    }
    for t in &ticks {
        let py = y.at(*t);
        if t.abs() > 1e-9 {
            svg.line((left, py), (right, py), GRID, r#"stroke-width="1""#);
        }
        svg.text(left - 8.0, py + 4.0, &num(*t), tick_style);
    }
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    x_labels(&mut svg, &labels, left, slot, h - PAD - 2.0);
    let zero = y.at(0.0);
    let bar_w = (slot * 0.62).min(26.0);
    let [won_name, back_name, lost_name, net_name] = &opts.names;
    for (i, r) in rows.iter().enumerate() {
        let cx = left + slot * (i as f64 + 0.5);
        let pale = if partial.is_some() && i == last {
            r#" fill-opacity="0.4" stroke-dasharray="3 2" stroke-width="1""#
        } else {
            r#" fill-opacity="0.78""#
        };
        let count_text = |v: u32| opts.numbers.apply(&group(u64::from(v)));
        let (won, back) = (f64::from(r.won), f64::from(r.came_back));
        if r.won > 0 {
            let tip = format!("{} · {won_name}: {}", r.label, count_text(r.won));
            svg.rect_titled(
                (cx - bar_w / 2.0, y.at(won), bar_w, zero - y.at(won)),
                OK,
                &format!(r#"rx="1.5"{pale} stroke="{OK}" data-mark="won""#),
                &tip,
            );
        }
        if r.came_back > 0 {
            let tip = format!("{} · {back_name}: {}", r.label, count_text(r.came_back));
            svg.rect_titled(
                (
                    cx - bar_w / 2.0,
                    y.at(won + back),
                    bar_w,
                    y.at(won) - y.at(won + back),
                ),
                CAME_BACK,
                &format!(r#"rx="1.5"{pale} stroke="{CAME_BACK}" data-mark="came-back""#),
                &tip,
            );
        }
        if r.lost > 0 {
            let lost = f64::from(r.lost);
            let tip = format!("{} · {lost_name}: {}", r.label, count_text(r.lost));
            svg.rect_titled(
                (cx - bar_w / 2.0, zero, bar_w, y.at(-lost) - zero),
                BAD,
                &format!(r#"rx="1.5"{pale} stroke="{BAD}" data-mark="lost""#),
                &tip,
            );
        }
    }
    svg.line(
        (left, zero),
        (right, zero),
        STUB_LINE,
        r#"stroke-width="1""#,
    );
    let net: Vec<Option<(f64, f64)>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| Some((left + slot * (i as f64 + 0.5), y.at(r.net as f64))))
        .collect();
    let solid = if partial.is_some() && count > 1 {
        &net[..last]
    } else {
        &net[..]
    };
    svg.raw(&format!(
        r#"<path data-mark="net" d="{}" fill="none" stroke="{INK}" stroke-width="1.75" stroke-linejoin="round"/>"#,
        polyline(solid)
    ));
    if solid.len() < net.len() {
        svg.raw(&format!(
            r#"<path data-mark="partial-line" d="{}" fill="none" stroke="{INK}" stroke-width="1.75" stroke-dasharray="4 4"/>"#,
            polyline(&net[last - 1..])
        ));
    }
    for (i, (p, r)) in net.iter().zip(rows).enumerate() {
        let Some(p) = p else { continue };
        let tip = format!("{} · {net_name}: {}", r.label, num(r.net as f64));
        let hollow = partial.is_some() && i == last;
        let extra = if hollow {
            format!(
                r#"stroke="{INK}" stroke-width="1.75" data-mark="net-dot" data-net="{}" data-partial="true""#,
                r.net
            )
        } else {
            format!(
                r#"stroke="white" stroke-width="1.25" data-mark="net-dot" data-net="{}""#,
                r.net
            )
        };
        svg.circle(
            *p,
            if hollow { 3.25 } else { 2.75 },
            if hollow { PAPER } else { INK },
            &extra,
            Some(&tip),
        );
    }

    // Legend.
    let ly = TITLE_BOTTOM + 6.0;
    for (k, (name, (x, row))) in opts.names.iter().zip(&legend).enumerate() {
        let ly = ly + 20.0 * *row as f64;
        match k {
            0 => svg.rect(*x, ly, 10.0, 10.0, OK, r#"rx="2" fill-opacity="0.78""#),
            1 => svg.rect(
                *x,
                ly,
                10.0,
                10.0,
                CAME_BACK,
                r#"rx="2" fill-opacity="0.78""#,
            ),
            2 => svg.rect(*x, ly, 10.0, 10.0, BAD, r#"rx="2" fill-opacity="0.78""#),
            _ => {
                svg.line(
                    (x - 3.0, ly + 5.0),
                    (x + 13.0, ly + 5.0),
                    INK,
                    r#"stroke-width="1.75""#,
                );
                svg.circle((x + 5.0, ly + 5.0), 2.75, INK, "", None);
            }
        }
        svg.label(x + 18.0, ly + 9.5, name, style, max_name);
    }
    svg.finish()
}
