//! Lines over labelled x positions, with interval bands and a reference line.

use crate::scale::{Linear, bounded, decimals_for, fixed, nice};
use crate::svg::{Anchor, PAD, Style, Svg, TITLE_BOTTOM, esc, n, polyline};
use crate::theme::{BG, GRID, INK, LINE, MUTED, PALETTE, PAPER};
use crate::{LineOptions, NO_DATA, Series};

/// Lines over labelled x positions (e.g. months), one `<path>` per series. Each series may
/// have a shaded interval band (e.g. the 95% CI of NPS); `None` or NaN values break the line
/// (a lone value is drawn as a dot); the last value of each line is labelled at its end.
/// With `bounds` the axis is the scale's (CSAT 1 to 5), with `partial` the last position is
/// marked as a period not over yet; the legend wraps onto as many rows as its names need.
pub fn line_chart(title: &str, x: &[String], series: &[Series], opts: &LineOptions) -> String {
    let mut svg = Svg::new(title, opts.size);
    let (w, h) = (svg.size.width, svg.size.height);
    let count = x.len();
    let bounds = opts
        .bounds
        .filter(|(a, b)| a.is_finite() && b.is_finite() && a < b);
    let clip = |v: f64| bounds.map_or(v, |(a, b)| v.clamp(a, b));
    let finite = |v: &Option<f64>| v.filter(|v| v.is_finite()).map(clip);
    let band_at = |s: &Series, i: usize| -> Option<(f64, f64)> {
        let (a, b) = s.band.as_ref()?.get(i).copied().flatten()?;
        (a.is_finite() && b.is_finite()).then(|| (clip(a.min(b)), clip(a.max(b))))
    };
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for s in series {
        for i in 0..count {
            if let Some(v) = s.values.get(i).and_then(finite) {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if count == 0 || !lo.is_finite() {
        return svg.empty(NO_DATA);
    }
    for s in series {
        for i in 0..count {
            if let Some((a, b)) = band_at(s, i) {
                lo = lo.min(a);
                hi = hi.max(b);
            }
        }
    }
    let reference = opts.reference.filter(|r| r.is_finite());
    for r in reference
        .iter()
        .chain(opts.y_range.iter().flat_map(|(a, b)| [a, b]))
    {
        if r.is_finite() {
            lo = lo.min(*r);
            hi = hi.max(*r);
        }
    }
    let colors: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            s.color
                .clone()
                .unwrap_or_else(|| PALETTE[k % PALETTE.len()].to_owned())
        })
        .collect();
    let legend = if series.len() > 1 {
        legend_layout(series, PAD, w - PAD)
    } else {
        Vec::new()
    };
    let legend_rows = legend.iter().map(|(_, row)| row + 1).max().unwrap_or(0);
    let partial = opts.partial.as_deref().filter(|p| !p.is_empty());
    let top = TITLE_BOTTOM
        + if legend_rows > 0 {
            10.0 + 20.0 * legend_rows as f64
        } else {
            10.0
        }
        + if partial.is_some() { 14.0 } else { 0.0 };
    let bottom = h - PAD - 20.0;
    let ticks_n = if bottom - top < 140.0 { 3 } else { 5 };
    let (d0, d1, ticks) = match bounds {
        Some((a, b)) => bounded(a, b, ticks_n),
        None => nice(lo, hi, ticks_n),
    };
    let decimals = decimals_for(&ticks);
    let fmt = |v: f64| {
        opts.numbers
            .apply(&opts.format.map_or_else(|| fixed(v, decimals), |f| f(v)))
    };
    // A value at a line's end gets a decimal more than whole ticks need (CSAT 4.3, not 4).
    let end_fmt = |v: f64| {
        let d = if (v - v.round()).abs() > 1e-9 {
            decimals.max(1)
        } else {
            decimals
        };
        opts.numbers
            .apply(&opts.format.map_or_else(|| fixed(v, d), |f| f(v)))
    };
    let tick_style = Style::new(11.0, MUTED).anchor(Anchor::End);
    let tick_w = ticks
        .iter()
        .map(|t| tick_style.width(&fmt(*t)))
        .fold(0.0, f64::max);
    let left = PAD + tick_w + 8.0;

    // The last value of each series, labelled at the line's end.
    let end_style = Style::new(11.0, INK).bold();
    let ends: Vec<Option<(usize, f64)>> = series
        .iter()
        .map(|s| {
            (0..count)
                .rev()
                .find_map(|i| s.values.get(i).and_then(finite).map(|v| (i, v)))
        })
        .collect();
    let end_w = ends
        .iter()
        .flatten()
        .map(|(_, v)| end_style.width(&end_fmt(*v)))
        .fold(0.0, f64::max);
    let right = w - PAD - end_w - 10.0;
    let slot = (right - left) / count as f64;
    let xs = |i: usize| left + slot * (i as f64 + 0.5);
    let y = Linear {
        d0,
        d1,
        r0: bottom,
        r1: top,
    };

    // Grid and y axis.
    for t in &ticks {
        let py = y.at(*t);
        let stroke = if (*t - d0).abs() < 1e-9 { LINE } else { GRID };
        svg.line((left, py), (right, py), stroke, r#"stroke-width="1""#);
        svg.text(left - 8.0, py + 4.0, &fmt(*t), tick_style);
    }
    if let Some(r) = reference {
        let py = y.at(r);
        svg.line(
            (left, py),
            (right, py),
            MUTED,
            r#"stroke-width="1" stroke-dasharray="4 3" data-mark="reference""#,
        );
    }
    x_labels(&mut svg, x, left, slot, h - PAD - 2.0);
    let last = count - 1;
    if let Some(text) = partial {
        // The period not over yet: its slot shaded and named above the plot.
        svg.rect(
            left + slot * last as f64,
            top,
            slot,
            bottom - top,
            BG,
            r#"data-mark="partial""#,
        );
        let style = Style::new(10.0, MUTED).anchor(Anchor::End);
        svg.label(
            (left + slot * count as f64).min(w - PAD),
            top - 4.0,
            text,
            style,
            (right - left).max(40.0),
        );
    }

    // Bands, then lines, so every line is above every band.
    for (s, color) in series.iter().zip(&colors) {
        let mut run: Vec<(f64, f64, f64)> = Vec::new();
        for i in 0..=count {
            match (i < count).then(|| band_at(s, i)).flatten() {
                Some((a, b)) => run.push((xs(i), y.at(a), y.at(b))),
                None => {
                    band_path(&mut svg, &run, color);
                    run.clear();
                }
            }
        }
    }
    for ((s, color), end) in series.iter().zip(&colors).zip(&ends) {
        let points: Vec<Option<(f64, f64)>> = (0..count)
            .map(|i| s.values.get(i).and_then(finite).map(|v| (xs(i), y.at(v))))
            .collect();
        let dash = if s.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        // A partial last period is drawn apart, dashed, so it does not read as a plunge.
        let cut = partial.is_some() && points[last].is_some();
        let solid: Vec<Option<(f64, f64)>> = if cut {
            points[..last].to_vec()
        } else {
            points.clone()
        };
        svg.raw(&format!(
            r#"<path data-mark="line" d="{}" fill="none" stroke="{}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"{dash}><title>{}</title></path>"#,
            polyline(&solid),
            esc(color),
            esc(&s.name)
        ));
        if cut
            && let (Some(Some(a)), Some(b)) = (last.checked_sub(1).map(|i| points[i]), points[last])
        {
            svg.raw(&format!(
                r#"<path data-mark="partial-line" d="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="4 4" stroke-linecap="round"/>"#,
                polyline(&[Some(a), Some(b)]),
                esc(color),
            ));
        }
        for (i, p) in points.iter().enumerate() {
            let alone =
                |j: Option<usize>| j.and_then(|j| points.get(j)).is_none_or(|q| q.is_none());
            let lone = alone(i.checked_sub(1)) && alone(Some(i + 1)) && Some(i) != end.map(|e| e.0);
            if let (Some(p), true) = (p, lone) {
                svg.circle(*p, 2.5, color, r#"data-mark="point""#, None);
            }
        }
    }
    // End dots and labels, nudged apart vertically.
    let mut labels: Vec<(f64, f64, String, &str)> = ends
        .iter()
        .zip(&colors)
        .filter_map(|(e, c)| e.map(|(i, v)| (xs(i), y.at(v), end_fmt(v), c.as_str())))
        .collect();
    for ((px, py, _, c), e) in labels.iter().zip(ends.iter().flatten()) {
        if partial.is_some() && e.0 == last {
            // Hollow: a value so far, not a final one.
            svg.circle(
                (*px, *py),
                3.5,
                PAPER,
                &format!(
                    r#"stroke="{}" stroke-width="2" data-mark="partial-point""#,
                    esc(c)
                ),
                None,
            );
        } else {
            svg.circle(
                (*px, *py),
                3.5,
                c,
                r#"stroke="white" stroke-width="1.5""#,
                None,
            );
        }
    }
    labels.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut ly: Vec<f64> = labels.iter().map(|l| l.1).collect();
    for k in 1..ly.len() {
        ly[k] = ly[k].max(ly[k - 1] + 13.0);
    }
    let shift = ly.last().map_or(0.0, |last| (last - bottom).max(0.0));
    ly.iter_mut().for_each(|v| *v -= shift);
    for ((_, _, text, c), py) in labels.iter().zip(&ly) {
        svg.text_color(right + 8.0, py + 4.0, text, end_style, c);
    }

    legend_rows_draw(&mut svg, series, &colors, &legend, TITLE_BOTTOM + 6.0);
    svg.finish()
}

/// A band: along the top edge, back along the bottom edge.
fn band_path(svg: &mut Svg, run: &[(f64, f64, f64)], color: &str) {
    if run.is_empty() {
        return;
    }
    let mut pts: Vec<(f64, f64)> = Vec::new();
    if let [(x, a, b)] = run {
        pts.extend([(x - 3.0, *b), (x + 3.0, *b), (x + 3.0, *a), (x - 3.0, *a)]);
    } else {
        pts.extend(run.iter().map(|(x, _, b)| (*x, *b)));
        pts.extend(run.iter().rev().map(|(x, a, _)| (*x, *a)));
    }
    let d: String = pts
        .iter()
        .enumerate()
        .map(|(k, (x, y))| format!("{}{} {}", if k == 0 { "M" } else { "L" }, n(*x), n(*y)))
        .collect();
    svg.raw(&format!(
        r#"<path data-mark="band" d="{d}Z" fill="{}" fill-opacity="0.13" stroke="none"/>"#,
        esc(color)
    ));
}

/// Where each series' swatch and name go: `(x, row)`, left to right, wrapping onto a new
/// row when the next name does not fit, so every series is named.
fn legend_layout(series: &[Series], left: f64, max_x: f64) -> Vec<(f64, usize)> {
    let style = Style::new(12.0, INK);
    let max_name = (max_x - left - 22.0).clamp(20.0, 180.0);
    let mut x = left;
    let mut row = 0;
    series
        .iter()
        .map(|s| {
            let item = 22.0 + style.width(&s.name).min(max_name);
            if x > left && x + item > max_x {
                x = left;
                row += 1;
            }
            let at = (x, row);
            x += item + 18.0;
            at
        })
        .collect()
}

/// Swatch and name of each series where [`legend_layout`] put them (names longer than a row
/// end in "…", the full name in a `<title>`).
fn legend_rows_draw(
    svg: &mut Svg,
    series: &[Series],
    colors: &[String],
    layout: &[(f64, usize)],
    top: f64,
) {
    let style = Style::new(12.0, INK);
    let max_name = (svg.size.width - 2.0 * PAD - 22.0).clamp(20.0, 180.0);
    for ((s, c), (x, row)) in series.iter().zip(colors).zip(layout) {
        let y = top + 20.0 * *row as f64;
        let dash = if s.dashed {
            r#" stroke-dasharray="4 3""#
        } else {
            ""
        };
        svg.line(
            (*x, y + 6.0),
            (x + 16.0, y + 6.0),
            c,
            &format!(r#"stroke-width="2.5" stroke-linecap="round" data-mark="legend"{dash}"#),
        );
        svg.label(x + 22.0, y + 10.0, &s.name, style, max_name);
    }
}

/// Category labels under the x positions, every k-th one so none overlap; the last position
/// is always labelled.
pub(crate) fn x_labels(svg: &mut Svg, x: &[String], left: f64, slot: f64, baseline: f64) {
    let style = Style::new(11.0, MUTED).anchor(Anchor::Middle);
    let widest = x
        .iter()
        .map(|s| style.width(s))
        .fold(0.0, f64::max)
        .min(120.0);
    let every = (((widest + 10.0) / slot.max(1.0)).ceil() as usize).max(1);
    let last = x.len().saturating_sub(1);
    let width = svg.size.width;
    for (i, label) in x.iter().enumerate() {
        if !(last - i).is_multiple_of(every) {
            continue;
        }
        let cx = left + slot * (i as f64 + 0.5);
        let max = (slot * every as f64 - 8.0).min(120.0);
        // Keep the first and last labels inside the chart.
        let half = style.width(label).min(max) / 2.0;
        let cx = cx.max(half + 2.0).min(width - half - 2.0);
        svg.label(cx, baseline, label, style, max);
    }
}
