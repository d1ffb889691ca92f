//! The REST API: auth, roles, validation, optimistic concurrency.

use axum::http::header;
use serde_json::json;

use crate::harness::{Harness, WS};

#[tokio::test]
async fn health_and_assets_are_open_everything_else_needs_auth() {
    let h = Harness::new().await;
    let (status, _, _, _) = h.api("GET", "/healthz", None, None, None).await;
    assert_eq!(status, 200);
    let (status, _, _, _) = h.api("GET", "/assets/style.css", None, None, None).await;
    assert_eq!(status, 200);
    let (status, ct, json, res) = h.api("GET", "/api/workspaces", None, None, None).await;
    assert_eq!(status, 401);
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
    assert_eq!(json["status"], 401);
    assert!(res.headers().contains_key(header::WWW_AUTHENTICATE));
    let (status, _, _, _) = h
        .api(
            "GET",
            "/api/workspaces",
            Some("stig_not-a-token"),
            None,
            None,
        )
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_viewer_reads_but_cannot_write() {
    let h = Harness::new().await;
    let (status, _, json, _) = h
        .api("GET", "/api/workspaces", Some(&h.viewer), None, None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(json[0]["id"], WS);
    assert!(json[0]["personas"].as_u64().unwrap_or(0) >= 4);
    let (status, _, json, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/personas"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert!(json.as_array().is_some_and(|a| a.len() >= 4));
    let (status, _, json, _) = h
        .api(
            "POST",
            &format!("/api/workspaces/{WS}/actors"),
            Some(&h.viewer),
            None,
            Some(json!({"id": "x", "name": "X", "kind": "partner"})),
        )
        .await;
    assert_eq!(status, 403, "{json}");
}

#[tokio::test]
async fn an_editor_creates_updates_and_deletes_with_versions() {
    let h = Harness::new().await;
    let base = format!("/api/workspaces/{WS}/actors");
    let actor = json!({"id": "snoscooter-as", "name": "Snøscooter AS", "kind": "partner", "description": "Turer på Finnmarksvidda"});
    let (status, _, json, res) = h
        .api("POST", &base, Some(&h.editor), None, Some(actor.clone()))
        .await;
    assert_eq!(status, 201, "{json}");
    assert_eq!(
        res.headers()[header::LOCATION],
        format!("{base}/snoscooter-as").as_str()
    );
    let etag = res.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();

    // The same id again conflicts.
    let (status, _, _, _) = h
        .api("POST", &base, Some(&h.editor), None, Some(actor.clone()))
        .await;
    assert_eq!(status, 409);

    // An update needs If-Match; with the right one it works, with a stale one it conflicts.
    let mut changed = actor.clone();
    changed["name"] = json!("Snøscooter Finnmark AS");
    let (status, _, json, _) = h
        .api(
            "PUT",
            &format!("{base}/snoscooter-as"),
            Some(&h.editor),
            None,
            Some(changed.clone()),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        json["detail"].as_str().unwrap_or("").contains("If-Match"),
        "{json}"
    );
    let (status, _, _, res) = h
        .api(
            "PUT",
            &format!("{base}/snoscooter-as"),
            Some(&h.editor),
            Some(&etag),
            Some(changed.clone()),
        )
        .await;
    assert_eq!(status, 200);
    let new_etag = res.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    assert_ne!(new_etag, etag);
    let (status, _, json, _) = h
        .api(
            "PUT",
            &format!("{base}/snoscooter-as"),
            Some(&h.editor),
            Some(&etag),
            Some(changed),
        )
        .await;
    assert_eq!(status, 409, "a stale version must conflict: {json}");
    assert!(
        json["detail"].as_str().unwrap_or("").contains("erik"),
        "the conflict names who changed it: {json}"
    );

    let (status, _, json, _) = h
        .api(
            "GET",
            &format!("{base}/snoscooter-as"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(json["name"], "Snøscooter Finnmark AS");

    let (status, _, _, _) = h
        .api(
            "DELETE",
            &format!("{base}/snoscooter-as"),
            Some(&h.editor),
            Some(&new_etag),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, ct, _, _) = h
        .api(
            "GET",
            &format!("{base}/snoscooter-as"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
}

#[tokio::test]
async fn bad_bodies_say_what_and_where() {
    let h = Harness::new().await;
    let base = format!("/api/workspaces/{WS}/actors");
    // Not the schema: an unknown field.
    let (status, ct, json, _) = h
        .api(
            "POST",
            &base,
            Some(&h.editor),
            None,
            Some(json!({"id": "a", "name": "A", "kind": "partner", "nmae": "typo"})),
        )
        .await;
    assert_eq!(status, 400, "{json}");
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
    assert!(
        json["detail"].as_str().unwrap_or("").contains("nmae"),
        "{json}"
    );
    // Valid JSON, but the workspace would break: a touchpoint naming an unknown actor.
    let tp = json!({"id": "ny", "name": "Ny", "channel": "web", "mode": "digital", "owner": "partner", "actor": "finnes-ikke", "discipline": "create"});
    let (status, _, json, _) = h
        .api(
            "POST",
            &format!("/api/workspaces/{WS}/touchpoints"),
            Some(&h.editor),
            None,
            Some(tp),
        )
        .await;
    assert_eq!(status, 422, "{json}");
    let errors = json["errors"].as_array().expect("errors");
    assert!(
        errors.iter().any(|e| e["field"] == "actor"
            && e["message"].as_str().unwrap_or("").contains("finnes-ikke")),
        "{json}"
    );
    // Nothing was stored.
    let (status, _, _, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/touchpoints/ny"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn deleting_something_still_referenced_is_refused() {
    let h = Harness::new().await;
    let ws = stig_model::code::load_dir(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter"),
    )
    .expect("example")
    .workspace;
    let used = &ws.journeys[0]
        .steps
        .iter()
        .find(|s| !s.touchpoints.is_empty())
        .expect("a step with touchpoints")
        .touchpoints[0];
    let path = format!("/api/workspaces/{WS}/touchpoints/{used}");
    let (_, _, _, res) = h.api("GET", &path, Some(&h.viewer), None, None).await;
    let etag = res.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    let (status, _, json, _) = h
        .api("DELETE", &path, Some(&h.editor), Some(&etag), None)
        .await;
    assert_eq!(status, 422, "{json}");
    assert!(
        json["errors"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains(used.as_str()),
        "{json}"
    );
}

#[tokio::test]
async fn only_an_admin_replaces_a_whole_workspace() {
    let h = Harness::new().await;
    let (_, _, doc, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    let (status, _, _, _) = h
        .api(
            "PUT",
            "/api/workspaces/kopi",
            Some(&h.editor),
            None,
            Some(doc.clone()),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _, json, _) = h
        .api(
            "PUT",
            "/api/workspaces/kopi",
            Some(&h.admin),
            None,
            Some(doc),
        )
        .await;
    assert_eq!(status, 204, "{json}");
    let (_, _, list, _) = h
        .api("GET", "/api/workspaces", Some(&h.viewer), None, None)
        .await;
    assert!(
        list.as_array()
            .expect("list")
            .iter()
            .any(|w| w["id"] == "kopi")
    );
    let (status, _, diags, _) = h
        .api(
            "GET",
            "/api/workspaces/kopi/diagnostics",
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        diags
            .as_array()
            .expect("diagnostics")
            .iter()
            .all(|d| d["severity"] != "error"),
        "{diags}"
    );
}
