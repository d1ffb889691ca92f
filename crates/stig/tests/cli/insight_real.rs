//! `stig report --format json` on the real data sets, each number checked against an
//! independent computation from the raw files (`insight_reference.py`: stdlib XML and pandas,
//! nothing of Stig's): BPI 2012 path variants and activations, the hotel bookings' won and lost
//! customers per month, the SFO surveys' CSAT and NPS with its interval.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{shared_data, stig, text};

/// Python with pandas in a venv under `target/py-insight`, or why there is none.
fn python() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/py-insight");
    let py = venv.join("bin/python");
    let ready = |py: &Path| {
        Command::new(py)
            .args(["-c", "import numpy, pandas"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ready(&py) {
        return Ok(py);
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .output();
    if !made.is_ok_and(|o| o.status.success()) {
        return Err(format!(
            "python3 could not create a venv at {}",
            venv.display()
        ));
    }
    let _ = Command::new(&py)
        .args(["-m", "pip", "install", "--quiet", "numpy", "pandas"])
        .output();
    if ready(&py) {
        Ok(py)
    } else {
        Err("pip could not install numpy and pandas".to_owned())
    }
}

/// The reference numbers, or `None` (skipped) when Python is not to be had.
fn reference(data: &Path, now: &str) -> Option<Value> {
    let required = std::env::var("STIG_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
    let py = match python() {
        Ok(py) => py,
        Err(why) if !required => {
            eprintln!("skipped the independent check: {why} (set STIG_REQUIRE_PYTHON=1 to fail)");
            return None;
        }
        Err(why) => panic!("STIG_REQUIRE_PYTHON=1 but {why}"),
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/insight_reference.py");
    let out = Command::new(py)
        .arg(script)
        .arg(data)
        .arg(now)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).expect("reference JSON"))
}

fn run(args: &[&str]) -> String {
    let out = stig(args);
    assert!(
        out.status.success(),
        "stig {args:?}\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// A database with one example workspace and `files` imported into it, and its report.
fn report(tmp: &Path, example: &str, files: &[(&Path, &[&str])]) -> Value {
    let db = tmp.join(format!("{example}.db"));
    let db = db.to_str().expect("utf-8");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(example);
    run(&["import", dir.to_str().expect("utf-8"), "--db", db]);
    for (file, extra) in files {
        let mut args = vec![
            "events",
            "import",
            file.to_str().expect("utf-8"),
            "--workspace",
            example,
            "--db",
            db,
        ];
        args.extend_from_slice(extra);
        run(&args);
    }
    let out = tmp.join(format!("{example}.json"));
    run(&[
        "report",
        "--workspace",
        example,
        "--db",
        db,
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    serde_json::from_slice(&std::fs::read(&out).expect("report written")).expect("report JSON")
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Per month counts from the report's KPI months.
fn monthly(r: &Value, field: &str) -> BTreeMap<String, u64> {
    r["kpis"]["months"]
        .as_array()
        .expect("months")
        .iter()
        .filter(|m| m[field].as_u64().unwrap_or(0) > 0)
        .map(|m| {
            (
                m["month"].as_str().expect("month").to_owned(),
                m[field].as_u64().expect("count"),
            )
        })
        .collect()
}

fn as_counts(v: &Value) -> BTreeMap<String, u64> {
    v.as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().expect("count")))
        .collect()
}

#[test]
fn real_data_insight_matches_independent_computations() {
    let Some(data) = shared_data() else { return };
    let tmp = tempfile::tempdir().expect("tmp");

    // BPI 2012: every application is a case; its path variant is its activities in order.
    let bpi = report(
        tmp.path(),
        "loan-application",
        &[(&data.join("event-logs/bpic2012.xes.gz"), &[])],
    );
    // Hotel bookings: one booking a customer, named by its reservation status.
    let mapping =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/mappings/hotel-bookings.toml");
    let mapping = mapping.to_str().expect("utf-8");
    let hotel = report(
        tmp.path(),
        "harbour-hotels",
        &[(
            &data.join("hotel-bookings/hotel_bookings.csv.gz"),
            &["--format", "csv", "--mapping", mapping],
        )],
    );
    // SFO surveys 2016-2018: answers tied to the airport's touchpoints.
    let sfo_files: Vec<PathBuf> = (2016..=2018)
        .map(|y| data.join(format!("sfo-survey/sfo-{y}.csv")))
        .collect();
    let survey: &[&str] = &["--format", "survey"];
    let sfo = report(
        tmp.path(),
        "sfo-airport",
        &sfo_files
            .iter()
            .map(|p| (p.as_path(), survey))
            .collect::<Vec<_>>(),
    );

    // The state kept incrementally reports what a build from scratch reports.
    for example in ["loan-application", "harbour-hotels", "sfo-airport"] {
        incremental_matches_scratch(&tmp.path().join(format!("{example}.db")), example);
    }

    let now = hotel["built_at"].as_str().expect("built_at");
    let Some(reference) = reference(&data, now) else {
        return;
    };

    // --- BPI 2012 ---
    let (rv, ours) = (&reference["bpi"], &bpi["variants"]);
    assert_eq!(ours["cases"], rv["cases"]);
    assert_eq!(
        ours["distinct"], rv["variants"],
        "variants by activity name"
    );
    assert_eq!(rv["variants"], 4366);
    let top: Vec<u64> = ours["top"]
        .as_array()
        .expect("top")
        .iter()
        .map(|v| v["count"].as_u64().expect("n"))
        .collect();
    let expected: Vec<u64> = rv["top20"]
        .as_array()
        .expect("top20")
        .iter()
        .map(|v| v.as_u64().expect("n"))
        .collect();
    assert_eq!(top, expected, "the top 20 variants' frequencies");
    let funnel = &bpi["journeys"]["personal-loan"]["funnel"];
    assert_eq!(
        funnel["completed"], rv["activated"],
        "completed runs are the activated applications"
    );
    let steps = funnel["steps"].as_array().expect("steps");
    assert!(
        steps
            .windows(2)
            .all(|w| w[0]["reached"].as_u64() >= w[1]["reached"].as_u64())
    );
    assert!(steps[0]["reached"].as_u64().expect("n") >= rv["submitted"].as_u64().expect("n"));
    eprintln!(
        "BPI 2012: {} variants, top {:?}; {} runs, {} completed, stuck: {:?}",
        ours["distinct"],
        &top[..5],
        funnel["runs"],
        funnel["completed"],
        steps
            .iter()
            .filter(|s| s["abandoned_here"].as_u64() > Some(0))
            .map(|s| (s["step"].as_str(), s["abandoned_here"].as_u64()))
            .collect::<Vec<_>>()
    );

    // --- Hotel bookings ---
    let rh = &reference["hotel"];
    assert_eq!(
        monthly(&hotel, "acquired"),
        as_counts(&rh["acquired"]),
        "won per month"
    );
    assert_eq!(
        monthly(&hotel, "churned_by_event"),
        as_counts(&rh["churned_by_event"]),
        "lost by cancellation per month"
    );
    let mut lost = as_counts(&rh["churned_by_event"]);
    for (m, n) in as_counts(&rh["churned_inactive"]) {
        *lost.entry(m).or_default() += n;
    }
    assert_eq!(
        monthly(&hotel, "churned"),
        lost,
        "lost per month (cancelled, or a year without a stay)"
    );

    // --- SFO surveys ---
    let rs = &reference["sfo"];
    let csat = scores_by_touchpoint(&sfo, "csat");
    for (tp, r) in rs["csat"].as_object().expect("csat") {
        let ours = csat
            .get(tp.as_str())
            .unwrap_or_else(|| panic!("no CSAT for {tp}"));
        assert_eq!(ours["n"], r["n"], "{tp}");
        assert!(
            (f(&ours["value"]) - f(&r["mean"])).abs() < 1e-9,
            "{tp} mean"
        );
        assert!(
            (f(&ours["high_share"]) - f(&r["top2"])).abs() < 1e-9,
            "{tp} top-2-box"
        );
    }
    let nps = &sfo["scores"]["nps"]["overall"];
    assert_eq!(nps["n"], rs["nps"]["n"]);
    assert!(
        (f(&nps["value"]) - f(&rs["nps"]["value"])).abs() < 1e-9,
        "NPS"
    );
    assert!(
        (f(&nps["high"]) - f(&nps["value"]) - f(&rs["nps"]["half"])).abs() < 1e-9,
        "NPS interval"
    );
    eprintln!(
        "SFO: NPS {:.1} ± {:.1} (n = {})",
        f(&nps["value"]),
        f(&rs["nps"]["half"]),
        nps["n"]
    );
    // The workspace marks Q7ALL (`airport:csat`) as what driver analysis explains.
    assert_eq!(sfo["drivers"]["outcome"], "airport:csat");
    assert_eq!(sfo["drivers"]["outcome_source"], "setting");
    let drivers = &sfo["drivers"]["report"]["drivers"];
    assert!(
        f(&drivers["r_squared"]) > 0.4,
        "Q7* explain overall satisfaction: {drivers}"
    );
}

/// The report's scores of one kind by touchpoint id.
fn scores_by_touchpoint<'a>(r: &'a Value, kind: &str) -> BTreeMap<&'a str, &'a Value> {
    r["scores"][kind]["touchpoints"]
        .as_array()
        .expect("touchpoints")
        .iter()
        .map(|t| (t["touchpoint"].as_str().expect("id"), &t["all"]))
        .collect()
}

/// The live runtime's way — the events in uneven batches, a refresh after each, time passing —
/// against one build of everything at the end: the whole report (every area, findings,
/// customer types) must be the same.
fn incremental_matches_scratch(db: &Path, example: &str) {
    use std::sync::Arc;
    use stig_store::Store;
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (ws, texts) = rt.block_on(async {
        let store = stig_store::SqliteStore::open(db).await.expect("store");
        let ws = Arc::new(
            store
                .load_workspace(example)
                .await
                .expect("workspace")
                .value,
        );
        let mut texts = Vec::new();
        let mut events = stig_runtime::events::EventStream::new(example, 0, 50_000);
        while let Some(page) = events.next_page(&store).await.expect("events") {
            texts.extend(page);
        }
        (ws, texts)
    });
    let now = jiff::Timestamp::now();
    let mut scratch = stig_insight::IndexBuilder::new(ws.clone());
    for (seq, text) in &texts {
        scratch.push_text(*seq, text);
    }
    scratch.refresh(now);
    let mut live = stig_insight::IndexBuilder::new(ws.clone());
    // Uneven batches: a big first one (a snapshot's worth), then smaller ones.
    let cuts = [
        texts.len() / 2,
        texts.len() * 3 / 4,
        texts.len() * 9 / 10,
        texts.len(),
    ];
    let mut from = 0;
    for (i, &to) in cuts.iter().enumerate() {
        for (seq, text) in &texts[from..to] {
            live.push_text(*seq, text);
        }
        let back = jiff::SignedDuration::from_hours(24 * 30 * (cuts.len() - 1 - i) as i64);
        live.refresh(now - back);
        from = to;
    }
    live.refresh(now);
    let report = |ix: &stig_insight::Index| {
        let r = stig_runtime::report::report(example, &ws, ix, &Default::default(), None, &|f| {
            format!("{:?}", f.kind)
        })
        .expect("report");
        let mut v = serde_json::to_value(r).expect("json");
        v["totals"]["index_bytes"] = Value::Null;
        v
    };
    let (a, b) = (report(live.index()), report(scratch.index()));
    for (area, value) in b.as_object().expect("report") {
        assert_eq!(
            &a[area], value,
            "{example}: `{area}` differs when kept incrementally"
        );
    }
}
