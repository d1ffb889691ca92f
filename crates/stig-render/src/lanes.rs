//! The lanes (rows) of the map and the content of one step's cell in each of them. A cell is
//! drawn at the origin with a known width; its height decides the lane's height.

use stig_model::{EmotionalElement, Mode};

use crate::icons::{self, Glyph};
use crate::labels::Labels;
use crate::marks::{CHIP_H, CHIP_W, marker, mode_badge, valence_chip};
use crate::svg::{Anchor, N, Svg};
use crate::text::{fit, fit_cut, wrap, wrap_cut};
use crate::theme::{self, *};
use crate::view::{ActorView, MapView, PersonaView, StepView, TouchpointView};

/// A lane of the map, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    Actions,
    Touchpoints,
    Emotions,
    Curve,
    Functional,
    PainPoints,
    Opportunities,
    Actors,
}

impl Lane {
    pub(crate) const ALL: [Lane; 8] = [
        Lane::Actions,
        Lane::Touchpoints,
        Lane::Emotions,
        Lane::Curve,
        Lane::Functional,
        Lane::PainPoints,
        Lane::Opportunities,
        Lane::Actors,
    ];

    /// The `data-lane` marker.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Lane::Actions => "actions",
            Lane::Touchpoints => "touchpoints",
            Lane::Emotions => "emotions",
            Lane::Curve => "curve",
            Lane::Functional => "functional",
            Lane::PainPoints => "pain-points",
            Lane::Opportunities => "opportunities",
            Lane::Actors => "actors",
        }
    }

    pub(crate) fn title(self, l: &Labels) -> &'static str {
        match self {
            Lane::Actions => l.actions,
            Lane::Touchpoints => l.touchpoints,
            Lane::Emotions => l.emotions,
            Lane::Curve => l.curve,
            Lane::Functional => l.functional,
            Lane::PainPoints => l.pain_points,
            Lane::Opportunities => l.opportunities,
            Lane::Actors => l.actors,
        }
    }

    pub(crate) fn glyph(self) -> Glyph {
        match self {
            Lane::Actions => icons::ACTION,
            Lane::Touchpoints => icons::TOUCHPOINT,
            Lane::Emotions => icons::INTANGIBLE,
            Lane::Curve => icons::CURVE,
            Lane::Functional => icons::FUNCTIONAL,
            Lane::PainPoints => icons::PAIN,
            Lane::Opportunities => icons::OPPORTUNITY,
            Lane::Actors => icons::ACTOR,
        }
    }
}

/// Drawn content of a cell, at the origin, and its height.
#[derive(Debug)]
pub(crate) struct Cell {
    pub svg: Svg,
    pub height: f32,
}

/// The lane title cell of the header column: symbol and wrapped title.
pub(crate) fn title_cell(lane: Lane, labels: &Labels, width: f32) -> Cell {
    let mut svg = Svg::new();
    icons::draw(&mut svg, lane.glyph(), 0.0, 0.0, 16.0, BRAND);
    let lines = wrap(lane.title(labels), F_LANE, width - 24.0, 3);
    svg.lines(24.0, F_LANE.ascent() + 0.5, F_LANE, INK, &lines);
    let height = lines.len() as f32 * F_LANE.line_height();
    Cell { svg, height }
}

/// The cell of `step` in `lane` (not for the curve lane, which is drawn across the steps).
pub(crate) fn cell(lane: Lane, map: &MapView<'_>, step: &StepView<'_>, width: f32) -> Cell {
    let mut svg = Svg::new();
    let height = match lane {
        Lane::Actions => actions(&mut svg, map, step, width),
        Lane::Touchpoints => touchpoints(&mut svg, map, step, width),
        Lane::Emotions => emotions(&mut svg, map, step, width),
        Lane::Curve => 0.0,
        Lane::Functional => functional(&mut svg, step, width),
        Lane::PainPoints => notes(&mut svg, &step.step.pain_points, NoteKind::Pain, width),
        Lane::Opportunities => notes(
            &mut svg,
            &step.step.opportunities,
            NoteKind::Opportunity,
            width,
        ),
        Lane::Actors => actors(&mut svg, map, &step.actors, width),
    };
    Cell { svg, height }
}

fn actions(svg: &mut Svg, map: &MapView<'_>, step: &StepView<'_>, w: f32) -> f32 {
    let accent = phase_colours(step.phase_index).accent;
    let label = format!("{} {}", map.labels.step, step.number).to_uppercase();
    svg.text(
        0.0,
        F_SMALL_BOLD.ascent(),
        F_SMALL_BOLD,
        accent,
        Anchor::Start,
        &label,
    );
    let mut y = F_SMALL_BOLD.line_height() + 3.0;
    let (lines, cut) = wrap_cut(&step.step.action, F_ACTION, w, 5);
    svg.open_texted("action", &[], &step.step.action, cut);
    svg.lines(0.0, y + F_ACTION.ascent(), F_ACTION, INK, &lines);
    svg.close("g");
    y += lines.len() as f32 * F_ACTION.line_height();
    if !step.step.sub_goal.trim().is_empty() {
        y += 8.0;
        icons::draw(svg, icons::TARGET, 0.0, y + 0.5, 13.0, MUTED);
        let (lines, cut) = wrap_cut(&step.step.sub_goal, F_BODY, w - 19.0, 3);
        let full = format!("{}: {}", map.labels.sub_goal, step.step.sub_goal.trim());
        svg.open_texted("sub-goal", &[], &full, cut);
        svg.lines(19.0, y + F_BODY.ascent(), F_BODY, INK_2, &lines);
        svg.close("g");
        y += lines.len() as f32 * F_BODY.line_height();
    }
    y
}

const TP_BADGE: f32 = 26.0;
const TP_PAD: f32 = 8.0;

fn touchpoints(svg: &mut Svg, map: &MapView<'_>, step: &StepView<'_>, w: f32) -> f32 {
    let mut y = 0.0;
    for tp in &step.touchpoints {
        if y > 0.0 {
            y += 8.0;
        }
        y += touchpoint_card(svg, map.labels, tp, 0.0, y, w);
    }
    y
}

/// One touchpoint card at (`x`, `y`), `w` wide; returns its height.
pub(crate) fn touchpoint_card(
    svg: &mut Svg,
    labels: &Labels,
    tp: &TouchpointView<'_>,
    x: f32,
    y: f32,
    w: f32,
) -> f32 {
    let text_x = x + TP_PAD + TP_BADGE + 8.0;
    let text_w = w - (text_x - x) - TP_PAD - 10.0;
    let (id, name, channel_label, glyph, colours, mode, owner, channel) = match tp {
        TouchpointView::Known(t) => (
            t.id.as_str(),
            t.name.as_str(),
            labels.channel(&t.channel).to_owned(),
            icons::channel(&t.channel),
            owner_colours(t.owner),
            Some(t.mode),
            t.owner.as_str(),
            t.channel.as_str(),
        ),
        TouchpointView::Missing(id) => (
            *id,
            *id,
            "?".to_owned(),
            icons::CUSTOM,
            UNKNOWN,
            None,
            "",
            "",
        ),
    };
    let (name_lines, name_cut) = wrap_cut(name, F_BODY_BOLD, text_w, 3);
    let text_h = name_lines.len() as f32 * F_BODY_BOLD.line_height() + F_SMALL.line_height();
    let h = text_h.max(TP_BADGE) + 2.0 * TP_PAD;
    let class = if mode.is_some() {
        "touchpoint"
    } else {
        "touchpoint missing"
    };
    let mode_str = mode.map_or("", Mode::as_str);
    let full = match mode {
        Some(m) => format!("{name} · {channel_label} · {}", labels.mode(m)),
        None => name.to_owned(),
    };
    svg.open_texted(
        class,
        &[
            ("data-touchpoint", &id),
            ("data-channel", &channel),
            ("data-owner", &owner),
            ("data-mode", &mode_str),
        ],
        &full,
        name_cut,
    );
    let dash = if mode == Some(Mode::Physical) {
        "none"
    } else {
        "4 3"
    };
    svg.leaf(
        "rect",
        &[
            ("x", &N(x + 0.6)),
            ("y", &N(y + 0.6)),
            ("width", &N(w - 1.2)),
            ("height", &N(h - 1.2)),
            ("rx", &"8"),
            ("fill", &colours.light),
            ("stroke", &colours.strong),
            ("stroke-width", &"1.2"),
            ("stroke-dasharray", &dash),
        ],
    );
    let cy = y + TP_PAD + TP_BADGE / 2.0;
    svg.leaf(
        "circle",
        &[
            ("cx", &N(x + TP_PAD + TP_BADGE / 2.0)),
            ("cy", &N(cy)),
            ("r", &N(TP_BADGE / 2.0)),
            ("fill", &colours.strong),
        ],
    );
    icons::draw(svg, glyph, x + TP_PAD + 5.0, cy - 8.0, 16.0, PAPER);
    svg.lines(
        text_x,
        y + TP_PAD + F_BODY_BOLD.ascent() - 1.0,
        F_BODY_BOLD,
        INK,
        &name_lines,
    );
    let channel_y = y + TP_PAD + name_lines.len() as f32 * F_BODY_BOLD.line_height();
    let channel_label = fit(&channel_label, F_SMALL, text_w);
    svg.text(
        text_x,
        channel_y + F_SMALL.ascent(),
        F_SMALL,
        INK_2,
        Anchor::Start,
        &channel_label,
    );
    mode_badge(svg, mode, x + w - 11.0, y + 11.0, colours.strong);
    svg.close("g");
    h
}

fn emotions(svg: &mut Svg, map: &MapView<'_>, step: &StepView<'_>, w: f32) -> f32 {
    let mut y = 0.0;
    for (i, e) in step.step.emotions.iter().enumerate() {
        if i > 0 {
            y += 6.0;
            svg.leaf(
                "line",
                &[
                    ("x1", &"0"),
                    ("x2", &N(w)),
                    ("y1", &N(y)),
                    ("y2", &N(y)),
                    ("stroke", &RULE),
                    ("stroke-dasharray", &"2 3"),
                ],
            );
            y += 6.0;
        }
        y += emotion_row(svg, map, e, y, w);
    }
    y
}

fn emotion_row(svg: &mut Svg, map: &MapView<'_>, e: &EmotionalElement, y: f32, w: f32) -> f32 {
    let values: Vec<(i8, &PersonaView<'_>)> = map
        .personas
        .iter()
        .map(|p| (e.valence_for(p.id), p))
        .collect();
    let uniform = values.windows(2).all(|v| v[0].0 == v[1].0);
    let chips_w = if uniform { CHIP_W } else { CHIP_W + 12.0 };
    let text_x = 21.0;
    let text_w = w - text_x - chips_w - 6.0;

    let (sense_attr, intangible_attr) = match (&e.sense, &e.intangible) {
        (Some(s), _) => (s.as_str(), ""),
        (None, Some(i)) => ("", i.as_str()),
        (None, None) => ("", ""),
    };
    let mut attrs: Vec<(&str, &dyn std::fmt::Display)> = Vec::new();
    if !sense_attr.is_empty() {
        attrs.push(("data-sense", &sense_attr));
    }
    if !intangible_attr.is_empty() {
        attrs.push(("data-intangible", &intangible_attr));
    }
    attrs.push(("data-valence", &e.valence));
    let (glyph, kind) = match (&e.sense, &e.intangible) {
        (Some(s), _) => (icons::sense(*s), map.labels.sense(*s).to_owned()),
        (None, Some(i)) => (icons::INTANGIBLE, i.clone()),
        (None, None) => (icons::INTANGIBLE, map.labels.intangible.to_owned()),
    };
    let (lines, name_cut) = wrap_cut(&e.name, F_BODY, text_w, 3);
    let kind_cut = fit_cut(&kind, F_SMALL, text_w).1;
    let full = format!("{} · {kind}", e.name.trim());
    svg.open_texted("emotion", &attrs, &full, name_cut || kind_cut);

    icons::draw(svg, glyph, 0.0, y, 15.0, INK_2);
    svg.lines(text_x, y + F_BODY.ascent(), F_BODY, INK, &lines);
    let mut text_h = lines.len() as f32 * F_BODY.line_height();
    let kind = fit(&kind, F_SMALL, text_w);
    svg.text(
        text_x,
        y + text_h + F_SMALL.ascent(),
        F_SMALL,
        MUTED,
        Anchor::Start,
        &kind,
    );
    text_h += F_SMALL.line_height();

    let chip_x = w - CHIP_W;
    let chips_h = if uniform {
        let v = values.first().map_or(e.valence, |v| v.0);
        valence_chip(svg, v, chip_x, y);
        CHIP_H
    } else {
        for (i, (v, p)) in values.iter().enumerate() {
            let cy = y + i as f32 * (CHIP_H + 3.0);
            marker(
                svg,
                p.style.marker,
                chip_x - 8.0,
                cy + CHIP_H / 2.0,
                3.6,
                p.style.colour,
                true,
            );
            valence_chip(svg, *v, chip_x, cy);
        }
        values.len() as f32 * (CHIP_H + 3.0) - 3.0
    };
    svg.close("g");
    text_h.max(chips_h)
}

fn functional(svg: &mut Svg, step: &StepView<'_>, w: f32) -> f32 {
    let mut y = 0.0;
    for (i, f) in step.step.functional.iter().enumerate() {
        if i > 0 {
            y += 7.0;
        }
        let (lines, cut) = wrap_cut(f, F_BODY, w - 19.0, 3);
        svg.open_texted("functional", &[], f, cut);
        icons::draw(
            svg,
            icons::FUNCTIONAL,
            0.0,
            y + 0.5,
            13.0,
            theme::OWN.strong,
        );
        svg.lines(19.0, y + F_BODY.ascent(), F_BODY, INK, &lines);
        svg.close("g");
        y += lines.len() as f32 * F_BODY.line_height();
    }
    y
}

#[derive(Debug, Clone, Copy)]
enum NoteKind {
    Pain,
    Opportunity,
}

fn notes(svg: &mut Svg, items: &[String], kind: NoteKind, w: f32) -> f32 {
    let (class, fill, accent, glyph) = match kind {
        NoteKind::Pain => ("pain-point", "#FDEEEE", "#D64545", icons::PAIN),
        NoteKind::Opportunity => ("opportunity", "#EAF6EE", "#2E9E5B", icons::OPPORTUNITY),
    };
    let pad = 7.0;
    let text_x = 26.0;
    let mut y = 0.0;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            y += 6.0;
        }
        let (lines, cut) = wrap_cut(item, F_BODY, w - text_x - pad, 4);
        let h = lines.len() as f32 * F_BODY.line_height() + 2.0 * pad;
        svg.open_texted(class, &[], item, cut);
        svg.leaf(
            "rect",
            &[
                ("x", &"0"),
                ("y", &N(y)),
                ("width", &N(w)),
                ("height", &N(h)),
                ("rx", &"6"),
                ("fill", &fill),
            ],
        );
        svg.leaf(
            "rect",
            &[
                ("x", &"0"),
                ("y", &N(y)),
                ("width", &"3.5"),
                ("height", &N(h)),
                ("rx", &"1.75"),
                ("fill", &accent),
            ],
        );
        icons::draw(svg, glyph, 9.0, y + pad + 0.5, 13.0, accent);
        svg.lines(text_x, y + pad + F_BODY.ascent(), F_BODY, INK, &lines);
        svg.close("g");
        y += h;
    }
    y
}

const PILL_H: f32 = 22.0;

/// Actor pills, flowing left to right and wrapping.
pub(crate) fn actors(svg: &mut Svg, map: &MapView<'_>, actors: &[ActorView<'_>], w: f32) -> f32 {
    let (mut x, mut y) = (0.0f32, 0.0f32);
    for a in actors {
        let kind = a.actor.map(|a| a.kind);
        let colours = actor_colours(kind);
        let (name, cut) = fit_cut(a.name(), F_SMALL_BOLD, w - 26.0);
        let pill_w = (F_SMALL_BOLD.width(&name) + 26.0).min(w);
        if x > 0.0 && x + pill_w > w {
            x = 0.0;
            y += PILL_H + 6.0;
        }
        let kind_attr = kind.map_or("", |k| k.as_str());
        let title = match kind {
            Some(k) => format!("{} · {}", a.name(), map.labels.actor_kind(k)),
            None => a.name().to_owned(),
        };
        svg.open_texted(
            "actor",
            &[("data-actor", &a.id), ("data-kind", &kind_attr)],
            &title,
            cut,
        );
        svg.leaf(
            "rect",
            &[
                ("x", &N(x + 0.5)),
                ("y", &N(y + 0.5)),
                ("width", &N(pill_w - 1.0)),
                ("height", &N(PILL_H - 1.0)),
                ("rx", &N(PILL_H / 2.0)),
                ("fill", &colours.light),
                ("stroke", &colours.strong),
                ("stroke-width", &"1"),
            ],
        );
        svg.leaf(
            "circle",
            &[
                ("cx", &N(x + 11.0)),
                ("cy", &N(y + PILL_H / 2.0)),
                ("r", &"3.5"),
                ("fill", &colours.strong),
            ],
        );
        svg.text(x + 19.0, y + 15.0, F_SMALL_BOLD, INK, Anchor::Start, &name);
        svg.close("g");
        x += pill_w + 6.0;
    }
    if actors.is_empty() { 0.0 } else { y + PILL_H }
}
