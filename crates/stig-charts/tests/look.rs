//! Renders every chart with realistic data to /tmp/charts/*.png (and .svg, and one HTML page)
//! to look at: `cargo test -p stig-charts --test look -- --ignored`.

use resvg::{tiny_skia, usvg};
use stig_charts::*;

fn months(count: usize) -> Vec<String> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    (0..count)
        .map(|i| format!("{} {}", NAMES[(i + 2) % 12], 24 + (i + 2) / 12))
        .collect()
}

/// Every chart with realistic data, by file name.
pub fn gallery() -> Vec<(&'static str, String)> {
    let m24 = months(24);
    let nps: Vec<Option<f64>> = (0..24)
        .map(|i| {
            if i == 9 {
                None
            } else {
                Some(18.0 + 10.0 * (i as f64 / 3.5).sin() + i as f64 * 0.6)
            }
        })
        .collect();
    let band = nps
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.map(|v| {
                let half = 14.0 - (i as f64) * 0.3;
                (v - half, v + half)
            })
        })
        .collect();
    let target: Vec<Option<f64>> = (0..24)
        .map(|i| Some(if i < 12 { 20.0 } else { 30.0 }))
        .collect();
    let line = line_chart(
        "NPS by month, with 95% interval",
        &m24,
        &[
            Series {
                band: Some(band),
                ..Series::new("NPS", nps)
            },
            Series {
                dashed: true,
                color: Some("#5b6675".into()),
                ..Series::new("Target", target)
            },
        ],
        &LineOptions {
            size: Size::new(760.0, 300.0),
            reference: Some(0.0),
            ..LineOptions::default()
        },
    );

    let touchpoints = [
        ("Website booking", 4.42, 0.12),
        ("Booking confirmation e-mail", 4.61, 0.09),
        ("App check-in", 4.05, 0.21),
        ("Airport shuttle from Tromsø Airport (partner)", 3.38, 0.34),
        ("Front desk", 4.27, 0.1),
        ("Room", 4.12, 0.11),
        ("Breakfast", 3.91, 0.15),
        ("Spa", f64::NAN, 0.0),
        ("Northern lights tour", 4.71, 0.18),
        ("Restaurant", 3.84, 0.2),
        ("Wi-Fi", 2.96, 0.25),
        ("Ski rental", f64::NAN, 0.0),
        ("Checkout", 4.33, 0.12),
        ("Post-stay survey", 4.02, 0.16),
    ];
    let bars: Vec<Bar> = touchpoints
        .iter()
        .map(|(l, v, e)| {
            if v.is_nan() {
                Bar {
                    note: Some("too few answers".into()),
                    ..Bar::new(*l, None)
                }
            } else {
                Bar {
                    interval: Some((v - e, (v + e).min(5.0))),
                    ..Bar::new(*l, Some(*v))
                }
            }
        })
        .collect();
    let bar = bar_chart(
        "CSAT by touchpoint (1–5)",
        &bars,
        &BarOptions {
            size: Size::new(760.0, 440.0),
            format: Some(|v| {
                if v.fract() == 0.0 {
                    format!("{v:.0}")
                } else {
                    format!("{v:.2}")
                }
            }),
            range: Some((0.0, 5.0)),
            bounds: Some((1.0, 5.0)),
            ..BarOptions::default()
        },
    );

    let steps = [
        "Visited site",
        "Searched dates",
        "Viewed room",
        "Chose room",
        "Added extras",
        "Entered details",
        "Payment",
        "Confirmed",
        "Checked in online",
    ];
    let reached = [
        48210u64, 31877, 24102, 15320, 13980, 12011, 7120, 6830, 4210,
    ];
    let rows: Vec<FunnelRow> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| FunnelRow {
            label: s.to_string(),
            reached: reached[i],
            share: reached[i] as f64 / reached[0] as f64,
            dropped: reached.get(i + 1).map_or(0, |n| reached[i] - n),
            highlight: i == 5,
        })
        .collect();
    let funnel = funnel_chart(
        "Booking funnel, last 90 days",
        &rows,
        Size::new(760.0, 360.0),
    );

    let items = [
        ("Cleanliness", 0.82, 4.5),
        ("Staff friendliness", 0.74, 4.6),
        ("Wi-Fi", 0.71, 3.1),
        ("Price / value", 0.79, 3.4),
        ("Breakfast", 0.55, 3.9),
        ("Check-in speed", 0.68, 3.6),
        ("Room comfort", 0.77, 4.2),
        ("Location", 0.42, 4.7),
        ("Spa", 0.31, 3.8),
        ("Parking", 0.28, 3.2),
        ("Airport shuttle", 0.64, 3.35),
        ("Noise at night", 0.59, 3.05),
    ];
    let points: Vec<IpaPoint> = items
        .iter()
        .map(|(l, i, p)| IpaPoint {
            label: l.to_string(),
            importance: *i,
            performance: *p,
        })
        .collect();
    let ipa = ipa_chart(
        "Importance vs performance",
        &points,
        (0.6, 3.9),
        [
            "Fix first",
            "Keep up the good work",
            "Low priority",
            "Possible overkill",
        ],
        [
            "Performance (mean CSAT)",
            "Importance (correlation with NPS)",
        ],
        Size::new(760.0, 480.0),
    );

    let acquired: Vec<u32> = (0..24)
        .map(|i| (420.0 + 160.0 * (i as f64 / 2.7).sin() + 9.0 * i as f64) as u32)
        .collect();
    let churned: Vec<u32> = (0..24)
        .map(|i| (300.0 + 90.0 * (i as f64 / 3.9).cos() + if i == 13 { 260.0 } else { 0.0 }) as u32)
        .collect();
    let growth_rows: Vec<GrowthRow> = m24
        .iter()
        .enumerate()
        .map(|(i, label)| GrowthRow {
            label: label.clone(),
            won: acquired[i],
            came_back: acquired[i] / 10,
            lost: churned[i],
            net: i64::from(acquired[i] + acquired[i] / 10) - i64::from(churned[i]),
        })
        .collect();
    let growth = growth_chart(
        "Customers won and lost",
        &growth_rows,
        &GrowthOptions {
            size: Size::new(760.0, 320.0),
            names: ["Won", "Came back", "Lost", "Net"].map(String::from),
            partial: Some("partial".into()),
            ..GrowthOptions::default()
        },
    );

    let m12 = months(12);
    let cohorts: Vec<CohortRow> = (0..12)
        .map(|r| CohortRow {
            label: m12[r].clone(),
            size: 800 + (r as u32 * 137) % 600,
            retained: (0..12 - r)
                .map(|c| {
                    if c == 0 {
                        1.0
                    } else {
                        0.46 * (-(c as f64 - 1.0) / 6.0).exp() + 0.03 * ((r + c) as f64).sin()
                    }
                })
                .collect(),
        })
        .collect();
    let cohort = cohort_chart(
        "Retention by cohort (months since first stay)",
        &cohorts,
        Size::new(760.0, 420.0),
    );

    let share = share_bar(
        "What explains satisfaction",
        &[
            ("Emotional".to_string(), 0.62, "#1f5f99".to_string()),
            ("Functional".to_string(), 0.38, "#c8620a".to_string()),
        ],
        Size::new(760.0, 130.0),
    );
    let funnel_narrow = funnel_chart(
        "Booking funnel, last 90 days",
        &rows,
        Size::new(380.0, 300.0),
    );
    let bar_narrow = bar_chart(
        "CSAT by touchpoint (1–5)",
        &bars,
        &BarOptions {
            size: Size::new(380.0, 380.0),
            ..BarOptions::default()
        },
    );
    let empty = bar_chart(
        "CSAT by touchpoint",
        &[],
        &BarOptions {
            size: Size::new(480.0, 200.0),
            ..BarOptions::default()
        },
    );
    vec![
        ("line", line),
        ("bar", bar),
        ("funnel", funnel),
        ("ipa", ipa),
        ("growth", growth),
        ("cohort", cohort),
        ("share", share),
        ("empty", empty),
        ("funnel-narrow", funnel_narrow),
        ("bar-narrow", bar_narrow),
    ]
}

#[test]
#[ignore = "writes PNGs to /tmp/charts for a person to look at"]
fn render_gallery() {
    let dir = std::path::Path::new("/tmp/charts");
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    for f in [
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
    ] {
        if let Ok(data) = std::fs::read(format!("/usr/share/fonts/truetype/dejavu/{f}")) {
            db.load_font_data(data);
        }
    }
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><body style=\"background:#f5f7fa;max-width:800px;margin:2rem auto\">",
    );
    for (name, svg) in gallery() {
        std::fs::write(dir.join(format!("{name}.svg")), &svg).expect("write svg");
        html.push_str(&format!(
            "<div style=\"background:#fff;margin:1rem 0;padding:8px\">{svg}</div>"
        ));
        let tree = usvg::Tree::from_str(&svg, &opt).expect("parse");
        let scale = 2.0;
        let size = tree.size();
        let mut pixmap = tiny_skia::Pixmap::new(
            (size.width() * scale) as u32,
            (size.height() * scale) as u32,
        )
        .expect("pixmap");
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap
            .save_png(dir.join(format!("{name}.png")))
            .expect("png");
    }
    std::fs::write(dir.join("index.html"), html).expect("write html");
}
