//! The designed emotion curve lane: one polyline per persona over the steps, valence −2 at
//! the bottom to +2 at the top, with a zero line. Personas differ in colour, dash pattern and
//! marker shape; a step without emotional elements counts as 0 and gets a hollow marker.

use crate::marks::marker;
use crate::svg::{Anchor, N, Svg};
use crate::theme::*;
use crate::view::{MapView, StepView};

/// Vertical space above +2 and below −2 inside the lane.
pub(crate) const PLOT_PAD: f32 = 26.0;
/// Curves of several personas are nudged apart by this much (vertically, and their markers
/// horizontally) so that equal values stay visible.
const DODGE: f32 = 2.5;
const DODGE_X: f32 = 7.0;

/// Where the curves go: value → y, and the nudge of each persona's curve.
pub(crate) struct Plot {
    /// Left edge of the first step column.
    pub x: f32,
    pub col_w: f32,
    /// Top of the lane.
    pub lane_y: f32,
    /// y of +2 and of −2.
    pub top: f32,
    pub bottom: f32,
    /// How many persona curves are drawn.
    pub personas: usize,
}

impl Plot {
    pub(crate) fn y_of(&self, v: f64) -> f32 {
        self.top + (2.0 - v.clamp(-2.0, 2.0) as f32) / 4.0 * (self.bottom - self.top)
    }

    /// Vertical and horizontal nudge of the `pi`th persona's curve.
    pub(crate) fn dodge(&self, pi: usize) -> (f32, f32) {
        let offset = pi as f32 - (self.personas as f32 - 1.0) / 2.0;
        (offset * DODGE, offset * DODGE_X)
    }

    /// Centre of the `i`th step's column.
    pub(crate) fn centre(&self, i: usize) -> f32 {
        self.x + (i as f32 + 0.5) * self.col_w
    }
}

/// Draws the plot area of the curve lane: `x` is the left edge of the first step column,
/// `y` the top of the lane; also the axis labels right-aligned at `axis_x`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw(
    svg: &mut Svg,
    map: &MapView<'_>,
    steps: &[StepView<'_>],
    x: f32,
    y: f32,
    col_w: f32,
    width: f32,
    axis_x: f32,
) {
    let plot = Plot {
        x,
        col_w,
        lane_y: y,
        top: y + PLOT_PAD,
        bottom: y + CURVE_H - PLOT_PAD,
        personas: map.personas.len(),
    };
    let y_of = |v: f64| plot.y_of(v);

    // Soft positive and negative halves.
    svg.open("defs", &[]);
    gradient(svg, "curve-positive", "#E3F3E8", 1.0, 0.0);
    gradient(svg, "curve-negative", "#FBE7E7", 0.0, 1.0);
    svg.close("defs");
    let mid = y_of(0.0);
    svg.leaf(
        "rect",
        &[
            ("x", &N(x)),
            ("y", &N(y)),
            ("width", &N(width)),
            ("height", &N(mid - y)),
            ("fill", &"url(#curve-positive)"),
        ],
    );
    svg.leaf(
        "rect",
        &[
            ("x", &N(x)),
            ("y", &N(mid)),
            ("width", &N(width)),
            ("height", &N(y + CURVE_H - mid)),
            ("fill", &"url(#curve-negative)"),
        ],
    );

    for v in -2i8..=2 {
        let gy = y_of(f64::from(v));
        let (stroke, sw, dash) = if v == 0 {
            (RULE_STRONG, "1.4", "none")
        } else {
            (RULE, "1", "3 4")
        };
        svg.leaf(
            "line",
            &[
                ("class", &"curve-grid"),
                ("x1", &N(x)),
                ("x2", &N(x + width)),
                ("y1", &N(gy)),
                ("y2", &N(gy)),
                ("stroke", &stroke),
                ("stroke-width", &sw),
                ("stroke-dasharray", &dash),
            ],
        );
        let label = valence_label(v);
        let colour = if v == 0 {
            INK_2
        } else {
            valence_colour(f64::from(v))
        };
        svg.text(axis_x, gy + 4.0, F_SMALL_BOLD, colour, Anchor::End, &label);
    }

    for (pi, persona) in map.personas.iter().enumerate() {
        let (dodge, dodge_x) = plot.dodge(pi);
        let values: Vec<(f32, f32, Option<f64>)> = steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let value = s.step.designed_emotion(persona.id);
                let cx = plot.centre(i) + dodge_x;
                (cx, y_of(value.unwrap_or(0.0)) + dodge, value)
            })
            .collect();
        let points: Vec<String> = values
            .iter()
            .map(|(px, py, _)| format!("{},{}", N(*px), N(*py)))
            .collect();
        let points = points.join(" ");
        let style = persona.style;
        svg.open(
            "g",
            &[
                ("class", &"curve-series"),
                ("data-persona", &persona.id_attr()),
            ],
        );
        let dash = style.dash.unwrap_or("none");
        svg.leaf(
            "polyline",
            &[
                ("class", &"curve"),
                ("data-persona", &persona.id_attr()),
                ("points", &points),
                ("fill", &"none"),
                ("stroke", &style.colour),
                ("stroke-width", &"2.6"),
                ("stroke-linejoin", &"round"),
                ("stroke-linecap", &"round"),
                ("stroke-dasharray", &dash),
            ],
        );
        for ((px, py, value), s) in values.iter().zip(steps) {
            let data_value = value.map_or("none".to_owned(), |v| format!("{v:.2}"));
            svg.open(
                "g",
                &[
                    ("class", &"curve-point"),
                    ("data-step", &s.step.id),
                    ("data-value", &data_value),
                ],
            );
            marker(
                svg,
                style.marker,
                *px,
                *py,
                4.6,
                style.colour,
                value.is_some(),
            );
            svg.close("g");
        }
        svg.close("g");
    }
    if !map.measured.is_empty() {
        crate::measured::draw(svg, map, steps, &plot);
    }
    // Each persona's picture where its curve starts, left of the first point.
    if let Some(first) = steps.first() {
        for (pi, persona) in map.personas.iter().enumerate() {
            let Some(href) = &persona.picture else {
                continue;
            };
            let (dodge, _) = plot.dodge(pi);
            let value = first.step.designed_emotion(persona.id).unwrap_or(0.0);
            let cx = plot.x + 16.0 + pi as f32 * 22.0;
            let clip = format!("curve-picture-{}", persona.id_attr());
            crate::marks::picture(
                svg,
                href,
                cx,
                y_of(value) + dodge,
                10.0,
                persona.style.colour,
                &clip,
            );
        }
    }
}

fn gradient(svg: &mut Svg, id: &str, colour: &str, from: f32, to: f32) {
    svg.open(
        "linearGradient",
        &[
            ("id", &id),
            ("x1", &"0"),
            ("y1", &"0"),
            ("x2", &"0"),
            ("y2", &"1"),
        ],
    );
    svg.leaf(
        "stop",
        &[
            ("offset", &"0"),
            ("stop-color", &colour),
            ("stop-opacity", &N(from)),
        ],
    );
    svg.leaf(
        "stop",
        &[
            ("offset", &"1"),
            ("stop-color", &colour),
            ("stop-opacity", &N(to)),
        ],
    );
    svg.close("linearGradient");
}
