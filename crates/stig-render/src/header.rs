//! The header above the grid: workspace, journey name with its as-is/to-be state, the
//! customer's goal and the brand promise.

use stig_model::JourneyState;

use crate::lanes::Cell;
use crate::svg::{Anchor, N, Svg};
use crate::text::{fit, wrap};
use crate::theme::*;
use crate::view::MapView;

const PILL_H: f32 = 22.0;

/// The header, `width` wide, drawn at the origin.
pub(crate) fn header(map: &MapView<'_>, width: f32) -> Cell {
    let l = map.labels;
    let promise = map.ws.settings.brand_promise.trim();
    let box_w = if promise.is_empty() {
        0.0
    } else {
        (width * 0.34).clamp(300.0, 460.0)
    };
    let side_by_side = box_w > 0.0 && width - box_w >= 520.0;
    let left_w = if side_by_side {
        width - box_w - 40.0
    } else {
        width
    };

    let mut svg = Svg::new();
    svg.open("g", &[("class", &"header")]);
    let mut y = 0.0;
    let ws_name = fit(&map.ws.settings.name.to_uppercase(), F_WORKSPACE, left_w);
    svg.element_text(
        "text",
        &[
            ("class", &"workspace-name"),
            ("x", &"0"),
            ("y", &N(F_WORKSPACE.ascent())),
            ("font-size", &N(F_WORKSPACE.size)),
            ("font-weight", &"bold"),
            ("fill", &BRAND),
        ],
        &ws_name,
    );
    y += F_WORKSPACE.line_height() + 6.0;

    // Journey name and state pill.
    let (state, pill_fill, pill_ink) = match map.journey.state {
        JourneyState::AsIs => (l.as_is, "#E9EDF2", INK_2),
        JourneyState::ToBe => (l.to_be, "#DDF2E5", "#1E7B4B"),
    };
    let pill_w = F_SMALL_BOLD.width(state) + 20.0;
    let title = fit(&map.journey.name, F_TITLE, left_w - pill_w - 16.0);
    let title_w = F_TITLE.width(&title);
    let baseline = y + F_TITLE.ascent();
    svg.element_text(
        "text",
        &[
            ("class", &"journey-name"),
            ("x", &"0"),
            ("y", &N(baseline)),
            ("font-size", &N(F_TITLE.size)),
            ("font-weight", &"bold"),
            ("fill", &INK),
        ],
        &title,
    );
    let pill_x = title_w + 14.0;
    let pill_y = baseline - 10.0 - PILL_H / 2.0;
    let state_key = match map.journey.state {
        JourneyState::AsIs => "as-is",
        JourneyState::ToBe => "to-be",
    };
    svg.open(
        "g",
        &[("class", &"journey-state"), ("data-state", &state_key)],
    );
    svg.leaf(
        "rect",
        &[
            ("x", &N(pill_x)),
            ("y", &N(pill_y)),
            ("width", &N(pill_w)),
            ("height", &N(PILL_H)),
            ("rx", &N(PILL_H / 2.0)),
            ("fill", &pill_fill),
        ],
    );
    svg.text(
        pill_x + pill_w / 2.0,
        pill_y + 15.0,
        F_SMALL_BOLD,
        pill_ink,
        Anchor::Middle,
        state,
    );
    svg.close("g");
    y += F_TITLE.line_height();

    if let Some(as_is) = map.journey.as_is.as_deref() {
        let name = map.ws.journey(as_is).map_or(as_is, |j| j.name.as_str());
        let text = fit(
            &format!("{}: {} ({})", l.improves_on, name, l.as_is),
            F_BODY,
            left_w,
        );
        svg.text(
            0.0,
            y + F_BODY.ascent(),
            F_BODY,
            MUTED,
            Anchor::Start,
            &text,
        );
        y += F_BODY.line_height() + 2.0;
    }

    if !map.journey.goal.trim().is_empty() {
        y += 8.0;
        let label = l.goal.to_uppercase();
        svg.text(
            0.0,
            y + F_SMALL_BOLD.ascent(),
            F_SMALL_BOLD,
            MUTED,
            Anchor::Start,
            &label,
        );
        y += F_SMALL_BOLD.line_height() + 2.0;
        let lines = wrap(&map.journey.goal, F_LEAD, left_w, 2);
        svg.open("g", &[("class", &"journey-goal")]);
        svg.lines(0.0, y + F_LEAD.ascent(), F_LEAD, INK, &lines);
        svg.close("g");
        y += lines.len() as f32 * F_LEAD.line_height();
    }
    let left_h = y;

    // Brand promise box.
    let mut height = left_h;
    if box_w > 0.0 {
        let (bx, by, bw) = if side_by_side {
            (width - box_w, 0.0, box_w)
        } else {
            (0.0, left_h + 14.0, width)
        };
        let text = format!("“{promise}”");
        let lines = wrap(&text, F_LEAD_BOLD, bw - 40.0, 4);
        let bh = 16.0
            + F_SMALL_BOLD.line_height()
            + 4.0
            + lines.len() as f32 * F_LEAD_BOLD.line_height()
            + 12.0;
        svg.open("g", &[("class", &"brand-promise")]);
        svg.leaf(
            "rect",
            &[
                ("x", &N(bx)),
                ("y", &N(by)),
                ("width", &N(bw)),
                ("height", &N(bh)),
                ("rx", &"10"),
                ("fill", &HEAD_BG),
            ],
        );
        svg.leaf(
            "rect",
            &[
                ("x", &N(bx)),
                ("y", &N(by)),
                ("width", &"5"),
                ("height", &N(bh)),
                ("rx", &"2.5"),
                ("fill", &BRAND),
            ],
        );
        let label = l.brand_promise.to_uppercase();
        let ty = by + 16.0;
        svg.text(
            bx + 22.0,
            ty + F_SMALL_BOLD.ascent() - 2.0,
            F_SMALL_BOLD,
            BRAND,
            Anchor::Start,
            &label,
        );
        let ty = ty + F_SMALL_BOLD.line_height() + 4.0;
        svg.lines(
            bx + 22.0,
            ty + F_LEAD_BOLD.ascent(),
            F_LEAD_BOLD,
            INK,
            &lines,
        );
        svg.close("g");
        height = height.max(by + bh);
    }
    svg.close("g");
    Cell { svg, height }
}
