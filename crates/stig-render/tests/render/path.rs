//! A customer's run drawn over the map: numbered hits in order on their steps, visited steps
//! tinted, the others muted, the last hit ringed, a legend entry; no path, no change.

use roxmltree::{Document, Node};
use stig_render::{MapOptions, PathHit, render_png, render_svg};

use crate::fixture::{JOURNEY, workspace};
use crate::{by_class, has_class, text_of, within};

fn hit(step: &str, touchpoint: &str, label: &str) -> PathHit {
    PathHit {
        step: step.into(),
        touchpoint: touchpoint.into(),
        label: label.into(),
    }
}

/// The left edge of a step's column: the x of its cells' translation, less the cell padding.
fn column_x(doc: &Document<'_>, step: &str) -> f32 {
    let cell = doc
        .descendants()
        .find(|n| has_class(n, "step") && n.attribute("data-step") == Some(step))
        .unwrap();
    let t = cell.attribute("transform").unwrap();
    let x: f32 = t["translate(".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    x - 10.0
}

fn num(node: Node<'_, '_>, attr: &str) -> f32 {
    node.attribute(attr).unwrap().parse().unwrap()
}

#[test]
fn a_run_is_drawn_in_order_on_its_steps() {
    let ws = workspace();
    let journey = ws.journey(JOURNEY).unwrap();
    let ordered: Vec<&stig_model::Step> = journey.ordered_steps();
    // Three hits on the first, second and fourth steps (their first touchpoint, if any), and
    // one on a step the journey does not have.
    let pick = |i: usize| {
        let s = ordered[i];
        hit(&s.id, s.touchpoints.first().map_or("", String::as_str), "")
    };
    let mut path = vec![pick(0), pick(1), pick(3)];
    path[2].label = "12 Mar 14:05".into();
    path.insert(1, hit("no-such-step", "web", "never shown"));
    let opts = MapOptions {
        path,
        ..Default::default()
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let groups = by_class(&doc, "path");
    assert_eq!(groups.len(), 1, "one path group");
    let group = groups[0];

    let hits = within(group, "path-hit");
    let orders: Vec<&str> = hits
        .iter()
        .filter_map(|n| n.attribute("data-order"))
        .collect();
    assert_eq!(orders, ["1", "2", "3"], "the unknown step is left out");
    let numbers: Vec<String> = hits.iter().map(|h| text_of(*h)).collect();
    assert_eq!(numbers, ["1", "2", "3"], "each marker shows its number");
    assert!(!svg.contains("never shown"));

    // Each marker lies in its step's column.
    let col_w = {
        let a = column_x(&doc, &ordered[0].id);
        column_x(&doc, &ordered[1].id) - a
    };
    for (h, i) in hits.iter().zip([0, 1, 3]) {
        assert_eq!(h.attribute("data-step"), Some(ordered[i].id.as_str()));
        let circle = h.children().find(|c| c.has_tag_name("circle")).unwrap();
        let x = num(circle, "cx");
        let left = column_x(&doc, &ordered[i].id);
        assert!(
            x > left && x < left + col_w,
            "marker at {x} is in the column of step {i} ({left} .. {})",
            left + col_w
        );
    }
    assert_eq!(within(group, "path-line").len(), 2, "casing and line");

    // Tints behind the visited steps (before the lanes, so text stays on top), veils over the
    // others.
    let visited = by_class(&doc, "path-visited");
    assert_eq!(visited.len(), 3);
    let tinted: Vec<&str> = visited
        .iter()
        .filter_map(|n| n.attribute("data-step"))
        .collect();
    assert_eq!(
        tinted,
        [&ordered[0].id, &ordered[1].id, &ordered[3].id].map(String::as_str)
    );
    let underlay = by_class(&doc, "path-visits")[0];
    let first_lane = by_class(&doc, "lane")[0];
    assert!(
        underlay.range().start < first_lane.range().start,
        "the tint is drawn behind the lanes"
    );
    let muted = within(group, "path-muted");
    assert_eq!(muted.len(), ordered.len() - 3);
    for m in &muted {
        let step = m.attribute("data-step").unwrap();
        assert!(![0, 1, 3].iter().any(|i| ordered[*i].id == step));
    }

    let now = within(group, "path-now");
    assert_eq!(now.len(), 1, "the last hit is ringed");
    assert_eq!(now[0].attribute("data-step"), Some(ordered[3].id.as_str()));
    assert_eq!(text_of(now[0]), "12 Mar 14:05", "with its label");

    let legend = by_class(&doc, "legend-group")
        .into_iter()
        .find(|g| g.attribute("data-group") == Some("path"))
        .expect("a legend entry for the path");
    assert!(text_of(legend).contains("CUSTOMER PATH"));

    let png = render_png(&ws, JOURNEY, &opts).unwrap();
    if let Ok(dir) = std::env::var("STIG_RENDER_PREVIEW") {
        std::fs::write(std::path::Path::new(&dir).join("path-map.png"), png).unwrap();
    }
}

#[test]
fn repeated_steps_are_tinted_once_and_the_legend_follows_the_locale() {
    let ws = workspace();
    let ordered = ws.journey(JOURNEY).unwrap().ordered_steps();
    let (a, b) = (&ordered[0].id, &ordered[2].id);
    let opts = MapOptions {
        path: vec![hit(a, "", ""), hit(b, "", ""), hit(a, "", "")],
        locale: Some("nb".into()),
        ..Default::default()
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(by_class(&doc, "path-visited").len(), 2);
    assert_eq!(by_class(&doc, "path-muted").len(), ordered.len() - 2);
    assert_eq!(by_class(&doc, "path-hit").len(), 3);
    let now = by_class(&doc, "path-now");
    assert_eq!(now[0].attribute("data-step"), Some(a.as_str()));
    assert!(svg.contains("KUNDENS VEI"));
}

#[test]
fn a_run_on_no_step_of_the_journey_draws_no_marker() {
    let ws = workspace();
    let opts = MapOptions {
        path: vec![hit("elsewhere", "web", "x"), hit("", "", "")],
        ..Default::default()
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    assert!(by_class(&doc, "path-hit").is_empty());
    assert!(by_class(&doc, "path-now").is_empty());
    assert!(by_class(&doc, "path-visited").is_empty());
}

#[test]
fn without_a_path_the_map_is_unchanged() {
    let ws = workspace();
    for (personas, locale) in [
        (vec![], None),
        (vec!["trygghet".to_owned()], Some("nb".to_owned())),
    ] {
        let plain = MapOptions {
            personas,
            locale,
            ..Default::default()
        };
        let svg = render_svg(&ws, JOURNEY, &plain).unwrap();
        assert!(!svg.contains("path-"), "no trace of a path");
        let empty = MapOptions {
            path: Vec::new(),
            ..plain.clone()
        };
        assert_eq!(render_svg(&ws, JOURNEY, &empty).unwrap(), svg);
    }
}
