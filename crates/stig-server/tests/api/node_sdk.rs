//! The official Segment Node SDK (`@segment/analytics-node` from npm, installed under
//! `target/node-sdk`), pointed at a real server on a free port: every call arrives whole,
//! with the SDK's own `messageId`s.
//!
//! analytics-node 2.x sends its write key in the batch body (`"writeKey": ...`), not as
//! HTTP Basic auth: one test runs the SDK exactly as shipped (the collector reads the body's
//! `writeKey`), the other adds a Basic header through the SDK's public `httpClient` option.

use std::path::{Path, PathBuf};

use serde_json::Value;
use stig_store::Store;

use crate::harness::{Harness, WS, which};

/// Sends one of each call for `node-user` (anonymous id `node-anon`), waits for the SDK to
/// flush, and prints `{"ids": [...]}`: the messageId of each call, in call order. Exits 1
/// when any delivery failed. Arguments: write key, host, and `basic` (add an HTTP Basic
/// header through the SDK's `httpClient` option) or `plain` (the SDK as shipped).
const SCRIPT: &str = r#"
const { Analytics } = require('@segment/analytics-node');
const [writeKey, host, mode] = process.argv.slice(-3);
const basic = 'Basic ' + Buffer.from(writeKey + ':').toString('base64');
const httpClient = mode === 'basic'
  ? (url, init) => fetch(url, { ...init, headers: { ...init.headers, Authorization: basic } })
  : undefined;
const analytics = new Analytics({
  writeKey, host, path: '/v1/batch', maxEventsInBatch: 4, flushInterval: 200, maxRetries: 1,
  httpClient,
});
const errors = [];
analytics.on('error', (e) => errors.push(String(e && (e.reason || e.code || e))));
const ids = new Array(6);
const done = (i) => (err, ctx) => {
  if (err) errors.push(`call ${i}: ${err}`);
  ids[i] = ctx && ctx.event.messageId;
};
const who = { userId: 'node-user', anonymousId: 'node-anon' };
analytics.identify({ ...who, traits: { email: 'node@example.no', plan: 'aurora' } }, done(0));
analytics.track({ ...who, event: 'Trip Booked',
  properties: { revenue: 4990, currency: 'NOK', nights: 3, tags: ['aurora', 'husky'] } }, done(1));
analytics.page({ ...who, category: 'Docs', name: 'Getting started',
  properties: { url: 'https://example.no/docs' } }, done(2));
analytics.screen({ ...who, name: 'Booking', properties: { step: 2 } }, done(3));
analytics.group({ ...who, groupId: 'family-1', traits: { size: 4 } }, done(4));
analytics.alias({ userId: 'node-user', previousId: 'node-anon' }, done(5));
analytics.closeAndFlush({ timeout: 20000 }).then(() => {
  if (errors.length) { console.error(errors.join('\n')); process.exit(1); }
  console.log(JSON.stringify({ ids }));
  process.exit(0);
});
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_segment_node_sdk_is_accepted() {
    run_sdk(Auth::Basic).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_segment_node_sdk_is_accepted_as_shipped() {
    run_sdk(Auth::AsShipped).await;
}

#[derive(Clone, Copy)]
enum Auth {
    /// The script adds `Authorization: Basic <write key>:` through `httpClient`.
    Basic,
    /// The SDK as shipped: the write key only in the body.
    AsShipped,
}

/// `target/node-sdk` with the SDK installed, installed once per test process: both tests
/// run at once, and two `npm install`s in one folder rewrite each other's `node_modules`.
/// "Installed" means node can load the SDK with all its dependencies, not just that its
/// `package.json` has been unpacked.
fn sdk_dir(node: &Path, npm: &Path) -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/node-sdk");
        let loads = || {
            std::process::Command::new(node)
                .args(["-e", "require('@segment/analytics-node')"])
                .current_dir(&dir)
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if dir.is_dir() && loads() {
            return dir;
        }
        std::fs::create_dir_all(&dir).expect("target/node-sdk");
        // A package.json of its own, so that npm installs here and not in a parent directory.
        if !dir.join("package.json").is_file() {
            std::fs::write(
                dir.join("package.json"),
                "{\"name\": \"stig-node-sdk-test\", \"private\": true}\n",
            )
            .expect("package.json");
        }
        let ok = std::process::Command::new(npm)
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "@segment/analytics-node@2",
            ])
            .current_dir(&dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok && loads(),
            "could not install @segment/analytics-node from npm into {}",
            dir.display()
        );
        dir
    })
    .clone()
}

async fn run_sdk(auth: Auth) {
    let required = std::env::var("STIG_REQUIRE_NODE").is_ok_and(|v| v == "1");
    let (Some(node), Some(npm)) = (which("node"), which("npm")) else {
        assert!(
            !required,
            "STIG_REQUIRE_NODE=1 but node or npm is not installed"
        );
        eprintln!("SKIPPED: node or npm is not installed, so the Segment Node SDK cannot run");
        return;
    };
    let dir = sdk_dir(&node, &npm);
    let h = Harness::new().await;
    let (_, key) = h
        .store
        .create_source(WS, "Node backend")
        .await
        .expect("a source");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(axum::serve(listener, h.router.clone()).into_future());

    // `node -e` resolves `require` from the working directory: the one holding node_modules.
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        tokio::process::Command::new(&node)
            // `--`: a write key may begin with `-`, which node would take for an option.
            .args(["-e", SCRIPT, "--", &key, &format!("http://{addr}")])
            .arg(match auth {
                Auth::Basic => "basic",
                Auth::AsShipped => "plain",
            })
            .current_dir(&dir)
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("the SDK finishes within 60 s")
    .expect("node runs");
    server.abort();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the SDK failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_str(stdout.trim()).expect("the script prints its ids");
    let ids: Vec<&str> = printed["ids"]
        .as_array()
        .expect("ids")
        .iter()
        .map(|v| v.as_str().expect("a messageId"))
        .collect();
    assert_eq!(ids.len(), 6);

    let events = h.store.events_for(WS, "node-user").await.expect("events");
    let mut kinds: Vec<_> = events.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        ["alias", "group", "identify", "page", "screen", "track"],
        "every call arrived once"
    );
    let by_kind = |kind: &str| {
        events
            .iter()
            .find(|e| e.kind == kind)
            .unwrap_or_else(|| panic!("no {kind} event"))
    };
    for (kind, id) in ["identify", "track", "page", "screen", "group", "alias"]
        .into_iter()
        .zip(&ids)
    {
        let e = by_kind(kind);
        assert_eq!(e.message_id, *id, "{kind}: the SDK's messageId is kept");
        assert_eq!(e.body["messageId"], *id);
        assert_eq!(e.user_id.as_deref(), Some("node-user"), "{kind}");
        assert!(e.source.is_some(), "{kind}: the source is recorded");
        assert_eq!(
            e.body["context"]["library"]["name"], "@segment/analytics-node",
            "{kind}"
        );
        assert!(e.body.get("sentAt").is_some(), "{kind}: sentAt");
        if kind != "alias" {
            assert_eq!(e.anonymous_id.as_deref(), Some("node-anon"), "{kind}");
        }
        if kind != "track" {
            assert_eq!(e.event, None, "{kind}");
        }
    }

    let identify = by_kind("identify");
    assert_eq!(identify.body["traits"]["email"], "node@example.no");
    assert_eq!(identify.body["traits"]["plan"], "aurora");

    let track = by_kind("track");
    assert_eq!(track.event.as_deref(), Some("Trip Booked"));
    assert_eq!(
        track.body["properties"],
        serde_json::json!({"revenue": 4990, "currency": "NOK", "nights": 3,
            "tags": ["aurora", "husky"]})
    );

    let page = by_kind("page");
    assert_eq!(page.body["name"], "Getting started");
    assert_eq!(page.body["category"], "Docs");
    assert_eq!(page.body["properties"]["url"], "https://example.no/docs");

    let screen = by_kind("screen");
    assert_eq!(screen.body["name"], "Booking");
    assert_eq!(screen.body["properties"]["step"], 2);

    let group = by_kind("group");
    assert_eq!(group.body["groupId"], "family-1");
    assert_eq!(group.body["traits"]["size"], 4);

    let alias = by_kind("alias");
    assert_eq!(alias.body["previousId"], "node-anon");

    for id in &ids {
        assert!(h.store.has_event(WS, id).await.expect("has_event"), "{id}");
    }
    assert_eq!(h.store.count_events(WS).await.expect("count"), 6);
}
