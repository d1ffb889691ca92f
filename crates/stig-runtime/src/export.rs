//! Data out: a workspace's stored events and its customers as NDJSON, CSV or Parquet, for
//! `stig events export`, `stig customers export` and the REST API alike.
//!
//! Everything is written while it is read: events a page at a time from an [`EventStream`],
//! customers one at a time from the live [`Index`], Parquet in row groups of at most
//! [`ROW_GROUP_ROWS`] rows (or [`ROW_GROUP_BYTES`] of buffered values), so an export of
//! millions of events holds one page and one row group in memory.
//!
//! - **NDJSON**: an event is its Segment JSON exactly as stored, one a line; a customer is a
//!   [`CustomerDoc`] with its runs, lifecycle and answers nested.
//! - **CSV** (RFC 4180: `,`, CRLF, fields quoted when they must be, `""` inside): fixed
//!   columns ([`EVENT_COLUMNS`], [`CUSTOMER_COLUMNS`]) with a header row; objects and lists
//!   (properties, traits, context, runs…) as compact JSON text.
//! - **Parquet**: the same columns, typed: sequence numbers and counts INT64, times
//!   INT64 TIMESTAMP(MICROS, UTC), everything else UTF-8 strings; Snappy-compressed. Stored
//!   times may carry nanoseconds (the receiving clock's); Parquet keeps microseconds,
//!   truncated, as DuckDB and Python's `datetime` read the NDJSON's times.

use std::io::Write;
use std::sync::Arc;

use jiff::Timestamp;
use parquet::basic::{Compression, LogicalType, Repetition, TimeUnit, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use stig_insight::Index;
use stig_insight::index::Change;
use stig_store::{Store, StoreError};

use crate::EventStream;

/// Rows of a Parquet row group, at most.
pub const ROW_GROUP_ROWS: usize = 65_536;
/// Bytes of buffered values after which a Parquet row group is written even if it has fewer
/// rows (events with large contexts).
pub const ROW_GROUP_BYTES: usize = 64 << 20;

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Ndjson,
    Csv,
    Parquet,
}

impl Format {
    /// `ndjson` (or `jsonl`), `csv` or `parquet`.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "ndjson" | "jsonl" => Some(Format::Ndjson),
            "csv" => Some(Format::Csv),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }

    /// The format a file name says (`.ndjson`, `.jsonl`, `.csv`, `.parquet`).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        Format::parse(path.extension()?.to_str()?)
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Ndjson => "application/x-ndjson",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Parquet => "application/vnd.apache.parquet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write the Parquet file: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("stored event {seq} is not a JSON object: {why}")]
    Corrupt { seq: i64, why: String },
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// INT64.
    Int,
    /// UTF-8 text (JSON text for objects and lists).
    Text,
    /// A time: RFC 3339 in CSV, TIMESTAMP(MICROS, UTC) in Parquet.
    Time,
}

/// The columns of an event in CSV and Parquet, in order.
pub const EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("seq", Kind::Int),
    ("message_id", Kind::Text),
    ("type", Kind::Text),
    ("event", Kind::Text),
    ("name", Kind::Text),
    ("user_id", Kind::Text),
    ("anonymous_id", Kind::Text),
    ("timestamp", Kind::Time),
    ("received_at", Kind::Time),
    ("properties", Kind::Text),
    ("traits", Kind::Text),
    ("context", Kind::Text),
];

/// The columns of a customer in CSV and Parquet, in order.
pub const CUSTOMER_COLUMNS: &[(&str, Kind)] = &[
    ("id", Kind::Text),
    ("name", Kind::Text),
    ("status", Kind::Text),
    ("persona", Kind::Text),
    ("channel", Kind::Text),
    ("first_seen", Kind::Time),
    ("last_seen", Kind::Time),
    ("events", Kind::Int),
    ("answers", Kind::Int),
    ("run_count", Kind::Int),
    ("user_ids", Kind::Text),
    ("anonymous_ids", Kind::Text),
    ("traits", Kind::Text),
    ("lifecycle", Kind::Text),
    ("runs", Kind::Text),
    ("feedback", Kind::Text),
];

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
    Time(Timestamp),
}

// ---- tables: CSV and Parquet ---------------------------------------------------------

/// Rows of fixed columns written as CSV or Parquet.
struct Table<W: Write + Send> {
    columns: &'static [(&'static str, Kind)],
    out: TableOut<W>,
}

enum TableOut<W: Write + Send> {
    Csv(Box<csv::Writer<W>>),
    Parquet(Box<ParquetTable<W>>),
}

struct ParquetTable<W: Write + Send> {
    file: SerializedFileWriter<W>,
    buffers: Vec<Buffer>,
    rows: usize,
    bytes: usize,
}

/// A column's values of the row group being gathered, with definition levels (0: null).
enum Buffer {
    Int {
        values: Vec<i64>,
        defs: Vec<i16>,
    },
    Text {
        values: Vec<ByteArray>,
        defs: Vec<i16>,
    },
}

impl<W: Write + Send> Table<W> {
    /// CSV, or (`parquet`) Parquet.
    fn new(
        columns: &'static [(&'static str, Kind)],
        parquet: bool,
        out: W,
    ) -> Result<Self, ExportError> {
        let out = if parquet {
            TableOut::Parquet(Box::new(ParquetTable::new(columns, out)?))
        } else {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out);
            w.write_record(columns.iter().map(|(name, _)| *name))?;
            TableOut::Csv(Box::new(w))
        };
        Ok(Table { columns, out })
    }

    fn row(&mut self, cells: Vec<Cell>) -> Result<(), ExportError> {
        debug_assert_eq!(cells.len(), self.columns.len());
        match &mut self.out {
            TableOut::Csv(w) => {
                for cell in &cells {
                    match cell {
                        Cell::Null => w.write_field("")?,
                        Cell::Int(n) => w.write_field(n.to_string())?,
                        Cell::Text(s) => w.write_field(s)?,
                        Cell::Time(t) => w.write_field(t.to_string())?,
                    }
                }
                w.write_record(None::<&[u8]>)?;
            }
            TableOut::Parquet(p) => p.row(cells)?,
        }
        Ok(())
    }

    fn finish(self) -> Result<W, ExportError> {
        match self.out {
            TableOut::Csv(w) => w
                .into_inner()
                .map_err(|e| ExportError::Io(std::io::Error::other(e.to_string()))),
            TableOut::Parquet(p) => p.finish(),
        }
    }
}

impl<W: Write + Send> ParquetTable<W> {
    fn new(columns: &[(&str, Kind)], out: W) -> Result<Self, ExportError> {
        let fields = columns
            .iter()
            .map(|&(name, kind)| {
                let (physical, logical) = match kind {
                    Kind::Int => (Physical::INT64, None),
                    Kind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    Kind::Time => (
                        Physical::INT64,
                        Some(LogicalType::timestamp(true, TimeUnit::MICROS)),
                    ),
                };
                Type::primitive_type_builder(name, physical)
                    .with_repetition(Repetition::OPTIONAL)
                    .with_logical_type(logical)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let schema = Type::group_type_builder("stig")
            .with_fields(fields)
            .build()?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(format!("stig {}", env!("CARGO_PKG_VERSION")))
            .build();
        let file = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props))?;
        let buffers = columns
            .iter()
            .map(|&(_, kind)| match kind {
                Kind::Int | Kind::Time => Buffer::Int {
                    values: Vec::new(),
                    defs: Vec::new(),
                },
                Kind::Text => Buffer::Text {
                    values: Vec::new(),
                    defs: Vec::new(),
                },
            })
            .collect();
        Ok(ParquetTable {
            file,
            buffers,
            rows: 0,
            bytes: 0,
        })
    }

    fn row(&mut self, cells: Vec<Cell>) -> Result<(), ExportError> {
        let width = cells.len();
        for (buffer, cell) in self.buffers.iter_mut().zip(cells) {
            match (buffer, cell) {
                (Buffer::Int { values, defs }, Cell::Int(n)) => {
                    values.push(n);
                    defs.push(1);
                }
                (Buffer::Int { values, defs }, Cell::Time(t)) => {
                    values.push(t.as_microsecond());
                    defs.push(1);
                }
                (Buffer::Text { values, defs }, Cell::Text(s)) => {
                    self.bytes += s.len();
                    values.push(ByteArray::from(s.into_bytes()));
                    defs.push(1);
                }
                (Buffer::Int { defs, .. } | Buffer::Text { defs, .. }, _) => defs.push(0),
            }
        }
        self.rows += 1;
        self.bytes += 8 * width;
        if self.rows >= ROW_GROUP_ROWS || self.bytes >= ROW_GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the gathered rows as one row group.
    fn flush(&mut self) -> Result<(), ExportError> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.file.next_row_group()?;
        for buffer in &mut self.buffers {
            let Some(mut column) = group.next_column()? else {
                break;
            };
            match buffer {
                Buffer::Int { values, defs } => {
                    column
                        .typed::<Int64Type>()
                        .write_batch(values, Some(defs), None)?;
                    values.clear();
                    defs.clear();
                }
                Buffer::Text { values, defs } => {
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(values, Some(defs), None)?;
                    values.clear();
                    defs.clear();
                }
            }
            column.close()?;
        }
        group.close()?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<W, ExportError> {
        self.flush()?;
        Ok(self.file.into_inner()?)
    }
}

// ---- events --------------------------------------------------------------------------

/// Writes stored events, one at a time, in one format.
pub struct EventWriter<W: Write + Send> {
    out: Out<W>,
    count: u64,
}

enum Out<W: Write + Send> {
    Ndjson(std::io::BufWriter<W>),
    Table(Table<W>),
}

impl<W: Write + Send> Out<W> {
    /// NDJSON lines, or a CSV or Parquet table of `columns`.
    fn new(
        format: Format,
        columns: &'static [(&'static str, Kind)],
        out: W,
    ) -> Result<Self, ExportError> {
        Ok(match format {
            Format::Ndjson => Out::Ndjson(std::io::BufWriter::with_capacity(1 << 16, out)),
            _ => Out::Table(Table::new(columns, format == Format::Parquet, out)?),
        })
    }

    fn finish(self) -> Result<W, ExportError> {
        match self {
            Out::Ndjson(w) => w
                .into_inner()
                .map_err(|e| ExportError::Io(std::io::Error::other(e.to_string()))),
            Out::Table(t) => t.finish(),
        }
    }
}

/// The parts of a stored event a table shows; the rest stays in the NDJSON.
#[derive(Deserialize)]
struct Parts<'a> {
    #[serde(rename = "messageId", borrow)]
    message_id: Option<&'a RawValue>,
    #[serde(rename = "type", borrow)]
    kind: Option<&'a RawValue>,
    #[serde(borrow)]
    event: Option<&'a RawValue>,
    #[serde(borrow)]
    name: Option<&'a RawValue>,
    #[serde(rename = "userId", borrow)]
    user_id: Option<&'a RawValue>,
    #[serde(rename = "anonymousId", borrow)]
    anonymous_id: Option<&'a RawValue>,
    #[serde(borrow)]
    timestamp: Option<&'a RawValue>,
    #[serde(rename = "receivedAt", borrow)]
    received_at: Option<&'a RawValue>,
    #[serde(borrow)]
    properties: Option<&'a RawValue>,
    #[serde(borrow)]
    traits: Option<&'a RawValue>,
    #[serde(borrow)]
    context: Option<&'a RawValue>,
}

/// A JSON string's text, a number's or a boolean's as written; `None` for null or absent.
fn text(raw: Option<&RawValue>) -> Cell {
    let Some(raw) = raw.map(RawValue::get) else {
        return Cell::Null;
    };
    if raw.starts_with('"') {
        serde_json::from_str::<String>(raw).map_or(Cell::Null, Cell::Text)
    } else if raw == "null" || raw.starts_with(['{', '[']) {
        Cell::Null
    } else {
        Cell::Text(raw.to_owned())
    }
}

/// An object or list as its JSON text.
fn json_text(raw: Option<&RawValue>) -> Cell {
    match raw.map(RawValue::get) {
        None | Some("null") => Cell::Null,
        Some(raw) => Cell::Text(raw.to_owned()),
    }
}

fn time(raw: Option<&RawValue>) -> Cell {
    match text(raw) {
        Cell::Text(t) => t.parse().map_or(Cell::Null, Cell::Time),
        _ => Cell::Null,
    }
}

/// An event's row of [`EVENT_COLUMNS`].
pub fn event_cells(seq: i64, json: &str) -> Result<Vec<Cell>, ExportError> {
    let p: Parts = serde_json::from_str(json).map_err(|e| ExportError::Corrupt {
        seq,
        why: e.to_string(),
    })?;
    Ok(vec![
        Cell::Int(seq),
        text(p.message_id),
        text(p.kind),
        text(p.event),
        text(p.name),
        text(p.user_id),
        text(p.anonymous_id),
        time(p.timestamp),
        time(p.received_at),
        json_text(p.properties),
        json_text(p.traits),
        json_text(p.context),
    ])
}

impl<W: Write + Send> EventWriter<W> {
    /// Starts an export (for CSV, its header; for Parquet, its magic number).
    pub fn new(format: Format, out: W) -> Result<Self, ExportError> {
        let out = Out::new(format, EVENT_COLUMNS, out)?;
        Ok(EventWriter { out, count: 0 })
    }

    /// Writes one stored event: its arrival number and its JSON text.
    pub fn write(&mut self, seq: i64, json: &str) -> Result<(), ExportError> {
        match &mut self.out {
            Out::Ndjson(w) => {
                // Stored text is compact JSON: one line as it is.
                w.write_all(json.trim().as_bytes())?;
                w.write_all(b"\n")?;
            }
            Out::Table(t) => t.row(event_cells(seq, json)?)?,
        }
        self.count += 1;
        Ok(())
    }

    /// Events written so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Ends the export (for Parquet, the last row group and the footer) and hands back the
    /// sink, flushed.
    pub fn finish(self) -> Result<W, ExportError> {
        self.out.finish()
    }
}

/// Writes every event `stream` reads to `out`, a page at a time, and says how many. It
/// blocks: the store is asked through `rt`, so call it off the async threads (a plain
/// thread, or `spawn_blocking`).
pub fn export_events<W: Write + Send>(
    rt: &tokio::runtime::Handle,
    store: &dyn Store,
    mut stream: EventStream,
    format: Format,
    out: W,
) -> Result<(W, u64), ExportError> {
    let mut writer = EventWriter::new(format, out)?;
    while let Some(page) = rt.block_on(stream.next_page(store))? {
        for (seq, json) in &page {
            writer.write(*seq, json)?;
        }
    }
    let n = writer.count();
    Ok((writer.finish()?, n))
}

// ---- customers -----------------------------------------------------------------------

/// One customer as the export writes them: who, their traits, persona and lifecycle, and
/// their journey runs with the touchpoints hit. Times of runs, hits, answers and lifecycle
/// changes are to the second (as the index keeps them).
#[derive(Debug, Clone, Serialize)]
pub struct CustomerDoc {
    pub id: String,
    pub name: String,
    /// `active`, `churned` or `prospect`.
    pub status: String,
    /// The persona they resemble most (id), if any.
    pub persona: Option<String>,
    /// The channel they were won on.
    pub channel: Option<String>,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    pub events: u64,
    pub answers: u64,
    pub user_ids: Vec<String>,
    pub anonymous_ids: Vec<String>,
    pub traits: serde_json::Map<String, serde_json::Value>,
    pub lifecycle: Vec<LifecycleRow>,
    pub runs: Vec<RunRow>,
    pub feedback: Vec<AnswerRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LifecycleRow {
    pub at: Timestamp,
    /// `acquired`, `churned` or `reactivated`.
    pub change: &'static str,
    /// Churned: `event` (an explicit one) or `inactivity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunRow {
    pub journey: String,
    /// 1 for the customer's first run of the journey, 2 for the second, …
    pub run: u32,
    /// `active`, `completed` or `abandoned`.
    pub status: &'static str,
    pub started_at: Timestamp,
    pub last_at: Timestamp,
    /// Where the run is (or ended): the step of its latest hit, with its stage and phase.
    pub step: Option<String>,
    pub stage: Option<String>,
    pub phase: Option<String>,
    pub hits: Vec<HitRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HitRow {
    pub at: Timestamp,
    pub touchpoint: Option<String>,
    pub step: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerRow {
    pub at: Timestamp,
    /// `nps`, `csat` or `ces`.
    pub score_type: &'static str,
    pub score: f32,
    pub touchpoint: Option<String>,
}

/// Customer numbers of the index ordered by profile id: the order of an export, stable
/// while people are added or merged (a cursor is the last id written).
pub fn customer_order(ix: &Index) -> Vec<u32> {
    let cards = &ix.directory.cards;
    let mut order: Vec<u32> = (0..cards.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| cards[a as usize].id.cmp(&cards[b as usize].id));
    order
}

/// Customer `c` of the index, whole.
pub fn customer_doc(ix: &Index, c: usize) -> CustomerDoc {
    let card = &ix.directory.cards[c];
    let at = |t: u32| Timestamp::from_second(ix.base + i64::from(t)).unwrap_or_default();
    let named = |names: &[String], i: u16| names.get(usize::from(i)).cloned();
    let range = |starts: &[u32], len: usize| {
        let start = starts.get(c).map_or(len, |&s| s as usize);
        start..starts.get(c + 1).map_or(len, |&s| s as usize)
    };
    let mut run_numbers = std::collections::HashMap::new();
    let runs = range(&ix.customers.run_start, ix.instances.customer.len())
        .map(|i| {
            let j = usize::from(ix.instances.journey[i]);
            let journey = ix.journeys.get(j);
            let number = run_numbers.entry(j).or_insert(0u32);
            *number += 1;
            let step_of = |s: u16| journey.and_then(|jy| jy.steps.get(usize::from(s)));
            let hits: Vec<HitRow> = ix
                .hits_of(i)
                .map(|h| HitRow {
                    at: at(ix.hits.at[h]),
                    touchpoint: named(&ix.touchpoints, ix.hits.touchpoint[h]),
                    step: step_of(ix.hits.step[h]).map(|s| s.id.clone()),
                })
                .collect();
            let last = ix.hits_of(i).last().and_then(|h| step_of(ix.hits.step[h]));
            RunRow {
                journey: journey.map_or_else(String::new, |jy| jy.id.clone()),
                run: *number,
                status: ix.instances.status[i].as_str(),
                started_at: at(ix.instances.started[i]),
                last_at: at(ix.instances.last[i]),
                step: last.map(|s| s.id.clone()),
                stage: last.map(|s| s.stage.clone()),
                phase: last.map(|s| s.phase.clone()).filter(|p| !p.is_empty()),
                hits,
            }
        })
        .collect();
    let lifecycle = range(&ix.customers.change_start, ix.lifecycle.at.len())
        .map(|i| {
            let (change, by) = match ix.lifecycle.kind[i] {
                Change::Acquired => ("acquired", None),
                Change::ChurnedByEvent => ("churned", Some("event")),
                Change::ChurnedInactive => ("churned", Some("inactivity")),
                Change::Reactivated => ("reactivated", None),
            };
            LifecycleRow {
                at: at(ix.lifecycle.at[i]),
                change,
                by,
            }
        })
        .collect();
    let feedback = range(&ix.customers.answer_start, ix.feedback.at.len())
        .map(|i| AnswerRow {
            at: at(ix.feedback.at[i]),
            score_type: ix.feedback.kind[i].as_str(),
            score: ix.feedback.score[i],
            touchpoint: named(&ix.touchpoints, ix.feedback.touchpoint[i]),
        })
        .collect();
    CustomerDoc {
        id: card.id.clone(),
        name: card.name.clone(),
        status: card.status.as_str().to_owned(),
        persona: ix
            .customers
            .persona
            .get(c)
            .and_then(|&p| named(&ix.personas, p)),
        channel: ix
            .customers
            .channel
            .get(c)
            .and_then(|&ch| named(&ix.channels, ch)),
        first_seen: card.first_seen,
        last_seen: card.last_seen,
        events: card.events,
        answers: u64::from(card.answers),
        user_ids: card.user_ids.clone(),
        anonymous_ids: card.anonymous_ids.clone(),
        traits: card.traits(),
        lifecycle,
        runs,
        feedback,
    }
}

fn json_cell<T: Serialize>(v: &T) -> Cell {
    serde_json::to_string(v).map_or(Cell::Null, Cell::Text)
}

/// A customer's row of [`CUSTOMER_COLUMNS`].
pub fn customer_cells(d: &CustomerDoc) -> Vec<Cell> {
    let opt = |s: &Option<String>| s.clone().map_or(Cell::Null, Cell::Text);
    vec![
        Cell::Text(d.id.clone()),
        Cell::Text(d.name.clone()),
        Cell::Text(d.status.clone()),
        opt(&d.persona),
        opt(&d.channel),
        Cell::Time(d.first_seen),
        Cell::Time(d.last_seen),
        Cell::Int(i64::try_from(d.events).unwrap_or(i64::MAX)),
        Cell::Int(i64::try_from(d.answers).unwrap_or(i64::MAX)),
        Cell::Int(d.runs.len() as i64),
        json_cell(&d.user_ids),
        json_cell(&d.anonymous_ids),
        json_cell(&d.traits),
        json_cell(&d.lifecycle),
        json_cell(&d.runs),
        json_cell(&d.feedback),
    ]
}

/// Writes customers, one at a time, in one format.
pub struct CustomerWriter<W: Write + Send> {
    out: Out<W>,
    count: u64,
}

impl<W: Write + Send> CustomerWriter<W> {
    pub fn new(format: Format, out: W) -> Result<Self, ExportError> {
        let out = Out::new(format, CUSTOMER_COLUMNS, out)?;
        Ok(CustomerWriter { out, count: 0 })
    }

    pub fn write(&mut self, doc: &CustomerDoc) -> Result<(), ExportError> {
        match &mut self.out {
            Out::Ndjson(w) => {
                serde_json::to_writer(&mut *w, doc).map_err(std::io::Error::other)?;
                w.write_all(b"\n")?;
            }
            Out::Table(t) => t.row(customer_cells(doc))?,
        }
        self.count += 1;
        Ok(())
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn finish(self) -> Result<W, ExportError> {
        self.out.finish()
    }
}

/// Writes the customers numbered in `order` (e.g. [`customer_order`]) to `out`, one at a
/// time, and says how many.
pub fn export_customers<W: Write + Send>(
    ix: &Index,
    order: impl IntoIterator<Item = u32>,
    format: Format,
    out: W,
) -> Result<(W, u64), ExportError> {
    let mut writer = CustomerWriter::new(format, out)?;
    for c in order {
        writer.write(&customer_doc(ix, c as usize))?;
    }
    let n = writer.count();
    Ok((writer.finish()?, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_as_rfc_4180_says_and_nulls_are_empty() {
        let json = r#"{"type":"track","messageId":"m,1","event":"Said \"hi\"","userId":"u1","timestamp":"2026-01-02T10:00:00.123456Z","properties":{"a":"x\ny"},"receivedAt":"2026-01-02T10:00:01Z"}"#;
        let mut w = EventWriter::new(Format::Csv, Vec::new()).expect("writer");
        w.write(7, json).expect("row");
        let out = String::from_utf8(w.finish().expect("finish")).expect("utf-8");
        let mut lines = out.split("\r\n");
        assert_eq!(
            lines.next(),
            Some(
                "seq,message_id,type,event,name,user_id,anonymous_id,timestamp,received_at,properties,traits,context"
            )
        );
        assert_eq!(
            lines.next(),
            Some(
                "7,\"m,1\",track,\"Said \"\"hi\"\"\",,u1,,2026-01-02T10:00:00.123456Z,2026-01-02T10:00:01Z,\"{\"\"a\"\":\"\"x\\ny\"\"}\",,"
            )
        );
    }

    #[test]
    fn ndjson_is_the_stored_text_and_a_broken_event_is_named() {
        let mut w = EventWriter::new(Format::Ndjson, Vec::new()).expect("writer");
        w.write(1, r#"{"type":"page","messageId":"p"}"#)
            .expect("row");
        assert_eq!(
            w.finish().expect("finish"),
            b"{\"type\":\"page\",\"messageId\":\"p\"}\n"
        );
        let mut w = EventWriter::new(Format::Csv, Vec::new()).expect("writer");
        let err = w.write(42, "[1, 2").expect_err("not an object");
        assert!(err.to_string().contains("stored event 42"), "{err}");
    }

    #[test]
    fn formats_by_name_and_file_extension() {
        assert_eq!(Format::parse("NDJSON"), Some(Format::Ndjson));
        assert_eq!(Format::parse("xml"), None);
        assert_eq!(
            Format::from_path(std::path::Path::new("out/events.parquet")),
            Some(Format::Parquet)
        );
        assert_eq!(Format::from_path(std::path::Path::new("events")), None);
    }
}
