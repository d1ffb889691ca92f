//! Measured emotion curves beside the designed ones: a solid line per curve in its persona's
//! colour, broken where a step has no point, a marker and an "n=…" label per point, a warning
//! ring and gap marker on flagged points, a localized legend entry; none, no change.

use std::collections::BTreeMap;

use roxmltree::{Document, Node};
use stig_render::{MapOptions, MeasuredCurve, MeasuredPoint, render_pdf, render_png, render_svg};

use crate::fixture::{JOURNEY, long_workspace, workspace};
use crate::{by_class, has_class, text_of, within};

fn curve(persona: Option<&str>, points: &[(&str, f64, u32, bool)]) -> MeasuredCurve {
    MeasuredCurve {
        persona: persona.map(Into::into),
        points: points
            .iter()
            .map(|(step, value, answers, flagged)| {
                let point = MeasuredPoint {
                    value: *value,
                    answers: *answers,
                    flagged: *flagged,
                };
                ((*step).to_owned(), point)
            })
            .collect::<BTreeMap<_, _>>(),
    }
}

/// Two personas: the adventurer answered on every step but `sjekker-inn` (the line breaks
/// there), the family on four steps, one of them flagged.
fn two_curves() -> Vec<MeasuredCurve> {
    vec![
        curve(
            Some("eventyrer"),
            &[
                ("inspirert", 1.6, 212, false),
                ("bestiller", 0.4, 188, false),
                ("ankommer", 0.9, 150, false),
                // sjekker-inn: too few answers
                ("hentes", 1.5, 97, false),
                ("hundeslede", 1.8, 90, false),
                ("ser-nordlys", 1.9, 88, false),
                ("deler", 1.2, 61, false),
                ("anbefaler", 1.0, 40, false),
            ],
        ),
        curve(
            Some("familie"),
            &[
                ("inspirert", 1.2, 120, false),
                ("bestiller", -1.6, 104, true),
                ("ankommer", 0.1, 80, false),
                ("hundeslede", 0.5, 44, false),
            ],
        ),
    ]
}

fn with(measured: Vec<MeasuredCurve>) -> MapOptions {
    MapOptions {
        measured,
        ..Default::default()
    }
}

/// The element of class `class` whose `data-persona` is `persona`.
fn of<'a, 'i>(doc: &'a Document<'i>, class: &str, persona: &str) -> Node<'a, 'i> {
    let found: Vec<_> = by_class(doc, class)
        .into_iter()
        .filter(|n| n.attribute("data-persona") == Some(persona))
        .collect();
    assert_eq!(found.len(), 1, "one `{class}` of `{persona}`");
    found[0]
}

fn legend_group<'a, 'i>(doc: &'a Document<'i>, key: &str) -> Option<Node<'a, 'i>> {
    by_class(doc, "legend-group")
        .into_iter()
        .find(|g| g.attribute("data-group") == Some(key))
}

#[test]
fn each_measured_curve_is_one_solid_line_with_a_marker_and_label_per_point() {
    let ws = workspace();
    let svg = render_svg(&ws, JOURNEY, &with(two_curves())).unwrap();
    let doc = Document::parse(&svg).unwrap();

    let lines = by_class(&doc, "measured-line");
    assert_eq!(lines.len(), 2, "one line per measured curve");
    for (persona, count) in [("eventyrer", 8), ("familie", 4)] {
        let line = of(&doc, "measured-line", persona);
        let designed = of(&doc, "curve", persona);
        assert_eq!(
            line.attribute("stroke"),
            designed.attribute("stroke"),
            "the colour of the persona's designed curve"
        );
        assert_eq!(line.attribute("stroke-dasharray"), None, "solid");
        let width = |n: Node<'_, '_>| n.attribute("stroke-width").unwrap().parse::<f32>().unwrap();
        assert!(
            width(line) > width(designed),
            "thicker than the designed curve"
        );
        // Beside a measured curve, the designed curve is dashed (the first persona's is solid
        // without one).
        assert_ne!(designed.attribute("stroke-dasharray"), Some("none"));

        let points = within(of(&doc, "measured-points", persona), "measured-point");
        assert_eq!(points.len(), count, "one point per measured step");
        for p in &points {
            let markers = within(*p, "measured-marker");
            assert_eq!(markers.len(), 1, "one marker per point");
            assert_eq!(markers[0].tag_name().name(), "circle", "round");
            assert_eq!(
                markers[0].attribute("fill"),
                line.attribute("stroke"),
                "filled"
            );
        }
    }

    // The adventurer's line breaks at `sjekker-inn`: two runs, two subpaths.
    let line = of(&doc, "measured-line", "eventyrer");
    let d = line.attribute("d").unwrap();
    assert_eq!(
        d.matches('M').count(),
        2,
        "a new subpath after the gap: {d}"
    );
    assert_eq!(d.matches('L').count(), 6);
    let steps: Vec<&str> = within(of(&doc, "measured-points", "eventyrer"), "measured-point")
        .iter()
        .filter_map(|p| p.attribute("data-step"))
        .collect();
    assert!(!steps.contains(&"sjekker-inn"));
    // The family's points: inspirert–bestiller–ankommer joined, hundeslede alone.
    let d = of(&doc, "measured-line", "familie").attribute("d").unwrap();
    assert_eq!((d.matches('M').count(), d.matches('L').count()), (2, 2));

    // "n=…" beside every point, muted, below its marker.
    let labels = by_class(&doc, "measured-n");
    assert_eq!(labels.len(), 12);
    let texts: Vec<String> = labels.iter().map(|l| text_of(*l)).collect();
    for n in ["n=212", "n=188", "n=40", "n=120", "n=104", "n=44"] {
        assert!(texts.iter().any(|t| t == n), "label {n} in {texts:?}");
    }
    let first = labels.iter().find(|l| text_of(**l) == "n=212").unwrap();
    let marker = within(
        within(of(&doc, "measured-points", "eventyrer"), "measured-point")[0],
        "measured-marker",
    )[0];
    let label_top: f32 = first
        .children()
        .find(|c| c.has_tag_name("rect"))
        .unwrap()
        .attribute("y")
        .unwrap()
        .parse()
        .unwrap();
    let cy: f32 = marker.attribute("cy").unwrap().parse().unwrap();
    assert!(label_top > cy, "the label is below its marker");
    let text = first.children().find(|c| c.has_tag_name("text")).unwrap();
    assert_eq!(text.attribute("fill"), Some("#7B8794"), "muted");

    // Only the flagged point has the warning ring and the gap marker.
    for p in by_class(&doc, "measured-point") {
        let flagged = p.attribute("data-flagged") == Some("true");
        assert_eq!(!within(p, "measured-warning").is_empty(), flagged);
        assert_eq!(!within(p, "measured-gap").is_empty(), flagged);
        if flagged {
            assert_eq!(p.attribute("data-step"), Some("bestiller"));
            let ring = within(p, "measured-warning")[0];
            let ring_colour = ring.attribute("stroke").unwrap();
            assert!(ring_colour.starts_with('#'));
            assert_ne!(ring_colour, line.attribute("stroke").unwrap());
            // The gap's triangle lies between the designed and the measured value.
            let gap = within(p, "measured-gap")[0];
            assert!(gap.descendants().any(|n| n.has_tag_name("path")));
        }
    }
    assert_eq!(
        by_class(&doc, "measured-warning").len(),
        1,
        "one flagged point"
    );

    // The lines are drawn over the designed curves, inside the curve lane.
    let lane = crate::lane(&doc, "curve");
    assert!(lane.descendants().any(|n| has_class(&n, "measured")));

    let legend = legend_group(&doc, "measured").expect("a legend entry for measured curves");
    let text = text_of(legend);
    assert!(text.contains("Measured"), "{text}");
    assert!(text.contains("Below design"), "{text}");
    assert_eq!(within(legend, "legend-measured").len(), 1);
    assert_eq!(within(legend, "legend-measured-gap").len(), 1);
}

#[test]
fn the_legend_follows_the_locale() {
    let ws = workspace();
    for (locale, measured, below) in [
        ("nb", "Målt", "Under design"),
        ("sv", "Uppmätt", "Under design"),
        ("da", "Målt", "Under design"),
        ("fi", "Mitattu", "Alle suunnitellun"),
        ("en", "Measured", "Below design"),
    ] {
        let opts = MapOptions {
            locale: Some(locale.into()),
            ..with(two_curves())
        };
        let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
        let doc = Document::parse(&svg).unwrap();
        let text = text_of(legend_group(&doc, "measured").unwrap());
        assert!(text.contains(measured), "{locale}: {text}");
        assert!(text.contains(below), "{locale}: {text}");
    }
    let opts = MapOptions {
        locale: Some("nb".into()),
        ..with(two_curves())
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let text = text_of(legend_group(&doc, "measured").unwrap());
    assert!(text.starts_with("FØLELSESKURVE"), "{text}");
}

#[test]
fn all_customers_are_drawn_in_a_neutral_dark_colour() {
    let ws = workspace();
    let all = curve(
        None,
        &[
            ("inspirert", 1.0, 500, false),
            ("bestiller", 0.5, 430, false),
        ],
    );
    let svg = render_svg(&ws, JOURNEY, &with(vec![all])).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let line = of(&doc, "measured-line", "");
    let colour = line.attribute("stroke").unwrap();
    for designed in by_class(&doc, "curve") {
        assert_ne!(designed.attribute("stroke"), Some(colour));
    }
    assert_eq!(colour, "#1F2933");
    let text = text_of(legend_group(&doc, "measured").unwrap());
    assert!(text.contains("All customers"), "{text}");
    // No persona of its own, so no designed curve turns dashed.
    let first = by_class(&doc, "curve")[0];
    assert_eq!(first.attribute("stroke-dasharray"), Some("none"));
}

#[test]
fn personas_of_measured_curves_join_the_map_and_unknown_ones_are_left_out() {
    let ws = workspace();
    let opts = MapOptions {
        personas: vec!["trygghet".into()],
        measured: vec![
            curve(Some("familie"), &[("inspirert", 1.0, 30, false)]),
            curve(Some("nobody"), &[("inspirert", 1.0, 30, false)]),
        ],
        ..Default::default()
    };
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    let designed: Vec<&str> = by_class(&doc, "curve")
        .iter()
        .filter_map(|c| c.attribute("data-persona"))
        .collect();
    assert_eq!(
        designed,
        ["trygghet", "familie"],
        "its designed curve to compare with"
    );
    assert_eq!(by_class(&doc, "measured-series").len(), 1);
    assert_eq!(by_class(&doc, "measured-point").len(), 1);
    // A single point draws no line, only its marker.
    assert!(by_class(&doc, "measured-line").is_empty());
    let lane = crate::lane(&doc, "curve");
    assert_eq!(within(lane, "measured-marker").len(), 1);
}

#[test]
fn points_on_steps_the_journey_lacks_are_left_out() {
    let ws = workspace();
    let c = curve(
        Some("eventyrer"),
        &[("inspirert", 1.0, 30, false), ("elsewhere", -2.0, 9, true)],
    );
    let svg = render_svg(&ws, JOURNEY, &with(vec![c])).unwrap();
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(by_class(&doc, "measured-point").len(), 1);
    assert!(by_class(&doc, "measured-warning").is_empty());
}

#[test]
fn png_and_pdf_render_with_measured_curves() {
    let ws = workspace();
    let opts = with(two_curves());
    let png = render_png(&ws, JOURNEY, &opts).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let plain = render_png(&ws, JOURNEY, &MapOptions::default()).unwrap();
    assert_ne!(png, plain, "the measured curves are drawn");
    if let Ok(dir) = std::env::var("STIG_RENDER_PREVIEW") {
        std::fs::write(std::path::Path::new(&dir).join("measured-map.png"), &png).unwrap();
    }
    // 9 steps on 2 pages: each page draws the points of its own steps.
    let pdf = render_pdf(&ws, JOURNEY, &opts).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_ne!(
        pdf,
        render_pdf(&ws, JOURNEY, &MapOptions::default()).unwrap()
    );

    // A long journey: a curve over every step, broken every seventh, split over pages.
    let ws = long_workspace(30);
    let points: Vec<(String, f64, u32, bool)> = (0..30)
        .filter(|i| i % 7 != 3)
        .map(|i| {
            (
                format!("steg-{i:02}"),
                f64::from(i % 5) - 2.0,
                20 + i,
                i == 12,
            )
        })
        .collect();
    let points: Vec<(&str, f64, u32, bool)> = points
        .iter()
        .map(|(s, v, n, f)| (s.as_str(), *v, *n, *f))
        .collect();
    let opts = with(vec![curve(None, &points)]);
    let pdf = render_pdf(&ws, "lang", &opts).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let svg = render_svg(&ws, "lang", &opts).unwrap();
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(by_class(&doc, "measured-point").len(), points.len());
    let d = by_class(&doc, "measured-line")[0].attribute("d").unwrap();
    assert_eq!(
        d.matches('M').count(),
        5,
        "broken at steps 3, 10, 17 and 24"
    );
}

#[test]
fn without_measured_curves_the_map_is_unchanged() {
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
        assert!(!svg.contains("measured"), "no trace of measured curves");
        let empty = MapOptions {
            measured: Vec::new(),
            ..plain.clone()
        };
        assert_eq!(render_svg(&ws, JOURNEY, &empty).unwrap(), svg);
        // A curve on no step of the journey adds its legend entry, nothing else.
        let elsewhere = MapOptions {
            measured: vec![curve(None, &[("elsewhere", 1.0, 10, false)])],
            ..plain.clone()
        };
        let other = render_svg(&ws, JOURNEY, &elsewhere).unwrap();
        assert!(by_class(&Document::parse(&other).unwrap(), "measured-point").is_empty());
    }
}
