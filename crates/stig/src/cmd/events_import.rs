//! `stig events import FILE --workspace WS`: bulk import of events from files (NDJSON, XES,
//! CSV with a mapping, survey exports), read with the `stig_pipeline::sources` readers, turned
//! into Segment events with deterministic messageIds and stored in chunks, one transaction
//! each, through [`Store::append_events`]. `stig bench ingest` measures this same path.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
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
use stig_pipeline::sources::csv::{CsvMapping, read_csv};
use stig_pipeline::sources::ndjson::read_ndjson;
use stig_pipeline::sources::survey::{
    ScoreKind, SurveyAnswer, SurveyMapping, SurveyQuestion, read_survey,
};
use stig_pipeline::sources::xes::read_xes;
use stig_pipeline::sources::{ImportReport, ImportedEvent, Rejected};
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
}

impl Imported {
    /// A reader's report as Segment events (see [`from_imported`]) and its rejected records.
    fn from_report(
        report: ImportReport<ImportedEvent>,
        received_at: Timestamp,
        ids: &mut MessageIds,
    ) -> Imported {
        Imported {
            events: report
                .records
                .into_iter()
                .map(|r| from_imported(r, received_at, ids))
                .collect(),
            rejected: report.rejected,
        }
    }
}

pub fn run(o: &Options) -> anyhow::Result<ExitCode> {
    let format = match o.format {
        Some(f) => f,
        None => guess_format(&o.file)?,
    };
    let rt = super::db::runtime()?;
    let store = rt.block_on(super::db::open(&o.db))?;
    // An unknown workspace is told before a large file is read.
    match rt.block_on(store.load_workspace(&o.workspace)) {
        Ok(_) => {}
        Err(StoreError::NotFound { .. }) => bail!(
            "there is no workspace `{}` in {} (import one with `stig import DIR`)",
            o.workspace,
            o.db.display()
        ),
        Err(e) => return Err(e.into()),
    }
    let started = Instant::now();
    let size = std::fs::metadata(&o.file)
        .with_context(|| format!("cannot read {}", o.file.display()))?
        .len();
    let bar = ProgressBar::new(size).with_style(
        ProgressStyle::with_template(
            "[{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta}) {msg}",
        )?
        .progress_chars("=> "),
    );
    let done = rt.block_on(import(
        &store,
        &o.workspace,
        &o.file,
        format,
        o.mapping.as_deref(),
        o.at.as_deref(),
        Some(&bar),
    ));
    bar.finish_and_clear();
    let Summary {
        read,
        outcome,
        rejected,
        cases,
        names,
    } = done?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "imported {} ({}) into workspace `{}` in {secs:.1} s",
        o.file.display(),
        format_name(format),
        o.workspace
    );
    println!("read:        {read}");
    println!("stored:      {}", outcome.stored);
    println!("duplicates:  {}", outcome.duplicates);
    println!("rejected:    {}", rejected.len());
    println!("cases:       {cases}");
    println!("event names: {names}");
    let shown = if o.verbose {
        rejected.len()
    } else {
        SHOWN_REJECTED
    };
    for r in rejected.iter().take(shown) {
        println!("{}: {}", r.line, r.reason);
    }
    if rejected.len() > shown {
        println!(
            "… and {} more rejected rows (--verbose lists them all)",
            rejected.len() - shown
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What an import did.
pub struct Summary {
    /// Records read: events made plus rows rejected.
    pub read: u64,
    pub outcome: AppendOutcome,
    pub rejected: Vec<Rejected>,
    /// Distinct userIds and event names among the events read.
    pub cases: usize,
    pub names: usize,
}

/// Imports `path` into workspace `ws`: a thread reads and converts (NDJSON in chunks of
/// [`CHUNK`] lines, so reading overlaps storing; the other formats whole), this task stores
/// [`CHUNK`] events per transaction. `bar` shows the bytes read and the events stored.
pub async fn import(
    store: &dyn Store,
    ws: &str,
    path: &Path,
    format: ImportFormat,
    mapping: Option<&Path>,
    at: Option<&str>,
    bar: Option<&ProgressBar>,
) -> anyhow::Result<Summary> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Imported>(2);
    let reader = {
        let (path, mapping) = (path.to_owned(), mapping.map(Path::to_owned));
        let at = at.map(str::to_owned);
        let bar = bar.cloned();
        std::thread::spawn(move || {
            read_file(
                &path,
                format,
                mapping.as_deref(),
                at.as_deref(),
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
        outcome: AppendOutcome::default(),
        rejected: Vec::new(),
        cases: 0,
        names: 0,
    };
    let (mut cases, mut names) = (HashSet::<String>::new(), HashSet::<String>::new());
    let mut failed = None;
    while let Some(part) = rx.recv().await {
        summary.read += (part.events.len() + part.rejected.len()) as u64;
        summary.rejected.extend(part.rejected);
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
    let mapping = match mapping {
        Some(p) => Some(
            toml::from_str::<MappingFile>(
                &std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read the mapping {}", p.display()))?,
            )
            .with_context(|| format!("the mapping {}", p.display()))?,
        ),
        None => None,
    };
    let received_at = Timestamp::now();
    let mut ids = MessageIds::default();
    let what = || format!("cannot import {}", path.display());
    match format {
        ImportFormat::Ndjson => {
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
        ImportFormat::Xes => {
            let report = read_xes(input, &mut on_bytes).with_context(what)?;
            sink(Imported::from_report(report, received_at, &mut ids))
        }
        ImportFormat::Csv => {
            let Some(m) = mapping else {
                bail!(
                    "a csv import needs --mapping FILE (its columns → event fields), or `--format survey` for a survey export (see `stig events import --help`)"
                );
            };
            let report = read_csv(input, &m.csv()?, &mut on_bytes).with_context(what)?;
            sink(Imported::from_report(report, received_at, &mut ids))
        }
        ImportFormat::Survey => {
            let stem = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = stem.split('.').next().unwrap_or_default().to_owned();
            let survey = match mapping {
                Some(m) => m.survey(&stem)?,
                None => SurveyMapping::sfo(&format!("{stem}-")),
            };
            let at = survey_time(at, &stem)?;
            let import = read_survey(input, &survey, &mut on_bytes).with_context(what)?;
            let events = import
                .report
                .records
                .into_iter()
                .map(|a| from_answer(a, at, received_at, &mut ids))
                .collect();
            sink(Imported {
                events,
                rejected: import.report.rejected,
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
    let detail = format!("{}/{}", a.touchpoint, a.kind.as_str());
    let message_id = ids.next(&a.respondent, NAME, at, &detail);
    let body = serde_json::json!({
        "type": "track",
        "messageId": message_id,
        "userId": a.respondent,
        "event": NAME,
        "timestamp": at.to_string(),
        "receivedAt": received_at.to_string(),
        "properties": {
            "touchpoint": a.touchpoint,
            "score_type": a.kind.as_str(),
            "score": i64::from(a.score),
        },
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

/// The mapping file (TOML): the csv keys, or the survey keys.
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
    #[serde(default)]
    respondent: Vec<String>,
    respondent_prefix: Option<String>,
    #[serde(default)]
    questions: Vec<QuestionFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    columns: Vec<String>,
    touchpoint: String,
    kind: String,
}

impl MappingFile {
    fn csv(&self) -> anyhow::Result<CsvMapping> {
        if self.timestamp.is_none() && self.date_parts.is_none() {
            bail!("the mapping needs `timestamp` (a column) or `date_parts`");
        }
        Ok(CsvMapping {
            case_id: self.case_id.clone().unwrap_or_default(),
            activity: self.activity.clone(),
            activity_constant: self.activity_constant.clone(),
            timestamp: self.timestamp.clone().unwrap_or_default(),
            timestamp_format: self.timestamp_format.clone(),
            date_parts: self.date_parts.clone().map(|[y, m, d]| (y, m, d)),
            attributes: self.attributes.clone(),
        })
    }

    fn survey(&self, stem: &str) -> anyhow::Result<SurveyMapping> {
        if self.respondent.is_empty() || self.questions.is_empty() {
            bail!("a survey mapping needs `respondent = [columns]` and `[[questions]]`");
        }
        let questions = self
            .questions
            .iter()
            .map(|q| {
                let kind = match q.kind.to_ascii_lowercase().as_str() {
                    "csat" => ScoreKind::Csat,
                    "nps" => ScoreKind::Nps,
                    other => bail!(
                        "question `{}`: kind `{other}` is not csat or nps",
                        q.touchpoint
                    ),
                };
                Ok(SurveyQuestion {
                    columns: q.columns.clone(),
                    touchpoint: q.touchpoint.clone(),
                    kind,
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
        })
    }
}
