//! Shares stacked in one bar, with a legend.

use crate::scale::percent;
use crate::svg::{Anchor, PAD, Style, Svg, TITLE_BOTTOM};
use crate::theme::{INK, MUTED, PALETTE};
use crate::{NO_DATA, Size};

/// Parts of a whole stacked in one bar (one `<rect>` per part with a positive value), each
/// part's share of the total written inside it where it fits, and a legend below. A part is
/// `(label, value, colour)`; an empty colour takes the next of [`PALETTE`]. Negative and NaN
/// values count as 0.
pub fn share_bar(title: &str, parts: &[(String, f64, String)], size: Size) -> String {
    let mut svg = Svg::new(title, size);
    let w = svg.size.width;
    let val = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let total: f64 = parts.iter().map(|p| val(p.1)).sum();
    if total <= 0.0 || !total.is_finite() {
        return svg.empty(NO_DATA);
    }
    let color = |k: usize, c: &str| {
        if c.is_empty() {
            PALETTE[k % PALETTE.len()].to_owned()
        } else {
            c.to_owned()
        }
    };
    let (left, right) = (PAD, w - PAD);
    let top = TITLE_BOTTOM + 2.0;
    let bar_h = 28.0;
    let inside = Style::new(12.0, "#ffffff").bold().anchor(Anchor::Middle);
    let mut x = left;
    for (k, (label, v, c)) in parts.iter().enumerate() {
        let share = val(*v) / total;
        if share <= 0.0 {
            continue;
        }
        let seg = (right - left) * share;
        let gap = if x + seg < right - 0.5 { 2.0 } else { 0.0 };
        let tip = format!("{label}: {}", percent(share));
        svg.rect_titled(
            (x, top, (seg - gap).max(0.5), bar_h),
            &color(k, c),
            r#"rx="3" data-mark="part""#,
            &tip,
        );
        let text = percent(share);
        if inside.width(&text) + 12.0 <= seg {
            svg.text(x + seg / 2.0, top + bar_h / 2.0 + 4.5, &text, inside);
        }
        x += seg;
    }
    // Legend: swatch, label, share; items wrap.
    let name = Style::new(12.0, INK);
    let pct = Style::new(12.0, MUTED).bold();
    let (mut lx, mut ly) = (left, top + bar_h + 22.0);
    for (k, (label, v, c)) in parts.iter().enumerate() {
        let p = percent(val(*v) / total);
        let name_w = name.width(label).min(w * 0.5);
        let item_w = 16.0 + name_w + 6.0 + pct.width(&p);
        if lx > left && lx + item_w > right {
            lx = left;
            ly += 20.0;
        }
        svg.rect(lx, ly - 9.5, 10.0, 10.0, &color(k, c), r#"rx="2""#);
        svg.label(lx + 16.0, ly, label, name, w * 0.5);
        svg.text(lx + 16.0 + name_w + 6.0, ly, &p, pct);
        lx += item_w + 20.0;
    }
    svg.finish()
}
