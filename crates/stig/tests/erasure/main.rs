//! Erasure end to end: a real `stig serve` holds a person (ids, an e-mail trait, a comment,
//! a survey answer, a moment firing with a webhook delivery and a task); the export holds all
//! of it; the erasure's receipt has none of it; then every file under the database's
//! directory (database, WAL, shared memory, outbox, live snapshots) is read as bytes and
//! none holds their ids or e-mail, while another person's data is still there, and the
//! customer count dropped by one without a rebuild. Later events with their ids are refused
//! (suppression), answered 200 and stored nowhere.

#[allow(dead_code)]
#[path = "../moments/harness.rs"]
mod harness;

use std::path::Path;
use std::time::Duration;

use harness::{Stig, WS, ago, base64, free_port, stig, wait_for, workspace};
use serde_json::{Value, json};

const KARI: &str = "kari-erase-7731";
const KARI_ANON: &str = "anon-zq81-kari";
const KARI_MAIL: &str = "kari.zq81@example.no";
const KARI_COMMENT: &str = "Rommet var kaldt zq81";
const OLA: &str = "ola-stays-5521";
const OLA_MAIL: &str = "ola.stays@example.no";

/// An order makes a task naming the customer, and a webhook (to a refused private address:
/// its delivery stays in the outbox with the customer in its payload).
const MOMENTS: &str = r#"
[[moment]]
id = "order-follow-up"
name = "Follow up an order"
enabled = true
trigger = { on = "event", event = "Order Completed" }

[[moment.action]]
kind = "task"
title = "Ring {{ customer.first_name }} ({{ customer.email }})"
body = "Ordre fra {{ customer.email }}"

[[moment.action]]
kind = "webhook"
url = "http://127.0.0.1:9/hooks/crm"
secret = "duty-hook"
purpose = "service"
"#;

fn person(user: &str, anon: &str, mail: &str, name: &str, comment: &str) -> Vec<Value> {
    vec![
        json!({"type": "page", "anonymousId": anon, "name": "Home", "messageId": format!("{anon}-p"),
            "timestamp": ago(600)}),
        json!({"type": "identify", "userId": user, "anonymousId": anon, "messageId": format!("{user}-i"),
            "traits": {"email": mail, "first_name": name}, "timestamp": ago(500)}),
        json!({"type": "track", "userId": user, "event": "Feedback Submitted",
            "messageId": format!("survey-{user}"),
            "properties": {"score_type": "nps", "score": 3, "comment": comment},
            "timestamp": ago(400)}),
        json!({"type": "track", "userId": user, "event": "Order Completed",
            "messageId": format!("{user}-o"), "properties": {"revenue": 1200}, "timestamp": ago(5)}),
    ]
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(90)))
        .build()
        .into()
}

fn get(s: &Stig, token: &str, path: &str) -> (u16, Vec<u8>) {
    let mut res = agent()
        .get(&format!("{}{path}", s.base))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .expect("the API answers");
    let status = res.status().as_u16();
    (status, res.body_mut().read_to_vec().expect("body"))
}

fn customers(s: &Stig, token: &str) -> u64 {
    s.api(token, &format!("/api/workspaces/{WS}/customers"))["total"]
        .as_u64()
        .expect("total")
}

/// Every file under `dir` whose name starts with `stig.db` (the database, its WAL and
/// shared memory, the outbox and its WAL, the live snapshots), with its bytes.
fn database_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let path = e.expect("entry").path();
            let name = path
                .strip_prefix(dir)
                .expect("inside")
                .display()
                .to_string();
            if !name.starts_with("stig.db") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((name, std::fs::read(&path).expect("read")));
            }
        }
    }
    out
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn an_erased_person_is_gone_from_every_file_and_the_numbers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (db, key) = workspace(tmp.path(), MOMENTS, free_port());
    let metrics_addr = format!("127.0.0.1:{}", free_port());
    let server = Stig::serve(&db, &["--metrics-addr", &metrics_addr]);
    let token = stig(&[
        "token",
        "create",
        "--user",
        "admin",
        "--db",
        db.to_str().expect("utf-8"),
    ])
    .trim()
    .to_owned();
    let before = wait_for("the first build", Duration::from_secs(60), || {
        let (status, body) = get(&server, &token, &format!("/api/workspaces/{WS}/customers"));
        (status == 200)
            .then(|| serde_json::from_slice::<Value>(&body).expect("json")["total"].as_u64())?
    });
    server.send(
        &key,
        &person(KARI, KARI_ANON, KARI_MAIL, "Kari", KARI_COMMENT),
    );
    server.send(
        &key,
        &person(OLA, "anon-ola-5521", OLA_MAIL, "Ola", "Fin tur"),
    );
    let with_both = wait_for("both people derived", Duration::from_secs(30), || {
        let n = customers(&server, &token);
        (n == before + 2).then_some(n)
    });
    wait_for("Kari's task", Duration::from_secs(30), || {
        let tasks = server.api(&token, &format!("/api/workspaces/{WS}/tasks"));
        tasks.to_string().contains(KARI_MAIL).then_some(())
    });

    // The export holds everything about them.
    let (status, body) = get(
        &server,
        &token,
        &format!("/api/workspaces/{WS}/people/{KARI_ANON}/export"),
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let export: Value = serde_json::from_slice(&body).expect("export");
    let text = export.to_string();
    for needle in [KARI, KARI_ANON, KARI_MAIL, KARI_COMMENT, "order-follow-up"] {
        assert!(text.contains(needle), "the export holds {needle}: {text}");
    }
    assert!(!text.contains(OLA), "only Kari");
    assert_eq!(export["events"].as_array().map(Vec::len), Some(4));
    assert!(!export["tasks"].as_array().expect("tasks").is_empty());
    assert!(!export["firings"].as_array().expect("firings").is_empty());
    assert_eq!(export["profile"]["traits"]["email"], KARI_MAIL);

    // The files hold them now (so the check after the erasure can fail).
    let files = database_files(tmp.path());
    for needle in [KARI, KARI_MAIL, "zq81"] {
        assert!(
            files.iter().any(|(_, b)| holds(b, needle)),
            "stored: {needle}"
        );
    }

    // Erased (by their anonymous id), suppressed.
    let mut res = agent()
        .post(&format!(
            "{}/api/workspaces/{WS}/people/{KARI_ANON}/erase",
            server.base
        ))
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .send(json!({"suppress": true}).to_string().as_bytes())
        .expect("erase answers");
    let body = res.body_mut().read_to_vec().expect("body");
    assert_eq!(res.status(), 200, "{}", String::from_utf8_lossy(&body));
    let receipt: Value = serde_json::from_slice(&body).expect("receipt");
    let shown = receipt.to_string();
    assert!(
        !shown.contains("kari") && !shown.contains("zq81"),
        "{shown}"
    );
    assert_eq!(receipt["counts"]["events"], 4);
    assert_eq!(receipt["ids"], 2);
    assert_eq!(receipt["counts"]["tasks"], 1);
    assert_eq!(receipt["counts"]["suppressed"], 2);
    assert_eq!(receipt["live_updated"], true);

    // The numbers drop at once: the live state forgot them without a rebuild.
    assert_eq!(customers(&server, &token), with_both - 1);
    let (status, _) = get(
        &server,
        &token,
        &format!("/api/workspaces/{WS}/customers/{KARI}"),
    );
    assert_eq!(status, 404);
    let (status, _) = get(
        &server,
        &token,
        &format!("/api/workspaces/{WS}/people/{KARI}/export"),
    );
    assert_eq!(status, 404);

    // Their later events are answered 200 and kept nowhere.
    let events_before = server.api(&token, &format!("/api/workspaces/{WS}/events?limit=1000"));
    let again = json!({"type": "track", "userId": KARI, "event": "Page Viewed",
        "messageId": "kari-again", "timestamp": ago(1)});
    server.send(&key, &[again]);
    let res = agent()
        .post(&format!("{}/v1/track", server.base))
        .header(
            "Authorization",
            &format!("Basic {}", base64(format!("{key}:").as_bytes())),
        )
        .header("Content-Type", "application/json")
        .send(
            json!({"anonymousId": KARI_ANON, "event": "x", "messageId": "kari-again-2"})
                .to_string()
                .as_bytes(),
        )
        .expect("collector");
    assert_eq!(res.status(), 200);
    let events_after = server.api(&token, &format!("/api/workspaces/{WS}/events?limit=1000"));
    assert_eq!(
        events_before.to_string().len(),
        events_after.to_string().len(),
        "nothing stored"
    );
    let mut res = agent()
        .get(&format!("http://{metrics_addr}/metrics"))
        .call()
        .expect("metrics answer");
    let metrics = res.body_mut().read_to_string().expect("metrics");
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("stig_events_refused_total") && l.contains("suppressed")),
        "refusals counted"
    );

    // Let the moments evaluator rebuild its state without them, then stop the server.
    std::thread::sleep(Duration::from_secs(3));
    drop(server);
    let files = database_files(tmp.path());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.iter().any(|n| n.ends_with("-wal")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("-outbox")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".snap")), "{names:?}");
    for (name, bytes) in &files {
        for needle in [KARI, KARI_ANON, KARI_MAIL, "zq81"] {
            assert!(!holds(bytes, needle), "{name} still holds {needle}");
        }
    }
    assert!(
        files.iter().any(|(_, b)| holds(b, OLA_MAIL)) && files.iter().any(|(_, b)| holds(b, OLA)),
        "another person's data is still there"
    );
}

/// Retention: a workspace that keeps events a year and comments a month loses an old
/// customer's events and an old comment when the server starts (and hourly), and its
/// customer count follows.
#[test]
fn retention_removes_old_events_and_comments_and_the_numbers_follow() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (db, key) = workspace(tmp.path(), "", free_port());
    let db_arg = db.to_str().expect("utf-8").to_owned();
    let token = {
        let server = Stig::serve(&db, &[]);
        let token = stig(&["token", "create", "--user", "admin", "--db", &db_arg])
            .trim()
            .to_owned();
        let before = wait_for("the first build", Duration::from_secs(60), || {
            let (status, body) = get(&server, &token, &format!("/api/workspaces/{WS}/customers"));
            (status == 200)
                .then(|| serde_json::from_slice::<Value>(&body).expect("json")["total"].as_u64())?
        });
        let years = 3 * 365 * 24 * 3600;
        let old = json!({"type": "track", "userId": "old-timer-1", "event": "Page Viewed",
            "messageId": "old-1", "timestamp": ago(years)});
        let answer = json!({"type": "track", "userId": "recent-2", "event": "Feedback Submitted",
            "messageId": "recent-2-f", "timestamp": ago(40 * 24 * 3600),
            "properties": {"score_type": "nps", "score": 8, "comment": "gammel kommentar"}});
        let fresh = json!({"type": "track", "userId": "recent-2", "event": "Page Viewed",
            "messageId": "recent-2-p", "timestamp": ago(60)});
        server.send(&key, &[old, answer, fresh]);
        wait_for("both derived", Duration::from_secs(30), || {
            (customers(&server, &token) == before + 2).then_some(())
        });
        token
    };
    // A year of events, a month of comments.
    let settings = tmp.path().join(WS).join("stig.toml");
    let text = std::fs::read_to_string(&settings).expect("stig.toml");
    let text = text.replacen(
        "\n[workspace]\n",
        "\n[workspace]\nretention = { events_days = 365, comments_days = 30 }\n",
        1,
    );
    std::fs::write(&settings, text).expect("write");
    stig(&[
        "import",
        tmp.path().join(WS).to_str().expect("utf-8"),
        "--db",
        &db_arg,
    ]);

    let server = Stig::serve(&db, &[]);
    wait_for("the old customer gone", Duration::from_secs(60), || {
        let (status, _) = get(
            &server,
            &token,
            &format!("/api/workspaces/{WS}/customers/old-timer-1"),
        );
        (status == 404).then_some(())
    });
    let (status, body) = get(
        &server,
        &token,
        &format!("/api/workspaces/{WS}/people/recent-2/export"),
    );
    assert_eq!(status, 200);
    let text = String::from_utf8_lossy(&body);
    assert!(!text.contains("gammel kommentar"), "the comment went");
    assert!(text.contains("\"score\":8"), "the score stayed: {text}");
    let (status, _) = get(
        &server,
        &token,
        &format!("/api/workspaces/{WS}/people/old-timer-1/export"),
    );
    assert_eq!(status, 404, "nothing of the old customer is stored");
}
