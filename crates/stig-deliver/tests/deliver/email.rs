//! Email through a real SMTP server (aiosmtpd).

use stig_deliver::{Email, Security, SmtpConfig, TargetPolicy, send_email};

use super::{Server, loopback_allowed, python_or_skip};

async fn smtp(test: &str) -> Option<(Server, SmtpConfig)> {
    let python = python_or_skip(test)?;
    let server = Server::start(&python, "smtp_server.py", &[]).await;
    let config = SmtpConfig {
        host: "127.0.0.1".into(),
        port: server.port,
        from: "Stig <stig@example.no>".into(),
        username: None,
        password: None,
        security: Security::None,
    };
    Some((server, config))
}

fn email<'a>(to: &'a str, message_id: &'a str) -> Email<'a> {
    Email {
        to,
        subject: "Kunden har sluttet – følg opp",
        text: "Hei!\n\nKari Nordmann sluttet i dag. Ring henne før fredag.\n",
        message_id,
        language: "nb",
    }
}

#[tokio::test]
async fn an_email_arrives_with_its_headers() {
    let Some((server, config)) = smtp("an_email_arrives_with_its_headers").await else {
        return;
    };
    let sent = send_email(
        &loopback_allowed(),
        &config,
        &email("kari@example.no", "moment-7.action-1"),
    )
    .await
    .expect("sent");
    assert_eq!(sent.status, 250);
    let records = server.records();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["mail_from"], "stig@example.no");
    assert_eq!(r["rcpt_tos"], serde_json::json!(["kari@example.no"]));
    let h = &r["headers"];
    assert_eq!(h["to"], "kari@example.no");
    assert_eq!(h["from"], "Stig <stig@example.no>");
    assert_eq!(h["subject"], "Kunden har sluttet – følg opp");
    assert_eq!(h["message-id"], "<moment-7.action-1@stig>");
    assert_eq!(h["x-stig-idempotency-key"], "moment-7.action-1");
    assert_eq!(h["content-language"], "nb");
    assert!(
        h["user-agent"]
            .as_str()
            .is_some_and(|u| u.starts_with("Stig/")),
        "{h}"
    );
    assert!(
        h["content-type"]
            .as_str()
            .is_some_and(|c| c.starts_with("text/plain")),
        "{h}"
    );
    // Transfer encoding may add a line break at the end.
    assert_eq!(
        r["text"]
            .as_str()
            .map(|t| t.replace("\r\n", "\n"))
            .as_deref()
            .map(str::trim_end),
        Some("Hei!\n\nKari Nordmann sluttet i dag. Ring henne før fredag.")
    );
}

#[tokio::test]
async fn smtp_replies_decide_retrying() {
    let Some((server, config)) = smtp("smtp_replies_decide_retrying").await else {
        return;
    };
    let failed = send_email(
        &loopback_allowed(),
        &config,
        &email("permanent@example.no", "m-1"),
    )
    .await
    .expect_err("550");
    assert_eq!(failed.status, Some(550));
    assert!(!failed.retryable, "{failed}");
    let failed = send_email(
        &loopback_allowed(),
        &config,
        &email("busy@example.no", "m-2"),
    )
    .await
    .expect_err("451");
    assert_eq!(failed.status, Some(451));
    assert!(failed.retryable, "{failed}");
    assert!(server.records().is_empty());
}

#[tokio::test]
async fn bad_addresses_are_final_and_nothing_is_sent() {
    let Some((server, mut config)) = smtp("bad_addresses_are_final").await else {
        return;
    };
    let failed = send_email(
        &loopback_allowed(),
        &config,
        &email("not an address", "m-3"),
    )
    .await
    .expect_err("bad to");
    assert!(!failed.retryable);
    assert!(
        failed
            .message
            .contains("recipient address `not an address`"),
        "{}",
        failed.message
    );
    config.from = "stig@".into();
    let failed = send_email(
        &loopback_allowed(),
        &config,
        &email("kari@example.no", "m-4"),
    )
    .await
    .expect_err("bad from");
    assert!(!failed.retryable);
    assert!(
        failed.message.contains("sender address `stig@`"),
        "{}",
        failed.message
    );
    assert!(server.records().is_empty());
}

#[tokio::test]
async fn a_loopback_relay_is_refused_without_connecting() {
    let Some((server, mut config)) = smtp("a_loopback_relay_is_refused").await else {
        return;
    };
    for host in ["127.0.0.1", "localhost"] {
        config.host = host.into();
        let failed = send_email(
            &TargetPolicy::strict(),
            &config,
            &email("kari@example.no", "m-5"),
        )
        .await
        .expect_err("refused");
        assert!(!failed.retryable, "{failed}");
        assert!(failed.message.contains("loopback"), "{}", failed.message);
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(server.records().is_empty());
}

/// TLS is really attempted (to the checked IP, for the configured name): against a plain
/// server it fails, as a retryable connection error, and nothing is delivered.
#[tokio::test]
async fn tls_to_a_plain_server_fails_retryably() {
    let Some((server, mut config)) = smtp("tls_to_a_plain_server_fails").await else {
        return;
    };
    config.security = Security::Tls;
    config.host = "localhost".into();
    let policy = TargetPolicy::parse_allow_list("127.0.0.0/8, ::1").expect("a valid list");
    let failed = send_email(&policy, &config, &email("kari@example.no", "m-6"))
        .await
        .expect_err("no TLS there");
    assert!(failed.retryable, "{failed}");
    assert_eq!(failed.status, None);
    assert!(failed.message.contains("localhost"), "{}", failed.message);
    assert!(server.records().is_empty());
}
