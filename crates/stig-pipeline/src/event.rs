//! Events in the Segment spec (identify, track, page, screen, group, alias): the one
//! [`Event`] the HTTP collector and the later stages share.
//!
//! [`parse_call`] reads the body of a single call (`POST /v1/track`, …) and [`parse_batch`]
//! the body of `POST /v1/batch` (`{"batch": [...]}`, each message with its own `type`). Both
//! validate every message (saying which message of a batch and which field is wrong, see
//! [`EventError`]) and correct the client's clock as Segment does: when the client says when
//! it sent the message (`sentAt`), the event's time is moved by the difference between the
//! client's clock and ours: `timestamp = receivedAt - (sentAt - timestamp)`.
//!
//! ```
//! use stig_pipeline::event::{EventType, parse_call};
//! let received: jiff::Timestamp = "2026-05-01T12:00:10Z".parse().unwrap();
//! let body = serde_json::json!({
//!     "userId": "u1", "event": "Order Completed",
//!     "timestamp": "2026-05-01T11:00:00Z", "sentAt": "2026-05-01T11:00:05Z"
//! });
//! let e = parse_call(EventType::Track, body, received).unwrap();
//! // The client's clock is an hour and 5 s behind: its event happened 5 s before it sent it.
//! assert_eq!(e.timestamp.to_string(), "2026-05-01T12:00:05Z");
//! ```

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde_json::{Map, Value};

/// Segment's limit on one message, in bytes of JSON.
pub const MAX_MESSAGE_BYTES: usize = 32 * 1024;
/// Segment's limit on one batch request, in bytes of JSON.
pub const MAX_BATCH_BYTES: usize = 500 * 1024;

/// The six calls of the Segment spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventType {
    Identify,
    Track,
    Page,
    Screen,
    Group,
    Alias,
}

impl EventType {
    pub const ALL: [EventType; 6] = [
        EventType::Identify,
        EventType::Track,
        EventType::Page,
        EventType::Screen,
        EventType::Group,
        EventType::Alias,
    ];

    /// The name in the spec (`"track"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Identify => "identify",
            EventType::Track => "track",
            EventType::Page => "page",
            EventType::Screen => "screen",
            EventType::Group => "group",
            EventType::Alias => "alias",
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EventType {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or(())
    }
}

/// One event in the Segment spec, validated and with its time corrected.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventType,
    /// The client's id of the message (de-duplication key); generated when the client sent
    /// none.
    pub message_id: String,
    pub anonymous_id: Option<String>,
    pub user_id: Option<String>,
    /// When it happened, on our clock (clock skew corrected).
    pub timestamp: Timestamp,
    /// The `timestamp` the client sent, on its own clock.
    pub original_timestamp: Option<Timestamp>,
    /// When the client says it sent it, on its own clock.
    pub sent_at: Option<Timestamp>,
    /// When we received it.
    pub received_at: Timestamp,
    pub context: Map<String, Value>,
    pub integrations: Map<String, Value>,
    pub properties: Map<String, Value>,
    pub traits: Map<String, Value>,
    /// The event name of a track call.
    pub event: Option<String>,
    /// The name of a page or screen.
    pub name: Option<String>,
    pub group_id: Option<String>,
    pub previous_id: Option<String>,
    /// Other top-level fields, kept as sent (e.g. a page's `category`); a `writeKey` in the
    /// body is never kept.
    pub extra: Map<String, Value>,
}

impl Event {
    /// The user id if known, else the anonymous id (one of them is always there).
    pub fn who(&self) -> &str {
        self.user_id
            .as_deref()
            .or(self.anonymous_id.as_deref())
            .unwrap_or_default()
    }

    /// The event as Segment JSON (camelCase fields, timestamps in RFC 3339).
    pub fn to_json(&self) -> Value {
        self.clone().into_json()
    }

    /// The event as Segment JSON, moving its maps rather than copying them (the collector
    /// stores every event it parses this way).
    pub fn into_json(self) -> Value {
        let mut m = self.extra;
        m.insert("type".into(), self.kind.as_str().into());
        m.insert("messageId".into(), self.message_id.into());
        for (k, v) in [
            ("anonymousId", self.anonymous_id),
            ("userId", self.user_id),
            ("event", self.event),
            ("name", self.name),
            ("groupId", self.group_id),
            ("previousId", self.previous_id),
        ] {
            if let Some(v) = v {
                m.insert(k.into(), v.into());
            }
        }
        m.insert("timestamp".into(), self.timestamp.to_string().into());
        if let Some(t) = self.original_timestamp {
            m.insert("originalTimestamp".into(), t.to_string().into());
        }
        if let Some(t) = self.sent_at {
            m.insert("sentAt".into(), t.to_string().into());
        }
        m.insert("receivedAt".into(), self.received_at.to_string().into());
        for (k, v) in [
            ("context", self.context),
            ("integrations", self.integrations),
            ("properties", self.properties),
            ("traits", self.traits),
        ] {
            if !v.is_empty() {
                m.insert(k.into(), Value::Object(v));
            }
        }
        Value::Object(m)
    }
}

/// Why a message was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not valid: a missing or mistyped field, an unparseable timestamp (HTTP 400).
    Invalid,
    /// Over [`MAX_MESSAGE_BYTES`] or [`MAX_BATCH_BYTES`] (HTTP 413).
    TooLarge,
}

/// A refused message: which one (its index in a batch), which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}{message}", where_(*.index), field_(.field))]
pub struct EventError {
    pub problem: Problem,
    /// The 0-based index of the message in its batch (`None` for a single call).
    pub index: Option<usize>,
    /// The offending field (`None` when it is the message or the request as a whole).
    pub field: Option<String>,
    pub message: String,
}

fn where_(index: Option<usize>) -> String {
    match index {
        Some(i) => format!("batch[{i}]: "),
        None => String::new(),
    }
}

fn field_(field: &Option<String>) -> String {
    match field {
        Some(f) => format!("`{f}`: "),
        None => String::new(),
    }
}

impl EventError {
    fn invalid(index: Option<usize>, field: Option<&str>, message: impl Into<String>) -> Self {
        EventError {
            problem: Problem::Invalid,
            index,
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }
}

/// Parses and validates one single call of type `kind` (a `type` in the body is ignored, as
/// Segment does), received at `received_at`.
pub fn parse_call(
    kind: EventType,
    body: Value,
    received_at: Timestamp,
) -> Result<Event, EventError> {
    let Value::Object(m) = body else {
        return Err(EventError::invalid(
            None,
            None,
            "the body must be a JSON object",
        ));
    };
    let size = json_size(&m);
    if size > MAX_MESSAGE_BYTES {
        return Err(too_large_message(None, size));
    }
    parse_message(m, Some(kind), None, received_at, None)
}

/// Parses and validates the body of `/v1/batch`: `{"batch": [...], "sentAt"?, "context"?}`.
/// A batch-level `sentAt` applies to the messages without their own, a batch-level `context`
/// to the messages without one. The first bad message refuses the whole batch.
pub fn parse_batch(body: Value, received_at: Timestamp) -> Result<Vec<Event>, EventError> {
    let Value::Object(mut top) = body else {
        return Err(EventError::invalid(
            None,
            None,
            "the body must be a JSON object with a `batch` array",
        ));
    };
    let Some(Value::Array(batch)) = top.remove("batch") else {
        return Err(EventError::invalid(
            None,
            Some("batch"),
            "missing or not an array of messages",
        ));
    };
    let sent_at = match top.get("sentAt") {
        None | Some(Value::Null) => None,
        Some(v) => Some(timestamp(v, None, "sentAt")?),
    };
    let context = match top.remove("context") {
        Some(Value::Object(c)) => Some(c),
        _ => None,
    };
    let mut out = Vec::with_capacity(batch.len());
    for (i, msg) in batch.into_iter().enumerate() {
        let Value::Object(mut m) = msg else {
            return Err(EventError::invalid(
                Some(i),
                None,
                "a message must be a JSON object",
            ));
        };
        let size = json_size(&m);
        if size > MAX_MESSAGE_BYTES {
            return Err(too_large_message(Some(i), size));
        }
        if let Some(c) = &context {
            m.entry("context")
                .or_insert_with(|| Value::Object(c.clone()));
        }
        out.push(parse_message(m, None, sent_at, received_at, Some(i))?);
    }
    Ok(out)
}

fn too_large_message(index: Option<usize>, size: usize) -> EventError {
    EventError {
        problem: Problem::TooLarge,
        index,
        field: None,
        message: format!(
            "the message is {size} bytes, over the limit of {MAX_MESSAGE_BYTES} bytes (32 KB) \
             a message"
        ),
    }
}

fn json_size(m: &Map<String, Value>) -> usize {
    serde_json::to_vec(m).map(|v| v.len()).unwrap_or(usize::MAX)
}

/// One message: `kind` from the route, or from its `type` field when `None` (batch).
fn parse_message(
    mut m: Map<String, Value>,
    kind: Option<EventType>,
    batch_sent_at: Option<Timestamp>,
    received_at: Timestamp,
    index: Option<usize>,
) -> Result<Event, EventError> {
    let kind = match kind {
        Some(k) => k,
        None => match m.get("type") {
            Some(Value::String(s)) => EventType::from_str(s).map_err(|()| {
                EventError::invalid(
                    index,
                    Some("type"),
                    format!(
                        "`{s}` is not a message type (identify, track, page, screen, group, \
                         alias)"
                    ),
                )
            })?,
            Some(_) => return Err(EventError::invalid(index, Some("type"), "not a string")),
            None => {
                return Err(EventError::invalid(
                    index,
                    Some("type"),
                    "missing: say which call this is (identify, track, page, screen, group, \
                     alias)",
                ));
            }
        },
    };
    let user_id = id(&m, "userId", index)?;
    let anonymous_id = id(&m, "anonymousId", index)?;
    if user_id.is_none() && anonymous_id.is_none() {
        return Err(EventError::invalid(
            index,
            Some("userId"),
            "neither `userId` nor `anonymousId` is given: every message needs one",
        ));
    }
    let message_id = id(&m, "messageId", index)?.unwrap_or_else(generated_message_id);
    let event = text(&m, "event", index)?;
    let name = text(&m, "name", index)?;
    let group_id = id(&m, "groupId", index)?;
    let previous_id = id(&m, "previousId", index)?;
    match kind {
        EventType::Track if event.is_none() => {
            return Err(EventError::invalid(
                index,
                Some("event"),
                "missing: a track call names its event (e.g. \"Order Completed\")",
            ));
        }
        EventType::Group if group_id.is_none() => {
            return Err(EventError::invalid(
                index,
                Some("groupId"),
                "missing: a group call names its group",
            ));
        }
        EventType::Alias if previous_id.is_none() => {
            return Err(EventError::invalid(
                index,
                Some("previousId"),
                "missing: an alias call names the previous id",
            ));
        }
        _ => {}
    }
    let original_timestamp = optional_timestamp(&m, "timestamp", index)?;
    let sent_at = optional_timestamp(&m, "sentAt", index)?.or(batch_sent_at);
    let timestamp = corrected(original_timestamp, sent_at, received_at);
    plausible(timestamp, received_at, index)?;
    let context = object(&mut m, "context", index)?;
    let integrations = object(&mut m, "integrations", index)?;
    let properties = object(&mut m, "properties", index)?;
    let traits = object(&mut m, "traits", index)?;
    for known in [
        "type",
        "messageId",
        "anonymousId",
        "userId",
        "timestamp",
        "originalTimestamp",
        "sentAt",
        "receivedAt",
        "event",
        "name",
        "groupId",
        "previousId",
        "writeKey",
    ] {
        m.remove(known);
    }
    Ok(Event {
        kind,
        message_id,
        anonymous_id,
        user_id,
        timestamp,
        original_timestamp,
        sent_at,
        received_at,
        context,
        integrations,
        properties,
        traits,
        event,
        name,
        group_id,
        previous_id,
        extra: m,
    })
}

/// The earliest time an event may claim: nothing tracked by an SDK happened before 1990.
pub const EARLIEST: Timestamp = Timestamp::constant(631_152_000, 0);
/// How far past our clock an event's (corrected) time may be: clocks and time zones slip,
/// a day does not.
pub const MAX_FUTURE: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

/// Refuses absurd times: before [`EARLIEST`] or more than [`MAX_FUTURE`] past `received_at`
/// (a time zone or unit mix-up, e.g. milliseconds read as seconds).
fn plausible(t: Timestamp, received_at: Timestamp, index: Option<usize>) -> Result<(), EventError> {
    if t < EARLIEST {
        return Err(EventError::invalid(
            index,
            Some("timestamp"),
            format!("{t} is before 1990: not a time an event happened"),
        ));
    }
    if t.duration_since(received_at) > MAX_FUTURE {
        return Err(EventError::invalid(
            index,
            Some("timestamp"),
            format!("{t} is more than a day after it was received ({received_at})"),
        ));
    }
    Ok(())
}

/// Segment's clock-skew correction. With `sentAt`, the client's clock is off by
/// `sentAt - receivedAt` (network time neglected), so its `timestamp` moves by as much:
/// `receivedAt - (sentAt - timestamp)`. Without `sentAt` the client's `timestamp` is taken as
/// it is; without a `timestamp`, the event happened when it was sent, i.e. `receivedAt`.
pub fn corrected(
    timestamp: Option<Timestamp>,
    sent_at: Option<Timestamp>,
    received_at: Timestamp,
) -> Timestamp {
    match (timestamp, sent_at) {
        (Some(t), Some(sent)) => {
            let lead = sent.duration_since(t);
            received_at.checked_sub(lead).unwrap_or(t)
        }
        (Some(t), None) => t,
        (None, _) => received_at,
    }
}

/// A string id; numbers are accepted and kept as their decimal text (as Segment does).
fn id(
    m: &Map<String, Value>,
    field: &str,
    index: Option<usize>,
) -> Result<Option<String>, EventError> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(EventError::invalid(
            index,
            Some(field),
            format!("must be a string, not {}", type_name(other)),
        )),
    }
}

fn text(
    m: &Map<String, Value>,
    field: &str,
    index: Option<usize>,
) -> Result<Option<String>, EventError> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(EventError::invalid(
            index,
            Some(field),
            format!("must be a string, not {}", type_name(other)),
        )),
    }
}

fn object(
    m: &mut Map<String, Value>,
    field: &str,
    index: Option<usize>,
) -> Result<Map<String, Value>, EventError> {
    match m.remove(field) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(o)) => Ok(o),
        Some(other) => Err(EventError::invalid(
            index,
            Some(field),
            format!("must be an object, not {}", type_name(&other)),
        )),
    }
}

fn optional_timestamp(
    m: &Map<String, Value>,
    field: &str,
    index: Option<usize>,
) -> Result<Option<Timestamp>, EventError> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => timestamp(v, index, field).map(Some),
    }
}

/// An ISO-8601 / RFC 3339 timestamp; one without an offset is read as UTC.
fn timestamp(v: &Value, index: Option<usize>, field: &str) -> Result<Timestamp, EventError> {
    let Value::String(s) = v else {
        return Err(EventError::invalid(
            index,
            Some(field),
            format!("must be an ISO-8601 timestamp string, not {}", type_name(v)),
        ));
    };
    parse_time(s).ok_or_else(|| {
        EventError::invalid(
            index,
            Some(field),
            format!("`{s}` is not an ISO-8601 timestamp (e.g. 2026-05-01T12:00:00.000Z)"),
        )
    })
}

/// Parses an ISO-8601 timestamp with an offset, or without one as UTC.
pub fn parse_time(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    let civil: jiff::civil::DateTime = s.parse().ok()?;
    jiff::tz::TimeZone::UTC.to_timestamp(civil).ok()
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A random message id for a message that came without one (Segment's libraries always send
/// one; curl users may not).
fn generated_message_id() -> String {
    use rand::RngCore as _;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("stig-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    const NOW: &str = "2026-05-01T12:00:10Z";

    #[test]
    fn a_track_call_parses_with_all_fields() {
        let e = parse_call(
            EventType::Track,
            json!({
                "type": "identify", "messageId": "m1", "userId": 42, "anonymousId": "a1",
                "event": "Order Completed", "properties": {"revenue": 12.5},
                "context": {"ip": "1.2.3.4"}, "integrations": {"All": true},
                "timestamp": "2026-05-01T11:59:00Z"
            }),
            at(NOW),
        )
        .expect("valid");
        assert_eq!(e.kind, EventType::Track);
        assert_eq!(e.message_id, "m1");
        assert_eq!(e.user_id.as_deref(), Some("42"));
        assert_eq!(e.who(), "42");
        assert_eq!(e.event.as_deref(), Some("Order Completed"));
        assert_eq!(e.properties["revenue"], json!(12.5));
        assert_eq!(e.timestamp, at("2026-05-01T11:59:00Z"));
        assert_eq!(e.received_at, at(NOW));
        let j = e.to_json();
        assert_eq!(j["type"], "track");
        assert_eq!(j["messageId"], "m1");
        assert_eq!(j["context"]["ip"], "1.2.3.4");
    }

    #[test]
    fn clock_skew_is_corrected_from_sent_at() {
        // The client's clock is 1 h behind; the event happened 5 s before it was sent.
        assert_eq!(
            corrected(
                Some(at("2026-05-01T11:00:00Z")),
                Some(at("2026-05-01T11:00:05Z")),
                at(NOW)
            ),
            at("2026-05-01T12:00:05Z")
        );
        // No sentAt: trust the timestamp. No timestamp: received now.
        assert_eq!(
            corrected(Some(at("2026-05-01T11:00:00Z")), None, at(NOW)),
            at("2026-05-01T11:00:00Z")
        );
        assert_eq!(
            corrected(None, Some(at("2020-01-01T00:00:00Z")), at(NOW)),
            at(NOW)
        );
        let e = parse_call(EventType::Page, json!({"anonymousId": "a"}), at(NOW)).expect("ok");
        assert_eq!(e.timestamp, at(NOW));
        assert!(e.message_id.starts_with("stig-"));
    }

    #[test]
    fn a_batch_parses_each_type_and_applies_batch_sent_at() {
        let body = json!({
            "sentAt": "2026-05-01T11:00:05Z",
            "context": {"library": {"name": "analytics-python"}},
            "batch": [
                {"type": "identify", "userId": "u1", "traits": {"email": "a@b.no"},
                 "timestamp": "2026-05-01T11:00:00Z"},
                {"type": "track", "userId": "u1", "event": "Signed Up", "context": {"x": 1}},
                {"type": "alias", "userId": "u1", "previousId": "a1"},
                {"type": "group", "userId": "u1", "groupId": "g1"},
                {"type": "screen", "anonymousId": "a1", "name": "Home", "category": "Start",
                 "writeKey": "secret",
                 "timestamp": "2026-05-01T11:00:01", "sentAt": "2026-05-01T11:00:02Z"}
            ]
        });
        let events = parse_batch(body, at(NOW)).expect("valid");
        let kinds: Vec<_> = events.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EventType::Identify,
                EventType::Track,
                EventType::Alias,
                EventType::Group,
                EventType::Screen
            ]
        );
        assert_eq!(events[0].timestamp, at("2026-05-01T12:00:05Z"));
        assert_eq!(events[0].traits["email"], "a@b.no");
        assert_eq!(events[0].context["library"]["name"], "analytics-python");
        assert_eq!(events[1].context["x"], 1);
        assert_eq!(events[4].timestamp, at("2026-05-01T12:00:09Z"));
        assert_eq!(events[4].name.as_deref(), Some("Home"));
        let screen = events[4].to_json();
        assert_eq!(screen["category"], "Start", "unknown fields are kept");
        assert!(
            screen.get("writeKey").is_none(),
            "a write key is never kept"
        );
    }

    #[test]
    fn bad_messages_say_which_and_why() {
        let err = |body: Value| parse_batch(body, at(NOW)).expect_err("refused");
        let e = err(json!({"batch": [
            {"type": "track", "userId": "u", "event": "A"},
            {"type": "track", "userId": "u"}
        ]}));
        assert_eq!((e.index, e.field.as_deref()), (Some(1), Some("event")));
        assert_eq!(e.problem, Problem::Invalid);
        assert!(
            e.to_string().starts_with("batch[1]: `event`: missing"),
            "{e}"
        );

        let e = err(json!({"batch": [{"type": "page"}]}));
        assert_eq!(e.field.as_deref(), Some("userId"));
        assert!(e.to_string().contains("neither `userId` nor `anonymousId`"));

        let e = err(json!({"batch": [{"type": "page", "userId": "u", "timestamp": "yesterday"}]}));
        assert_eq!((e.index, e.field.as_deref()), (Some(0), Some("timestamp")));
        assert!(
            e.to_string()
                .contains("`yesterday` is not an ISO-8601 timestamp")
        );

        let e = err(json!({"batch": [{"type": "click", "userId": "u"}]}));
        assert_eq!(e.field.as_deref(), Some("type"));
        let e = err(json!({"batch": [{"userId": "u"}]}));
        assert_eq!(e.field.as_deref(), Some("type"));
        let e = err(json!({"batch": [{"type": "group", "userId": "u"}]}));
        assert_eq!(e.field.as_deref(), Some("groupId"));
        let e = err(json!({"batch": [{"type": "alias", "userId": "u"}]}));
        assert_eq!(e.field.as_deref(), Some("previousId"));
        let e = err(
            json!({"batch": [{"type": "track", "userId": "u", "event": "E",
            "properties": [1]}]}),
        );
        assert_eq!(e.field.as_deref(), Some("properties"));
        let e = err(json!({"batch": [{"type": "track", "userId": {}, "event": "E"}]}));
        assert_eq!(e.field.as_deref(), Some("userId"));
        let e = err(json!({"events": []}));
        assert_eq!((e.index, e.field.as_deref()), (None, Some("batch")));
        let e = err(json!([1]));
        assert_eq!(e.field, None);

        let e =
            parse_call(EventType::Track, json!({"userId": "u"}), at(NOW)).expect_err("no event");
        assert_eq!(
            e.to_string(),
            "`event`: missing: a track call names its event (e.g. \"Order Completed\")"
        );
    }

    #[test]
    fn oversize_messages_are_refused_as_too_large() {
        let big = "x".repeat(MAX_MESSAGE_BYTES);
        let e = parse_call(
            EventType::Track,
            json!({"userId": "u", "event": "E", "properties": {"big": big}}),
            at(NOW),
        )
        .expect_err("too large");
        assert_eq!(e.problem, Problem::TooLarge);
        assert!(e.to_string().contains("32 KB"));
        let e = parse_batch(
            json!({"batch": [{"type": "track", "userId": "u", "event": "E"},
                {"type": "track", "userId": "u", "event": "E", "properties": {"big": big}}]}),
            at(NOW),
        )
        .expect_err("too large");
        assert_eq!((e.problem, e.index), (Problem::TooLarge, Some(1)));
    }
}
