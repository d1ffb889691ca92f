//! A customer's run drawn over the map: numbered hits in order on their steps, visited steps
//! marked, the others muted, the last hit ringed; no path, no change.

use roxmltree::Document;
use stig_render::{MapOptions, PathHit, render_png, render_svg};

use crate::fixture::{JOURNEY, workspace};
use crate::has_class;

fn hit(step: &str, touchpoint: &str, label: &str) -> PathHit {
    PathHit {
        step: step.into(),
        touchpoint: touchpoint.into(),
        label: label.into(),
    }
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
    path.insert(1, hit("no-such-step", "web", ""));
    let opts = MapOptions {
        path,
        ..Default::default()
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let group = doc
        .descendants()
        .find(|n| has_class(n, "path"))
        .expect("the path group");
    let hits: Vec<_> = group
        .descendants()
        .filter(|n| has_class(n, "path-hit"))
        .collect();
    let orders: Vec<&str> = hits
        .iter()
        .filter_map(|n| n.attribute("data-order"))
        .collect();
    assert_eq!(orders, ["1", "2", "3"], "the unknown step is left out");

    // Each marker lies in its step's column: the columns are the step cells' x positions.
    let column_x = |step: &str| -> f32 {
        let cell = doc
            .descendants()
            .find(|n| has_class(n, "step") && n.attribute("data-step") == Some(step))
            .unwrap();
        let t = cell.attribute("transform").unwrap();
        t["translate(".len()..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let marker_x: Vec<f32> = hits
        .iter()
        .map(|h| {
            h.children()
                .find(|c| c.has_tag_name("circle"))
                .and_then(|c| c.attribute("cx"))
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    for (x, i) in marker_x.iter().zip([0, 1, 3]) {
        let left = column_x(&ordered[i].id);
        assert!(
            *x > left && *x < left + 220.0,
            "marker at {x} is in the column of step {i} starting at {left}"
        );
    }
    let visited = group
        .descendants()
        .filter(|n| has_class(n, "path-visited"))
        .count();
    let muted = group
        .descendants()
        .filter(|n| has_class(n, "path-muted"))
        .count();
    assert_eq!(visited, 3);
    assert_eq!(muted, ordered.len() - 3);
    assert!(
        group.descendants().any(|n| has_class(&n, "path-now")),
        "the last hit is ringed"
    );
    assert!(svg.contains("12 Mar 14:05"), "with its label");

    let png = render_png(&ws, JOURNEY, &opts).unwrap();
    if let Ok(dir) = std::env::var("STIG_RENDER_PREVIEW") {
        std::fs::write(std::path::Path::new(&dir).join("path-map.png"), png).unwrap();
    }
}

#[test]
fn without_a_path_the_map_is_unchanged() {
    let ws = workspace();
    let plain = render_svg(&ws, JOURNEY, &MapOptions::default()).unwrap();
    assert!(!plain.contains("class=\"path\""));
    let empty = MapOptions {
        path: Vec::new(),
        ..Default::default()
    };
    assert_eq!(render_svg(&ws, JOURNEY, &empty).unwrap(), plain);
}
