//! The Segment-compatible collector: write keys, gzip, size limits, de-duplication, clock
//! skew, and that a bad message stores nothing.

use std::io::Write as _;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, header};
use base64::Engine as _;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use stig_runtime::ingest::Collector;
use stig_server::{AppState, Config, app};
use stig_store::Store;

use crate::harness::{Harness, WS, python_venv, which};

struct Sent {
    status: u16,
    json: Value,
    headers: HeaderMap,
}

async fn source(h: &Harness) -> String {
    let (_, key) = h
        .store
        .create_source(WS, "Website")
        .await
        .expect("a source");
    key
}

fn basic(key: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    format!("Basic {encoded}")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

async fn send(
    router: &axum::Router,
    path: &str,
    key: Option<&str>,
    body: Vec<u8>,
    gz: bool,
) -> Sent {
    use tower::ServiceExt as _;
    let mut req = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(k) = key {
        req = req.header(header::AUTHORIZATION, basic(k));
    }
    let body = if gz {
        req = req.header(header::CONTENT_ENCODING, "gzip");
        gzip(&body)
    } else {
        body
    };
    let res = router
        .clone()
        .oneshot(req.body(Body::from(body)).expect("request"))
        .await
        .expect("a response");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    Sent {
        status,
        json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        headers,
    }
}

async fn post(h: &Harness, path: &str, key: Option<&str>, body: Value) -> Sent {
    send(&h.router, path, key, body.to_string().into_bytes(), false).await
}

#[tokio::test]
async fn the_collector_needs_a_write_key_by_basic_auth() {
    let h = Harness::new().await;
    let key = source(&h).await;
    let track = json!({"userId": "kari", "event": "Trip Booked"});
    for key in [None, Some("not-a-key")] {
        let r = post(&h, "/v1/track", key, track.clone()).await;
        assert_eq!(r.status, 401);
        assert_eq!(
            r.headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
        let challenge = r.headers.get(header::WWW_AUTHENTICATE).expect("challenge");
        assert!(challenge.to_str().unwrap_or_default().starts_with("Basic"));
    }
    // An API token as a bearer is not a write key.
    let (status, _, _, _) = h
        .api(
            "POST",
            "/v1/track",
            Some(&h.admin),
            None,
            Some(track.clone()),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(h.store.count_events(WS).await.expect("count"), 0);
    let r = post(&h, "/v1/track", Some(&key), track).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json, json!({"success": true}));
}

#[tokio::test]
async fn every_call_is_stored_with_its_fields() {
    let h = Harness::new().await;
    let key = source(&h).await;
    let calls = [
        (
            "/v1/identify",
            json!({"userId": "kari", "anonymousId": "a1", "traits": {"email": "kari@example.no"}}),
        ),
        (
            "/v1/track",
            json!({"userId": "kari", "event": "Trip Booked", "properties": {"revenue": 4990}}),
        ),
        (
            "/v1/page",
            json!({"userId": "kari", "name": "Aurora tours"}),
        ),
        ("/v1/screen", json!({"userId": "kari", "name": "Booking"})),
        (
            "/v1/group",
            json!({"userId": "kari", "groupId": "family-1"}),
        ),
        ("/v1/alias", json!({"userId": "kari", "previousId": "a1"})),
    ];
    for (path, body) in calls {
        let r = post(&h, path, Some(&key), body).await;
        assert_eq!(r.status, 200, "{path}: {}", r.json);
    }
    let events = h.store.events_for(WS, "kari").await.expect("events");
    let kinds: Vec<_> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["identify", "track", "page", "screen", "group", "alias"]
    );
    let track = &events[1];
    assert_eq!(track.event.as_deref(), Some("Trip Booked"));
    assert_eq!(track.body["properties"]["revenue"], 4990);
    assert_eq!(events[0].body["traits"]["email"], "kari@example.no");
    assert_eq!(events[4].body["groupId"], "family-1");
}

#[tokio::test]
async fn a_batch_is_stored_whole_and_gzip_is_accepted() {
    let h = Harness::new().await;
    let key = source(&h).await;
    let batch = json!({"batch": [
        {"type": "identify", "messageId": "b1", "anonymousId": "a9", "traits": {"name": "Ola"}},
        {"type": "track", "messageId": "b2", "anonymousId": "a9", "event": "Brochure Downloaded"},
        {"type": "page", "messageId": "b3", "anonymousId": "a9", "name": "Home"}
    ]});
    let r = send(
        &h.router,
        "/v1/batch",
        Some(&key),
        batch.to_string().into_bytes(),
        true,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let events = h.store.events_for(WS, "a9").await.expect("events");
    let ids: Vec<_> = events.iter().map(|e| e.message_id.as_str()).collect();
    assert_eq!(ids, ["b1", "b2", "b3"]);

    // A single call gzipped too.
    let r = send(
        &h.router,
        "/v1/track",
        Some(&key),
        json!({"anonymousId": "a9", "event": "Gzipped"})
            .to_string()
            .into_bytes(),
        true,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(h.store.count_events(WS).await.expect("count"), 4);
}

#[tokio::test]
async fn a_message_sent_twice_is_stored_once() {
    let h = Harness::new().await;
    let key = source(&h).await;
    let track = json!({"messageId": "retry-1", "userId": "kari", "event": "Trip Paid"});
    for _ in 0..3 {
        let r = post(&h, "/v1/track", Some(&key), track.clone()).await;
        assert_eq!(r.status, 200, "a retry is acknowledged");
    }
    let batch = json!({"batch": [
        {"type": "track", "messageId": "retry-1", "userId": "kari", "event": "Trip Paid"},
        {"type": "track", "messageId": "new-1", "userId": "kari", "event": "Trip Reviewed"},
        {"type": "track", "messageId": "new-1", "userId": "kari", "event": "Trip Reviewed"}
    ]});
    let r = post(&h, "/v1/batch", Some(&key), batch).await;
    assert_eq!(r.status, 200);
    assert_eq!(h.store.count_events(WS).await.expect("count"), 2);
}

#[tokio::test]
async fn oversize_payloads_are_refused_with_413_naming_the_limit() {
    let h = Harness::new().await;
    let key = source(&h).await;
    let big = "x".repeat(33 * 1024);
    let r = post(
        &h,
        "/v1/track",
        Some(&key),
        json!({"userId": "u", "event": "E", "properties": {"big": big}}),
    )
    .await;
    assert_eq!(r.status, 413);
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("32 KB"),
        "{}",
        r.json
    );

    // In a batch: the message is named.
    let batch = json!({"batch": [
        {"type": "track", "userId": "u", "event": "Small"},
        {"type": "track", "userId": "u", "event": "E", "properties": {"big": big}}
    ]});
    let r = post(&h, "/v1/batch", Some(&key), batch).await;
    assert_eq!(r.status, 413);
    assert_eq!(r.json["index"], 1);

    // A batch over 500 KB, plain and gzipped (it compresses to almost nothing).
    let message = json!({"type": "track", "userId": "u", "event": "E",
        "properties": {"text": "y".repeat(20 * 1024)}});
    let batch = json!({"batch": vec![message; 30]}).to_string().into_bytes();
    for gz in [false, true] {
        let r = send(&h.router, "/v1/batch", Some(&key), batch.clone(), gz).await;
        assert_eq!(r.status, 413, "gzip {gz}");
        assert!(
            r.json["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("500 KB"),
            "{}",
            r.json
        );
    }
    assert_eq!(h.store.count_events(WS).await.expect("count"), 0);
}

#[tokio::test]
async fn a_bad_message_is_refused_with_400_naming_it_and_nothing_is_stored() {
    let h = Harness::new().await;
    let key = source(&h).await;
    let batch = json!({"batch": [
        {"type": "track", "userId": "u", "event": "Fine"},
        {"type": "identify", "anonymousId": "a"},
        {"type": "track", "userId": "u"}
    ]});
    let r = post(&h, "/v1/batch", Some(&key), batch).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json["index"], 2);
    assert_eq!(r.json["field"], "event");
    let detail = r.json["detail"].as_str().unwrap_or_default();
    assert!(detail.starts_with("batch[2]: `event`: missing"), "{detail}");

    let r = post(&h, "/v1/page", Some(&key), json!({"name": "Home"})).await;
    assert_eq!(r.status, 400);
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("neither `userId` nor `anonymousId`")
    );
    let r = post(
        &h,
        "/v1/track",
        Some(&key),
        json!({"userId": "u", "event": "E", "timestamp": "last tuesday"}),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json["field"], "timestamp");
    let r = send(
        &h.router,
        "/v1/track",
        Some(&key),
        b"{not json".to_vec(),
        false,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("not valid JSON")
    );
    assert_eq!(h.store.count_events(WS).await.expect("count"), 0);
}

#[tokio::test]
async fn the_clients_clock_skew_is_corrected() {
    let h = Harness::new().await;
    let key = source(&h).await;
    // The client's clock is about a year behind; it sent the event 30 s after it happened.
    let before = jiff::Timestamp::now();
    let r = post(
        &h,
        "/v1/track",
        Some(&key),
        json!({
            "userId": "skewed", "event": "Trip Booked",
            "timestamp": "2025-01-01T00:00:00Z", "sentAt": "2025-01-01T00:00:30Z"
        }),
    )
    .await;
    let after = jiff::Timestamp::now();
    assert_eq!(r.status, 200);
    let events = h.store.events_for(WS, "skewed").await.expect("events");
    let e = &events[0];
    let t: jiff::Timestamp = e.body["timestamp"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .expect("timestamp");
    let received: jiff::Timestamp = e.body["receivedAt"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .expect("receivedAt");
    assert!(before <= received && received <= after);
    assert_eq!(
        received.duration_since(t).as_secs(),
        30,
        "30 s before it was received"
    );
    assert_eq!(e.body["originalTimestamp"], "2025-01-01T00:00:00Z");
}

#[tokio::test]
async fn a_full_queue_answers_429_with_retry_after() {
    // A queue of one request, and a writer kept busy by another connection holding SQLite's
    // write lock: the first request is taken by the writer, the second waits in the queue,
    // the third finds it full.
    let h = Harness::new().await;
    let key = source(&h).await;
    let mut state = AppState::new(h.store.clone(), Config::read_your_writes());
    state.collector = Arc::new(Collector::new(1, 1));
    let router = app(state);
    let mut lock = h.store.pool().acquire().await.expect("connection");
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *lock)
        .await
        .expect("lock");

    let body = |i: usize| {
        json!({"userId": "u", "event": "E", "messageId": format!("q{i}")})
            .to_string()
            .into_bytes()
    };
    let first = tokio::spawn({
        let (router, key, b) = (router.clone(), key.clone(), body(1));
        async move {
            send(&router, "/v1/track", Some(&key), b, false)
                .await
                .status
        }
    });
    // Wait until the writer has taken the first request (the queue is empty again).
    let mut third = None;
    for i in 2..200 {
        let r = send_nowait(&router, &key, body(i)).await;
        if let Some(status) = r {
            third = Some(status);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let third = third.expect("a request was refused while the queue was full");
    assert_eq!(third.0, 429);
    assert_eq!(third.1.as_deref(), Some("1"));
    sqlx::query("ROLLBACK")
        .execute(&mut *lock)
        .await
        .expect("unlock");
    drop(lock);
    assert_eq!(
        first.await.expect("first"),
        200,
        "a queued request is stored once the lock is free"
    );
}

/// Sends a request without waiting for a queued one: `Some((status, Retry-After))` when it
/// was answered within 50 ms (refused), `None` when it is still waiting (queued).
async fn send_nowait(
    router: &axum::Router,
    key: &str,
    body: Vec<u8>,
) -> Option<(u16, Option<String>)> {
    let router = router.clone();
    let key = key.to_owned();
    let task =
        tokio::spawn(async move { send(&router, "/v1/track", Some(&key), body, false).await });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    if task.is_finished() {
        let r = task.await.ok()?;
        let retry = r
            .headers
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Some((r.status, retry))
    } else {
        None
    }
}

/// The official Segment Python SDK (`segment-analytics-python` from PyPI, installed into a
/// venv under `target/`), pointed at a real server on a free port.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_segment_python_sdk_is_accepted() {
    let Some(python) = which("python3") else {
        eprintln!("SKIPPED: python3 is not installed, so the Segment Python SDK cannot run");
        return;
    };
    let venv_python = python_venv(
        &python,
        "py-segment",
        "import segment.analytics",
        &["segment-analytics-python==2.4.0"],
    );

    let h = Harness::new().await;
    let key = source(&h).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(axum::serve(listener, h.router.clone()).into_future());

    let script = r#"
import sys
from segment.analytics.client import Client
errors = []
client = Client(write_key=sys.argv[1], host=sys.argv[2], gzip=True, max_retries=1,
                on_error=lambda e, batch: errors.append(repr(e)))
client.identify(user_id="py-user", anonymous_id="py-anon", traits={"email": "py@example.no"})
client.track(user_id="py-user", event="Trip Booked", properties={"revenue": 4990})
client.page(user_id="py-user", category="Docs", name="Getting started",
            properties={"url": "https://example.no/docs"})
client.flush()
client.join()
if errors:
    print(errors)
    sys.exit(1)
print("sent")
"#;
    let out = tokio::process::Command::new(&venv_python)
        .args(["-c", script, &key, &format!("http://{addr}")])
        .output()
        .await
        .expect("the SDK runs");
    server.abort();
    assert!(
        out.status.success(),
        "the SDK failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let events = h.store.events_for(WS, "py-user").await.expect("events");
    let kinds: Vec<_> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["identify", "track", "page"]);
    assert_eq!(events[0].anonymous_id.as_deref(), Some("py-anon"));
    assert_eq!(events[0].body["traits"]["email"], "py@example.no");
    assert_eq!(events[1].event.as_deref(), Some("Trip Booked"));
    assert_eq!(events[1].body["properties"]["revenue"], 4990);
    assert_eq!(events[2].body["name"], "Getting started");
    assert_eq!(events[2].body["category"], "Docs");
    assert_eq!(
        events[1].body["context"]["library"]["name"],
        "analytics-python"
    );
    assert!(events.iter().all(|e| e.body.get("sentAt").is_some()));
}
