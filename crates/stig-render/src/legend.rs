//! The legend under the grid: owners, physical/digital, personas of the curve, valence,
//! senses and the channels the map uses. Groups and their items flow to fit the width.

use stig_model::{Channel, Mode, Owner, Sense};

use crate::icons;
use crate::lanes::Cell;
use crate::marks::{marker, mode_badge, valence_chip};
use crate::measured;
use crate::path;
use crate::svg::{Anchor, N, Svg};
use crate::text::fit;
use crate::theme::*;
use crate::view::{MapView, TouchpointView};

const ITEM_H: f32 = 18.0;
const ROW_GAP: f32 = 8.0;
const ITEM_GAP: f32 = 18.0;
const GROUP_GAP: f32 = 48.0;
const TEXT_Y: f32 = 13.0;

struct Item {
    svg: Svg,
    width: f32,
}

struct Group {
    key: &'static str,
    title: String,
    items: Vec<Item>,
}

/// The legend for `map`, `width` wide, drawn at the origin.
pub(crate) fn legend(map: &MapView<'_>, width: f32) -> Cell {
    let groups = groups(map, width);
    let mut svg = Svg::new();
    svg.open("g", &[("class", &"legend")]);
    let (mut x, mut y, mut row_h) = (0.0f32, 0.0f32, 0.0f32);
    for group in groups {
        let (body, w, h) = layout_group(&group, width);
        if x > 0.0 && x + w > width {
            x = 0.0;
            y += row_h + 20.0;
            row_h = 0.0;
        }
        let transform = format!("translate({} {})", N(x), N(y));
        svg.open(
            "g",
            &[
                ("class", &"legend-group"),
                ("data-group", &group.key),
                ("transform", &transform),
            ],
        );
        svg.append(&body);
        svg.close("g");
        x += w + GROUP_GAP;
        row_h = row_h.max(h);
    }
    svg.close("g");
    Cell {
        svg,
        height: y + row_h,
    }
}

fn layout_group(group: &Group, max_w: f32) -> (Svg, f32, f32) {
    let mut svg = Svg::new();
    let title = fit(&group.title.to_uppercase(), F_SMALL_BOLD, max_w);
    svg.text(
        0.0,
        F_SMALL_BOLD.ascent(),
        F_SMALL_BOLD,
        MUTED,
        Anchor::Start,
        &title,
    );
    let mut width = F_SMALL_BOLD.width(&title);
    let top = F_SMALL_BOLD.line_height() + 6.0;
    let (mut x, mut y) = (0.0f32, top);
    for item in &group.items {
        if x > 0.0 && x + item.width > max_w {
            x = 0.0;
            y += ITEM_H + ROW_GAP;
        }
        let transform = format!("translate({} {})", N(x), N(y));
        svg.open("g", &[("transform", &transform)]);
        svg.append(&item.svg);
        svg.close("g");
        x += item.width;
        width = width.max(x);
        x += ITEM_GAP;
    }
    (svg, width, y + ITEM_H)
}

fn label(svg: &mut Svg, x: f32, text: &str) -> f32 {
    svg.text(x, TEXT_Y, F_SMALL, INK, Anchor::Start, text);
    x + F_SMALL.width(text)
}

fn groups(map: &MapView<'_>, width: f32) -> Vec<Group> {
    let l = map.labels;
    let mut groups = Vec::new();

    let owners = [Owner::Own, Owner::Partner, Owner::Public]
        .into_iter()
        .map(|o| {
            let c = owner_colours(o);
            let mut svg = Svg::new();
            svg.open(
                "g",
                &[("class", &"legend-owner"), ("data-owner", &o.as_str())],
            );
            svg.leaf(
                "rect",
                &[
                    ("x", &"0"),
                    ("y", &"2"),
                    ("width", &"22"),
                    ("height", &"14"),
                    ("rx", &"4"),
                    ("fill", &c.light),
                    ("stroke", &c.strong),
                    ("stroke-width", &"1.2"),
                ],
            );
            svg.leaf(
                "circle",
                &[
                    ("cx", &"7.5"),
                    ("cy", &"9"),
                    ("r", &"3.5"),
                    ("fill", &c.strong),
                ],
            );
            let w = label(&mut svg, 29.0, l.owner(o));
            svg.close("g");
            Item { svg, width: w }
        })
        .collect();
    groups.push(Group {
        key: "owner",
        title: l.owner.to_owned(),
        items: owners,
    });

    let modes = [Mode::Physical, Mode::Digital]
        .into_iter()
        .map(|m| {
            let mut svg = Svg::new();
            svg.open(
                "g",
                &[("class", &"legend-mode"), ("data-mode", &m.as_str())],
            );
            let dash = if m == Mode::Physical { "none" } else { "4 3" };
            svg.leaf(
                "rect",
                &[
                    ("x", &"0.6"),
                    ("y", &"0.6"),
                    ("width", &"34"),
                    ("height", &"17"),
                    ("rx", &"5"),
                    ("fill", &HEAD_BG),
                    ("stroke", &INK_2),
                    ("stroke-width", &"1.2"),
                    ("stroke-dasharray", &dash),
                ],
            );
            mode_badge(&mut svg, Some(m), 26.0, 9.0, INK_2);
            let w = label(&mut svg, 42.0, l.mode(m));
            svg.close("g");
            Item { svg, width: w }
        })
        .collect();
    groups.push(Group {
        key: "mode",
        title: l.touchpoint.to_owned(),
        items: modes,
    });

    let personas = map
        .personas
        .iter()
        .map(|p| {
            let mut svg = Svg::new();
            svg.open(
                "g",
                &[("class", &"legend-persona"), ("data-persona", &p.id_attr())],
            );
            let dash = p.style.dash.unwrap_or("none");
            svg.leaf(
                "line",
                &[
                    ("x1", &"1"),
                    ("x2", &"43"),
                    ("y1", &"9"),
                    ("y2", &"9"),
                    ("stroke", &p.style.colour),
                    ("stroke-width", &"2.6"),
                    ("stroke-linecap", &"round"),
                    ("stroke-dasharray", &dash),
                ],
            );
            match &p.picture {
                Some(href) => {
                    let clip = format!("legend-picture-{}", p.id_attr());
                    crate::marks::picture(&mut svg, href, 22.0, 9.0, 9.5, p.style.colour, &clip);
                }
                None => marker(
                    &mut svg,
                    p.style.marker,
                    22.0,
                    9.0,
                    4.6,
                    p.style.colour,
                    true,
                ),
            }
            let name = fit(p.name, F_SMALL, (width - 60.0).max(60.0));
            let w = label(&mut svg, 52.0, &name);
            svg.close("g");
            Item { svg, width: w }
        })
        .collect();
    groups.push(Group {
        key: "personas",
        title: l.personas.to_owned(),
        items: personas,
    });
    if !map.measured.is_empty() {
        groups.push(measured_group(map));
    }

    let mut chips = Svg::new();
    for (i, v) in (-2i8..=2).enumerate() {
        valence_chip(&mut chips, v, i as f32 * 32.0, 0.5);
    }
    let mut neutral = Svg::new();
    marker(&mut neutral, Marker::Circle, 6.0, 9.0, 4.6, INK_2, false);
    let neutral_w = label(&mut neutral, 17.0, l.neutral);
    groups.push(Group {
        key: "valence",
        title: format!("{} (−2 … +2)", l.valence),
        items: vec![
            Item {
                svg: chips,
                width: 5.0 * 32.0 - 4.0,
            },
            Item {
                svg: neutral,
                width: neutral_w,
            },
        ],
    });

    let mut senses: Vec<Item> = Sense::ALL
        .iter()
        .map(|s| {
            let mut svg = Svg::new();
            icons::draw(&mut svg, icons::sense(*s), 0.0, 1.5, 15.0, INK_2);
            let w = label(&mut svg, 20.0, l.sense(*s));
            Item { svg, width: w }
        })
        .collect();
    let mut svg = Svg::new();
    icons::draw(&mut svg, icons::INTANGIBLE, 0.0, 1.5, 15.0, INK_2);
    let w = label(&mut svg, 20.0, l.intangible);
    senses.push(Item { svg, width: w });
    groups.push(Group {
        key: "senses",
        title: l.senses.to_owned(),
        items: senses,
    });

    let mut channels: Vec<&Channel> = Vec::new();
    for s in &map.steps {
        for t in &s.touchpoints {
            if let TouchpointView::Known(t) = t
                && !channels.contains(&&t.channel)
            {
                channels.push(&t.channel);
            }
        }
    }
    if !channels.is_empty() {
        let items = channels
            .into_iter()
            .map(|c| {
                let mut svg = Svg::new();
                svg.open(
                    "g",
                    &[("class", &"legend-channel"), ("data-channel", &c.as_str())],
                );
                svg.leaf(
                    "circle",
                    &[("cx", &"9"), ("cy", &"9"), ("r", &"9"), ("fill", &INK_2)],
                );
                icons::draw(&mut svg, icons::channel(c), 3.0, 3.0, 12.0, PAPER);
                let name = fit(l.channel(c), F_SMALL, 200.0);
                let w = label(&mut svg, 24.0, &name);
                svg.close("g");
                Item { svg, width: w }
            })
            .collect();
        groups.push(Group {
            key: "channels",
            title: l.channels.to_owned(),
            items,
        });
    }
    if !map.path.is_empty() {
        groups.push(path_group(map));
    }
    groups
}

/// The legend of measured curves: a solid line with a dot (in the dark ink of all customers
/// when that curve is drawn, grey otherwise, as each persona's has its colour), and the red
/// ring and triangle of a point below design.
fn measured_group(map: &MapView<'_>) -> Group {
    let l = map.labels;
    let all = map.measured.iter().any(|m| m.persona.is_none());
    let colour = if all { MEASURED_ALL } else { INK_2 };
    let mut line = Svg::new();
    line.open("g", &[("class", &"legend-measured")]);
    line.leaf(
        "line",
        &[
            ("x1", &"2"),
            ("x2", &"42"),
            ("y1", &"9"),
            ("y2", &"9"),
            ("stroke", &colour),
            ("stroke-width", &N(measured::LINE_W)),
            ("stroke-linecap", &"round"),
        ],
    );
    measured::dot(&mut line, 22.0, 9.0, measured::MARKER_R, colour);
    let text = if all {
        format!("{} · {}", l.measured, l.all_customers)
    } else {
        l.measured.to_owned()
    };
    let line_w = label(&mut line, 52.0, &text);
    line.close("g");

    let mut gap = Svg::new();
    gap.open("g", &[("class", &"legend-measured-gap")]);
    measured::triangle(&mut gap, 6.0, 9.0);
    gap.leaf(
        "circle",
        &[
            ("cx", &"25"),
            ("cy", &"9"),
            ("r", &N(measured::RING_R - 1.0)),
            ("fill", &PAPER),
            ("stroke", &GAP),
            ("stroke-width", &"2.2"),
        ],
    );
    measured::dot(&mut gap, 25.0, 9.0, measured::MARKER_R - 0.5, INK_2);
    let gap_w = label(&mut gap, 40.0, l.below_design);
    gap.close("g");

    Group {
        key: "measured",
        title: l.curve.to_owned(),
        items: vec![
            Item {
                svg: line,
                width: line_w,
            },
            Item {
                svg: gap,
                width: gap_w,
            },
        ],
    }
}

/// The legend of a customer's run: numbered hits on a line, the ring of the last hit, and
/// the grey veil of the steps not reached.
fn path_group(map: &MapView<'_>) -> Group {
    let l = map.labels;
    let r = 7.5;
    let mut hits = Svg::new();
    hits.open("g", &[("class", &"legend-path")]);
    hits.leaf(
        "line",
        &[
            ("x1", &"8"),
            ("x2", &"36"),
            ("y1", &"9"),
            ("y2", &"9"),
            ("stroke", &PATH),
            ("stroke-width", &"3"),
            ("stroke-linecap", &"round"),
        ],
    );
    path::hit_marker(&mut hits, 8.0, 9.0, r, 1);
    path::hit_marker(&mut hits, 36.0, 9.0, r, 2);
    let hits_w = label(&mut hits, 50.0, l.path_hits);
    hits.close("g");

    let mut last = Svg::new();
    last.open("g", &[("class", &"legend-path-last")]);
    path::hit_marker(&mut last, 10.0, 9.0, r, 3);
    last.leaf(
        "circle",
        &[
            ("cx", &"10"),
            ("cy", &"9"),
            ("r", &N(r + 2.5)),
            ("fill", &"none"),
            ("stroke", &PATH),
            ("stroke-width", &"1.8"),
        ],
    );
    let last_w = label(&mut last, 26.0, l.path_last);
    last.close("g");

    let mut veil = Svg::new();
    veil.open("g", &[("class", &"legend-path-muted")]);
    veil.leaf(
        "rect",
        &[
            ("x", &"0.6"),
            ("y", &"1.6"),
            ("width", &"22"),
            ("height", &"15"),
            ("fill", &PATH_VEIL),
            ("stroke", &RULE_STRONG),
            ("stroke-width", &"1"),
        ],
    );
    let veil_w = label(&mut veil, 29.0, l.path_not_reached);
    veil.close("g");

    Group {
        key: "path",
        title: l.customer_path.to_owned(),
        items: vec![
            Item {
                svg: hits,
                width: hits_w,
            },
            Item {
                svg: last,
                width: last_w,
            },
            Item {
                svg: veil,
                width: veil_w,
            },
        ],
    }
}
