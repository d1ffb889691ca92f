//! Horizontal bars with value labels, interval whiskers and "too few answers" stubs.

use crate::scale::{Linear, bounded, decimals_for, default_format, fixed, nice};
use crate::svg::{Anchor, PAD, Style, Svg, TITLE_BOTTOM, esc, n};
use crate::theme::{BRAND, GRID, INK, LINE, MUTED, PAPER, STUB, STUB_LINE};
use crate::{Bar, BarOptions, NO_DATA};

/// Horizontal bars, one row per [`Bar`] (one `<rect>` each), with the value beside the bar
/// and an optional interval whisker. A row with a `note` (e.g. "too few answers") is drawn as
/// a short grey hatched stub followed by that text.
pub fn bar_chart(title: &str, rows: &[Bar], opts: &BarOptions) -> String {
    let mut svg = Svg::new(title, opts.size);
    let (w, h) = (svg.size.width, svg.size.height);
    if rows.is_empty() {
        return svg.empty(NO_DATA);
    }
    let value = |b: &Bar| b.value.filter(|v| v.is_finite() && b.note.is_none());
    let bounds = opts
        .bounds
        .filter(|(a, c)| a.is_finite() && c.is_finite() && a < c);
    let clip = |v: f64| bounds.map_or(v, |(a, c)| v.clamp(a, c));
    let value = |b: &Bar| value(b).map(clip);
    let interval = |b: &Bar| {
        b.interval
            .filter(|(a, c)| a.is_finite() && c.is_finite() && value(b).is_some())
            .map(|(a, c)| (clip(a.min(c)), clip(a.max(c))))
    };
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for b in rows {
        for v in value(b)
            .into_iter()
            .chain(interval(b).into_iter().flat_map(|(a, c)| [a, c]))
        {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if let Some((a, c)) = opts.range.filter(|(a, c)| a.is_finite() && c.is_finite()) {
        lo = lo.min(a.min(c));
        hi = hi.max(a.max(c));
    }
    let fmt = |v: f64| {
        opts.numbers
            .apply(&opts.format.map_or_else(|| default_format(v), |f| f(v)))
    };

    let top = TITLE_BOTTOM + 2.0;
    let axis_y = h - PAD - 2.0;
    let bottom = axis_y - 16.0;
    let row_h = (bottom - top) / rows.len() as f64;
    let bar_h = (row_h * 0.58).clamp(3.0, 20.0);
    let label_style = Style::new(12.0, INK).anchor(Anchor::End);
    let label_w = rows
        .iter()
        .map(|b| label_style.width(&b.label))
        .fold(0.0, f64::max)
        .min(w * 0.34);
    let value_style = Style::new(11.0, INK);
    let value_w = rows
        .iter()
        .filter_map(value)
        .map(|v| value_style.width(&fmt(v)))
        .fold(0.0, f64::max);
    let left = PAD + label_w + 12.0;
    let right = w - PAD - value_w - 8.0;
    let ticks_n = ((right - left) / 70.0).clamp(2.0, 6.0) as usize;
    let (d0, d1, ticks) = match bounds {
        // The axis ends at the scale's end, not at the next round number past it.
        Some((a, c)) if hi <= c => bounded(nice(lo, hi, ticks_n).0.max(a.min(0.0)), c, ticks_n),
        _ => nice(lo, hi, ticks_n),
    };
    let x = Linear {
        d0,
        d1,
        r0: left,
        r1: right,
    };
    let decimals = decimals_for(&ticks);
    let tick_fmt = |v: f64| {
        opts.numbers
            .apply(&opts.format.map_or_else(|| fixed(v, decimals), |f| f(v)))
    };

    let tick_style = Style::new(11.0, MUTED).anchor(Anchor::Middle);
    for t in &ticks {
        let px = x.at(*t);
        let stroke = if t.abs() < 1e-12 { LINE } else { GRID };
        svg.line((px, top), (px, bottom), stroke, r#"stroke-width="1""#);
        svg.text(px, axis_y, &tick_fmt(*t), tick_style);
    }
    let zero = x.at(0.0);
    for (k, b) in rows.iter().enumerate() {
        let cy = top + row_h * (k as f64 + 0.5);
        let label_y = cy + 4.0;
        svg.label(PAD + label_w, label_y, &b.label, label_style, label_w);
        if let Some(note) = &b.note {
            stub(
                &mut svg,
                zero,
                cy - bar_h / 2.0,
                bar_h,
                &format!("{}: {note}", b.label),
            );
            let note_style = Style::new(11.0, MUTED);
            svg.label_with(
                zero + 34.0,
                label_y,
                note,
                note_style,
                w - PAD - zero - 34.0,
                r#"font-style="italic""#,
            );
            continue;
        }
        let Some(v) = value(b) else {
            svg.text(zero + 6.0, label_y, "–", Style::new(11.0, MUTED));
            continue;
        };
        let end = x.at(v);
        let color = b.color.as_deref().unwrap_or(BRAND);
        let whisker = interval(b);
        let tip = match whisker {
            Some((a, c)) => format!("{}: {} ({} – {})", b.label, fmt(v), fmt(a), fmt(c)),
            None => format!("{}: {}", b.label, fmt(v)),
        };
        svg.rect_titled(
            (zero.min(end), cy - bar_h / 2.0, (end - zero).abs(), bar_h),
            color,
            r#"rx="2" data-mark="bar""#,
            &tip,
        );
        let mut reach = (end.min(zero), end.max(zero));
        if let Some((a, c)) = whisker {
            let (xa, xc) = (x.at(a), x.at(c));
            let attrs = r#"stroke-width="1.25" stroke-opacity="0.7" data-mark="whisker""#;
            let cap = (bar_h * 0.35).max(3.0);
            // A white halo first, so the whisker reads over its own bar.
            let halo = r#"stroke-width="3.5" stroke-opacity="0.85" stroke-linecap="round""#;
            let lines = [
                ((xa, cy), (xc, cy)),
                ((xa, cy - cap), (xa, cy + cap)),
                ((xc, cy - cap), (xc, cy + cap)),
            ];
            for (p, q) in lines {
                svg.line(p, q, PAPER, halo);
            }
            for (p, q) in lines {
                svg.line(p, q, INK, attrs);
            }
            reach = (reach.0.min(xa), reach.1.max(xc));
        }
        if v >= 0.0 {
            svg.text(reach.1 + 6.0, label_y, &fmt(v), value_style);
        } else {
            svg.text(
                reach.0 - 6.0,
                label_y,
                &fmt(v),
                value_style.anchor(Anchor::End),
            );
        }
    }
    svg.finish()
}

/// A short grey stub with a dashed outline and diagonal hatching, drawn as plain lines (no
/// `<pattern>`, whose id could clash between charts inlined in one page).
fn stub(svg: &mut Svg, x0: f64, y0: f64, h: f64, tip: &str) {
    let w = 26.0;
    svg.rect_titled(
        (x0, y0, w, h),
        STUB,
        &format!(r#"rx="2" stroke="{STUB_LINE}" stroke-width="1" stroke-dasharray="3 2" data-mark="stub""#),
        tip,
    );
    // Lines x - y = c (going up to the right), clipped to the rectangle.
    let step = 5.0;
    let mut c = -h + step / 2.0;
    let mut d = String::new();
    while c < w {
        // Bottom-left end, top-right end in local coordinates (y down: bottom is h).
        let (ax, ay) = if c >= 0.0 { (c, h) } else { (0.0, h + c) };
        let (bx, by) = if c + h <= w {
            (c + h, 0.0)
        } else {
            (w, c + h - w)
        };
        d.push_str(&format!(
            "M{} {}L{} {}",
            n(x0 + ax),
            n(y0 + ay),
            n(x0 + bx),
            n(y0 + by)
        ));
        c += step;
    }
    svg.raw(&format!(
        r#"<path d="{d}" stroke="{}" stroke-width="1" fill="none"/>"#,
        esc(STUB_LINE)
    ));
}
