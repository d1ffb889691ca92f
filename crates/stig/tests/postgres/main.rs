//! PostgreSQL end to end: `stig db copy` moves a whole SQLite installation (every table, the
//! outbox's included) into an empty PostgreSQL database losslessly, checked by exporting the
//! workspace and its events from both and comparing; and `stig serve --db postgres://…`
//! serves it.
//!
//! PostgreSQL is found through `STIG_TEST_PG` (a URL to a database the role may
//! `CREATE DATABASE` from); without it these tests say so and pass, unless `STIG_REQUIRE_PG=1`.

#[path = "../support/pg_database.rs"]
mod pg_database;
#[allow(dead_code)]
#[path = "../support/process.rs"]
mod process;
#[path = "../support/webhook_receiver.rs"]
mod webhook_receiver;

use pg_database::Database;
use process::base64;
use webhook_receiver::receiver;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::json;
use stig_store::{
    AfterAttempt, Attempt, MomentCommit, NewDelivery, NewDestination, NewEvent, NewFiring,
    Rejection, Role, SqliteStore, Store, StoreExt,
};

const WS: &str = "arctic-winter";

fn stig(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stig"))
        .args(args)
        .env_remove("STIG_DB")
        .output()
        .expect("stig runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stig failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter")
}

fn event(i: u32, source: Option<&str>, month: u32) -> NewEvent {
    let at: jiff::Timestamp = format!("2026-{month:02}-1{}T10:00:0{}Z", i % 10, i % 10)
        .parse()
        .expect("time");
    let id = format!("msg-{i}");
    NewEvent {
        message_id: id.clone(),
        kind: if i.is_multiple_of(3) {
            "identify"
        } else {
            "track"
        }
        .into(),
        user_id: Some(format!("customer-{}", i % 4)),
        anonymous_id: i.is_multiple_of(2).then(|| format!("anon-{i}")),
        event: (!i.is_multiple_of(3)).then(|| "Trip Booked".to_owned()),
        timestamp: at,
        received_at: at,
        source: source.map(str::to_owned),
        body: json!({
            "type": if i.is_multiple_of(3) { "identify" } else { "track" },
            "messageId": id,
            "userId": format!("customer-{}", i % 4),
            "event": "Trip Booked",
            "properties": {"note": "tab\tnewline\n\\backslash æøå", "n": i},
            "timestamp": at.to_string(),
        }),
    }
}

/// A SQLite installation with a row in every table.
async fn installation(db: &Path) {
    assert!(
        ok(&stig(&[
            "import",
            &example().display().to_string(),
            "--id",
            WS,
            "--db",
            &db.display().to_string()
        ]))
        .contains("imported")
    );
    let store = SqliteStore::open(db).await.expect("open");
    let kari = store
        .add_user("kari", "nordlys-2026", Role::Admin)
        .await
        .expect("user");
    store
        .add_user("ola", "nordlys-2027", Role::Viewer)
        .await
        .expect("user");
    store
        .create_session(kari.id, Duration::from_secs(3600))
        .await
        .expect("session");
    store.create_api_token(kari.id, "ci").await.expect("token");
    let (source, _) = store.create_source(WS, "Web").await.expect("source");
    store
        .set_source_origins(
            WS,
            &source.id,
            Some(&["https://shop.example.com".to_owned()]),
        )
        .await
        .expect("origins");
    let events: Vec<NewEvent> = (0..40)
        .map(|i| {
            event(
                i,
                i.is_multiple_of(2).then_some(source.id.as_str()),
                1 + i % 3,
            )
        })
        .collect();
    store.append_events(WS, &events).await.expect("events");
    store
        .record_rejection(&Rejection {
            workspace: WS.into(),
            source: source.id.clone(),
            at: jiff::Timestamp::now(),
            status: 400,
            reason: "not JSON".into(),
            excerpt: "{oops".into(),
        })
        .await
        .expect("rejection");
    store.secret("survey-links").await.expect("secret");
    store
        .set_workspace_secret(WS, "smtp", "hunter2")
        .await
        .expect("ws secret");
    store
        .set_persona_picture(WS, "kari", b"\x89PNG\r\n\x1a\n\0\x01\xfe")
        .await
        .ok();
    let at: jiff::Timestamp = "2026-02-01T12:00:00Z".parse().expect("time");
    let commit = MomentCommit {
        firings: vec![NewFiring {
            moment: "welcome".into(),
            occurrence: "msg-1".into(),
            customer: "customer-1".into(),
            persona: Some("kari".into()),
            at,
            context: json!({"why": "first trip"}),
            deliveries: vec![
                NewDelivery {
                    action: 0,
                    kind: "webhook".into(),
                    payload: json!({"url": "https://example.com/hook"}),
                    not_before: at,
                },
                NewDelivery {
                    action: 1,
                    kind: "task".into(),
                    payload: json!({"title": "Call", "body": "Say hello", "assignee": "ola"}),
                    not_before: at,
                },
            ],
            // An action the customer had not consented to: copied like the rest.
            suppressed: vec![stig_store::Suppressed {
                action: 2,
                kind: "email".into(),
                purpose: "marketing".into(),
            }],
        }],
        cursor: Some(40),
    };
    store.commit_moments(WS, &commit).await.expect("moments");
    store
        .moment_live_since(WS, "welcome", at)
        .await
        .expect("live");
    let due = store
        .due_deliveries(jiff::Timestamp::now(), 10)
        .await
        .expect("due");
    store
        .record_attempt(
            due[0].id,
            &Attempt {
                at,
                ok: false,
                status: Some(503),
                error: Some("busy".into()),
                duration_ms: 12,
            },
            AfterAttempt::Dead,
        )
        .await
        .expect("attempt");
    store
        .create_destination(
            WS,
            &NewDestination {
                source: source.id.clone(),
                url: "https://example.com/warehouse".into(),
                only: vec!["track".into()],
                enabled: true,
            },
            "whsec_abc",
            "kari",
        )
        .await
        .expect("destination");
    store.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn db_copy_moves_a_whole_installation_losslessly() {
    let Some(pg) = Database::new().await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("stig.db");
    installation(&db).await;
    let db_arg = db.display().to_string();

    let out = ok(&stig(&["db", "copy", "--from", &db_arg, "--to", &pg.url]));
    assert!(out.contains("compared every table: identical"), "{out}");
    assert!(out.contains("events") && out.contains("40 rows"), "{out}");
    let password = pg
        .url
        .split('@')
        .next()
        .and_then(|userinfo| userinfo.rsplit(':').next())
        .unwrap_or_default();
    assert!(
        !out.contains(&format!(":{password}@")),
        "the password is not printed: {out}"
    );

    // The workspace as files, and its events, exported from both: the same.
    let (a, b) = (dir.path().join("from-sqlite"), dir.path().join("from-pg"));
    ok(&stig(&[
        "export",
        WS,
        &a.display().to_string(),
        "--db",
        &db_arg,
    ]));
    ok(&stig(&[
        "export",
        WS,
        &b.display().to_string(),
        "--db",
        &pg.url,
    ]));
    let files = |d: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = walk(d)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(d).expect("inside").display().to_string(),
                    std::fs::read(&p).expect("read"),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert!(!files(&a).is_empty());
    assert_eq!(files(&a), files(&b), "`stig export` gives the same files");
    for format in ["ndjson", "csv"] {
        let from_sqlite = ok(&stig(&[
            "events",
            "export",
            "--workspace",
            WS,
            "--db",
            &db_arg,
            "--format",
            format,
        ]));
        let from_pg = ok(&stig(&[
            "events",
            "export",
            "--workspace",
            WS,
            "--db",
            &pg.url,
            "--format",
            format,
        ]));
        assert_eq!(
            from_sqlite.lines().count(),
            if format == "csv" { 41 } else { 40 }
        );
        assert_eq!(
            from_sqlite, from_pg,
            "`stig events export` ({format}) gives the same"
        );
    }
    // Users and their passwords came along; a second copy into the same database is refused.
    let users = ok(&stig(&["user", "list", "--db", &pg.url]));
    assert!(users.contains("kari") && users.contains("ola"), "{users}");
    let again = stig(&["db", "copy", "--from", &db_arg, "--to", &pg.url]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A `stig serve` on the test database, killed when dropped.
struct Node {
    child: std::process::Child,
    base: String,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

impl Node {
    fn start(url: &str, state: &Path) -> Node {
        Node::start_with(url, state, &[])
    }

    fn start_with(url: &str, state: &Path, extra: &[&str]) -> Node {
        let port = process::free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_stig"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .arg("--state-dir")
            .arg(state)
            .args(extra)
            .env("STIG_DB", url)
            .env("STIG_ADMIN_PASSWORD", "two-nodes-password")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("stig serve starts");
        let mut node = Node {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while agent()
            .get(&format!("{}/healthz", node.base))
            .call()
            .map_or(true, |r| r.status() != 200)
        {
            assert!(std::time::Instant::now() < deadline, "no answer in 60 s");
            assert!(
                node.child.try_wait().expect("status").is_none(),
                "the server exited"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        node
    }

    /// A request with a bearer token: status, ETag and body.
    fn call(
        &self,
        method: &str,
        token: &str,
        path: &str,
        body: Option<(&str, &str)>,
    ) -> (u16, String, String) {
        let url = format!("{}{path}", self.base);
        let auth = format!("Bearer {token}");
        let mut res = match (method, body) {
            ("GET", _) => agent().get(&url).header("Authorization", &auth).call(),
            ("PUT", Some((etag, json))) => agent()
                .put(&url)
                .header("Authorization", &auth)
                .header("If-Match", etag)
                .header("Content-Type", "application/json")
                .send(json.as_bytes()),
            _ => panic!("{method} is not used here"),
        }
        .expect("the node answers");
        let etag = res
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = res.body_mut().read_to_string().expect("body");
        (res.status().as_u16(), etag, text)
    }
}

#[test]
fn two_nodes_on_one_database_share_tokens_edits_and_events() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let Some(pg) = rt.block_on(Database::new()) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    ok(&stig(&[
        "import",
        &example().display().to_string(),
        "--id",
        WS,
        "--db",
        &pg.url,
    ]));
    let key = ok(&stig(&[
        "source",
        "create",
        "--workspace",
        WS,
        "--name",
        "Web",
        "--db",
        &pg.url,
    ]));
    let key = key.trim().to_owned();
    let a = Node::start(&pg.url, &dir.path().join("a"));
    let b = Node::start(&pg.url, &dir.path().join("b"));
    let token = ok(&stig(&[
        "token", "create", "--user", "admin", "--label", "ci", "--db", &pg.url,
    ]));
    let token = token.trim();

    // A token made once works on every node.
    for node in [&a, &b] {
        let (status, _, body) = node.call("GET", token, "/api/workspaces", None);
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(WS), "{body}");
    }

    // A settings edit on node A is what node B answers at once.
    let path = format!("/api/workspaces/{WS}/settings");
    let (_, etag, settings) = a.call("GET", token, &path, None);
    let mut settings: serde_json::Value = serde_json::from_str(&settings).expect("JSON");
    settings["name"] = json!("Arktisk vinter, redigert på A");
    let (status, _, body) = a.call("PUT", token, &path, Some((&etag, &settings.to_string())));
    assert_eq!(status, 200, "{body}");
    let started = std::time::Instant::now();
    loop {
        let (_, _, body) = b.call("GET", token, &format!("/api/workspaces/{WS}"), None);
        if body.contains("redigert på A") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "node B still answers the old design after a second: {body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // Events collected by node A are in node B's live state: its customers.
    let batch = json!({"batch": [
        {"type": "identify", "userId": "two-nodes-kari", "messageId": "tn-1", "traits": {"name": "Kari"}},
        {"type": "track", "userId": "two-nodes-kari", "event": "Trip Booked", "messageId": "tn-2"}
    ]});
    let basic = format!("Basic {}", base64(format!("{key}:").as_bytes()));
    let res = agent()
        .post(&format!("{}/v1/batch", a.base))
        .header("Authorization", &basic)
        .header("Content-Type", "application/json")
        .send(batch.to_string().as_bytes())
        .expect("the collector answers");
    assert_eq!(res.status(), 200);
    let started = std::time::Instant::now();
    loop {
        let (status, _, body) = b.call(
            "GET",
            token,
            &format!("/api/workspaces/{WS}/customers"),
            None,
        );
        if status == 200 && body.contains("two-nodes-kari") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "node B's customers never showed node A's events: {status} {body}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn distinct(seen: &std::sync::Mutex<Vec<String>>) -> usize {
    let mut ids = seen.lock().expect("lock").clone();
    ids.sort();
    ids.dedup();
    ids.len()
}

/// Sends `n` booked trips from customers `from..from + n` to a node's collector.
fn send_trips(node: &Node, key: &str, from: usize, n: usize) {
    let batch: Vec<serde_json::Value> = (from..from + n)
        .map(|i| json!({"type": "track", "userId": format!("guest-{i}"), "event": "Trip Booked", "messageId": format!("trip-{i}")}))
        .collect();
    let basic = format!("Basic {}", base64(format!("{key}:").as_bytes()));
    let res = agent()
        .post(&format!("{}/v1/batch", node.base))
        .header("Authorization", &basic)
        .header("Content-Type", "application/json")
        .send(json!({ "batch": batch }).to_string().as_bytes())
        .expect("the collector answers");
    assert_eq!(res.status(), 200);
}

fn wait_until(what: &str, within: Duration, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + within;
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out: {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn two_nodes_fire_each_moment_once_and_one_takes_over_when_the_other_is_killed() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let Some(pg) = rt.block_on(Database::new()) else {
        return;
    };
    let (port, seen) = receiver();
    // The example with one moment: a webhook for every booked trip.
    let dir = tempfile::tempdir().expect("temp dir");
    let ws_dir = dir.path().join(WS);
    copy_dir(&example(), &ws_dir);
    std::fs::write(
        ws_dir.join("moments.toml"),
        format!(
            "[[moment]]\nid = \"booked\"\nname = \"Booked\"\nenabled = true\n\
             trigger = {{ on = \"event\", event = \"Trip Booked\" }}\n\n\
             [[moment.action]]\nkind = \"webhook\"\nurl = \"http://127.0.0.1:{port}/hook\"\n\
             secret = \"hook\"\npurpose = \"service\"\n"
        ),
    )
    .expect("moments.toml");
    ok(&stig(&[
        "import",
        &ws_dir.display().to_string(),
        "--id",
        WS,
        "--db",
        &pg.url,
    ]));
    let key = ok(&stig(&[
        "source",
        "create",
        "--workspace",
        WS,
        "--name",
        "Web",
        "--db",
        &pg.url,
    ]));
    let key = key.trim().to_owned();
    let store = rt
        .block_on(stig_store::PgStore::open(&pg.url))
        .expect("the store");
    rt.block_on(store.set_workspace_secret(
        WS,
        "hook",
        "whsec_dGVzdC1zZWNyZXQtZm9yLXR3by1ub2Rlcw==",
    ))
    .expect("secret");

    let allow = ["--allow-targets", "127.0.0.1"];
    let a = Node::start_with(&pg.url, &dir.path().join("a"), &allow);
    let b = Node::start_with(&pg.url, &dir.path().join("b"), &allow);
    for round in 0..4 {
        send_trips(if round % 2 == 0 { &a } else { &b }, &key, round * 10, 10);
    }
    wait_until("40 webhooks", Duration::from_secs(60), || {
        distinct(&seen) >= 40
    });

    // The node holding the lease may be either: kill one, the other carries on alone.
    drop(a);
    send_trips(&b, &key, 40, 20);
    wait_until(
        "60 webhooks after a node was killed",
        Duration::from_secs(90),
        || distinct(&seen) >= 60,
    );
    let firings = rt
        .block_on(store.list_firings(WS, &stig_store::FiringQuery::default()))
        .expect("firings");
    let mut occurrences: Vec<&str> = firings.iter().map(|f| f.occurrence.as_str()).collect();
    occurrences.sort_unstable();
    occurrences.dedup();
    assert_eq!(firings.len(), 60, "one firing per booked trip");
    assert_eq!(occurrences.len(), 60, "no occurrence fired twice");
    assert_eq!(distinct(&seen), 60, "one delivery per firing");
    drop(b);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}
