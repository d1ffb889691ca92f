//! What browsers and apps need of the collector (no browser here; `crates/stig/tests/e2e/
//! browser_sdk.rs` runs the real analytics.js): the settings document, CORS on every route,
//! the origins a source accepts, analytics.js's short paths and `text/plain` bodies, a
//! wrong write key in the debugger, and error bodies the SDKs can log.

use axum::body::Body;
use axum::http::{HeaderMap, Request};
use base64::Engine as _;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use stig_store::Store;

use crate::harness::{Harness, WS, python_venv, which};

const SITE: &str = "https://www.nordlys.example";

struct Answer {
    status: u16,
    headers: HeaderMap,
    json: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

async fn call(
    h: &Harness,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut req = Request::builder().method(method).uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = h
        .send(req.body(Body::from(body.to_owned())).expect("request"))
        .await;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    Answer {
        status,
        headers,
        json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

fn basic(key: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    format!("Basic {encoded}")
}

async fn website(h: &Harness) -> (String, String) {
    let (source, key) = h
        .store
        .create_source(WS, "Website")
        .await
        .expect("a source");
    (source.id, key)
}

/// What analytics.js posts: JSON as `text/plain` with the write key in the body (and, in
/// recent versions, as Basic auth too), from the site's origin.
fn analytics_js_track(key: &str, message_id: &str) -> String {
    json!({
        "type": "track",
        "event": "Trip Booked",
        "properties": {"revenue": 4990, "currency": "NOK"},
        "anonymousId": "anon-42",
        "messageId": message_id,
        "timestamp": "2026-05-01T11:00:00.000Z",
        "sentAt": "2026-05-01T11:00:00.120Z",
        "writeKey": key,
        "context": {
            "page": {"path": "/booking", "url": format!("{SITE}/booking?utm_source=newsletter"),
                     "referrer": "https://search.example/", "title": "Book", "search": "?utm_source=newsletter"},
            "campaign": {"source": "newsletter"},
            "userAgent": "Mozilla/5.0",
            "locale": "nb-NO",
            "library": {"name": "analytics.js", "version": "next-1.84.3"},
        },
        "integrations": {},
        "_metadata": {"bundled": ["Segment.io"], "unbundled": [], "bundledIds": []},
    })
    .to_string()
}

/// This Stig's address as the settings must name it: `STIG_PUBLIC_URL` when the environment
/// running the tests sets it, else the request's host.
fn expected_base(host: &str, scheme: &str) -> (String, String) {
    match std::env::var("STIG_PUBLIC_URL")
        .ok()
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| !u.is_empty())
    {
        Some(url) => {
            let (s, rest) = url.split_once("://").expect("STIG_PUBLIC_URL has a scheme");
            (s.to_owned(), format!("{rest}/v1"))
        }
        None => (scheme.to_owned(), format!("{host}/v1")),
    }
}

#[tokio::test]
async fn the_settings_document_names_this_stig_and_is_cached_like_a_cdn() {
    // The proxy on loopback is trusted, so its X-Forwarded-Proto counts.
    let h = Harness::with_config(stig_server::Config {
        trusted_proxies: "127.0.0.1".parse().expect("proxies"),
        ..stig_server::Config::read_your_writes()
    })
    .await;
    let (_, key) = website(&h).await;
    let path = format!("/v1/projects/{key}/settings");
    let a = call(
        &h,
        "GET",
        &path,
        &[("host", "stig.nordlys.example:8443"), ("origin", SITE)],
        "",
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("cache-control"), Some("public, max-age=60"));
    assert_eq!(a.header("access-control-allow-origin"), Some(SITE));
    assert!(
        a.header("content-type")
            .unwrap_or_default()
            .starts_with("application/json")
    );
    let (protocol, api_host) = expected_base("stig.nordlys.example:8443", "http");
    let segment = &a.json["integrations"]["Segment.io"];
    assert_eq!(segment["apiKey"], key.as_str());
    assert_eq!(segment["apiHost"], api_host.as_str());
    assert_eq!(segment["protocol"], protocol.as_str());
    // Only Stig: no Segment destinations, middleware, remote plugins or metrics to load.
    let integrations = a.json["integrations"].as_object().expect("integrations");
    assert_eq!(integrations.len(), 1, "{integrations:?}");
    assert_eq!(a.json["remotePlugins"], json!([]));
    assert_eq!(a.json["enabledMiddleware"], json!({}));
    assert_eq!(a.json["middlewareSettings"], json!({}));
    assert_eq!(a.json["metrics"]["sampleRate"], 0);
    assert_eq!(a.json["analyticsNextEnabled"], true);
    assert_eq!(a.json["edgeFunction"], json!({}));
    assert_eq!(a.json["plan"]["track"]["__default"]["enabled"], true);

    // Behind a TLS proxy: https, as the proxy says.
    let a = call(
        &h,
        "GET",
        &path,
        &[
            ("host", "stig.nordlys.example"),
            ("x-forwarded-proto", "https"),
        ],
        "",
    )
    .await;
    let (protocol, api_host) = expected_base("stig.nordlys.example", "https");
    let segment = &a.json["integrations"]["Segment.io"];
    assert_eq!(segment["apiHost"], api_host.as_str());
    assert_eq!(segment["protocol"], protocol.as_str());
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("*"),
        "no Origin: any reader"
    );
}

#[tokio::test]
async fn preflights_allow_what_the_sdks_send() {
    let h = Harness::new().await;
    let (_, key) = website(&h).await;
    for path in [
        "/v1/t".to_owned(),
        "/v1/p".to_owned(),
        "/v1/i".to_owned(),
        "/v1/b".to_owned(),
        "/v1/track".to_owned(),
        "/v1/batch".to_owned(),
        "/v1/m".to_owned(),
        format!("/v1/projects/{key}/settings"),
    ] {
        let a = call(
            &h,
            "OPTIONS",
            &path,
            &[
                ("origin", SITE),
                ("access-control-request-method", "POST"),
                (
                    "access-control-request-headers",
                    "authorization,content-type,x-retry-count,x-site-tag",
                ),
            ],
            "",
        )
        .await;
        assert_eq!(a.status, 204, "{path}");
        assert_eq!(
            a.header("access-control-allow-origin"),
            Some(SITE),
            "{path}"
        );
        let methods = a.header("access-control-allow-methods").unwrap_or_default();
        assert!(
            methods.contains("POST") && methods.contains("GET"),
            "{methods}"
        );
        let allowed = a
            .header("access-control-allow-headers")
            .unwrap_or_default()
            .to_ascii_lowercase();
        for name in [
            "content-type",
            "authorization",
            "x-retry-count",
            "x-site-tag",
        ] {
            assert!(allowed.contains(name), "{path}: {allowed} lacks {name}");
        }
        let max_age: u32 = a
            .header("access-control-max-age")
            .and_then(|v| v.parse().ok())
            .expect("a max age");
        assert!(max_age >= 600, "{max_age}");
    }
    // A page on a private-network Stig asks first (Chromium's Private Network Access).
    let a = call(
        &h,
        "OPTIONS",
        "/v1/t",
        &[
            ("origin", SITE),
            ("access-control-request-method", "POST"),
            ("access-control-request-private-network", "true"),
        ],
        "",
    )
    .await;
    assert_eq!(
        a.header("access-control-allow-private-network"),
        Some("true")
    );
}

#[tokio::test]
async fn analytics_js_short_paths_and_text_plain_bodies_are_stored_whole() {
    let h = Harness::new().await;
    let (source, key) = website(&h).await;
    // As analytics.js sends it: text/plain, the key in the body and as Basic auth.
    let a = call(
        &h,
        "POST",
        "/v1/t",
        &[
            ("origin", SITE),
            ("content-type", "text/plain"),
            ("authorization", &basic(&key)),
        ],
        &analytics_js_track(&key, "ajs-next-1"),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.json);
    assert_eq!(a.json, json!({"success": true}));
    assert_eq!(a.header("access-control-allow-origin"), Some(SITE));
    assert!(
        a.header("access-control-expose-headers")
            .unwrap_or_default()
            .contains("Retry-After")
    );
    // Older versions: the key only in the body.
    let a = call(
        &h,
        "POST",
        "/v1/t",
        &[("origin", SITE), ("content-type", "text/plain")],
        &analytics_js_track(&key, "ajs-next-2"),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.json);
    // A page view on /v1/p and analytics.js's batch on /v1/b.
    let page = json!({"type": "page", "name": "Booking", "anonymousId": "anon-42",
        "messageId": "ajs-next-3", "writeKey": key, "properties": {"path": "/booking"}});
    let a = call(&h, "POST", "/v1/p", &[("origin", SITE)], &page.to_string()).await;
    assert_eq!(a.status, 200, "{}", a.json);
    let batch = json!({"writeKey": key, "sentAt": "2026-05-01T11:00:01Z", "batch": [
        {"type": "identify", "userId": "kari", "anonymousId": "anon-42", "messageId": "ajs-next-4",
         "traits": {"email": "kari@nordlys.example"}}]});
    let a = call(&h, "POST", "/v1/b", &[("origin", SITE)], &batch.to_string()).await;
    assert_eq!(a.status, 200, "{}", a.json);
    // Its own metrics: accepted and dropped.
    let a = call(
        &h,
        "POST",
        "/v1/m",
        &[("origin", SITE), ("content-type", "text/plain")],
        r#"{"series":[{"type":"Counter","metric":"analytics_js.invoke","value":1,"tags":{}}]}"#,
    )
    .await;
    assert_eq!(a.status, 200);

    let events = h.store.events_for(WS, "anon-42").await.expect("events");
    let ids: Vec<_> = events.iter().map(|e| e.message_id.as_str()).collect();
    assert_eq!(
        ids,
        ["ajs-next-1", "ajs-next-2", "ajs-next-3", "ajs-next-4"]
    );
    let track = &events[0];
    assert_eq!(track.kind, "track");
    assert_eq!(track.source.as_deref(), Some(source.as_str()));
    assert_eq!(track.body["properties"]["revenue"], 4990);
    assert_eq!(track.body["context"]["page"]["path"], "/booking");
    assert_eq!(track.body["context"]["campaign"]["source"], "newsletter");
    assert_eq!(track.body["context"]["locale"], "nb-NO");
    assert_eq!(track.body["_metadata"]["bundled"], json!(["Segment.io"]));
    assert!(track.body.get("sentAt").is_some());
    assert!(
        track.body.get("writeKey").is_none(),
        "the write key is a credential, not data"
    );
    assert_eq!(events[2].kind, "page");
    assert_eq!(events[3].kind, "identify");
    assert_eq!(events[3].body["traits"]["email"], "kari@nordlys.example");
    assert_eq!(h.store.count_events(WS).await.expect("count"), 4);
}

#[tokio::test]
async fn a_source_refuses_pages_from_origins_it_does_not_list() {
    let h = Harness::new().await;
    let (source, key) = website(&h).await;
    let allowed = stig_store::parse_origins("https://*.nordlys.example").expect("origins");
    h.store
        .set_source_origins(WS, &source, allowed.as_deref())
        .await
        .expect("set origins");

    let a = call(
        &h,
        "POST",
        "/v1/t",
        &[("origin", SITE), ("content-type", "text/plain")],
        &analytics_js_track(&key, "from-our-site"),
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("access-control-allow-origin"), Some(SITE));

    let evil = "https://nordlys-example.evil";
    let a = call(
        &h,
        "POST",
        "/v1/t",
        &[("origin", evil), ("content-type", "text/plain")],
        &analytics_js_track(&key, "from-elsewhere"),
    )
    .await;
    assert_eq!(a.status, 403);
    assert_eq!(
        a.header("access-control-allow-origin"),
        None,
        "the browser must keep the answer from the page"
    );
    assert_eq!(a.json["code"], "origin_not_allowed");
    let a = call(
        &h,
        "GET",
        &format!("/v1/projects/{key}/settings"),
        &[("origin", evil)],
        "",
    )
    .await;
    assert_eq!(a.status, 403);
    assert_eq!(a.header("access-control-allow-origin"), None);
    // A server SDK sends no Origin: not a browser, not checked.
    let a = call(
        &h,
        "POST",
        "/v1/track",
        &[("authorization", &basic(&key))],
        r#"{"userId": "kari", "event": "Invoice Paid", "messageId": "from-backend"}"#,
    )
    .await;
    assert_eq!(a.status, 200);

    let stored: Vec<String> = h
        .store
        .recent_events(WS, None, 10)
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.event.message_id)
        .collect();
    assert!(stored.contains(&"from-our-site".to_owned()));
    assert!(stored.contains(&"from-backend".to_owned()));
    assert!(!stored.contains(&"from-elsewhere".to_owned()));

    // Both refusals are in the debugger, naming the origin, the key hidden.
    let rejections = wait_for_rejections(&h, &source, 2).await;
    for r in &rejections {
        assert_eq!(r.status, 403);
        assert!(r.reason.contains(evil), "{}", r.reason);
        assert!(!r.excerpt.contains(&key), "{}", r.excerpt);
    }
    assert!(
        rejections
            .iter()
            .any(|r| r.excerpt.contains("from-elsewhere"))
    );
    let counts = h.store.source_counts(WS).await.expect("counts");
    assert_eq!(counts[&source].refused, 2);
}

async fn wait_for_rejections(h: &Harness, source: &str, n: usize) -> Vec<stig_store::Rejection> {
    // Refusals are recorded off the request's path.
    for _ in 0..100 {
        let r = h
            .store
            .recent_rejections(WS, Some(source), 10)
            .await
            .expect("rejections");
        if r.len() >= n {
            return r;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("{n} refusals were not recorded");
}

#[tokio::test]
async fn a_wrong_write_key_from_a_browser_is_readable_and_shown_in_the_debugger() {
    let h = Harness::new().await;
    website(&h).await;
    let a = call(
        &h,
        "GET",
        "/v1/projects/not-a-key/settings",
        &[("origin", SITE)],
        "",
    )
    .await;
    assert_eq!(a.status, 404);
    assert_eq!(a.header("access-control-allow-origin"), Some(SITE));
    assert_eq!(a.json["code"], "invalid_write_key");
    let a = call(
        &h,
        "POST",
        "/v1/t",
        &[("origin", SITE), ("content-type", "text/plain")],
        &analytics_js_track("not-a-key", "lost"),
    )
    .await;
    assert_eq!(a.status, 401);
    assert_eq!(a.header("access-control-allow-origin"), Some(SITE));
    assert_eq!(a.json["code"], "invalid_write_key");

    let (cookie, _) = crate::web::login(&h, "vera").await;
    let (status, page) =
        crate::web::get(&h, &cookie, &format!("/w/{WS}/sources/debugger/live")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("2 requests since the server started had no write key or an unknown one"),
        "{page}"
    );
}

#[tokio::test]
async fn error_bodies_carry_what_the_sdks_log() {
    let h = Harness::new().await;
    let (_, key) = website(&h).await;
    let cases = [
        (
            None,
            r#"{"userId": "kari", "event": "X"}"#,
            401,
            "missing_write_key",
            "write key",
        ),
        (
            Some("nope"),
            r#"{"userId": "kari", "event": "X"}"#,
            401,
            "invalid_write_key",
            "unknown write key",
        ),
        (
            Some(key.as_str()),
            r#"{"userId": "kari"}"#,
            400,
            "invalid_message",
            "event",
        ),
        (
            Some(key.as_str()),
            "{not json",
            400,
            "invalid_request",
            "not valid JSON",
        ),
    ];
    for (key, body, status, code, says) in cases {
        let auth = key.map(basic);
        let mut headers = vec![("content-type", "application/json")];
        if let Some(a) = &auth {
            headers.push(("authorization", a));
        }
        let a = call(&h, "POST", "/v1/track", &headers, body).await;
        assert_eq!(a.status, status, "{body}: {}", a.json);
        assert_eq!(a.header("content-type"), Some("application/problem+json"));
        assert_eq!(a.json["code"], code, "{}", a.json);
        let message = a.json["message"].as_str().expect("message");
        assert!(message.contains(says), "{message}");
        assert_eq!(a.json["error"], a.json["message"]);
        assert_eq!(a.json["detail"], a.json["message"]);
        assert_eq!(a.json["status"], status);
        assert_eq!(a.json["success"], false);
    }
}

#[tokio::test]
async fn editors_set_a_sources_origins_on_its_page() {
    let h = Harness::new().await;
    let (source, _) = website(&h).await;
    let form_path = format!("/w/{WS}/sources/{source}/origins");

    let (cookie, csrf) = crate::web::login(&h, "erik").await;
    let (status, page) = crate::web::get(&h, &cookie, &format!("/w/{WS}/sources")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&form_path),
        "the sources page has the origins form"
    );
    assert!(page.contains("Allowed origins for Website"), "{page}");

    let typed = "https://www.nordlys.example/, https://*.nordlys.example";
    let form = format!(
        "csrf={csrf}&origins={}",
        stig_server::views::urlencode(typed)
    );
    let res = h
        .send(
            Request::post(&form_path)
                .header("cookie", &cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form))
                .expect("request"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers().get("location").and_then(|v| v.to_str().ok());
    assert_eq!(location, Some(format!("/w/{WS}/sources#origins").as_str()));
    let flash = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("stig_flash="))
        .and_then(|c| c.split(';').next())
        .expect("a flash message")
        .to_owned();
    let stored = h.store.list_sources(WS).await.expect("sources");
    assert_eq!(
        stored[0].allowed_origins,
        Some(vec![
            "https://www.nordlys.example".to_owned(),
            "https://*.nordlys.example".to_owned()
        ])
    );
    let both = format!("{cookie}; {flash}");
    let (_, page) = crate::web::get(&h, &both, &format!("/w/{WS}/sources")).await;
    assert!(
        page.contains("Allowed origins of Website saved."),
        "the flash"
    );
    assert!(
        page.contains("value=\"https://www.nordlys.example, https://*.nordlys.example\""),
        "the form shows the list as stored"
    );

    // Not an origin: the page again, the error at the form, what was typed kept, nothing
    // changed.
    let form = format!(
        "csrf={csrf}&origins={}",
        stig_server::views::urlencode("www.nordlys.example")
    );
    let (status, _, page) = crate::web::post(&h, &cookie, &form_path, &form).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("`www.nordlys.example` is not a web origin"),
        "{page}"
    );
    assert!(page.contains("value=\"www.nordlys.example\""));
    assert_eq!(
        h.store.list_sources(WS).await.expect("sources")[0].allowed_origins,
        stored[0].allowed_origins
    );

    // Empty: any origin again.
    let (status, _, _) =
        crate::web::post(&h, &cookie, &form_path, &format!("csrf={csrf}&origins=")).await;
    assert_eq!(status, 303);
    assert_eq!(
        h.store.list_sources(WS).await.expect("sources")[0].allowed_origins,
        None
    );

    // A viewer sees the lists, not the form, and may not post it.
    let (cookie, csrf) = crate::web::login(&h, "vera").await;
    let (_, page) = crate::web::get(&h, &cookie, &format!("/w/{WS}/sources")).await;
    assert!(!page.contains(&form_path));
    assert!(page.contains("any website"));
    let (status, _, _) = crate::web::post(
        &h,
        &cookie,
        &form_path,
        &format!("csrf={csrf}&origins=https%3A%2F%2Fx.example"),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        h.store.list_sources(WS).await.expect("sources")[0].allowed_origins,
        None
    );
}

/// The Python SDKs that log `code` and `message` (Segment's and RudderStack's), from PyPI into
/// a venv under `target/`, sent to a real server with a wrong key: they print why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_sdks_log_why_a_request_was_refused() {
    let required = std::env::var("STIG_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
    let Some(python) = which("python3") else {
        assert!(
            !required,
            "STIG_REQUIRE_PYTHON=1 but python3 is not installed"
        );
        eprintln!("SKIPPED: python3 is not installed, so the Python SDKs cannot run");
        return;
    };
    let venv_python = python_venv(
        &python,
        "py-sdk-errors",
        "import segment.analytics, rudderstack.analytics",
        &[
            "segment-analytics-python==2.4.0",
            "rudder-sdk-python==2.1.9",
        ],
    );

    let h = Harness::new().await;
    website(&h).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(axum::serve(listener, h.router.clone()).into_future());
    let script = r#"
import json, sys
from segment.analytics.client import Client as Segment
from rudderstack.analytics.client import Client as Rudder
host = sys.argv[1]
said = {}
for name, make in [("segment", lambda on_error: Segment(write_key="wrong-key", host=host,
                        max_retries=1, on_error=on_error)),
                   ("rudderstack", lambda on_error: Rudder(write_key="wrong-key", host=host,
                        max_retries=1, on_error=on_error))]:
    errors = []
    client = make(lambda e, batch: errors.append(str(e)))
    client.track(user_id="py-user", event="Trip Booked")
    client.flush()
    client.join()
    said[name] = errors
print(json.dumps(said))
"#;
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        tokio::process::Command::new(&venv_python)
            .args(["-c", script, &format!("http://{addr}")])
            .output(),
    )
    .await
    .expect("the SDKs finish")
    .expect("the SDKs run");
    server.abort();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said: Value = serde_json::from_str(stdout.trim()).expect("the script's JSON");
    for (sdk, prefix) in [("segment", "[Segment]"), ("rudderstack", "[rudderstack]")] {
        let errors = said[sdk].as_array().expect("errors");
        assert_eq!(errors.len(), 1, "{sdk}: {errors:?}");
        let e = errors[0].as_str().unwrap_or_default();
        assert_eq!(
            e,
            format!("{prefix} invalid_write_key: unknown write key (401)"),
            "{sdk}"
        );
    }
}
