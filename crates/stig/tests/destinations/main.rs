//! Streaming destinations end to end: a real `stig serve` forwards the events a source sends
//! to a webhook receiver on loopback (allowed with `--allow-targets`), in batches whose
//! Standard Webhooks signatures are checked here with an HMAC written independently of
//! Stig's; a receiver that refuses the first requests gets them on retry; `kill -9` with
//! batches queued and events not yet batched loses nothing; and without the allow-list a
//! loopback or metadata URL is refused when the destination is saved.

#[allow(dead_code)]
#[path = "../moments/harness.rs"]
mod harness;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use harness::{Stig, WS, ago, base64, stig, wait_for, workspace};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

// ---- an independent Standard Webhooks check ------------------------------------------

/// HMAC-SHA256 (RFC 2104) over SHA-256.
fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let mut inner = Sha256::new();
    inner.update(pad(0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(pad(0x5c));
    outer.update(inner);
    outer.finalize().to_vec()
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET
            .iter()
            .position(|&a| a == c)
            .expect("a base64 character") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Whether `signature` (`v1,<base64>` entries) signs `id.timestamp.body` with `secret`
/// (`whsec_<base64 key>`).
fn verifies(secret: &str, id: &str, timestamp: &str, body: &[u8], signature: &str) -> bool {
    let key = base64_decode(secret.strip_prefix("whsec_").expect("a whsec_ secret"));
    let mut signed = format!("{id}.{timestamp}.").into_bytes();
    signed.extend_from_slice(body);
    let expected = format!("v1,{}", base64(&hmac_sha256(&key, &signed)));
    signature.split_whitespace().any(|s| s == expected)
}

#[test]
fn hmac_matches_rfc_4231() {
    // RFC 4231, test case 2.
    let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    assert_eq!(
        base64_decode(&base64(b"any carnal pleas")),
        b"any carnal pleas"
    );
}

// ---- a webhook receiver on loopback ----------------------------------------------------

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Hook {
    headers: HashMap<String, String>,
    body: Vec<u8>,
    /// What it answered.
    status: u16,
}

#[derive(Default)]
struct Behaviour {
    /// Refuse (503) this many more requests.
    fail_next: usize,
    /// Refuse (503) every request.
    down: bool,
    hooks: Vec<Hook>,
}

struct Receiver {
    port: u16,
    state: Arc<Mutex<Behaviour>>,
}

impl Receiver {
    fn start(fail_first: usize) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(Mutex::new(Behaviour {
            fail_next: fail_first,
            ..Behaviour::default()
        }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Receiver { port, state }
    }

    fn set_down(&self, down: bool) {
        self.state.lock().expect("lock").down = down;
    }

    fn hooks(&self) -> Vec<Hook> {
        self.state.lock().expect("lock").hooks.clone()
    }

    /// The messageIds of the events in the requests answered `status` (any when `None`).
    fn message_ids(&self, status: Option<u16>) -> HashSet<String> {
        self.hooks()
            .iter()
            .filter(|h| status.is_none_or(|s| h.status == s))
            .flat_map(events)
            .filter_map(|e| e["messageId"].as_str().map(str::to_owned))
            .collect()
    }
}

fn events(h: &Hook) -> Vec<Value> {
    let body: Value = serde_json::from_slice(&h.body).expect("a JSON body");
    body["batch"].as_array().cloned().unwrap_or_default()
}

/// Reads one HTTP/1.1 request, records it, answers 200 or 503 and closes. A request cut
/// short (the server killed while sending it) is not recorded: no receiver would act on it.
fn serve(stream: TcpStream, state: &Mutex<Behaviour>) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if !matches!(reader.read_line(&mut line), Ok(n) if n > 0) {
        return;
    }
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            // The connection closed before the headers ended.
            Ok(0) | Err(_) => return,
            Ok(_) if h.trim().is_empty() => break,
            Ok(_) => {}
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let Some(length) = headers
        .get("content-length")
        .and_then(|l| l.parse::<usize>().ok())
    else {
        return;
    };
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let status = {
        let mut s = state.lock().expect("lock");
        let status = if s.down || s.fail_next > 0 {
            s.fail_next = s.fail_next.saturating_sub(1);
            503
        } else {
            200
        };
        s.hooks.push(Hook {
            headers,
            body,
            status,
        });
        status
    };
    let reason = if status == 200 {
        "OK"
    } else {
        "Service Unavailable"
    };
    let mut stream = reader.into_inner();
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    );
    let _ = stream.flush();
}

// ---- helpers ---------------------------------------------------------------------------

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

/// The id of the workspace's one source (the CLI prints only its key).
fn source_id(db: &std::path::Path) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = stig_store::SqliteStore::open(db).await.expect("the store");
        let sources = stig_store::Store::list_sources(&store, WS)
            .await
            .expect("sources");
        store.close().await;
        sources[0].id.clone()
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// A JSON request with the bearer token: (status, JSON body or null).
fn call(server: &Stig, token: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = format!("{}{path}", server.base);
    let auth = format!("Bearer {token}");
    let agent = agent();
    let result = match (method, body) {
        ("POST", Some(b)) => agent
            .post(&url)
            .header("Authorization", &auth)
            .header("Content-Type", "application/json")
            .send(b.to_string().as_bytes()),
        ("POST", None) => agent.post(&url).header("Authorization", &auth).send_empty(),
        ("DELETE", _) => agent.delete(&url).header("Authorization", &auth).call(),
        _ => agent.get(&url).header("Authorization", &auth).call(),
    };
    let mut res = result.expect("the API answers");
    let status = res.status().as_u16();
    let text = res.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn track_events(prefix: &str, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({"type": "track", "userId": format!("c{}", i % 17), "event": "Order Completed",
                   "messageId": format!("{prefix}-{i}"), "timestamp": ago(1), "properties": {"n": i}})
        })
        .collect()
}

fn ids(prefix: &str, n: usize) -> HashSet<String> {
    (0..n).map(|i| format!("{prefix}-{i}")).collect()
}

// ---- the tests -------------------------------------------------------------------------

#[test]
fn a_sources_events_reach_a_signed_webhook_at_least_once_through_retries_and_kill_9() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // The receiver refuses the first two requests (503): they are retried.
    let receiver = Receiver::start(2);
    let (db, key) = workspace(tmp.path(), "", 25);
    let source = source_id(&db);
    let allow = ["--allow-targets", "127.0.0.1", "--retry-first-ms", "200"];
    let mut server = Stig::serve(&db, &allow);
    // The server makes the admin user on its first start.
    let token = token(&db);

    let path = format!("/api/workspaces/{WS}/sources/{source}/destinations");
    let url = format!("http://127.0.0.1:{}/stig/events", receiver.port);
    let (status, created) = call(&server, &token, "POST", &path, Some(json!({"url": url})));
    assert_eq!(status, 201, "{created}");
    let secret = created["signing_secret"]
        .as_str()
        .expect("the signing secret, shown once")
        .to_owned();
    let dest = created["id"].as_str().expect("an id").to_owned();
    assert_eq!(created["source"], source.as_str());
    assert_eq!(created["enabled"], true);
    let (_, listed) = call(&server, &token, "GET", &path, None);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert!(
        listed[0].get("signing_secret").is_none(),
        "the secret is shown once: {listed}"
    );

    // 1. 250 events in five requests; the first two deliveries are refused, then retried.
    for b in 0..5 {
        let batch: Vec<Value> = track_events("one", 250)[b * 50..(b + 1) * 50].to_vec();
        server.send(&key, &batch);
    }
    let want = ids("one", 250);
    wait_for("every event delivered", Duration::from_secs(60), || {
        receiver
            .message_ids(Some(200))
            .is_superset(&want)
            .then_some(())
    });
    let hooks = receiver.hooks();
    assert!(
        hooks.len() >= 5,
        "at least 3 batches and 2 refusals: {}",
        hooks.len()
    );
    for h in &hooks {
        let header = |k: &str| h.headers.get(k).cloned().unwrap_or_default();
        assert!(
            verifies(
                &secret,
                &header("webhook-id"),
                &header("webhook-timestamp"),
                &h.body,
                &header("webhook-signature")
            ),
            "the signature verifies: {:?}",
            h.headers
        );
        let body: Value = serde_json::from_slice(&h.body).expect("JSON");
        assert_eq!(body["source"], source.as_str());
        assert_eq!(body["workspace"], WS);
        let batch = body["batch"].as_array().expect("a batch");
        assert!(!batch.is_empty() && batch.len() <= 100, "{}", batch.len());
        // The events as stored: their Segment JSON.
        assert_eq!(batch[0]["type"], "track");
        assert_eq!(batch[0]["event"], "Order Completed");
    }
    // A refused batch came again with the same webhook-id (receivers de-duplicate on it).
    let refused: Vec<&Hook> = hooks.iter().filter(|h| h.status == 503).collect();
    assert_eq!(refused.len(), 2);
    for r in refused {
        let id = &r.headers["webhook-id"];
        assert!(
            hooks
                .iter()
                .any(|h| h.status == 200 && &h.headers["webhook-id"] == id),
            "batch {id} was retried"
        );
    }
    let (_, one) = call(&server, &token, "GET", &format!("{path}/{dest}"), None);
    assert!(
        one["stats"]["delivered"].as_u64().unwrap_or(0) >= 3,
        "{one}"
    );
    assert_eq!(one["stats"]["failed"], 0);

    // 2. The receiver goes down: batches queue and are refused; then kill -9 with some
    //    batches queued and more events not yet looked at.
    receiver.set_down(true);
    for b in 0..3 {
        server.send(&key, &track_events(&format!("two{b}"), 50));
    }
    let two: HashSet<String> = (0..3).flat_map(|b| ids(&format!("two{b}"), 50)).collect();
    wait_for(
        "the batches tried and refused",
        Duration::from_secs(60),
        || receiver.message_ids(None).is_superset(&two).then_some(()),
    );
    server.send(&key, &track_events("three", 80));
    server.process.0.kill().expect("SIGKILL");
    let _ = server.process.0.wait();
    receiver.set_down(false);

    let server = Stig::serve(&db, &allow);
    let mut all = want.clone();
    all.extend(two);
    all.extend(ids("three", 80));
    wait_for(
        "every event delivered after the restart",
        Duration::from_secs(90),
        || {
            receiver
                .message_ids(Some(200))
                .is_superset(&all)
                .then_some(())
        },
    );
    let delivered = receiver.message_ids(Some(200));
    assert_eq!(
        delivered, all,
        "every accepted event arrived, and nothing else"
    );
    let hooks = receiver.hooks();
    eprintln!(
        "{} events: {} requests, {} refused, {} distinct webhook-ids",
        all.len(),
        hooks.len(),
        hooks.iter().filter(|h| h.status != 200).count(),
        hooks
            .iter()
            .map(|h| &h.headers["webhook-id"])
            .collect::<HashSet<_>>()
            .len()
    );

    // A test batch: one made-up event, marked as a test, signed like the rest.
    let (status, _) = call(
        &server,
        &token,
        "POST",
        &format!("{path}/{dest}/test"),
        None,
    );
    assert_eq!(status, 202);
    let test = wait_for("the test batch", Duration::from_secs(30), || {
        receiver
            .hooks()
            .into_iter()
            .find(|h| serde_json::from_slice::<Value>(&h.body).is_ok_and(|b| b["test"] == true))
    });
    assert_eq!(events(&test).len(), 1);
    assert!(verifies(
        &secret,
        &test.headers["webhook-id"],
        &test.headers["webhook-timestamp"],
        &test.body,
        &test.headers["webhook-signature"]
    ));

    // Deleted, it forwards nothing more and its secret is gone.
    let (status, _) = call(&server, &token, "DELETE", &format!("{path}/{dest}"), None);
    assert_eq!(status, 204);
    let before = receiver.hooks().len();
    server.send(&key, &track_events("after", 5));
    std::thread::sleep(Duration::from_millis(2_500));
    assert_eq!(receiver.hooks().len(), before, "nothing after the delete");
    let (_, secrets) = call(
        &server,
        &token,
        "GET",
        &format!("/api/workspaces/{WS}/secrets"),
        None,
    );
    assert!(!secrets.to_string().contains(&dest), "{secrets}");
}

#[test]
fn loopback_and_metadata_urls_are_refused_without_the_allow_list() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let receiver = Receiver::start(0);
    let (db, _key) = workspace(tmp.path(), "", 25);
    let source = source_id(&db);
    // No --allow-targets: the strict policy.
    let server = Stig::serve(&db, &[]);
    let token = token(&db);
    let path = format!("/api/workspaces/{WS}/sources/{source}/destinations");
    for url in [
        format!("http://127.0.0.1:{}/", receiver.port),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        "http://[::1]/".to_owned(),
        "http://10.1.2.3/hook".to_owned(),
    ] {
        let (status, problem) = call(&server, &token, "POST", &path, Some(json!({"url": url})));
        assert_eq!(status, 422, "{url}: {problem}");
        assert!(
            problem.to_string().contains("refused"),
            "{url} is refused by the SSRF guard: {problem}"
        );
    }
    let (status, problem) = call(
        &server,
        &token,
        "POST",
        &path,
        Some(json!({"url": "ftp://example.com/x"})),
    );
    assert_eq!(status, 422, "{problem}");
    let (_, listed) = call(&server, &token, "GET", &path, None);
    assert_eq!(listed, json!([]), "nothing was saved");
    // A public address is accepted (an IP, so no DNS is needed here).
    let (status, created) = call(
        &server,
        &token,
        "POST",
        &path,
        Some(json!({"url": "https://93.184.215.14/hook", "only": ["track", " Order Completed "]})),
    );
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["only"], json!(["track", "Order Completed"]));
    // An unknown source is a 404, naming it.
    let (status, problem) = call(
        &server,
        &token,
        "GET",
        &format!("/api/workspaces/{WS}/sources/src_nope/destinations"),
        None,
    );
    assert_eq!(status, 404, "{problem}");
    assert!(receiver.hooks().is_empty(), "nothing reached loopback");
}
