//! What a security test found, each retried: redirects after login and the language switch
//! stay on this site; control characters in collected names are refused naming the field;
//! secrets are set by admins only; security headers on every answer; forwarded headers only
//! from trusted proxies; slow and excess connections bounded.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, header};
use base64::Engine as _;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use stig_server::Config;
use stig_store::Store;

use crate::harness::{Harness, WS, text};
use crate::web::{get, login, post};

/// The login page's cookie and CSRF token.
async fn login_form(h: &Harness) -> (String, String) {
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
    let csrf = page[at..at + page[at..].find('"').expect("end")].to_owned();
    (cookie, csrf)
}

fn enc(s: &str) -> String {
    stig_server::views::urlencode(s)
}

#[tokio::test]
async fn login_never_redirects_to_another_site_or_fails_on_control_characters() {
    let h = Harness::new().await;
    for next in [
        "/\t/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/\r\nSet-Cookie: x=1",
        "/w/a\u{0}b",
        " //evil.example",
    ] {
        let (cookie, csrf) = login_form(&h).await;
        let body = format!(
            "user=admin&password=admin-password&csrf={csrf}&next={}",
            enc(next)
        );
        let res = h
            .send(
                Request::post("/login")
                    .header(header::COOKIE, &cookie)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .expect("req"),
            )
            .await;
        assert_eq!(res.status(), 303, "next={next:?}");
        assert_eq!(res.headers()[header::LOCATION], "/", "next={next:?}");
    }
    // A path on this site is kept.
    let (cookie, csrf) = login_form(&h).await;
    let body = format!("user=admin&password=admin-password&csrf={csrf}&next=/w/{WS}/journeys");
    let res = h
        .send(
            Request::post("/login")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[header::LOCATION], format!("/w/{WS}/journeys"));
}

#[tokio::test]
async fn the_language_switch_shares_the_check() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "vera").await;
    for (next, to) in [
        ("/\t/evil.example", "/"),
        ("/\n/x", "/"),
        ("//evil.example", "/"),
        ("/w/arctic-winter", "/w/arctic-winter"),
    ] {
        let (status, location, _) = post(
            &h,
            &cookie,
            "/locale",
            &format!("csrf={csrf}&locale=nb&next={}", enc(next)),
        )
        .await;
        assert_eq!(status, 303, "next={next:?}");
        assert_eq!(location.as_deref(), Some(to), "next={next:?}");
    }
}

fn basic(key: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    format!("Basic {encoded}")
}

#[tokio::test]
async fn control_characters_in_collected_names_and_ids_are_refused_naming_the_field() {
    let h = Harness::new().await;
    let (_, key) = h.store.create_source(WS, "Website").await.expect("source");
    let ok =
        |i: usize| json!({"type": "track", "userId": format!("u-{i}"), "event": "Trip Booked"});
    let cases = [
        (
            json!({"type": "track", "userId": "u-9", "event": "Page\u{0}Viewed"}),
            "event",
        ),
        (
            json!({"type": "page", "userId": "u-9", "name": "Front\u{1b}page"}),
            "name",
        ),
        (
            json!({"type": "track", "userId": "u\u{0}9", "event": "X"}),
            "userId",
        ),
        (
            json!({"type": "track", "anonymousId": "a\u{7}", "event": "X"}),
            "anonymousId",
        ),
        (
            json!({"type": "track", "userId": "u", "event": "X", "messageId": "m\u{0}"}),
            "messageId",
        ),
        (
            json!({"type": "group", "userId": "u", "groupId": "g\n1"}),
            "groupId",
        ),
        (
            json!({"type": "alias", "userId": "u", "previousId": "p\u{0}"}),
            "previousId",
        ),
        (
            json!({"type": "track", "userId": "u", "event": "X", "properties": {"pl\u{0}an": 1}}),
            "properties.plan",
        ),
    ];
    for (bad, field) in cases {
        let body = json!({"batch": [ok(0), ok(1), ok(2), bad]});
        let res = h
            .send(
                Request::post("/v1/batch")
                    .header(header::AUTHORIZATION, basic(&key))
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .expect("req"),
            )
            .await;
        assert_eq!(res.status(), 400, "{field}");
        assert_eq!(
            res.headers()[header::CONTENT_TYPE],
            "application/problem+json",
            "{field}"
        );
        let doc: serde_json::Value = serde_json::from_str(&text(res).await).expect("json");
        assert_eq!(doc["field"], field, "{doc}");
        assert_eq!(doc["index"], 3, "{doc}");
        let detail = doc["detail"].as_str().expect("detail");
        assert!(detail.starts_with("batch[3]: "), "{detail}");
        assert!(detail.contains("control character"), "{detail}");
    }
    // A single call names the field without an index; nothing was stored.
    let res = h
        .send(
            Request::post("/v1/track")
                .header(header::AUTHORIZATION, basic(&key))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    json!({"userId": "u-1", "event": "Page\u{0}Viewed"}).to_string(),
                ))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 400);
    let doc: serde_json::Value = serde_json::from_str(&text(res).await).expect("json");
    assert_eq!(doc["field"], "event");
    assert!(doc.get("index").is_none(), "{doc}");
    assert!(
        h.store
            .events_for(WS, "u-0")
            .await
            .expect("events")
            .is_empty(),
        "a refused batch stores nothing"
    );
}

#[tokio::test]
async fn only_admins_set_replace_or_delete_secrets_and_viewers_do_not_see_them() {
    let h = Harness::new().await;
    h.store
        .set_workspace_secret(WS, "smtp-password", "hunter2")
        .await
        .expect("secret");
    let page = format!("/w/{WS}/secrets");
    // Viewers: no page, no changes.
    let (vera, vera_csrf) = login(&h, "vera").await;
    assert_eq!(get(&h, &vera, &page).await.0, 403);
    // Editors: the names, as the API shows them, but no forms and no changes.
    let (erik, erik_csrf) = login(&h, "erik").await;
    let (status, html) = get(&h, &erik, &page).await;
    assert_eq!(status, 200);
    assert!(html.contains("smtp-password"));
    assert!(!html.contains("/secrets/generate"), "editors see no forms");
    for (cookie, csrf) in [(&vera, &vera_csrf), (&erik, &erik_csrf)] {
        let set = post(
            &h,
            cookie,
            &page,
            &format!("csrf={csrf}&name=smtp-password&value=mine"),
        )
        .await;
        assert_eq!(set.0, 403);
        let gen_ = post(
            &h,
            cookie,
            &format!("{page}/generate"),
            &format!("csrf={csrf}&name=signing"),
        )
        .await;
        assert_eq!(gen_.0, 403);
        let del = post(
            &h,
            cookie,
            &format!("{page}/smtp-password/delete"),
            &format!("csrf={csrf}"),
        )
        .await;
        assert_eq!(del.0, 403);
    }
    let names =
        |list: Vec<stig_store::SecretInfo>| list.into_iter().map(|s| s.name).collect::<Vec<_>>();
    assert_eq!(
        names(h.store.list_workspace_secrets(WS).await.expect("list")),
        ["smtp-password"]
    );
    assert_eq!(
        h.store
            .workspace_secret(WS, "smtp-password")
            .await
            .expect("get")
            .as_deref(),
        Some("hunter2"),
        "not replaced"
    );
    // Admins do all three.
    let (admin, csrf) = login(&h, "admin").await;
    let (status, html) = get(&h, &admin, &page).await;
    assert_eq!(status, 200);
    assert!(html.contains("/secrets/generate"));
    let set = post(
        &h,
        &admin,
        &page,
        &format!("csrf={csrf}&name=smtp-password&value=new"),
    )
    .await;
    assert_eq!(set.0, 303);
    let gen_ = post(
        &h,
        &admin,
        &format!("{page}/generate"),
        &format!("csrf={csrf}&name=signing"),
    )
    .await;
    assert_eq!(gen_.0, 201);
    let del = post(
        &h,
        &admin,
        &format!("{page}/smtp-password/delete"),
        &format!("csrf={csrf}"),
    )
    .await;
    assert_eq!(del.0, 303);
    assert_eq!(
        names(h.store.list_workspace_secrets(WS).await.expect("list")),
        ["signing"]
    );
}

fn assert_security_headers(res: &axum::http::Response<Body>, what: &str, hsts: bool) {
    let h = res.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .expect("csp");
    assert!(csp.contains("script-src 'self'"), "{what}: {csp}");
    assert!(
        !csp.contains("script-src 'self' 'unsafe-inline'"),
        "{what}: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(
        h["referrer-policy"], "strict-origin-when-cross-origin",
        "{what}"
    );
    assert_eq!(h.contains_key("strict-transport-security"), hsts, "{what}");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_hsts_only_over_https() {
    for (public_url, hsts) in [(None, false), (Some("https://stig.example.com"), true)] {
        let h = Harness::with_config(Config {
            public_url: public_url.map(str::to_owned),
            ..Config::read_your_writes()
        })
        .await;
        let (cookie, _) = login(&h, "vera").await;
        let page = h
            .send(
                Request::get(format!("/w/{WS}"))
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .expect("req"),
            )
            .await;
        assert_eq!(page.status(), 200);
        assert_security_headers(&page, "a page", hsts);
        let (status, _, _, api) = h
            .api(
                "GET",
                "/api/workspaces/nowhere/personas",
                Some(&h.viewer),
                None,
                None,
            )
            .await;
        assert_eq!(status, 404);
        assert_security_headers(&api, "an API error", hsts);
        let asset = h
            .send(
                Request::get("/assets/htmx.min.js")
                    .body(Body::empty())
                    .expect("req"),
            )
            .await;
        assert_eq!(asset.status(), 200);
        assert_security_headers(&asset, "an asset", hsts);
        let collect = h
            .send(
                Request::post("/v1/track")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from("{}"))
                    .expect("req"),
            )
            .await;
        assert_eq!(collect.status(), 401);
        assert_security_headers(&collect, "the collector", hsts);
        let login = h
            .send(Request::get("/login").body(Body::empty()).expect("req"))
            .await;
        assert_security_headers(&login, "the login page", hsts);
        let html = text(login).await;
        assert!(!html.contains("<script>"), "no inline script: {html}");
        assert!(!html.contains("onchange="), "no inline handlers");
    }
}

#[tokio::test]
async fn cookies_are_secure_when_the_server_says_so() {
    for secure in [false, true] {
        let h = Harness::with_config(Config {
            secure_cookies: secure,
            ..Config::read_your_writes()
        })
        .await;
        let res = h
            .send(Request::get("/login").body(Body::empty()).expect("req"))
            .await;
        let cookie = res.headers()[header::SET_COOKIE].to_str().expect("cookie");
        assert_eq!(cookie.contains("; Secure"), secure, "{cookie}");
    }
}

/// A survey page request from `peer` claiming to be `forwarded_for`.
async fn survey_get(h: &Harness, page: &str, peer: [u8; 4], forwarded_for: &str) -> u16 {
    let mut req = Request::get(page)
        .header("x-forwarded-for", forwarded_for)
        .body(Body::empty())
        .expect("req");
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((peer, 50000))));
    h.send(req).await.status().as_u16()
}

async fn survey_page(h: &Harness) -> String {
    let (status, _, doc, _) = h
        .api(
            "POST",
            &format!("/api/workspaces/{WS}/survey-links"),
            Some(&h.editor),
            None,
            Some(json!({"customer": "u-8", "touchpoint": "velkomstsenter"})),
        )
        .await;
    assert_eq!(status, 200, "{doc}");
    let url = doc["url"].as_str().expect("url");
    format!("/s/{}", url.split_once("/s/").expect("/s/").1)
}

#[tokio::test]
async fn forwarded_for_from_an_untrusted_loopback_peer_is_ignored_by_the_survey_limit() {
    let h = Harness::new().await;
    let page = survey_page(&h).await;
    // Twenty requests each claiming another address: all one client, the peer.
    for i in 0..20 {
        assert_eq!(
            survey_get(&h, &page, [127, 0, 0, 1], &format!("198.51.100.{i}")).await,
            200
        );
    }
    assert_eq!(
        survey_get(&h, &page, [127, 0, 0, 1], "203.0.113.77").await,
        429
    );
}

#[tokio::test]
async fn forwarded_for_from_a_trusted_proxy_names_the_client() {
    let h = Harness::with_config(Config {
        trusted_proxies: "127.0.0.1, 10.0.0.0/8".parse().expect("proxies"),
        ..Config::read_your_writes()
    })
    .await;
    let page = survey_page(&h).await;
    for _ in 0..20 {
        assert_eq!(
            survey_get(&h, &page, [127, 0, 0, 1], "198.51.100.1").await,
            200
        );
    }
    assert_eq!(
        survey_get(&h, &page, [127, 0, 0, 1], "198.51.100.1").await,
        429
    );
    // Another client behind the same proxy has its own allowance.
    assert_eq!(
        survey_get(&h, &page, [127, 0, 0, 1], "198.51.100.2").await,
        200
    );
    // A client cannot pick its address by writing the header itself: the proxy appends.
    assert_eq!(
        survey_get(&h, &page, [127, 0, 0, 1], "198.51.100.2, 198.51.100.1").await,
        429
    );
    // An untrusted peer is itself the client, whatever it forwards.
    assert_eq!(
        survey_get(&h, &page, [192, 0, 2, 9], "198.51.100.2").await,
        200
    );
}

/// A server on loopback within `limits`, answering `ok` at `/`.
async fn limited_server(limits: stig_server::listen::Limits) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    tokio::spawn(stig_server::listen::serve_with_limits(
        listener,
        app,
        limits,
        std::future::pending(),
    ));
    addr
}

/// One plain HTTP/1.1 request on a new connection; the status line's code.
async fn request(addr: SocketAddr) -> std::io::Result<String> {
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await?;
    let mut out = String::new();
    s.read_to_string(&mut out).await?;
    Ok(out)
}

/// Whether the server closed `s` (read returns 0 or an error) within `wait`.
async fn closed_within(s: &mut tokio::net::TcpStream, wait: Duration) -> bool {
    let mut buf = [0u8; 512];
    matches!(
        tokio::time::timeout(wait, s.read(&mut buf)).await,
        Ok(Ok(0) | Err(_))
    )
}

#[tokio::test]
async fn a_slow_header_or_idle_connection_is_closed_after_the_timeout() {
    let addr = limited_server(stig_server::listen::Limits {
        header_timeout: Duration::from_millis(300),
        ..Default::default()
    })
    .await;
    // Half a request line, then nothing.
    let mut slow = tokio::net::TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .expect("write");
    assert!(
        closed_within(&mut slow, Duration::from_secs(5)).await,
        "slow headers kept open"
    );
    // A kept-alive connection after its answer, idle.
    let mut idle = tokio::net::TcpStream::connect(addr).await.expect("connect");
    idle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let mut buf = [0u8; 512];
    let n = idle.read(&mut buf).await.expect("answer");
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    assert!(
        closed_within(&mut idle, Duration::from_secs(5)).await,
        "idle kept open"
    );
    // Nothing of the kind happens to a prompt client.
    assert!(
        request(addr)
            .await
            .expect("request")
            .starts_with("HTTP/1.1 200")
    );
}

#[tokio::test]
async fn connections_over_the_cap_wait_until_others_go() {
    let addr = limited_server(stig_server::listen::Limits {
        max_connections: 2,
        header_timeout: Duration::from_secs(30),
        ..Default::default()
    })
    .await;
    // Two connections hold the cap (sending nothing).
    let mut held = Vec::new();
    for _ in 0..2 {
        held.push(tokio::net::TcpStream::connect(addr).await.expect("connect"));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // A third is not served while they are open...
    let third = tokio::spawn(request(addr));
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(!third.is_finished(), "served beyond the cap");
    // ... and is once they go.
    held.clear();
    let answer = tokio::time::timeout(Duration::from_secs(5), third)
        .await
        .expect("served after the others went")
        .expect("task")
        .expect("request");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn api_errors_are_problem_json_with_the_right_status() {
    let h = Harness::new().await;
    let problem =
        |what: &str, status: u16, want: u16, ct: Option<String>, doc: &serde_json::Value| {
            assert_eq!(status, want, "{what}: {doc}");
            assert_eq!(ct.as_deref(), Some("application/problem+json"), "{what}");
            assert_eq!(doc["status"], want, "{what}: {doc}");
            assert!(
                doc["detail"].as_str().is_some_and(|d| !d.is_empty()),
                "{what}: {doc}"
            );
        };
    let cases = [
        (
            "a path parameter",
            "GET",
            format!("/api/workspaces/{WS}/deliveries/not-a-number"),
            400,
        ),
        (
            "a query parameter",
            "GET",
            format!("/api/workspaces/{WS}/firings?limit=many"),
            400,
        ),
        (
            "an unknown path",
            "GET",
            "/api/no/such/thing".to_owned(),
            404,
        ),
        ("a method", "DELETE", "/api/openapi.json".to_owned(), 405),
    ];
    for (what, method, path, want) in cases {
        let (status, ct, doc, _) = h.api(method, &path, Some(&h.admin), None, None).await;
        problem(what, status, want, ct, &doc);
    }
    // A body over the limit: 413, before it is read.
    let big = vec![b' '; 3 * 1024 * 1024];
    let res = h
        .send(
            Request::post(format!("/api/workspaces/{WS}/personas"))
                .header(header::AUTHORIZATION, format!("Bearer {}", h.admin))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, big.len())
                .body(Body::from(big))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 413);
    assert_eq!(
        res.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
}

#[tokio::test]
async fn an_insight_area_is_always_an_object() {
    let h = Harness::new().await;
    for area in ["findings", "variants", "totals"] {
        let (status, _, doc, _) = h
            .api(
                "GET",
                &format!("/api/workspaces/{WS}/insight/{area}"),
                Some(&h.viewer),
                None,
                None,
            )
            .await;
        assert_eq!(status, 200, "{area}: {doc}");
        assert!(doc.is_object(), "{area}: {doc}");
    }
    let (_, _, doc, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight/findings"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert!(doc["findings"].is_array(), "{doc}");
}
