//! What the web page's map canvas relies on: full texts of cut labels as `<title>` on
//! focusable groups, step columns to click and to highlight, the layout bounds on the root
//! element, and persona pictures beside the curves and in the legend.

use std::collections::{BTreeMap, BTreeSet};

use roxmltree::{Document, Node};
use stig_render::{MapOptions, render_svg};

use crate::fixture::{JOURNEY, PERSONAS, workspace};
use crate::{by_class, has_class, lane, text_of, within};

const LONG_PAIN: &str = "Bussen fra hotellet går bare hver andre time, og ingen sier fra når den er \
     forsinket på grunn av snø, så familien står og fryser ved holdeplassen i førti minutter \
     mens barna spør om de snart kan dra hjem igjen";

/// The `<title>` directly inside `node`.
fn title(node: Node<'_, '_>) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
        .map(str::to_owned)
}

#[test]
fn cut_texts_keep_their_full_text_in_a_title_and_can_be_focused() {
    let mut ws = workspace();
    let step = ws.journeys[0]
        .steps
        .iter_mut()
        .find(|s| s.id == "bestiller")
        .unwrap();
    step.pain_points = vec![LONG_PAIN.to_owned(), "Kort og greit".to_owned()];
    let svg = render_svg(&ws, JOURNEY, &MapOptions::default()).unwrap();
    let doc = Document::parse(&svg).unwrap();

    let cell = within(lane(&doc, "pain-points"), "step")
        .into_iter()
        .find(|n| n.attribute("data-step") == Some("bestiller"))
        .unwrap();
    let notes = within(cell, "pain-point");
    assert_eq!(notes.len(), 2);
    // The long one is cut on the map, whole in its title, and reachable by keyboard.
    let (long, short) = (notes[0], notes[1]);
    assert!(has_class(&long, "cut"));
    assert_eq!(long.attribute("tabindex"), Some("0"));
    assert_eq!(title(long).as_deref(), Some(LONG_PAIN));
    let shown = text_of(long);
    assert!(shown.ends_with('…'), "{shown}");
    assert!(shown.chars().count() < LONG_PAIN.chars().count());
    // The short one is whole on the map: a title for hover, no tab stop.
    assert!(!has_class(&short, "cut"));
    assert_eq!(short.attribute("tabindex"), None);
    assert_eq!(title(short).as_deref(), Some("Kort og greit"));
    assert_eq!(text_of(short), "Kort og greit");

    // Everything focusable is a cut text with its full text, and every cut text is focusable.
    for n in doc
        .descendants()
        .filter(|n| n.attribute("tabindex").is_some())
    {
        assert!(has_class(&n, "cut"), "{:?}", n.attribute("class"));
        assert!(title(n).is_some_and(|t| !t.is_empty()));
    }
    assert!(
        by_class(&doc, "cut")
            .iter()
            .all(|n| n.attribute("tabindex") == Some("0"))
    );
}

#[test]
fn long_step_actions_and_element_names_carry_their_full_text() {
    let mut ws = workspace();
    let long = "Leser vilkårene for avbestilling nøye, sammenligner med andre tilbydere, spør på \
                Facebook-gruppen om erfaringer, venter på værmeldingen og bestemmer seg til slutt \
                etter å ha ringt kundeservice to ganger for å høre om barnerabatt og varme klær";
    let step = ws.journeys[0]
        .steps
        .iter_mut()
        .find(|s| s.id == "bestiller")
        .unwrap();
    step.action = long.to_owned();
    step.functional = vec![long.to_owned()];
    let svg = render_svg(&ws, JOURNEY, &MapOptions::default()).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let action = by_class(&doc, "action")
        .into_iter()
        .find(|n| {
            n.ancestors()
                .any(|a| a.attribute("data-step") == Some("bestiller"))
        })
        .unwrap();
    assert!(has_class(&action, "cut"));
    assert_eq!(title(action).as_deref(), Some(long));
    let functional = within(lane(&doc, "functional"), "functional")
        .into_iter()
        .find(|n| title(*n).as_deref() == Some(long))
        .expect("the long functional element has its full text");
    assert!(has_class(&functional, "cut"));
}

#[test]
fn step_columns_can_be_clicked_and_one_highlighted() {
    let ws = workspace();
    let steps: Vec<String> = ws
        .journey(JOURNEY)
        .unwrap()
        .ordered_steps()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let plain = render_svg(&ws, JOURNEY, &MapOptions::default()).unwrap();
    let doc = Document::parse(&plain).unwrap();
    let cols = by_class(&doc, "step-col");
    let ids: Vec<&str> = cols
        .iter()
        .filter_map(|n| n.attribute("data-col"))
        .collect();
    assert_eq!(ids, steps.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        cols.iter()
            .all(|n| n.attribute("fill-opacity") == Some("0"))
    );
    assert!(by_class(&doc, "selected").is_empty());

    let opts = MapOptions {
        highlight: Some("bestiller".into()),
        ..MapOptions::default()
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let selected = by_class(&doc, "selected");
    assert_eq!(selected.len(), 1);
    assert_eq!(selected[0].attribute("data-col"), Some("bestiller"));
    assert!(has_class(&selected[0], "step-col"));
    let opacity: f32 = selected[0]
        .attribute("fill-opacity")
        .unwrap()
        .parse()
        .unwrap();
    assert!(opacity > 0.0);
    let outline = by_class(&doc, "step-col-outline");
    assert_eq!(outline.len(), 1);
    assert_eq!(outline[0].attribute("data-col"), Some("bestiller"));

    // A step the journey does not have highlights nothing.
    let opts = MapOptions {
        highlight: Some("finnes-ikke".into()),
        ..MapOptions::default()
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    assert!(!svg.contains("step-col selected") && !svg.contains("step-col-outline"));
}

#[test]
fn the_root_says_where_the_header_column_rows_and_curves_are() {
    let svg = render_svg(&workspace(), JOURNEY, &MapOptions::default()).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let n = |name: &str| -> f32 { root.attribute(name).unwrap().parse().unwrap() };
    let (w, h) = (n("width"), n("height"));
    assert!(0.0 < n("data-head-left") && n("data-head-left") < n("data-head-right"));
    assert!(n("data-head-right") < n("data-cols-right") && n("data-cols-right") < w);
    assert!(0.0 < n("data-bands-top") && n("data-bands-top") < n("data-lanes-top"));
    assert!(n("data-lanes-top") < n("data-curve-top"));
    assert!(n("data-curve-top") < n("data-curve-bottom"));
    assert!(n("data-curve-bottom") <= n("data-lanes-bottom") && n("data-lanes-bottom") < h);
    // The curve lane is where its bounds say.
    let first_col = by_class(&doc, "step-col")[0];
    let col_top: f32 = first_col.attribute("y").unwrap().parse().unwrap();
    assert!(
        col_top < n("data-lanes-top"),
        "columns start at the stage row"
    );
    let phase = by_class(&doc, "phase")[0];
    let rect_y: f32 = phase
        .children()
        .find(|c| c.has_tag_name("rect"))
        .and_then(|r| r.attribute("y"))
        .unwrap()
        .parse()
        .unwrap();
    assert!((rect_y - n("data-bands-top")).abs() < 0.01);
}

#[test]
fn pictures_are_drawn_beside_the_curves_and_in_the_legend() {
    let ws = workspace();
    let href = "/w/arktis/personas/eventyrer/picture?v=1";
    let opts = MapOptions {
        personas: PERSONAS.iter().map(|p| (*p).to_owned()).collect(),
        pictures: BTreeMap::from([(PERSONAS[0].to_owned(), href.to_owned())]),
        ..MapOptions::default()
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let images: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("image"))
        .collect();
    assert_eq!(images.len(), 2, "one by the curve, one in the legend");
    assert!(images.iter().all(|i| i.attribute("href") == Some(href)));
    assert!(images.iter().any(|i| {
        i.ancestors()
            .any(|a| a.attribute("data-lane") == Some("curve"))
    }));
    assert!(
        images
            .iter()
            .any(|i| i.ancestors().any(|a| has_class(&a, "legend-persona")))
    );
    // Each picture is clipped to a circle of its own.
    let clips: BTreeSet<&str> = images
        .iter()
        .filter_map(|i| i.attribute("clip-path"))
        .collect();
    assert_eq!(clips.len(), 2);
    for c in clips {
        let id = c.trim_start_matches("url(#").trim_end_matches(')');
        assert!(
            doc.descendants()
                .any(|n| n.has_tag_name("clipPath") && n.attribute("id") == Some(id))
        );
    }
    // Without pictures the map is as before.
    let plain = render_svg(
        &ws,
        JOURNEY,
        &MapOptions {
            pictures: BTreeMap::new(),
            ..opts
        },
    )
    .unwrap();
    assert!(!plain.contains("<image"));
}
