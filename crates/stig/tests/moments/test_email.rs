//! "Send a test to me" from a moment's email action: rendered for a sample customer in the
//! language asked, through the workspace's mail server (a real aiosmtpd) to the caller's own
//! address; refused clearly when the caller has none or the mail server is gone.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{PyServer, Stig, WS, python_or_skip, stig, workspace};

const MOMENTS: &str = r#"
[[moment]]
id = "takk"
name = "Takk etter turen"
trigger = { on = "event", event = "Trip Completed" }

[[moment.action]]
kind = "email"
to = "customer"
purpose = "service"
subject = { nb = "Takk for turen, {{ customer.first_name }}!", en = "Thank you for the trip, {{ customer.first_name }}!" }
body = { nb = "Hei {{ customer.first_name }}, velkommen tilbake til {{ workspace.name }}.", en = "Hi {{ customer.first_name }}, welcome back to {{ workspace.name }}." }
"#;

fn post(base: &str, token: &str, path: &str, body: Value) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut res = agent
        .post(&format!("{base}{path}"))
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .send(body.to_string().as_bytes())
        .expect("the API answers");
    let status = res.status().as_u16();
    let bytes = res.body_mut().read_to_vec().expect("body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn token(db: &str, user: &str) -> String {
    stig(&["token", "create", "--user", user, "--db", db])
        .trim()
        .to_owned()
}

#[test]
fn a_test_email_reaches_the_mail_server_or_says_why_not() {
    let Some(python) = python_or_skip("a_test_email_reaches_the_mail_server") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let smtp = PyServer::start(
        &python,
        "smtp_server.py",
        tmp.path().join("mail.jsonl"),
        &[],
    );
    let (db, _) = workspace(tmp.path(), MOMENTS, smtp.port);
    let db_arg = db.to_str().expect("utf-8");
    stig(&[
        "user",
        "add",
        "kari@visitarktis.no",
        "--role",
        "editor",
        "--db",
        db_arg,
    ]);
    let kari = token(db_arg, "kari@visitarktis.no");
    stig(&[
        "user", "add", "vaktsjef", "--role", "editor", "--db", db_arg,
    ]);
    let vaktsjef = token(db_arg, "vaktsjef");
    let server = Stig::serve(&db, &["--allow-targets", "127.0.0.1"]);
    let path = format!("/api/workspaces/{WS}/moments/takk/test-email");

    // In English, to the caller's own address, through the SMTP server.
    let (status, body) = post(&server.base, &kari, &path, json!({"language": "en"}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["to"], "kari@visitarktis.no");
    let mail = crate::harness::wait_for("the test email", Duration::from_secs(20), || {
        smtp.records().into_iter().next()
    });
    assert_eq!(mail["rcpt_tos"], json!(["kari@visitarktis.no"]));
    let subject = mail["headers"]["subject"].as_str().expect("a subject");
    assert!(
        subject.starts_with("[TEST] Thank you for the trip, ") && !subject.contains("{{"),
        "{subject}"
    );
    let text = mail["text"].as_str().expect("a text part");
    assert!(
        text.starts_with("Hi ") && text.contains("welcome back to"),
        "{text}"
    );
    assert!(
        mail["headers"]["from"]
            .as_str()
            .is_some_and(|f| f.contains("hei@visitarktis.no"))
    );

    // In Norwegian.
    let (status, body) = post(&server.base, &kari, &path, json!({"language": "nb"}));
    assert_eq!(status, 200, "{body}");
    let mail = crate::harness::wait_for("the Norwegian test", Duration::from_secs(20), || {
        smtp.records().into_iter().nth(1)
    });
    assert!(
        mail["headers"]["subject"]
            .as_str()
            .is_some_and(|s| s.starts_with("[TEST] Takk for turen, ")),
        "{mail}"
    );

    // A user whose name is not an address: a 422 that says so; nothing sent.
    let (status, body) = post(&server.base, &vaktsjef, &path, json!({}));
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("not an e-mail address"), "{body}");

    // The mail server gone: a 502 with the reason, not a hang or a 500.
    drop(smtp);
    let (status, body) = post(&server.base, &kari, &path, json!({"language": "en"}));
    assert_eq!(status, 502, "{body}");
    assert_eq!(body["sent"], false);
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{body}"
    );
}
