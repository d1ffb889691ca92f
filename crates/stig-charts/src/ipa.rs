//! The importance–performance matrix.

use crate::scale::{Linear, decimals_for, fixed, nice};
use crate::svg::{Anchor, PAD, Style, Svg, TITLE_BOTTOM, n};
use crate::theme::{BAD, BAD_SOFT, BRAND, GRID, INK, LINE, MUTED};
use crate::{IpaPoint, NO_DATA, Size};

type Box2 = (f64, f64, f64, f64); // x0, y0, x1, y1

fn overlap(a: Box2, b: Box2) -> f64 {
    let w = (a.2.min(b.2) - a.0.max(b.0)).max(0.0);
    let h = (a.3.min(b.3) - a.1.max(b.1)).max(0.0);
    w * h
}

/// Importance–performance analysis: performance across, importance up, one dot per item,
/// dashed split lines at `split = (importance, performance)`, and a caption in each quadrant.
/// `captions` are in reading order: `[high importance & low performance ("Fix first", tinted),
/// high & high ("Keep up"), low & low ("Low priority"), low & high ("Possible overkill")]`.
/// `axes` names the axes: `[performance (x), importance (y)]`. Labels are placed beside their
/// dots where they collide with nothing, truncated at 120 px.
pub fn ipa_chart(
    title: &str,
    points: &[IpaPoint],
    split: (f64, f64),
    captions: [&str; 4],
    axes: [&str; 2],
    size: Size,
) -> String {
    let mut svg = Svg::new(title, size);
    let (w, h) = (svg.size.width, svg.size.height);
    let pts: Vec<&IpaPoint> = points
        .iter()
        .filter(|p| p.importance.is_finite() && p.performance.is_finite())
        .collect();
    if pts.is_empty() {
        return svg.empty(NO_DATA);
    }
    let extent = |f: &dyn Fn(&IpaPoint) -> f64, s: f64| {
        let lo = pts.iter().map(|p| f(p)).fold(s, f64::min);
        let hi = pts.iter().map(|p| f(p)).fold(s, f64::max);
        let pad = ((hi - lo) * 0.08).max(1e-6);
        (lo - pad, hi + pad)
    };
    let split_i = if split.0.is_finite() { split.0 } else { 0.0 };
    let split_p = if split.1.is_finite() { split.1 } else { 0.0 };
    let (xlo, xhi) = extent(&|p| p.performance, split_p);
    let (ylo, yhi) = extent(&|p| p.importance, split_i);
    let tick_style = Style::new(11.0, MUTED);
    let (yd0, yd1, yticks) = nice(ylo, yhi, 5);
    let (xd0, xd1, xticks) = nice(xlo, xhi, 5);
    let (ydec, xdec) = (decimals_for(&yticks), decimals_for(&xticks));
    let ytw = yticks
        .iter()
        .map(|t| tick_style.width(&fixed(*t, ydec)))
        .fold(0.0, f64::max);
    let left = PAD + 18.0 + ytw + 8.0;
    let right = w - PAD;
    let top = TITLE_BOTTOM + 4.0;
    let bottom = h - PAD - 34.0;
    let x = Linear {
        d0: xd0,
        d1: xd1,
        r0: left,
        r1: right,
    };
    let y = Linear {
        d0: yd0,
        d1: yd1,
        r0: bottom,
        r1: top,
    };
    let (sx, sy) = (x.at(split_p), y.at(split_i));

    // Fix first: high importance (above the split), low performance (left of it).
    svg.rect(
        left,
        top,
        sx - left,
        sy - top,
        BAD_SOFT,
        r#"fill-opacity="0.75" data-mark="fix-first""#,
    );
    for t in &yticks {
        let py = y.at(*t);
        svg.line((left, py), (right, py), GRID, r#"stroke-width="1""#);
        svg.text(
            left - 8.0,
            py + 4.0,
            &fixed(*t, ydec),
            tick_style.anchor(Anchor::End),
        );
    }
    for t in &xticks {
        let px = x.at(*t);
        svg.line((px, top), (px, bottom), GRID, r#"stroke-width="1""#);
        svg.text(
            px,
            bottom + 16.0,
            &fixed(*t, xdec),
            tick_style.anchor(Anchor::Middle),
        );
    }
    svg.rect(
        left,
        top,
        right - left,
        bottom - top,
        "none",
        &format!(r#"stroke="{LINE}" stroke-width="1""#),
    );
    let split_attrs = r#"stroke-width="1.25" stroke-dasharray="5 4""#;
    svg.line((sx, top), (sx, bottom), MUTED, split_attrs);
    svg.line((left, sy), (right, sy), MUTED, split_attrs);

    // Axis titles.
    let axis = Style::new(11.0, MUTED).bold().anchor(Anchor::Middle);
    svg.label((left + right) / 2.0, h - PAD, axes[0], axis, right - left);
    let (ax, ay) = (PAD + 8.0, (top + bottom) / 2.0);
    svg.label_with(
        ax,
        ay,
        axes[1],
        axis,
        bottom - top,
        &format!(r#"transform="rotate(-90 {} {})""#, n(ax), n(ay)),
    );

    // Quadrant captions, in the outer corners; they are obstacles for point labels.
    let cap = Style::new(11.0, MUTED).bold();
    let mut taken: Vec<Box2> = Vec::new();
    let quads = [
        (left + 8.0, top + 17.0, Anchor::Start, sx - left),
        (right - 8.0, top + 17.0, Anchor::End, right - sx),
        (left + 8.0, bottom - 8.0, Anchor::Start, sx - left),
        (right - 8.0, bottom - 8.0, Anchor::End, right - sx),
    ];
    for (k, (cx, cy, anchor, room)) in quads.into_iter().enumerate() {
        let style = Style {
            color: if k == 0 { BAD } else { MUTED },
            ..cap.anchor(anchor)
        };
        let max = (room - 16.0).max(0.0);
        let tw = style.width(captions[k]).min(max);
        svg.label_with(cx, cy, captions[k], style, max, r#"data-mark="caption""#);
        let x0 = if matches!(anchor, Anchor::End) {
            cx - tw
        } else {
            cx
        };
        taken.push((x0, cy - 11.0, x0 + tw, cy + 3.0));
    }

    // Labels should not cross the split lines either.
    taken.push((sx - 1.5, top, sx + 1.5, bottom));
    taken.push((left, sy - 1.5, right, sy + 1.5));
    // Dots, then labels placed greedily around them.
    let r = 5.0;
    let centers: Vec<(f64, f64)> = pts
        .iter()
        .map(|p| (x.at(p.performance), y.at(p.importance)))
        .collect();
    taken.extend(
        centers
            .iter()
            .map(|(cx, cy)| (cx - r, cy - r, cx + r, cy + r)),
    );
    for (p, c) in pts.iter().zip(&centers) {
        let fix = p.importance >= split_i && p.performance < split_p;
        let tip = format!(
            "{}: importance {}, performance {}",
            p.label,
            fixed(p.importance, 2),
            fixed(p.performance, 2)
        );
        svg.circle(
            *c,
            r,
            if fix { BAD } else { BRAND },
            r#"stroke="white" stroke-width="1.5" data-mark="point""#,
            Some(&tip),
        );
    }
    let label = Style::new(11.0, INK);
    let mut order: Vec<usize> = (0..pts.len()).collect();
    order.sort_by(|a, b| centers[*a].0.total_cmp(&centers[*b].0));
    for i in order {
        let (cx, cy) = centers[i];
        let text = crate::text::truncate(&pts[i].label, 11.0, false, 120.0);
        let tw = label.width(&text);
        let candidates = [
            (cx + 8.0, cy + 4.0, Anchor::Start),
            (cx - 8.0, cy + 4.0, Anchor::End),
            (cx, cy - 9.0, Anchor::Middle),
            (cx, cy + 17.0, Anchor::Middle),
            (cx + 6.0, cy - 7.0, Anchor::Start),
            (cx + 6.0, cy + 15.0, Anchor::Start),
            (cx - 6.0, cy - 7.0, Anchor::End),
            (cx - 6.0, cy + 15.0, Anchor::End),
        ];
        let bbox = |(lx, ly, a): (f64, f64, Anchor)| -> Box2 {
            let x0 = match a {
                Anchor::Start => lx,
                Anchor::Middle => lx - tw / 2.0,
                Anchor::End => lx - tw,
            };
            (x0 - 1.0, ly - 10.0, x0 + tw + 1.0, ly + 3.0)
        };
        let cost = |b: Box2| -> f64 {
            let outside = if b.0 < left || b.2 > right || b.1 < top || b.3 > bottom {
                1e6
            } else {
                0.0
            };
            outside + taken.iter().map(|t| overlap(*t, b)).sum::<f64>()
        };
        let best = candidates
            .iter()
            .enumerate()
            .min_by(|(ka, a), (kb, b)| {
                // Ties go to the earlier (preferred) position.
                cost(bbox(**a)).total_cmp(&cost(bbox(**b))).then(ka.cmp(kb))
            })
            .map(|(_, c)| *c)
            .unwrap_or(candidates[0]);
        taken.push(bbox(best));
        let (lx, ly, a) = best;
        svg.label_with(
            lx,
            ly,
            &pts[i].label,
            label.anchor(a),
            120.0,
            r#"data-mark="point-label""#,
        );
    }
    svg.finish()
}
