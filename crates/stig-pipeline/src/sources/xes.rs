//! XES event logs (IEEE 1849), read as a stream.
//!
//! Each `<trace>` is a case: its `concept:name` string attribute is the case id, and its other
//! attributes (e.g. BPI 2012's `AMOUNT_REQ`) are copied into every event's attributes with the
//! prefix `trace:`. Each `<event>` gives the activity (`concept:name`), the timestamp
//! (`time:timestamp`) and attributes for the rest, typed by the XES element kind (`string`,
//! `date`, `int`, `float`, `boolean`, `id`). Nested attributes, lists and containers are
//! skipped, as are the log's own attributes and the `<global>` defaults.
//!
//! An event without a name, with a missing or bad timestamp, or with a value its kind cannot
//! hold is rejected (with the line of its `<event>` tag); so are the events of a trace without
//! a `concept:name`. XML that is not well formed stops the import ([`ImportError::Syntax`]).

use std::collections::BTreeMap;
use std::io::BufRead;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use serde_json::Value;

use super::{Counting, ImportError, ImportReport, ImportedEvent, parse_timestamp};

/// Where the parser is, for the element just opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Trace,
    Event,
    /// Anything else (log, global, extension, an attribute element, a nested attribute, ...).
    Other,
}

/// A typed XES attribute: key and value, or why the value is bad.
type Attr = (String, Result<Value, String>);

struct PendingEvent {
    line: usize,
    attrs: Vec<Attr>,
}

#[derive(Default)]
struct PendingTrace {
    line: usize,
    attrs: Vec<Attr>,
    events: Vec<PendingEvent>,
}

/// Reads an XES log. `progress` is called with the number of bytes read so far.
pub fn read_xes(
    input: impl BufRead,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport<ImportedEvent>, ImportError> {
    let mut reader = Reader::from_reader(Counting::new(input, progress));
    let mut report = ImportReport::default();
    let mut buf = Vec::new();
    let mut stack: Vec<Ctx> = Vec::new();
    let mut trace: Option<PendingTrace> = None;
    let mut event: Option<PendingEvent> = None;

    loop {
        buf.clear();
        let read = reader.read_event_into(&mut buf);
        let line = reader.get_ref().line();
        let ev = read.map_err(|e| ImportError::Syntax {
            line,
            reason: format!("XML error: {e}"),
        })?;
        match ev {
            Event::Start(start) => {
                let parent = stack.last().copied();
                let ctx = open(&reader, &start, parent, line, &mut trace, &mut event);
                stack.push(ctx);
            }
            Event::Empty(start) => {
                let parent = stack.last().copied();
                let ctx = open(&reader, &start, parent, line, &mut trace, &mut event);
                close(ctx, &mut trace, &mut event, &mut report);
            }
            Event::End(_) => {
                let ctx = stack.pop().ok_or_else(|| ImportError::Syntax {
                    line,
                    reason: "unexpected closing tag".to_string(),
                })?;
                close(ctx, &mut trace, &mut event, &mut report);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(ImportError::Syntax {
            line: reader.get_ref().line(),
            reason: "document ends inside an element".to_string(),
        });
    }
    reader.get_mut().finish();
    Ok(report)
}

/// Handles an opening (or empty) tag and says what it opened.
fn open<R>(
    reader: &Reader<R>,
    start: &BytesStart<'_>,
    parent: Option<Ctx>,
    line: usize,
    trace: &mut Option<PendingTrace>,
    event: &mut Option<PendingEvent>,
) -> Ctx {
    let name = start.local_name();
    match (name.as_ref(), parent) {
        (b"trace", _) => {
            *trace = Some(PendingTrace {
                line,
                ..PendingTrace::default()
            });
            Ctx::Trace
        }
        (b"event", Some(Ctx::Trace)) => {
            *event = Some(PendingEvent {
                line,
                attrs: Vec::new(),
            });
            Ctx::Event
        }
        (kind, Some(Ctx::Trace)) => {
            if let (Some(t), Some(attr)) = (trace.as_mut(), attribute(reader, kind, start)) {
                t.attrs.push(attr);
            }
            Ctx::Other
        }
        (kind, Some(Ctx::Event)) => {
            if let (Some(e), Some(attr)) = (event.as_mut(), attribute(reader, kind, start)) {
                e.attrs.push(attr);
            }
            Ctx::Other
        }
        _ => Ctx::Other,
    }
}

/// Handles the end of an element.
fn close(
    ctx: Ctx,
    trace: &mut Option<PendingTrace>,
    event: &mut Option<PendingEvent>,
    report: &mut ImportReport<ImportedEvent>,
) {
    match ctx {
        Ctx::Event => {
            if let (Some(t), Some(e)) = (trace.as_mut(), event.take()) {
                t.events.push(e);
            }
        }
        Ctx::Trace => {
            if let Some(t) = trace.take() {
                finish_trace(t, report);
            }
        }
        Ctx::Other => {}
    }
}

fn finish_trace(trace: PendingTrace, report: &mut ImportReport<ImportedEvent>) {
    let mut case_id = None;
    let mut shared = BTreeMap::new();
    for (key, value) in trace.attrs {
        match (key.as_str(), value) {
            ("concept:name", Ok(Value::String(name))) => case_id = Some(name),
            (_, Ok(value)) => {
                shared.insert(format!("trace:{key}"), value);
            }
            // A bad trace attribute is dropped; the events themselves are fine.
            (_, Err(_)) => {}
        }
    }
    let Some(case_id) = case_id else {
        for e in trace.events {
            report.reject(
                e.line,
                format!(
                    "the trace at line {} has no concept:name string attribute",
                    trace.line
                ),
            );
        }
        return;
    };
    for e in trace.events {
        match build_event(&case_id, &shared, e.attrs) {
            Ok(record) => report.records.push(record),
            Err(reason) => report.reject(e.line, reason),
        }
    }
}

fn build_event(
    case_id: &str,
    shared: &BTreeMap<String, Value>,
    attrs: Vec<Attr>,
) -> Result<ImportedEvent, String> {
    let mut activity = None;
    let mut timestamp = None;
    let mut attributes = shared.clone();
    for (key, value) in attrs {
        let value = value.map_err(|reason| format!("attribute {key:?}: {reason}"))?;
        match key.as_str() {
            "concept:name" => match value {
                Value::String(s) => activity = Some(s),
                other => activity = Some(other.to_string()),
            },
            "time:timestamp" => {
                let text = value.as_str().unwrap_or_default();
                timestamp = Some(parse_timestamp(text)?);
            }
            _ => {
                attributes.insert(key, value);
            }
        }
    }
    let activity = activity
        .filter(|a| !a.is_empty())
        .ok_or("event without concept:name")?;
    let timestamp = timestamp.ok_or("event without time:timestamp")?;
    Ok(ImportedEvent {
        case_id: case_id.to_string(),
        activity,
        timestamp,
        attributes,
    })
}

/// Reads a typed XES attribute element (`<int key="k" value="1"/>`). `None` for elements that
/// are not simple attributes (lists, containers, unknown elements).
fn attribute<R>(reader: &Reader<R>, kind: &[u8], start: &BytesStart<'_>) -> Option<Attr> {
    if !matches!(
        kind,
        b"string" | b"date" | b"int" | b"float" | b"boolean" | b"id"
    ) {
        return None;
    }
    let mut key = None;
    let mut value = None;
    for attr in start.attributes().with_checks(false).flatten() {
        let text = attr
            .decoded_and_normalized_value(XmlVersion::Implicit1_0, reader.decoder())
            .map(|v| v.into_owned())
            .map_err(|e| format!("bad XML attribute: {e}"));
        match attr.key.local_name().as_ref() {
            b"key" => key = Some(text),
            b"value" => value = Some(text),
            _ => {}
        }
    }
    let key = key?.ok()?;
    let typed = match value {
        None => Err("no value".to_string()),
        Some(Err(e)) => Err(e),
        Some(Ok(text)) => typed_value(kind, text),
    };
    Some((key, typed))
}

fn typed_value(kind: &[u8], text: String) -> Result<Value, String> {
    match kind {
        b"int" => text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("bad int {text:?}")),
        b"float" => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("bad float {text:?}")),
        b"boolean" => match text.trim() {
            "true" | "TRUE" | "True" | "1" => Ok(Value::Bool(true)),
            "false" | "FALSE" | "False" | "0" => Ok(Value::Bool(false)),
            _ => Err(format!("bad boolean {text:?}")),
        },
        b"date" => parse_timestamp(&text).map(|ts| Value::String(ts.to_string())),
        _ => Ok(Value::String(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows line ends: a rejected event is reported on the line of its `<event>` tag.
    #[test]
    fn crlf_lines_are_counted_as_editors_do() {
        let log = [
            r#"<?xml version="1.0" encoding="UTF-8" ?>"#,
            r#"<log xes.version="1.0">"#,
            "  <trace>",
            r#"    <string key="concept:name" value="case-1"/>"#,
            "    <event>",
            r#"      <string key="concept:name" value="A_SUBMITTED"/>"#,
            r#"      <date key="time:timestamp" value="2011-10-01T00:38:44Z"/>"#,
            "    </event>",
            "    <event>",
            r#"      <string key="concept:name" value="A_BROKEN"/>"#,
            r#"      <date key="time:timestamp" value="not a date"/>"#,
            "    </event>",
            "  </trace>",
            "</log>",
        ]
        .join("\r\n");
        let report = read_xes(log.as_bytes(), &mut |_| {}).expect("read");
        assert_eq!(report.records.len(), 1);
        let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [9], "{:?}", report.rejected);
    }
}
