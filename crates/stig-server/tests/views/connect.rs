//! The "Connect your website / app" page of a source: this Stig's address and the source's
//! write key in every form (snippet, npm, server SDKs, curl, mobile), values escaped, the
//! page only for editors, and the live check flipping when the collector stores an event.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, header};
use base64::Engine as _;
use jiff::Timestamp;
use serde_json::{Value, json};
use stig_server::i18n::Locale;
use stig_server::views::connect::{
    Arrival, ConnectView, KEY_PLACEHOLDER, LiveState, connect_page, mobile_host,
};
use stig_store::{Source, Store};

use crate::support::{assert_translated, ctx, examples, text};

#[allow(dead_code)]
#[path = "../api/harness.rs"]
mod harness;
use harness::{Harness, WS, text as body_text};

const BASE: &str = "https://stig.example.org";
const KEY: &str = "wk_4fQ9zX2mL8";

fn source(name: &str) -> Source {
    Source {
        id: "src_web".into(),
        workspace: WS.into(),
        name: name.into(),
        created_at: Timestamp::UNIX_EPOCH,
        allowed_origins: None,
    }
}

fn render(
    locale: Locale,
    source: &Source,
    base: &str,
    key: Option<&str>,
    live: &LiveState,
) -> String {
    let (id, ws) = examples().into_iter().next().expect("an example");
    let ctx = ctx(locale, &id, &ws, true);
    connect_page(
        &ctx,
        &ConnectView {
            source,
            base_url: base,
            key,
            wrong_key: false,
            live,
        },
    )
    .into_string()
}

/// Every form names this Stig (as each SDK spells its setting) and carries the key.
#[test]
fn every_form_names_this_stig_and_the_write_key_in_every_language() {
    let src = source("Website");
    for locale in Locale::ALL {
        let html = render(locale, &src, BASE, Some(KEY), &LiveState::default());
        assert_translated(&html, &format!("connect ({})", locale.code()));
        let page = text(&html);
        for (form, expected) in [
            (
                "snippet: settings from Stig",
                format!("analytics._cdn = \"{BASE}\""),
            ),
            (
                "snippet: the key",
                format!("analytics._writeKey = \"{KEY}\""),
            ),
            ("snippet: load", format!("analytics.load(\"{KEY}\")")),
            ("npm", format!("writeKey: \"{KEY}\",\n  cdnURL: \"{BASE}\"")),
            ("node", format!("writeKey: \"{KEY}\",\n  host: \"{BASE}\"")),
            ("python key", format!("analytics.write_key = \"{KEY}\"")),
            ("python host", format!("analytics.host = \"{BASE}\"")),
            (
                "rudderstack",
                format!("new Analytics(\n  \"{KEY}\",\n  {{ dataPlaneUrl: \"{BASE}\" }},"),
            ),
            ("curl url", format!("curl '{BASE}/v1/track'")),
            ("curl auth", format!("-u '{KEY}:'")),
            (
                "kotlin",
                format!("Analytics(\n    \"{KEY}\",\n    applicationContext,"),
            ),
            ("kotlin api", "apiHost = \"stig.example.org/v1\"".to_owned()),
            ("kotlin cdn", "cdnHost = \"stig.example.org/v1\"".to_owned()),
            (
                "swift",
                format!("Configuration(\n    writeKey: \"{KEY}\"\n)"),
            ),
            ("swift api", ".apiHost(\"stig.example.org/v1\")".to_owned()),
            ("swift cdn", ".cdnHost(\"stig.example.org/v1\")".to_owned()),
        ] {
            assert!(
                page.contains(&expected),
                "{}: {form} lacks `{expected}`",
                locale.code()
            );
        }
        assert!(
            !page.contains(KEY_PLACEHOLDER),
            "no placeholder once the key is given"
        );
        // Each code block has a copy button (the script shows it) over selectable text.
        assert_eq!(
            html.matches("class=\"code-block\"").count(),
            html.matches("button class=\"copy").count()
        );
        assert!(html.matches("class=\"code-block\"").count() >= 9);
        // Served over HTTPS: no warning for the apps.
        assert!(!html.contains("STIG_PUBLIC_URL"), "{}", locale.code());
    }
    assert_eq!(mobile_host("http://10.0.0.5:8080"), "10.0.0.5:8080/v1");
}

#[test]
fn without_the_key_the_examples_say_so_and_a_form_asks_for_it() {
    let html = render(
        Locale::Nb,
        &source("Nettside"),
        "http://127.0.0.1:8080",
        None,
        &LiveState::default(),
    );
    let page = text(&html);
    assert!(page.contains(&format!("analytics._writeKey = \"{KEY_PLACEHOLDER}\"")));
    assert!(html.contains("name=\"key\""), "the key form");
    assert!(page.contains("Venter på den første hendelsen…"), "{page}");
    // Plain HTTP: the apps (always https) need this Stig behind HTTPS.
    assert!(page.contains("STIG_PUBLIC_URL"));
    assert!(page.contains("apiHost") && page.contains("127.0.0.1:8080/v1"));
}

#[test]
fn values_are_escaped_in_the_html_and_in_the_code() {
    let evil_name = "<script>alert('name')</script>";
    let evil_base = "https://evil.example/\"><img src=x onerror=alert(1)>";
    let live = LiveState {
        cursor: 7,
        last: Some(Arrival {
            seq: 7,
            kind: "track".into(),
            name: Some("<b>Order</b>".into()),
            at: Timestamp::UNIX_EPOCH,
        }),
        arrived: true,
        since_ms: 0,
        refused: None,
    };
    let html = render(Locale::En, &source(evil_name), evil_base, Some(KEY), &live);
    assert!(
        !html.contains("<script>alert"),
        "the source name is escaped"
    );
    assert!(!html.contains("<img src=x"), "the address is escaped");
    assert!(!html.contains("<b>Order</b>"), "the event name is escaped");
    assert!(html.contains("&lt;b&gt;Order&lt;/b&gt;"));
    // Inside the code, a quote in a value cannot end the string early.
    let page = text(&html);
    assert!(
        page.contains(r#"analytics._cdn = "https://evil.example/\"><img src=x onerror=alert(1)>""#),
        "{page}"
    );
    assert!(
        page.contains(r#"curl 'https://evil.example/"><img src=x onerror=alert(1)>/v1/track'"#)
    );
    assert!(
        page.contains("Arrived: track “<b>Order</b>” at 1 Jan 1970 00:00:00 UTC"),
        "{page}"
    );
}

// ---- through the server ------------------------------------------------------------------

/// Logs `user` in through the login form: the session cookie and the CSRF token.
async fn login(h: &Harness, user: &str) -> (String, String) {
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
    let csrf = value_of(&body_text(res).await, "csrf");
    let res = h
        .send(
            Request::post("/login")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "user={user}&password={user}-password&csrf={csrf}&next=/"
                )))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 303, "login");
    let session = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("stig_session="))
        .expect("a session cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let (_, _, page) = get(h, &session, &format!("/w/{WS}/sources")).await;
    (session.clone(), value_of(&page, "csrf"))
}

fn value_of(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no {name} field"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').expect("end")].to_owned()
}

/// (status, Cache-Control, body)
async fn get(h: &Harness, cookie: &str, path: &str) -> (u16, Option<String>, String) {
    let req = Request::get(path)
        .header(header::HOST, "stig.test:8080")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("req");
    let res = h.send(req).await;
    let status = res.status().as_u16();
    let cache = res
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, cache, body_text(res).await)
}

async fn post_form(
    h: &Harness,
    cookie: &str,
    path: &str,
    form: &str,
) -> (u16, Option<String>, String) {
    let req = Request::post(path)
        .header(header::HOST, "stig.test:8080")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_owned()))
        .expect("req");
    let res = h.send(req).await;
    let status = res.status().as_u16();
    let cache = res
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, cache, body_text(res).await)
}

/// Sends one call to the collector with a write key; its status.
async fn collect(h: &Harness, key: &str, path: &str, body: Value) -> u16 {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    let req = Request::post(path)
        .header(header::AUTHORIZATION, format!("Basic {auth}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("req");
    h.send(req).await.status().as_u16()
}

/// This Stig as the page must name it: `STIG_PUBLIC_URL`, else the request's host.
fn this_stig() -> String {
    std::env::var("STIG_PUBLIC_URL")
        .ok()
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "http://stig.test:8080".to_owned())
}

#[tokio::test]
async fn the_page_needs_a_login_and_the_editor_role_and_fills_in_only_this_sources_key() {
    let h = Harness::new().await;
    let (web, key) = h.store.create_source(WS, "Website").await.expect("source");
    let (_, other_key) = h.store.create_source(WS, "App").await.expect("source");
    let url = format!("/w/{WS}/sources/{}/connect", web.id);

    // No session: to the login page.
    let res = h
        .send(Request::get(&url).body(Body::empty()).expect("req"))
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()[header::LOCATION]
            .to_str()
            .expect("loc")
            .starts_with("/login")
    );

    // A viewer may not see how to use write keys.
    let (viewer, viewer_csrf) = login(&h, "vera").await;
    assert_eq!(get(&h, &viewer, &url).await.0, 403);
    let (status, _, _) =
        post_form(&h, &viewer, &url, &format!("csrf={viewer_csrf}&key={key}")).await;
    assert_eq!(status, 403);

    let (editor, csrf) = login(&h, "erik").await;
    let (sources_status, _, sources) = get(&h, &editor, &format!("/w/{WS}/sources")).await;
    assert_eq!(sources_status, 200);
    assert!(
        sources.contains(&format!("href=\"{url}\"")),
        "the sources page links the connect page"
    );

    let stig = this_stig();
    let (status, cache, page) = get(&h, &editor, &url).await;
    assert_eq!(status, 200);
    assert_eq!(cache.as_deref(), Some("no-store"));
    let page = text(&page);
    assert!(
        page.contains(&format!("analytics._cdn = \"{stig}\"")),
        "{page}"
    );
    assert!(page.contains(KEY_PLACEHOLDER) && !page.contains(&key));

    // The right key fills every form in.
    let (status, cache, page) =
        post_form(&h, &editor, &url, &format!("csrf={csrf}&key={key}")).await;
    assert_eq!(status, 200);
    assert_eq!(cache.as_deref(), Some("no-store"));
    let page = text(&page);
    for expected in [
        format!("analytics._writeKey = \"{key}\""),
        format!("writeKey: \"{key}\",\n  cdnURL: \"{stig}\""),
        format!("host: \"{stig}\""),
        format!("analytics.host = \"{stig}\""),
        format!("curl '{stig}/v1/track'"),
        format!("-u '{key}:'"),
        format!("Configuration(\n    writeKey: \"{key}\"\n)"),
    ] {
        assert!(page.contains(&expected), "lacks `{expected}`");
    }
    assert!(!page.contains(KEY_PLACEHOLDER));

    // Another source's key, or no key at all, is not shown as this one's.
    let (status, _, page) =
        post_form(&h, &editor, &url, &format!("csrf={csrf}&key={other_key}")).await;
    assert_eq!(status, 422);
    assert!(!page.contains(&other_key), "a wrong key is not echoed");
    assert!(text(&page).contains("That is not the write key of “Website”"));
    // Without the CSRF token: refused.
    let (status, _, _) = post_form(&h, &editor, &url, &format!("key={key}")).await;
    assert_eq!(status, 403);
    // An unknown source: 404.
    let (status, _, _) = get(&h, &editor, &format!("/w/{WS}/sources/src_nope/connect")).await;
    assert_eq!(status, 404);

    // A source just made: its key, shown once, goes on to its connect page by a form.
    let (status, _, page) = post_form(
        &h,
        &editor,
        &format!("/w/{WS}/sources"),
        &format!("csrf={csrf}&name=Shop"),
    )
    .await;
    assert_eq!(status, 201);
    let shop = h
        .store
        .list_sources(WS)
        .await
        .expect("sources")
        .into_iter()
        .find(|s| s.name == "Shop")
        .expect("the new source");
    let new_key = value_of(&page, "key");
    assert!(page.contains(&format!("action=\"/w/{WS}/sources/{}/connect\"", shop.id)));
    let (status, _, page) = post_form(
        &h,
        &editor,
        &format!("/w/{WS}/sources/{}/connect", shop.id),
        &format!("csrf={csrf}&key={new_key}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(text(&page).contains(&format!("analytics._writeKey = \"{new_key}\"")));
}

#[tokio::test]
async fn the_live_check_flips_when_an_event_of_this_source_arrives() {
    let h = Harness::new().await;
    let (web, key) = h.store.create_source(WS, "Website").await.expect("source");
    let (_, other_key) = h.store.create_source(WS, "App").await.expect("source");
    let (viewer, _) = login(&h, "vera").await;
    let status_url = |after: i64, since: i64| {
        format!(
            "/w/{WS}/sources/{}/connect/status?after={after}&since={since}",
            web.id
        )
    };
    let poll = |after: i64, since: i64| {
        let (h, viewer, url) = (&h, &viewer, status_url(after, since));
        async move {
            let (status, cache, body) = get(h, viewer, &url).await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(cache.as_deref(), Some("no-store"));
            serde_json::from_str::<Value>(&body).expect("JSON")
        }
    };

    // Before: waiting, from the workspace's newest event on.
    let (status, _, body) = get(
        &h,
        &viewer,
        &format!("/w/{WS}/sources/{}/connect/status", web.id),
    )
    .await;
    assert_eq!(status, 200);
    let first: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(first["state"], "waiting");
    assert_eq!(first["text"], Value::Null);
    let cursor = first["cursor"].as_i64().expect("a cursor");
    let since = Timestamp::now().as_millisecond();

    // An event of another source does not count.
    let track = json!({"userId": "kari@example.com", "event": "Order Completed", "properties": {"revenue": 1290}});
    assert_eq!(
        collect(&h, &other_key, "/v1/track", track.clone()).await,
        200
    );
    let s = poll(cursor, since).await;
    assert_eq!(s["state"], "waiting");
    let cursor = s["cursor"].as_i64().expect("a cursor");
    assert!(
        cursor > first["cursor"].as_i64().unwrap_or_default(),
        "the cursor moves on"
    );

    // This source's event flips it: its type, name and time, no personal data.
    assert_eq!(collect(&h, &key, "/v1/track", track).await, 200);
    let s = poll(cursor, since).await;
    assert_eq!(s["state"], "arrived", "{s}");
    let said = s["text"].as_str().expect("a sentence");
    assert!(
        said.starts_with("Arrived: track “Order Completed” at "),
        "{said}"
    );
    assert!(said.ends_with(" UTC"), "{said}");
    assert!(!s.to_string().contains("kari"), "no user id: {s}");
    assert_eq!(s["refused"], Value::Null);

    // Nothing newer: waiting again from the new cursor (the page keeps showing the arrival).
    let cursor = s["cursor"].as_i64().expect("a cursor");
    assert_eq!(poll(cursor, since).await["state"], "waiting");

    // A request of this source the collector refuses is told (it is recorded off the
    // request's path, so wait for it a little).
    assert_eq!(
        collect(&h, &key, "/v1/track", json!({"userId": "u"})).await,
        400
    );
    let mut refused = Value::Null;
    for _ in 0..100 {
        refused = poll(cursor, since).await["refused"].clone();
        if !refused.is_null() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        refused.as_str().is_some_and(|r| r.contains("(400)")),
        "{refused}"
    );

    // The page itself, reloaded with the cursor it started from (no JavaScript), says so too.
    let (editor, _) = login(&h, "erik").await;
    let (status, _, page) = get(
        &h,
        &editor,
        &format!(
            "/w/{WS}/sources/{}/connect?after={}&since={since}",
            web.id, first["cursor"]
        ),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        text(&page).contains("Arrived: track “Order Completed” at "),
        "the reloaded page"
    );
    assert!(h.store.count_events(WS).await.expect("count") >= 2);
}

#[test]
fn every_connect_message_exists_in_every_language_and_parses() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
    let keys = |locale: &str| -> std::collections::BTreeSet<String> {
        let path = dir.join(locale).join("connect.ftl");
        let src =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(src.clone()) {
            panic!("{locale}/connect.ftl: {errors:?}");
        }
        src.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .collect()
    };
    let en = keys("en");
    assert!(en.iter().all(|k| k.starts_with("connect-")), "{en:?}");
    for locale in Locale::ALL {
        assert_eq!(keys(locale.code()), en, "{}/connect.ftl", locale.code());
    }
}
