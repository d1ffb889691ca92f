//! A workspace's tracking plan as observed: every kind of event it has received (track events
//! by name, page and screen views by name, identify, group and alias calls), how many, when
//! first and last, and the properties (traits for identify and group) each carried with their
//! JSON types. The live worker ([`crate::live`]) feeds it the events it absorbs anyway, so a
//! read costs nothing; it is published in the [`crate::View`] and kept in its own snapshot
//! file beside the index's (`<db>-live/<workspace>.plan.snap`).
//!
//! # Format (version 1)
//! Framed like every snapshot ([`crate::snapshot`]): magic `STIGPLAN`, version, CRC-32,
//! length, then [`PlanSnapshot`] in bincode 1.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::snapshot::{SnapshotError, read_file, write_file};

/// Event kinds (type + name) listed at most; later new ones are only counted.
pub const MAX_EVENTS: usize = 500;
/// Properties listed per event kind at most; later new ones are only counted.
pub const MAX_PROPERTIES: usize = 200;

const MAGIC: &[u8; 8] = b"STIGPLAN";
/// The format version this build writes and reads.
pub const FORMAT: u32 = 1;

/// What the workspace has received so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrackingPlan {
    /// The arrival number of the last event counted.
    pub cursor: i64,
    /// By (type, name): `("track", "Order Completed")`, `("page", "Home")`, `("identify", "")`.
    pub events: BTreeMap<(String, String), EventSeen>,
    /// Events of kinds past [`MAX_EVENTS`], counted but not listed.
    pub unlisted: u64,
}

/// One kind of event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSeen {
    pub count: u64,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    pub properties: BTreeMap<String, PropertySeen>,
    /// Property occurrences of names past [`MAX_PROPERTIES`].
    pub unlisted_properties: u64,
}

/// One property of one kind of event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropertySeen {
    /// Events of this kind that carried it.
    pub count: u64,
    /// The JSON types its values had ([`JsonType`] bits).
    pub types: u8,
    pub last_seen: Timestamp,
}

/// A JSON value's type, as a bit in [`PropertySeen::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    String = 1,
    Number = 2,
    Boolean = 4,
    Object = 8,
    Array = 16,
    Null = 32,
}

impl JsonType {
    pub const ALL: [JsonType; 6] = [
        JsonType::String,
        JsonType::Number,
        JsonType::Boolean,
        JsonType::Object,
        JsonType::Array,
        JsonType::Null,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Null => "null",
        }
    }
}

impl PropertySeen {
    /// The types seen, by name (`string`, `number`, …).
    pub fn type_names(&self) -> Vec<&'static str> {
        JsonType::ALL
            .iter()
            .filter(|t| self.types & (**t as u8) != 0)
            .map(|t| t.as_str())
            .collect()
    }
}

/// The few fields of a stored event the plan reads; values are skipped, only their type kept.
#[derive(Deserialize)]
struct Light<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    event: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    timestamp: Option<Cow<'a, str>>,
    #[serde(rename = "receivedAt", borrow, default)]
    received_at: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    properties: Option<Shape<'a>>,
    #[serde(borrow, default)]
    traits: Option<Shape<'a>>,
}

/// An object's keys with each value's type (anything else: no keys).
#[derive(Default)]
struct Shape<'a>(Vec<(Cow<'a, str>, JsonType)>);

impl<'de: 'a, 'a> Deserialize<'de> for Shape<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Shape<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Shape<'a>, M::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<Cow<'de, str>>()? {
                    let t = m.next_value::<Kind>()?;
                    out.push((k, t.0));
                }
                Ok(Shape(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Shape<'a>, E> {
                Ok(Shape::default())
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<Shape<'a>, S::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Shape::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape<'a>, E> {
                Ok(Shape::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape<'a>, E> {
                Ok(Shape::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Shape<'a>, E> {
                Ok(Shape::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Shape<'a>, E> {
                Ok(Shape::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Shape<'a>, E> {
                Ok(Shape::default())
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A value's type, the value itself skipped.
struct Kind(JsonType);

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Kind, E> {
                Ok(Kind(JsonType::Boolean))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Kind, E> {
                Ok(Kind(JsonType::Number))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Kind, E> {
                Ok(Kind(JsonType::Number))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Kind, E> {
                Ok(Kind(JsonType::Number))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Kind, E> {
                Ok(Kind(JsonType::String))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Kind, E> {
                Ok(Kind(JsonType::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Kind, E> {
                Ok(Kind(JsonType::Null))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<Kind, S::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Kind(JsonType::Array))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Kind, M::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Kind(JsonType::Object))
            }
        }
        d.deserialize_any(V)
    }
}

impl TrackingPlan {
    /// Counts one stored event (its arrival number `seq` and stored text); events at or
    /// before the plan's cursor were counted already and are skipped, so the worker may
    /// re-read history (after an edit that changes what events mean) without counting twice.
    /// Returns whether it counted.
    pub fn push_text(&mut self, seq: i64, text: &str) -> bool {
        if seq <= self.cursor {
            return false;
        }
        self.cursor = seq;
        let Ok(e) = serde_json::from_str::<Light<'_>>(text) else {
            return false;
        };
        let kind = e.kind.as_deref().unwrap_or("track").to_ascii_lowercase();
        let name = match kind.as_str() {
            "track" => e.event.as_deref().unwrap_or(""),
            "page" | "screen" => e.name.as_deref().unwrap_or(""),
            _ => "",
        };
        let at = e
            .timestamp
            .as_deref()
            .or(e.received_at.as_deref())
            .and_then(|t| t.parse::<Timestamp>().ok())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let shape = match kind.as_str() {
            "identify" | "group" => e.traits,
            _ => e.properties,
        }
        .unwrap_or_default();
        let key = (kind, name.to_owned());
        if !self.events.contains_key(&key) && self.events.len() >= MAX_EVENTS {
            self.unlisted += 1;
            return true;
        }
        let seen = self.events.entry(key).or_insert_with(|| EventSeen {
            count: 0,
            first_seen: at,
            last_seen: at,
            properties: BTreeMap::new(),
            unlisted_properties: 0,
        });
        seen.count += 1;
        seen.first_seen = seen.first_seen.min(at);
        seen.last_seen = seen.last_seen.max(at);
        for (k, t) in shape.0 {
            if let Some(p) = seen.properties.get_mut(k.as_ref()) {
                p.count += 1;
                p.types |= t as u8;
                p.last_seen = p.last_seen.max(at);
            } else if seen.properties.len() >= MAX_PROPERTIES {
                seen.unlisted_properties += 1;
            } else {
                seen.properties.insert(
                    k.into_owned(),
                    PropertySeen {
                        count: 1,
                        types: t as u8,
                        last_seen: at,
                    },
                );
            }
        }
        true
    }

    /// Every event counted.
    pub fn total(&self) -> u64 {
        self.events.values().map(|e| e.count).sum::<u64>() + self.unlisted
    }

    /// The names of the track, page and screen events seen, most frequent first.
    pub fn event_names(&self) -> Vec<&str> {
        let mut names: Vec<(&str, u64)> = Vec::new();
        for ((kind, name), e) in &self.events {
            if name.is_empty() || !matches!(kind.as_str(), "track" | "page" | "screen") {
                continue;
            }
            match names.iter_mut().find(|(n, _)| n == name) {
                Some(x) => x.1 += e.count,
                None => names.push((name, e.count)),
            }
        }
        names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        names.into_iter().map(|(n, _)| n).collect()
    }

    /// Whether a track, page or screen event of this name was seen.
    pub fn has_event(&self, name: &str) -> bool {
        ["track", "page", "screen"].iter().any(|k| {
            self.events
                .contains_key(&((*k).to_owned(), name.to_owned()))
        })
    }

    /// The properties seen on events named `name` (track, page or screen), by name.
    pub fn properties_of(&self, name: &str) -> BTreeMap<&str, &PropertySeen> {
        let mut out = BTreeMap::new();
        for k in ["track", "page", "screen"] {
            if let Some(e) = self.events.get(&(k.to_owned(), name.to_owned())) {
                for (p, seen) in &e.properties {
                    out.entry(p.as_str()).or_insert(seen);
                }
            }
        }
        out
    }

    /// The traits seen on identify calls, by name.
    pub fn traits(&self) -> BTreeMap<&str, &PropertySeen> {
        self.events
            .get(&("identify".to_owned(), String::new()))
            .map(|e| e.properties.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }

    /// The plan as the API answers it.
    pub fn doc(&self, workspace: &str) -> PlanDoc {
        PlanDoc {
            workspace: workspace.to_owned(),
            total: self.total(),
            unlisted: self.unlisted,
            events: self
                .events
                .iter()
                .map(|((kind, name), e)| EventDoc {
                    kind: kind.clone(),
                    name: name.clone(),
                    count: e.count,
                    first_seen: e.first_seen,
                    last_seen: e.last_seen,
                    unlisted_properties: e.unlisted_properties,
                    properties: e
                        .properties
                        .iter()
                        .map(|(n, p)| PropertyDoc {
                            name: n.clone(),
                            types: p.type_names(),
                            count: p.count,
                            last_seen: p.last_seen,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// `GET /api/workspaces/{ws}/tracking-plan`.
#[derive(Debug, Clone, Serialize)]
pub struct PlanDoc {
    pub workspace: String,
    /// Events counted.
    pub total: u64,
    /// Events of kinds past the listed maximum, counted but not listed.
    pub unlisted: u64,
    pub events: Vec<EventDoc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventDoc {
    /// `track`, `page`, `screen`, `identify`, `group` or `alias`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The event's name (track), the page's or screen's name; empty for the rest.
    pub name: String,
    pub count: u64,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    pub properties: Vec<PropertyDoc>,
    pub unlisted_properties: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PropertyDoc {
    pub name: String,
    /// The JSON types its values had: `string`, `number`, `boolean`, `object`, `array`, `null`.
    pub types: Vec<&'static str>,
    pub count: u64,
    pub last_seen: Timestamp,
}

/// What the plan's snapshot holds.
#[derive(Serialize, Deserialize)]
pub struct PlanSnapshot {
    pub workspace: String,
    pub plan: TrackingPlan,
}

/// Where workspace `ws`'s plan lives in `dir`.
pub fn path(dir: &Path, ws: &str) -> PathBuf {
    dir.join(format!("{ws}.plan.snap"))
}

pub fn save(dir: &Path, ws: &str, plan: &TrackingPlan) -> Result<u64, SnapshotError> {
    let snap = PlanSnapshot {
        workspace: ws.to_owned(),
        plan: plan.clone(),
    };
    write_file(&path(dir, ws), MAGIC, FORMAT, &snap)
}

pub fn load(dir: &Path, ws: &str) -> Result<TrackingPlan, SnapshotError> {
    read_file::<PlanSnapshot>(path(dir, ws), MAGIC, FORMAT, ws, |s| &s.workspace).map(|s| s.plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_kinds_properties_and_types_once() {
        let mut plan = TrackingPlan::default();
        let events = [
            r#"{"type":"track","event":"Order Completed","timestamp":"2026-01-02T10:00:00Z","properties":{"total":120.5,"plan":"premium","items":[1,2],"gift":false}}"#,
            r#"{"type":"track","event":"Order Completed","timestamp":"2026-01-01T10:00:00Z","properties":{"total":"120","coupon":null}}"#,
            r#"{"type":"identify","userId":"u1","timestamp":"2026-01-03T10:00:00Z","traits":{"email":"kari@example.no","age":41}}"#,
            r#"{"type":"page","name":"Home","timestamp":"2026-01-03T11:00:00Z","properties":{"path":"/"}}"#,
            "not json",
        ];
        for (i, e) in events.iter().enumerate() {
            plan.push_text(i as i64 + 1, e);
        }
        // Seen again after a re-read: not counted twice.
        assert!(!plan.push_text(1, events[0]));
        let order = &plan.events[&("track".to_owned(), "Order Completed".to_owned())];
        assert_eq!(order.count, 2);
        assert_eq!(order.first_seen.to_string(), "2026-01-01T10:00:00Z");
        assert_eq!(order.last_seen.to_string(), "2026-01-02T10:00:00Z");
        assert_eq!(order.properties["total"].count, 2);
        assert_eq!(order.properties["total"].type_names(), ["string", "number"]);
        assert_eq!(order.properties["items"].type_names(), ["array"]);
        assert_eq!(order.properties["gift"].type_names(), ["boolean"]);
        assert_eq!(order.properties["coupon"].type_names(), ["null"]);
        assert_eq!(plan.traits()["email"].type_names(), ["string"]);
        assert_eq!(plan.event_names(), ["Order Completed", "Home"]);
        assert!(plan.has_event("Home") && !plan.has_event("Nope"));
        assert_eq!(plan.total(), 4);
        assert_eq!(plan.cursor, 5);
    }

    #[test]
    fn caps_the_kinds_listed() {
        let mut plan = TrackingPlan::default();
        for i in 0..(MAX_EVENTS + 3) {
            plan.push_text(
                i as i64 + 1,
                &format!(r#"{{"type":"track","event":"e{i}","timestamp":"2026-01-01T00:00:00Z"}}"#),
            );
        }
        assert_eq!(plan.events.len(), MAX_EVENTS);
        assert_eq!(plan.unlisted, 3);
        assert_eq!(plan.total(), (MAX_EVENTS + 3) as u64);
    }

    #[test]
    fn snapshot_round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut plan = TrackingPlan::default();
        plan.push_text(
            7,
            r#"{"type":"track","event":"A","timestamp":"2026-01-01T00:00:00Z","properties":{"x":1}}"#,
        );
        save(dir.path(), "ws", &plan).expect("save");
        assert_eq!(load(dir.path(), "ws").expect("load"), plan);
        assert!(matches!(
            load(dir.path(), "other"),
            Err(SnapshotError::Missing(_))
        ));
    }
}
