//! Segment-format NDJSON: one Segment message (a JSON object) a line, as Segment's own exports
//! and replays write them.
//!
//! `case_id` is `userId`, else `anonymousId`. The activity is `event` for `track`, and
//! `Page Viewed`, `Screen Viewed`, `Identify`, `Group`, `Alias` for the other types (a line
//! without `type` but with `event` is a track). The timestamp is `timestamp`, else
//! `originalTimestamp`, `sentAt`, `receivedAt`. The attributes are the `properties` (track,
//! page, screen) or `traits` (identify, group), plus `segment:`-prefixed keys for the message's
//! own fields (`segment:type`, `segment:messageId`, `segment:name` for a page or screen name,
//! `segment:anonymousId` when there is also a user id, `segment:groupId`, `segment:previousId`,
//! `segment:context`).
//!
//! Blank lines are skipped; a line that is not a JSON object, or lacks what is needed, is
//! rejected with its line number.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde_json::{Map, Value};

use super::{Counting, ImportError, ImportReport, ImportedEvent, parse_timestamp};

/// Reads Segment NDJSON. `progress` is called with the number of bytes read so far.
pub fn read_ndjson(
    input: impl BufRead,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport<ImportedEvent>, ImportError> {
    let mut input = Counting::new(input, progress);
    let mut report = ImportReport::default();
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        number += 1;
        let text = match std::str::from_utf8(&line) {
            Ok(text) => text.trim_start_matches('\u{feff}').trim(),
            Err(_) => {
                report.reject(number, "not valid UTF-8");
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(message)) => match from_message(message) {
                Ok(record) => report.records.push(record),
                Err(reason) => report.reject(number, reason),
            },
            Ok(_) => report.reject(number, "not a JSON object"),
            Err(e) => report.reject(number, format!("malformed JSON: {e}")),
        }
    }
    input.finish();
    Ok(report)
}

/// Maps one Segment message to an [`ImportedEvent`].
pub fn from_message(mut message: Map<String, Value>) -> Result<ImportedEvent, String> {
    let kind = match message.get("type") {
        Some(Value::String(kind)) => kind.to_ascii_lowercase(),
        Some(_) => return Err("\"type\" is not a string".to_string()),
        None if message.contains_key("event") => "track".to_string(),
        None => return Err("missing \"type\"".to_string()),
    };
    let user_id = id_field(&message, "userId")?;
    let anonymous_id = id_field(&message, "anonymousId")?;
    let case_id = match (&user_id, &anonymous_id) {
        (Some(user), _) => user.clone(),
        (None, Some(anonymous)) => anonymous.clone(),
        (None, None) => return Err("neither \"userId\" nor \"anonymousId\"".to_string()),
    };
    let (activity, payload) = match kind.as_str() {
        "track" => match message.get("event") {
            Some(Value::String(event)) if !event.trim().is_empty() => (event.clone(), "properties"),
            Some(Value::String(_)) => return Err("empty \"event\"".to_string()),
            Some(_) => return Err("\"event\" is not a string".to_string()),
            None => return Err("track without \"event\"".to_string()),
        },
        "page" => ("Page Viewed".to_string(), "properties"),
        "screen" => ("Screen Viewed".to_string(), "properties"),
        "identify" => ("Identify".to_string(), "traits"),
        "group" => ("Group".to_string(), "traits"),
        "alias" => ("Alias".to_string(), "traits"),
        other => return Err(format!("unknown type {other:?}")),
    };
    let timestamp = ["timestamp", "originalTimestamp", "sentAt", "receivedAt"]
        .iter()
        .find_map(|key| message.get(*key).filter(|v| !v.is_null()).map(|v| (key, v)));
    let timestamp = match timestamp {
        Some((_, Value::String(text))) => parse_timestamp(text)?,
        Some((key, _)) => return Err(format!("{key:?} is not a string")),
        None => return Err("missing \"timestamp\"".to_string()),
    };

    let mut attributes = BTreeMap::new();
    match message.remove(payload) {
        Some(Value::Object(fields)) => attributes.extend(fields),
        None | Some(Value::Null) => {}
        Some(_) => return Err(format!("{payload:?} is not an object")),
    }
    attributes.insert("segment:type".to_string(), Value::String(kind));
    if user_id.is_some()
        && let Some(anonymous) = anonymous_id
    {
        attributes.insert("segment:anonymousId".to_string(), Value::String(anonymous));
    }
    for (key, name) in [
        ("messageId", "segment:messageId"),
        ("name", "segment:name"),
        ("groupId", "segment:groupId"),
        ("previousId", "segment:previousId"),
        ("context", "segment:context"),
    ] {
        if let Some(value) = message.remove(key).filter(|v| !v.is_null()) {
            attributes.insert(name.to_string(), value);
        }
    }
    Ok(ImportedEvent {
        case_id,
        activity,
        timestamp,
        attributes,
    })
}

/// An id field: a non-empty string, or a number (some SDKs send numeric user ids).
fn id_field(message: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match message.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(format!("{key:?} is not a string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows line ends: rejected lines keep their numbers.
    #[test]
    fn crlf_lines_are_counted_as_editors_do() {
        let text = concat!(
            r#"{"type":"track","userId":"u1","event":"A","timestamp":"2024-03-01T10:00:00Z"}"#,
            "\r\n\r\n",
            r#"{"type":"track","userId":"u1","event":"B","timestamp":"yesterday"}"#,
            "\r\n",
            r#"{"type":"track","userId":"u2","event":"C","timestamp":"2024-03-01T10:00:00Z"}"#,
            "\r\n{broken\r\n",
        );
        let report = read_ndjson(text.as_bytes(), &mut |_| {}).expect("read");
        assert_eq!(report.records.len(), 2);
        let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 5], "{:?}", report.rejected);
    }
}
