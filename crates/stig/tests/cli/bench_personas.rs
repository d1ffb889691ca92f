//! `stig bench personas`: a small run, its JSON checked, the timing and inertia comparison
//! with scikit-learn present.
//!
//! scikit-learn comes from PyPI into `target/py-sklearn` (made by the command when missing);
//! where that cannot be done the test skips with a message, unless `STIG_REQUIRE_PYTHON=1`.

use super::{stig, text};

#[test]
fn bench_personas_reports_every_figure_next_to_scikit_learn() {
    let out = stig(&["bench", "personas", "--customers", "20000", "--json"]);
    let stderr = text(&out.stderr);
    if !out.status.success() && stderr.contains("scikit-learn unavailable") {
        let required = std::env::var("STIG_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
        assert!(!required, "STIG_REQUIRE_PYTHON=1 but {stderr}");
        println!("skipped: {stderr} (set STIG_REQUIRE_PYTHON=1 to fail)");
        return;
    }
    assert!(out.status.success(), "bench personas failed:\n{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON object on standard output");
    assert_eq!(report["bench"], "personas");
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
    assert_eq!(find("customers")["value"].as_f64(), Some(20_000.0));
    let timing = find("k-means k=8");
    for key in ["value", "reference_value", "ratio"] {
        let v = timing[key].as_f64().unwrap_or(f64::NAN);
        assert!(v.is_finite() && v > 0.0, "k-means {key} = {v}: {timing}");
    }
    assert!(
        timing["reference"]
            .as_str()
            .is_some_and(|r| r.contains("scikit-learn") && r.contains("n_init=3"))
    );
    let inertia = find("inertia (");
    for key in ["value", "reference_value", "ratio"] {
        let v = inertia[key].as_f64().unwrap_or(f64::NAN);
        assert!(v.is_finite() && v > 0.0, "inertia {key} = {v}: {inertia}");
    }
    let metric = inertia["metric"].as_str().unwrap_or_default();
    assert!(
        metric.contains("pass") || metric.contains("FAIL"),
        "{metric}"
    );
    for prefix in [
        "ARI Stig vs scikit-learn",
        "ARI Stig vs latent",
        "ARI scikit-learn vs latent",
    ] {
        let v = find(prefix)["value"].as_f64().unwrap_or(f64::NAN);
        assert!((-1.0..=1.0).contains(&v), "{prefix} = {v}");
    }
    // Our ARI agrees with sklearn.metrics.adjusted_rand_score.
    let check = find("ARI check")["value"].as_f64().unwrap_or(f64::NAN);
    assert!(check < 1e-9, "ARI differs from scikit-learn's by {check}");
    assert!(find("Lloyd iterations")["value"].as_f64() >= Some(1.0));
    assert!(find("peak memory Stig")["value"].as_f64() > Some(0.0));
    assert!(find("peak memory scikit-learn")["value"].as_f64() > Some(0.0));
    let k = find("choose_k 2..=12 on 20000 rows (untimed")["value"]
        .as_f64()
        .unwrap_or(0.0);
    assert!((2.0..=12.0).contains(&k), "chosen k {k}");
}
