//! `stig events import FILE --workspace WS`: bulk import of events from files (NDJSON, XES,
//! CSV with a mapping, survey exports), read with the `stig_pipeline::sources` readers, turned
//! into Segment events with deterministic messageIds and stored in chunks, one transaction
//! each, through [`Store::append_events`]. `stig bench ingest` measures this same path.
//!
//! Everything that can be told before storing is told before storing: an unknown workspace
//! (without creating a database file), a mapping that does not parse, names a column the file
//! lacks or a touchpoint or journey the workspace lacks.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Instant;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use stig_model::Workspace;
use stig_pipeline::sources::csv::{CsvMapping, read_csv};
use stig_pipeline::sources::ndjson::read_ndjson;
use stig_pipeline::sources::survey::{
    ScoreKind, SurveyAnswer, SurveyMapping, SurveyQuestion, read_survey,
};
use stig_pipeline::sources::xes::read_xes;
use stig_pipeline::sources::{Delimiter, ImportReport, ImportedEvent, Rejected, RowCounts};
use stig_store::{AppendOutcome, NewEvent, Store, StoreError};

use crate::cli::ImportFormat;

/// Events stored per transaction.
pub const CHUNK: usize = 20_000;
/// Rejected rows listed without `--verbose`.
const SHOWN_REJECTED: usize = 20;

pub struct Options {
    pub file: PathBuf,
    pub workspace: String,
    pub db: PathBuf,
    pub format: Option<ImportFormat>,
    pub mapping: Option<PathBuf>,
    pub at: Option<String>,
    pub verbose: bool,
}

/// A file read and turned into events to store.
pub struct Imported {
    pub events: Vec<NewEvent>,
    pub rejected: Vec<Rejected>,
    /// What became of the rows read.
    pub rows: RowCounts,
    /// Warnings for people (a mapped survey question whose column this file lacks).
    pub notes: Vec<String>,
}

impl Imported {
    /// A reader's report as Segment events (see [`from_imported`]) and its rejected records.
    fn from_report(
        report: ImportReport<ImportedEvent>,
        received_at: Timestamp,
        ids: &mut MessageIds,
    ) -> Imported {
        Imported {
            rows: report.row_counts(),
            events: report
                .records
                .into_iter()
                .map(|r| from_imported(r, received_at, ids))
                .collect(),
            rejected: report.rejected,
            notes: Vec::new(),
        }
    }
}

pub fn run(o: &Options) -> anyhow::Result<ExitCode> {
    let format = match o.format {
        Some(f) => f,
        None => guess_format(&o.file)?,
    };
    let size = std::fs::metadata(&o.file)
        .with_context(|| format!("cannot read {}", o.file.display()))?
        .len();
    let plan = Plan::new(&o.file, format, o.mapping.as_deref(), o.at.as_deref())?;
    // Opening creates the database: a wrong `--workspace` must not leave one behind.
    if !super::db::is_postgres(&o.db) && !o.db.exists() {
        bail!(
            "there is no workspace `{}`: the database {} does not exist (create it with `stig import DIR --db {}`)",
            o.workspace,
            o.db.display(),
            o.db.display()
        );
    }
    let rt = super::db::runtime()?;
    if super::db::is_postgres(&o.db) {
        let store = rt.block_on(super::db::open_any(&o.db))?;
        return run_open(o, &rt, &*store, format, size, plan);
    }
    let store = rt.block_on(super::db::open(&o.db))?;
    let done = run_open(o, &rt, &store, format, size, plan);
    // Closing checkpoints the WALs and removes their files, whatever the outcome.
    rt.block_on(store.close());
    done
}

fn run_open(
    o: &Options,
    rt: &tokio::runtime::Runtime,
    store: &dyn Store,
    format: ImportFormat,
    size: u64,
    plan: Plan,
) -> anyhow::Result<ExitCode> {
    // An unknown workspace, touchpoint or journey is told before a large file is read.
    let workspace = match rt.block_on(store.load_workspace(&o.workspace)) {
        Ok(ws) => ws.value,
        Err(StoreError::NotFound { .. }) => {
            let known: Vec<String> = rt
                .block_on(store.list_workspaces())?
                .into_iter()
                .map(|w| w.id)
                .collect();
            let hint =
                match stig_model::did_you_mean(&o.workspace, known.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if known.is_empty() => "it has none yet".to_owned(),
                    None => format!("it has {}", quoted_list(&known, "`", 12)),
                };
            bail!(
                "there is no workspace `{}` in {}; {hint} (import one with `stig import DIR`)",
                o.workspace,
                super::db::shown(&o.db)
            )
        }
        Err(e) => return Err(e.into()),
    };
    plan.check_references(&o.workspace, &workspace)?;
    let started = Instant::now();
    let bar = ProgressBar::new(size).with_style(
        ProgressStyle::with_template(
            "[{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta}) {msg}",
        )?
        .progress_chars("=> "),
    );
    let done = rt.block_on(import_planned(
        store,
        &o.workspace,
        &o.file,
        plan,
        Some(&bar),
    ));
    bar.finish_and_clear();
    let summary = done?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "imported {} ({}) into workspace `{}` in {secs:.1} s",
        o.file.display(),
        format_name(format),
        o.workspace
    );
    print!("{}", summary.table(format == ImportFormat::Survey));
    for note in &summary.notes {
        println!("warning: {note}");
    }
    let shown = if o.verbose {
        summary.rejected.len()
    } else {
        SHOWN_REJECTED
    };
    for r in summary.rejected.iter().take(shown) {
        println!("line {}: {}", r.line, r.reason);
    }
    if summary.rejected.len() > shown {
        println!(
            "… and {} more problems (--verbose lists them all)",
            summary.rejected.len() - shown
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `a, b, c` with each item in `quote`s; at most `max`, then how many more.
fn quoted_list(items: &[String], quote: &str, max: usize) -> String {
    let mut list: Vec<String> = items
        .iter()
        .take(max)
        .map(|i| format!("{quote}{i}{quote}"))
        .collect();
    if items.len() > max {
        list.push(format!("… ({} more)", items.len() - max));
    }
    list.join(", ")
}

/// What an import did.
pub struct Summary {
    /// Rows (lines, records, respondents) read.
    pub read: u64,
    /// What became of them.
    pub rows: RowCounts,
    pub outcome: AppendOutcome,
    /// The problems, each with its line: rows refused, and values refused in rows partly kept.
    pub rejected: Vec<Rejected>,
    /// Distinct userIds and event names among the events read.
    pub cases: usize,
    pub names: usize,
    /// Warnings for people.
    pub notes: Vec<String>,
}

impl Summary {
    /// The counters, one `label: value` a line. A survey's events are its answers, and its
    /// rows may have no answers at all.
    pub fn table(&self, survey: bool) -> String {
        let mut lines = vec![
            ("rows read", self.read),
            ("rows stored", self.rows.kept),
            ("rows partly stored", self.rows.partly_kept),
            ("rows refused", self.rows.refused),
        ];
        if survey {
            lines.push(("rows without answers", self.rows.empty));
            lines.push(("answers stored", self.outcome.stored));
        } else {
            lines.push(("events stored", self.outcome.stored));
        }
        lines.extend([
            ("duplicates", self.outcome.duplicates),
            ("customers", self.cases as u64),
            ("event names", self.names as u64),
            ("problems", self.rejected.len() as u64),
        ]);
        lines
            .into_iter()
            .map(|(label, n)| format!("{:<22}{n}\n", format!("{label}:")))
            .collect()
    }
}

/// Imports `path` into workspace `ws` (see [`import_planned`]), after checking that the
/// workspace exists and has every touchpoint and journey the mapping names.
pub async fn import(
    store: &dyn Store,
    ws: &str,
    path: &Path,
    format: ImportFormat,
    mapping: Option<&Path>,
    at: Option<&str>,
    bar: Option<&ProgressBar>,
) -> anyhow::Result<Summary> {
    let plan = Plan::new(path, format, mapping, at)?;
    let workspace = store.load_workspace(ws).await?.value;
    plan.check_references(ws, &workspace)?;
    import_planned(store, ws, path, plan, bar).await
}

/// Imports `path` into workspace `ws` as `plan` says: a thread reads and converts (NDJSON in
/// chunks of [`CHUNK`] lines, so reading overlaps storing; the other formats whole), this task
/// stores [`CHUNK`] events per transaction. `bar` shows the bytes read and the events stored.
async fn import_planned(
    store: &dyn Store,
    ws: &str,
    path: &Path,
    plan: Plan,
    bar: Option<&ProgressBar>,
) -> anyhow::Result<Summary> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Imported>(2);
    let reader = {
        let path = path.to_owned();
        let bar = bar.cloned();
        std::thread::spawn(move || {
            read_planned(
                &path,
                &plan,
                &mut |bytes| {
                    if let Some(bar) = &bar {
                        bar.set_position(bytes);
                    }
                },
                &mut |part| {
                    tx.blocking_send(part)
                        .map_err(|_| anyhow::anyhow!("the import stopped"))
                },
            )
        })
    };
    let mut summary = Summary {
        read: 0,
        rows: RowCounts::default(),
        outcome: AppendOutcome::default(),
        rejected: Vec::new(),
        cases: 0,
        names: 0,
        notes: Vec::new(),
    };
    let (mut cases, mut names) = (HashSet::<String>::new(), HashSet::<String>::new());
    let mut failed = None;
    while let Some(part) = rx.recv().await {
        summary.read += part.rows.read();
        summary.rows.add(part.rows);
        summary.rejected.extend(part.rejected);
        summary.notes.extend(part.notes);
        for e in &part.events {
            for (set, value) in [(&mut cases, &e.user_id), (&mut names, &e.event)] {
                if let Some(v) = value
                    && !set.contains(v)
                {
                    set.insert(v.clone());
                }
            }
        }
        match store_events(store, ws, &part.events, CHUNK, &mut |_| {}).await {
            Ok(done) => {
                summary.outcome.stored += done.stored;
                summary.outcome.duplicates += done.duplicates;
            }
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
        if let Some(bar) = bar {
            bar.set_message(format!(
                "{} events stored",
                summary.outcome.stored + summary.outcome.duplicates
            ));
        }
    }
    drop(rx);
    let read = reader
        .join()
        .map_err(|_| anyhow::anyhow!("the reader panicked"))?;
    if let Some(e) = failed {
        return Err(e);
    }
    read?;
    summary.cases = cases.len();
    summary.names = names.len();
    Ok(summary)
}

fn format_name(f: ImportFormat) -> &'static str {
    match f {
        ImportFormat::Ndjson => "ndjson",
        ImportFormat::Csv => "csv",
        ImportFormat::Xes => "xes",
        ImportFormat::Survey => "survey",
    }
}

fn guess_format(path: &Path) -> anyhow::Result<ImportFormat> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    Ok(match ext {
        "ndjson" | "jsonl" | "json" => ImportFormat::Ndjson,
        "xes" => ImportFormat::Xes,
        "csv" | "tsv" | "txt" => ImportFormat::Csv,
        _ => bail!(
            "cannot tell the format of {} from its extension: pass --format",
            path.display()
        ),
    })
}

/// How a file is to be read: its format and, for csv and survey, the mapping, read and checked
/// before anything is stored.
pub enum Plan {
    Ndjson,
    Xes,
    Csv(CsvMapping),
    Survey {
        mapping: SurveyMapping,
        /// When the answers were given.
        at: Timestamp,
        /// The mapping is the built-in one for the SFO airport surveys.
        built_in: bool,
    },
}

impl Plan {
    /// Reads the mapping file (if any) for `format` and checks it.
    pub fn new(
        path: &Path,
        format: ImportFormat,
        mapping: Option<&Path>,
        at: Option<&str>,
    ) -> anyhow::Result<Plan> {
        let file = match mapping {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read the mapping {}", p.display()))?;
                let mut file = toml::from_str::<MappingFile>(&text)
                    .with_context(|| format!("the mapping {}", p.display()))?;
                file.tsv = is_tsv(path);
                Some(file)
            }
            None => None,
        };
        let in_mapping = |e: anyhow::Error| match mapping {
            Some(p) => e.context(format!("the mapping {}", p.display())),
            None => e,
        };
        Ok(match format {
            ImportFormat::Ndjson => Plan::Ndjson,
            ImportFormat::Xes => Plan::Xes,
            ImportFormat::Csv => {
                let Some(m) = file else {
                    bail!(
                        "a csv import needs --mapping FILE (its columns → event fields), or `--format survey` for a survey export (see `stig events import --help`)"
                    );
                };
                Plan::Csv(m.csv().map_err(in_mapping)?)
            }
            ImportFormat::Survey => {
                let stem = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let stem = stem.split('.').next().unwrap_or_default().to_owned();
                let (mapping, built_in) = match file {
                    Some(m) => (m.survey(&stem).map_err(in_mapping)?, false),
                    None => (SurveyMapping::sfo(&format!("{stem}-")), true),
                };
                Plan::Survey {
                    mapping,
                    at: survey_time(at, &stem)?,
                    built_in,
                }
            }
        })
    }

    /// Every touchpoint and journey the mapping names must be in `workspace`: answers about
    /// one it lacks would be stored and then shown nowhere.
    pub fn check_references(&self, ws: &str, workspace: &Workspace) -> anyhow::Result<()> {
        let Plan::Survey {
            mapping, built_in, ..
        } = self
        else {
            return Ok(());
        };
        let touchpoints: Vec<String> = workspace.touchpoints.iter().map(|t| t.id.clone()).collect();
        let journeys: Vec<String> = workspace.journeys.iter().map(|j| j.id.clone()).collect();
        let mut problems = Vec::new();
        let mut unsuggested = Vec::new();
        let mut seen = HashSet::new();
        for q in &mapping.questions {
            let named = [
                (
                    "touchpoint",
                    Some(&q.touchpoint).filter(|t| !t.is_empty()),
                    &touchpoints,
                ),
                ("journey", q.journey.as_ref(), &journeys),
            ];
            for (what, id, known) in named {
                if let Some(id) = id
                    && !known.contains(id)
                    && seen.insert((what, id.clone()))
                {
                    let mut line = format!("{what} {id:?} is not in workspace {ws}");
                    match stig_model::did_you_mean(id, known.iter().map(String::as_str)) {
                        Some(s) => line.push_str(&format!("; did you mean {s:?}?")),
                        None if !unsuggested.contains(&what) => unsuggested.push(what),
                        None => {}
                    }
                    problems.push(line);
                }
            }
        }
        if problems.is_empty() {
            return Ok(());
        }
        // The workspace's ids, once, for the names nothing close was found for.
        for what in unsuggested {
            let known = if what == "touchpoint" {
                &touchpoints
            } else {
                &journeys
            };
            problems.push(if known.is_empty() {
                format!("workspace {ws} has no {what}s")
            } else {
                format!(
                    "workspace {ws} has the {what}s {}",
                    quoted_list(known, "\"", 60)
                )
            });
        }
        problems.push(if *built_in {
            "(the built-in mapping for the SFO airport surveys names these: import into a workspace that has them, such as examples/sfo-airport, or pass --mapping FILE)".to_owned()
        } else {
            "(correct the mapping; nothing was imported)".to_owned()
        });
        bail!("{}", problems.join("\n"))
    }
}

/// Whether the file is tab-separated by its name (`.tsv`, `.tsv.gz`).
fn is_tsv(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".tsv") || name.ends_with(".tsv.gz")
}

/// Reads `path` (gzip if it ends in `.gz`) in `format`, turns its records into events and
/// hands them to `sink` (NDJSON in parts of [`CHUNK`] lines, the other formats whole).
/// `progress` gets the bytes of the file read so far (compressed bytes for `.gz`).
pub fn read_file(
    path: &Path,
    format: ImportFormat,
    mapping: Option<&Path>,
    at: Option<&str>,
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Imported) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let plan = Plan::new(path, format, mapping, at)?;
    read_planned(path, &plan, progress, sink)
}

fn read_planned(
    path: &Path,
    plan: &Plan,
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Imported) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let raw = Rc::new(Cell::new(0u64));
    let mut on_bytes = |decompressed: u64| progress(if gz { raw.get() } else { decompressed });
    let mut input: Box<dyn BufRead> = if gz {
        let counted = Counted {
            inner: file,
            count: raw.clone(),
        };
        Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::bufread::MultiGzDecoder::new(BufReader::with_capacity(256 * 1024, counted)),
        ))
    } else {
        Box::new(BufReader::with_capacity(256 * 1024, file))
    };
    let received_at = Timestamp::now();
    let mut ids = MessageIds::default();
    let what = || format!("cannot import {}", path.display());
    match plan {
        Plan::Ndjson => {
            // Parts of CHUNK lines, each read by the NDJSON reader, line numbers shifted.
            let (mut lines, mut bytes) = (0usize, 0u64);
            let mut block = Vec::with_capacity(8 << 20);
            loop {
                block.clear();
                let mut n = 0;
                while n < CHUNK {
                    let got = input.read_until(b'\n', &mut block).with_context(what)?;
                    if got == 0 {
                        break;
                    }
                    bytes += got as u64;
                    n += 1;
                }
                if n == 0 {
                    break;
                }
                let report = read_ndjson(&block[..], &mut |_| {}).with_context(what)?;
                on_bytes(bytes);
                let mut part = Imported::from_report(report, received_at, &mut ids);
                for r in &mut part.rejected {
                    r.line += lines;
                }
                lines += n;
                sink(part)?;
            }
            Ok(())
        }
        Plan::Xes => {
            let report = read_xes(input, &mut on_bytes).with_context(what)?;
            sink(Imported::from_report(report, received_at, &mut ids))
        }
        Plan::Csv(mapping) => {
            let report = read_csv(input, mapping, &mut on_bytes).with_context(what)?;
            sink(Imported::from_report(report, received_at, &mut ids))
        }
        Plan::Survey { mapping, at, .. } => {
            let import = read_survey(input, mapping, &mut on_bytes).with_context(what)?;
            let events = import
                .report
                .records
                .into_iter()
                .map(|a| from_answer(a, *at, received_at, &mut ids))
                .collect();
            sink(Imported {
                events,
                rejected: import.report.rejected,
                rows: import.counts,
                notes: import.missing_columns,
            })
        }
    }
}

/// Stores `events` in chunks of `chunk`, one transaction each; `progress` gets the number of
/// events stored (or skipped as duplicates) so far.
pub async fn store_events(
    store: &dyn Store,
    ws: &str,
    events: &[NewEvent],
    chunk: usize,
    progress: &mut dyn FnMut(u64),
) -> anyhow::Result<AppendOutcome> {
    let mut outcome = AppendOutcome::default();
    for part in events.chunks(chunk.max(1)) {
        let done = store.append_events(ws, part).await?;
        outcome.stored += done.stored;
        outcome.duplicates += done.duplicates;
        progress(outcome.stored + outcome.duplicates);
    }
    Ok(outcome)
}

/// When survey answers were given: `--at`, else January 1st of a year in the file name.
fn survey_time(at: Option<&str>, stem: &str) -> anyhow::Result<Timestamp> {
    if let Some(at) = at {
        return stig_pipeline::sources::parse_timestamp(at)
            .map_err(|e| anyhow::anyhow!("--at `{at}`: {e}"));
    }
    let bytes = stem.as_bytes();
    for i in 0..bytes.len().saturating_sub(3) {
        let year = &stem[i..i + 4];
        let alone = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if alone
            && year.bytes().all(|b| b.is_ascii_digit())
            && (year.starts_with("19") || year.starts_with("20"))
        {
            return Ok(format!("{year}-01-01T00:00:00Z").parse()?);
        }
    }
    bail!("survey answers need a time: pass --at DATE (no year in the file name `{stem}`)")
}

/// Deterministic messageIds: a hash of what the event says, plus how many identical events
/// came before it in the file, so the same file always gives the same ids.
#[derive(Default)]
struct MessageIds {
    seen: HashMap<[u8; 16], u32>,
}

impl MessageIds {
    fn next(&mut self, case: &str, activity: &str, at: Timestamp, detail: &str) -> String {
        let mut h = Sha256::new();
        for part in [case, activity, &at.to_string(), detail] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        let first: [u8; 16] = h.finalize()[..16].try_into().expect("16 bytes");
        let n = self.seen.entry(first).or_insert(0);
        let mut id = first;
        if *n > 0 {
            let mut h = Sha256::new();
            h.update(first);
            h.update(n.to_le_bytes());
            id = h.finalize()[..16].try_into().expect("16 bytes");
        }
        *n += 1;
        let mut text = String::with_capacity(39);
        text.push_str("import-");
        for b in id {
            text.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            text.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        text
    }
}

/// An imported record as a Segment event. NDJSON records keep their type, messageId and ids
/// (`segment:*` attributes); the rest become track events.
fn from_imported(r: ImportedEvent, received_at: Timestamp, ids: &mut MessageIds) -> NewEvent {
    let ImportedEvent {
        case_id,
        activity,
        timestamp,
        mut attributes,
    } = r;
    let mut take = |k: &str| match attributes.remove(k) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let kind = take("segment:type").unwrap_or_else(|| "track".to_owned());
    let message_id = take("segment:messageId");
    let anonymous_id = take("segment:anonymousId");
    let name = take("segment:name");
    let group_id = take("segment:groupId");
    let previous_id = take("segment:previousId");
    let context = attributes.remove("segment:context");
    let message_id = message_id.unwrap_or_else(|| ids.next(&case_id, &activity, timestamp, &kind));
    let payload: Map<String, Value> = attributes.into_iter().collect();
    let mut body = Map::new();
    body.insert("type".into(), kind.clone().into());
    body.insert("messageId".into(), message_id.clone().into());
    if let Some(a) = &anonymous_id {
        body.insert("anonymousId".into(), a.clone().into());
    }
    body.insert("userId".into(), case_id.clone().into());
    let event = (kind == "track").then_some(activity);
    if let Some(e) = &event {
        body.insert("event".into(), e.clone().into());
    }
    for (k, v) in [
        ("name", name),
        ("groupId", group_id),
        ("previousId", previous_id),
    ] {
        if let Some(v) = v {
            body.insert(k.into(), v.into());
        }
    }
    body.insert("timestamp".into(), timestamp.to_string().into());
    body.insert("receivedAt".into(), received_at.to_string().into());
    if let Some(c) = context {
        body.insert("context".into(), c);
    }
    if !payload.is_empty() {
        let key = if matches!(kind.as_str(), "identify" | "group") {
            "traits"
        } else {
            "properties"
        };
        body.insert(key.into(), Value::Object(payload));
    }
    NewEvent {
        message_id,
        kind,
        user_id: Some(case_id),
        anonymous_id,
        event,
        timestamp,
        received_at,
        body: Value::Object(body),
        source: None,
    }
}

/// A survey answer as the "Feedback Submitted" track event the generator and the customer
/// stages use (`touchpoint`, `score_type`, `score`).
fn from_answer(
    a: SurveyAnswer,
    at: Timestamp,
    received_at: Timestamp,
    ids: &mut MessageIds,
) -> NewEvent {
    const NAME: &str = "Feedback Submitted";
    let mut detail = format!("{}/{}", a.touchpoint, a.kind.as_str());
    if let Some(j) = &a.journey {
        detail.push('/');
        detail.push_str(j);
    }
    let message_id = ids.next(&a.respondent, NAME, at, &detail);
    let mut properties = Map::new();
    if !a.touchpoint.is_empty() {
        properties.insert("touchpoint".into(), a.touchpoint.into());
    }
    if let Some(j) = a.journey {
        properties.insert("journey".into(), j.into());
    }
    properties.insert("score_type".into(), a.kind.as_str().into());
    properties.insert("score".into(), i64::from(a.score).into());
    let body = serde_json::json!({
        "type": "track",
        "messageId": message_id,
        "userId": a.respondent,
        "event": NAME,
        "timestamp": at.to_string(),
        "receivedAt": received_at.to_string(),
        "properties": properties,
    });
    NewEvent {
        message_id,
        kind: "track".to_owned(),
        user_id: Some(a.respondent),
        anonymous_id: None,
        event: Some(NAME.to_owned()),
        timestamp: at,
        received_at,
        body,
        source: None,
    }
}

/// A reader that counts the bytes read through it (the compressed bytes of a `.gz` file).
struct Counted<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// The mapping file (TOML): the csv keys, or the survey keys, and the layout keys both share
/// (`delimiter`, `columns`). docs/mappings/README.md describes them.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    case_id: Option<String>,
    activity: Option<String>,
    activity_constant: Option<String>,
    timestamp: Option<String>,
    timestamp_format: Option<String>,
    date_parts: Option<[String; 3]>,
    #[serde(default)]
    attributes: Vec<String>,
    delimiter: Option<String>,
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default)]
    respondent: Vec<String>,
    respondent_prefix: Option<String>,
    journey: Option<String>,
    #[serde(default)]
    questions: Vec<QuestionFile>,
    /// Set from the data file's name, not the mapping: `.tsv` files default to tabs.
    #[serde(skip)]
    tsv: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    columns: Vec<String>,
    touchpoint: Option<String>,
    journey: Option<String>,
    kind: String,
    #[serde(default)]
    values: BTreeMap<String, MappedValue>,
}

/// What a categorical answer means: a score, or `"no answer"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum MappedValue {
    Score(i64),
    Word(String),
}

impl MappingFile {
    fn delimiter(&self) -> anyhow::Result<Delimiter> {
        match &self.delimiter {
            Some(d) => Delimiter::parse(d).map_err(|e| anyhow::anyhow!("`delimiter`: {e}")),
            None if self.tsv => Ok(Delimiter::Byte(b'\t')),
            None => Ok(Delimiter::default()),
        }
    }

    fn csv(&self) -> anyhow::Result<CsvMapping> {
        if self.timestamp.is_none() && self.date_parts.is_none() {
            bail!("the mapping needs `timestamp` (a column) or `date_parts`");
        }
        if self.activity.is_none() && self.activity_constant.is_none() {
            bail!("the mapping needs `activity` (a column) or `activity_constant` (one name)");
        }
        Ok(CsvMapping {
            case_id: self.case_id.clone().unwrap_or_default(),
            activity: self.activity.clone(),
            activity_constant: self.activity_constant.clone(),
            timestamp: self.timestamp.clone().unwrap_or_default(),
            timestamp_format: self.timestamp_format.clone(),
            date_parts: self.date_parts.clone().map(|[y, m, d]| (y, m, d)),
            attributes: self.attributes.clone(),
            delimiter: self.delimiter()?,
            columns: self.columns.clone(),
        })
    }

    fn survey(&self, stem: &str) -> anyhow::Result<SurveyMapping> {
        if self.respondent.is_empty() || self.questions.is_empty() {
            bail!("a survey mapping needs `respondent = [columns]` and `[[questions]]`");
        }
        let questions = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let name = format!(
                    "question {} ({})",
                    i + 1,
                    q.columns.first().map(String::as_str).unwrap_or("no columns")
                );
                if q.columns.is_empty() {
                    bail!("{name}: `columns` is empty");
                }
                let kind = match q.kind.to_ascii_lowercase().as_str() {
                    "csat" => ScoreKind::Csat,
                    "nps" => ScoreKind::Nps,
                    other => bail!("{name}: kind `{other}` is not csat or nps"),
                };
                let journey = q.journey.clone().or_else(|| self.journey.clone());
                let touchpoint = q.touchpoint.clone().unwrap_or_default();
                if touchpoint.is_empty() && journey.is_none() {
                    bail!("{name}: needs a `touchpoint` (or a `journey`, for a question about a whole journey)");
                }
                let (lo, hi) = match kind {
                    ScoreKind::Csat => (1, 5),
                    ScoreKind::Nps => (0, 10),
                };
                let values = q
                    .values
                    .iter()
                    .map(|(text, value)| {
                        let score = match value {
                            MappedValue::Score(n) if (lo..=hi).contains(n) => Some(*n as u8),
                            MappedValue::Score(n) => bail!(
                                "{name}: value {text:?} = {n} is outside the {} scale {lo}–{hi}",
                                q.kind
                            ),
                            MappedValue::Word(w) if w.eq_ignore_ascii_case("no answer") => None,
                            MappedValue::Word(w) => bail!(
                                "{name}: value {text:?} = {w:?}: give a score ({lo}–{hi}) or \"no answer\""
                            ),
                        };
                        Ok((text.trim().to_owned(), score))
                    })
                    .collect::<anyhow::Result<_>>()?;
                Ok(SurveyQuestion {
                    columns: q.columns.clone(),
                    touchpoint,
                    kind,
                    journey,
                    values,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(SurveyMapping {
            respondent: self.respondent.clone(),
            respondent_prefix: self
                .respondent_prefix
                .clone()
                .unwrap_or_else(|| format!("{stem}-")),
            questions,
            delimiter: self.delimiter()?,
            columns: self.columns.clone(),
        })
    }
}
