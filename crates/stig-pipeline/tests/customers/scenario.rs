//! Hand-written customers with exact expectations.

use serde_json::{Value, json};
use stig_model::Workspace;
use stig_pipeline::customers::{
    Customers, CustomersBuilder, InstanceStatus, LifecycleKind, LifecycleStatus,
};

/// A shop: browse (web) → buy (checkout) → receive (delivery) → review (survey email).
fn shop() -> Workspace {
    let touchpoint = |id: &str, event: &str| {
        serde_json::from_value(json!({
            "id": id, "name": id, "channel": "web", "mode": "digital", "owner": "own",
            "discipline": "deliver", "signal": [{"event": event}]
        }))
        .expect("touchpoint")
    };
    let journey = serde_json::from_value(json!({
        "id": "buy", "name": "Buy", "abandon_after_days": 7,
        "stage": [{"id": "look", "phase": "before", "name": "Look"},
                  {"id": "get", "phase": "during", "name": "Get"},
                  {"id": "tell", "phase": "after", "name": "Tell"}],
        "step": [
            // File order differs from display order: review is written first.
            {"id": "review", "stage": "tell", "action": "Reviews", "touchpoints": ["survey"]},
            {"id": "browse", "stage": "look", "action": "Browses", "touchpoints": ["web"]},
            {"id": "pay", "stage": "get", "action": "Pays", "touchpoints": ["checkout"]},
            {"id": "receive", "stage": "get", "action": "Receives", "touchpoints": ["delivery"]}
        ],
        "complete_at": "receive"
    }))
    .expect("journey");
    Workspace {
        touchpoints: vec![
            touchpoint("web", "Product Viewed"),
            touchpoint("checkout", "Order Completed"),
            touchpoint("delivery", "Order Delivered"),
            touchpoint("survey", "Review Written"),
        ],
        journeys: vec![journey],
        ..Workspace::default()
    }
}

fn build(ws: &Workspace, events: &[Value]) -> Customers {
    let mut b = CustomersBuilder::new(std::sync::Arc::new(ws.clone()));
    for (i, e) in events.iter().enumerate() {
        b.push_json(i as i64 + 1, e);
    }
    b.finish("2026-06-01T00:00:00Z".parse().expect("now"))
}

fn track(who: (&str, &str), event: &str, at: &str, properties: Value) -> Value {
    let mut e = json!({"type": "track", "event": event, "timestamp": at, "properties": properties});
    if !who.0.is_empty() {
        e["userId"] = json!(who.0);
    }
    if !who.1.is_empty() {
        e["anonymousId"] = json!(who.1);
    }
    e
}

#[test]
fn anonymous_history_joins_the_profile_on_identify_and_alias() {
    let ws = shop();
    let events = [
        track(
            ("", "a1"),
            "Product Viewed",
            "2026-05-01T10:00:00Z",
            json!({}),
        ),
        track(
            ("", "phone-9"),
            "Product Viewed",
            "2026-05-01T11:00:00Z",
            json!({}),
        ),
        json!({"type": "identify", "anonymousId": "a1", "userId": "kari",
               "traits": {"email": "kari@example.no", "plan": "basic"},
               "timestamp": "2026-05-01T12:00:00Z"}),
        json!({"type": "identify", "userId": "kari", "traits": {"plan": "plus"},
               "timestamp": "2026-05-03T12:00:00Z"}),
        json!({"type": "alias", "previousId": "phone-9", "userId": "kari",
               "timestamp": "2026-05-04T12:00:00Z"}),
        track(
            ("", "stranger"),
            "Product Viewed",
            "2026-05-05T10:00:00Z",
            json!({}),
        ),
    ];
    let c = build(&ws, &events);
    assert_eq!(c.profiles.len(), 2, "kari (three ids) and a stranger");
    let kari = c.get("phone-9").expect("found by a merged id");
    assert_eq!(kari.id, "kari", "the user id names the profile");
    assert_eq!(c.get("a1").map(|p| &p.id), Some(&kari.id));
    assert_eq!(kari.events, 5, "the anonymous events are hers now");
    let mut anon = kari.anonymous_ids.clone();
    anon.sort();
    assert_eq!(anon, ["a1", "phone-9"]);
    assert_eq!(kari.traits["plan"], "plus");
    assert_eq!(kari.traits["email"], "kari@example.no");
    let plan: Vec<&Value> = kari
        .trait_history
        .iter()
        .filter(|t| t.key == "plan")
        .map(|t| &t.value)
        .collect();
    assert_eq!(
        plan,
        [&json!("basic"), &json!("plus")],
        "trait history kept"
    );
    assert_eq!(kari.first_seen.to_string(), "2026-05-01T10:00:00Z");
    assert_eq!(kari.last_seen.to_string(), "2026-05-04T12:00:00Z");
    let stranger = c.get("stranger").expect("stranger");
    assert!(!stranger.is_identified());
}

#[test]
fn runs_complete_abandon_and_repeat() {
    let ws = shop();
    let ola = ("ola", "");
    let events = [
        // Run 1: browse, pay, receive (complete), then review within the timeout.
        track(ola, "Product Viewed", "2026-01-01T10:00:00Z", json!({})),
        track(ola, "Order Completed", "2026-01-01T10:30:00Z", json!({})),
        track(ola, "Order Delivered", "2026-01-03T09:00:00Z", json!({})),
        track(ola, "Review Written", "2026-01-05T09:00:00Z", json!({})),
        // Run 2: browse again (a new run: the last one is complete), then nothing for weeks.
        track(ola, "Product Viewed", "2026-02-01T10:00:00Z", json!({})),
        // Run 3: back after the 7-day timeout: run 2 was abandoned.
        track(ola, "Product Viewed", "2026-03-01T10:00:00Z", json!({})),
        track(ola, "Order Completed", "2026-03-01T10:05:00Z", json!({})),
        track(
            ola,
            "Feedback Submitted",
            "2026-03-01T10:06:00Z",
            json!({"score_type": "csat", "score": 4, "touchpoint": "checkout", "comment": "Raskt"}),
        ),
        // Run 4: still going at "now" (within the timeout).
        track(ola, "Product Viewed", "2026-05-30T10:00:00Z", json!({})),
    ];
    let c = build(&ws, &events);
    let ola = c.get("ola").expect("ola");
    let runs: Vec<(u32, InstanceStatus, &str)> = ola
        .instances
        .iter()
        .map(|i| (i.run, i.status, i.step.as_str()))
        .collect();
    assert_eq!(
        runs,
        [
            (1, InstanceStatus::Completed, "review"),
            (2, InstanceStatus::Abandoned, "browse"),
            (3, InstanceStatus::Abandoned, "pay"),
            (4, InstanceStatus::Active, "browse"),
        ]
    );
    let first = &ola.instances[0];
    let order: Vec<&str> = first.hits.iter().map(|h| h.touchpoint.as_str()).collect();
    assert_eq!(order, ["web", "checkout", "delivery", "survey"]);
    assert_eq!(first.phase, "after");
    assert_eq!(first.stage, "tell");

    assert_eq!(ola.feedback.len(), 1);
    let f = &ola.feedback[0];
    assert_eq!(f.score, 4.0);
    assert_eq!(f.touchpoint.as_deref(), Some("checkout"));
    assert_eq!(
        f.instance,
        Some(("buy".to_owned(), 3)),
        "tied to the run it was given in"
    );

    // Acquired by the first run; a purchase later changes nothing.
    assert!(matches!(&ola.lifecycle[0].kind, LifecycleKind::Acquired { via } if via == "buy"));
    assert_eq!(ola.status, LifecycleStatus::Active);
}

#[test]
fn churn_by_event_and_by_silence_then_reactivation() {
    let mut ws = shop();
    ws.settings.churn_after_days = Some(60);
    let events = [
        track(
            ("per", ""),
            "Order Completed",
            "2025-01-01T10:00:00Z",
            json!({}),
        ),
        track(
            ("per", ""),
            "Subscription Cancelled",
            "2025-02-01T10:00:00Z",
            json!({}),
        ),
        track(
            ("per", ""),
            "Product Viewed",
            "2025-06-01T10:00:00Z",
            json!({}),
        ),
        track(
            ("liv", ""),
            "Product Viewed",
            "2025-01-01T10:00:00Z",
            json!({}),
        ),
        track(
            ("bo", ""),
            "Product Viewed",
            "2025-01-01T10:00:00Z",
            json!({}),
        ),
        track(
            ("bo", ""),
            "Product Viewed",
            "2026-05-20T10:00:00Z",
            json!({}),
        ),
        track(
            ("bo", ""),
            "Score",
            "2026-05-21T10:00:00Z",
            json!({"score_type": "nps", "score": 11}),
        ),
    ];
    let c = build(&ws, &events);
    let per = c.get("per").expect("per");
    let kinds: Vec<&LifecycleKind> = per.lifecycle.iter().map(|l| &l.kind).collect();
    assert_eq!(
        kinds,
        [
            &LifecycleKind::Acquired { via: "buy".into() },
            &LifecycleKind::Churned {
                event: Some("Subscription Cancelled".into())
            },
            &LifecycleKind::Reactivated,
            &LifecycleKind::Churned { event: None },
        ]
    );
    assert_eq!(per.status, LifecycleStatus::Churned);
    assert_eq!(c.get("liv").expect("liv").status, LifecycleStatus::Churned);
    let bo = c.get("bo").expect("bo");
    assert_eq!(bo.status, LifecycleStatus::Active, "back after a silence");
    assert!(
        bo.lifecycle
            .iter()
            .any(|l| l.kind == LifecycleKind::Reactivated)
    );
    assert_eq!(c.stats.invalid_feedback, 1, "NPS 11 is refused");
    assert!(bo.feedback.is_empty());
    assert!(c.stats.invalid_feedback_examples[0].contains("0–10"));
}

#[test]
fn feeding_more_after_finishing_gives_what_feeding_all_at_once_gives() {
    let ws = std::sync::Arc::new(shop());
    let events = [
        track(
            ("", "a7"),
            "Product Viewed",
            "2026-04-01T10:00:00Z",
            json!({}),
        ),
        track(
            ("", "a7"),
            "Order Completed",
            "2026-04-01T10:10:00Z",
            json!({}),
        ),
        json!({"type": "identify", "anonymousId": "a7", "userId": "siri",
               "timestamp": "2026-04-01T10:11:00Z"}),
        track(
            ("siri", ""),
            "Order Delivered",
            "2026-04-02T10:00:00Z",
            json!({}),
        ),
    ];
    let now = "2026-06-01T00:00:00Z".parse().expect("now");
    let mut once = CustomersBuilder::new(ws.clone());
    for (i, e) in events.iter().enumerate() {
        once.push_json(i as i64, e);
    }
    let once = once.finish(now);
    let mut twice = CustomersBuilder::new(ws);
    for (i, e) in events.iter().enumerate().take(2) {
        twice.push_json(i as i64, e);
    }
    let first = twice.finish(now);
    assert_eq!(first.profiles[0].id, "a7", "anonymous until identified");
    for (i, e) in events.iter().enumerate().skip(2) {
        twice.push_json(i as i64, e);
    }
    let twice = twice.finish(now);
    assert_eq!(twice.profiles, once.profiles);
    assert_eq!(twice.profiles[0].id, "siri");
    assert_eq!(
        twice.profiles[0].instances[0].status,
        InstanceStatus::Completed
    );
}
