//! Driver analysis on real data: the SFO airport customer surveys 2017 and 2018, read by our
//! own survey reader, weighed by `stig_insight::drivers`, and checked against an independent
//! numpy implementation (`johnson.py`, which reads the raw CSVs with pandas itself).
//!
//! Skips when `../shared/data` is absent. Python (numpy, pandas) is installed into a venv under
//! `target/py-insight`; if that cannot be done the test skips, unless `STIG_REQUIRE_PYTHON=1`,
//! which turns the skip into a failure (for CI, where a silent skip would hide a regression).
//!
//! Run with `cargo test -p stig-insight --test drivers -- --nocapture` to read which
//! touchpoints drive SFO satisfaction.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use stig_insight::drivers::{
    DriverInput, DriverOptions, DriverRow, Drivers, Quadrant, quadrants, relative_weights,
};
use stig_pipeline::sources::survey::{ScoreKind, SurveyMapping, read_survey};

/// What one respondent answered: CSAT per touchpoint and the NPS answer.
#[derive(Default)]
struct Respondent {
    csat: HashMap<String, f64>,
    nps: Option<f64>,
}

/// The predictors: every CSAT touchpoint of the SFO mapping except the airport as a whole.
fn predictors() -> Vec<String> {
    SurveyMapping::sfo("")
        .questions
        .iter()
        .filter(|q| q.kind == ScoreKind::Csat && q.touchpoint != "airport")
        .map(|q| q.touchpoint.clone())
        .collect()
}

/// Reads one year's survey with our reader, respondents in file order.
fn read_year(data: &Path, year: &str) -> Vec<Respondent> {
    let path = data.join(format!("sfo-survey/sfo-{year}.csv"));
    let file = File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let import = read_survey(
        BufReader::new(file),
        &SurveyMapping::sfo(&format!("sfo-{year}-")),
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        import.missing.is_empty(),
        "{year}: columns missing {:?}",
        import.missing
    );
    let mut order: Vec<String> = Vec::new();
    let mut by_id: HashMap<String, Respondent> = HashMap::new();
    for answer in import.report.records {
        let respondent = by_id.entry(answer.respondent.clone()).or_insert_with(|| {
            order.push(answer.respondent.clone());
            Respondent::default()
        });
        let score = f64::from(answer.score);
        match answer.kind {
            ScoreKind::Csat => {
                respondent.csat.insert(answer.touchpoint, score);
            }
            ScoreKind::Nps => respondent.nps = Some(score),
        }
    }
    order
        .into_iter()
        .filter_map(|id| by_id.remove(&id))
        .collect()
}

#[derive(Clone, Copy)]
enum Outcome {
    /// Q7ALL: the airport as a whole, CSAT 1–5.
    AirportCsat,
    /// NETPRO: likelihood to recommend, 0–10.
    Nps,
}

impl Outcome {
    fn column(self) -> &'static str {
        match self {
            Self::AirportCsat => "Q7ALL",
            Self::Nps => "NETPRO",
        }
    }
}

/// One row per respondent with the outcome; respondents without it are left out.
fn driver_input(respondents: &[&Respondent], outcome: Outcome) -> DriverInput {
    let predictors = predictors();
    let rows = respondents
        .iter()
        .filter_map(|r| {
            let outcome = match outcome {
                Outcome::AirportCsat => r.csat.get("airport").copied(),
                Outcome::Nps => r.nps,
            }?;
            let values = predictors.iter().map(|p| r.csat.get(p).copied()).collect();
            Some(DriverRow { values, outcome })
        })
        .collect();
    DriverInput { predictors, rows }
}

/// The venv's python with numpy and pandas, or why there is none.
fn python() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/py-insight");
    let venv_python = venv.join("bin/python");
    let installed = || {
        Command::new(&venv_python)
            .args(["-c", "import numpy, pandas"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if installed() {
        return Ok(venv_python);
    }
    let created = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success());
    if !created {
        return Err(format!(
            "python3 could not create a venv at {}",
            venv.display()
        ));
    }
    let pip = Command::new(&venv_python)
        .args(["-m", "pip", "install", "-q", "numpy", "pandas"])
        .status()
        .is_ok_and(|s| s.success());
    if pip && installed() {
        Ok(venv_python)
    } else {
        Err(format!(
            "pip could not install numpy and pandas into {}",
            venv.display()
        ))
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("not a number in the Python output: {v}"))
}

/// Our result against the Python reference for one case.
fn compare(case: &str, ours: &Drivers, reference: &Value) {
    assert_eq!(
        ours.rows as u64,
        reference["rows"].as_u64().expect("rows"),
        "{case}: row count"
    );
    let dropped: Vec<&str> = reference["dropped"]
        .as_array()
        .expect("dropped")
        .iter()
        .map(|v| v.as_str().expect("a name"))
        .collect();
    assert_eq!(ours.dropped, dropped, "{case}: dropped predictors");
    let r2 = num(&reference["r_squared"]);
    assert!(
        (ours.r_squared - r2).abs() < 1e-6,
        "{case}: R² {} vs numpy {r2}",
        ours.r_squared
    );
    let ols = num(&reference["ols_r_squared"]);
    assert!(
        (ours.r_squared - ols).abs() < 1e-6,
        "{case}: R² {} vs numpy least squares {ols}",
        ours.r_squared
    );
    let theirs = reference["drivers"].as_object().expect("drivers");
    assert_eq!(ours.drivers.len(), theirs.len(), "{case}: predictor count");
    for d in &ours.drivers {
        let t = theirs
            .get(&d.predictor)
            .unwrap_or_else(|| panic!("{case}: numpy has no {}", d.predictor));
        let w = num(&t["weight"]);
        assert!(
            (d.weight - w).abs() < 1e-6,
            "{case}: {} weight {} vs numpy {w}",
            d.predictor,
            d.weight
        );
        assert!(
            (d.performance - num(&t["performance"])).abs() < 1e-9,
            "{case}: {} performance",
            d.predictor
        );
        assert_eq!(
            d.answered as u64,
            t["answered"].as_u64().expect("answered"),
            "{case}: {} answers",
            d.predictor
        );
    }
}

/// The invariants a report relies on, and that the interval says something.
fn check_invariants(case: &str, d: &Drivers) {
    let sum: f64 = d.drivers.iter().map(|x| x.weight).sum();
    assert!((sum - d.r_squared).abs() < 1e-12, "{case}: Σ weights = R²");
    assert!(d.r_squared > 0.0 && d.r_squared < 1.0, "{case}: R²");
    let shares: f64 = d.drivers.iter().map(|x| x.share).sum();
    assert!((shares - 1.0).abs() < 1e-9, "{case}: shares sum to 1");
    assert!(
        d.drivers.windows(2).all(|w| w[0].share >= w[1].share),
        "{case}: sorted by share"
    );
    for x in &d.drivers {
        assert!(
            x.share_low <= x.share && x.share <= x.share_high,
            "{case}: {} share {} outside its interval [{}, {}]",
            x.predictor,
            x.share,
            x.share_low,
            x.share_high
        );
        let width = x.share_high - x.share_low;
        // Thousands of respondents: the interval is real but narrower than the whole range.
        assert!(
            width > 0.0 && width < 0.5,
            "{case}: {} interval width {width}",
            x.predictor
        );
        assert!((1.0..=5.0).contains(&x.performance), "{case}: performance");
    }
    // The top driver's interval lies above the last one's: the ranking is not noise.
    let (top, last) = (&d.drivers[0], &d.drivers[d.drivers.len() - 1]);
    assert!(
        top.share_low > last.share_high,
        "{case}: {} [{}, {}] vs {} [{}, {}]",
        top.predictor,
        top.share_low,
        top.share_high,
        last.predictor,
        last.share_low,
        last.share_high
    );
}

fn print_table(case: &str, d: &Drivers) {
    let quadrant: BTreeMap<String, Quadrant> = quadrants(d).into_iter().collect();
    println!(
        "\n{case}: {} respondents, R² = {:.3}{}",
        d.rows,
        d.r_squared,
        if d.dropped.is_empty() {
            String::new()
        } else {
            format!(", dropped {:?}", d.dropped)
        }
    );
    println!(
        "  {:<27} {:>6}  {:>15}  {:>6} {:>7}  quadrant",
        "predictor", "share", "95% interval", "perf", "answers"
    );
    for x in &d.drivers {
        println!(
            "  {:<27} {:>6.3}  [{:.3}, {:.3}]  {:>6.2} {:>7}  {:?}",
            x.predictor,
            x.share,
            x.share_low,
            x.share_high,
            x.performance,
            x.answered,
            quadrant[&x.predictor]
        );
    }
}

#[test]
fn sfo_drivers_match_an_independent_numpy_implementation() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !data.is_dir() {
        println!("skipped: ../shared/data not found");
        return;
    }
    let required = std::env::var("STIG_REQUIRE_PYTHON").is_ok_and(|v| v == "1");

    let y2017 = read_year(&data, "2017");
    let y2018 = read_year(&data, "2018");
    let cases: Vec<(&str, Vec<&Respondent>)> = vec![
        ("2017", y2017.iter().collect()),
        ("2018", y2018.iter().collect()),
        ("pooled", y2017.iter().chain(&y2018).collect()),
    ];
    let opts = DriverOptions::default();
    // The six analyses (200 resamples each) run side by side: debug builds are slow.
    let results: Vec<(&str, &str, Drivers)> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .iter()
            .flat_map(|(name, respondents)| {
                [Outcome::AirportCsat, Outcome::Nps].map(|outcome| {
                    let opts = &opts;
                    s.spawn(move || {
                        let input = driver_input(respondents, outcome);
                        let drivers = relative_weights(&input, opts).expect("driver analysis");
                        (*name, outcome.column(), drivers)
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("analysis thread"))
            .collect()
    });
    for (name, outcome, d) in &results {
        let case = format!("SFO {name}, outcome {outcome}");
        print_table(&case, d);
        check_invariants(&case, d);
    }

    // Same seed, same intervals: a report can be reproduced.
    let pooled = driver_input(&cases[2].1, Outcome::AirportCsat);
    let small = DriverOptions {
        bootstrap: 20,
        ..DriverOptions::default()
    };
    assert_eq!(
        relative_weights(&pooled, &small).expect("a"),
        relative_weights(&pooled, &small).expect("b")
    );

    let python = match python() {
        Ok(p) => p,
        Err(why) if !required => {
            println!("skipped the numpy comparison: {why} (set STIG_REQUIRE_PYTHON=1 to fail)");
            return;
        }
        Err(why) => panic!("STIG_REQUIRE_PYTHON=1 but {why}"),
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drivers/johnson.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(&data)
        .arg(opts.min_answers.to_string())
        .output()
        .expect("johnson.py runs");
    assert!(
        out.status.success(),
        "johnson.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reference: Value = serde_json::from_slice(&out.stdout).expect("johnson.py prints JSON");
    for (name, outcome, d) in &results {
        compare(
            &format!("SFO {name}, outcome {outcome}"),
            d,
            &reference[*name][*outcome],
        );
    }
    println!(
        "\nnumpy (johnson.py) agrees on R², every weight (1e-6), rows and dropped predictors for all {} cases",
        results.len()
    );
}
