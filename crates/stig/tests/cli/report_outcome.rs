//! `stig report --outcome`: what the driver analysis explains. A survey in the layout of the
//! airline passenger-satisfaction export, imported through `docs/mappings/airline-satisfaction
//! .toml` into examples/nordic-air: by default the overall judgement (a question about the
//! whole journey) is explained by the touchpoint ratings, not the other way round.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use super::{stig, text};

/// `n` respondents: 1–5 ratings (0 = not applicable, sometimes) of the mapped services, and a
/// `satisfaction` that follows cabin service and food mostly, seeded and reproducible.
fn airline_csv(n: usize) -> String {
    let mut state: u64 = 0x5EED;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    let mut csv = String::from(
        ",id,Inflight wifi service,Ease of Online booking,Online boarding,Gate location,\
         Food and drink,On-board service,Baggage handling,satisfaction\n",
    );
    for i in 0..n {
        let mut r = [0u8; 7];
        for x in r.iter_mut() {
            *x = 1 + (next() * 5.0) as u8 % 5;
        }
        // Wi-fi is "not applicable" for a tenth of passengers.
        if next() < 0.1 {
            r[0] = 0;
        }
        let score = 0.6 * f64::from(r[5])
            + 0.3 * f64::from(r[4])
            + 0.1 * f64::from(r[2])
            + (next() - 0.5) * 1.5;
        let satisfied = if score > 3.2 {
            "satisfied"
        } else {
            "neutral or dissatisfied"
        };
        let _ = writeln!(
            csv,
            "{i},{},{},{},{},{},{},{},{},{satisfied}",
            70_000 + i,
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6]
        );
    }
    csv
}

fn run(args: &[&str]) {
    let out = stig(args);
    assert!(out.status.success(), "stig {args:?}: {}", text(&out.stderr));
}

fn report(db: &str, dir: &Path, extra: &[&str]) -> (std::process::Output, Option<Value>) {
    let out_path = dir.join("r.json");
    let _ = std::fs::remove_file(&out_path);
    let mut args = vec![
        "report",
        "--workspace",
        "nordic-air",
        "--db",
        db,
        "-o",
        out_path.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let out = stig(&args);
    let json = std::fs::read(&out_path)
        .ok()
        .map(|b| serde_json::from_slice(&b).expect("report JSON"));
    (out, json)
}

#[test]
fn the_overall_judgement_is_explained_by_default_and_outcome_chooses_another() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("air.db");
    let db = db.to_str().expect("utf-8");
    let csv = tmp.path().join("train.csv");
    std::fs::write(&csv, airline_csv(400)).expect("write");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example = root.join("examples/nordic-air");
    let mapping = root.join("docs/mappings/airline-satisfaction.toml");
    run(&["import", example.to_str().expect("utf-8"), "--db", db]);
    run(&[
        "events",
        "import",
        csv.to_str().expect("utf-8"),
        "--workspace",
        "nordic-air",
        "--format",
        "survey",
        "--mapping",
        mapping.to_str().expect("utf-8"),
        "--at",
        "2019-01-01",
        "--db",
        db,
    ]);

    // Default: the overall question, explained by the touchpoints.
    let (out, json) = report(db, tmp.path(), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let d = &json.expect("written")["drivers"];
    assert_eq!(d["outcome"], "overall:csat", "{d}");
    assert_eq!(d["outcome_source"], "overall");
    let r = &d["report"];
    assert_eq!(r["drivers"]["rows"], 400, "every passenger is a respondent");
    let predictors: Vec<&str> = r["drivers"]["drivers"]
        .as_array()
        .expect("drivers")
        .iter()
        .filter_map(|x| x["predictor"].as_str())
        .collect();
    for tp in ["kabinen", "servering", "wifi", "app"] {
        assert!(predictors.contains(&tp), "{tp} in {predictors:?}");
    }
    // Cabin service drives satisfaction here, clearly: the ranking may be acted on.
    assert_eq!(predictors[0], "kabinen", "{r}");
    assert!(r["drivers"]["r_squared"].as_f64() > Some(0.3), "{r}");
    assert_eq!(r["limits"]["verdict"], "ranked", "{r}");

    // --outcome: a touchpoint, explained by the others and the overall answers left out.
    let (out, json) = report(db, tmp.path(), &["--outcome", "kabinen"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let d = &json.expect("written")["drivers"];
    assert_eq!(d["outcome"], "kabinen:csat");
    assert_eq!(d["outcome_source"], "chosen");
    let predictors: Vec<&str> = d["report"]["drivers"]["drivers"]
        .as_array()
        .expect("drivers")
        .iter()
        .filter_map(|x| x["predictor"].as_str())
        .collect();
    assert!(!predictors.contains(&"kabinen") && predictors.contains(&"servering"));
    // Ratings drawn independently explain nothing of each other: no "fix first".
    assert_eq!(d["report"]["limits"]["verdict"], "weak-model", "{d}");
    assert!(
        !json_findings(db, tmp.path(), "kabinen").contains(&"fix-first".to_owned()),
        "a weak model makes no fix-first finding"
    );

    // An outcome nobody answered: an error naming it, and no file.
    let (out, json) = report(db, tmp.path(), &["--outcome", "lounge"]);
    assert!(!out.status.success());
    assert!(json.is_none());
    let err = text(&out.stderr);
    assert!(err.contains("--outcome") && err.contains("lounge"), "{err}");
    let (out, _) = report(db, tmp.path(), &["--outcome", "nowhere"]);
    let err = text(&out.stderr);
    assert!(!out.status.success() && err.contains("nowhere"), "{err}");
}

/// The kinds of the findings of a report explaining `outcome`.
fn json_findings(db: &str, dir: &Path, outcome: &str) -> Vec<String> {
    let (out, json) = report(db, dir, &["--outcome", outcome]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    json.expect("written")["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["kind"].as_str().map(str::to_owned))
        .collect()
}
