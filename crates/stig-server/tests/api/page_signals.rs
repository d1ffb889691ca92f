//! Page context as journey data, end to end: a touchpoint signalled by a page pattern (set
//! through the REST API), a browser's page view posted to the collector, and insight
//! counting the visit at the touchpoint's step and the customer on the campaign's channel.

use axum::body::Body;
use axum::http::{Request, header};
use base64::Engine as _;
use serde_json::{Value, json};
use stig_store::Store;

use crate::harness::{Harness, WS, text};

const TP: &str = "flybestilling";

async fn collect(h: &Harness, key: &str, body: Value) -> u16 {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    let res = h
        .send(
            Request::post("/v1/batch")
                .header(header::AUTHORIZATION, format!("Basic {auth}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("req"),
        )
        .await;
    let status = res.status().as_u16();
    let _ = text(res).await;
    status
}

/// Sets the touchpoint's signals through the API: the status and the answer.
async fn set_signals(h: &Harness, signals: Value) -> (u16, Value) {
    let path = format!("/api/workspaces/{WS}/touchpoints/{TP}");
    let (status, _, mut tp, res) = h.api("GET", &path, Some(&h.viewer), None, None).await;
    assert_eq!(status, 200, "{tp}");
    let etag = res.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    tp["signal"] = signals;
    let (status, _, json, _) = h
        .api("PUT", &path, Some(&h.editor), Some(&etag), Some(tp))
        .await;
    (status, json)
}

async fn insight(h: &Harness, area: &str) -> Value {
    let (status, _, json, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight/{area}"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200, "{area}: {json}");
    json
}

/// Runs of the journey that reached `step`, in its funnel.
fn reached(journeys: &Value, step: &str) -> u64 {
    journeys["vintertur-i-dag"]["funnel"]["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["step"] == step)
        .and_then(|s| s["reached"].as_u64())
        .unwrap_or(0)
}

#[tokio::test]
async fn a_page_view_on_a_signalled_path_is_a_visit_to_the_touchpoint() {
    let h = Harness::new().await;
    let (_, key) = h.store.create_source(WS, "Nettside").await.expect("source");

    // A bad pattern is refused with the field it is in.
    let (status, json) = set_signals(&h, json!([{"page": "fly/[tromso"}])).await;
    assert_eq!(status, 422, "{json}");
    assert!(json.to_string().contains("signal[0].page"), "{json}");

    let (status, json) = set_signals(&h, json!([{"page": "/fly/**"}])).await;
    assert!(status == 200 || status == 204, "{status}: {json}");
    assert_eq!(reached(&insight(&h, "journeys").await, "bestiller-fly"), 0);

    // What analytics.js sends for a page view reached from a newsletter.
    let url = "https://visitarktis.no/fly/tromso?utm_source=nyhetsbrev&utm_medium=email";
    let page = json!({"path": "/fly/tromso", "url": url, "referrer": "",
        "search": "?utm_source=nyhetsbrev&utm_medium=email", "title": "Fly til Tromsø"});
    let at = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(48)).to_string();
    let batch = json!({"batch": [
        {"type": "page", "anonymousId": "anon-fly", "properties": page, "timestamp": at,
         "context": {"page": page, "campaign": {"source": "nyhetsbrev", "medium": "email"},
                     "userAgent": "Mozilla/5.0", "library": {"name": "analytics.js"}}},
        {"type": "page", "anonymousId": "anon-other", "timestamp": at,
         "properties": {"path": "/om-oss", "url": "https://visitarktis.no/om-oss",
                        "referrer": "https://www.google.no/"}}
    ]});
    assert_eq!(collect(&h, &key, batch).await, 200);

    // The visit is a run reaching the touchpoint's step.
    let journeys = insight(&h, "journeys").await;
    assert_eq!(reached(&journeys, "bestiller-fly"), 1, "{journeys}");
    assert_eq!(reached(&journeys, "bestiller-aktiviteter"), 0, "{journeys}");
    let (status, _, profile, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/customers/anon-fly"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(
        profile["runs"][0]["journey"], "vintertur-i-dag",
        "{profile}"
    );

    // Nothing else says how they came: the campaign's medium does.
    let by_email = insight(&h, "totals?channel=email").await;
    assert_eq!(by_email["customers"], 1, "{by_email}");
    let by_search = insight(&h, "totals?channel=search").await;
    assert_eq!(by_search["customers"], 1, "{by_search}");
}
