//! Consent: what each customer agreed to, read from their events, with its history.
//!
//! Two ways in, both on any call:
//! - Segment's consent object, `context.consent.categoryPreferences` (`{"Marketing": true,
//!   "Analytics": false}`), as Segment's Consent Management and the consent managers it
//!   integrates send it. As in Segment's profiles, an *empty* object sets every category the
//!   customer had to `false` (they withdrew everything); an event without the object changes
//!   nothing.
//! - A `consent` trait holding the same map (`traits.consent = {"marketing": true}`), for
//!   apps that keep communication preferences as traits (what Segment recommends for them).
//!   Only the categories named change.
//!
//! Categories are compared by [`consent_key`] (`DataSharing` = `data-sharing`) and shown as
//! first sent. A moment action's [`Purpose`] needs an explicit grant of its category (see
//! [`Consent::allows`]); `service` needs none.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use stig_model::{Purpose, consent_key};

use super::Activity;

/// Where a consent statement came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// `context.consent.categoryPreferences`.
    Context,
    /// The `consent` trait.
    Trait,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Context => "context",
            Source::Trait => "trait",
        }
    }
}

/// What one event says about consent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Said {
    /// The event's arrival number.
    pub seq: i64,
    /// The event: a track call's name, else its type (`identify`, `page`, …).
    pub event: String,
    /// From the consent object: `None` without one; `Some(empty)` withdraws everything.
    pub context: Option<Vec<(String, bool)>>,
    /// From the `consent` trait.
    pub traits: Vec<(String, bool)>,
}

impl Said {
    /// What `a` says about consent; `None` when it says nothing.
    pub fn read(a: &Activity) -> Option<Said> {
        let context = a.consent.as_ref().map(categories);
        let traits = a
            .traits
            .get("consent")
            .and_then(Value::as_object)
            .map(categories)
            .unwrap_or_default();
        if context.is_none() && traits.is_empty() {
            return None;
        }
        Some(Said {
            seq: a.seq,
            event: a
                .name
                .clone()
                .filter(|_| a.kind == crate::event::EventType::Track)
                .unwrap_or_else(|| a.kind.as_str().to_owned()),
            context,
            traits,
        })
    }
}

/// The categories of a preferences map: those with a boolean value (anything else says
/// nothing a moment could act on).
fn categories(map: &Map<String, Value>) -> Vec<(String, bool)> {
    map.iter()
        .filter(|(k, _)| !consent_key(k).is_empty())
        .filter_map(|(k, v)| v.as_bool().map(|b| (k.trim().to_owned(), b)))
        .collect()
}

/// One category's state as an event set it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub at: Timestamp,
    /// As first sent (`Marketing`).
    pub category: String,
    pub granted: bool,
    pub source: Source,
    /// The event that said so: its arrival number and name or type.
    pub seq: i64,
    pub event: String,
}

/// A customer's consent now: per category (by [`consent_key`]), granted or not and since
/// when. Small: kept by the moment engine for every customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    /// Key → (category as first sent, granted, since: nanoseconds since 1970).
    latest: BTreeMap<String, (String, bool, i64)>,
}

impl Consent {
    /// Applies what an event at `at` said; returns the categories whose state changed (or
    /// was first stated), in the order applied, with where each came from.
    pub fn apply(&mut self, at: Timestamp, said: &Said) -> Vec<(String, bool, Source)> {
        let ns = at
            .as_nanosecond()
            .clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
        let mut stated: Vec<(String, bool, Source)> = Vec::new();
        match &said.context {
            Some(c) if c.is_empty() => {
                let had: Vec<String> = self.latest.values().map(|v| v.0.clone()).collect();
                stated.extend(had.into_iter().map(|c| (c, false, Source::Context)));
            }
            Some(c) => stated.extend(c.iter().map(|(k, b)| (k.clone(), *b, Source::Context))),
            None => {}
        }
        stated.extend(
            said.traits
                .iter()
                .map(|(k, b)| (k.clone(), *b, Source::Trait)),
        );
        let mut changed = Vec::new();
        for (category, granted, source) in stated {
            let key = consent_key(&category);
            match self.latest.get_mut(&key) {
                Some(v) if v.1 == granted => {}
                Some(v) => {
                    (v.1, v.2) = (granted, ns);
                    changed.push((v.0.clone(), granted, source));
                }
                None => {
                    self.latest.insert(key, (category.clone(), granted, ns));
                    changed.push((category, granted, source));
                }
            }
        }
        changed
    }

    /// Whether an action for `purpose` may reach the customer: `service` always; any other
    /// purpose only with the customer's latest word on its category a grant.
    pub fn allows(&self, purpose: Purpose) -> bool {
        !purpose.needs_consent() || self.latest.get(&purpose.category()).is_some_and(|v| v.1)
    }

    /// Two people found to be one: per category, the later statement wins.
    pub fn merge(&mut self, other: Consent) {
        for (k, v) in other.latest {
            match self.latest.get(&k) {
                Some(mine) if mine.2 >= v.2 => {}
                _ => {
                    self.latest.insert(k, v);
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.latest.is_empty()
    }

    /// Category (as first sent) → granted.
    pub fn granted(&self) -> BTreeMap<String, bool> {
        self.latest
            .values()
            .map(|(c, g, _)| (c.clone(), *g))
            .collect()
    }
}

/// A customer's consent history from their events' statements in time order: only the
/// statements that changed a category (or stated it first).
pub fn history<'a>(said: impl IntoIterator<Item = (Timestamp, &'a Said)>) -> Vec<Change> {
    let mut consent = Consent::default();
    let mut out = Vec::new();
    for (at, s) in said {
        for (category, granted, source) in consent.apply(at, s) {
            out.push(Change {
                at,
                category,
                granted,
                source,
                seq: s.seq,
                event: s.event.clone(),
            });
        }
    }
    out
}

/// One category as the profile shows it: its state now, since when, and every change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub category: String,
    pub granted: bool,
    pub since: Timestamp,
    /// Every change of it, oldest first.
    pub history: Vec<Change>,
}

/// The history grouped per category (by [`consent_key`]), in the order first stated.
pub fn by_category(history: &[Change]) -> Vec<Category> {
    let mut out: Vec<Category> = Vec::new();
    for c in history {
        let key = consent_key(&c.category);
        match out.iter_mut().find(|x| consent_key(&x.category) == key) {
            Some(x) => {
                (x.granted, x.since) = (c.granted, c.at);
                x.history.push(c.clone());
            }
            None => out.push(Category {
                category: c.category.clone(),
                granted: c.granted,
                since: c.at,
                history: vec![c.clone()],
            }),
        }
    }
    out
}

/// A customer's consent as the person export writes it: per category its state, since when
/// and its history (each change with its time, source and event).
pub fn export_json(history: &[Change]) -> Value {
    let categories: Vec<Value> = by_category(history)
        .into_iter()
        .map(|c| {
            json!({
                "category": c.category,
                "granted": c.granted,
                "since": c.since.to_string(),
                "history": c.history.iter().map(|h| json!({
                    "at": h.at.to_string(),
                    "granted": h.granted,
                    "source": h.source.as_str(),
                    "event": h.event,
                    "seq": h.seq,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(categories)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().expect("test time")
    }

    fn event(seq: i64, body: Value) -> Activity {
        let mut body = body;
        body["userId"] = json!("kari");
        body["timestamp"] = json!("2026-05-01T10:00:00Z");
        let text = body.to_string();
        let a = Activity::from_segment_text(seq, &text, |_| false).expect("readable");
        assert_eq!(
            Some(&a),
            Activity::from_segment(seq, &body).as_ref(),
            "text and JSON read the same"
        );
        a
    }

    fn prefs(seq: i64, p: Value) -> Said {
        Said::read(&event(
            seq,
            json!({"type": "track", "event": "Page Viewed", "context": {"consent": {"categoryPreferences": p}}}),
        ))
        .expect("consent said")
    }

    #[test]
    fn the_consent_object_and_the_trait_are_read() {
        let s = prefs(
            1,
            json!({"Marketing": true, "Analytics": false, "Bad": "yes"}),
        );
        assert_eq!(s.event, "Page Viewed");
        assert_eq!(
            s.context,
            Some(vec![
                ("Analytics".into(), false),
                ("Marketing".into(), true)
            ])
        );
        let s = Said::read(&event(
            2,
            json!({"type": "identify", "traits": {"consent": {"marketing": false}}}),
        ))
        .expect("consent said");
        assert_eq!((s.event.as_str(), s.context), ("identify", None));
        assert_eq!(s.traits, vec![("marketing".into(), false)]);
        let nothing = event(
            3,
            json!({"type": "track", "event": "X", "context": {"ip": "1"}}),
        );
        assert_eq!(Said::read(&nothing), None);
    }

    #[test]
    fn history_keeps_changes_in_time_order_and_the_latest_decides() {
        let grant = prefs(1, json!({"Marketing": true, "Analytics": true}));
        let same = prefs(2, json!({"Marketing": true}));
        let revoke = Said {
            seq: 3,
            event: "identify".into(),
            context: None,
            traits: vec![("marketing".into(), false)],
        };
        let h = history([
            (at("2026-05-01T10:00:00Z"), &grant),
            (at("2026-05-02T10:00:00Z"), &same),
            (at("2026-05-03T10:00:00Z"), &revoke),
        ]);
        let rows: Vec<(&str, bool, i64)> = h
            .iter()
            .map(|c| (c.category.as_str(), c.granted, c.seq))
            .collect();
        assert_eq!(
            rows,
            [
                ("Analytics", true, 1),
                ("Marketing", true, 1),
                ("Marketing", false, 3)
            ]
        );
        let cats = by_category(&h);
        assert_eq!(cats[1].category, "Marketing");
        assert!(!cats[1].granted);
        assert_eq!(cats[1].since, at("2026-05-03T10:00:00Z"));
        assert_eq!(cats[1].history.len(), 2);
        let exported = export_json(&h);
        assert_eq!(exported[1]["history"][1]["source"], "trait");
        assert_eq!(exported[1]["granted"], false);
    }

    #[test]
    fn an_empty_consent_object_withdraws_everything() {
        let mut c = Consent::default();
        c.apply(
            at("2026-05-01T10:00:00Z"),
            &prefs(1, json!({"Marketing": true, "DataSharing": true})),
        );
        assert!(c.allows(Purpose::Marketing));
        assert!(
            c.allows(Purpose::DataSharing),
            "DataSharing is data-sharing"
        );
        assert!(!c.allows(Purpose::Analytics), "never stated: no consent");
        assert!(c.allows(Purpose::Service), "service needs none");
        let changed = c.apply(at("2026-05-02T10:00:00Z"), &prefs(2, json!({})));
        assert_eq!(changed.len(), 2);
        assert!(!c.allows(Purpose::Marketing));
        assert!(!c.allows(Purpose::DataSharing));
    }

    #[test]
    fn merging_two_people_keeps_the_later_word() {
        let mut a = Consent::default();
        a.apply(
            at("2026-05-01T10:00:00Z"),
            &prefs(1, json!({"Marketing": true})),
        );
        let mut b = Consent::default();
        b.apply(
            at("2026-05-02T10:00:00Z"),
            &prefs(2, json!({"marketing": false, "Analytics": true})),
        );
        a.merge(b);
        assert!(!a.allows(Purpose::Marketing));
        assert!(a.allows(Purpose::Analytics));
    }

    #[test]
    fn a_profile_carries_the_consent_history_of_every_id() {
        use std::sync::Arc;
        let mut b = super::super::CustomersBuilder::new(Arc::new(stig_model::Workspace::default()));
        let events = [
            json!({"type": "page", "anonymousId": "a1", "timestamp": "2026-05-01T10:00:00Z",
                   "context": {"consent": {"categoryPreferences": {"Marketing": true}}}}),
            json!({"type": "identify", "userId": "kari", "anonymousId": "a1",
                   "timestamp": "2026-05-02T10:00:00Z", "traits": {"email": "k@example.no"}}),
            json!({"type": "identify", "userId": "kari", "timestamp": "2026-05-03T10:00:00Z",
                   "traits": {"consent": {"marketing": false}}}),
        ];
        for (i, e) in events.iter().enumerate() {
            b.push_text(i as i64 + 1, &e.to_string());
        }
        let customers = b.finish(at("2026-06-01T00:00:00Z"));
        let p = customers.get("kari").expect("kari");
        let rows: Vec<(bool, Source, i64, &str)> = p
            .consent
            .iter()
            .map(|c| (c.granted, c.source, c.seq, c.event.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (true, Source::Context, 1, "page"),
                (false, Source::Trait, 3, "identify")
            ]
        );
    }

    #[test]
    fn the_backtest_counts_firings_a_lack_of_consent_would_suppress() {
        use std::sync::Arc;
        let moment: stig_model::Moment = toml::from_str(
            r#"id = "offer"
               name = "Offer"
               trigger = { on = "event", event = "Trip Completed" }
               [[action]]
               kind = "email"
               to = "customer"
               purpose = "marketing"
               subject = { en = "Hi" }
               body = { en = "An offer" }
               [[action]]
               kind = "task"
               title = "Call"
               "#,
        )
        .expect("test moment");
        let ev = |seq: i64, body: Value| Activity::from_segment(seq, &body).expect("test event");
        let t = |d: u32| format!("2026-05-0{d}T10:00:00Z");
        let consent = |who: &str, d: u32, granted: bool| {
            json!({"type": "identify", "userId": who, "timestamp": t(d),
                   "context": {"consent": {"categoryPreferences": {"Marketing": granted}}}})
        };
        let trip = |who: &str| json!({"type": "track", "userId": who, "event": "Trip Completed", "timestamp": t(5)});
        let events = vec![
            ev(1, consent("yes", 1, true)),
            ev(2, consent("revoked", 1, true)),
            ev(3, consent("revoked", 2, false)),
            ev(4, trip("yes")),
            ev(5, trip("revoked")),
            ev(6, trip("never")),
        ];
        let b = crate::moments::backtest(
            Arc::new(stig_model::Workspace::default()),
            &moment,
            events,
            at("2026-06-01T00:00:00Z"),
        );
        assert_eq!((b.fired, b.suppressed), (3, 2));
    }
}
