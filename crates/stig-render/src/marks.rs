//! Small marks shared by the lanes, the curve and the legend: valence chips, persona curve
//! markers and the physical/digital badge.

use stig_model::Mode;

use crate::svg::{Anchor, N, Svg};
use crate::theme::*;

pub(crate) const CHIP_W: f32 = 28.0;
pub(crate) const CHIP_H: f32 = 17.0;

/// Filled dot for a physical touchpoint, hollow ring for a digital one.
pub(crate) fn mode_badge(svg: &mut Svg, mode: Option<Mode>, cx: f32, cy: f32, colour: &str) {
    let fill = if mode == Some(Mode::Physical) {
        colour
    } else {
        PAPER
    };
    svg.leaf(
        "circle",
        &[
            ("class", &"mode"),
            ("cx", &N(cx)),
            ("cy", &N(cy)),
            ("r", &"4"),
            ("fill", &fill),
            ("stroke", &colour),
            ("stroke-width", &"1.5"),
        ],
    );
}

/// A rounded chip with the valence (`+2` … `−2`) on its colour.
pub(crate) fn valence_chip(svg: &mut Svg, v: i8, x: f32, y: f32) {
    svg.leaf(
        "rect",
        &[
            ("x", &N(x)),
            ("y", &N(y)),
            ("width", &N(CHIP_W)),
            ("height", &N(CHIP_H)),
            ("rx", &N(CHIP_H / 2.0)),
            ("fill", &valence_colour(f64::from(v))),
        ],
    );
    let label = valence_label(v);
    svg.text(
        x + CHIP_W / 2.0,
        y + 12.5,
        F_SMALL_BOLD,
        PAPER,
        Anchor::Middle,
        &label,
    );
}

/// A curve marker: filled, or hollow (white inside) for a neutral point.
pub(crate) fn marker(
    svg: &mut Svg,
    shape: Marker,
    cx: f32,
    cy: f32,
    r: f32,
    colour: &str,
    filled: bool,
) {
    let fill = if filled { colour } else { PAPER };
    let (d, name) = match shape {
        Marker::Circle => (
            format!(
                "M{} {}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0z",
                N(cx - r),
                N(cy),
                N(2.0 * r),
                N(-2.0 * r),
                r = N(r)
            ),
            "circle",
        ),
        Marker::Square => {
            let s = r * 0.9;
            (
                format!(
                    "M{} {}h{}v{}h{}z",
                    N(cx - s),
                    N(cy - s),
                    N(2.0 * s),
                    N(2.0 * s),
                    N(-2.0 * s)
                ),
                "square",
            )
        }
        Marker::Diamond => {
            let s = r * 1.25;
            (
                format!(
                    "M{} {}L{} {}L{} {}L{} {}z",
                    N(cx),
                    N(cy - s),
                    N(cx + s),
                    N(cy),
                    N(cx),
                    N(cy + s),
                    N(cx - s),
                    N(cy)
                ),
                "diamond",
            )
        }
        Marker::Triangle => {
            let s = r * 1.3;
            (
                format!(
                    "M{} {}L{} {}L{} {}z",
                    N(cx),
                    N(cy - s),
                    N(cx + s * 0.95),
                    N(cy + s * 0.7),
                    N(cx - s * 0.95),
                    N(cy + s * 0.7)
                ),
                "triangle",
            )
        }
    };
    svg.leaf(
        "path",
        &[
            ("class", &"marker"),
            ("data-shape", &name),
            ("d", &d),
            ("fill", &fill),
            ("stroke", &colour),
            ("stroke-width", &"1.8"),
            ("stroke-linejoin", &"round"),
        ],
    );
}

/// A persona's picture in a circle of radius `r` at (`cx`, `cy`), ringed in its curve colour.
/// `clip` must be an id unique in the document.
pub(crate) fn picture(svg: &mut Svg, href: &str, cx: f32, cy: f32, r: f32, ring: &str, clip: &str) {
    svg.open("g", &[("class", &"persona-picture")]);
    svg.open("clipPath", &[("id", &clip)]);
    svg.leaf("circle", &[("cx", &N(cx)), ("cy", &N(cy)), ("r", &N(r))]);
    svg.close("clipPath");
    svg.leaf(
        "circle",
        &[
            ("cx", &N(cx)),
            ("cy", &N(cy)),
            ("r", &N(r)),
            ("fill", &PAPER),
        ],
    );
    let clip_url = format!("url(#{clip})");
    svg.leaf(
        "image",
        &[
            ("href", &href),
            ("x", &N(cx - r)),
            ("y", &N(cy - r)),
            ("width", &N(2.0 * r)),
            ("height", &N(2.0 * r)),
            ("preserveAspectRatio", &"xMidYMid slice"),
            ("clip-path", &clip_url),
        ],
    );
    svg.leaf(
        "circle",
        &[
            ("cx", &N(cx)),
            ("cy", &N(cy)),
            ("r", &N(r)),
            ("fill", &"none"),
            ("stroke", &ring),
            ("stroke-width", &"2"),
        ],
    );
    svg.close("g");
}
