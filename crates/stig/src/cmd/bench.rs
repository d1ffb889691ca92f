//! `stig bench NAME [--json]`: benchmarks that measure a reference in the same run.
//!
//! `render`: check (parse + validate) and render generated workspaces of 50, 500 and 5,000
//! steps. The reference for each large size is the linear extrapolation of the 500-step time
//! measured in the same run, so a ratio near 1 (or above) says the growth is linear.

use serde::Serialize;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use stig_model::code::{load_files, to_files};

use crate::cli::BenchName;

#[derive(Serialize)]
pub(super) struct Report {
    pub bench: &'static str,
    pub machine: Machine,
    pub figures: Vec<Figure>,
}

#[derive(Serialize)]
pub(super) struct Machine {
    os: &'static str,
    arch: &'static str,
    cpus: usize,
    cpu: String,
}

#[derive(Serialize)]
pub(super) struct Figure {
    pub metric: String,
    pub value: f64,
    pub unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_value: Option<f64>,
    /// ours ÷ reference, oriented so that higher is better for Stig.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
}

pub fn run(
    name: BenchName,
    json: bool,
    insight: &super::bench_insight::Options,
    personas: &super::bench_personas::Options,
    live: &super::bench_live::Options,
    ingest: &super::bench_ingest::Options,
) -> anyhow::Result<ExitCode> {
    if (ingest.db.is_some() || ingest.nodes > 1) && !matches!(name, BenchName::Ingest) {
        anyhow::bail!("--db and --nodes are options of `stig bench ingest` only");
    }
    if ingest.nodes > 1 && ingest.db.is_none() {
        anyhow::bail!(
            "--nodes needs --db postgres://…: several nodes share one PostgreSQL database"
        );
    }
    let report = match name {
        BenchName::Render => render()?,
        BenchName::Http => super::bench_http::run()?,
        BenchName::Ingest => super::bench_ingest::run(ingest)?,
        BenchName::Moments => super::bench_moments::run()?,
        BenchName::Insight => super::bench_insight::run(insight)?,
        BenchName::Personas => super::bench_personas::run(personas)?,
        BenchName::Live => super::bench_live::run(live)?,
    };
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print_table(&report);
    }
    Ok(ExitCode::SUCCESS)
}

const SIZES: [usize; 3] = [50, 500, 5_000];

fn render() -> anyhow::Result<Report> {
    let mut figures = Vec::new();
    let mut at_500 = (0.0, 0.0);
    for steps in SIZES {
        let files = to_files(&stig_model::synthetic::workspace(steps));
        let reps = (20_000 / steps).clamp(5, 40);
        let check = median(reps, || {
            let checked = load_files(files.clone());
            assert!(!checked.has_errors(), "generated workspace must be valid");
            checked
        });
        let ws = load_files(files.clone()).workspace;
        let opts = stig_render::MapOptions::default();
        let mut render_err = None;
        let render = median(reps, || {
            if let Err(e) = stig_render::render_svg(&ws, "generated", &opts) {
                render_err = Some(e);
            }
        });
        if let Some(e) = render_err {
            return Err(e.into());
        }
        let (check_ms, render_ms) = (ms(check), ms(render));
        if steps == 500 {
            at_500 = (check_ms, render_ms);
        }
        for (what, value, base) in [
            ("check", check_ms, at_500.0),
            ("render", render_ms, at_500.1),
        ] {
            let mut f = Figure {
                metric: format!("{what} {steps} steps ({} files)", files.len()),
                value,
                unit: "ms",
                reference: None,
                reference_value: None,
                ratio: None,
            };
            if steps > 500 {
                let linear = base * steps as f64 / 500.0;
                f.reference = Some("500-step time × 10, same run (linear growth)".into());
                f.reference_value = Some(round(linear));
                f.ratio = Some(round(linear / value));
            }
            figures.push(f);
        }
    }
    Ok(Report {
        bench: "render",
        machine: machine(),
        figures,
    })
}

/// Median wall time of `reps` runs of `f`.
fn median<T>(reps: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    round(d.as_secs_f64() * 1000.0)
}

pub(super) fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A figure with no reference to compare against (a latency, a count).
pub(super) fn plain(metric: String, value: f64, unit: &'static str) -> Figure {
    Figure {
        metric,
        value: round(value),
        unit,
        reference: None,
        reference_value: None,
        ratio: None,
    }
}

pub(super) fn machine() -> Machine {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    Machine {
        os: std::env::consts::OS,
        arch: std::env::consts::ARCH,
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu,
    }
}

fn print_table(r: &Report) {
    println!(
        "bench {} on {} ({} cpus)",
        r.bench, r.machine.cpu, r.machine.cpus
    );
    println!(
        "{:<40} {:>12} {:>14} {:>8}",
        "metric", "value", "reference", "ratio"
    );
    for f in &r.figures {
        let reference = f
            .reference_value
            .map(|v| format!("{v:.3} {}", f.unit))
            .unwrap_or_default();
        let ratio = f.ratio.map(|v| format!("{v:.2}")).unwrap_or_default();
        println!(
            "{:<40} {:>9.3} {:<2} {:>14} {:>8}",
            f.metric, f.value, f.unit, reference, ratio
        );
    }
    if let Some(f) = r.figures.iter().find(|f| f.reference.is_some()) {
        println!("reference: {}", f.reference.as_deref().unwrap_or_default());
    }
}

/// The process's peak resident memory (`VmHWM` in `/proc/self/status`), in MB; 0 where there
/// is no `/proc`.
pub(crate) fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The Python of a venv under `target/<name>` in which `import <modules>` works, made
/// (`python3 -m venv`, `pip install <packages>`) when missing: how the benchmarks get their
/// reference tools from PyPI. The error says what could not be had, as `<what> unavailable`.
pub(crate) fn python_venv(
    name: &str,
    modules: &str,
    packages: &[&str],
    what: &str,
) -> anyhow::Result<std::path::PathBuf> {
    use std::process::Command;
    let venv = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target")
        .join(name);
    let python = venv.join("bin/python");
    let installed = || {
        Command::new(&python)
            .args(["-c", &format!("import {modules}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !installed() {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .output();
        let ok = made.as_ref().is_ok_and(|o| o.status.success())
            && Command::new(&python)
                .args(["-m", "pip", "install", "-q"])
                .args(packages)
                .output()
                .is_ok_and(|o| o.status.success());
        anyhow::ensure!(
            ok && installed(),
            "{what} unavailable: could not make {} with `python3 -m venv` and `pip install {}`",
            venv.display(),
            packages.join(" ")
        );
    }
    Ok(python)
}
