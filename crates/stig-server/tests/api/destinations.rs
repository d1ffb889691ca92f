//! A source's destinations in the web app and the REST API: editors only, CSRF on every
//! form, the SSRF guard when saved, the signing secret shown once, pause, test, delete.

use stig_store::{DeliveryStatus, Store};

use crate::harness::{Harness, WS};
use crate::web::{get, login, post};

fn enc(s: &str) -> String {
    stig_server::views::urlencode(s)
}

#[tokio::test]
async fn editors_add_pause_test_and_delete_a_destination_from_the_source_page() {
    let h = Harness::new().await;
    let (source, _) = h.store.create_source(WS, "Website").await.expect("source");
    let page = format!("/w/{WS}/sources/{}/destinations", source.id);

    // Viewers may not see or change them.
    let (viewer, viewer_csrf) = login(&h, "vera").await;
    assert_eq!(get(&h, &viewer, &page).await.0, 403);
    let form = format!("csrf={viewer_csrf}&url={}", enc("https://93.184.215.14/h"));
    assert_eq!(post(&h, &viewer, &page, &form).await.0, 403);

    let (cookie, csrf) = login(&h, "erik").await;
    let (status, sources) = get(&h, &cookie, &format!("/w/{WS}/sources")).await;
    assert_eq!(status, 200);
    assert!(sources.contains(&page), "the sources page links to it");
    let (status, html) = get(&h, &cookie, &page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Destinations of Website"), "{html}");
    assert!(html.contains("No destinations yet"));

    // No CSRF token: refused. A loopback URL: refused by the SSRF guard, the form kept.
    let form = format!("url={}", enc("https://93.184.215.14/h"));
    assert_eq!(post(&h, &cookie, &page, &form).await.0, 403);
    let form = format!("csrf={csrf}&url={}&only=track", enc("http://127.0.0.1:9/x"));
    let (status, _, html) = post(&h, &cookie, &page, &form).await;
    assert_eq!(status, 422);
    assert!(
        html.contains("refused") && html.contains("loopback"),
        "{html}"
    );
    assert!(html.contains("value=\"http://127.0.0.1:9/x\""));
    assert!(
        h.store
            .list_destinations(Some(WS), None)
            .await
            .expect("list")
            .is_empty()
    );

    // A public URL: created, its secret shown this once.
    let form = format!(
        "csrf={csrf}&url={}&only={}",
        enc("https://93.184.215.14/hook"),
        enc("track, Order Completed")
    );
    let (status, _, html) = post(&h, &cookie, &page, &form).await;
    assert_eq!(status, 201, "{html}");
    let list = h
        .store
        .list_destinations(Some(WS), Some(&source.id))
        .await
        .expect("list");
    assert_eq!(list.len(), 1);
    let d = &list[0];
    assert_eq!(d.only, ["track", "Order Completed"]);
    let secret = h
        .store
        .workspace_secret(WS, &d.secret)
        .await
        .expect("secret")
        .expect("stored like other secrets");
    assert!(secret.starts_with("whsec_"));
    assert!(html.contains(&secret), "shown once on creation");
    let (_, html) = get(&h, &cookie, &page).await;
    assert!(!html.contains(&secret), "never again");
    assert!(html.contains("https://93.184.215.14/hook") && html.contains("Order Completed"));

    // Pause: the store says so and the page shows it.
    let action = |what: &str| format!("{page}/{}/{what}", d.id);
    let (status, location, _) = post(
        &h,
        &cookie,
        &action("enabled"),
        &format!("csrf={csrf}&enabled=false"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some(page.as_str()));
    assert!(!h.store.destination(WS, &d.id).await.expect("get").enabled);
    let (_, html) = get(&h, &cookie, &page).await;
    assert!(html.contains("Paused") && html.contains("Resume"));

    // A test batch is queued in the outbox, signed with the destination's secret.
    let (status, _, _) = post(&h, &cookie, &action("test"), &format!("csrf={csrf}")).await;
    assert_eq!(status, 303);
    let due = h
        .store
        .list_deliveries(WS, Some(DeliveryStatus::Pending), 10)
        .await
        .expect("deliveries");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].kind, "webhook");
    assert_eq!(due[0].payload["secret"], d.secret.as_str());
    assert_eq!(due[0].payload["body"]["test"], true);
    assert_eq!(due[0].payload["body"]["source"], source.id.as_str());
    let (_, html) = get(&h, &cookie, &page).await;
    assert!(html.contains("Batches pending"));

    // Over the API: viewers are refused, editors see it with its counts, never the secret.
    let api = format!("/api/workspaces/{WS}/sources/{}/destinations", source.id);
    let (status, _, _, _) = h.api("GET", &api, Some(&h.viewer), None, None).await;
    assert_eq!(status, 403);
    let (status, _, list, _) = h.api("GET", &api, Some(&h.editor), None, None).await;
    assert_eq!(status, 200);
    assert_eq!(list[0]["id"], d.id.as_str());
    assert_eq!(list[0]["stats"]["pending"], 1);
    assert!(!list.to_string().contains(&secret));
    let (status, _, one, _) = h
        .api(
            "PATCH",
            &format!("{api}/{}", d.id),
            Some(&h.editor),
            None,
            Some(serde_json::json!({"enabled": true})),
        )
        .await;
    assert_eq!(status, 200, "{one}");
    assert_eq!(one["enabled"], true);
    let (status, _, _, _) = h
        .api(
            "GET",
            &format!(
                "/api/workspaces/{WS}/sources/src_other/destinations/{}",
                d.id
            ),
            Some(&h.editor),
            None,
            None,
        )
        .await;
    assert_eq!(status, 404, "a destination belongs to its source");

    // Delete: the destination, its queued batch and its secret go.
    let (status, _, _) = post(&h, &cookie, &action("delete"), &format!("csrf={csrf}")).await;
    assert_eq!(status, 303);
    assert!(
        h.store
            .list_destinations(Some(WS), None)
            .await
            .expect("list")
            .is_empty()
    );
    assert!(
        h.store
            .list_deliveries(WS, None, 10)
            .await
            .expect("deliveries")
            .is_empty()
    );
    assert_eq!(
        h.store
            .workspace_secret(WS, &d.secret)
            .await
            .expect("secret"),
        None
    );
}
