use std::collections::BTreeSet;

use roxmltree::Document;
use stig_render::{MapOptions, render_svg};

use crate::fixture::{self, JOURNEY, PERSONAS, workspace};
use crate::{by_class, has_class, lane, text_of, within};

const LANES: [&str; 8] = [
    "actions",
    "touchpoints",
    "emotions",
    "curve",
    "functional",
    "pain-points",
    "opportunities",
    "actors",
];

fn render(ws: &stig_model::Workspace, opts: &MapOptions) -> String {
    render_svg(ws, JOURNEY, opts).unwrap()
}

fn ordered_ids(ws: &stig_model::Workspace) -> Vec<String> {
    ws.journey(JOURNEY)
        .unwrap()
        .ordered_steps()
        .iter()
        .map(|s| s.id.clone())
        .collect()
}

/// (x, y) pairs of a curve's `points`.
fn points(node: roxmltree::Node<'_, '_>) -> Vec<(f32, f32)> {
    node.attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

#[test]
fn every_lane_is_drawn_once_in_order_with_a_title() {
    let svg = render(&workspace(), &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let keys: Vec<&str> = by_class(&doc, "lane")
        .iter()
        .map(|n| n.attribute("data-lane").unwrap())
        .collect();
    assert_eq!(keys, LANES);
    assert_eq!(
        text_of(within(lane(&doc, "curve"), "lane-title")[0]),
        "Emotion curve"
    );
    assert_eq!(
        text_of(within(lane(&doc, "pain-points"), "lane-title")[0]),
        "Pain points"
    );
}

#[test]
fn every_step_has_a_cell_in_every_lane_in_display_order() {
    let ws = workspace();
    let svg = render(&ws, &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let expected = ordered_ids(&ws);
    assert_eq!(expected.len(), 9);
    assert_eq!(expected.last().map(String::as_str), Some("anbefaler"));
    for key in LANES.iter().filter(|k| **k != "curve") {
        let ids: Vec<String> = within(lane(&doc, key), "step")
            .iter()
            .map(|n| n.attribute("data-step").unwrap().to_owned())
            .collect();
        assert_eq!(ids, expected, "lane {key}");
    }
    // Columns advance left to right.
    let xs: Vec<f32> = within(lane(&doc, "actions"), "step")
        .iter()
        .map(|n| {
            let t = n.attribute("transform").unwrap();
            t["translate(".len()..]
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(
        xs.windows(2).all(|w| (w[1] - w[0] - 200.0).abs() < 0.01),
        "{xs:?}"
    );
    // The action text is in its step's cell.
    let cell = within(lane(&doc, "actions"), "step")
        .into_iter()
        .find(|n| n.attribute("data-step") == Some("hundeslede"))
        .unwrap();
    assert!(
        text_of(cell).contains("Kjører hundeslede gjennom snøen på Kvaløya"),
        "{}",
        text_of(cell)
    );
}

#[test]
fn phases_and_stages_span_their_steps() {
    let svg = render(&workspace(), &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let phases: Vec<&str> = by_class(&doc, "phase")
        .iter()
        .map(|n| n.attribute("data-phase").unwrap())
        .collect();
    assert_eq!(phases, ["before", "during", "after"]);
    let names: Vec<String> = by_class(&doc, "phase").into_iter().map(text_of).collect();
    assert_eq!(names, ["Før reisen", "Under oppholdet", "Etter hjemkomst"]);
    // A band is as wide as its steps: before has 2 steps, during 5.
    let band_w = |i: usize| -> f32 {
        let band = by_class(&doc, "phase")[i];
        band.children()
            .find(|n| n.has_tag_name("rect"))
            .unwrap()
            .attribute("width")
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!((band_w(1) - 5.0 * 200.0 + 6.0).abs() < 0.01);
    assert!((band_w(0) - 2.0 * 200.0 + 6.0).abs() < 0.01);
    let stages: Vec<&str> = by_class(&doc, "stage")
        .iter()
        .map(|n| n.attribute("data-stage").unwrap())
        .collect();
    assert_eq!(
        stages,
        ["inspirasjon", "bestilling", "ankomst", "jakt", "deling"]
    );
}

#[test]
fn every_touchpoint_appears_with_channel_owner_and_mode() {
    let ws = workspace();
    let svg = render(&ws, &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let journey = ws.journey(JOURNEY).unwrap();
    let tp_lane = lane(&doc, "touchpoints");
    for cell in within(tp_lane, "step") {
        let step = journey
            .steps
            .iter()
            .find(|s| Some(s.id.as_str()) == cell.attribute("data-step"))
            .unwrap();
        let drawn: Vec<&str> = within(cell, "touchpoint")
            .iter()
            .map(|n| n.attribute("data-touchpoint").unwrap())
            .collect();
        assert_eq!(
            drawn,
            step.touchpoints
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        );
    }
    let mut owners = BTreeSet::new();
    let mut modes = BTreeSet::new();
    for node in within(tp_lane, "touchpoint") {
        let tp = ws
            .touchpoint(node.attribute("data-touchpoint").unwrap())
            .unwrap();
        assert_eq!(node.attribute("data-channel"), Some(tp.channel.as_str()));
        assert_eq!(node.attribute("data-owner"), Some(tp.owner.as_str()));
        assert_eq!(node.attribute("data-mode"), Some(tp.mode.as_str()));
        let name = node
            .descendants()
            .find(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("bold"))
            .map(text_of)
            .unwrap()
            .replace("- ", "-");
        assert_eq!(name, tp.name, "touchpoint names fit in three lines");
        // Physical: solid outline and filled badge; digital: dashed and hollow.
        let rect = node.children().find(|n| n.has_tag_name("rect")).unwrap();
        let badge = node.descendants().find(|n| has_class(n, "mode")).unwrap();
        let physical = tp.mode == stig_model::Mode::Physical;
        assert_eq!(rect.attribute("stroke-dasharray") == Some("none"), physical);
        assert_eq!(badge.attribute("fill") != Some("#FFFFFF"), physical);
        owners.insert(tp.owner.as_str());
        modes.insert(tp.mode.as_str());
    }
    assert_eq!(owners.len(), 3);
    assert_eq!(modes.len(), 2);
    // The custom channel is drawn with its own name as channel label.
    let sled = within(tp_lane, "touchpoint")
        .into_iter()
        .find(|n| n.attribute("data-channel") == Some("hundeslede"))
        .unwrap();
    assert!(text_of(sled).contains("hundeslede"));
}

#[test]
fn one_curve_per_persona_with_one_point_per_step() {
    let ws = workspace();
    let svg = render(&ws, &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let curves = by_class(&doc, "curve");
    let ids: Vec<&str> = curves
        .iter()
        .map(|c| c.attribute("data-persona").unwrap())
        .collect();
    assert_eq!(ids, PERSONAS);
    for c in &curves {
        assert_eq!(points(*c).len(), 9);
    }
    // Told apart by colour and by dash pattern.
    let colours: BTreeSet<&str> = curves
        .iter()
        .map(|c| c.attribute("stroke").unwrap())
        .collect();
    let dashes: BTreeSet<&str> = curves
        .iter()
        .map(|c| c.attribute("stroke-dasharray").unwrap())
        .collect();
    assert_eq!(colours.len(), 3);
    assert_eq!(dashes.len(), 3);

    // Step 2 (`bestiller`): eventyrer 0, trygghet −1, familie −2 (lower = larger y).
    let y = |persona: usize, step: usize| points(curves[persona])[step].1;
    assert_eq!(ordered_ids(&ws)[1], "bestiller");
    assert!(y(1, 1) > y(2, 1) && y(2, 1) > y(0, 1));
    // Step 1 (`inspirert`): eventyrer (2+2)/2 = 2 is above familie (2+1)/2 = 1.5.
    assert!(y(0, 0) < y(1, 0));
    // Neutral steps (no emotional elements) sit on the zero line with hollow markers.
    let zero = within(lane(&doc, "curve"), "curve-grid")
        .iter()
        .find(|n| n.attribute("stroke-dasharray") == Some("none"))
        .map(|n| n.attribute("y1").unwrap().parse::<f32>().unwrap())
        .unwrap();
    let neutral = ordered_ids(&ws)
        .iter()
        .position(|s| s == "sjekker-inn")
        .unwrap();
    assert!((y(1, neutral) - zero).abs() < 3.0);
    let hollow: Vec<_> = by_class(&doc, "curve-point")
        .into_iter()
        .filter(|n| n.attribute("data-step") == Some("sjekker-inn"))
        .collect();
    assert_eq!(hollow.len(), 3);
    for p in hollow {
        assert_eq!(p.attribute("data-value"), Some("none"));
        let marker = p.children().find(|n| n.is_element()).unwrap();
        assert_eq!(marker.attribute("fill"), Some("#FFFFFF"));
    }
    // Legend names every persona.
    let legend: Vec<String> = by_class(&doc, "legend-persona")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        legend,
        [
            "Eventyreren Åsa",
            "Familien Øberg",
            "Trygghetssøkeren Jørgen"
        ]
    );
}

#[test]
fn selected_personas_override_the_journey_default() {
    let ws = workspace();
    let opts = MapOptions {
        personas: vec!["trygghet".into()],
        locale: None,
        ..Default::default()
    };
    let doc_src = render(&ws, &opts);
    let doc = Document::parse(&doc_src).unwrap();
    let curves = by_class(&doc, "curve");
    assert_eq!(curves.len(), 1);
    assert_eq!(curves[0].attribute("data-persona"), Some("trygghet"));
    assert_eq!(points(curves[0]).len(), 9);

    // Journey without personas: every persona of the workspace.
    let mut ws2 = workspace();
    ws2.journeys[0].personas.clear();
    let src = render(&ws2, &MapOptions::default());
    assert_eq!(by_class(&Document::parse(&src).unwrap(), "curve").len(), 3);

    // Workspace without personas: a single curve of the base valences.
    ws2.personas.clear();
    let src = render(&ws2, &MapOptions::default());
    let doc = Document::parse(&src).unwrap();
    let curves = by_class(&doc, "curve");
    assert_eq!(curves.len(), 1);
    assert_eq!(curves[0].attribute("data-persona"), Some(""));
    assert_eq!(
        text_of(by_class(&doc, "legend-persona")[0]),
        "All customers"
    );
}

#[test]
fn emotional_elements_show_sense_or_intangible_and_valence() {
    let svg = render(&workspace(), &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let elements = within(lane(&doc, "emotions"), "emotion");
    let senses: BTreeSet<&str> = elements
        .iter()
        .filter_map(|n| n.attribute("data-sense"))
        .collect();
    assert_eq!(
        senses.into_iter().collect::<Vec<_>>(),
        ["hear", "see", "smell", "taste", "touch"]
    );
    let intangibles: BTreeSet<&str> = elements
        .iter()
        .filter_map(|n| n.attribute("data-intangible"))
        .collect();
    assert!(intangibles.contains("koselig") && intangibles.contains("trygghet"));
    // Same valence for every persona: one chip; different: one chip per persona.
    let chips = |name: &str| -> Vec<String> {
        let e = elements
            .iter()
            .find(|n| text_of(**n).contains(name))
            .unwrap();
        e.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| text_of(n))
            .filter(|t| ["+2", "+1", "0", "\u{2212}1", "\u{2212}2"].contains(&t.as_str()))
            .collect()
    };
    assert_eq!(chips("Varm kakao"), ["+2"]);
    assert_eq!(chips("Usikkerhet om klær"), ["0", "\u{2212}2", "\u{2212}1"]);
}

#[test]
fn actors_include_touchpoint_owners_once() {
    let svg = render(&workspace(), &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let cell = within(lane(&doc, "actors"), "step")
        .into_iter()
        .find(|n| n.attribute("data-step") == Some("ankommer"))
        .unwrap();
    let actors: Vec<(&str, &str)> = within(cell, "actor")
        .iter()
        .map(|n| {
            (
                n.attribute("data-actor").unwrap(),
                n.attribute("data-kind").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actors,
        [
            ("vegvesen", "public"),
            ("avinor", "public"),
            ("tromso-buss", "partner")
        ]
    );
    assert!(text_of(cell).contains("Avinor Tromsø lufthavn"));
}

#[test]
fn nordic_text_survives_into_the_svg() {
    let svg = render(&workspace(), &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let all = text_of(doc.root_element());
    for s in [
        "ARCTIC WINTER TROMSØ",
        "Før reisen",
        "Kvaløya",
        "Trygghetssøkeren Jørgen",
        "Øberg",
        "Åsa",
        "lilla",
    ] {
        assert!(all.contains(s), "missing {s}");
    }
    assert!(svg.contains("Nordlysjakt med Arctic Winter"));
    // The font is named so that viewers (and resvg) pick the embedded family.
    assert!(
        doc.root_element()
            .attribute("font-family")
            .unwrap()
            .contains(stig_render::FONT_FAMILY)
    );
}

#[test]
fn header_shows_journey_goal_state_and_brand_promise() {
    let svg = render(&workspace(), &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let header = text_of(by_class(&doc, "header")[0]);
    assert!(header.contains("Nordlysjakt med Arctic Winter"));
    assert!(header.contains("To-be"));
    assert!(
        header.contains("Nordlysjakt i dag"),
        "names the as-is journey it improves on"
    );
    assert!(text_of(by_class(&doc, "journey-goal")[0]).contains("Se nordlyset trygt"));
    assert!(text_of(by_class(&doc, "brand-promise")[0]).contains("arktiske mørket"));
    assert_eq!(
        by_class(&doc, "journey-state")[0].attribute("data-state"),
        Some("to-be")
    );
}

#[test]
fn legend_explains_owners_modes_and_channels() {
    let svg = render(&workspace(), &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let owners: Vec<&str> = by_class(&doc, "legend-owner")
        .iter()
        .map(|n| n.attribute("data-owner").unwrap())
        .collect();
    assert_eq!(owners, ["own", "partner", "public"]);
    let modes: Vec<&str> = by_class(&doc, "legend-mode")
        .iter()
        .map(|n| n.attribute("data-mode").unwrap())
        .collect();
    assert_eq!(modes, ["physical", "digital"]);
    let channels: BTreeSet<&str> = by_class(&doc, "legend-channel")
        .iter()
        .map(|n| n.attribute("data-channel").unwrap())
        .collect();
    assert!(
        channels.contains("web") && channels.contains("hundeslede") && channels.contains("signage")
    );
}

#[test]
fn lane_titles_follow_the_locale() {
    let mut ws = workspace();
    let title = |svg: &str, key: &str| {
        let doc = Document::parse(svg).unwrap();
        text_of(within(lane(&doc, key), "lane-title")[0])
    };
    let opts = MapOptions {
        personas: vec![],
        locale: Some("nb".into()),
        ..Default::default()
    };
    assert_eq!(title(&render(&ws, &opts), "curve"), "Følelseskurve");
    let opts = MapOptions {
        personas: vec![],
        locale: Some("sv".into()),
        ..Default::default()
    };
    assert_eq!(title(&render(&ws, &opts), "pain-points"), "Smärtpunkter");
    let opts = MapOptions {
        personas: vec![],
        locale: Some("da".into()),
        ..Default::default()
    };
    assert_eq!(title(&render(&ws, &opts), "opportunities"), "Muligheder");
    ws.settings.locale = "fi".into();
    assert_eq!(
        title(&render(&ws, &MapOptions::default()), "actors"),
        "Toimijat"
    );
}

#[test]
fn long_text_wraps_and_ends_in_an_ellipsis() {
    let mut ws = workspace();
    let long = "Leser vilkårene for avbestilling nøye, sammenligner med andre tilbydere, spør på \
                Facebook-gruppen om erfaringer, venter på værmeldingen og bestemmer seg til slutt \
                etter å ha ringt kundeservice to ganger for å høre om barnerabatt og varme klær";
    ws.journeys[0].steps[2].action = long.into();
    let svg = render(&ws, &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let cell = within(lane(&doc, "actions"), "step")
        .into_iter()
        .find(|n| n.attribute("data-step") == Some("bestiller"))
        .unwrap();
    let action = cell
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .find(|n| n.attribute("font-size") == Some("13.5"))
        .unwrap();
    let lines: Vec<&str> = action
        .children()
        .filter(|n| n.has_tag_name("tspan"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(lines[4].ends_with('…'), "{lines:?}");
    assert!(
        lines.iter().all(|l| l.chars().count() < 45),
        "lines fit the column: {lines:?}"
    );
}

#[test]
fn lanes_grow_to_fit_their_content() {
    let ws = workspace();
    let height = |svg: &str| -> f32 {
        Document::parse(svg)
            .unwrap()
            .root_element()
            .attribute("height")
            .unwrap()
            .parse()
            .unwrap()
    };
    let base = height(&render(&ws, &MapOptions::default()));
    let mut more = workspace();
    let step = more.journeys[0]
        .steps
        .iter_mut()
        .find(|s| s.id == "hentes")
        .unwrap();
    step.touchpoints = ws.touchpoints.iter().map(|t| t.id.clone()).collect();
    let grown = height(&render(&more, &MapOptions::default()));
    assert!(grown > base + 300.0, "{base} → {grown}");
}

#[test]
fn dangling_touchpoints_and_steps_without_stage_still_render() {
    let mut ws = workspace();
    let mut s = fixture::step("ukjent", "finnes-ikke", "Et steg uten kjent etappe");
    s.touchpoints = vec!["borte".into()];
    s.actors = vec!["ingen".into()];
    ws.journeys[0].steps.push(s);
    let svg = render(&ws, &MapOptions::default());
    let doc = Document::parse(&svg).unwrap();
    let missing = by_class(&doc, "missing");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].attribute("data-touchpoint"), Some("borte"));
    assert_eq!(
        by_class(&doc, "phase")
            .last()
            .unwrap()
            .attribute("data-phase"),
        Some("")
    );
    for c in by_class(&doc, "curve") {
        assert_eq!(points(c).len(), 10);
    }
}

#[test]
fn svg_is_as_wide_as_its_steps() {
    let ws = fixture::long_workspace(60);
    let svg = render_svg(&ws, "lang", &MapOptions::default()).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let w: f32 = doc
        .root_element()
        .attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(w, 2.0 * 40.0 + 180.0 + 60.0 * 200.0);
    assert_eq!(within(lane(&doc, "actions"), "step").len(), 60);
}
