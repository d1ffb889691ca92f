//! The retention cohort triangle as a heat table.

use crate::scale::{group, percent};
use crate::svg::{Anchor, PAD, Style, Svg, TITLE_BOTTOM};
use crate::theme::{BRAND, INK, MUTED, mix};
use crate::{CohortRow, NO_DATA, Size};

/// Retention cohorts as a heat table: a row per cohort (label and size), a column per month
/// since the start (0, 1, 2, …), one `<rect>` per finite share, coloured from pale to the brand
/// blue relative to the best share after month 0, with the share as text where it fits.
pub fn cohort_chart(title: &str, rows: &[CohortRow], size: Size) -> String {
    let mut svg = Svg::new(title, size);
    let (w, h) = (svg.size.width, svg.size.height);
    let cols = rows.iter().map(|r| r.retained.len()).max().unwrap_or(0);
    let any = rows
        .iter()
        .any(|r| r.retained.iter().any(|v| v.is_finite()));
    if rows.is_empty() || cols == 0 || !any {
        return svg.empty(NO_DATA);
    }
    // The colour scale: the best share after month 0 (month 0 is usually 100% everywhere).
    let best = rows
        .iter()
        .flat_map(|r| r.retained.iter().skip(1))
        .filter(|v| v.is_finite())
        .fold(0.0f64, |a, b| a.max(*b));
    let best = if best > 0.0 { best } else { 1.0 };

    let label = Style::new(12.0, INK);
    let size_style = Style::new(11.0, MUTED).anchor(Anchor::End);
    let label_w = rows
        .iter()
        .map(|r| label.width(&r.label))
        .fold(0.0, f64::max)
        .min(w * 0.22);
    let size_w = rows
        .iter()
        .map(|r| size_style.width(&group(r.size.into())))
        .fold(0.0, f64::max);
    let header_y = TITLE_BOTTOM + 8.0;
    let top = header_y + 8.0;
    let x0 = PAD + label_w + 12.0 + size_w + 12.0;
    let cell_w = (w - PAD - x0) / cols as f64;
    let cell_h = ((h - PAD - top) / rows.len() as f64).clamp(8.0, 30.0);
    let cell_font = Style::new(if cell_h < 16.0 { 9.0 } else { 10.5 }, INK).anchor(Anchor::Middle);

    let head = Style::new(11.0, MUTED).anchor(Anchor::Middle);
    for c in 0..cols {
        svg.text(
            x0 + cell_w * (c as f64 + 0.5),
            header_y,
            &c.to_string(),
            head,
        );
    }
    for (k, r) in rows.iter().enumerate() {
        let y0 = top + cell_h * k as f64;
        let base = y0 + cell_h / 2.0 + 4.0;
        svg.label(PAD, base, &r.label, label, label_w);
        svg.text(x0 - 12.0, base, &group(r.size.into()), size_style);
        for (c, v) in r.retained.iter().enumerate() {
            if !v.is_finite() {
                continue;
            }
            let t = (v / best).clamp(0.0, 1.0);
            // Pale blue to brand blue, eased so that low shares stay distinguishable.
            let fill = mix("#f2f6fb", BRAND, t.powf(0.8));
            let cx = x0 + cell_w * c as f64;
            let tip = format!("{} · month {c}: {}", r.label, percent(*v));
            svg.rect_titled(
                (cx + 1.0, y0 + 1.0, cell_w - 2.0, cell_h - 2.0),
                &fill,
                r#"rx="3" data-mark="cell""#,
                &tip,
            );
            let text = percent(*v);
            if cell_font.width(&text) <= cell_w - 6.0 && cell_h >= 12.0 {
                let style = Style {
                    color: if t > 0.5 { "#ffffff" } else { INK },
                    ..cell_font
                };
                svg.text(
                    cx + cell_w / 2.0,
                    y0 + cell_h / 2.0 + cell_font.size * 0.36,
                    &text,
                    style,
                );
            }
        }
    }
    svg.finish()
}
