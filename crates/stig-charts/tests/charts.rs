//! Every chart parses as XML, draws the expected marks, escapes text, handles empty and
//! non-finite input, and truncates long labels with a `<title>`.

use roxmltree::Document;
use stig_charts::*;

fn parse(svg: &str) -> Document<'_> {
    match Document::parse(svg) {
        Ok(doc) => doc,
        Err(e) => panic!("not well-formed XML ({e}):\n{svg}"),
    }
}

/// Elements named `tag` with `data-mark="mark"`.
fn marks(svg: &str, tag: &str, mark: &str) -> usize {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute("data-mark") == Some(mark))
        .count()
}

/// The root has the size, a viewBox, the responsive style and a `<title>`; no NaN anywhere.
fn check_frame(svg: &str, title: &str, w: f64, h: f64) {
    let doc = parse(svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some(w.to_string().as_str()));
    assert_eq!(root.attribute("height"), Some(h.to_string().as_str()));
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {w} {h}").as_str())
    );
    assert_eq!(root.attribute("style"), Some("max-width:100%;height:auto"));
    let first = root.first_element_child().expect("a child");
    assert_eq!(first.tag_name().name(), "title");
    assert_eq!(first.text(), Some(title));
    assert_no_nan(svg);
}

fn assert_no_nan(svg: &str) {
    let lower = svg.to_ascii_lowercase();
    assert!(
        !lower.contains("nan") && !lower.contains("inf"),
        "NaN or inf in output:\n{svg}"
    );
}

fn is_empty_state(svg: &str) -> bool {
    marks(svg, "rect", "empty") == 1
        && parse(svg)
            .descendants()
            .any(|n| n.has_tag_name("text") && n.text() == Some(NO_DATA))
}

fn months(count: usize) -> Vec<String> {
    (1..=count).map(|m| format!("2025-{m:02}")).collect()
}

fn size() -> Size {
    Size::new(600.0, 300.0)
}

#[test]
fn line_chart_draws_one_path_per_series_and_bands() {
    let x = months(6);
    let band = vec![
        Some((1.0, 3.0)),
        Some((2.0, 4.0)),
        None,
        Some((0.0, 2.0)),
        Some((1.0, 3.0)),
        Some((2.0, 5.0)),
    ];
    let series = [
        Series {
            band: Some(band),
            ..Series::new(
                "NPS",
                vec![Some(2.0), Some(3.0), None, Some(1.0), Some(2.0), Some(3.5)],
            )
        },
        Series {
            dashed: true,
            ..Series::new("Target", vec![Some(2.5); 6])
        },
    ];
    let opts = LineOptions {
        size: size(),
        reference: Some(0.0),
        ..LineOptions::default()
    };
    let svg = line_chart("NPS", &x, &series, &opts);
    check_frame(&svg, "NPS", 600.0, 300.0);
    assert_eq!(marks(&svg, "path", "line"), 2);
    assert_eq!(
        marks(&svg, "path", "band"),
        2,
        "the band breaks at the missing interval"
    );
    assert_eq!(marks(&svg, "line", "reference"), 1);
    // The None breaks the first line: two move-tos.
    let doc = parse(&svg);
    let d = doc
        .descendants()
        .find(|n| n.attribute("data-mark") == Some("line"))
        .and_then(|n| n.attribute("d"))
        .unwrap_or_default();
    assert_eq!(d.matches('M').count(), 2, "{d}");
}

#[test]
fn line_chart_treats_nan_as_missing_and_handles_no_data() {
    let x = months(4);
    let series = [Series {
        band: Some(vec![
            Some((f64::NAN, 1.0)),
            None,
            Some((f64::NEG_INFINITY, 2.0)),
            Some((0.0, 3.0)),
        ]),
        ..Series::new(
            "a",
            vec![Some(f64::NAN), Some(1.0), Some(f64::INFINITY), Some(2.0)],
        )
    }];
    let svg = line_chart(
        "t",
        &x,
        &series,
        &LineOptions {
            size: size(),
            ..LineOptions::default()
        },
    );
    assert_no_nan(&svg);
    assert_eq!(marks(&svg, "path", "line"), 1);
    assert_eq!(
        marks(&svg, "circle", "point"),
        1,
        "the lone value 1.0 is a dot"
    );

    let nothing = [Series::new("a", vec![None, Some(f64::NAN)])];
    for svg in [
        line_chart("t", &x, &nothing, &LineOptions::default()),
        line_chart("t", &[], &series, &LineOptions::default()),
        line_chart("t", &x, &[], &LineOptions::default()),
    ] {
        assert!(is_empty_state(&svg), "{svg}");
        assert_no_nan(&svg);
    }
}

#[test]
fn bar_chart_draws_one_rect_per_bar_and_stubs_for_notes() {
    let rows = vec![
        Bar {
            interval: Some((3.9, 4.5)),
            ..Bar::new("Check-in", Some(4.2))
        },
        Bar::new("Room", Some(3.1)),
        Bar {
            note: Some("too few answers".into()),
            ..Bar::new("Spa", None)
        },
        Bar::new("Negative", Some(-1.5)),
        Bar::new("Missing", Some(f64::NAN)),
    ];
    let svg = bar_chart(
        "CSAT",
        &rows,
        &BarOptions {
            size: size(),
            ..BarOptions::default()
        },
    );
    check_frame(&svg, "CSAT", 600.0, 300.0);
    assert_eq!(marks(&svg, "rect", "bar"), 3);
    assert_eq!(marks(&svg, "rect", "stub"), 1);
    assert_eq!(
        marks(&svg, "line", "whisker"),
        3,
        "a whisker and its two caps"
    );
    assert!(svg.contains(">too few answers</text>"));
    assert!(
        svg.contains(">−1.5</text>"),
        "default format with a true minus"
    );

    let custom = bar_chart(
        "CSAT",
        &rows[..1],
        &BarOptions {
            format: Some(|v| format!("{v:.2} pts")),
            ..BarOptions::default()
        },
    );
    assert!(custom.contains(">4.20 pts</text>"));
    assert!(is_empty_state(&bar_chart(
        "CSAT",
        &[],
        &BarOptions::default()
    )));
}

#[test]
fn funnel_chart_draws_a_bar_per_step_with_drop_offs() {
    let steps: Vec<FunnelRow> = [(1000u64, 0), (600, 1), (150, 2)]
        .iter()
        .map(|(reached, k)| FunnelRow {
            label: format!("Step {k}"),
            reached: *reached,
            share: *reached as f64 / 1000.0,
            dropped: match k {
                0 => 400,
                1 => 450,
                _ => 0,
            },
            highlight: *k == 1,
        })
        .collect();
    let svg = funnel_chart("Funnel", &steps, size());
    check_frame(&svg, "Funnel", 600.0, 300.0);
    assert_eq!(marks(&svg, "rect", "bar"), 3);
    assert_eq!(marks(&svg, "rect", "stuck"), 1);
    assert!(
        svg.contains(">1,000</text>")
            && svg.contains(">60%</text>")
            && svg.contains(">−450</text>")
    );
    assert!(is_empty_state(&funnel_chart("Funnel", &[], size())));
    let odd = [FunnelRow {
        label: "x".into(),
        reached: 0,
        share: f64::NAN,
        dropped: 0,
        highlight: false,
    }];
    assert_no_nan(&funnel_chart("Funnel", &odd, size()));
}

#[test]
fn ipa_chart_draws_a_point_per_item_and_tints_fix_first() {
    let points: Vec<IpaPoint> = (0..12)
        .map(|i| IpaPoint {
            label: format!("Item {i}"),
            importance: (i % 4) as f64 / 4.0,
            performance: 3.0 + (i % 3) as f64 * 0.5,
        })
        .chain([IpaPoint {
            label: "bad".into(),
            importance: f64::NAN,
            performance: 1.0,
        }])
        .collect();
    let captions = ["Fix first", "Keep up", "Low priority", "Overkill"];
    let svg = ipa_chart(
        "IPA",
        &points,
        (0.4, 3.5),
        captions,
        ["Performance", "Importance"],
        size(),
    );
    check_frame(&svg, "IPA", 600.0, 300.0);
    assert_eq!(
        marks(&svg, "circle", "point"),
        12,
        "the NaN item is left out"
    );
    assert_eq!(marks(&svg, "text", "point-label"), 12);
    assert_eq!(marks(&svg, "rect", "fix-first"), 1);
    assert_eq!(marks(&svg, "text", "caption"), 4);
    assert!(is_empty_state(&ipa_chart(
        "IPA",
        &[],
        (0.0, 0.0),
        captions,
        ["x", "y"],
        size()
    )));
}

fn growth_rows(won: &[u32], back: &[u32], lost: &[u32]) -> Vec<GrowthRow> {
    months(won.len())
        .into_iter()
        .enumerate()
        .map(|(i, label)| GrowthRow {
            label,
            won: won[i],
            came_back: back[i],
            lost: lost[i],
            net: i64::from(won[i]) + i64::from(back[i]) - i64::from(lost[i]),
        })
        .collect()
}

fn growth_opts() -> GrowthOptions {
    GrowthOptions {
        size: size(),
        names: ["Won", "Came back", "Lost", "Net"].map(String::from),
        ..GrowthOptions::default()
    }
}

#[test]
fn growth_chart_draws_diverging_bars_and_the_given_net() {
    let rows = growth_rows(&[10, 20, 0, 5], &[2, 0, 0, 1], &[5, 0, 8, 0]);
    let svg = growth_chart("Growth", &rows, &growth_opts());
    check_frame(&svg, "Growth", 600.0, 300.0);
    assert_eq!(marks(&svg, "rect", "won"), 3);
    assert_eq!(marks(&svg, "rect", "came-back"), 2);
    assert_eq!(marks(&svg, "rect", "lost"), 2);
    assert_eq!(marks(&svg, "path", "net"), 1);
    // The net drawn is the caller's, came back included: 7, 20, −8, 6.
    let doc = parse(&svg);
    let nets: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("data-mark") == Some("net-dot"))
        .filter_map(|n| n.attribute("data-net"))
        .collect();
    assert_eq!(nets, ["7", "20", "-8", "6"]);
    // All four are named in the legend, even at phone width.
    let narrow = growth_chart(
        "Growth",
        &rows,
        &GrowthOptions {
            size: Size::new(320.0, 300.0),
            ..growth_opts()
        },
    );
    for name in ["Won", "Came back", "Lost", "Net"] {
        assert!(texts(&narrow).iter().any(|t| t == name), "{name} missing");
    }
    assert!(is_empty_state(&growth_chart("Growth", &[], &growth_opts())));
    assert!(is_empty_state(&growth_chart(
        "Growth",
        &growth_rows(&[0; 4], &[0; 4], &[0; 4]),
        &growth_opts()
    )));
}

#[test]
fn growth_chart_marks_the_partial_period() {
    let rows = growth_rows(&[10, 12, 2], &[1, 1, 0], &[4, 5, 1]);
    let svg = growth_chart(
        "Growth",
        &rows,
        &GrowthOptions {
            partial: Some("so far".into()),
            ..growth_opts()
        },
    );
    assert_eq!(marks(&svg, "rect", "partial"), 1);
    assert_eq!(marks(&svg, "path", "partial-line"), 1);
    assert!(texts(&svg).iter().any(|t| t == "so far"));
    let doc = parse(&svg);
    let hollow: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("data-partial") == Some("true"))
        .collect();
    assert_eq!(hollow.len(), 1, "only the last dot is hollow");
    assert_eq!(hollow[0].attribute("data-net"), Some("1"));
}

/// Every text node's text.
fn texts(svg: &str) -> Vec<String> {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.children().filter_map(|c| c.text()).collect::<String>())
        .collect()
}

/// The y of every grid tick label's value, as numbers (true minus signs read back).
fn tick_values(svg: &str) -> Vec<f64> {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some("end"))
        .filter_map(|n| n.text())
        .filter_map(|t| t.replace('−', "-").replace(',', ".").parse().ok())
        .collect()
}

#[test]
fn line_chart_axis_and_bands_stay_on_the_scale() {
    // CSAT 1–5 whose intervals reach past both ends (few answers).
    let x = months(4);
    let series = [Series {
        band: Some(vec![
            Some((0.2, 5.9)),
            Some((3.1, 7.5)),
            Some((3.0, 4.6)),
            Some((2.0, 6.0)),
        ]),
        ..Series::new("CSAT", vec![Some(3.5), Some(4.9), Some(3.8), Some(4.2)])
    }];
    let svg = line_chart(
        "CSAT",
        &x,
        &series,
        &LineOptions {
            size: size(),
            bounds: Some((1.0, 5.0)),
            ..LineOptions::default()
        },
    );
    let ticks = tick_values(&svg);
    assert_eq!(ticks.first(), Some(&1.0), "{ticks:?}");
    assert_eq!(ticks.last(), Some(&5.0), "{ticks:?}");
    // The band's path stays between the axis's top (5) and bottom (1) pixels.
    let doc = parse(&svg);
    let grid_ys: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("line"))
        .filter_map(|n| n.attribute("y1").and_then(|y| y.parse().ok()))
        .collect();
    let (top, bottom) = grid_ys
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(*y), b.max(*y)));
    for band in doc
        .descendants()
        .filter(|n| n.attribute("data-mark") == Some("band"))
    {
        let d = band.attribute("d").unwrap_or("");
        let ys: Vec<f64> = d
            .split(['M', 'L', 'Z'])
            .filter_map(|p| p.split_whitespace().nth(1))
            .filter_map(|y| y.parse().ok())
            .collect();
        assert!(!ys.is_empty());
        assert!(
            ys.iter().all(|y| *y >= top - 0.01 && *y <= bottom + 0.01),
            "band {d} leaves {top}..{bottom}"
        );
    }
    // 1 to 7 (CES) ends at 7, not 8.
    let ces = line_chart(
        "CES",
        &x,
        &[Series::new("CES", vec![Some(5.0); 4])],
        &LineOptions {
            size: size(),
            bounds: Some((1.0, 7.0)),
            ..LineOptions::default()
        },
    );
    let ticks = tick_values(&ces);
    assert_eq!((ticks.first(), ticks.last()), (Some(&1.0), Some(&7.0)));
}

#[test]
fn line_chart_marks_the_partial_period_and_names_every_series() {
    let x = months(5);
    let series: Vec<Series> = [
        "Business traveller",
        "Family with children",
        "Couple",
        "Solo guest",
    ]
    .iter()
    .map(|name| {
        Series::new(
            *name,
            vec![Some(4.0), Some(4.2), Some(4.1), Some(4.3), Some(2.0)],
        )
    })
    .collect();
    let svg = line_chart(
        "Personas",
        &x,
        &series,
        &LineOptions {
            size: Size::new(620.0, 300.0),
            partial: Some("partial".into()),
            ..LineOptions::default()
        },
    );
    assert_eq!(marks(&svg, "rect", "partial"), 1);
    assert_eq!(marks(&svg, "path", "partial-line"), 4);
    assert_eq!(marks(&svg, "circle", "partial-point"), 4);
    assert_eq!(
        marks(&svg, "line", "legend"),
        4,
        "every persona in the legend"
    );
    let t = texts(&svg);
    for s in &series {
        assert!(t.contains(&s.name), "{} not in the legend", s.name);
    }
    // The solid lines stop before the partial month.
    let doc = parse(&svg);
    for line in doc
        .descendants()
        .filter(|n| n.attribute("data-mark") == Some("line"))
    {
        let d = line.attribute("d").unwrap_or("");
        assert_eq!(d.matches('L').count() + d.matches('M').count(), 4, "{d}");
    }
}

#[test]
fn numbers_follow_the_locale() {
    let nb = Numbers {
        decimal: ',',
        group: '\u{a0}',
    };
    assert_eq!(nb.apply("−12,345.6"), "−12\u{a0}345,6");
    assert_eq!(Numbers::EN.apply("12,345.6"), "12,345.6");
    let svg = line_chart(
        "CSAT",
        &months(3),
        &[Series::new("CSAT", vec![Some(4.25), Some(4.5), Some(4.75)])],
        &LineOptions {
            size: size(),
            numbers: nb,
            ..LineOptions::default()
        },
    );
    let t = texts(&svg);
    assert!(t.iter().any(|t| t == "4,8"), "{t:?}");
    assert!(!t.iter().any(|t| t.contains("4.")), "{t:?}");
    let bars = bar_chart(
        "Share",
        &[Bar::new("a", Some(0.5)), Bar::new("b", Some(1.25))],
        &BarOptions {
            size: size(),
            numbers: nb,
            ..BarOptions::default()
        },
    );
    assert!(texts(&bars).iter().any(|t| t == "1,3" || t == "1,25"));
}

#[test]
fn cohort_chart_draws_the_triangle() {
    let rows: Vec<CohortRow> = (0..12)
        .map(|r| CohortRow {
            label: format!("2025-{:02}", r + 1),
            size: 100 + r as u32,
            retained: (0..12 - r).map(|c| 1.0 / (c as f64 + 1.0)).collect(),
        })
        .collect();
    let svg = cohort_chart("Cohorts", &rows, Size::new(700.0, 400.0));
    check_frame(&svg, "Cohorts", 700.0, 400.0);
    assert_eq!(marks(&svg, "rect", "cell"), 78, "12 + 11 + … + 1");
    assert!(svg.contains(">100%</text>") && svg.contains(">50%</text>"));

    let holes = [CohortRow {
        label: "a".into(),
        size: 3,
        retained: vec![1.0, f64::NAN, 0.5],
    }];
    let svg = cohort_chart("Cohorts", &holes, size());
    assert_eq!(marks(&svg, "rect", "cell"), 2);
    assert_no_nan(&svg);
    assert!(is_empty_state(&cohort_chart("Cohorts", &[], size())));
}

#[test]
fn share_bar_stacks_parts_with_a_legend() {
    let parts = [
        ("Emotional".to_string(), 0.62, "#1f5f99".to_string()),
        ("Functional".to_string(), 0.38, String::new()),
        ("Broken".to_string(), f64::NAN, String::new()),
    ];
    let svg = share_bar("Drivers", &parts, Size::new(600.0, 120.0));
    check_frame(&svg, "Drivers", 600.0, 120.0);
    assert_eq!(marks(&svg, "rect", "part"), 2);
    assert!(svg.contains(">62%</text>") && svg.contains(">38%</text>"));
    assert!(is_empty_state(&share_bar("Drivers", &[], size())));
    assert!(is_empty_state(&share_bar("Drivers", &parts[2..], size())));
}

#[test]
fn text_is_escaped_everywhere() {
    let nasty = "Q&A <b>\"quoted\"</b>";
    let x = vec![nasty.to_string(), "b".into()];
    let charts = [
        line_chart(
            nasty,
            &x,
            &[
                Series::new(nasty, vec![Some(1.0), Some(2.0)]),
                Series::new("b", vec![Some(2.0), None]),
            ],
            &LineOptions::default(),
        ),
        bar_chart(
            nasty,
            &[
                Bar::new(nasty, Some(1.0)),
                Bar {
                    note: Some(nasty.into()),
                    ..Bar::new("b", None)
                },
            ],
            &BarOptions::default(),
        ),
        funnel_chart(
            nasty,
            &[FunnelRow {
                label: nasty.into(),
                reached: 1,
                share: 1.0,
                ..FunnelRow::default()
            }],
            size(),
        ),
        ipa_chart(
            nasty,
            &[IpaPoint {
                label: nasty.into(),
                importance: 1.0,
                performance: 1.0,
            }],
            (0.5, 0.5),
            [nasty; 4],
            [nasty; 2],
            size(),
        ),
        growth_chart(
            nasty,
            &[
                GrowthRow {
                    label: nasty.into(),
                    won: 1,
                    came_back: 1,
                    lost: 1,
                    net: 1,
                },
                GrowthRow {
                    label: nasty.into(),
                    won: 2,
                    ..GrowthRow::default()
                },
            ],
            &GrowthOptions {
                size: size(),
                names: [nasty; 4].map(String::from),
                ..GrowthOptions::default()
            },
        ),
        cohort_chart(
            nasty,
            &[CohortRow {
                label: nasty.into(),
                size: 1,
                retained: vec![1.0],
            }],
            size(),
        ),
        share_bar(
            nasty,
            &[(nasty.to_string(), 1.0, "\"><script>".to_string())],
            size(),
        ),
    ];
    for svg in &charts {
        let doc = parse(svg);
        assert!(
            doc.descendants()
                .all(|n| !n.has_tag_name("b") && !n.has_tag_name("script")),
            "{svg}"
        );
        assert!(svg.contains("Q&amp;A &lt;b&gt;"), "{svg}");
        let title = doc
            .root_element()
            .first_element_child()
            .and_then(|t| t.text());
        assert_eq!(title, Some(nasty));
    }
}

#[test]
fn long_labels_are_truncated_with_a_title() {
    let long =
        "An extraordinarily long touchpoint name that cannot possibly fit in the label column";
    let svg = bar_chart(
        "CSAT",
        &[Bar::new(long, Some(4.0)), Bar::new("Short", Some(3.0))],
        &BarOptions {
            size: Size::new(400.0, 160.0),
            ..BarOptions::default()
        },
    );
    let doc = parse(&svg);
    let text = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.children().any(|c| c.has_tag_name("title")))
        .expect("a truncated label");
    let shown: String = text
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect();
    assert!(shown.ends_with('…') && shown.len() < long.len(), "{shown}");
    let title = text
        .children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text());
    assert_eq!(title, Some(long));
    // The same in the other charts that take labels.
    let ipa = ipa_chart(
        "t",
        &[IpaPoint {
            label: long.into(),
            importance: 1.0,
            performance: 1.0,
        }],
        (0.5, 0.5),
        ["a"; 4],
        ["x", "y"],
        size(),
    );
    assert!(ipa.contains('…') && ipa.contains(&format!("<title>{long}</title>")));
    let funnel = funnel_chart(
        "t",
        &[FunnelRow {
            label: long.into(),
            reached: 1,
            share: 1.0,
            ..FunnelRow::default()
        }],
        size(),
    );
    assert!(funnel.contains('…') && funnel.contains(&format!("<title>{long}</title>")));
}

#[test]
fn silly_sizes_do_not_break_the_frame() {
    let svg = bar_chart(
        "t",
        &[Bar::new("a", Some(1.0))],
        &BarOptions {
            size: Size::new(f64::NAN, -5.0),
            ..BarOptions::default()
        },
    );
    assert_no_nan(&svg);
    parse(&svg);
    let tiny = line_chart(
        "t",
        &months(24),
        &[Series::new("a", vec![Some(1.0); 24])],
        &LineOptions {
            size: Size::new(40.0, 30.0),
            ..LineOptions::default()
        },
    );
    assert_no_nan(&tiny);
    parse(&tiny);
}
