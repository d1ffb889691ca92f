//! [`Activity`]: what the customer stages need of one stored event, read back from its
//! Segment JSON.

use jiff::Timestamp;
use serde_json::{Map, Value};

use crate::event::EventType;

/// One event as the customer stages see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Arrival order (ties in `timestamp` are broken by it).
    pub seq: i64,
    pub kind: EventType,
    pub user_id: Option<String>,
    pub anonymous_id: Option<String>,
    /// The id an `alias` call merges into `user_id`.
    pub previous_id: Option<String>,
    /// The event name of a track call, or the name of a page or screen.
    pub name: Option<String>,
    /// When it happened (clock-skew corrected at collection).
    pub timestamp: Timestamp,
    pub properties: Map<String, Value>,
    /// An identify call's traits (or `context.traits` of any call).
    pub traits: Map<String, Value>,
}

impl Activity {
    /// Reads a stored event (the Segment JSON the collector and importers store). `None` when
    /// it is not one: no type, no id at all, or no parseable `timestamp`.
    pub fn from_segment(seq: i64, body: &Value) -> Option<Activity> {
        let obj = body.as_object()?;
        let text = |k: &str| {
            obj.get(k)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let map = |v: Option<&Value>| v.and_then(Value::as_object).cloned().unwrap_or_default();
        let kind: EventType = obj.get("type")?.as_str()?.parse().ok()?;
        let name = match kind {
            EventType::Track => text("event"),
            EventType::Page | EventType::Screen => text("name"),
            _ => None,
        };
        let mut traits = map(obj.get("traits"));
        if traits.is_empty() {
            traits = map(obj.get("context").and_then(|c| c.get("traits")));
        }
        let activity = Activity {
            seq,
            kind,
            user_id: text("userId"),
            anonymous_id: text("anonymousId"),
            previous_id: text("previousId"),
            name,
            timestamp: text("timestamp")?.parse().ok()?,
            properties: map(obj.get("properties")),
            traits,
        };
        (activity.user_id.is_some() || activity.anonymous_id.is_some()).then_some(activity)
    }

    /// The user id if known, else the anonymous id.
    pub fn who(&self) -> &str {
        self.user_id
            .as_deref()
            .or(self.anonymous_id.as_deref())
            .unwrap_or_default()
    }
}
