//! Sources: outside data in, events out. One file per format.
//!
//! The bulk-import readers ([`xes`], [`ndjson`], [`csv`], [`survey`]) all take any
//! [`std::io::BufRead`] (pass a [`flate2::bufread::GzDecoder`] wrapped in a `BufReader` for
//! `.gz` files) and a progress callback that is called with the number of (decompressed) bytes
//! read so far, often enough to draw a progress bar and once more at the end.
//!
//! Dirty input is never fatal: a record that cannot be imported is reported as a [`Rejected`]
//! (its line number and the reason) and skipped; the rest is imported. Only an I/O error, or an
//! XML document that is no longer well formed, stops a reader ([`ImportError`]).

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, BufRead};

pub mod csv;
pub mod ndjson;
pub mod survey;
mod table;
pub mod xes;

pub use table::Delimiter;

/// One imported event in a format-neutral shape; later stages map it to a Segment event.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedEvent {
    /// The customer (or the process-mining case / trace) the event belongs to.
    pub case_id: String,
    /// The event name (the activity in process-mining terms).
    pub activity: String,
    /// When it happened.
    pub timestamp: jiff::Timestamp,
    /// Everything else the source said about the event.
    pub attributes: BTreeMap<String, serde_json::Value>,
}

/// A record that was skipped, with where it was and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// 1-based line number in the (decompressed) input.
    pub line: usize,
    /// Why the record was skipped, for people.
    pub reason: String,
}

/// What an import produced: the records kept and the ones rejected.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport<T> {
    pub records: Vec<T>,
    pub rejected: Vec<Rejected>,
}

impl<T> Default for ImportReport<T> {
    fn default() -> Self {
        Self {
            records: Vec::new(),
            rejected: Vec::new(),
        }
    }
}

impl<T> ImportReport<T> {
    pub(crate) fn reject(&mut self, line: usize, reason: impl Into<String>) {
        self.rejected.push(Rejected {
            line,
            reason: reason.into(),
        });
    }
}

/// What became of the rows (lines, records) of an input, for the import summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Rows taken whole.
    pub kept: u64,
    /// Rows of which some values were taken and some refused (a survey respondent with one
    /// rating off the scale: the other answers are kept).
    pub partly_kept: u64,
    /// Rows refused whole.
    pub refused: u64,
    /// Rows with nothing to take and nothing wrong (a respondent who answered no question).
    pub empty: u64,
}

impl RowCounts {
    /// Every row read.
    pub fn read(&self) -> u64 {
        self.kept + self.partly_kept + self.refused + self.empty
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: RowCounts) {
        self.kept += other.kept;
        self.partly_kept += other.partly_kept;
        self.refused += other.refused;
        self.empty += other.empty;
    }
}

impl<T> ImportReport<T> {
    /// The counts of a reader whose every record is one row, taken or refused whole.
    pub fn row_counts(&self) -> RowCounts {
        RowCounts {
            kept: self.records.len() as u64,
            refused: self.rejected.len() as u64,
            ..RowCounts::default()
        }
    }
}

/// An error that stops an import: the input cannot be read on.
#[derive(Debug)]
pub enum ImportError {
    /// Reading the input failed (including a corrupt gzip stream).
    Io(io::Error),
    /// The input is broken beyond the record level (e.g. XML that is not well formed).
    Syntax { line: usize, reason: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(e) => write!(f, "read error: {e}"),
            Self::Syntax { line, reason } => write!(f, "line {line}: {reason}"),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io(e) => Some(e),
            Self::Syntax { .. } => None,
        }
    }
}

impl From<io::Error> for ImportError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// How often (in bytes) the progress callback is called.
const PROGRESS_EVERY: u64 = 256 * 1024;

/// A `BufRead` wrapper that counts the bytes and lines consumed, and reports progress.
pub(crate) struct Counting<'p, R> {
    inner: R,
    bytes: u64,
    newlines: usize,
    next_report: u64,
    progress: &'p mut dyn FnMut(u64),
}

impl<'p, R: BufRead> Counting<'p, R> {
    pub(crate) fn new(inner: R, progress: &'p mut dyn FnMut(u64)) -> Self {
        Self {
            inner,
            bytes: 0,
            newlines: 0,
            next_report: PROGRESS_EVERY,
            progress,
        }
    }

    /// The 1-based line the next unconsumed byte is on.
    pub(crate) fn line(&self) -> usize {
        self.newlines + 1
    }

    /// Reports the final byte count.
    pub(crate) fn finish(&mut self) {
        (self.progress)(self.bytes);
    }
}

impl<R: BufRead> io::Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The buffer is already filled (consume follows fill_buf), so this does not read.
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amount.min(buf.len());
            self.newlines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        }
        self.inner.consume(amount);
        self.bytes += amount as u64;
        if self.bytes >= self.next_report {
            (self.progress)(self.bytes);
            self.next_report = self.bytes + PROGRESS_EVERY;
        }
    }
}

/// Parses the timestamps bulk data carries: RFC 3339 / ISO 8601 with an offset (`Z` or
/// `+02:00`), or a civil date-time (`2015-07-01T10:00:00`, `2015-07-01 10:00`)
/// or date (`2015-07-01`) read as UTC.
pub fn parse_timestamp(text: &str) -> Result<jiff::Timestamp, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty timestamp".to_string());
    }
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(ts);
    }
    if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
        return jiff::tz::TimeZone::UTC
            .to_timestamp(dt)
            .map_err(|e| format!("bad timestamp {text:?}: {e}"));
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return jiff::tz::TimeZone::UTC
            .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
            .map_err(|e| format!("bad timestamp {text:?}: {e}"));
    }
    Err(format!("bad timestamp {text:?}"))
}

/// Decodes bytes as UTF-8, falling back to Latin-1 (every byte is a code point) when they are
/// not valid UTF-8. Survey exports and spreadsheets mix the two.
pub fn decode_lenient(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}
