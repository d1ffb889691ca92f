//! One customer's run drawn over the design: the steps they reached are tinted (behind the
//! content, so it stays readable) and the rest veiled in grey, and a numbered line goes
//! through the touchpoints they hit, in order, ending in a ring with the label of the last hit.
//! Hits on steps not in view are left out.

use crate::PathHit;
use crate::lanes::touchpoint_card;
use crate::layout::Grid;
use crate::svg::{Anchor, N, Svg};
use crate::text::fit;
use crate::theme::*;
use crate::view::{MapView, StepView, TouchpointView};

/// Radius of a numbered hit marker.
pub(crate) const MARKER_R: f32 = 10.0;
/// Extra radius of the ring around the last hit.
const RING_GAP: f32 = 5.0;

/// Where the path can be drawn: the step columns and the lanes' extent.
pub(crate) struct PathArea<'g> {
    pub grid: &'g Grid,
    pub lanes_top: f32,
    pub lanes_bottom: f32,
    /// Top of the touchpoint lane.
    pub touchpoints_y: f32,
}

/// For each of `steps`, whether the run reached it.
fn visited(steps: &[StepView<'_>], path: &[PathHit]) -> Vec<bool> {
    steps
        .iter()
        .map(|s| path.iter().any(|h| h.step == s.step.id))
        .collect()
}

/// The tint behind each reached step, the height of the lanes; drawn before the lanes.
pub(crate) fn underlay(
    svg: &mut Svg,
    steps: &[StepView<'_>],
    area: &PathArea<'_>,
    path: &[PathHit],
) {
    let grid = area.grid;
    svg.open(
        "g",
        &[("class", &"path-visits"), ("pointer-events", &"none")],
    );
    for (i, seen) in visited(steps, path).into_iter().enumerate() {
        if !seen {
            continue;
        }
        svg.leaf(
            "rect",
            &[
                ("class", &"path-visited"),
                ("data-step", &steps[i].step.id),
                ("x", &N(grid.col_x(i))),
                ("y", &N(area.lanes_top)),
                ("width", &N(grid.col_w)),
                ("height", &N(area.lanes_bottom - area.lanes_top)),
                ("fill", &PATH_TINT),
                ("fill-opacity", &PATH_TINT_OPACITY),
            ],
        );
    }
    svg.close("g");
}

/// The veils over unreached steps, the path line, the numbered hits and the ring around the
/// last one; drawn over the lanes.
pub(crate) fn draw(
    svg: &mut Svg,
    map: &MapView<'_>,
    steps: &[StepView<'_>],
    area: &PathArea<'_>,
    path: &[PathHit],
) {
    let column = |id: &str| steps.iter().position(|s| s.step.id == id);
    let grid = area.grid;
    svg.open("g", &[("class", &"path"), ("pointer-events", &"none")]);
    for (i, seen) in visited(steps, path).into_iter().enumerate() {
        if seen {
            // A teal rule on top of the column says "reached" even where the tint is faint.
            svg.leaf(
                "rect",
                &[
                    ("x", &N(grid.col_x(i))),
                    ("y", &N(area.lanes_top)),
                    ("width", &N(grid.col_w)),
                    ("height", &N(4.0)),
                    ("fill", &PATH),
                ],
            );
        } else {
            svg.leaf(
                "rect",
                &[
                    ("class", &"path-muted"),
                    ("data-step", &steps[i].step.id),
                    ("x", &N(grid.col_x(i))),
                    ("y", &N(area.lanes_top)),
                    ("width", &N(grid.col_w)),
                    ("height", &N(area.lanes_bottom - area.lanes_top)),
                    ("fill", &PATH_VEIL),
                    ("fill-opacity", &PATH_VEIL_OPACITY),
                ],
            );
        }
    }
    // Each hit's marker sits on its touchpoint card's top-left corner, by the channel icon
    // (at the top of the touchpoint lane if the step does not show that touchpoint); repeated
    // hits of one card step sideways.
    // Hits are numbered over the whole journey, so a PDF page of later steps goes on counting.
    let in_journey: Vec<&PathHit> = path
        .iter()
        .filter(|h| map.steps.iter().any(|s| s.step.id == h.step))
        .collect();
    let mut points: Vec<(usize, usize, f32, f32)> = Vec::new();
    let mut seen_at: Vec<(usize, usize)> = Vec::new();
    for (n, hit) in in_journey.iter().enumerate() {
        let Some(i) = column(&hit.step) else { continue };
        let card = card_offset(map, &steps[i], &hit.touchpoint, grid.col_w);
        let slot = (i, card.map_or(usize::MAX, |(n, _)| n));
        let repeat = seen_at.iter().filter(|s| **s == slot).count();
        seen_at.push(slot);
        let x = grid.col_x(i) + CELL_PAD + 2.0 + repeat as f32 * (2.0 * MARKER_R + 4.0);
        let y = match card {
            Some((_, dy)) => area.touchpoints_y + LANE_PAD + dy + 1.0,
            None => area.touchpoints_y + LANE_PAD,
        };
        let x = x.min(grid.col_x(i) + grid.col_w - MARKER_R - 2.0);
        points.push((n + 1, i, x, y));
    }
    if points.len() > 1 {
        let d: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(n, (_, _, x, y))| {
                format!("{}{} {}", if n == 0 { "M" } else { "L" }, N(*x), N(*y))
            })
            .collect();
        let d = d.join(" ");
        // A white casing under the line keeps it clear of what it crosses.
        for (colour, width, opacity) in [(PAPER, "6", "0.8"), (PATH, "3", "0.9")] {
            svg.leaf(
                "path",
                &[
                    ("class", &"path-line"),
                    ("d", &d),
                    ("fill", &"none"),
                    ("stroke", &colour),
                    ("stroke-width", &width),
                    ("stroke-opacity", &opacity),
                    ("stroke-linejoin", &"round"),
                    ("stroke-linecap", &"round"),
                ],
            );
        }
    }
    for (n, i, x, y) in &points {
        svg.open(
            "g",
            &[
                ("class", &"path-hit"),
                ("data-order", n),
                ("data-step", &steps[*i].step.id),
            ],
        );
        hit_marker(svg, *x, *y, MARKER_R, *n);
        svg.close("g");
    }
    // The run's last hit, if it is on these steps.
    let last = points
        .last()
        .filter(|(n, ..)| *n == in_journey.len())
        .zip(in_journey.last());
    if let Some(((_, i, x, y), last)) = last {
        svg.open(
            "g",
            &[("class", &"path-now"), ("data-step", &steps[*i].step.id)],
        );
        svg.leaf(
            "circle",
            &[
                ("cx", &N(*x)),
                ("cy", &N(*y)),
                ("r", &N(MARKER_R + RING_GAP)),
                ("fill", &"none"),
                ("stroke", &PATH),
                ("stroke-width", &"2.5"),
            ],
        );
        // The label in a pill right of the ring, along the card's top edge, kept in the column.
        let right = grid.col_x(*i) + grid.col_w - 4.0;
        let left = *x + MARKER_R + RING_GAP + 4.0;
        let text = fit(&last.label, F_SMALL_BOLD, (right - left - 12.0).max(20.0));
        if !text.is_empty() {
            let w = F_SMALL_BOLD.width(&text) + 12.0;
            svg.leaf(
                "rect",
                &[
                    ("x", &N(left)),
                    ("y", &N(*y - 11.0)),
                    ("width", &N(w)),
                    ("height", &N(16.0)),
                    ("rx", &"8"),
                    ("fill", &PATH),
                ],
            );
            svg.text(
                left + 6.0,
                *y + 0.8,
                F_SMALL_BOLD,
                PAPER,
                Anchor::Start,
                &text,
            );
        }
        svg.close("g");
    }
    svg.close("g");
}

/// A filled circle with the number `n` in it (also the legend's sample).
pub(crate) fn hit_marker(svg: &mut Svg, x: f32, y: f32, r: f32, n: usize) {
    svg.leaf(
        "circle",
        &[
            ("cx", &N(x)),
            ("cy", &N(y)),
            ("r", &N(r)),
            ("fill", &PATH),
            ("stroke", &PAPER),
            ("stroke-width", &"2"),
        ],
    );
    svg.text(
        x,
        y + F_SMALL_BOLD.ascent() / 2.0 - 0.5,
        F_SMALL_BOLD,
        PAPER,
        Anchor::Middle,
        &n.to_string(),
    );
}

/// The index and top (within the touchpoint lane's cell) of a touchpoint's card on a step.
fn card_offset(
    map: &MapView<'_>,
    step: &StepView<'_>,
    touchpoint: &str,
    col_w: f32,
) -> Option<(usize, f32)> {
    let w = col_w - 2.0 * CELL_PAD;
    let mut y = 0.0;
    for (n, tp) in step.touchpoints.iter().enumerate() {
        if n > 0 {
            y += 8.0;
        }
        let id = match tp {
            TouchpointView::Known(t) => t.id.as_str(),
            TouchpointView::Missing(id) => id,
        };
        if id == touchpoint {
            return Some((n, y));
        }
        // Measure the card as the lane draws it (into a throwaway document).
        y += touchpoint_card(&mut Svg::new(), map.labels, tp, 0.0, y, w);
    }
    None
}
