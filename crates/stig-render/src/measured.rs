//! Measured emotion curves over the designed ones, in the curve lane: per curve a solid line
//! (thicker than the designed one, on a white casing) in its persona's colour, broken across
//! steps without a point, a filled round marker per point with its number of answers ("n=…")
//! below it, and for a point measured well below design a red ring and a red downward
//! triangle on a dashed connector from the designed value. Points are keyed by step id, so a
//! PDF page draws the points of its own steps.

use crate::MeasuredPoint;
use crate::curve::Plot;
use crate::svg::{Anchor, N, Svg};
use crate::theme::*;
use crate::view::{MapView, MeasuredView, StepView};

/// Radius of a measured point's marker.
pub(crate) const MARKER_R: f32 = 5.2;
/// Radius of the warning ring around a flagged point.
pub(crate) const RING_R: f32 = 9.5;
/// Width of the measured line.
pub(crate) const LINE_W: f32 = 3.6;
/// Half the width and the height of the downward "gap" triangle.
const GAP_W: f32 = 4.5;
const GAP_H: f32 = 7.0;
/// Padding of an "n=…" label's white backing.
const LABEL_PAD_X: f32 = 3.0;
const LABEL_H: f32 = 13.0;

/// One point to draw: its column, centre and value.
struct Placed<'m> {
    curve: usize,
    step: usize,
    x: f32,
    y: f32,
    point: &'m MeasuredPoint,
}

/// Draws every measured curve of `map` over the designed curves: all lines first, then the
/// markers, then the labels, so that no line crosses a marker or a label.
pub(crate) fn draw(svg: &mut Svg, map: &MapView<'_>, steps: &[StepView<'_>], plot: &Plot) {
    let mut placed: Vec<Placed<'_>> = Vec::new();
    for (c, m) in map.measured.iter().enumerate() {
        let dx = m.persona.map_or(0.0, |pi| plot.dodge(pi).1);
        for (i, s) in steps.iter().enumerate() {
            if let Some(point) = m.curve.points.get(&s.step.id) {
                placed.push(Placed {
                    curve: c,
                    step: i,
                    x: plot.centre(i) + dx,
                    y: plot.y_of(point.value),
                    point,
                });
            }
        }
    }

    svg.open("g", &[("class", &"measured"), ("pointer-events", &"none")]);
    lines(svg, map, &placed);
    for (c, m) in map.measured.iter().enumerate() {
        svg.open(
            "g",
            &[
                ("class", &"measured-points"),
                ("data-persona", &persona_attr(map, m)),
            ],
        );
        for p in placed.iter().filter(|p| p.curve == c) {
            point(svg, map, steps, plot, m, p);
        }
        svg.close("g");
    }
    labels(svg, map, steps, plot, &placed);
    svg.close("g");
}

fn persona_attr<'a>(map: &'a MapView<'_>, m: &MeasuredView) -> &'a str {
    m.persona.map_or("", |pi| map.personas[pi].id_attr())
}

/// The curve's line as path data, a new subpath after each step without a point, and the
/// number of segments that draw a line (two points or more).
fn line_data<'p, 'm: 'p>(points: impl Iterator<Item = &'p Placed<'m>>) -> (String, usize) {
    let mut d = String::new();
    let (mut segments, mut run) = (0, 0);
    let mut last: Option<usize> = None;
    for p in points {
        let joined = last.is_some_and(|l| l + 1 == p.step);
        if !joined {
            if run > 1 {
                segments += 1;
            }
            run = 0;
        }
        run += 1;
        if !d.is_empty() {
            d.push(' ');
        }
        let op = if joined { "L" } else { "M" };
        d.push_str(&format!("{op}{} {}", N(p.x), N(p.y)));
        last = Some(p.step);
    }
    if run > 1 {
        segments += 1;
    }
    (d, segments)
}

/// The lines of all curves: first every white casing, then every line, so that no casing
/// cuts through another curve's line.
fn lines(svg: &mut Svg, map: &MapView<'_>, placed: &[Placed<'_>]) {
    let data: Vec<(String, usize)> = (0..map.measured.len())
        .map(|c| line_data(placed.iter().filter(|p| p.curve == c)))
        .collect();
    let casing_w = N(LINE_W + 3.0);
    svg.open("g", &[("class", &"measured-casings")]);
    for (d, segments) in &data {
        if *segments > 0 {
            svg.leaf(
                "path",
                &[
                    ("class", &"measured-casing"),
                    ("d", d),
                    ("fill", &"none"),
                    ("stroke", &PAPER),
                    ("stroke-width", &casing_w),
                    ("stroke-opacity", &"0.85"),
                    ("stroke-linejoin", &"round"),
                    ("stroke-linecap", &"round"),
                ],
            );
        }
    }
    svg.close("g");
    for (m, (d, segments)) in map.measured.iter().zip(&data) {
        let persona = persona_attr(map, m);
        svg.open(
            "g",
            &[
                ("class", &"measured-series"),
                ("data-persona", &persona),
                ("data-segments", segments),
            ],
        );
        if *segments > 0 {
            svg.leaf(
                "path",
                &[
                    ("class", &"measured-line"),
                    ("data-persona", &persona),
                    ("d", d),
                    ("fill", &"none"),
                    ("stroke", &m.colour),
                    ("stroke-width", &N(LINE_W)),
                    ("stroke-linejoin", &"round"),
                    ("stroke-linecap", &"round"),
                ],
            );
        }
        svg.close("g");
    }
}

/// A point's marker, and for a flagged one the warning ring and the gap to the design.
fn point(
    svg: &mut Svg,
    map: &MapView<'_>,
    steps: &[StepView<'_>],
    plot: &Plot,
    m: &MeasuredView,
    p: &Placed<'_>,
) {
    let step = &steps[p.step];
    svg.open(
        "g",
        &[
            ("class", &"measured-point"),
            ("data-step", &step.step.id),
            ("data-value", &format!("{:.2}", p.point.value)),
            ("data-answers", &p.point.answers),
            ("data-flagged", &p.point.flagged),
        ],
    );
    if p.point.flagged {
        // The designed value this point falls short of, where its curve is drawn.
        let persona = m.persona.map(|pi| &map.personas[pi]);
        let designed = step
            .step
            .designed_emotion(persona.and_then(|p| p.id))
            .unwrap_or(0.0);
        let dy = m.persona.map_or(0.0, |pi| plot.dodge(pi).0);
        gap(svg, p.x, plot.y_of(designed) + dy, p.y);
        svg.leaf(
            "circle",
            &[
                ("class", &"measured-warning"),
                ("cx", &N(p.x)),
                ("cy", &N(p.y)),
                ("r", &N(RING_R)),
                ("fill", &PAPER),
                ("fill-opacity", &"0.7"),
                ("stroke", &GAP),
                ("stroke-width", &"2.2"),
            ],
        );
    }
    dot(svg, p.x, p.y, MARKER_R, m.colour);
    svg.close("g");
}

/// A filled round marker with a white edge (also the legend's sample).
pub(crate) fn dot(svg: &mut Svg, x: f32, y: f32, r: f32, colour: &str) {
    svg.leaf(
        "circle",
        &[
            ("class", &"measured-marker"),
            ("cx", &N(x)),
            ("cy", &N(y)),
            ("r", &N(r)),
            ("fill", &colour),
            ("stroke", &PAPER),
            ("stroke-width", &"1.6"),
        ],
    );
}

/// A dashed red connector from the designed value down to the ring, with a downward triangle
/// halfway; when the two are too close for that, just the triangle, right above the ring.
fn gap(svg: &mut Svg, x: f32, designed_y: f32, measured_y: f32) {
    let from = designed_y + MARKER_R;
    let to = measured_y - RING_R;
    svg.open("g", &[("class", &"measured-gap")]);
    let mid = if to - from >= GAP_H + 6.0 {
        svg.leaf(
            "line",
            &[
                ("x1", &N(x)),
                ("y1", &N(from)),
                ("x2", &N(x)),
                ("y2", &N(to)),
                ("stroke", &GAP),
                ("stroke-width", &"1.4"),
                ("stroke-dasharray", &"2 2.5"),
            ],
        );
        (from + to) / 2.0
    } else {
        to - GAP_H / 2.0 - 1.5
    };
    triangle(svg, x, mid);
    svg.close("g");
}

/// A red downward triangle centred on (x, y).
pub(crate) fn triangle(svg: &mut Svg, x: f32, y: f32) {
    let d = format!(
        "M{} {}L{} {}L{} {}z",
        N(x - GAP_W),
        N(y - GAP_H / 2.0),
        N(x + GAP_W),
        N(y - GAP_H / 2.0),
        N(x),
        N(y + GAP_H / 2.0)
    );
    svg.leaf(
        "path",
        &[
            ("d", &d),
            ("fill", &GAP),
            ("stroke", &PAPER),
            ("stroke-width", &"0.8"),
            ("stroke-linejoin", &"round"),
        ],
    );
}

/// A box: left, top, right, bottom.
type Rect = (f32, f32, f32, f32);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The "n=…" labels on a white backing, each below its marker where that is free; else
/// diagonally below or above it. A label never covers another label or a measured marker of its step
/// (it moves further down, or up, if it must), and covers a designed marker only when every
/// place next to its own marker does.
fn labels(
    svg: &mut Svg,
    map: &MapView<'_>,
    steps: &[StepView<'_>],
    plot: &Plot,
    placed: &[Placed<'_>],
) {
    let lane = (plot.lane_y + 2.0, plot.lane_y + CURVE_H - 2.0);
    svg.open("g", &[("class", &"measured-labels")]);
    for (i, s) in steps.iter().enumerate() {
        let here: Vec<&Placed<'_>> = placed.iter().filter(|p| p.step == i).collect();
        let markers: Vec<Rect> = here
            .iter()
            .map(|p| square(p.x, p.y, reach(p.point) - 0.5))
            .collect();
        let mut placed_labels: Vec<Rect> = Vec::new();
        let soft: Vec<Rect> = map
            .personas
            .iter()
            .enumerate()
            .map(|(pi, persona)| {
                let (dy, dx) = plot.dodge(pi);
                let v = s.step.designed_emotion(persona.id).unwrap_or(0.0);
                square(plot.centre(i) + dx, plot.y_of(v) + dy, 5.5)
            })
            .collect();
        let column = (
            plot.x + i as f32 * plot.col_w + 2.0,
            plot.x + (i as f32 + 1.0) * plot.col_w - 2.0,
        );
        // Top to bottom, so that labels stack downwards in the markers' order.
        let mut order: Vec<usize> = (0..here.len()).collect();
        order.sort_by(|a, b| here[*a].y.total_cmp(&here[*b].y));
        for k in order {
            let p = here[k];
            let text = format!("n={}", p.point.answers);
            let w = F_SMALL.width(&text) + 2.0 * LABEL_PAD_X;
            // Every other measured marker and every label placed so far; the places tried
            // are around this point's own marker.
            let mut hard: Vec<Rect> = markers
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, r)| *r)
                .collect();
            hard.extend(&placed_labels);
            let rect = place(p, w, column, lane, &hard, &soft);
            placed_labels.push(rect);
            let persona = persona_attr(map, &map.measured[p.curve]);
            svg.open(
                "g",
                &[
                    ("class", &"measured-n"),
                    ("data-step", &s.step.id),
                    ("data-persona", &persona),
                ],
            );
            svg.leaf(
                "rect",
                &[
                    ("x", &N(rect.0)),
                    ("y", &N(rect.1)),
                    ("width", &N(w)),
                    ("height", &N(LABEL_H)),
                    ("rx", &"3"),
                    ("fill", &PAPER),
                    ("fill-opacity", &"0.92"),
                ],
            );
            svg.text(
                rect.0 + w / 2.0,
                rect.1 + LABEL_H / 2.0 + F_SMALL.ascent() / 2.0 - 0.5,
                F_SMALL,
                MUTED,
                Anchor::Middle,
                &text,
            );
            svg.close("g");
        }
    }
    svg.close("g");
}

/// How far a point's marker (or its ring) reaches from its centre, with a little air.
fn reach(point: &MeasuredPoint) -> f32 {
    (if point.flagged { RING_R } else { MARKER_R }) + 1.5
}

fn square(x: f32, y: f32, r: f32) -> Rect {
    (x - r, y - r, x + r, y + r)
}

/// Where the label (`w` wide) of `p` goes, inside `column` (left, right) and `lane` (top,
/// bottom): the first free of the places around the marker, below first.
fn place(
    p: &Placed<'_>,
    w: f32,
    column: (f32, f32),
    lane: (f32, f32),
    hard: &[Rect],
    soft: &[Rect],
) -> Rect {
    let r = reach(p.point);
    let rect = |left: f32, top: f32| {
        let left = left.clamp(column.0, (column.1 - w).max(column.0));
        let top = top.clamp(lane.0, lane.1 - LABEL_H);
        (left, top, left + w, top + LABEL_H)
    };
    // Below (a little lower if need be), below to the right or left, above; never beside,
    // where the line runs.
    let mut candidates: Vec<Rect> = (0..6)
        .map(|k| rect(p.x - w / 2.0, p.y + r + 2.0 * k as f32))
        .collect();
    candidates.extend([
        rect(p.x - 2.0, p.y + r - 1.0),
        rect(p.x - w + 2.0, p.y + r - 1.0),
        rect(p.x + r, p.y + r - 3.0),
        rect(p.x - r - w, p.y + r - 3.0),
        rect(p.x - w / 2.0, p.y - r - LABEL_H),
    ]);
    let free = |c: &Rect, obstacles: &[&[Rect]]| {
        !obstacles.iter().any(|o| o.iter().any(|t| overlaps(*t, *c)))
    };
    if let Some(c) = candidates.iter().find(|c| free(c, &[hard, soft])) {
        return *c;
    }
    if let Some(c) = candidates.iter().find(|c| free(c, &[hard])) {
        return *c;
    }
    // Crowded: further down, else further up, else below after all.
    let mut y = p.y + r;
    while y + LABEL_H <= lane.1 {
        let c = rect(p.x - w / 2.0, y);
        if free(&c, &[hard]) {
            return c;
        }
        y += 2.0;
    }
    let mut y = p.y - r - LABEL_H;
    while y >= lane.0 {
        let c = rect(p.x - w / 2.0, y);
        if free(&c, &[hard]) {
            return c;
        }
        y -= 2.0;
    }
    candidates[0]
}
