//! Touchpoint matching: which designed touchpoints an event is a sign of.
//!
//! Each touchpoint lists its signals in the journey model: an event name and property
//! conditions that must all hold (`{ event = "Order Completed", where = { channel = "web" } }`),
//! and optionally the page it happened on (`page = "/booking/*"`) and the campaign that
//! brought the visitor (`utm_source`, `utm_medium`, `utm_campaign`), read off the event's
//! page and campaign context ([`Web`]). A track event matches by its event name, a page or
//! screen by its name; a signal without an event name matches page views (page calls).

use std::collections::HashMap;

use serde_json::{Map, Value};
use stig_model::{PagePattern, PropertyValue, Signal, Workspace};

use super::activity::{Activity, Web};
use crate::event::EventType;

/// A signal ready to match: its page pattern compiled.
#[derive(Debug)]
struct Compiled {
    touchpoint: usize,
    signal: Signal,
    page: Option<PagePattern>,
}

impl Compiled {
    /// Whether an event with these properties and context matches (its name already has).
    fn holds(&self, properties: &Map<String, Value>, web: Option<&Web>) -> bool {
        let s = &self.signal;
        let page = self
            .page
            .as_ref()
            .is_none_or(|p| web.is_some_and(|w| p.matches(w.path.as_deref(), w.url.as_deref())));
        let tag = |want: &Option<String>, got: Option<&Option<String>>| {
            want.as_deref().is_none_or(|w| {
                got.and_then(Option::as_deref)
                    .is_some_and(|g| g.trim().eq_ignore_ascii_case(w.trim()))
            })
        };
        page && tag(&s.utm_source, web.map(|w| &w.source))
            && tag(&s.utm_medium, web.map(|w| &w.medium))
            && tag(&s.utm_campaign, web.map(|w| &w.campaign))
            && s.conditions
                .iter()
                .all(|(key, want)| properties.get(key).is_some_and(|v| holds(want, v)))
    }
}

/// The signals of a workspace's touchpoints, by event name (and those of page views).
#[derive(Debug, Default)]
pub struct TouchpointMatcher {
    by_event: HashMap<String, Vec<Compiled>>,
    /// Signals without an event name: any page view.
    pages: Vec<Compiled>,
    ids: Vec<String>,
}

impl TouchpointMatcher {
    pub fn new(ws: &Workspace) -> Self {
        let mut m = TouchpointMatcher {
            ids: ws.touchpoints.iter().map(|t| t.id.clone()).collect(),
            ..TouchpointMatcher::default()
        };
        for (i, tp) in ws.touchpoints.iter().enumerate() {
            for signal in tp.signals.iter().filter(|s| !s.is_empty()) {
                // `stig check` reports a bad pattern; until it is fixed the signal matches
                // nothing rather than everything.
                let page = match signal.page.as_deref().map(PagePattern::new) {
                    Some(Err(_)) => continue,
                    Some(Ok(p)) => Some(p),
                    None => None,
                };
                let compiled = Compiled {
                    touchpoint: i,
                    signal: signal.clone(),
                    page,
                };
                match &signal.event {
                    Some(event) => m.by_event.entry(event.clone()).or_default().push(compiled),
                    None => m.pages.push(compiled),
                }
            }
        }
        m
    }

    /// The touchpoints (indices into the workspace's) an event named `name` with these
    /// properties and no page or campaign context is a sign of, each once, in workspace order.
    pub fn matches(&self, name: &str, properties: &Map<String, Value>) -> Vec<usize> {
        self.hits(name, false, properties, None)
    }

    /// The touchpoints (indices into the workspace's) an event is a sign of, each once, in
    /// workspace order: by its name, properties, page and campaign.
    pub fn matches_activity(&self, a: &Activity) -> Vec<usize> {
        self.hits(
            a.name.as_deref().unwrap_or_default(),
            a.kind == EventType::Page,
            &a.properties,
            a.web.as_deref(),
        )
    }

    fn hits(
        &self,
        name: &str,
        is_page: bool,
        properties: &Map<String, Value>,
        web: Option<&Web>,
    ) -> Vec<usize> {
        let named = (!name.is_empty())
            .then(|| self.by_event.get(name))
            .flatten()
            .into_iter()
            .flatten();
        let pages = if is_page { &self.pages[..] } else { &[] };
        let mut hits: Vec<usize> = named
            .chain(pages)
            .filter(|c| c.holds(properties, web))
            .map(|c| c.touchpoint)
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// Whether any signal is an event of this name.
    pub fn knows(&self, name: &str) -> bool {
        self.by_event.contains_key(name)
    }

    /// The id of a touchpoint by index.
    pub fn id(&self, index: usize) -> &str {
        &self.ids[index]
    }

    /// The index of a touchpoint by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|t| t == id)
    }
}

/// Whether a property value satisfies a condition: equal, numbers compared as numbers.
pub fn holds(want: &PropertyValue, got: &Value) -> bool {
    match (want, got) {
        (PropertyValue::Bool(w), Value::Bool(g)) => w == g,
        (PropertyValue::Text(w), Value::String(g)) => w == g,
        (PropertyValue::Integer(w), Value::Number(g)) => g.as_f64() == Some(*w as f64),
        (PropertyValue::Float(w), Value::Number(g)) => g.as_f64() == Some(*w),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_signal_matches_its_event_when_every_condition_holds() {
        let touchpoints = serde_json::from_value(json!([
                {"id": "web", "name": "Web", "channel": "web", "mode": "digital", "owner": "own",
                 "discipline": "deliver",
                 "signal": [{"event": "Order Completed", "where": {"channel": "web", "step": 2}}]},
                {"id": "any", "name": "Any", "channel": "web", "mode": "digital", "owner": "own",
                 "discipline": "deliver", "signal": [{"event": "Order Completed"}]}
        ]))
        .expect("touchpoints");
        let ws = Workspace {
            touchpoints,
            ..Workspace::default()
        };
        let m = TouchpointMatcher::new(&ws);
        let props = |v: Value| v.as_object().cloned().unwrap_or_default();
        assert_eq!(
            m.matches(
                "Order Completed",
                &props(json!({"channel": "web", "step": 2.0}))
            ),
            [0, 1]
        );
        assert_eq!(
            m.matches(
                "Order Completed",
                &props(json!({"channel": "app", "step": 2}))
            ),
            [1]
        );
        assert!(m.matches("Order Viewed", &Map::new()).is_empty());
    }

    /// A workspace whose touchpoints have these signals (one touchpoint each).
    fn matcher(signals: Value) -> TouchpointMatcher {
        let touchpoints = signals
            .as_array()
            .expect("signals")
            .iter()
            .enumerate()
            .map(|(i, s)| {
                serde_json::from_value(json!({
                    "id": format!("tp{i}"), "name": "T", "channel": "web", "mode": "digital",
                    "owner": "own", "discipline": "deliver", "signal": [s]}))
                .expect("touchpoint")
            })
            .collect();
        TouchpointMatcher::new(&Workspace {
            touchpoints,
            ..Workspace::default()
        })
    }

    fn event(body: Value) -> Activity {
        let mut body = body;
        body["anonymousId"] = json!("a1");
        body["timestamp"] = json!("2026-05-01T10:00:00Z");
        let text = body.to_string();
        let a = Activity::from_segment_text(1, &text, |_| true).expect("readable");
        assert_eq!(
            Some(&a),
            Activity::from_segment(1, &body).as_ref(),
            "text and JSON read the same"
        );
        a
    }

    /// An analytics.js page call on `url`, with its referrer and campaign.
    fn page_view(url: &str, campaign: Value) -> Activity {
        let path = url
            .split_once("://")
            .and_then(|(_, r)| r.find('/').map(|i| &r[i..]))
            .unwrap_or("/")
            .split('?')
            .next()
            .unwrap_or("/")
            .to_owned();
        let page = json!({"path": path, "url": url, "referrer": "", "title": "Fjordnett"});
        event(json!({"type": "page", "properties": page,
            "context": {"page": page, "campaign": campaign, "library": {"name": "analytics.js"}}}))
    }

    #[test]
    fn page_views_match_by_path_and_url_patterns() {
        let m = matcher(json!([
            {"page": "/booking/*"},
            {"page": "/booking/**"},
            {"page": "https://shop.example.no/checkout*"},
            {"event": "Booking", "page": "/booking/*"},
            {"page": "/booking/*", "where": {"title": "Fjordnett"}}
        ]));
        let at = |url: &str| m.matches_activity(&page_view(url, json!({})));
        assert_eq!(at("https://shop.example.no/booking/room?x=1"), [0, 1, 4]);
        assert_eq!(at("https://shop.example.no/booking/room/2"), [1]);
        assert_eq!(at("https://shop.example.no/checkout?step=2"), [2]);
        assert_eq!(at("https://shop.example.no/checkout-2"), [2]);
        assert!(at("https://shop.example.no/about").is_empty());
        assert!(at("https://other.example.no/checkout").is_empty());

        // A named page call matches a signal with its name too.
        let named = event(json!({"type": "page", "name": "Booking",
            "properties": {"path": "/booking/room"}}));
        assert_eq!(m.matches_activity(&named), [0, 1, 3]);

        // A track call is not a page view, even on the page.
        let track = event(json!({"type": "track", "event": "Clicked",
            "context": {"page": {"path": "/booking/room"}}}));
        assert!(m.matches_activity(&track).is_empty());
        // A screen call neither.
        let screen = event(json!({"type": "screen", "name": "Booking",
            "properties": {"path": "/booking/room"}}));
        assert!(m.matches_activity(&screen).is_empty());
        // A page call from a server SDK with the URL alone: the path is the URL's.
        let server = event(json!({"type": "page",
            "properties": {"url": "https://shop.example.no/booking/x"}}));
        assert_eq!(m.matches_activity(&server), [0, 1]);
        // No page context at all: no page signal matches.
        let bare = event(json!({"type": "page"}));
        assert!(m.matches_activity(&bare).is_empty());
    }

    #[test]
    fn campaign_signals_match_utm_source_and_medium() {
        let m = matcher(json!([
            {"utm_source": "newsletter", "utm_medium": "email"},
            {"utm_medium": "email"},
            {"utm_campaign": "familiepakke", "page": "/familie/*"},
            {"event": "Order Completed", "utm_source": "newsletter"},
            {"event": "Order Completed", "page": "/checkout/*"}
        ]));
        let newsletter = json!({"source": "Newsletter", "medium": "email", "name": "mai"});
        assert_eq!(
            m.matches_activity(&page_view("https://fjordnett.no/", newsletter.clone())),
            [0, 1],
            "values compare without case"
        );
        assert_eq!(
            m.matches_activity(&page_view(
                "https://fjordnett.no/",
                json!({"source": "facebook", "medium": "email"})
            )),
            [1]
        );
        assert_eq!(
            m.matches_activity(&page_view(
                "https://fjordnett.no/familie/pakke",
                json!({"name": "familiepakke", "source": "brosjyre"})
            )),
            [2]
        );
        assert!(
            m.matches_activity(&page_view("https://fjordnett.no/familie/pakke", json!({})))
                .is_empty(),
            "no campaign, no match"
        );

        // A track call carries the same context.
        let order = |campaign: Value, path: &str| {
            event(json!({"type": "track", "event": "Order Completed",
                "properties": {"revenue": 499},
                "context": {"campaign": campaign, "page": {"path": path}}}))
        };
        assert_eq!(
            m.matches_activity(&order(newsletter, "/checkout/done")),
            [3, 4]
        );
        assert_eq!(
            m.matches_activity(&order(json!({"source": "google"}), "/cart")),
            Vec::<usize>::new()
        );
        // Malformed context reads as none, and matches nothing that needs it.
        let odd = event(json!({"type": "track", "event": "Order Completed",
            "context": {"campaign": "newsletter", "page": 7}}));
        assert!(odd.web.is_none());
        assert!(m.matches_activity(&odd).is_empty());
    }

    #[test]
    fn a_bad_pattern_matches_nothing() {
        let m = matcher(json!([{"page": "/booking/[abc"}, {"page": "booking"}, {}]));
        let a = page_view("https://fjordnett.no/booking/a", json!({}));
        assert!(m.matches_activity(&a).is_empty());
    }
}
