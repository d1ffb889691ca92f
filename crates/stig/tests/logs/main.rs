//! The log of a real `stig serve --log-format json`: every request is one line with an id,
//! method, route, status and latency, and nothing personal or secret reaches it: not the
//! write key (in Basic auth or in a URL), not an API token, not a password, not a customer's
//! id or e-mail address. Beside it, `/metrics` (behind its token on the main address, open on
//! `--metrics-addr`) counts what happened, and `/readyz` says when the node can take traffic.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WS: &str = "arctic-winter";
const PASSWORD: &str = "log-test-password-Zq81";
const EMAIL: &str = "kari.nordmann@example.no";
const CUSTOMER: &str = "customer-id-Xv73";
const METRICS_TOKEN: &str = "metrics-token-Lp40";

#[path = "../support/process.rs"]
mod process;
use process::{Killed, base64, free_port, stig};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

#[test]
fn requests_are_logged_without_personal_data_or_secrets() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("logs.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    stig(&["import", example.to_str().expect("utf-8"), "--db", db_arg]);
    let key = stig(&[
        "source",
        "create",
        "--workspace",
        WS,
        "--name",
        "Web",
        "--db",
        db_arg,
    ])
    .trim()
    .to_owned();
    let log_path = tmp.path().join("stderr.log");
    let port = free_port();
    let metrics_port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let _server = Killed(
        Command::new(env!("CARGO_BIN_EXE_stig"))
            .args([
                "serve",
                "--db",
                db_arg,
                "--addr",
                &format!("127.0.0.1:{port}"),
            ])
            .args(["--log-format", "json"])
            .args(["--metrics-addr", &format!("127.0.0.1:{metrics_port}")])
            .env("STIG_METRICS_TOKEN", METRICS_TOKEN)
            .env("STIG_ADMIN_PASSWORD", PASSWORD)
            .env_remove("STIG_LOG")
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log_path).expect("log file"))
            .spawn()
            .expect("stig serve starts"),
    );
    let agent = agent();
    let started = Instant::now();
    while agent.get(format!("{base}/healthz")).call().is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "server up");
        std::thread::sleep(Duration::from_millis(100));
    }
    let token = stig(&["token", "create", "--user", "admin", "--db", db_arg])
        .trim()
        .to_owned();
    let basic = format!("Basic {}", base64(format!("{key}:").as_bytes()));

    // A customer with an e-mail address, through the collector.
    let identify = serde_json::json!({
        "userId": CUSTOMER,
        "traits": { "email": EMAIL, "name": "Kari Nordmann" },
    });
    let r = agent
        .post(format!("{base}/v1/identify"))
        .header("Authorization", &basic)
        .header("Content-Type", "application/json")
        .header("X-Request-Id", "from-the-proxy-1")
        .send(identify.to_string().as_bytes())
        .expect("identify");
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("from-the-proxy-1"),
        "a client's request id is echoed"
    );
    // The write key in a URL.
    agent
        .get(format!("{base}/v1/projects/{key}/settings"))
        .call()
        .expect("settings");
    // A wrong and a right password.
    for password in ["wrong-password-Q2", PASSWORD] {
        agent
            .post(format!("{base}/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(format!("user=admin&password={password}").as_bytes())
            .expect("login");
    }
    // The API with a token, the e-mail address and the customer id in the query and path.
    for path in [
        format!("/api/workspaces/{WS}/customers?q={EMAIL}"),
        format!("/api/workspaces/{WS}/customers/{CUSTOMER}"),
    ] {
        agent
            .get(format!("{base}{path}"))
            .header("Authorization", &format!("Bearer {token}"))
            .call()
            .expect("api");
    }

    // Ready once the store answers and every workspace's derived state is loaded.
    let started = Instant::now();
    loop {
        let mut r = agent.get(format!("{base}/readyz")).call().expect("readyz");
        let body: serde_json::Value =
            serde_json::from_str(&r.body_mut().read_to_string().expect("body")).expect("JSON");
        if r.status() == 200 {
            assert_eq!(body["ready"], true, "{body}");
            break;
        }
        assert_eq!(r.status(), 503, "{body}");
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "never ready: {body}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    // Metrics: refused without the token, served with it and on the metrics address.
    let r = agent
        .get(format!("{base}/metrics"))
        .call()
        .expect("metrics");
    assert_eq!(r.status(), 401, "no token, no metrics");
    let mut r = agent
        .get(format!("{base}/metrics"))
        .header("Authorization", &format!("Bearer {METRICS_TOKEN}"))
        .call()
        .expect("metrics");
    assert_eq!(r.status(), 200);
    let text = r.body_mut().read_to_string().expect("text");
    let mut r = agent
        .get(format!("http://127.0.0.1:{metrics_port}/metrics"))
        .call()
        .expect("metrics address");
    assert_eq!(r.status(), 200);
    let open = r.body_mut().read_to_string().expect("text");
    for body in [&text, &open] {
        for needed in [
            "stig_http_requests_total{",
            "stig_http_request_duration_seconds_bucket{",
            "stig_events_accepted_total{",
            "stig_commit_duration_seconds_bucket",
            "stig_collector_queue_depth",
            "stig_live_loaded{workspace=\"arctic-winter\"} 1",
            "stig_live_lag_seconds{workspace=\"arctic-winter\"}",
        ] {
            assert!(body.contains(needed), "/metrics lacks {needed}:\n{body}");
        }
        assert!(
            body.lines()
                .any(|l| l.starts_with("stig_events_accepted_total{") && l.ends_with(" 1")),
            "the identify call is counted:\n{body}"
        );
        for secret in [key.as_str(), token.as_str(), EMAIL, CUSTOMER] {
            assert!(!body.contains(secret), "/metrics holds `{secret}`");
        }
    }

    // The last request's line may be written just after its answer.
    std::thread::sleep(Duration::from_millis(300));
    let log = std::fs::read_to_string(&log_path).expect("log");
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let requests: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["fields"]["message"] == "request" || l["message"] == "request")
        .collect();
    assert!(requests.len() >= 10, "one line per request:\n{log}");
    for r in &requests {
        let span = &r["span"];
        assert!(span["id"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        assert!(
            span["method"].is_string() && span["route"].is_string(),
            "{r}"
        );
        assert!(r["status"].is_u64() && r["latency_ms"].is_number(), "{r}");
    }
    assert!(
        requests
            .iter()
            .any(|r| r["span"]["id"] == "from-the-proxy-1" && r["span"]["route"] == "/v1/identify"),
        "the client's id is the logged id:\n{log}"
    );
    assert!(
        requests
            .iter()
            .any(|r| r["span"]["route"] == "/v1/projects/{key}/settings"),
        "routes are logged as templates:\n{log}"
    );
    for secret in [
        key.as_str(),
        token.as_str(),
        PASSWORD,
        EMAIL,
        CUSTOMER,
        "Nordmann",
    ] {
        assert!(!log.contains(secret), "the log holds `{secret}`:\n{log}");
    }
}
