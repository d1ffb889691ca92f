//! Segment's browser SDK (`@segment/analytics-next` from npm, installed under
//! `target/browser-sdk`) in real headless Chromium, set up as a site owner would with only
//! `writeKey` and `cdnURL` pointing at `stig demo`, on a page served from another origin.
//! The SDK fetches its settings from Stig, follows their `apiHost` (here `STIG_PUBLIC_URL`,
//! `localhost`, not the `127.0.0.1` of `cdnURL`), passes CORS, and its page, identify and
//! track land on the right customer with traits, properties and the page's context.
//!
//! Needs Chromium and chromedriver (`STIG_REQUIRE_BROWSER`) and Node with npm
//! (`STIG_REQUIRE_NODE`); skips with a message when one is missing and not required.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::response::Html;
use axum::routing::get;
use fantoccini::Locator;
use serde_json::{Value, json};
use stig_store::{SqliteStore, Store};

use super::{Killed, browser_available, free_port, open_browser, shot, wait_for};

const PASSWORD: &str = "e2e-browser-sdk-password";
const WS: &str = "arctic-winter";
const USER: &str = "browser-kari";
const TITLE: &str = "Nordlysturer – Arctic Winter";
const UTM: &str = "utm_source=newsletter&utm_medium=email&utm_campaign=aurora-2026";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analytics_js_from_npm_sends_page_identify_and_track_to_stig() {
    if !browser_available() {
        return;
    }
    let Some(lib) = analytics_next() else {
        return;
    };

    // `stig demo`, known to the world as http://localhost:PORT (STIG_PUBLIC_URL).
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("demo.db");
    let port = free_port();
    let stig = format!("http://127.0.0.1:{port}");
    let public = format!("http://localhost:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_stig"))
        .args(["demo", "--addr", &format!("127.0.0.1:{port}"), "--db"])
        .arg(&db)
        .env("STIG_ADMIN_PASSWORD", PASSWORD)
        .env("STIG_PUBLIC_URL", &public)
        .stdout(Stdio::piped())
        .spawn()
        .expect("stig demo starts");
    let printed = Arc::new(Mutex::new(Vec::<String>::new()));
    if let Some(out) = child.stdout.take() {
        let printed = printed.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                printed.lock().expect("lines").push(line);
            }
        });
    }
    let _server = Killed(child);
    wait_for(&format!("{stig}/healthz"));
    // The demo prints each workspace's write key: `  arctic-winter  <key>`.
    let key = printed
        .lock()
        .expect("lines")
        .iter()
        .find_map(|l| {
            let mut words = l.split_whitespace();
            (words.next() == Some(WS)).then(|| words.next().map(str::to_owned))?
        })
        .expect("stig demo prints the arctic-winter write key");

    // The settings name Stig as the world knows it, whatever host the request used.
    let mut res = ureq::get(&format!("{stig}/v1/projects/{key}/settings"))
        .call()
        .expect("the settings document");
    let settings: Value =
        serde_json::from_slice(&res.body_mut().read_to_vec().expect("body")).expect("JSON");
    assert_eq!(
        settings["integrations"]["Segment.io"]["apiHost"],
        format!("localhost:{port}/v1")
    );
    assert_eq!(settings["integrations"]["Segment.io"]["protocol"], "http");
    assert_eq!(
        settings["integrations"]["Segment.io"]["apiKey"],
        key.as_str()
    );

    // The customer's website, on another origin: a landing page linking to the tours page
    // (with campaign parameters), which loads the SDK.
    let site_port = free_port();
    let site = format!("http://127.0.0.1:{site_port}");
    let tours = tours_page(&key, &stig);
    let landing = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Arctic Winter</title></head>\
         <body><a id=\"go\" href=\"/tours?{}\">Nordlysturer</a></body></html>",
        UTM.replace('&', "&amp;")
    );
    let app = axum::Router::new()
        .route("/", get(move || async move { Html(landing) }))
        .route("/tours", get(move || async move { Html(tours) }))
        .route(
            "/analytics-next.js",
            get(move || async move { ([("content-type", "text/javascript; charset=utf-8")], lib) }),
        );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", site_port))
        .await
        .expect("the site's port");
    let site_server = tokio::spawn(axum::serve(listener, app).into_future());

    let browser = open_browser(
        &["--window-size=1280,900", "--lang=nb-NO"],
        Some(json!({"intl.accept_languages": "nb-NO,nb"})),
    )
    .await;
    let c = browser.client.clone();

    c.goto(&format!("{site}/")).await.expect("the landing page");
    c.find(Locator::Id("go"))
        .await
        .expect("the link")
        .click()
        .await
        .expect("click");
    // The page records what the SDK said of each call once all three are delivered.
    let deadline = Instant::now() + Duration::from_secs(60);
    let report = loop {
        let r = c
            .execute("return window.__stig || null", vec![])
            .await
            .expect("script");
        if r["done"] == true {
            break r;
        }
        if Instant::now() > deadline {
            shot(&c, "browser-sdk-timeout").await;
            panic!("analytics.js did not finish within 60 s: {r}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    shot(&c, "browser-sdk-tours").await;
    let browser = c
        .execute(
            "return {userAgent: navigator.userAgent, language: navigator.language, \
             url: location.href}",
            vec![],
        )
        .await
        .expect("script");
    c.close().await.expect("close the browser");
    site_server.abort();
    assert!(
        report.get("error").is_none(),
        "analytics.js failed: {report}"
    );
    assert_eq!(
        report["failed"],
        json!([null, null, null]),
        "deliveries failed: {report}"
    );
    let ids: Vec<String> = report["ids"]
        .as_array()
        .expect("message ids")
        .iter()
        .map(|v| v.as_str().expect("id").to_owned())
        .collect();
    let anon = report["anonymousId"].as_str().expect("an anonymous id");
    let page_url = browser["url"].as_str().expect("url");
    assert_eq!(page_url, format!("{site}/tours?{UTM}"));

    // In the store: three events from the demo's website source, as the SDK sent them.
    let store = SqliteStore::open(&db).await.expect("the demo's database");
    let source = store
        .list_sources(WS)
        .await
        .expect("sources")
        .into_iter()
        .find(|s| s.name == "Demo website")
        .expect("the demo's source");
    let events = wait_until(|| async {
        let mut e = store.events_for(WS, anon).await.expect("events");
        e.extend(store.events_for(WS, USER).await.expect("events"));
        e.sort_by(|a, b| a.message_id.cmp(&b.message_id));
        e.dedup_by(|a, b| a.message_id == b.message_id);
        (e.len() >= 3).then_some(e)
    })
    .await
    .expect("the three calls are stored");
    let by_id = |id: &str| {
        events
            .iter()
            .find(|e| e.message_id == id)
            .unwrap_or_else(|| panic!("no event {id}"))
    };
    let (page, identify, track) = (by_id(&ids[0]), by_id(&ids[1]), by_id(&ids[2]));
    for e in [page, identify, track] {
        assert_eq!(e.source.as_deref(), Some(source.id.as_str()));
        assert_eq!(e.anonymous_id.as_deref(), Some(anon));
        let ctx = &e.body["context"];
        assert_eq!(ctx["library"]["name"], "analytics.js", "{}", e.body);
        assert_eq!(ctx["userAgent"], browser["userAgent"]);
        assert_eq!(ctx["locale"], browser["language"]);
        assert!(
            ctx["locale"].as_str().is_some_and(|l| !l.is_empty()),
            "{ctx}"
        );
        assert_eq!(ctx["page"]["url"], page_url);
        assert_eq!(ctx["page"]["path"], "/tours");
        assert_eq!(ctx["page"]["title"], TITLE);
        assert_eq!(ctx["page"]["referrer"], format!("{site}/"));
        assert_eq!(ctx["page"]["search"], format!("?{UTM}"));
        assert_eq!(
            ctx["campaign"],
            json!({"source": "newsletter", "medium": "email", "name": "aurora-2026"})
        );
        assert!(e.body.get("sentAt").is_some(), "{}", e.body);
        assert_eq!(e.body["_metadata"]["bundled"], json!(["Segment.io"]));
        assert!(e.body.get("writeKey").is_none());
    }
    assert_eq!(page.kind, "page");
    assert_eq!(page.body["properties"]["path"], "/tours");
    assert_eq!(page.body["properties"]["title"], TITLE);
    assert_eq!(identify.kind, "identify");
    assert_eq!(identify.user_id.as_deref(), Some(USER));
    assert_eq!(identify.body["traits"]["email"], "kari@nordlys.example");
    assert_eq!(identify.body["traits"]["plan"], "aurora");
    assert_eq!(track.kind, "track");
    assert_eq!(track.user_id.as_deref(), Some(USER));
    assert_eq!(track.event.as_deref(), Some("Trip Booked"));
    assert_eq!(track.body["properties"]["revenue"], 4990);
    assert_eq!(track.body["properties"]["currency"], "NOK");

    // The customer's profile joins the anonymous page view to the identified user.
    let token = run_stig(
        &db,
        &["token", "create", "--user", "admin", "--label", "e2e"],
    );
    let profile = wait_until(|| async {
        let res = ureq::get(&format!("{stig}/api/workspaces/{WS}/customers/{USER}"))
            .header("Authorization", &format!("Bearer {token}"))
            .call();
        let mut res = res.ok()?;
        let p: Value = serde_json::from_slice(&res.body_mut().read_to_vec().ok()?).ok()?;
        (p["events"].as_u64() >= Some(3)).then_some(p)
    })
    .await
    .expect("the customer's profile counts the three calls");
    assert_eq!(profile["traits"]["email"], "kari@nordlys.example");
    assert_eq!(profile["traits"]["plan"], "aurora");
    assert!(
        profile["anonymous_ids"]
            .as_array()
            .is_some_and(|a| a.iter().any(|v| v == anon)),
        "{profile}"
    );
}

/// The tours page: loads the SDK's UMD build and makes the three calls with only the write
/// key and Stig's address, as the npm form on Stig's connect page says. It records in
/// `window.__stig` the message ids, the anonymous id and any delivery failure.
fn tours_page(key: &str, stig: &str) -> String {
    let (key, stig) = (json!(key), json!(stig));
    format!(
        r#"<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>{TITLE}</title>
<script>
  window.__logs = [];
  ["error", "warn"].forEach(function (level) {{
    var original = console[level];
    console[level] = function () {{
      window.__logs.push(level + ": " + Array.prototype.map.call(arguments, String).join(" "));
      original.apply(console, arguments);
    }};
  }});
</script>
<script src="/analytics-next.js"></script>
</head>
<body><h1>Nordlysturer</h1>
<script>
  var analytics = AnalyticsNext.AnalyticsBrowser.load({{ writeKey: {key}, cdnURL: {stig} }});
  Promise.all([
    analytics.page(),
    analytics.identify("{USER}", {{ email: "kari@nordlys.example", plan: "aurora" }}),
    analytics.track("Trip Booked", {{ revenue: 4990, currency: "NOK" }}),
  ]).then(function (contexts) {{
    window.__stig = {{
      done: true,
      ids: contexts.map(function (c) {{ return c.event.messageId; }}),
      anonymousId: contexts[0].event.anonymousId,
      failed: contexts.map(function (c) {{
        var f = c.failedDelivery();
        return f ? String(f.reason) : null;
      }}),
      logs: window.__logs,
    }};
  }}, function (e) {{
    window.__stig = {{ done: true, error: String(e), logs: window.__logs }};
  }});
</script>
</body></html>"#
    )
}

/// `@segment/analytics-next`'s UMD build, installed from npm under `target/browser-sdk`;
/// `None` (skipped) without node and npm unless `STIG_REQUIRE_NODE=1`.
fn analytics_next() -> Option<String> {
    let required = std::env::var("STIG_REQUIRE_NODE").is_ok_and(|v| v == "1");
    let (Some(_), Some(npm)) = (which("node"), which("npm")) else {
        assert!(
            !required,
            "STIG_REQUIRE_NODE=1 but node or npm is not installed"
        );
        eprintln!("SKIPPED: node or npm is not installed, so analytics.js cannot be installed");
        return None;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-sdk");
    let umd = dir.join("node_modules/@segment/analytics-next/dist/umd/index.js");
    if !umd.is_file() {
        std::fs::create_dir_all(&dir).expect("target/browser-sdk");
        // A package.json of its own, so that npm installs here and not in a parent directory.
        std::fs::write(
            dir.join("package.json"),
            "{\"name\": \"stig-browser-sdk-test\", \"private\": true}\n",
        )
        .expect("package.json");
        let ok = Command::new(npm)
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "@segment/analytics-next@1",
            ])
            .current_dir(&dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok && umd.is_file(),
            "could not install @segment/analytics-next from npm into {}",
            dir.display()
        );
    }
    Some(std::fs::read_to_string(&umd).expect("the SDK's UMD build"))
}

/// Runs `stig ARGS --db DB` and returns what it printed, trimmed.
fn run_stig(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_stig"))
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("stig runs");
    assert!(
        out.status.success(),
        "stig {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Polls `check` for up to 60 s (events are stored, and profiles derived, off the request).
async fn wait_until<T, F, Fut>(mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some(v) = check().await {
            return Some(v);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    None
}

fn which(bin: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(bin))
        .find(|p| p.is_file())
}
