//! Live data end to end: events sent to the collector show up on the right profile, journey
//! run and touchpoint; refused requests are counted per source and shown in the debugger.

use axum::body::Body;
use axum::http::{Request, header};
use base64::Engine as _;
use serde_json::{Value, json};
use stig_store::Store;

use crate::harness::{Harness, WS, text};
use crate::web::{get, login, post};

async fn collect(h: &Harness, key: &str, body: Value) -> (u16, Value) {
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
    let text = text(res).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn ago(days: i64) -> String {
    (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(days * 24)).to_string()
}

#[tokio::test]
async fn events_become_a_profile_with_a_journey_run_feedback_and_a_timeline() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;

    // A source made in the UI shows its write key once.
    let (status, _, page) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/sources"),
        &format!("csrf={csrf}&name=Nettside"),
    )
    .await;
    assert_eq!(status, 201);
    let key = page
        .split("<pre class=\"key\"><code>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the new key on the page")
        .to_owned();

    let batch = json!({"batch": [
        {"type": "page", "anonymousId": "anon-77", "name": "Page Viewed",
         "properties": {"site": "visitarktis.no"}, "timestamp": ago(20)},
        {"type": "identify", "anonymousId": "anon-77", "userId": "kari@example.no",
         "traits": {"name": "Kari Nordmann", "plan": "familie"}, "timestamp": ago(19)},
        {"type": "track", "userId": "kari@example.no", "event": "Order Completed",
         "properties": {"channel": "web", "category": "aktivitet", "revenue": 2490},
         "timestamp": ago(19)},
        {"type": "track", "userId": "kari@example.no", "event": "Flight Landed",
         "properties": {"airport": "TOS"}, "timestamp": ago(5)},
        {"type": "track", "userId": "kari@example.no", "event": "Feedback Submitted",
         "properties": {"score_type": "nps", "score": 9, "touchpoint": "flyreisen",
                        "comment": "Nydelig innflyging"}, "timestamp": ago(5)}
    ]});
    let (status, body) = collect(&h, &key, batch).await;
    assert_eq!(status, 200, "{body}");

    // The anonymous page view is Kari's: the profile is found by either id.
    let (status, page) = get(&h, &cookie, &format!("/w/{WS}/customers/anon-77")).await;
    assert_eq!(status, 303, "a merged id redirects to the profile");
    let _ = page;
    let profile = format!("/w/{WS}/customers/kari%40example.no");
    let (status, page) = get(&h, &cookie, &profile).await;
    assert_eq!(status, 200);
    assert!(page.contains("Kari Nordmann"), "named by the trait");
    assert!(page.contains("anon-77"));
    assert!(
        page.contains("Vintertur til Tromsø og Lyngen"),
        "the run's journey"
    );
    assert!(
        page.contains("class=\"badge run-active\""),
        "a run still going"
    );
    assert!(page.contains("Nydelig innflyging"), "the feedback");
    assert!(page.contains("NPS 9"));
    assert!(page.contains("Acquired by"), "acquired by the run");
    assert!(page.contains("<svg"), "the run drawn on the journey map");
    assert!(page.contains("Flight Landed"), "the timeline");

    // The list counts her, and the run.
    let (_, list) = get(&h, &cookie, &format!("/w/{WS}/customers")).await;
    assert!(list.contains("Kari Nordmann"));
    let (status, _) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/customers?q=kari%40example.no"),
    )
    .await;
    assert_eq!(status, 303, "an exact id goes to the profile");

    // The same through the REST API.
    let (status, _, profile, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/customers/anon-77"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["id"], "kari@example.no");
    assert_eq!(profile["anonymous_ids"], json!(["anon-77"]));
    assert_eq!(profile["traits"]["plan"], "familie");
    assert_eq!(profile["runs"][0]["journey"], "vintertur-i-dag");
    assert_eq!(profile["runs"][0]["status"], "active");
    let hits: Vec<&str> = profile["runs"][0]["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["touchpoint"].as_str())
        .collect();
    assert_eq!(hits, ["nettside", "nettbooking", "flyreisen"], "in order");
    assert_eq!(profile["feedback"][0]["score"], 9.0);
    assert_eq!(profile["feedback"][0]["journey"], "vintertur-i-dag");
    assert_eq!(profile["lifecycle"][0]["change"], "acquired");
    let (status, _, list, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/customers?status=active"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 1);
    assert_eq!(list["runs"]["vintertur-i-dag"]["active"], 1);
    let (status, _, _, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/customers?status=gone"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 400);

    // A refused request: counted for the source and shown with its reason in the debugger;
    // the accepted events are untouched.
    let before = h.store.count_events(WS).await.expect("count");
    let (status, body) = collect(
        &h,
        &key,
        json!({"batch": [{"type": "track", "userId": "x", "event": "E", "timestamp": "2099-01-01T00:00:00Z"}]}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["field"], "timestamp");
    // Refusals are recorded off the request's path: wait for it.
    for _ in 0..50 {
        if !h
            .store
            .recent_rejections(WS, None, 5)
            .await
            .expect("rejections")
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(h.store.count_events(WS).await.expect("count"), before);
    let (_, debugger) = get(&h, &cookie, &format!("/w/{WS}/sources/debugger/live")).await;
    assert!(
        debugger.contains("more than a day after it was received"),
        "the reason"
    );
    assert!(
        debugger.contains("Order Completed"),
        "and the accepted events"
    );
    let (_, sources) = get(&h, &cookie, &format!("/w/{WS}/sources")).await;
    assert!(sources.contains("Nettside"));
    let refused = sources
        .split("bad\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap_or_else(|| panic!("a refused count in {sources}"));
    assert_eq!(refused, "1");
}
