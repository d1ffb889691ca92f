//! Streaming destinations, live: each source's accepted events forwarded to webhooks so a
//! team can feed its warehouse or other tools.
//!
//! ```text
//! events ─▶ runner (per destination: the events after its cursor, of its source, through
//!           its filter, in batches of ≤ MAX_BATCH) ─▶ outbox (the batches and the cursor in
//!           ONE transaction) ─▶ the moments' sender ─▶ webhook (Standard Webhooks signed)
//! ```
//!
//! At least once: a batch is queued in the transaction that moves the cursor past its
//! events, so a crash neither loses nor queues it twice; the sender marks it delivered only
//! once the receiver accepted it, retrying with back-off (then a dead letter to replay) with
//! the same `webhook-id`, which receivers de-duplicate on. The SSRF guard is the sender's:
//! every attempt checks the URL's addresses. The runner wakes when events are stored
//! ([`MomentsRuntime::events_stored`](crate::MomentsRuntime::events_stored)) or every tick,
//! and runs at most once per [`LINGER`], so events arriving together travel together.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::{Value, json};
use stig_store::{
    Delivery, Destination, FiringQuery, MomentCounts, NewDelivery, NewFiring, SequencedEvent,
    Store, StoreError,
};

use crate::MomentsContext;

/// Events per batch at most.
pub const MAX_BATCH: usize = 100;
/// A pass over the destinations starts at most this often: what arrives within it is
/// batched together.
pub const LINGER: Duration = Duration::from_secs(1);
/// Events read per query.
const PAGE: u32 = 1_000;
/// Batches shown per destination (the newest), for its last error and the web app.
const RECENT: u32 = 20;

/// Starts the runner as a task on the current tokio runtime (`serve` calls it once, beside
/// [`crate::moments::start`], whose sender delivers what it queues).
pub fn start(ctx: MomentsContext) {
    tokio::spawn(run(Arc::new(ctx)));
}

async fn run(ctx: Arc<MomentsContext>) {
    loop {
        let started = tokio::time::Instant::now();
        if let Err(e) = forward_all(&ctx).await {
            tracing::warn!(message = "reading the destinations", error = %e);
        }
        tokio::select! {
            _ = ctx.runtime.destinations.notified() => {}
            _ = tokio::time::sleep(ctx.runtime.tick) => {}
        }
        tokio::time::sleep_until(started + LINGER).await;
    }
}

/// One pass: every enabled destination's new events queued; returns how many batches.
pub async fn forward_all(ctx: &MomentsContext) -> Result<usize, StoreError> {
    let destinations = ctx.store.list_destinations(None, None).await?;
    let mut queued = 0;
    for d in destinations.iter().filter(|d| d.enabled) {
        match forward(ctx.store.as_ref(), d).await {
            Ok(n) => queued += n,
            // One destination's trouble (its workspace deleted meanwhile) holds no other up.
            Err(e) => {
                tracing::warn!(message = "forwarding to a destination", destination = %d.id, error = %e)
            }
        }
    }
    if queued > 0 {
        ctx.runtime.wake_sender();
    }
    Ok(queued)
}

/// Queues the events stored after `d`'s cursor that its source sent and its filter lets
/// through, in batches of at most [`MAX_BATCH`], each page committed with the cursor past it;
/// returns how many batches.
pub async fn forward(store: &dyn Store, d: &Destination) -> Result<usize, StoreError> {
    let mut cursor = d.cursor;
    let mut queued = 0;
    loop {
        let page = store.scan_events(&d.workspace, cursor, PAGE).await?;
        let Some(last) = page.last().map(|e| e.seq) else {
            break;
        };
        let picked: Vec<&SequencedEvent> = page
            .iter()
            .filter(|e| {
                e.event.source.as_deref() == Some(d.source.as_str())
                    && d.accepts(&e.event.kind, e.event.event.as_deref())
            })
            .collect();
        let now = Timestamp::now();
        let batches: Vec<NewFiring> = picked
            .chunks(MAX_BATCH)
            .map(|events| batch(d, events, now))
            .collect();
        if !store
            .commit_destination(&d.workspace, &d.id, Some((cursor, last)), &batches)
            .await?
        {
            // Another runner moved the cursor: it queued these events.
            break;
        }
        queued += batches.len();
        cursor = last;
        if page.len() < PAGE as usize {
            break;
        }
    }
    Ok(queued)
}

/// The body receivers get: the events as stored (their Segment JSON), and whose they are.
fn body(d: &Destination, events: Vec<&Value>) -> Value {
    json!({
        "batch": events,
        "source": d.source,
        "workspace": d.workspace,
        "destination": d.id,
    })
}

/// One batch: a firing of the destination's pseudo-moment, once per range of events, with
/// one signed webhook delivery.
fn batch(d: &Destination, events: &[&SequencedEvent], now: Timestamp) -> NewFiring {
    let first = events.first().map_or(0, |e| e.seq);
    let last = events.last().map_or(0, |e| e.seq);
    let body = body(d, events.iter().map(|e| &e.event.body).collect());
    NewFiring {
        moment: d.moment(),
        occurrence: format!("events:{first}-{last}"),
        customer: String::new(),
        persona: None,
        at: now,
        context: json!({
            "destination": d.id,
            "source": d.source,
            "events": events.len(),
            "first_seq": first,
            "last_seq": last,
        }),
        deliveries: vec![delivery(d, body, now)],
        suppressed: Vec::new(),
    }
}

fn delivery(d: &Destination, body: Value, now: Timestamp) -> NewDelivery {
    NewDelivery {
        action: 0,
        // The moments' webhook: `secret` names the workspace secret that signs it.
        kind: "webhook".into(),
        payload: json!({"url": d.url, "secret": d.secret, "destination": d.id, "body": body}),
        not_before: now,
    }
}

/// Queues a test batch now (one made-up `track` event, the body marked `"test": true`),
/// outside the cursor, and rings the sender.
pub async fn send_test(ctx: &MomentsContext, d: &Destination) -> Result<(), StoreError> {
    let now = Timestamp::now();
    let message_id = format!("stig-test-{}", now.as_millisecond());
    let event = json!({
        "type": "track",
        "event": "Stig Destination Test",
        "messageId": message_id,
        "userId": "stig-test",
        "timestamp": now.to_string(),
        "properties": {"test": true},
    });
    let mut body = body(d, vec![&event]);
    body["test"] = Value::Bool(true);
    let firing = NewFiring {
        moment: d.moment(),
        occurrence: format!("test:{}", now.as_millisecond()),
        customer: String::new(),
        persona: None,
        at: now,
        context: json!({"destination": d.id, "source": d.source, "events": 1, "test": true}),
        deliveries: vec![delivery(d, body, now)],
        suppressed: Vec::new(),
    };
    ctx.store
        .commit_destination(&d.workspace, &d.id, None, &[firing])
        .await?;
    ctx.runtime.wake_sender();
    Ok(())
}

/// How a destination's batches stand.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DestinationStats {
    /// Batches waiting for a (first or next) attempt.
    pub pending: u64,
    pub delivered: u64,
    /// Batches given up on (replay them from the destination's page or the deliveries).
    pub failed: u64,
    /// When the newest batch was queued.
    pub last_batch_at: Option<Timestamp>,
    /// The newest batch's error that still stands (a batch delivered later clears its own).
    pub last_error: Option<String>,
    /// The newest batches' deliveries, newest first.
    #[serde(skip)]
    pub recent: Vec<Delivery>,
}

/// The stats of each of a workspace's destinations, by id.
pub async fn stats(
    store: &dyn Store,
    ws: &str,
    destinations: &[Destination],
) -> Result<HashMap<String, DestinationStats>, StoreError> {
    let counts = store.moment_counts(ws).await?;
    let mut out = HashMap::new();
    for d in destinations {
        let c: MomentCounts = counts.get(&d.moment()).copied().unwrap_or_default();
        let firings = store
            .list_firings(
                ws,
                &FiringQuery {
                    moment: Some(d.moment()),
                    customer: None,
                    limit: RECENT,
                },
            )
            .await?;
        let recent: Vec<Delivery> = firings.into_iter().flat_map(|f| f.deliveries).collect();
        out.insert(
            d.id.clone(),
            DestinationStats {
                pending: c.pending,
                delivered: c.delivered,
                failed: c.dead,
                last_batch_at: c.last_fired,
                last_error: recent.iter().find_map(|x| x.last_error.clone()),
                recent,
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use stig_store::{NewDestination, NewEvent, SqliteStore};

    fn event(i: i64, kind: &str, name: Option<&str>, source: Option<&str>) -> NewEvent {
        NewEvent {
            message_id: format!("m{i}"),
            kind: kind.into(),
            user_id: Some("u".into()),
            anonymous_id: None,
            event: name.map(str::to_owned),
            timestamp: Timestamp::from_second(1_700_000_000 + i).expect("time"),
            received_at: Timestamp::from_second(1_700_000_000 + i).expect("time"),
            source: source.map(str::to_owned),
            body: json!({"type": kind, "event": name, "messageId": format!("m{i}"), "userId": "u"}),
        }
    }

    #[tokio::test]
    async fn forwards_its_sources_filtered_events_in_batches_with_the_cursor() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        store
            .import_workspace("w", &stig_model::Workspace::default(), "test")
            .await
            .expect("import");
        let (web, _) = store.create_source("w", "Web").await.expect("source");
        let (app, _) = store.create_source("w", "App").await.expect("source");
        // Before the destination: not forwarded.
        store
            .append_events("w", &[event(0, "track", Some("Old"), Some(&web.id))])
            .await
            .expect("append");
        let d = store
            .create_destination(
                "w",
                &NewDestination {
                    source: web.id.clone(),
                    url: "https://example.com/hook".into(),
                    only: vec!["track".into(), "Signed Up".into()],
                    enabled: true,
                },
                "whsec_x",
                "test",
            )
            .await
            .expect("destination");
        let mut events = Vec::new();
        for i in 1..=250 {
            events.push(event(i, "track", Some("Order Completed"), Some(&web.id)));
            events.push(event(
                1000 + i,
                "track",
                Some("Order Completed"),
                Some(&app.id),
            ));
        }
        events.push(event(2000, "page", None, Some(&web.id)));
        events.push(event(2001, "identify", None, Some(&web.id)));
        events.push(event(2002, "track", Some("Signed Up"), None));
        store.append_events("w", &events).await.expect("append");

        assert_eq!(forward(&store, &d).await.expect("forward"), 3);
        let d = store.destination("w", &d.id).await.expect("again");
        assert_eq!(forward(&store, &d).await.expect("nothing new"), 0);

        let due = store
            .due_deliveries(Timestamp::now(), 100)
            .await
            .expect("due");
        let mut ids: Vec<String> = Vec::new();
        for delivery in &due {
            assert_eq!(delivery.kind, "webhook");
            assert_eq!(delivery.payload["url"], "https://example.com/hook");
            let body = &delivery.payload["body"];
            assert_eq!(body["source"], web.id.as_str());
            assert_eq!(body["workspace"], "w");
            let batch = body["batch"].as_array().expect("a batch");
            assert!(batch.len() <= MAX_BATCH);
            ids.extend(
                batch
                    .iter()
                    .map(|e| e["messageId"].as_str().unwrap_or_default().to_owned()),
            );
        }
        let want: Vec<String> = (1..=250).map(|i| format!("m{i}")).collect();
        assert_eq!(ids, want, "the web source's tracks, in order, once each");

        let stats = stats(&store, "w", std::slice::from_ref(&d))
            .await
            .expect("stats");
        assert_eq!(stats[&d.id].pending, 3);
        assert_eq!(stats[&d.id].recent.len(), 3);
    }
}
