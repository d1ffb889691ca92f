//! CSV with a column mapping: which column is the case (customer) id, which is the event name
//! (or a constant name for every row), where the timestamp comes from, and which columns to keep
//! as attributes.
//!
//! Reading is lenient: a field that is not UTF-8 is read as Latin-1, rows may have a different
//! number of fields (a row that lacks a mapped column is rejected, extra fields are ignored).
//! Column names are matched with surrounding whitespace ignored. Attribute values are typed:
//! integers and decimals become JSON numbers, empty cells are left out, the rest are strings.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde_json::Value;

use super::{Counting, ImportError, ImportReport, ImportedEvent, decode_lenient, parse_timestamp};

/// Which columns mean what.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvMapping {
    /// The column holding the case (customer) id. Empty: every row is its own case, with the id
    /// `row-<line>`.
    pub case_id: String,
    /// The column holding the event name.
    pub activity: Option<String>,
    /// The event name for every row, when there is no `activity` column.
    pub activity_constant: Option<String>,
    /// The column holding the timestamp (unused when `date_parts` is set).
    pub timestamp: String,
    /// A strftime format for the timestamp column (`%d/%m/%Y %H:%M`), else ISO 8601 (with an
    /// offset, or a civil date-time or date read as UTC).
    pub timestamp_format: Option<String>,
    /// The date built from three columns: (year, month, day of month), midnight UTC. The month is
    /// a number or an English month name (`July`, `Jul`).
    pub date_parts: Option<(String, String, String)>,
    /// Columns kept as attributes, under their own names.
    pub attributes: Vec<String>,
}

/// Column indices resolved against the header.
struct Columns {
    case_id: Option<usize>,
    activity: Option<usize>,
    timestamp: Option<usize>,
    date_parts: Option<(usize, usize, usize)>,
    attributes: Vec<(String, usize)>,
}

/// Reads a CSV file (with a header row) through `mapping`. `progress` is called with the number
/// of bytes read so far. A mapping that names a column the header lacks is an error.
pub fn read_csv(
    input: impl BufRead,
    mapping: &CsvMapping,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport<ImportedEvent>, ImportError> {
    if mapping.activity.is_none() && mapping.activity_constant.is_none() {
        return Err(ImportError::Syntax {
            line: 1,
            reason: "the mapping names neither an activity column nor a constant".to_string(),
        });
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(Counting::new(input, progress));
    let header: Vec<String> = reader
        .byte_headers()
        .map_err(csv_error)?
        .iter()
        .map(|h| {
            decode_lenient(h)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_string()
        })
        .collect();
    let find = |name: &str| -> Result<usize, ImportError> {
        header
            .iter()
            .position(|h| h == name.trim())
            .ok_or_else(|| ImportError::Syntax {
                line: 1,
                reason: format!("no column {name:?} in the header"),
            })
    };
    let columns = Columns {
        case_id: if mapping.case_id.trim().is_empty() {
            None
        } else {
            Some(find(&mapping.case_id)?)
        },
        activity: mapping.activity.as_deref().map(find).transpose()?,
        timestamp: if mapping.date_parts.is_some() {
            None
        } else {
            Some(find(&mapping.timestamp)?)
        },
        date_parts: match &mapping.date_parts {
            Some((y, m, d)) => Some((find(y)?, find(m)?, find(d)?)),
            None => None,
        },
        attributes: mapping
            .attributes
            .iter()
            .map(|name| Ok((name.trim().to_string(), find(name)?)))
            .collect::<Result<_, ImportError>>()?,
    };

    let mut report = ImportReport::default();
    let mut record = ::csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                match row(&record, line, mapping, &columns, &header) {
                    Ok(event) => report.records.push(event),
                    Err(reason) => report.reject(line, reason),
                }
            }
            Err(e) => match e.kind() {
                ::csv::ErrorKind::Io(_) => return Err(csv_error(e)),
                _ => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    report.reject(line, format!("unreadable row: {e}"));
                }
            },
        }
    }
    reader.get_mut().finish();
    Ok(report)
}

fn csv_error(e: ::csv::Error) -> ImportError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => ImportError::Io(io),
        other => ImportError::Syntax {
            line,
            reason: format!("{other:?}"),
        },
    }
}

fn cell(record: &::csv::ByteRecord, index: usize, header: &[String]) -> Result<String, String> {
    record
        .get(index)
        .map(|bytes| decode_lenient(bytes).trim().to_string())
        .ok_or_else(|| format!("the row has no {:?} column", header[index]))
}

fn row(
    record: &::csv::ByteRecord,
    line: usize,
    mapping: &CsvMapping,
    columns: &Columns,
    header: &[String],
) -> Result<ImportedEvent, String> {
    let case_id = match columns.case_id {
        Some(i) => cell(record, i, header)?,
        None => format!("row-{line}"),
    };
    if case_id.is_empty() {
        return Err(format!("empty {:?}", mapping.case_id));
    }
    let activity = match (columns.activity, &mapping.activity_constant) {
        (Some(i), _) => cell(record, i, header)?,
        (None, Some(constant)) => constant.clone(),
        (None, None) => String::new(),
    };
    if activity.is_empty() {
        return Err("empty activity".to_string());
    }
    let timestamp = if let Some((y, m, d)) = columns.date_parts {
        date_from_parts(
            &cell(record, y, header)?,
            &cell(record, m, header)?,
            &cell(record, d, header)?,
        )?
    } else if let Some(i) = columns.timestamp {
        let text = cell(record, i, header)?;
        match &mapping.timestamp_format {
            Some(format) => parse_with_format(format, &text)?,
            None => parse_timestamp(&text)?,
        }
    } else {
        return Err("no timestamp".to_string());
    };
    let mut attributes = BTreeMap::new();
    for (name, i) in &columns.attributes {
        let text = cell(record, *i, header)?;
        if !text.is_empty() {
            attributes.insert(name.clone(), typed(text));
        }
    }
    Ok(ImportedEvent {
        case_id,
        activity,
        timestamp,
        attributes,
    })
}

/// Parses `text` with a strftime `format`; without an offset in the format, the time is UTC.
pub fn parse_with_format(format: &str, text: &str) -> Result<jiff::Timestamp, String> {
    let parsed = jiff::fmt::strtime::parse(format, text)
        .map_err(|e| format!("timestamp {text:?} does not match {format:?}: {e}"))?;
    if parsed.offset().is_some() {
        return parsed
            .to_timestamp()
            .map_err(|e| format!("bad timestamp {text:?}: {e}"));
    }
    let datetime = match parsed.to_datetime() {
        Ok(dt) => dt,
        Err(_) => parsed
            .to_date()
            .map_err(|e| format!("bad timestamp {text:?}: {e}"))?
            .to_datetime(jiff::civil::Time::midnight()),
    };
    jiff::tz::TimeZone::UTC
        .to_timestamp(datetime)
        .map_err(|e| format!("bad timestamp {text:?}: {e}"))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Builds midnight UTC of a date given as year, month (number or English name) and day.
pub fn date_from_parts(year: &str, month: &str, day: &str) -> Result<jiff::Timestamp, String> {
    let y: i16 = year.parse().map_err(|_| format!("bad year {year:?}"))?;
    let lower = month.to_ascii_lowercase();
    let m: i8 = match month.parse::<i8>() {
        Ok(m) => m,
        Err(_) => MONTHS
            .iter()
            .position(|name| lower.len() >= 3 && name.starts_with(lower.as_str()))
            .map(|i| i as i8 + 1)
            .ok_or_else(|| format!("bad month {month:?}"))?,
    };
    let d: i8 = day.parse().map_err(|_| format!("bad day {day:?}"))?;
    let date = jiff::civil::Date::new(y, m, d)
        .map_err(|e| format!("bad date {year}-{month}-{day}: {e}"))?;
    jiff::tz::TimeZone::UTC
        .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .map_err(|e| format!("bad date {year}-{month}-{day}: {e}"))
}

/// Types a CSV cell: an integer or decimal written canonically becomes a number (so ids with
/// leading zeros stay strings), anything else a string.
fn typed(text: String) -> Value {
    if let Ok(n) = text.parse::<i64>()
        && n.to_string() == text
    {
        return Value::from(n);
    }
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
    if !leading_zero
        && text.contains('.')
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && let Some(n) = text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
    {
        return Value::Number(n);
    }
    Value::String(text)
}
