//! [`Activity`]: what the customer stages need of one stored event, read back from its
//! Segment JSON.

use std::borrow::Cow;

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::value::RawValue;
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
    /// The page it happened on and the campaign that brought the visitor, when sent.
    pub web: Option<Box<Web>>,
    /// Segment's consent object, `context.consent.categoryPreferences`, when sent (an empty
    /// map too: it withdraws every category; see [`super::consent`]).
    pub consent: Option<Map<String, Value>>,
}

/// The page and campaign context browser SDKs send with every call: `context.page` (a page
/// call's own `properties` first) and `context.campaign`, which analytics.js fills from the
/// page's `utm_*` parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Web {
    pub path: Option<String>,
    pub url: Option<String>,
    pub referrer: Option<String>,
    /// `utm_source`.
    pub source: Option<String>,
    /// `utm_medium`.
    pub medium: Option<String>,
    /// `utm_campaign`.
    pub campaign: Option<String>,
}

impl Web {
    /// Reads the context of an event of `kind` with these properties; `None` when it says
    /// nothing of a page or campaign.
    fn read(
        kind: EventType,
        properties: &Map<String, Value>,
        page: Option<&Value>,
        campaign: Option<&Value>,
    ) -> Option<Box<Web>> {
        let text = |v: Option<&Value>| {
            v.and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let own = (kind == EventType::Page).then_some(properties);
        let field = |k: &str| {
            text(own.and_then(|p| p.get(k))).or_else(|| text(page.and_then(|p| p.get(k))))
        };
        let tag = |k: &str| text(campaign.and_then(|c| c.get(k)));
        let web = Web {
            path: field("path"),
            url: field("url"),
            referrer: field("referrer"),
            source: tag("source"),
            medium: tag("medium"),
            campaign: tag("name"),
        };
        (web != Web::default()).then(|| Box::new(web))
    }
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
        let context = obj.get("context");
        if traits.is_empty() {
            traits = map(context.and_then(|c| c.get("traits")));
        }
        let properties = map(obj.get("properties"));
        let web = Web::read(
            kind,
            &properties,
            context.and_then(|c| c.get("page")),
            context.and_then(|c| c.get("campaign")),
        );
        let consent = context
            .and_then(|c| c.get("consent"))
            .and_then(|c| c.get("categoryPreferences"))
            .and_then(Value::as_object)
            .cloned();
        let activity = Activity {
            seq,
            kind,
            user_id: text("userId"),
            anonymous_id: text("anonymousId"),
            previous_id: text("previousId"),
            name,
            timestamp: text("timestamp")?.parse().ok()?,
            properties,
            traits,
            web,
            consent,
        };
        (activity.user_id.is_some() || activity.anonymous_id.is_some()).then_some(activity)
    }

    /// Reads a stored event from its JSON text, parsing `properties` only when `wanted` says
    /// the event's name matters (a touchpoint signal), they may carry a score or they are a
    /// page call's (the page itself): most events need only their ids, name and time, and
    /// skipping the rest is most of the cost. The context is read only for its page, campaign
    /// and traits.
    pub fn from_segment_text(
        seq: i64,
        text: &str,
        wanted: impl Fn(&str) -> bool,
    ) -> Option<Activity> {
        let wire: Wire<'_> = serde_json::from_str(text).ok()?;
        let kind: EventType = wire.kind.parse().ok()?;
        let nonempty = |v: Option<Cow<'_, str>>| v.filter(|s| !s.is_empty()).map(Cow::into_owned);
        let name = match kind {
            EventType::Track => nonempty(wire.event),
            EventType::Page | EventType::Screen => nonempty(wire.name),
            _ => None,
        };
        let parse = |raw: Option<&RawValue>| -> Map<String, Value> {
            raw.and_then(|r| serde_json::from_str(r.get()).ok())
                .unwrap_or_default()
        };
        let properties = match wire.properties {
            Some(raw)
                if kind == EventType::Page
                    || name.as_deref().is_some_and(&wanted)
                    || raw.get().contains("score_type") =>
            {
                parse(Some(raw))
            }
            _ => Map::new(),
        };
        let mut traits = parse(wire.traits);
        let context = wire.context.map(RawValue::get).unwrap_or_default();
        if traits.is_empty() && context.contains("\"traits\"") {
            let context: Map<String, Value> = parse(wire.context);
            traits = context
                .get("traits")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
        }
        // Only the page, campaign and consent of the context, and only when it may have them.
        let (mut page, mut campaign, mut consent) = (None, None, None);
        if context.contains("\"page\"")
            || context.contains("\"campaign\"")
            || context.contains("\"consent\"")
        {
            let parts: WireContext<'_> = serde_json::from_str(context).unwrap_or_default();
            let value = |raw: Option<&RawValue>| -> Option<Value> {
                raw.and_then(|r| serde_json::from_str(r.get()).ok())
            };
            (page, campaign) = (value(parts.page), value(parts.campaign));
            consent = value(parts.consent).and_then(|c| match c {
                Value::Object(mut c) => match c.remove("categoryPreferences") {
                    Some(Value::Object(p)) => Some(p),
                    _ => None,
                },
                _ => None,
            });
        }
        let web = Web::read(kind, &properties, page.as_ref(), campaign.as_ref());
        let activity = Activity {
            seq,
            kind,
            user_id: nonempty(wire.user_id),
            anonymous_id: nonempty(wire.anonymous_id),
            previous_id: nonempty(wire.previous_id),
            name,
            timestamp: wire.timestamp?.parse().ok()?,
            properties,
            traits,
            web,
            consent,
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

/// The fields the stages read, borrowed from the JSON text where it can be.
#[derive(Deserialize)]
struct Wire<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(rename = "userId", borrow, default, deserialize_with = "id")]
    user_id: Option<Cow<'a, str>>,
    #[serde(rename = "anonymousId", borrow, default, deserialize_with = "id")]
    anonymous_id: Option<Cow<'a, str>>,
    #[serde(rename = "previousId", borrow, default, deserialize_with = "id")]
    previous_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    event: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    timestamp: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    properties: Option<&'a RawValue>,
    #[serde(borrow, default)]
    traits: Option<&'a RawValue>,
    #[serde(borrow, default)]
    context: Option<&'a RawValue>,
}

/// The parts of a context the stages read, left as text until wanted.
#[derive(Deserialize, Default)]
struct WireContext<'a> {
    #[serde(borrow, default)]
    page: Option<&'a RawValue>,
    #[serde(borrow, default)]
    campaign: Option<&'a RawValue>,
    #[serde(borrow, default)]
    consent: Option<&'a RawValue>,
}

/// Ids are strings as stored (the collector turns numeric ids into their text); anything else
/// reads as no id.
fn id<'de: 'a, 'a, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id<'a> {
        Text(#[serde(borrow)] Cow<'a, str>),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Option::<Id<'a>>::deserialize(d)? {
        Some(Id::Text(s)) => Some(s),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_json_read_the_same() {
        let body = serde_json::json!({
            "type": "track", "userId": "kari", "anonymousId": "a\"é", "event": "Order Completed",
            "timestamp": "2026-05-01T10:00:00Z", "properties": {"score_type": "nps", "score": 9},
            "context": {"traits": {"plan": "plus"}}, "messageId": "m1"
        });
        let text = body.to_string();
        let from_text = Activity::from_segment_text(7, &text, |_| false).expect("text");
        let from_json = Activity::from_segment(7, &body).expect("json");
        assert_eq!(from_text, from_json);
        let plain = text.replace("score_type", "kind");
        let skipped = Activity::from_segment_text(7, &plain, |_| false).expect("text");
        assert!(
            skipped.properties.is_empty(),
            "properties nobody needs are not parsed"
        );
        let wanted =
            Activity::from_segment_text(7, &plain, |n| n == "Order Completed").expect("text");
        assert_eq!(wanted.properties["kind"], "nps");
    }
}
