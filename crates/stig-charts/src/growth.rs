//! Monthly growth: acquired up, churned down, net as a line with dots.

use crate::line::x_labels;
use crate::scale::{Linear, fixed, group, nice};
use crate::svg::{Anchor, PAD, Style, Svg, TITLE_BOTTOM, polyline};
use crate::theme::{BAD, GRID, INK, MUTED, OK, STUB_LINE};
use crate::{NO_DATA, Size};

/// Diverging monthly bars: `acquired` up in green, `churned` down in red (one `<rect>` per
/// non-zero value), and the net (acquired − churned) as a dark line with a dot per month.
/// `labels` names the three in the legend: `[acquired, churned, net]`. Missing values (a
/// shorter slice) count as 0.
pub fn growth_chart(
    title: &str,
    months: &[String],
    acquired: &[u32],
    churned: &[u32],
    labels: [&str; 3],
    size: Size,
) -> String {
    let mut svg = Svg::new(title, size);
    let (w, h) = (svg.size.width, svg.size.height);
    let count = months.len();
    let acq = |i: usize| f64::from(acquired.get(i).copied().unwrap_or(0));
    let chu = |i: usize| f64::from(churned.get(i).copied().unwrap_or(0));
    // Months with nobody won or lost say nothing: an empty chart, not a flat line.
    if (0..count).all(|i| acq(i) == 0.0 && chu(i) == 0.0) {
        return svg.empty(NO_DATA);
    }
    let hi = (0..count).map(acq).fold(0.0, f64::max);
    let lo = -(0..count).map(chu).fold(0.0, f64::max);
    let top = TITLE_BOTTOM + 30.0;
    let bottom = h - PAD - 20.0;
    let (d0, d1, ticks) = nice(lo, if hi == 0.0 && lo == 0.0 { 1.0 } else { hi }, 5);
    let tick_style = Style::new(11.0, MUTED).anchor(Anchor::End);
    let tick_w = ticks
        .iter()
        .map(|t| tick_style.width(&fixed(*t, 0)))
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
    for t in &ticks {
        let py = y.at(*t);
        if t.abs() > 1e-9 {
            svg.line((left, py), (right, py), GRID, r#"stroke-width="1""#);
        }
        svg.text(left - 8.0, py + 4.0, &fixed(*t, 0), tick_style);
    }
    x_labels(&mut svg, months, left, slot, h - PAD - 2.0);
    let zero = y.at(0.0);
    let bar_w = (slot * 0.62).min(26.0);
    for (i, m) in months.iter().enumerate() {
        let cx = left + slot * (i as f64 + 0.5);
        let (a, c) = (acq(i), chu(i));
        if a > 0.0 {
            let top_y = y.at(a);
            let tip = format!("{m} · {}: {}", labels[0], group(a as u64));
            svg.rect_titled(
                (cx - bar_w / 2.0, top_y, bar_w, zero - top_y),
                OK,
                r#"rx="1.5" fill-opacity="0.78" data-mark="acquired""#,
                &tip,
            );
        }
        if c > 0.0 {
            let tip = format!("{m} · {}: {}", labels[1], group(c as u64));
            svg.rect_titled(
                (cx - bar_w / 2.0, zero, bar_w, y.at(-c) - zero),
                BAD,
                r#"rx="1.5" fill-opacity="0.78" data-mark="churned""#,
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
    let net: Vec<Option<(f64, f64)>> = (0..count)
        .map(|i| Some((left + slot * (i as f64 + 0.5), y.at(acq(i) - chu(i)))))
        .collect();
    svg.raw(&format!(
        r#"<path data-mark="net" d="{}" fill="none" stroke="{INK}" stroke-width="1.75" stroke-linejoin="round"/>"#,
        polyline(&net)
    ));
    for (i, p) in net.iter().flatten().enumerate() {
        let v = acq(i) - chu(i);
        let tip = format!("{} · {}: {}", months[i], labels[2], fixed(v, 0));
        svg.circle(
            *p,
            2.75,
            INK,
            r#"stroke="white" stroke-width="1.25" data-mark="net-dot""#,
            Some(&tip),
        );
    }

    // Legend.
    let style = Style::new(12.0, INK);
    let mut x = left;
    let ly = TITLE_BOTTOM + 6.0;
    for (k, name) in labels.iter().enumerate() {
        let name_w = style.width(name).min(160.0);
        if x + 18.0 + name_w > w - PAD {
            break;
        }
        match k {
            0 => svg.rect(x, ly, 10.0, 10.0, OK, r#"rx="2" fill-opacity="0.78""#),
            1 => svg.rect(x, ly, 10.0, 10.0, BAD, r#"rx="2" fill-opacity="0.78""#),
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
        svg.label(x + 18.0, ly + 9.5, name, style, 160.0);
        x += 18.0 + name_w + 20.0;
    }
    svg.finish()
}
