//! A funnel: bars of how many reached each step, with the drop-off to the next.

use crate::scale::{group, percent};
use crate::svg::{Anchor, PAD, Style, Svg, TITLE_BOTTOM};
use crate::theme::{BAD, BAD_SOFT, BG, BRAND, INK, MUTED};
use crate::{FunnelRow, NO_DATA, Size};

/// A funnel, one row per step: a bar as long as `reached` (over a pale track of the first
/// step's length), the count and share in aligned columns, and the drop-off to the next step
/// in red. A `highlight`ed step (a stuck point) is tinted with a red bar.
pub fn funnel_chart(title: &str, steps: &[FunnelRow], size: Size) -> String {
    let mut svg = Svg::new(title, size);
    let (w, h) = (svg.size.width, svg.size.height);
    let max = steps.iter().map(|s| s.reached).max().unwrap_or(0);
    if steps.is_empty() {
        return svg.empty(NO_DATA);
    }
    let top = TITLE_BOTTOM + 2.0;
    let bottom = h - PAD;
    let row_h = (bottom - top) / steps.len() as f64;
    let bar_h = (row_h * 0.6).clamp(3.0, 24.0);

    let label = Style::new(12.0, INK);
    let count = Style::new(12.0, INK).bold().anchor(Anchor::End);
    let share = Style::new(11.0, MUTED).anchor(Anchor::End);
    let drop = Style::new(11.0, BAD).anchor(Anchor::End);
    let drop_text = |d: u64| {
        if d == 0 {
            String::new()
        } else {
            format!("−{}", group(d))
        }
    };
    let widest = |f: &dyn Fn(&FunnelRow) -> f64| steps.iter().map(f).fold(0.0, f64::max);
    let label_w = widest(&|s| label.bold().width(&s.label)).min(w * 0.28);
    let count_w = widest(&|s| count.width(&group(s.reached)));
    let share_w = widest(&|s| share.width(&percent(s.share)));
    let drop_w = widest(&|s| drop.bold().width(&drop_text(s.dropped)));

    let bar_x = PAD + label_w + 14.0;
    let drop_x = w - PAD;
    let share_x = drop_x - drop_w - if drop_w > 0.0 { 16.0 } else { 0.0 };
    let count_x = share_x - share_w - 10.0;
    let bar_w = (count_x - count_w - 14.0 - bar_x).max(1.0);

    for (k, s) in steps.iter().enumerate() {
        let y0 = top + row_h * k as f64;
        let cy = y0 + row_h / 2.0;
        let base = cy + 4.0;
        if s.highlight {
            svg.rect(
                PAD / 2.0,
                y0 + 1.0,
                w - PAD,
                row_h - 2.0,
                BAD_SOFT,
                r#"rx="6" data-mark="stuck""#,
            );
        }
        let label_style = if s.highlight { label.bold() } else { label };
        svg.label(PAD, base, &s.label, label_style, label_w);
        svg.rect(
            bar_x,
            cy - bar_h / 2.0,
            bar_w,
            bar_h,
            BG,
            r#"rx="3" data-mark="track""#,
        );
        let len = if max == 0 {
            0.0
        } else {
            bar_w * s.reached as f64 / max as f64
        };
        let color = if s.highlight { BAD } else { BRAND };
        let tip = format!("{}: {} ({})", s.label, group(s.reached), percent(s.share));
        svg.rect_titled(
            (bar_x, cy - bar_h / 2.0, len, bar_h),
            color,
            r#"rx="3" data-mark="bar""#,
            &tip,
        );
        svg.text(count_x, base, &group(s.reached), count);
        svg.text(share_x, base, &percent(s.share), share);
        let d = drop_text(s.dropped);
        if !d.is_empty() {
            svg.text(
                drop_x,
                base,
                &d,
                if s.highlight { drop.bold() } else { drop },
            );
        }
    }
    svg.finish()
}
