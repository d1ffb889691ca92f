//! `stig bench insight`: four analyses on the insight index of generated events, next to
//! DuckDB on the same events, in the same run.
//!
//! Events are generated for an example workspace (`--workspace`, default `telekom`: no
//! example's generated data has NPS on more than one touchpoint, telekom has the most NPS
//! answers, and its touchpoint signals make journey runs; `sfo-airport` has no signals, so
//! no runs, no funnel and no acquisitions; the
//! customer count is `--events` divided by the events per customer of a small sample) and
//! streamed, line by line, into [`IndexBuilder::push_text`] ("index build" = that feeding
//! plus `finish`, timed in batches so the generator and the CSV writer are not counted) and,
//! at the same time, into `target/bench-insight/events.csv`: the raw facts only (arrival
//! number, customer, timestamp, call type, event name, touchpoint, journey, step, run, score
//! type, score, the identify trait `latent_persona`). DuckDB (PyPI `duckdb`, in a venv made in
//! `target/py-duckdb` when missing) loads that table (not timed) and computes each answer
//! from it with SQL (`benches-py/insight_duckdb.py`).
//!
//! The four, each the median of 5 runs after a warm-up, on both sides:
//! (a) the funnel of the journey with the most runs, (b) the 20 most common activity variants,
//! (c) NPS per persona × touchpoint, (d) acquisitions and churns per month. The answers are
//! compared; differences are counted in the figures and spelled out on standard error.
//! Where definitions legitimately differ they are printed, not hidden: Stig splits runs by
//! the designed journey (idle time, completion) and maps hits to steps through touchpoint
//! signals, DuckDB groups by the generator's `run` and `step` properties; Stig assigns
//! personas from loves and hates, DuckDB reads the generator's `latent_persona`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde_json::{Value, json};
use stig_insight::filter::Filter;
use stig_insight::{Index, IndexBuilder, kpis, observed, scores};
use stig_model::SurveyKind;
use stig_model::code::load_files;
use stig_pipeline::generate::{GenerateOptions, generate};

use super::bench::{Figure, Report, machine, plain, round};

/// `stig bench insight`'s options.
pub struct Options {
    pub events: usize,
    pub seed: u64,
    pub workspace: String,
}

/// Runs of each query timed (after one warm-up); the median is reported.
const REPS: usize = 5;
/// Targets: each query under this, and at least `SPEEDUP` × DuckDB; the index at most
/// `BYTES_PER_EVENT`.
const BUDGET_MS: f64 = 500.0;
const SPEEDUP: f64 = 5.0;
const BYTES_PER_EVENT: f64 = 32.0;
/// Lines fed to the index builder per timed batch.
const BATCH: usize = 65_536;
/// Customers generated to measure events per customer.
const SAMPLE: usize = 300;
const SCRIPT: &str = include_str!("../../benches-py/insight_duckdb.py");

/// The workspace root (`target/` lives there).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn run(opts: &Options) -> anyhow::Result<Report> {
    let ws = crate::cmd::demo::examples()
        .into_iter()
        .find(|(id, _)| *id == opts.workspace)
        .map(|(_, files)| load_files(files).workspace)
        .ok_or_else(|| anyhow::anyhow!("no example workspace `{}`", opts.workspace))?;
    let dir = root().join("target/bench-insight");
    std::fs::create_dir_all(&dir)?;
    // Ready DuckDB first: without it there is nothing to compare with.
    let python = super::bench::python_venv("py-duckdb", "duckdb", &["duckdb"], "DuckDB")?;

    // Events per customer, from a sample; then the customers for `--events`.
    let mut sample = LineCount(0);
    let base = GenerateOptions {
        seed: opts.seed,
        ..Default::default()
    };
    generate(
        &ws,
        &GenerateOptions {
            customers: SAMPLE,
            ..base.clone()
        },
        &mut sample,
    )?;
    let per_customer = (sample.0 as f64 / SAMPLE as f64).max(1.0);
    let customers = ((opts.events as f64 / per_customer).round() as usize).max(1);
    let gen_opts = GenerateOptions { customers, ..base };
    let now = period_end(&gen_opts)?;

    // Generate, feed the index builder, write the CSV.
    let ws = Arc::new(ws);
    let csv_path = dir.join("events.csv");
    let mut feed = Feed::new(IndexBuilder::new(ws.clone()), &csv_path)?;
    generate(&ws, &gen_opts, &mut feed)?;
    let (events, mut builder, feeding) = feed.end()?;
    let start = Instant::now();
    let (stages, ix) = builder.finish(now);
    let build = feeding + start.elapsed();
    drop(stages);
    drop(builder);
    anyhow::ensure!(
        ix.event_count() > 0,
        "the index holds no events ({events} generated)"
    );

    // The main journey: the as-is journey with the most runs.
    let mut runs = vec![0u64; ix.journeys.len()];
    for &j in &ix.instances.journey {
        runs[usize::from(j)] += 1;
    }
    let j = (0..ix.journeys.len())
        .max_by_key(|&j| (runs[j], std::cmp::Reverse(j)))
        .ok_or_else(|| anyhow::anyhow!("{} has no as-is journey", opts.workspace))?
        as u16;
    let journey = &ix.journeys[usize::from(j)];

    // Stig.
    let all = Filter::default();
    let (funnel_ms, funnel) = timed(|| observed::funnel(&ix, &all, j));
    let (variants_ms, variants) = timed(|| observed::activity_variants(&ix, &all, 20));
    let (nps_ms, nps) =
        timed(|| scores::by_touchpoint(&ix, &all, SurveyKind::Nps, Default::default()));
    let (monthly_ms, monthly) = timed(|| kpis::monthly(&ix, &all));

    // DuckDB.
    let settings = &ws.settings;
    let list = |l: &[String], d: &[&str]| -> Vec<String> {
        if l.is_empty() {
            d.iter().map(|s| (*s).to_owned()).collect()
        } else {
            l.to_vec()
        }
    };
    let params = json!({
        "csv": csv_path,
        "journey": journey.id,
        "steps": journey.steps.iter().map(|s| &s.id).collect::<Vec<_>>(),
        "now_us": now.as_microsecond(),
        "churn_after_days": settings.churn_after_days(),
        "churn_events": list(&settings.churn_events, stig_model::Settings::DEFAULT_CHURN_EVENTS),
        "purchase_events": list(&settings.purchase_events, stig_model::Settings::DEFAULT_PURCHASE_EVENTS),
        "reps": REPS,
    });
    let params_path = dir.join("params.json");
    std::fs::write(&params_path, serde_json::to_vec_pretty(&params)?)?;
    let script = dir.join("insight_duckdb.py");
    std::fs::write(&script, SCRIPT)?;
    let out = Command::new(&python)
        .arg(&script)
        .arg(&params_path)
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "the DuckDB script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let duck: Value = serde_json::from_slice(&out.stdout)?;
    let duck_ms = |q: &str| duck["ms"][q].as_f64().unwrap_or(f64::NAN);

    // Agreement.
    let a = agree_funnel(&funnel, &duck["funnel"]);
    let b = agree_variants(&variants, &duck["variants"]);
    let c = agree_nps(&ix, &nps, &duck["nps"]);
    let d = agree_monthly(&monthly, &duck["monthly"]);
    for (q, diffs) in [
        ("(a) funnel", &a),
        ("(b) variants", &b),
        ("(c) NPS", &c),
        ("(d) monthly", &d),
    ] {
        if diffs.is_empty() {
            eprintln!("{q}: Stig and DuckDB agree");
        } else {
            eprintln!(
                "{q}: {} difference(s) between Stig and DuckDB:",
                diffs.len()
            );
            for line in diffs.iter().take(40) {
                eprintln!("  {line}");
            }
        }
    }

    let duck_version = duck["version"].as_str().unwrap_or("?");
    let threads = duck["threads"].as_i64().unwrap_or(0);
    let vs = format!(
        "DuckDB {duck_version} ({threads} threads), same events as a table, median of {REPS} \
         after a warm-up, table load ({:.1} s) not timed, same run",
        duck["load_s"].as_f64().unwrap_or(f64::NAN)
    );
    let bytes = ix.bytes() as f64 / ix.event_count() as f64;
    let mut figures = vec![
        plain(
            format!("events generated ({})", opts.workspace),
            events as f64,
            "events",
        ),
        plain(
            "events indexed (track/page/screen)".into(),
            ix.event_count() as f64,
            "events",
        ),
        plain("customers".into(), ix.customer_count() as f64, "customers"),
        plain(
            format!("index build (feed {events} lines + finish)"),
            build.as_secs_f64(),
            "s",
        ),
        Figure {
            metric: format!(
                "index bytes/indexed event (budget {BYTES_PER_EVENT}: {})",
                pass(bytes <= BYTES_PER_EVENT)
            ),
            value: round(bytes),
            unit: "B",
            reference: Some(format!("budget {BYTES_PER_EVENT} bytes/event")),
            reference_value: Some(BYTES_PER_EVENT),
            ratio: Some(round(BYTES_PER_EVENT / bytes)),
        },
        plain(
            "peak memory (VmHWM)".into(),
            super::bench::peak_rss_mb(),
            "MB",
        ),
    ];
    let queries = [
        (
            format!("(a) funnel {}", journey.id),
            funnel_ms,
            duck_ms("funnel"),
            &a,
        ),
        (
            "(b) top 20 variants".into(),
            variants_ms,
            duck_ms("variants"),
            &b,
        ),
        (
            "(c) NPS persona × touchpoint".into(),
            nps_ms,
            duck_ms("nps"),
            &c,
        ),
        (
            "(d) acquisition+churn/month".into(),
            monthly_ms,
            duck_ms("monthly"),
            &d,
        ),
    ];
    for (name, ours, theirs, _) in &queries {
        let ratio = theirs / ours;
        figures.push(Figure {
            metric: format!(
                "{name} (≥{SPEEDUP}×: {}, ≤{BUDGET_MS} ms: {})",
                pass(ratio >= SPEEDUP),
                pass(*ours <= BUDGET_MS)
            ),
            value: round(*ours),
            unit: "ms",
            reference: Some(vs.clone()),
            reference_value: Some(round(*theirs)),
            ratio: Some(round(ratio)),
        });
    }
    for (name, _, _, diffs) in &queries {
        figures.push(plain(
            format!("{name} differences vs DuckDB"),
            diffs.len() as f64,
            "diffs",
        ));
    }
    Ok(Report {
        bench: "insight",
        machine: machine(),
        figures,
    })
}

fn pass(ok: bool) -> &'static str {
    if ok { "pass" } else { "FAIL" }
}

/// Median milliseconds of [`REPS`] runs after a warm-up, and the last answer.
fn timed<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut answer = f();
    let mut times: Vec<Duration> = Vec::with_capacity(REPS);
    for _ in 0..REPS {
        let start = Instant::now();
        answer = std::hint::black_box(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times[REPS / 2].as_secs_f64() * 1000.0, answer)
}

/// The end of the generated period: "now" for open runs and inactivity churn.
fn period_end(o: &GenerateOptions) -> anyhow::Result<Timestamp> {
    let end = o
        .start
        .checked_add(jiff::Span::new().years(i64::from(o.years)))?;
    Ok(jiff::tz::TimeZone::UTC.to_timestamp(end.to_datetime(jiff::civil::Time::midnight()))?)
}

/// Counts lines written.
struct LineCount(usize);

impl Write for LineCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.iter().filter(|&&b| b == b'\n').count();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Takes the generator's NDJSON: each line to the index builder (timed, in batches) and its
/// raw facts to the CSV.
struct Feed {
    builder: IndexBuilder,
    csv: csv::Writer<std::io::BufWriter<std::fs::File>>,
    partial: Vec<u8>,
    batch: Vec<String>,
    seq: i64,
    lines: usize,
    feeding: Duration,
}

const COLUMNS: [&str; 12] = [
    "seq",
    "customer",
    "ts_us",
    "type",
    "event",
    "touchpoint",
    "journey",
    "step",
    "run",
    "score_type",
    "score",
    "latent_persona",
];

impl Feed {
    fn new(builder: IndexBuilder, path: &Path) -> anyhow::Result<Feed> {
        let mut csv = csv::Writer::from_writer(std::io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(path)?,
        ));
        csv.write_record(COLUMNS)?;
        Ok(Feed {
            builder,
            csv,
            partial: Vec::new(),
            batch: Vec::with_capacity(BATCH),
            seq: 0,
            lines: 0,
            feeding: Duration::ZERO,
        })
    }

    fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        let text = std::str::from_utf8(line)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        if text.trim().is_empty() {
            return Ok(());
        }
        self.lines += 1;
        self.write_csv(text)?;
        self.batch.push(text.to_owned());
        if self.batch.len() == BATCH {
            self.feed_batch();
        }
        Ok(())
    }

    fn feed_batch(&mut self) {
        let start = Instant::now();
        for text in &self.batch {
            self.seq += 1;
            self.builder.push_text(self.seq, text);
        }
        self.feeding += start.elapsed();
        self.batch.clear();
    }

    /// One event's raw facts; the arrival number is the one the builder gets.
    fn write_csv(&mut self, text: &str) -> std::io::Result<()> {
        let v: Value = serde_json::from_str(text)?;
        let s = |v: &Value| match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => String::new(),
        };
        let customer = match v["userId"].as_str().filter(|s| !s.is_empty()) {
            Some(u) => u.to_owned(),
            None => s(&v["anonymousId"]),
        };
        let ts = v["timestamp"]
            .as_str()
            .and_then(|t| t.parse::<Timestamp>().ok())
            .map_or(String::new(), |t| t.as_microsecond().to_string());
        let p = &v["properties"];
        let seq = (self.lines as i64).to_string();
        let persona = if v["type"] == "identify" {
            s(&v["traits"]["latent_persona"])
        } else {
            String::new()
        };
        self.csv
            .write_record([
                seq,
                customer,
                ts,
                s(&v["type"]),
                s(&v["event"]),
                s(&p["touchpoint"]),
                s(&p["journey"]),
                s(&p["step"]),
                s(&p["run"]),
                s(&p["score_type"]),
                s(&p["score"]),
                persona,
            ])
            .map_err(std::io::Error::other)
    }

    /// Feeds what is left; returns the lines, the builder and the time spent feeding.
    fn end(mut self) -> anyhow::Result<(usize, IndexBuilder, Duration)> {
        if !self.partial.is_empty() {
            let rest = std::mem::take(&mut self.partial);
            self.line(&rest)?;
        }
        self.feed_batch();
        self.csv.flush()?;
        Ok((self.lines, self.builder, self.feeding))
    }
}

impl Write for Feed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            if self.partial.is_empty() {
                self.line(&rest[..i])?;
            } else {
                self.partial.extend_from_slice(&rest[..i]);
                let line = std::mem::take(&mut self.partial);
                self.line(&line)?;
            }
            rest = &rest[i + 1..];
        }
        self.partial.extend_from_slice(rest);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn agree_funnel(f: &observed::Funnel, d: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let runs = d["runs"].as_u64().unwrap_or(0);
    if f.runs != runs {
        out.push(format!(
            "runs: Stig {} (split by idle time and completion), DuckDB {runs} (the generator's `run`)",
            f.runs
        ));
    }
    let reached: Vec<u64> = d["reached"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    for (i, s) in f.steps.iter().enumerate() {
        let theirs = reached.get(i).copied().unwrap_or(0);
        if s.reached != theirs {
            out.push(format!(
                "step {} {}: reached Stig {}, DuckDB {theirs} ({:+})",
                i,
                s.step,
                s.reached,
                s.reached as i64 - theirs as i64
            ));
        }
    }
    out
}

fn agree_variants(v: &observed::Variants, d: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["cases", "distinct"] {
        let ours = if key == "cases" { v.cases } else { v.distinct };
        let theirs = d[key].as_u64().unwrap_or(0);
        if ours != theirs {
            out.push(format!("{key}: Stig {ours}, DuckDB {theirs}"));
        }
    }
    let top: Vec<(u64, Vec<String>)> = d["top"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| {
                    let path = t["path"]
                        .as_array()
                        .map(|p| {
                            p.iter()
                                .filter_map(|s| s.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default();
                    (t["count"].as_u64().unwrap_or(0), path)
                })
                .collect()
        })
        .unwrap_or_default();
    if top.len() != v.top.len() {
        out.push(format!(
            "top: Stig {} variants, DuckDB {}",
            v.top.len(),
            top.len()
        ));
    }
    for (i, (ours, theirs)) in v.top.iter().zip(&top).enumerate() {
        if ours.count != theirs.0 {
            out.push(format!(
                "#{}: count Stig {}, DuckDB {}",
                i + 1,
                ours.count,
                theirs.0
            ));
        }
    }
    // Paths: the same set among counts above the last one (ties there may be cut differently).
    let floor = v.top.last().map_or(0, |t| t.count);
    let ours: BTreeSet<(u64, &Vec<String>)> = v
        .top
        .iter()
        .filter(|t| t.count > floor)
        .map(|t| (t.count, &t.path))
        .collect();
    let theirs: BTreeSet<(u64, &Vec<String>)> = top
        .iter()
        .filter(|t| t.0 > floor)
        .map(|t| (t.0, &t.1))
        .collect();
    for (n, p) in ours.symmetric_difference(&theirs) {
        let side = if ours.contains(&(*n, p)) {
            "only Stig"
        } else {
            "only DuckDB"
        };
        out.push(format!(
            "{side}: {n} × {} events ({:?}…)",
            p.len(),
            p.first()
        ));
    }
    out
}

fn agree_nps(ix: &Index, t: &[scores::TouchpointScores], d: &Value) -> Vec<String> {
    const ALL: &str = "(all)";
    let mut ours: BTreeMap<(String, String), (u64, f64)> = BTreeMap::new();
    for s in t {
        ours.insert(
            (s.touchpoint.clone(), ALL.into()),
            (u64::from(s.all.n), s.all.value),
        );
        for (p, score) in s.by_persona.iter().enumerate() {
            if score.n > 0 {
                ours.insert(
                    (s.touchpoint.clone(), ix.personas[p].clone()),
                    (u64::from(score.n), score.value),
                );
            }
        }
    }
    let mut theirs: BTreeMap<(String, String), (u64, f64)> = BTreeMap::new();
    for cell in d.as_array().into_iter().flatten() {
        let tp = cell["touchpoint"].as_str().unwrap_or_default().to_owned();
        let persona = match cell["persona"].as_str() {
            Some(p) => p.to_owned(),
            None if cell["all"].as_bool() == Some(true) => ALL.into(),
            None => "(none)".into(),
        };
        if persona == "(none)" {
            continue; // Stig reports customers without a persona only in (all).
        }
        theirs.insert(
            (tp, persona),
            (
                cell["n"].as_u64().unwrap_or(0),
                cell["nps"].as_f64().unwrap_or(f64::NAN),
            ),
        );
    }
    let keys: BTreeSet<&(String, String)> = ours.keys().chain(theirs.keys()).collect();
    let mut out = Vec::new();
    for k in keys {
        match (ours.get(k), theirs.get(k)) {
            (Some(a), Some(b)) if a.0 == b.0 && (a.1 - b.1).abs() <= 1e-6 => {}
            (a, b) => out.push(format!(
                "{} × {}: Stig {}, DuckDB {}",
                k.0,
                k.1,
                a.map_or("-".into(), |(n, v)| format!("{v:.6} ({n} answers)")),
                b.map_or("-".into(), |(n, v)| format!("{v:.6} ({n} answers)")),
            )),
        }
    }
    out
}

fn agree_monthly(m: &[kpis::Month], d: &Value) -> Vec<String> {
    let ours: BTreeMap<&str, (u64, u64)> = m
        .iter()
        .filter(|r| r.acquired + r.churned > 0)
        .map(|r| {
            (
                r.month.as_str(),
                (u64::from(r.acquired), u64::from(r.churned)),
            )
        })
        .collect();
    let theirs: BTreeMap<&str, (u64, u64)> = d
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            Some((
                r["month"].as_str()?,
                (r["acquired"].as_u64()?, r["churned"].as_u64()?),
            ))
        })
        .filter(|(_, (a, c))| a + c > 0)
        .collect();
    let months: BTreeSet<&&str> = ours.keys().chain(theirs.keys()).collect();
    let mut out = Vec::new();
    for month in months {
        let a = ours.get(*month).copied().unwrap_or_default();
        let b = theirs.get(*month).copied().unwrap_or_default();
        if a != b {
            out.push(format!(
                "{month}: acquired Stig {} DuckDB {}, churned Stig {} DuckDB {}",
                a.0, b.0, a.1, b.1
            ));
        }
    }
    out
}
