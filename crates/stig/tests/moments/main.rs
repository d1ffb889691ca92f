//! Business moments end to end: a real `stig serve` fed hand-sent events fires moments into
//! a real webhook receiver (signatures checked by the official Standard Webhooks library),
//! a real SMTP server, the hosted survey and the task list; refuses private targets; and
//! after `kill -9` during delivery loses nothing and fires nothing twice.

mod consent;
mod harness;
mod test_email;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use harness::{PyServer, SECRET, Stig, WS, ago, python_or_skip, stig, wait_for, workspace};
use serde_json::{Value, json};

/// A detractor alerts the duty manager three ways; an order invites the customer to a
/// survey in their language.
const MOMENTS: &str = r#"
[[moment]]
id = "detractor"
name = "Misfornøyd gjest"
enabled = true
trigger = { on = "feedback", score = "nps", at_most = 6 }

[[moment.action]]
kind = "webhook"
url = "http://127.0.0.1:RECEIVER/hooks/stig"
secret = "duty-hook"
purpose = "service"

[[moment.action]]
kind = "email"
to = "vakt@visitarktis.no"
subject = { nb = "Misfornøyd gjest: {{ customer.first_name }} ga {{ trigger.score }}", en = "Unhappy guest: {{ customer.first_name }} gave {{ trigger.score }}" }
body = { nb = "«{{ trigger.comment }}» ({{ trigger.touchpoint }})", en = "“{{ trigger.comment }}” ({{ trigger.touchpoint }})" }

[[moment.action]]
kind = "task"
title = "Ring {{ customer.first_name }} i dag"
body = "NPS {{ trigger.score }}: {{ trigger.comment }}"
assignee = "vaktsjef"

[[moment]]
id = "booking-survey"
name = "Survey after booking"
enabled = true
trigger = { on = "event", event = "Order Completed" }
limits = { max_per_customer = 1, period_days = 30 }

[[moment.action]]
kind = "survey"
touchpoint = "nettbooking"
purpose = "service"
"#;

fn token(db: &std::path::Path) -> String {
    stig(&[
        "token",
        "create",
        "--user",
        "admin",
        "--db",
        db.to_str().expect("utf-8"),
    ])
    .trim()
    .to_owned()
}

#[test]
fn moments_reach_a_real_webhook_receiver_mail_server_survey_and_task_list() {
    let Some(python) = python_or_skip("moments_reach_a_real_webhook_receiver") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    // The receiver fails the first request (503), so the webhook is retried.
    let receiver = PyServer::start(
        &python,
        "receiver.py",
        tmp.path().join("hooks.jsonl"),
        &[SECRET, "503,200"],
    );
    let smtp = PyServer::start(
        &python,
        "smtp_server.py",
        tmp.path().join("mail.jsonl"),
        &[],
    );
    let moments = MOMENTS.replace("RECEIVER", &receiver.port.to_string());
    let (db, key) = workspace(tmp.path(), &moments, smtp.port);
    let server = Stig::serve(
        &db,
        &["--allow-targets", "127.0.0.1", "--retry-first-ms", "300"],
    );
    // Let the evaluator see the moments go live before the events come.
    std::thread::sleep(Duration::from_millis(1_500));

    server.send(
        &key,
        &[
            json!({"type": "identify", "userId": "kari", "timestamp": ago(5),
                   "traits": {"first_name": "Kari", "email": "kari@example.no", "locale": "nb-NO"}}),
            json!({"type": "track", "userId": "kari", "event": "Feedback Submitted", "timestamp": ago(4),
                   "properties": {"score_type": "nps", "score": 3, "comment": "For kaldt i lavvoen", "touchpoint": "lavvo-middag"}}),
            json!({"type": "track", "userId": "ola", "event": "Feedback Submitted", "timestamp": ago(4),
                   "properties": {"score_type": "nps", "score": 10}}),
            json!({"type": "track", "userId": "kari", "event": "Order Completed", "timestamp": ago(3),
                   "properties": {"channel": "web", "category": "pakke", "northern_lights_guarantee": true}}),
            json!({"type": "track", "userId": "kari", "event": "Order Completed", "timestamp": ago(2),
                   "properties": {"channel": "web", "category": "aktivitet"}}),
        ],
    );

    // The webhook: refused once (503), then delivered; both attempts signed, verified by the
    // official library, with the same webhook-id (the idempotency key).
    let hooks = wait_for("the webhook's retry", Duration::from_secs(30), || {
        let r = receiver.records();
        (r.len() >= 2).then_some(r)
    });
    assert_eq!(hooks.len(), 2, "one 503, one 200, nothing more: {hooks:#?}");
    assert!(
        hooks.iter().all(|h| h["verified"] == true),
        "signatures verify: {hooks:#?}"
    );
    assert_eq!(
        hooks[0]["headers"]["webhook-id"],
        hooks[1]["headers"]["webhook-id"]
    );
    assert_eq!(hooks[0]["path"], "/hooks/stig");
    let body: Value = serde_json::from_str(hooks[1]["body"].as_str().expect("body")).expect("JSON");
    assert_eq!(body["type"], "moment.fired");
    assert_eq!(body["data"]["moment"]["id"], "detractor");
    assert_eq!(body["data"]["trigger"]["score"], 3.0);
    assert_eq!(body["data"]["trigger"]["comment"], "For kaldt i lavvoen");
    assert_eq!(body["data"]["customer"]["first_name"], "Kari");

    // Two emails: the duty manager's in the customer's language, and the customer's survey
    // invitation (once, capped per 30 days) in hers.
    wait_for("two emails", Duration::from_secs(30), || {
        (smtp.records().len() >= 2).then_some(())
    });
    // A moment that fired twice would show by now.
    std::thread::sleep(Duration::from_millis(1_500));
    let mails = smtp.records();
    assert_eq!(mails.len(), 2, "{mails:#?}");
    let to = |m: &Value| m["rcpt_tos"][0].as_str().unwrap_or_default().to_owned();
    let alert = mails
        .iter()
        .find(|m| to(m) == "vakt@visitarktis.no")
        .expect("the alert");
    assert_eq!(alert["headers"]["subject"], "Misfornøyd gjest: Kari ga 3");
    assert!(
        alert["text"]
            .as_str()
            .expect("text")
            .contains("«For kaldt i lavvoen» (lavvo-middag)")
    );
    assert!(
        alert["headers"]["x-stig-idempotency-key"]
            .as_str()
            .is_some()
    );
    let invite = mails
        .iter()
        .find(|m| to(m) == "kari@example.no")
        .expect("the invitation");
    assert_eq!(invite["headers"]["content-language"], "nb");
    assert!(
        invite["headers"]["subject"]
            .as_str()
            .expect("subject")
            .starts_with("Hvordan var")
    );
    let text = invite["text"].as_str().expect("text");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/s/"))
        .expect("a survey link in the invitation");
    assert!(link.starts_with(&server.base), "{link}");
    let mut page = ureq::get(link).call().expect("the survey page");
    let page = page.body_mut().read_to_string().expect("html");
    assert!(
        page.contains("Hvor enkelt var det å bestille turen din?"),
        "the survey asks its question in Norwegian"
    );

    // The task, and the activity log over REST.
    let token = token(&db);
    let tasks = wait_for("the task", Duration::from_secs(10), || {
        let t = server.api(&token, &format!("/api/workspaces/{WS}/tasks"));
        (t.as_array().is_some_and(|a| !a.is_empty())).then_some(t)
    });
    assert_eq!(tasks[0]["title"], "Ring Kari i dag");
    assert_eq!(tasks[0]["assignee"], "vaktsjef");
    assert_eq!(tasks[0]["status"], "open");
    let firings = server.api(
        &token,
        &format!("/api/workspaces/{WS}/firings?moment=detractor"),
    );
    let firings = firings.as_array().expect("a list");
    assert_eq!(firings.len(), 1, "the promoter did not fire: {firings:#?}");
    let deliveries = firings[0]["deliveries"].as_array().expect("deliveries");
    let webhook = deliveries
        .iter()
        .find(|d| d["kind"] == "webhook")
        .expect("the webhook");
    assert_eq!(webhook["status"], "delivered");
    assert_eq!(webhook["attempts"], 2);
    let detail = server.api(
        &token,
        &format!("/api/workspaces/{WS}/deliveries/{}", webhook["id"]),
    );
    assert_eq!(detail["attempts"][0]["status"], 503);
    assert_eq!(detail["attempts"][1]["ok"], true);
    // Secrets are listed by name, never by value.
    let secrets = server
        .api(&token, &format!("/api/workspaces/{WS}/secrets"))
        .to_string();
    assert!(
        secrets.contains("duty-hook") && !secrets.contains(SECRET),
        "{secrets}"
    );
}

#[test]
fn private_and_metadata_targets_are_refused_without_the_allow_list() {
    let Some(python) = python_or_skip("private_targets_are_refused") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let receiver = PyServer::start(
        &python,
        "receiver.py",
        tmp.path().join("hooks.jsonl"),
        &[SECRET, "200"],
    );
    let smtp = PyServer::start(
        &python,
        "smtp_server.py",
        tmp.path().join("mail.jsonl"),
        &[],
    );
    let moments = format!(
        r#"
[[moment]]
id = "ssrf"
name = "Tries private targets"
enabled = true
trigger = {{ on = "event", event = "Anything" }}

[[moment.action]]
kind = "webhook"
url = "http://127.0.0.1:{}/"
secret = "duty-hook"
purpose = "service"

[[moment.action]]
kind = "webhook"
url = "http://169.254.169.254/latest/meta-data/"
secret = "duty-hook"
purpose = "service"

[[moment.action]]
kind = "email"
to = "vakt@visitarktis.no"
subject = {{ en = "x" }}
body = {{ en = "x" }}
"#,
        receiver.port
    );
    let (db, key) = workspace(tmp.path(), &moments, smtp.port);
    // No --allow-targets: the strict policy.
    let server = Stig::serve(&db, &[]);
    std::thread::sleep(Duration::from_millis(1_500));
    server.send(
        &key,
        &[json!({"type": "track", "userId": "u1", "event": "Anything", "timestamp": ago(1)})],
    );
    let token = token(&db);
    let dead = wait_for("three dead letters", Duration::from_secs(30), || {
        let d = server.api(
            &token,
            &format!("/api/workspaces/{WS}/deliveries?status=dead"),
        );
        (d.as_array().is_some_and(|a| a.len() == 3)).then_some(d)
    });
    for d in dead.as_array().expect("list") {
        let detail = server.api(
            &token,
            &format!("/api/workspaces/{WS}/deliveries/{}", d["id"]),
        );
        let error = detail["attempts"][0]["error"].as_str().unwrap_or_default();
        assert!(
            error.contains("refused"),
            "{} was refused, not tried: {error}",
            d["kind"]
        );
        assert_eq!(d["attempts"], 1, "a refused target is not retried");
    }
    assert!(
        receiver.records().is_empty(),
        "nothing reached the loopback receiver"
    );
    assert!(
        smtp.records().is_empty(),
        "nothing reached the loopback mail server"
    );
}

#[test]
fn kill_9_during_delivery_loses_nothing_and_fires_nothing_twice() {
    let Some(python) = python_or_skip("kill_9_during_delivery") else {
        return;
    };
    const EVENTS: usize = 400;
    let tmp = tempfile::tempdir().expect("tempdir");
    // A slowish receiver (20 ms a request) so the kill lands mid-delivery.
    let receiver = PyServer::start(
        &python,
        "receiver.py",
        tmp.path().join("hooks.jsonl"),
        &[SECRET, "200", "0.02"],
    );
    let moments = format!(
        r#"
[[moment]]
id = "every-order"
name = "Every order"
enabled = true
trigger = {{ on = "event", event = "Order Completed" }}

[[moment.action]]
kind = "webhook"
url = "http://127.0.0.1:{}/orders"
secret = "duty-hook"
purpose = "service"
"#,
        receiver.port
    );
    let (db, key) = workspace(tmp.path(), &moments, 25);
    let allow = ["--allow-targets", "127.0.0.1", "--retry-first-ms", "200"];
    let mut server = Stig::serve(&db, &allow);
    std::thread::sleep(Duration::from_millis(1_500));
    for b in 0..EVENTS / 50 {
        let batch: Vec<Value> = (0..50)
            .map(|i| {
                json!({"type": "track", "userId": format!("c{}", (b * 50 + i) % 37), "event": "Order Completed",
                       "messageId": format!("order-{b}-{i}"), "timestamp": ago(1), "properties": {"n": b * 50 + i}})
            })
            .collect();
        server.send(&key, &batch);
    }
    // Kill -9 once deliveries are under way, well before they are done.
    wait_for("deliveries under way", Duration::from_secs(60), || {
        (receiver.records().len() >= 40).then_some(())
    });
    server.process.0.kill().expect("SIGKILL");
    let _ = server.process.0.wait();
    let before_restart = receiver.records().len();
    assert!(
        before_restart < EVENTS,
        "the kill came before every delivery ({before_restart})"
    );

    let server = Stig::serve(&db, &allow);
    wait_for(
        "every order delivered after the restart",
        Duration::from_secs(120),
        || {
            let occurrences: HashSet<String> =
                receiver.records().iter().filter_map(occurrence).collect();
            (occurrences.len() >= EVENTS).then_some(())
        },
    );
    // A duplicate firing would show by now.
    std::thread::sleep(Duration::from_millis(1_500));
    let records = receiver.records();
    assert!(
        records.iter().all(|r| r["verified"] == true),
        "every delivery is signed"
    );
    // Nothing lost: every event fired. Nothing fired twice: each occurrence has one firing,
    // hence one webhook-id, however often it was delivered (at least once).
    let mut ids_per_occurrence: HashMap<String, HashSet<String>> = HashMap::new();
    for r in &records {
        let o = occurrence(r).expect("an occurrence");
        let id = r["headers"]["webhook-id"]
            .as_str()
            .expect("webhook-id")
            .to_owned();
        ids_per_occurrence.entry(o).or_default().insert(id);
    }
    assert_eq!(ids_per_occurrence.len(), EVENTS, "every event fired");
    let twice: Vec<_> = ids_per_occurrence
        .iter()
        .filter(|(_, ids)| ids.len() > 1)
        .collect();
    assert!(twice.is_empty(), "occurrences fired twice: {twice:?}");
    let redelivered = records.len() - EVENTS;
    eprintln!(
        "{EVENTS} orders: {before_restart} webhooks before kill -9, {} in all, {redelivered} delivered again with the same webhook-id (at least once)",
        records.len()
    );
    let token = token(&db);
    let firings = server.api(
        &token,
        &format!("/api/workspaces/{WS}/firings?moment=every-order&limit=1000"),
    );
    assert_eq!(
        firings.as_array().expect("list").len(),
        EVENTS,
        "one firing per order in the outbox"
    );
}

/// The occurrence a delivered webhook is about (its trigger's event, by arrival number).
fn occurrence(record: &Value) -> Option<String> {
    let body: Value = serde_json::from_str(record["body"].as_str()?).ok()?;
    body["data"]["occurrence"].as_str().map(str::to_owned)
}
