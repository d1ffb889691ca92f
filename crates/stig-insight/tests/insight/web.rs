//! Page and campaign context in the index: a customer's channel falls back to what their
//! campaign tags or referrer say, page signals make runs, and an edit of a page or campaign
//! signal is a change of what events mean (the live state reads them again).

use std::sync::Arc;

use jiff::Timestamp;
use serde_json::{Value, json};
use stig_insight::index::DesignKeys;
use stig_insight::{Index, IndexBuilder};
use stig_model::{Signal, Workspace};

use crate::support::{build, example};

/// arctic-winter with the flight-booking touchpoint (web) signalled by page views.
fn workspace() -> Workspace {
    let mut ws = example("arctic-winter");
    let tp = ws
        .touchpoints
        .iter_mut()
        .find(|t| t.id == "flybestilling")
        .expect("touchpoint");
    tp.signals = vec![Signal {
        page: Some("/fly/**".into()),
        ..Signal::default()
    }];
    ws
}

fn line(mut v: Value, who: &str, at: &str, seq: usize) -> String {
    v["anonymousId"] = json!(who);
    v["timestamp"] = json!(at);
    v["messageId"] = json!(format!("m{seq}"));
    v.to_string()
}

fn page(path: &str, referrer: &str, campaign: Value) -> Value {
    let url = format!("https://visitarktis.no{path}");
    let page = json!({"path": path, "url": url, "referrer": referrer});
    json!({"type": "page", "properties": page, "context": {"page": page, "campaign": campaign}})
}

fn channel_of(ix: &Index, id: &str) -> String {
    let c = (0..ix.customer_count())
        .find(|&c| ix.directory.cards[c].id == id)
        .expect("customer");
    ix.channels
        .get(usize::from(ix.customers.channel[c]))
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_customers_channel_falls_back_to_campaign_and_referrer() {
    let ws = workspace();
    let email = json!({"source": "nyhetsbrev", "medium": "email"});
    let events = [
        // Came from the newsletter straight onto the booking page: email, not web.
        (
            "a",
            "2025-01-01T10:00:00Z",
            page("/fly/tromso", "", email.clone()),
        ),
        // Came from Google, looked around, booked later.
        (
            "b",
            "2025-01-01T10:00:00Z",
            page("/", "https://www.google.no/", json!({})),
        ),
        (
            "b",
            "2025-01-02T10:00:00Z",
            page("/fly/tromso", "https://visitarktis.no/", json!({})),
        ),
        // Booked first; the newsletter came later: the touchpoint's channel says how.
        (
            "c",
            "2025-01-01T10:00:00Z",
            page("/fly/tromso", "", json!({})),
        ),
        ("c", "2025-01-05T10:00:00Z", page("/", "", email.clone())),
        // A `channel` trait says otherwise.
        (
            "d",
            "2025-01-01T10:00:00Z",
            page("/fly/x", "https://t.co/x", json!({})),
        ),
        (
            "d",
            "2025-01-01T11:00:00Z",
            json!({"type": "identify", "traits": {"channel": "store"}}),
        ),
        // Internal navigation and an unknown medium say nothing: direct, no touchpoint.
        (
            "e",
            "2025-01-01T10:00:00Z",
            page("/om", "https://visitarktis.no/", json!({"medium": "x"})),
        ),
        // A paid campaign on a track call counts too.
        (
            "f",
            "2025-01-01T10:00:00Z",
            json!({"type": "track", "event": "Clicked",
                   "context": {"campaign": {"source": "google", "medium": "cpc"}}}),
        ),
    ];
    let lines: Vec<String> = events
        .into_iter()
        .enumerate()
        .map(|(i, (who, at, v))| line(v, who, at, i))
        .collect();
    let now: Timestamp = "2025-01-10T00:00:00Z".parse().expect("time");
    let (customers, ix) = build(&ws, &lines, now);
    assert_eq!(channel_of(&ix, "a"), "email");
    assert_eq!(channel_of(&ix, "b"), "search");
    assert_eq!(channel_of(&ix, "c"), "web");
    assert_eq!(channel_of(&ix, "d"), "store");
    assert_eq!(channel_of(&ix, "e"), "");
    assert_eq!(channel_of(&ix, "f"), "advertising");

    // The page views on /fly/ are runs at the flight-booking step.
    for who in ["a", "b", "c", "d"] {
        let p = customers.get(who).expect("profile");
        assert_eq!(p.instances.len(), 1, "{who}");
        assert_eq!(p.instances[0].hits[0].touchpoint, "flybestilling", "{who}");
    }
    assert!(customers.get("e").expect("profile").instances.is_empty());
    assert_eq!(
        customers.get("a").expect("profile").came_via.map(|c| c.1),
        Some("email")
    );

    // Fed in two batches with a refresh between, the index is the same.
    let mut live = IndexBuilder::new(Arc::new(ws.clone()));
    for (seq, l) in lines.iter().enumerate() {
        live.push_text(seq as i64, l);
        if seq == 3 {
            live.refresh(now);
        }
    }
    live.refresh(now);
    for who in ["a", "b", "c", "d", "e", "f"] {
        assert_eq!(channel_of(live.index(), who), channel_of(&ix, who), "{who}");
    }
}

#[test]
fn editing_a_page_or_campaign_signal_changes_what_events_mean() {
    let ws = workspace();
    let keys = DesignKeys::of(&ws, false);
    let edit = |f: &dyn Fn(&mut Signal)| {
        let mut w = ws.clone();
        let tp = w
            .touchpoints
            .iter_mut()
            .find(|t| t.id == "flybestilling")
            .expect("touchpoint");
        f(&mut tp.signals[0]);
        DesignKeys::of(&w, false)
    };
    for (what, changed) in [
        ("page", edit(&|s| s.page = Some("/fly/*".into()))),
        (
            "utm_source",
            edit(&|s| s.utm_source = Some("nyhetsbrev".into())),
        ),
        ("utm_medium", edit(&|s| s.utm_medium = Some("email".into()))),
        (
            "utm_campaign",
            edit(&|s| s.utm_campaign = Some("vinter".into())),
        ),
        ("event", edit(&|s| s.event = Some("Page Viewed".into()))),
    ] {
        assert_ne!(changed.matching, keys.matching, "{what}");
        assert_eq!(changed.deriving, keys.deriving, "{what}");
    }
    assert_eq!(edit(&|_| {}), keys, "no edit, same keys");
}
