//! Stig-hosted surveys: minting signed links through the API, the public page, one stored
//! answer per invitation, refused tampering and bad scores, languages, the rate limit.

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::json;

use stig_store::Store;

use crate::harness::{Harness, WS, text};

/// A touchpoint of the example with a CSAT survey (1–5).
const CSAT_TP: &str = "velkomstsenter";
const CSAT_QUESTION: &str = "Hvor fornøyd er du med hjelpen du fikk på velkomstsenteret i dag?";

/// Mints a link; returns the page path (`/s/<token>`) and the invitation id.
async fn mint(h: &Harness, body: serde_json::Value) -> (String, String) {
    let path = format!("/api/workspaces/{WS}/survey-links");
    let (status, _, doc, _) = h
        .api("POST", &path, Some(&h.editor), None, Some(body))
        .await;
    assert_eq!(status, 200, "{doc}");
    let url = doc["url"].as_str().expect("url");
    let (_, token) = url.split_once("/s/").expect("a /s/ url");
    assert_eq!(doc["token"], token);
    let invitation = doc["invitation"].as_str().expect("invitation").to_owned();
    assert_eq!(invitation.len(), 16);
    assert!(doc["expires_at"].as_str().is_some());
    (format!("/s/{token}"), invitation)
}

async fn get(h: &Harness, path: &str, ip: &str) -> (u16, String) {
    let req = Request::get(path)
        .header("x-forwarded-for", ip)
        .body(Body::empty())
        .expect("req");
    let res = h.send(req).await;
    (res.status().as_u16(), text(res).await)
}

async fn post(h: &Harness, path: &str, form: &str) -> (u16, String) {
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("x-forwarded-for", "198.51.100.1")
        .body(Body::from(form.to_owned()))
        .expect("req");
    let res = h.send(req).await;
    (res.status().as_u16(), text(res).await)
}

async fn feedback_events(h: &Harness, customer: &str) -> Vec<stig_store::StoredEvent> {
    h.store
        .events_for(WS, customer)
        .await
        .expect("events")
        .into_iter()
        .filter(|e| e.event.as_deref() == Some("Feedback Submitted"))
        .collect()
}

#[tokio::test]
async fn a_minted_link_shows_the_question_and_stores_one_answer() {
    let h = Harness::new().await;
    let (page, id) = mint(
        &h,
        json!({"customer": "u-1001", "touchpoint": CSAT_TP, "journey": "vintertur-framtid",
               "run": 2, "locale": "en"}),
    )
    .await;

    let (status, html) = get(&h, &page, "198.51.100.1").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains(CSAT_QUESTION), "the question: {html}");
    assert!(html.contains("Arktisk vinter – Tromsø, Lyngen og Senja"));
    assert!(html.contains("Velkomstsenteret på Stortorget"));
    for n in 1..=5 {
        assert!(
            html.contains(&format!("name=\"score\" value=\"{n}\"")),
            "{n}"
        );
    }
    assert!(!html.contains("value=\"6\""));
    assert!(html.contains("Very dissatisfied") && html.contains("Very satisfied"));
    assert!(html.contains("<textarea"));
    assert!(html.contains("90 days"), "says when links expire");
    assert!(!html.contains("<script"), "works without JavaScript");

    let (status, html) = post(&h, &page, "score=4&comment=Hyggelig+og+rask+hjelp").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Thank you"), "{html}");
    let events = feedback_events(&h, "u-1001").await;
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.kind, "track");
    assert_eq!(e.user_id.as_deref(), Some("u-1001"));
    assert_eq!(e.message_id, format!("survey-{id}"));
    assert_eq!(e.source, None);
    let p = &e.body["properties"];
    assert_eq!(p["score_type"], "csat");
    assert_eq!(p["score"], 4);
    assert_eq!(p["comment"], "Hyggelig og rask hjelp");
    assert_eq!(p["touchpoint"], CSAT_TP);
    assert_eq!(p["journey"], "vintertur-framtid");
    assert_eq!(p["run"], 2);
    assert_eq!(p["invitation"], id.as_str());
    assert_eq!(p["channel"], "stig-survey");
    assert_eq!(e.body["event"], "Feedback Submitted");
    assert_eq!(e.body["userId"], "u-1001");

    // Once only: a second submit says so and stores nothing; so does the page.
    let (status, html) = post(&h, &page, "score=1").await;
    assert_eq!(status, 200);
    assert!(html.contains("Already answered"), "{html}");
    assert_eq!(feedback_events(&h, "u-1001").await.len(), 1);
    let (_, html) = get(&h, &page, "198.51.100.1").await;
    assert!(html.contains("Already answered"));
    assert!(!html.contains("name=\"score\""));
}

#[tokio::test]
async fn answers_without_a_comment_journey_or_run_leave_them_out() {
    let h = Harness::new().await;
    let (page, _) = mint(
        &h,
        json!({"customer": "u-7", "touchpoint": "oppfolging-epost"}),
    )
    .await;
    let (_, html) = get(&h, &page, "198.51.100.1").await;
    for n in 0..=10 {
        assert!(
            html.contains(&format!("name=\"score\" value=\"{n}\"")),
            "nps {n}"
        );
    }
    let (status, _) = post(&h, &page, "score=0&comment=++").await;
    assert_eq!(status, 200);
    let events = feedback_events(&h, "u-7").await;
    assert_eq!(events.len(), 1);
    let p = events[0].body["properties"]
        .as_object()
        .expect("properties");
    assert_eq!(p["score_type"], "nps");
    assert_eq!(p["score"], 0);
    for absent in ["comment", "journey", "run"] {
        assert!(!p.contains_key(absent), "{absent}");
    }
}

#[tokio::test]
async fn a_tampered_token_is_refused_and_stores_nothing() {
    let h = Harness::new().await;
    let (page, _) = mint(&h, json!({"customer": "u-2", "touchpoint": CSAT_TP})).await;
    // One character of the payload changed.
    let mut chars: Vec<char> = page.chars().collect();
    let i = "/s/".len() + 10;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    let tampered: String = chars.into_iter().collect();
    let (status, html) = get(&h, &tampered, "198.51.100.1").await;
    assert!(status == 404 || status == 400, "{status}");
    assert!(!html.contains("name=\"score\""));
    let (status, _) = post(&h, &tampered, "score=5").await;
    assert!(status == 404 || status == 400, "{status}");
    // A garbled one too.
    let (status, html) = get(&h, "/s/not-a-token", "198.51.100.1").await;
    assert_eq!(status, 400);
    assert!(html.contains("<h1>"));
    assert!(feedback_events(&h, "u-2").await.is_empty());
}

#[tokio::test]
async fn a_score_off_the_scale_shows_the_form_again() {
    let h = Harness::new().await;
    let (page, _) = mint(
        &h,
        json!({"customer": "u-3", "touchpoint": CSAT_TP, "locale": "en"}),
    )
    .await;
    for form in [
        "score=6&comment=kept",
        "score=0",
        "score=abc",
        "comment=no+score",
    ] {
        let (status, html) = post(&h, &page, form).await;
        assert_eq!(status, 422, "{form}");
        assert!(
            html.contains("Please choose a number from 1 to 5"),
            "{html}"
        );
        assert!(html.contains("name=\"score\""));
        if form.contains("kept") {
            assert!(html.contains(">kept</textarea>"), "the comment is kept");
        }
    }
    assert!(feedback_events(&h, "u-3").await.is_empty());
}

#[tokio::test]
async fn minting_checks_the_workspace_touchpoint_and_role() {
    let h = Harness::new().await;
    let path = format!("/api/workspaces/{WS}/survey-links");
    let body = |tp: &str| Some(json!({"customer": "u-4", "touchpoint": tp}));
    // A touchpoint without a survey, or none at all.
    for tp in ["instagram", "no-such-touchpoint"] {
        let (status, ct, doc, _) = h.api("POST", &path, Some(&h.editor), None, body(tp)).await;
        assert_eq!(status, 422, "{tp}: {doc}");
        assert_eq!(ct.as_deref(), Some("application/problem+json"));
        assert_eq!(doc["errors"][0]["field"], "touchpoint");
    }
    let (status, _, _, _) = h
        .api(
            "POST",
            "/api/workspaces/nowhere/survey-links",
            Some(&h.editor),
            None,
            body(CSAT_TP),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _, _, _) = h
        .api("POST", &path, Some(&h.viewer), None, body(CSAT_TP))
        .await;
    assert_eq!(status, 403);
    let (status, _, _, _) = h.api("POST", &path, None, None, body(CSAT_TP)).await;
    assert_eq!(status, 401);
    let bad_locale = json!({"customer": "u-4", "touchpoint": CSAT_TP, "locale": "de"});
    let (status, _, doc, _) = h
        .api("POST", &path, Some(&h.editor), None, Some(bad_locale))
        .await;
    assert_eq!(status, 422);
    assert_eq!(doc["errors"][0]["field"], "locale");
    // In the OpenAPI document.
    let (_, _, doc, _) = h
        .api("GET", "/api/openapi.json", Some(&h.viewer), None, None)
        .await;
    assert!(doc["paths"]["/api/workspaces/{ws}/survey-links"]["post"].is_object());
    assert!(doc["components"]["schemas"]["SurveyLink"]["properties"]["url"].is_object());
}

#[tokio::test]
async fn the_page_speaks_the_invitations_language_else_the_workspaces() {
    let h = Harness::new().await;
    let (page, _) = mint(
        &h,
        json!({"customer": "u-5", "touchpoint": CSAT_TP, "locale": "nb"}),
    )
    .await;
    let (_, html) = get(&h, &page, "198.51.100.1").await;
    assert!(html.contains("lang=\"nb\""));
    assert!(
        html.contains("Svært misfornøyd") && html.contains("Send svaret mitt"),
        "{html}"
    );
    assert!(html.contains("90 dager"));
    let (_, html) = post(&h, &page, "score=5").await;
    assert!(html.contains("Tusen takk"), "{html}");

    let (page, _) = mint(
        &h,
        json!({"customer": "u-5", "touchpoint": CSAT_TP, "locale": "fi"}),
    )
    .await;
    let (_, html) = get(&h, &page, "198.51.100.1").await;
    assert!(html.contains("Erittäin tyytymätön"), "{html}");

    // No locale in the link: the workspace's (nb).
    let (page, _) = mint(&h, json!({"customer": "u-6", "touchpoint": CSAT_TP})).await;
    let (_, html) = get(&h, &page, "198.51.100.1").await;
    assert!(html.contains("lang=\"nb\""));
}

#[tokio::test]
async fn too_many_requests_from_one_client_get_429() {
    let h = Harness::new().await;
    let (page, _) = mint(&h, json!({"customer": "u-8", "touchpoint": CSAT_TP})).await;
    for i in 0..20 {
        let (status, _) = get(&h, &page, "203.0.113.9").await;
        assert_eq!(status, 200, "request {i}");
    }
    let req = Request::get(&page)
        .header("x-forwarded-for", "203.0.113.9")
        .header(header::ACCEPT_LANGUAGE, "sv-SE,sv;q=0.9")
        .body(Body::empty())
        .expect("req");
    let res = h.send(req).await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key(header::RETRY_AFTER));
    let html = text(res).await;
    assert!(html.contains("Ett ögonblick"), "{html}");
    // Another client (another peer: X-Forwarded-For counts only from trusted proxies) is not
    // held back.
    let mut req = Request::get(&page).body(Body::empty()).expect("req");
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            [192, 0, 2, 10],
            50000,
        ))));
    assert_eq!(h.send(req).await.status(), 200);
}
