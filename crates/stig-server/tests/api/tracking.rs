//! The tracking plan: events sent to the collector are counted by kind as they arrive, with
//! their properties and types, first and last seen; on the API (and in its OpenAPI document)
//! and on the page under Sources. Also the moments' test email refusing clearly.

use axum::body::Body;
use axum::http::{Request, header};
use base64::Engine as _;
use serde_json::{Value, json};

use crate::harness::{Harness, WS};
use crate::web::{get, login, post};

async fn collect(h: &Harness, key: &str, body: Value) -> u16 {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    h.send(
        Request::post("/v1/batch")
            .header(header::AUTHORIZATION, format!("Basic {auth}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("req"),
    )
    .await
    .status()
    .as_u16()
}

fn event<'a>(plan: &'a Value, kind: &str, name: &str) -> &'a Value {
    plan["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["type"] == kind && e["name"] == name)
        .unwrap_or_else(|| panic!("{kind} {name:?} in {plan}"))
}

fn property<'a>(e: &'a Value, name: &str) -> &'a Value {
    e["properties"]
        .as_array()
        .expect("properties")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {e}"))
}

#[tokio::test]
async fn the_tracking_plan_counts_events_as_they_arrive() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
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
    let path = format!("/api/workspaces/{WS}/tracking-plan");

    let (status, _, plan, _) = h.api("GET", &path, Some(&h.viewer), None, None).await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["total"], 0);
    assert_eq!(plan["events"], json!([]));

    let batch = json!({"batch": [
        {"type": "track", "userId": "kari@example.no", "event": "Order Completed",
         "properties": {"revenue": 2490, "category": "aktivitet", "gift": false},
         "timestamp": "2026-03-02T10:00:00Z"},
        {"type": "identify", "userId": "kari@example.no",
         "traits": {"name": "Kari Nordmann", "phone": "+47 912 34 567"},
         "timestamp": "2026-03-01T09:00:00Z"},
        {"type": "page", "anonymousId": "a-1", "name": "Home", "properties": {"path": "/"},
         "timestamp": "2026-03-01T08:00:00Z"},
    ]});
    assert_eq!(collect(&h, &key, batch).await, 200);
    let (status, _, plan, _) = h.api("GET", &path, Some(&h.viewer), None, None).await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["total"], 3, "{plan}");
    let order = event(&plan, "track", "Order Completed");
    assert_eq!(order["count"], 1);
    assert_eq!(property(order, "revenue")["types"], json!(["number"]));
    assert_eq!(property(order, "gift")["types"], json!(["boolean"]));
    let identify = event(&plan, "identify", "");
    assert_eq!(property(identify, "phone")["types"], json!(["string"]));
    assert_eq!(event(&plan, "page", "Home")["count"], 1);

    // More of the same, earlier and later, with a property of another type and a new one.
    let batch = json!({"batch": [
        {"type": "track", "userId": "ola@example.no", "event": "Order Completed",
         "properties": {"revenue": "1200", "coupon": "VINTER"},
         "timestamp": "2026-02-01T10:00:00Z"},
        {"type": "track", "userId": "ola@example.no", "event": "Order Completed",
         "properties": {"revenue": 900}, "timestamp": "2026-04-01T10:00:00Z"},
    ]});
    assert_eq!(collect(&h, &key, batch).await, 200);
    let (_, _, plan, _) = h.api("GET", &path, Some(&h.viewer), None, None).await;
    assert_eq!(plan["total"], 5, "{plan}");
    let order = event(&plan, "track", "Order Completed");
    assert_eq!(order["count"], 3);
    assert_eq!(order["first_seen"], "2026-02-01T10:00:00Z");
    assert_eq!(order["last_seen"], "2026-04-01T10:00:00Z");
    let revenue = property(order, "revenue");
    assert_eq!(revenue["count"], 3);
    assert_eq!(revenue["types"], json!(["string", "number"]));
    assert_eq!(property(order, "coupon")["count"], 1);

    // The page under Sources lists them; the API document has the path.
    let (status, page) = get(&h, &cookie, &format!("/w/{WS}/tracking-plan")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Order Completed") && page.contains("coupon"),
        "{page}"
    );
    let (_, _, doc, _) = h
        .api("GET", "/api/openapi.json", Some(&h.viewer), None, None)
        .await;
    assert!(
        doc["paths"]["/api/workspaces/{ws}/tracking-plan"]["get"].is_object(),
        "in the OpenAPI document"
    );
    let (status, _, _, _) = h
        .api(
            "GET",
            "/api/workspaces/nope/tracking-plan",
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn previews_render_and_a_test_email_without_an_address_or_mail_server_is_refused_clearly() {
    let h = Harness::new().await;
    let path = format!("/api/workspaces/{WS}/moments/takk-etter-turen/preview");
    let (status, _, previews, _) = h.api("GET", &path, Some(&h.viewer), None, None).await;
    assert_eq!(status, 200, "{previews}");
    let langs: Vec<&str> = previews[0]["previews"]
        .as_array()
        .expect("previews")
        .iter()
        .filter_map(|p| p["language"].as_str())
        .collect();
    assert_eq!(langs, ["nb", "en"], "{previews}");
    assert!(
        previews[0]["previews"][0]["subject"]
            .as_str()
            .is_some_and(|s| s.starts_with("Takk for turen, ") && !s.contains("{{")),
        "{previews}"
    );
    // The editor's user name ("erik") is not an address: said so, nothing sent.
    let send = format!("/api/workspaces/{WS}/moments/takk-etter-turen/test-email");
    let (status, _, body, _) = h
        .api("POST", &send, Some(&h.editor), None, Some(json!({})))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("not an e-mail address"), "{body}");
    // Not an email action: a 422 naming it.
    let (status, _, body, _) = h
        .api(
            "POST",
            &send,
            Some(&h.editor),
            None,
            Some(json!({"action": 1})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("not an email"), "{body}");
    // Viewers may not send.
    let (status, _, _, _) = h
        .api("POST", &send, Some(&h.viewer), None, Some(json!({})))
        .await;
    assert_eq!(status, 403);
}
