//! Webhooks against a real receiver that verifies them with the official Python library.

use std::time::Duration;

use stig_deliver::{
    RetryPolicy, TargetPolicy, WebhookRequest, new_secret, send_webhook, sign, verify,
};

use super::{Server, loopback_allowed, now, python_or_skip};

const VECTOR_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const VECTOR_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const VECTOR_TS: i64 = 1614265330;
const VECTOR_BODY: &[u8] = br#"{"test": 2432232314}"#;
const VECTOR_SIG: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

#[test]
fn sign_matches_the_standard_webhooks_test_vector() {
    assert_eq!(
        sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TS, VECTOR_BODY).as_deref(),
        Ok(VECTOR_SIG)
    );
    assert!(verify(
        VECTOR_SECRET,
        VECTOR_ID,
        VECTOR_TS,
        VECTOR_BODY,
        VECTOR_SIG
    ));
    assert!(verify(
        VECTOR_SECRET,
        VECTOR_ID,
        VECTOR_TS,
        VECTOR_BODY,
        &format!("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= {VECTOR_SIG}")
    ));
    assert!(!verify(
        VECTOR_SECRET,
        VECTOR_ID,
        VECTOR_TS + 1,
        VECTOR_BODY,
        VECTOR_SIG
    ));
    assert!(!verify(
        VECTOR_SECRET,
        "msg_other",
        VECTOR_TS,
        VECTOR_BODY,
        VECTOR_SIG
    ));
    assert!(!verify(
        VECTOR_SECRET,
        VECTOR_ID,
        VECTOR_TS,
        b"{}",
        VECTOR_SIG
    ));
    assert!(!verify(
        VECTOR_SECRET,
        VECTOR_ID,
        VECTOR_TS,
        VECTOR_BODY,
        "v2,abc"
    ));
    assert!(sign("whsec_not base64!", VECTOR_ID, VECTOR_TS, VECTOR_BODY).is_err());
}

/// The official library signs the vector as we do, and verifies a signature we made with a
/// fresh secret.
#[test]
fn the_official_library_agrees_on_sign() {
    let Some(python) = python_or_skip("the_official_library_agrees_on_sign") else {
        return;
    };
    let secret = new_secret();
    let body = r#"{"moment":"churned","customer":"c-1","å":"ø"}"#;
    let ts = now();
    let ours = sign(&secret, "msg_1", ts, body.as_bytes()).expect("a signature");
    let script = r#"
import sys
from datetime import datetime, timezone
from standardwebhooks.webhooks import Webhook
vector = Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(
    "msg_p5jXN8AQM9LWM0D4loKWxJek", datetime.fromtimestamp(1614265330, tz=timezone.utc),
    '{"test": 2432232314}')
secret, ts, body, sig = sys.argv[1:5]
Webhook(secret).verify(body.encode(), {"webhook-id": "msg_1", "webhook-timestamp": ts,
                                       "webhook-signature": sig})
print(vector)
"#;
    let out = std::process::Command::new(python)
        .args(["-c", script, &secret, &ts.to_string(), body, &ours])
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), VECTOR_SIG);
}

async fn receiver(test: &str, secret: &str, statuses: &str, sleep: Option<&str>) -> Option<Server> {
    let python = python_or_skip(test)?;
    let mut args = vec![secret, statuses];
    args.extend(sleep);
    Some(Server::start(&python, "receiver.py", &args).await)
}

#[tokio::test]
async fn a_webhook_arrives_signed_and_verifies_in_python() {
    let secret = new_secret();
    let Some(rx) = receiver("a_webhook_arrives_signed", &secret, "204", None).await else {
        return;
    };
    let url = format!("http://127.0.0.1:{}/hooks/stig?x=1", rx.port);
    let body = br#"{"type":"customer.churned","data":{"customer":"c-42","name":"Bj\u00f8rn"}}"#;
    let sent = send_webhook(
        &loopback_allowed(),
        &WebhookRequest {
            url: &url,
            secret: &secret,
            id: "msg_moment_42_action_1",
            body,
            timestamp: now(),
        },
    )
    .await
    .expect("delivered");
    assert_eq!(sent.status, 204);

    let records = rx.records();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["verified"], true, "{r}");
    assert_eq!(r["path"], "/hooks/stig?x=1");
    assert_eq!(r["body"].as_str().map(str::as_bytes), Some(&body[..]));
    let h = &r["headers"];
    assert_eq!(h["content-type"], "application/json");
    assert_eq!(h["webhook-id"], "msg_moment_42_action_1");
    assert_eq!(h["user-agent"], concat!("Stig/", env!("CARGO_PKG_VERSION")));
    assert!(
        h["webhook-signature"]
            .as_str()
            .is_some_and(|s| s.starts_with("v1,"))
    );

    // A wrong secret is caught by the receiver (so its check is real).
    let sent = send_webhook(
        &loopback_allowed(),
        &WebhookRequest {
            url: &url,
            secret: &new_secret(),
            id: "msg_2",
            body,
            timestamp: now(),
        },
    )
    .await
    .expect("delivered");
    assert_eq!(sent.status, 204);
    assert_eq!(rx.records()[1]["verified"], false);
}

#[tokio::test]
async fn a_503_is_retried_until_it_goes_through() {
    let secret = new_secret();
    let Some(rx) = receiver("a_503_is_retried", &secret, "503,503,200", None).await else {
        return;
    };
    let url = format!("http://127.0.0.1:{}/", rx.port);
    let policy = RetryPolicy::quick();
    let mut attempts = 0;
    let sent = loop {
        let delay = policy.delay_after(attempts).expect("attempts left");
        tokio::time::sleep(delay).await;
        attempts += 1;
        let req = WebhookRequest {
            url: &url,
            secret: &secret,
            id: "msg_retry",
            body: b"{}",
            timestamp: now(),
        };
        match send_webhook(&loopback_allowed(), &req).await {
            Ok(sent) => break sent,
            Err(failed) => {
                assert_eq!(failed.status, Some(503));
                assert!(failed.retryable, "{failed}");
                assert!(failed.message.contains("503"), "{failed}");
                assert!(failed.to_string().ends_with("(will retry)"), "{failed}");
            }
        }
    };
    assert_eq!((sent.status, attempts), (200, 3));
    let records = rx.records();
    assert_eq!(records.len(), 3);
    assert!(
        records
            .iter()
            .all(|r| r["verified"] == true && r["headers"]["webhook-id"] == "msg_retry")
    );
}

#[tokio::test]
async fn a_400_or_a_redirect_is_final() {
    let secret = new_secret();
    let Some(rx) = receiver("a_400_is_final", &secret, "400,302,429", None).await else {
        return;
    };
    let url = format!("http://127.0.0.1:{}/", rx.port);
    let req = WebhookRequest {
        url: &url,
        secret: &secret,
        id: "msg_400",
        body: b"{}",
        timestamp: now(),
    };
    let failed = send_webhook(&loopback_allowed(), &req)
        .await
        .expect_err("400");
    assert_eq!(failed.status, Some(400));
    assert!(!failed.retryable);
    assert!(
        failed.message.contains("answered 400"),
        "{}",
        failed.message
    );
    assert!(
        failed.message.contains("answer from the test receiver"),
        "{}",
        failed.message
    );
    assert!(failed.message.chars().count() < 300, "{}", failed.message);

    // The redirect to the metadata address is not followed.
    let failed = send_webhook(&loopback_allowed(), &req)
        .await
        .expect_err("302");
    assert_eq!(failed.status, Some(302));
    assert!(!failed.retryable);
    assert!(
        failed.message.contains("redirects are not followed"),
        "{}",
        failed.message
    );

    let failed = send_webhook(&loopback_allowed(), &req)
        .await
        .expect_err("429");
    assert_eq!(failed.status, Some(429));
    assert!(failed.retryable);
    assert_eq!(rx.records().len(), 3);
}

#[tokio::test]
async fn a_receiver_that_hangs_times_out_and_is_retryable() {
    let secret = new_secret();
    let Some(rx) = receiver("a_receiver_that_hangs", &secret, "200", Some("30")).await else {
        return;
    };
    let url = format!("http://127.0.0.1:{}/", rx.port);
    let started = std::time::Instant::now();
    let failed = send_webhook(
        &loopback_allowed(),
        &WebhookRequest {
            url: &url,
            secret: &secret,
            id: "msg_slow",
            body: b"{}",
            timestamp: now(),
        },
    )
    .await
    .expect_err("timed out");
    let took = started.elapsed();
    assert!(failed.retryable, "{failed}");
    assert_eq!(failed.status, None);
    assert!(
        failed.message.contains("did not answer within 10 s"),
        "{}",
        failed.message
    );
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(15),
        "{took:?}"
    );
    assert!(failed.duration_ms >= 9_000, "{}", failed.duration_ms);
}

#[tokio::test]
async fn a_closed_port_is_retryable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("its address").port();
    drop(listener);
    let url = format!("http://127.0.0.1:{port}/");
    let failed = send_webhook(
        &loopback_allowed(),
        &WebhookRequest {
            url: &url,
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            id: "msg_closed",
            body: b"{}",
            timestamp: now(),
        },
    )
    .await
    .expect_err("nothing listens");
    assert!(failed.retryable, "{failed}");
    assert!(
        failed.message.contains("could not connect"),
        "{}",
        failed.message
    );
}

#[tokio::test]
async fn loopback_is_refused_without_connecting() {
    let secret = new_secret();
    let Some(rx) = receiver("loopback_is_refused", &secret, "200", None).await else {
        return;
    };
    for url in [
        format!("http://127.0.0.1:{}/", rx.port),
        format!("http://localhost:{}/", rx.port),
        format!("http://[::ffff:127.0.0.1]:{}/", rx.port),
    ] {
        let failed = send_webhook(
            &TargetPolicy::strict(),
            &WebhookRequest {
                url: &url,
                secret: &secret,
                id: "msg_ssrf",
                body: b"{}",
                timestamp: now(),
            },
        )
        .await
        .expect_err("refused");
        assert!(!failed.retryable, "{url}: {failed}");
        assert_eq!(failed.status, None);
        assert!(
            failed.message.contains("loopback"),
            "{url}: {}",
            failed.message
        );
    }
    let failed = send_webhook(
        &TargetPolicy::strict(),
        &WebhookRequest {
            url: "gopher://example.com/",
            secret: &secret,
            id: "msg_ssrf",
            body: b"{}",
            timestamp: now(),
        },
    )
    .await
    .expect_err("not http");
    assert!(!failed.retryable);
    // Give a stray connection time to show up in the log before checking there was none.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(rx.records().is_empty(), "{:?}", rx.records());
}

/// A host *name* goes through the pinned-address path: resolved and checked once, then
/// connected to at the checked addresses (with `Host: localhost:…` kept).
#[tokio::test]
async fn a_host_name_is_connected_at_its_checked_addresses() {
    let secret = new_secret();
    let Some(rx) = receiver("a_host_name_is_connected", &secret, "200", None).await else {
        return;
    };
    let policy = TargetPolicy::parse_allow_list("127.0.0.0/8, ::1").expect("a valid list");
    let url = format!("http://localhost:{}/by-name", rx.port);
    let sent = send_webhook(
        &policy,
        &WebhookRequest {
            url: &url,
            secret: &secret,
            id: "msg_name",
            body: b"{}",
            timestamp: now(),
        },
    )
    .await
    .expect("delivered");
    assert_eq!(sent.status, 200);
    let records = rx.records();
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0]["headers"]["host"],
        format!("localhost:{}", rx.port)
    );
    assert_eq!(records[0]["verified"], true);
}
