//! Composes one SVG document of the map for a run of steps: header, phase bands, stage row,
//! the lanes with their cells, the legend, and (for a PDF page) a page footer.

use std::ops::Range;

use crate::curve;
use crate::fonts::SVG_FONT_FAMILY;
use crate::header::header;
use crate::lanes::{Cell, Lane, cell, title_cell};
use crate::layout::{Grid, runs};
use crate::legend::legend;
use crate::svg::{Anchor, N, Svg};
use crate::text::{fit, fit_cut};
use crate::theme::*;
use crate::view::{MapView, StepView};

/// Which page of how many, for a paginated map.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    pub number: usize,
    pub count: usize,
}

struct LaneBox {
    lane: Lane,
    y: f32,
    h: f32,
    title: Cell,
    cells: Vec<Cell>,
}

/// A composed SVG document and its size in px.
#[derive(Debug)]
pub(crate) struct Composed {
    pub svg: String,
    pub width: f32,
    pub height: f32,
}

/// The SVG of the map's steps in `range` (all of them for the full map), with step columns
/// `col_w` wide (default: see [`Grid::new`]).
pub(crate) fn compose(
    map: &MapView<'_>,
    range: Range<usize>,
    page: Option<Page>,
    col_w: Option<f32>,
) -> Composed {
    let steps = &map.steps[range.clone()];
    let grid = Grid::new(MARGIN, steps.len(), col_w);
    let content_w = grid.width();
    let width = (content_w + 2.0 * MARGIN).ceil();

    let head = header(map, content_w);
    let mut y = MARGIN + head.height + 30.0;
    let phases_y = y;
    y += PHASE_H;
    let stages_y = y;
    y += STAGE_H;
    let lanes_top = y;

    let inner_w = grid.col_w - 2.0 * CELL_PAD;
    let mut lanes = Vec::new();
    for lane in Lane::ALL {
        let title = title_cell(lane, map.labels, HEAD_W - 2.0 * CELL_PAD - 6.0);
        let cells: Vec<Cell> = if lane == Lane::Curve {
            Vec::new()
        } else {
            steps.iter().map(|s| cell(lane, map, s, inner_w)).collect()
        };
        let content = cells.iter().map(|c| c.height).fold(title.height, f32::max);
        let h = if lane == Lane::Curve {
            CURVE_H.max(title.height + 2.0 * LANE_PAD)
        } else {
            (content + 2.0 * LANE_PAD).max(MIN_LANE_H).ceil()
        };
        lanes.push(LaneBox {
            lane,
            y,
            h,
            title,
            cells,
        });
        y += h;
    }
    let lanes_bottom = y;

    let legend_y = lanes_bottom + 30.0;
    let legend = legend(map, content_w);
    y = legend_y + legend.height;
    let footer_y = y + 26.0;
    if page.is_some() {
        y = footer_y + 22.0;
    }
    let height = (y + MARGIN).ceil();

    let mut svg = Svg::new();
    let view_box = format!("0 0 {} {}", N(width), N(height));
    let first = steps.first().map_or(String::new(), |s| s.step.id.clone());
    // Where the header column, the phase and stage rows and the lanes are, for the page's
    // script to keep the lane titles and the headers in view while panning.
    let curve = lanes.iter().find(|l| l.lane == Lane::Curve);
    let (curve_top, curve_bottom) = curve.map_or((lanes_top, lanes_top), |l| (l.y, l.y + l.h));
    svg.open(
        "svg",
        &[
            ("xmlns", &"http://www.w3.org/2000/svg"),
            ("width", &N(width)),
            ("height", &N(height)),
            ("viewBox", &view_box),
            ("font-family", &SVG_FONT_FAMILY),
            ("font-stretch", &"condensed"),
            ("class", &"journey-map"),
            ("data-journey", &map.journey.id),
            ("data-locale", &map.locale),
            ("data-steps", &steps.len()),
            ("data-first-step", &first),
            ("data-head-left", &N(grid.x)),
            ("data-head-right", &N(grid.col_x(0))),
            ("data-cols-right", &N(grid.col_x(steps.len()))),
            ("data-bands-top", &N(phases_y)),
            ("data-lanes-top", &N(lanes_top)),
            ("data-lanes-bottom", &N(lanes_bottom)),
            ("data-curve-top", &N(curve_top)),
            ("data-curve-bottom", &N(curve_bottom)),
        ],
    );
    let title = format!("{} — {}", map.journey.name, map.ws.settings.name);
    svg.element_text("title", &[], &title);
    svg.leaf(
        "rect",
        &[
            ("x", &"0"),
            ("y", &"0"),
            ("width", &N(width)),
            ("height", &N(height)),
            ("fill", &PAPER),
        ],
    );

    translated(&mut svg, MARGIN, MARGIN, &head.svg);
    grid_lines(&mut svg, &grid, steps, &lanes, stages_y, lanes_bottom);
    step_columns(
        &mut svg,
        &grid,
        steps,
        map.highlight.as_deref(),
        stages_y,
        lanes_bottom,
    );
    // A customer's run: the tint of the steps they reached goes under the lanes' content.
    let path_area = crate::path::PathArea {
        grid: &grid,
        lanes_top,
        lanes_bottom,
        touchpoints_y: lanes
            .iter()
            .find(|l| l.lane == Lane::Touchpoints)
            .map_or(lanes_top, |l| l.y),
    };
    if !map.path.is_empty() {
        crate::path::underlay(&mut svg, steps, &path_area, &map.path);
    }
    phases(&mut svg, &grid, steps, phases_y);
    stages(&mut svg, &grid, steps, stages_y);

    for lb in &lanes {
        svg.open("g", &[("class", &"lane"), ("data-lane", &lb.lane.key())]);
        let ty = if lb.lane == Lane::Curve {
            lb.y + LANE_PAD
        } else {
            lb.y + LANE_PAD + 1.0
        };
        svg.open("g", &[("class", &"lane-title")]);
        translated(&mut svg, grid.x + CELL_PAD + 2.0, ty, &lb.title.svg);
        svg.close("g");
        if lb.lane == Lane::Curve {
            curve::draw(
                &mut svg,
                map,
                steps,
                grid.col_x(0),
                lb.y,
                grid.col_w,
                grid.col_x(steps.len()) - grid.col_x(0),
                grid.col_x(0) - 12.0,
            );
        } else {
            for (i, (s, c)) in steps.iter().zip(&lb.cells).enumerate() {
                let transform = format!(
                    "translate({} {})",
                    N(grid.col_x(i) + CELL_PAD),
                    N(lb.y + LANE_PAD)
                );
                svg.open(
                    "g",
                    &[
                        ("class", &"step"),
                        ("data-step", &s.step.id),
                        ("transform", &transform),
                    ],
                );
                svg.append(&c.svg);
                svg.close("g");
            }
        }
        svg.close("g");
    }
    if !map.path.is_empty() {
        crate::path::draw(&mut svg, map, steps, &path_area, &map.path);
    }
    // Frame around the lanes.
    svg.leaf(
        "rect",
        &[
            ("x", &N(grid.x)),
            ("y", &N(lanes_top)),
            ("width", &N(grid.width())),
            ("height", &N(lanes_bottom - lanes_top)),
            ("fill", &"none"),
            ("stroke", &RULE_STRONG),
            ("stroke-width", &"1"),
        ],
    );

    translated(&mut svg, MARGIN, legend_y, &legend.svg);
    if let Some(page) = page {
        footer(&mut svg, map, &range, page, content_w, footer_y);
    }
    svg.close("svg");
    Composed {
        svg: svg.finish(),
        width,
        height,
    }
}

fn translated(svg: &mut Svg, x: f32, y: f32, body: &Svg) {
    let transform = format!("translate({} {})", N(x), N(y));
    svg.open("g", &[("transform", &transform)]);
    svg.append(body);
    svg.close("g");
}

fn grid_lines(
    svg: &mut Svg,
    grid: &Grid,
    steps: &[StepView<'_>],
    lanes: &[LaneBox],
    top: f32,
    bottom: f32,
) {
    svg.open("g", &[("class", &"grid")]);
    for (i, lb) in lanes.iter().enumerate() {
        let fill = if i % 2 == 0 { PAPER } else { LANE_ALT };
        let rect = |svg: &mut Svg, x: f32, w: f32, fill: &str| {
            svg.leaf(
                "rect",
                &[
                    ("x", &N(x)),
                    ("y", &N(lb.y)),
                    ("width", &N(w)),
                    ("height", &N(lb.h)),
                    ("fill", &fill),
                ],
            );
        };
        rect(svg, grid.x, grid.width(), fill);
        rect(svg, grid.x, HEAD_W, HEAD_BG);
        if i > 0 {
            line(
                svg,
                grid.x,
                lb.y,
                grid.x + grid.width(),
                lb.y,
                RULE_STRONG,
                1.0,
            );
        }
    }
    let lanes_top = lanes.first().map_or(bottom, |l| l.y);
    for i in 0..=steps.len() {
        let stage_edge =
            i == 0 || i == steps.len() || steps[i - 1].step.stage != steps[i].step.stage;
        let (colour, w, from) = if stage_edge {
            (RULE_STRONG, 1.0, top)
        } else {
            (RULE, 1.0, lanes_top)
        };
        let x = grid.col_x(i);
        line(svg, x, from, x, bottom, colour, w);
    }
    svg.close("g");
}

/// One rectangle per step column, from the stage row to the bottom of the lanes: invisible
/// click targets for the page (`data-col`), and the tint of the highlighted step.
fn step_columns(
    svg: &mut Svg,
    grid: &Grid,
    steps: &[StepView<'_>],
    highlight: Option<&str>,
    top: f32,
    bottom: f32,
) {
    svg.open("g", &[("class", &"step-cols")]);
    for (i, s) in steps.iter().enumerate() {
        let selected = highlight == Some(s.step.id.as_str());
        let (class, opacity) = if selected {
            ("step-col selected", "0.12")
        } else {
            ("step-col", "0")
        };
        svg.leaf(
            "rect",
            &[
                ("class", &class),
                ("data-col", &s.step.id),
                ("x", &N(grid.col_x(i) + 1.0)),
                ("y", &N(top)),
                ("width", &N(grid.col_w - 2.0)),
                ("height", &N(bottom - top)),
                ("fill", &BRAND),
                ("fill-opacity", &opacity),
            ],
        );
        if selected {
            svg.leaf(
                "rect",
                &[
                    ("class", &"step-col-outline"),
                    ("data-col", &s.step.id),
                    ("x", &N(grid.col_x(i) + 1.5)),
                    ("y", &N(top + 0.5)),
                    ("width", &N(grid.col_w - 3.0)),
                    ("height", &N(bottom - top - 1.0)),
                    ("fill", &"none"),
                    ("stroke", &BRAND),
                    ("stroke-width", &"3"),
                    ("rx", &"4"),
                ],
            );
        }
    }
    svg.close("g");
}

fn line(svg: &mut Svg, x1: f32, y1: f32, x2: f32, y2: f32, colour: &str, w: f32) {
    svg.leaf(
        "line",
        &[
            ("x1", &N(x1)),
            ("y1", &N(y1)),
            ("x2", &N(x2)),
            ("y2", &N(y2)),
            ("stroke", &colour),
            ("stroke-width", &N(w)),
        ],
    );
}

fn phases(svg: &mut Svg, grid: &Grid, steps: &[StepView<'_>], y: f32) {
    svg.open("g", &[("class", &"phases")]);
    for ((id, index), r) in runs(
        steps
            .iter()
            .map(|s| (s.phase.map(|p| p.id.as_str()), s.phase_index)),
    ) {
        let colours = phase_colours(index);
        let x = grid.col_x(r.start) + 3.0;
        let w = grid.col_x(r.end) - grid.col_x(r.start) - 6.0;
        let h = PHASE_H - 6.0;
        let name = steps[r.start].phase.map_or("—", |p| p.name.as_str());
        svg.open(
            "g",
            &[("class", &"phase"), ("data-phase", &id.unwrap_or(""))],
        );
        svg.leaf(
            "rect",
            &[
                ("x", &N(x)),
                ("y", &N(y)),
                ("width", &N(w)),
                ("height", &N(h)),
                ("rx", &"7"),
                ("fill", &colours.fill),
            ],
        );
        svg.leaf(
            "rect",
            &[
                ("x", &N(x)),
                ("y", &N(y)),
                ("width", &N(w)),
                ("height", &"4"),
                ("rx", &"2"),
                ("fill", &colours.accent),
            ],
        );
        let (name_fit, cut) = fit_cut(name, F_PHASE, w - 24.0);
        if cut {
            svg.element_text("title", &[], name);
        }
        let name = name_fit;
        svg.text(
            x + 12.0,
            y + h / 2.0 + 7.5,
            F_PHASE,
            colours.text,
            Anchor::Start,
            &name,
        );
        svg.close("g");
    }
    svg.close("g");
}

fn stages(svg: &mut Svg, grid: &Grid, steps: &[StepView<'_>], y: f32) {
    svg.open("g", &[("class", &"stages")]);
    for (id, r) in runs(steps.iter().map(|s| s.step.stage.as_str())) {
        let s = &steps[r.start];
        let colours = phase_colours(s.phase_index);
        let x = grid.col_x(r.start);
        let w = grid.col_x(r.end) - x;
        let name = s.stage.map_or(id, |st| st.name.as_str());
        let phase = s.phase.map_or("", |p| p.id.as_str());
        svg.open(
            "g",
            &[
                ("class", &"stage"),
                ("data-stage", &id),
                ("data-phase", &phase),
            ],
        );
        svg.leaf(
            "rect",
            &[
                ("x", &N(x + 3.0)),
                ("y", &N(y + STAGE_H - 6.0)),
                ("width", &N(w - 6.0)),
                ("height", &"2.5"),
                ("rx", &"1.25"),
                ("fill", &colours.accent),
            ],
        );
        let (name_fit, cut) = fit_cut(name, F_STAGE, w - 24.0);
        if cut {
            svg.element_text("title", &[], name);
        }
        let name = name_fit;
        svg.text(x + 12.0, y + 15.0, F_STAGE, INK_2, Anchor::Start, &name);
        svg.close("g");
    }
    svg.close("g");
}

fn footer(svg: &mut Svg, map: &MapView<'_>, range: &Range<usize>, page: Page, w: f32, y: f32) {
    let l = map.labels;
    svg.open(
        "g",
        &[
            ("class", &"page-footer"),
            ("data-page", &page.number),
            ("data-pages", &page.count),
        ],
    );
    line(svg, MARGIN, y, MARGIN + w, y, RULE_STRONG, 1.0);
    let base = y + 18.0;
    let left = fit(
        &format!("{} · {}", map.ws.settings.name, map.journey.name),
        F_SMALL,
        w / 2.0 - 80.0,
    );
    svg.text(MARGIN, base, F_SMALL, MUTED, Anchor::Start, &left);
    let steps = if range.is_empty() {
        String::new()
    } else {
        format!(
            "{} {}–{} {} {}",
            l.steps,
            range.start + 1,
            range.end,
            l.of,
            map.steps.len()
        )
    };
    svg.text(
        MARGIN + w / 2.0,
        base,
        F_SMALL,
        MUTED,
        Anchor::Middle,
        &steps,
    );
    let page_label = format!("{} {}/{}", l.page, page.number, page.count);
    svg.text(
        MARGIN + w,
        base,
        F_SMALL_BOLD,
        INK_2,
        Anchor::End,
        &page_label,
    );
    svg.close("g");
}
