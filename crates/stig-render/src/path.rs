//! One customer's run drawn over the design: the steps they reached stand out and the rest
//! are muted, and a numbered line goes through the touchpoints they hit, in order, ending in a
//! ring with the time of the last hit.

use crate::PathHit;
use crate::lanes::touchpoint_card;
use crate::layout::Grid;
use crate::svg::{Anchor, N, Svg};
use crate::theme::*;
use crate::view::{MapView, StepView, TouchpointView};

/// The path's colour: a dark teal no persona curve uses.
pub(crate) const PATH: &str = "#0f6b6b";
const MARKER_R: f32 = 11.0;

/// Where the path can be drawn: the step columns and the touchpoint lane's top.
pub(crate) struct PathArea<'g> {
    pub grid: &'g Grid,
    pub lanes_top: f32,
    pub lanes_bottom: f32,
    pub touchpoints_y: f32,
}

/// Draws `path` over the steps of the map in view; hits on steps not in view are left out.
pub(crate) fn draw(
    svg: &mut Svg,
    map: &MapView<'_>,
    steps: &[StepView<'_>],
    area: &PathArea<'_>,
    path: &[PathHit],
) {
    let column = |id: &str| steps.iter().position(|s| s.step.id == id);
    let visited: Vec<bool> = steps
        .iter()
        .map(|s| path.iter().any(|h| h.step == s.step.id))
        .collect();
    let grid = area.grid;
    svg.open("g", &[("class", &"path"), ("pointer-events", &"none")]);
    // Mute what the customer never reached.
    for (i, seen) in visited.iter().enumerate() {
        let (x, w) = (grid.col_x(i), grid.col_w);
        if *seen {
            svg.leaf(
                "rect",
                &[
                    ("class", &"path-visited"),
                    ("x", &N(x)),
                    ("y", &N(area.lanes_top)),
                    ("width", &N(w)),
                    ("height", &N(4.0)),
                    ("fill", &PATH),
                ],
            );
        } else {
            svg.leaf(
                "rect",
                &[
                    ("class", &"path-muted"),
                    ("x", &N(x)),
                    ("y", &N(area.lanes_top)),
                    ("width", &N(w)),
                    ("height", &N(area.lanes_bottom - area.lanes_top)),
                    ("fill", &PAPER),
                    ("fill-opacity", &"0.6"),
                ],
            );
        }
    }
    // Each hit's marker sits on its touchpoint's card (at the column top if the step does not
    // show that touchpoint); repeated hits of one card step sideways.
    let mut points: Vec<(f32, f32)> = Vec::new();
    let mut seen_at: Vec<(usize, usize)> = Vec::new();
    for hit in path {
        let Some(i) = column(&hit.step) else { continue };
        let card = card_offset(map, &steps[i], &hit.touchpoint, grid.col_w);
        let slot = (i, card.map_or(usize::MAX, |(n, _)| n));
        let repeat = seen_at.iter().filter(|s| **s == slot).count();
        seen_at.push(slot);
        // On the card's top-left corner, clear of its icon and name.
        let x = grid.col_x(i) + CELL_PAD + 2.0 + repeat as f32 * (2.0 * MARKER_R + 4.0);
        let y = match card {
            Some((_, dy)) => area.touchpoints_y + LANE_PAD + dy + 1.0,
            None => area.touchpoints_y + LANE_PAD,
        };
        points.push((x.min(grid.col_x(i) + grid.col_w - MARKER_R - 2.0), y));
    }
    if points.len() > 1 {
        let d: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(n, (x, y))| format!("{}{} {}", if n == 0 { "M" } else { "L" }, N(*x), N(*y)))
            .collect();
        svg.leaf(
            "path",
            &[
                ("d", &d.join(" ")),
                ("fill", &"none"),
                ("stroke", &PATH),
                ("stroke-width", &"3"),
                ("stroke-opacity", &"0.85"),
                ("stroke-linejoin", &"round"),
                ("stroke-linecap", &"round"),
            ],
        );
    }
    for (n, (x, y)) in points.iter().enumerate() {
        svg.open("g", &[("class", &"path-hit"), ("data-order", &(n + 1))]);
        svg.leaf(
            "circle",
            &[
                ("cx", &N(*x)),
                ("cy", &N(*y)),
                ("r", &N(MARKER_R)),
                ("fill", &PATH),
                ("stroke", &PAPER),
                ("stroke-width", &"2"),
            ],
        );
        svg.text(
            *x,
            *y + 4.0,
            F_SMALL_BOLD,
            PAPER,
            Anchor::Middle,
            &(n + 1).to_string(),
        );
        svg.close("g");
    }
    if let (Some((x, y)), Some(last)) = (
        points.last(),
        path.iter().rev().find(|h| column(&h.step).is_some()),
    ) {
        svg.leaf(
            "circle",
            &[
                ("class", &"path-now"),
                ("cx", &N(*x)),
                ("cy", &N(*y)),
                ("r", &N(MARKER_R + 5.0)),
                ("fill", &"none"),
                ("stroke", &PATH),
                ("stroke-width", &"2.5"),
            ],
        );
        if !last.label.is_empty() {
            svg.leaf(
                "rect",
                &[
                    // Below the ring, in its own column (not over the one before).
                    ("x", &N(*x - MARKER_R - 4.0)),
                    ("y", &N(*y + MARKER_R + 8.0)),
                    ("width", &N(96.0)),
                    ("height", &N(17.0)),
                    ("rx", &"4"),
                    ("fill", &PATH),
                ],
            );
            svg.text(
                *x - MARKER_R + 44.0,
                *y + MARKER_R + 20.5,
                F_SMALL_BOLD,
                PAPER,
                Anchor::Middle,
                &last.label,
            );
        }
    }
    svg.close("g");
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
