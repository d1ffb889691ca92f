//! CSV with a column mapping: which column is the case (customer) id, which is the event name
//! (or a constant name for every row), where the timestamp comes from, and which columns to keep
//! as attributes.
//!
//! Reading is lenient: a field that is not UTF-8 is read as Latin-1, rows may have a different
//! number of fields (a row that lacks a mapped column is rejected, extra fields are ignored).
//! Column names are matched with surrounding whitespace ignored. Attribute values are typed:
//! integers and decimals become JSON numbers, empty cells are left out, the rest are strings.
//! Fields are separated by the mapping's [`Delimiter`] (a comma unless it says otherwise, or
//! runs of whitespace); a file without a header line has its columns named by the mapping.
//! Line numbers count `\r\n` and `\r` line ends as editors do.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde_json::Value;

use super::table::{Next, Table};
use super::{Delimiter, ImportError, ImportReport, ImportedEvent, decode_lenient, parse_timestamp};

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
    /// How fields are separated.
    pub delimiter: Delimiter,
    /// The column names of a file without a header line (its first line is data); empty: the
    /// first line is the header.
    pub columns: Vec<String>,
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
    let mut table = Table::open(input, progress, mapping.delimiter, &mapping.columns)?;
    let find = |name: &str| table.find(name);
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
        match table.next(&mut record)? {
            Next::End => break,
            Next::Row(line) => match row(&record, line, mapping, &columns, &table.header) {
                Ok(event) => report.records.push(event),
                Err(reason) => report.reject(line, reason),
            },
            Next::Bad(rejected) => report.rejected.push(rejected),
        }
    }
    table.finish();
    Ok(report)
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
            Some(format) => parse_with_format(format, &text),
            None => parse_timestamp(&text),
        }
        .map_err(|e| format!("{}: {e}", header[i]))?
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

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn mapping() -> CsvMapping {
        CsvMapping {
            case_id: "customer".into(),
            activity: Some("action".into()),
            timestamp: "when".into(),
            attributes: vec!["amount".into()],
            ..CsvMapping::default()
        }
    }

    fn lines(report: &ImportReport<ImportedEvent>) -> Vec<usize> {
        report.rejected.iter().map(|r| r.line).collect()
    }

    #[test]
    fn crlf_errors_are_on_their_lines() {
        let text = "customer,action,when,amount\r\n\
                    c1,Signed Up,2024-03-01,1\r\n\
                    \r\n\
                    c2,Booked,\"2024-03-02\r\n\",2\r\n\
                    c3,Booked,not a date,3\r\n\
                    c4,Booked,2024-03-04,4";
        let report = read_csv(text.as_bytes(), &mapping(), &mut |_| {}).expect("read");
        assert_eq!(report.records.len(), 3, "{report:#?}");
        assert_eq!(lines(&report), [6]);
        assert!(
            report.rejected[0].reason.starts_with("when: bad timestamp"),
            "{:?}",
            report.rejected
        );
    }

    #[test]
    fn semicolons_tabs_and_whitespace() {
        let comma = "customer,action,when,amount\nc1,Bought,2024-03-01,12.5\nc2,Bought,bad,3\n";
        let expected = read_csv(comma.as_bytes(), &mapping(), &mut |_| {}).expect("read");
        for (delimiter, separator) in [
            (Delimiter::Byte(b';'), ";"),
            (Delimiter::Byte(b'\t'), "\t"),
            (Delimiter::Whitespace, "   \t "),
        ] {
            let text = comma.replace(',', separator);
            let m = CsvMapping {
                delimiter,
                ..mapping()
            };
            let report = read_csv(text.as_bytes(), &m, &mut |_| {}).expect("read");
            assert_eq!(report, expected, "{delimiter:?}");
        }
    }

    /// CDNOW's master file: no header, runs of spaces, dates as `19970101`.
    #[test]
    fn a_headerless_whitespace_file_with_named_columns() {
        let text =
            "00001 19970101  1  11.77\r\n    2 19970112  5  77.00\r\n00003 19970231  2  20.76\r\n";
        let m = CsvMapping {
            case_id: "customer".into(),
            activity_constant: Some("Order Completed".into()),
            timestamp: "date".into(),
            timestamp_format: Some("%Y%m%d".into()),
            attributes: vec!["cds".into(), "amount".into()],
            delimiter: Delimiter::Whitespace,
            columns: vec![
                "customer".into(),
                "date".into(),
                "cds".into(),
                "amount".into(),
            ],
            ..CsvMapping::default()
        };
        let report = read_csv(text.as_bytes(), &m, &mut |_| {}).expect("read");
        assert_eq!(report.records.len(), 2, "{report:#?}");
        assert_eq!(report.records[0].case_id, "00001");
        assert_eq!(report.records[1].case_id, "2");
        assert_eq!(
            report.records[1].timestamp,
            "1997-01-12T00:00:00Z"
                .parse::<jiff::Timestamp>()
                .expect("ts")
        );
        assert_eq!(
            report.records[1].attributes["amount"],
            serde_json::json!(77.0)
        );
        assert_eq!(lines(&report), [3]);
    }

    #[test]
    fn a_missing_column_names_the_header_and_the_closest_name() {
        let m = CsvMapping {
            timestamp: "Date".into(),
            ..mapping()
        };
        let text = "customer,action,date,amount\n";
        let err = read_csv(text.as_bytes(), &m, &mut |_| {}).expect_err("no column");
        assert_eq!(
            err.to_string(),
            "line 1: no column \"Date\"; did you mean \"date\"? The header (split on \",\") has: customer, action, date, amount"
        );
    }

    /// The hotel bookings data set, its first rows written with other delimiters and line
    /// ends: the same events, and a broken row reported on its line.
    #[test]
    fn real_bookings_with_any_delimiter_and_line_end() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/hotel-bookings/hotel_bookings.csv.gz");
        if !path.exists() {
            println!("skipped: {} is absent", path.display());
            return;
        }
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("open"))
            .read_to_string(&mut text)
            .expect("read");
        let mut rows: Vec<&str> = text.lines().take(501).collect();
        // Line 100 (a data row) gets a date that does not exist.
        let broken = format!(
            "{},2015-13-01",
            rows[99].rsplit_once(',').expect("a last field").0
        );
        rows[99] = &broken;
        let m = CsvMapping {
            activity: Some("reservation_status".into()),
            timestamp: "reservation_status_date".into(),
            attributes: vec!["hotel".into(), "adr".into(), "country".into()],
            ..CsvMapping::default()
        };
        let lf = rows.join("\n");
        let expected = read_csv(lf.as_bytes(), &m, &mut |_| {}).expect("read");
        assert_eq!(expected.records.len(), 499);
        assert_eq!(lines(&expected), [100]);
        let crlf = rows.join("\r\n");
        let got = read_csv(crlf.as_bytes(), &m, &mut |_| {}).expect("read");
        assert_eq!(got, expected, "CRLF");
        let semicolons = crlf.replace(',', ";");
        let m = CsvMapping {
            delimiter: Delimiter::Byte(b';'),
            ..m
        };
        let got = read_csv(semicolons.as_bytes(), &m, &mut |_| {}).expect("read");
        assert_eq!(got, expected, "semicolons");
    }
}
