//! `stig bench insight`: a small run, its JSON checked, Stig's answers agreeing with DuckDB's.
//!
//! DuckDB comes from PyPI into `target/py-duckdb` (made by the command when missing); where
//! that cannot be done the test skips with a message, unless `STIG_REQUIRE_PYTHON=1`.

use super::{stig, text};

#[test]
fn bench_insight_reports_every_figure_and_agrees_with_duckdb() {
    let out = stig(&["bench", "insight", "--events", "20000", "--json"]);
    let stderr = text(&out.stderr);
    if !out.status.success() && stderr.contains("DuckDB unavailable") {
        let required = std::env::var("STIG_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
        assert!(!required, "STIG_REQUIRE_PYTHON=1 but {stderr}");
        println!("skipped: {stderr} (set STIG_REQUIRE_PYTHON=1 to fail)");
        return;
    }
    assert!(out.status.success(), "bench insight failed:\n{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON object on standard output");
    assert_eq!(report["bench"], "insight");
    for key in ["os", "arch", "cpus", "cpu"] {
        assert!(!report["machine"][key].is_null(), "machine.{key} missing");
    }
    let figures = report["figures"].as_array().expect("figures");
    let find = |prefix: &str| {
        figures
            .iter()
            .find(|f| f["metric"].as_str().is_some_and(|m| m.starts_with(prefix)))
            .unwrap_or_else(|| panic!("no figure `{prefix}…` in {report}"))
    };
    for f in figures {
        assert!(f["metric"].is_string() && f["unit"].is_string(), "{f}");
        assert!(f["value"].as_f64().is_some_and(f64::is_finite), "{f}");
    }
    let events = find("events generated")["value"].as_f64().expect("events");
    assert!(
        (15_000.0..25_000.0).contains(&events),
        "about 20,000 events, got {events}"
    );
    assert!(find("customers")["value"].as_f64() > Some(0.0));
    assert!(find("index build")["value"].as_f64() > Some(0.0));
    assert!(find("index bytes/")["value"].as_f64() > Some(0.0));
    assert!(find("peak memory")["value"].as_f64() > Some(0.0));
    for q in ["(a)", "(b)", "(c)", "(d)"] {
        let timing = figures
            .iter()
            .find(|f| f["metric"].as_str().is_some_and(|m| m.starts_with(q)) && f["unit"] == "ms")
            .unwrap_or_else(|| panic!("no timing for {q}"));
        for key in ["value", "reference_value", "ratio"] {
            let v = timing[key].as_f64().unwrap_or(f64::NAN);
            assert!(v.is_finite() && v > 0.0, "{q} {key} = {v}: {timing}");
        }
        assert!(
            timing["reference"]
                .as_str()
                .is_some_and(|r| r.contains("DuckDB"))
        );
        let diffs = figures
            .iter()
            .find(|f| {
                f["metric"].as_str().is_some_and(|m| m.starts_with(q)) && f["unit"] == "diffs"
            })
            .unwrap_or_else(|| panic!("no agreement figure for {q}"));
        if q == "(b)" || q == "(c)" {
            assert_eq!(
                diffs["value"].as_f64(),
                Some(0.0),
                "{q} must agree exactly with DuckDB:\n{stderr}"
            );
        }
    }
}
