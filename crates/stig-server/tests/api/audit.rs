//! The audit log through the server: a design edit (with its diff), a failed login (the name
//! typed, never the password) and a role change make entries; only admins see the log, on
//! `/admin/audit` and `GET /api/audit`, and the chain verifies.

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::json;
use stig_store::{Store, StoreExt};

use crate::harness::{Harness, WS, text};
use crate::web::{get, login, post};

/// The newest entry of `action` from `GET /api/audit` as the admin.
async fn newest(h: &Harness, action: &str) -> serde_json::Value {
    let (status, _, json, _) = h
        .api(
            "GET",
            &format!("/api/audit?action={action}"),
            Some(&h.admin),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200, "{json}");
    json["entries"][0].clone()
}

#[tokio::test]
async fn edits_failed_logins_and_role_changes_are_audited_for_admins_only() {
    let h = Harness::new().await;

    // A design edit through the API: the entry names the entity and what changed.
    let base = format!("/api/workspaces/{WS}/actors");
    let actor = json!({"id": "snoscooter-as", "name": "Snøscooter AS", "kind": "partner"});
    let (status, _, json, res) = h
        .api("POST", &base, Some(&h.editor), None, Some(actor.clone()))
        .await;
    assert_eq!(status, 201, "{json}");
    let etag = res.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    let mut changed = actor.clone();
    changed["name"] = json!("Snøscooter Finnmark AS");
    let url = format!("{base}/snoscooter-as");
    let (status, _, json, _) = h
        .api("PUT", &url, Some(&h.editor), Some(&etag), Some(changed))
        .await;
    assert_eq!(status, 200, "{json}");
    let e = newest(&h, "entity-updated").await;
    assert_eq!(e["actor"], "erik");
    assert_eq!(e["workspace"], WS);
    assert_eq!(
        (&e["target_kind"], &e["target_id"]),
        (&json!("actor"), &json!("snoscooter-as"))
    );
    assert_eq!(
        e["detail"]["name"],
        json!({"old": "Snøscooter AS", "new": "Snøscooter Finnmark AS"})
    );
    assert_eq!(e["client"], "127.0.0.1");
    assert_eq!(
        newest(&h, "entity-created").await["target_id"],
        "snoscooter-as"
    );

    // A failed login: the name typed and why, never the password.
    let res = h
        .send(Request::get("/login").body(Body::empty()).expect("req"))
        .await;
    let cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let page = text(res).await;
    let at = page.find("name=\"csrf\" value=\"").expect("csrf field") + 19;
    let csrf = &page[at..at + page[at..].find('"').expect("end")];
    let res = h
        .send(
            Request::post("/login")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "user=vera&password=Guessed-Secret-42&csrf={csrf}"
                )))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 401);
    let e = newest(&h, "login-failed").await;
    assert_eq!(e["actor"], "?vera");
    assert_eq!(e["actor_user"], serde_json::Value::Null);
    assert!(!e.to_string().contains("Guessed-Secret-42"), "{e}");

    // A role change on /admin/users: old and new role.
    let (admin, admin_csrf) = login(&h, "admin").await;
    assert_eq!(newest(&h, "login").await["actor"], "admin");
    let vera = h
        .store
        .find_user_by_name("vera")
        .await
        .expect("read")
        .expect("vera");
    let (status, _, body) = post(
        &h,
        &admin,
        "/admin/users/role",
        &format!("user={}&role=editor&csrf={admin_csrf}", vera.id),
    )
    .await;
    assert_eq!(status, 303, "{body}");
    let e = newest(&h, "role-changed").await;
    assert_eq!(
        (&e["actor"], &e["target_id"]),
        (&json!("admin"), &json!("vera"))
    );
    assert_eq!(
        e["detail"]["role"],
        json!({"old": "viewer", "new": "editor"})
    );

    // The admin's page shows the entries and a chain that holds; downloads are files.
    let (status, page) = get(&h, &admin, "/admin/audit").await;
    assert_eq!(status, 200);
    assert!(page.contains("Chain verified"), "{page}");
    assert!(
        page.contains("href=\"/admin/audit\""),
        "the admin's nav links the log"
    );
    assert!(
        page.contains("snoscooter-as") && page.contains("?vera"),
        "{page}"
    );
    let (status, page) = get(&h, &admin, "/admin/audit?action=role-changed").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("vera") && !page.contains("snoscooter-as"),
        "{page}"
    );
    let (status, page) = get(&h, &admin, "/admin/audit?from=yesterday").await;
    assert_eq!(status, 200);
    assert!(page.contains("parameter `from`"), "{page}");
    let (status, ctype, _, res) = h
        .api("GET", "/api/audit?format=csv", Some(&h.admin), None, None)
        .await;
    assert_eq!(status, 200);
    assert!(ctype.unwrap_or_default().starts_with("text/csv"));
    let csv = text(res).await;
    assert!(csv.starts_with("seq,at,actor,"), "{csv}");
    let (status, _, json, _) = h
        .api(
            "GET",
            "/api/audit?action=exploded",
            Some(&h.admin),
            None,
            None,
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        json["detail"].as_str().unwrap_or("").contains("`action`"),
        "{json}"
    );
    assert!(h.store.verify_audit().await.expect("verify").is_ok());

    // Nobody else sees the log: not a viewer, not an editor.
    h.store
        .add_user("walter", "walter-password", stig_store::Role::Viewer)
        .await
        .expect("viewer");
    for name in ["walter", "erik"] {
        let (session, _) = login(&h, name).await;
        let (status, page) = get(&h, &session, "/admin/audit").await;
        assert_eq!(status, 403, "{name}");
        assert!(!page.contains("snoscooter-as"), "{page}");
        let (_, page) = get(&h, &session, &format!("/w/{WS}")).await;
        assert!(
            !page.contains("href=\"/admin/audit\""),
            "{name} sees the link"
        );
    }
    let (status, _, _, _) = h
        .api("GET", "/api/audit", Some(&h.viewer), None, None)
        .await;
    assert_eq!(status, 403);
    let (status, _, _, _) = h.api("GET", "/api/audit", None, None, None).await;
    assert_eq!(status, 401);
}
