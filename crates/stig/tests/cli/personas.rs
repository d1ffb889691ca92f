//! `stig personas discover` and `stig personas twins` on generated customers whose latent
//! personas are known.

use std::path::Path;

use serde_json::Value;

use super::{stig, text};

fn run(args: &[&str]) -> String {
    let out = stig(args);
    assert!(out.status.success(), "stig {args:?}\n{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn discovery_finds_the_latent_types_and_twins_show_demographics_predict_little() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("stig.db");
    let db = db.to_str().expect("utf-8");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    run(&["import", example.to_str().expect("utf-8"), "--db", db]);
    let events = tmp.path().join("events.ndjson");
    let events = events.to_str().expect("utf-8");
    run(&[
        "generate",
        example.to_str().expect("utf-8"),
        "--customers",
        "600",
        "-o",
        events,
    ]);
    run(&[
        "events",
        "import",
        events,
        "--workspace",
        "arctic-winter",
        "--db",
        db,
    ]);

    let d: Value = serde_json::from_str(&run(&[
        "personas",
        "discover",
        "--workspace",
        "arctic-winter",
        "--db",
        db,
        "--json",
    ]))
    .expect("json");
    // arctic-winter has four personas; the generated customers are drawn from them.
    assert_eq!(d["k"], 4, "{d}");
    let clusters = d["clusters"].as_array().expect("clusters");
    assert!(
        clusters
            .iter()
            .all(|c| c["resembles"].is_string() && c["uncovered"] == false)
    );
    let mut resembled: Vec<&str> = clusters
        .iter()
        .filter_map(|c| c["resembles"].as_str())
        .collect();
    resembled.sort_unstable();
    resembled.dedup();
    assert_eq!(
        resembled.len(),
        4,
        "each type resembles a different persona: {resembled:?}"
    );
    let table = run(&[
        "personas",
        "discover",
        "--workspace",
        "arctic-winter",
        "--db",
        db,
    ]);
    assert!(
        table.contains("loves:") && table.contains("resembles"),
        "{table}"
    );

    let t: Value = serde_json::from_str(&run(&[
        "personas",
        "twins",
        "--workspace",
        "arctic-winter",
        "--db",
        db,
        "--json",
    ]))
    .expect("json");
    assert!(t["twin_pairs"].as_u64() > Some(0), "{t}");
    assert!(t["share_different"].as_f64() > Some(0.5));
    let personas = t["satisfaction"]["personas"].as_f64().expect("r2");
    let demographics = t["satisfaction"]["demographics"].as_f64().expect("r2");
    assert!(personas > demographics, "{t}");

    let out = stig(&["personas", "twins", "--workspace", "nowhere", "--db", db]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("nowhere"));
}
