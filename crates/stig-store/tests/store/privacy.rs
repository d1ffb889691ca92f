//! Erasure, suppression and retention, backend-agnostic: every function runs against each
//! backend's fresh store (`privacy_tests!` in `every_behaviour_test!`).

use jiff::{Timestamp, ToSpan};
use serde_json::json;
use stig_model::Settings;
use stig_store::{
    DeliveryStatus, Erasure, FiringQuery, MomentCommit, NewDelivery, NewEvent, NewFiring,
    Rejection, RetentionCutoffs, Store, StoreError, suppression_hash,
};

use crate::Backend;

const WS: &str = "privacy";
const KARI: &str = "kari-7f3q";
const KARI_ANON: &str = "anon-kari-91x";
const KARI_MAIL: &str = "kari.erase@example.no";

/// Generates one test per privacy behaviour, as `behaviour_tests!` does.
#[macro_export]
macro_rules! privacy_tests {
    ($fresh:path; $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let Some(backend) = Option::<$crate::Backend>::from($fresh().await) else {
                return;
            };
            $crate::privacy::$name(&backend).await;
        }
    )*};
}

fn days(n: i64) -> jiff::Span {
    (n * 24).hours()
}

async fn workspace(store: &dyn Store) {
    let settings = Settings {
        name: WS.into(),
        ..Settings::default()
    };
    store
        .create_workspace(WS, &settings, "test")
        .await
        .expect("workspace");
}

fn event(id: &str, user: Option<&str>, anon: &str, name: &str, at: Timestamp) -> NewEvent {
    let mut body = json!({"type": "track", "messageId": id, "anonymousId": anon, "event": name,
        "timestamp": at.to_string(), "properties": {"score_type": "nps", "score": 9,
        "comment": format!("comment of {anon}")}});
    if let Some(user) = user {
        body["userId"] = json!(user);
    }
    NewEvent {
        message_id: id.into(),
        kind: "track".into(),
        user_id: user.map(str::to_owned),
        anonymous_id: Some(anon.into()),
        event: Some(name.into()),
        timestamp: at,
        received_at: at,
        body,
        source: None,
    }
}

fn firing(occurrence: &str, customer: &str, kind: &str, at: Timestamp) -> NewFiring {
    NewFiring {
        moment: "welcome".into(),
        occurrence: format!("j{customer}/{occurrence}"),
        customer: customer.into(),
        persona: None,
        at,
        context: json!({"customer": {"id": customer, "email": format!("{customer}@x.no")}}),
        deliveries: vec![NewDelivery {
            action: 0,
            kind: kind.into(),
            payload: json!({"to": format!("{customer}@x.no"), "title": format!("Call {customer}"),
                "body": "b"}),
            not_before: at,
        }],
        suppressed: Vec::new(),
    }
}

pub async fn an_erased_person_leaves_no_row_and_a_receipt_without_them(b: &Backend) {
    let store = &*b.store;
    workspace(store).await;
    let (web, _) = store.create_source(WS, "Web").await.expect("source");
    let now = Timestamp::now();
    let events = vec![
        event("k1", None, KARI_ANON, "Page Viewed", now - 3.hours()),
        event(
            "k2",
            Some(KARI),
            KARI_ANON,
            "Feedback Submitted",
            now - 2.hours(),
        ),
        event(
            "o1",
            Some("ola"),
            "anon-ola",
            "Feedback Submitted",
            now - 1.hours(),
        ),
        event("k3", Some(KARI), KARI_ANON, "Trip Booked", now),
    ];
    store.append_events(WS, &events).await.expect("append");
    store
        .record_rejection(&Rejection {
            workspace: WS.into(),
            source: web.id.clone(),
            at: now,
            status: 400,
            reason: "bad json".into(),
            excerpt: format!("{{\"userId\": \"{KARI}\", \"traits\": {{\"email\": \"{KARI_MAIL}\""),
        })
        .await
        .expect("rejection");
    let commit = MomentCommit {
        cursor: None,
        firings: vec![
            firing("a", KARI, "email", now),
            firing("b", KARI, "task", now),
            firing("c", "ola", "email", now),
        ],
    };
    store.commit_moments(WS, &commit).await.expect("commit");
    let top = store.recent_events(WS, None, 1).await.expect("recent")[0].seq;

    let erasure = Erasure {
        ids: vec![KARI.into(), KARI_ANON.into()],
        terms: vec![KARI_MAIL.into()],
        suppress: true,
        by: "admin".into(),
    };
    let receipt = store.erase_person(WS, &erasure).await.expect("erase");
    assert_eq!(receipt.counts.events, 3);
    assert_eq!(receipt.counts.rejections, 1);
    assert_eq!(receipt.counts.firings, 2);
    assert_eq!(
        (receipt.counts.deliveries, receipt.counts.cancelled),
        (2, 1)
    );
    assert_eq!(receipt.counts.tasks, 1);
    assert_eq!(receipt.counts.suppressed, 2);
    assert_eq!(receipt.by, "admin");
    let shown = serde_json::to_string(&receipt).expect("json");
    assert!(!shown.contains(KARI) && !shown.contains("kari"), "{shown}");

    assert_eq!(store.count_events(WS).await.expect("count"), 1, "Ola stays");
    assert!(store.events_for(WS, KARI).await.expect("for").is_empty());
    assert!(
        store
            .events_for(WS, KARI_ANON)
            .await
            .expect("for")
            .is_empty()
    );
    assert_eq!(store.events_for(WS, "ola").await.expect("for").len(), 1);
    for sql in [
        "SELECT COUNT(*) FROM events WHERE body LIKE '%kari%' OR user_id LIKE '%kari%' OR anonymous_id LIKE '%kari%'",
        "SELECT COUNT(*) FROM rejections WHERE excerpt LIKE '%kari%'",
    ] {
        assert_eq!(b.raw_count(sql).await, 0, "{sql}");
    }
    for sql in [
        "SELECT COUNT(*) FROM moment_firings WHERE customer LIKE '%kari%' OR context LIKE '%kari%' OR occurrence LIKE '%kari%'",
        "SELECT COUNT(*) FROM moment_deliveries WHERE payload LIKE '%kari%'",
        "SELECT COUNT(*) FROM tasks WHERE customer LIKE '%kari%' OR title LIKE '%kari%'",
    ] {
        assert_eq!(b.raw_outbox_count(sql).await, 0, "{sql}");
    }
    // Their firings still count (anonymous); the pending e-mail was cancelled, never sent.
    let firings = store
        .list_firings(WS, &FiringQuery::default())
        .await
        .expect("firings");
    assert_eq!(firings.len(), 3);
    assert!(
        store
            .due_deliveries(now + 1.hours(), 10)
            .await
            .expect("due")
            .iter()
            .all(|d| !d.payload.to_string().contains("kari")),
        "nothing of theirs is due"
    );
    let cancelled = firings
        .iter()
        .filter(|f| f.customer.is_empty())
        .flat_map(|f| &f.deliveries)
        .filter(|d| d.status == DeliveryStatus::Dead)
        .count();
    assert_eq!(cancelled, 1);
    let ola = store
        .list_firings(
            WS,
            &FiringQuery {
                customer: Some("ola".into()),
                ..FiringQuery::default()
            },
        )
        .await
        .expect("ola's");
    assert_eq!(ola[0].deliveries[0].status, DeliveryStatus::Pending);

    assert_eq!(store.erasures(WS).await.expect("receipts"), vec![receipt]);
    let suppressed = store.suppressions(WS).await.expect("suppressions");
    assert!(suppressed.contains(&suppression_hash(WS, KARI)));
    assert!(!suppressed.contains(KARI));

    // A later event never gets the arrival number of an erased one.
    store
        .append_events(
            WS,
            &[event("n1", Some("per"), "anon-per", "Page Viewed", now)],
        )
        .await
        .expect("append after");
    let newest = store.recent_events(WS, None, 1).await.expect("recent")[0].seq;
    assert!(newest > top, "{newest} after {top}");

    let bad = Erasure::default();
    assert!(matches!(
        store.erase_person(WS, &bad).await,
        Err(StoreError::Invalid(_))
    ));
    let nowhere = store.erase_person("nowhere", &erasure).await;
    assert!(nowhere.is_err_and(|e| e.is_not_found()));
}

pub async fn retention_removes_old_events_and_strips_old_comments(b: &Backend) {
    let store = &*b.store;
    workspace(store).await;
    let now = Timestamp::now();
    let old = now - days(400);
    let mid = now - days(40);
    let events = vec![
        event("a", Some("a"), "x", "Page Viewed", old),
        event("b", Some("b"), "x", "Order Completed", old),
        event("c", Some("c"), "x", "Feedback Submitted", mid),
        event("d", Some("d"), "x", "Feedback Submitted", now),
        event("e", Some("e"), "x", "Order Completed", mid),
    ];
    store.append_events(WS, &events).await.expect("append");
    let cutoffs = RetentionCutoffs {
        events_before: Some(now - days(365)),
        // Orders are kept for the books however old; nothing else overrides.
        by_event: vec![("Order Completed".into(), None)],
        comments_before: Some(now - days(30)),
    };
    let counts = store
        .apply_retention(WS, &cutoffs)
        .await
        .expect("retention");
    assert_eq!((counts.events, counts.comments), (1, 3));
    let left: Vec<String> = store
        .scan_events(WS, 0, 100)
        .await
        .expect("scan")
        .into_iter()
        .map(|e| e.event.message_id)
        .collect();
    assert_eq!(left, ["b", "c", "d", "e"]);
    let c = &store.events_for(WS, "c").await.expect("c")[0];
    assert!(c.body["properties"].get("comment").is_none(), "{}", c.body);
    assert_eq!(c.body["properties"]["score"], 9, "the score stays");
    let d = &store.events_for(WS, "d").await.expect("d")[0];
    assert_eq!(d.body["properties"]["comment"], "comment of x");

    let orders = RetentionCutoffs {
        by_event: vec![("Order Completed".into(), Some(now - days(100)))],
        ..RetentionCutoffs::default()
    };
    let counts = store.apply_retention(WS, &orders).await.expect("orders");
    assert_eq!(counts.events, 1, "the old order goes");
    assert_eq!(store.count_events(WS).await.expect("count"), 3);
    // The message id of a removed event may be stored again.
    let again = store.append_events(WS, &events[..1]).await.expect("again");
    assert_eq!(again.stored, 1);
}
