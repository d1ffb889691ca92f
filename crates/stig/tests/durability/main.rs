//! Durability of the collector under `kill -9`: a real `stig serve` process is loaded by
//! several clients sending `/v1/batch` requests, then killed with SIGKILL mid-load. Every
//! event of a request that was answered 200 must be in the database afterwards: the
//! collector answers only after its group commit (SQLite WAL, `synchronous=FULL`).
//!
//! A SIGKILL loses the process, not the operating system's page cache, so this checks that
//! no event is acknowledged before its transaction commits; it does not simulate a power cut.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use stig_store::{SqliteStore, Store};

const WS: &str = "arctic-winter";
const CLIENTS: usize = 8;
const EVENTS_PER_REQUEST: usize = 50;
/// Load for at least this long, and on (up to [`LOAD_AT_MOST`]) until this many events have
/// been acknowledged, so that a slow machine still gives the test something to check.
const LOAD_FOR: Duration = Duration::from_millis(1_500);
const LOAD_AT_MOST: Duration = Duration::from_secs(30);
const ACKED_ENOUGH: usize = 2_500;

#[path = "../support/process.rs"]
mod process;
use process::{Killed, base64, free_port, stig};

/// One client: sends batches until `stop`, recording the messageIds of every request
/// answered 200. A 429 is not an acknowledgement (it backs off and sends a new batch); a
/// failed request (the server died mid-request) ends the client and counts in `cut_off`.
fn client(n: usize, url: &str, auth: &str, shared: &Shared) {
    let Shared {
        stop,
        acked,
        refused,
        cut_off,
    } = shared;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let mut request = 0;
    while !stop.load(Ordering::Relaxed) {
        request += 1;
        let ids: Vec<String> = (0..EVENTS_PER_REQUEST)
            .map(|i| format!("c{n}-r{request}-e{i}"))
            .collect();
        let batch: Vec<serde_json::Value> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                serde_json::json!({
                    "type": "track",
                    "messageId": id,
                    "userId": format!("user-{n}-{}", i % 7),
                    "event": "Trip Booked",
                    "properties": {"client": n, "request": request, "index": i},
                })
            })
            .collect();
        let body = serde_json::json!({ "batch": batch }).to_string();
        let res = agent
            .post(url)
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .send(body.as_bytes());
        match res {
            Ok(r) if r.status() == 200 => acked.lock().expect("acked").extend(ids),
            Ok(r) if r.status() == 429 => {
                refused.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(r) => {
                // Anything else while the server is up is a bug; after the kill, a
                // half-read response is expected.
                assert!(
                    stop.load(Ordering::Relaxed),
                    "client {n}: unexpected status {}",
                    r.status()
                );
                cut_off.fetch_add(1, Ordering::Relaxed);
                return;
            }
            Err(e) => {
                assert!(
                    stop.load(Ordering::Relaxed),
                    "client {n}: request failed while the server was up: {e}"
                );
                cut_off.fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
    }
}

#[derive(Default)]
struct Shared {
    stop: AtomicBool,
    acked: Mutex<Vec<String>>,
    refused: AtomicU64,
    cut_off: AtomicU64,
}

#[test]
fn every_acknowledged_event_survives_kill_9_of_the_server() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("durable.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    stig(&[
        "import",
        example.to_str().expect("utf-8 path"),
        "--db",
        db_arg,
    ]);
    let key = stig(&[
        "source",
        "create",
        "--workspace",
        WS,
        "--name",
        "Load",
        "--db",
        db_arg,
    ])
    .trim()
    .to_owned();
    assert!(
        !key.is_empty() && !key.contains(char::is_whitespace),
        "a write key: {key:?}"
    );

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Killed(
        Command::new(env!("CARGO_BIN_EXE_stig"))
            .args([
                "serve",
                "--db",
                db_arg,
                "--addr",
                &format!("127.0.0.1:{port}"),
            ])
            .env("STIG_ADMIN_PASSWORD", "durability-test-password")
            .stdout(Stdio::null())
            .spawn()
            .expect("stig serve starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while ureq::get(&format!("{base}/healthz")).call().is_err() {
        assert!(
            Instant::now() < deadline,
            "the server did not come up in 60 s"
        );
        assert!(
            server.0.try_wait().expect("server status").is_none(),
            "the server exited"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    let url = format!("{base}/v1/batch");
    let auth = format!("Basic {}", base64(format!("{key}:").as_bytes()));
    let shared = Shared::default();
    let started = Instant::now();
    std::thread::scope(|s| {
        for n in 0..CLIENTS {
            let (url, auth, shared) = (&url, &auth, &shared);
            s.spawn(move || client(n, url, auth, shared));
        }
        std::thread::sleep(LOAD_FOR);
        while shared.acked.lock().expect("acked").len() < ACKED_ENOUGH
            && started.elapsed() < LOAD_AT_MOST
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        // SIGKILL, mid-load: requests in flight, some in the writer's queue, maybe one
        // transaction half-written.
        shared.stop.store(true, Ordering::Relaxed);
        server.0.kill().expect("SIGKILL the server");
        let _ = server.0.wait();
    });
    let loaded_for = started.elapsed();
    let acked = shared.acked.into_inner().expect("acked");
    let cut_off = shared.cut_off.load(Ordering::Relaxed);
    let unique: HashSet<&str> = acked.iter().map(String::as_str).collect();
    assert_eq!(unique.len(), acked.len(), "every messageId was sent once");
    eprintln!(
        "{} events acknowledged in {} requests over {loaded_for:?} ({} answered 429) before \
         kill -9; {cut_off} requests cut off by it",
        acked.len(),
        acked.len() / EVENTS_PER_REQUEST,
        shared.refused.load(Ordering::Relaxed)
    );
    assert!(
        cut_off > 0,
        "the server was killed while requests were in flight"
    );
    assert!(
        acked.len() > 1_000,
        "only {} events were acknowledged: too few for the test to mean anything",
        acked.len()
    );

    // Reopen the database the killed server left (its WAL recovered on open).
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let stored = rt.block_on(async {
        let store = SqliteStore::open(&db).await.expect("reopen the database");
        let mut stored = HashSet::new();
        let mut after = 0;
        loop {
            let page = store.scan_events(WS, after, 5_000).await.expect("scan");
            let Some(last) = page.last() else { break };
            after = last.seq;
            stored.extend(page.into_iter().map(|e| e.event.message_id));
        }
        stored
    });
    let lost: Vec<&str> = acked
        .iter()
        .map(String::as_str)
        .filter(|id| !stored.contains(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged events are missing after kill -9, e.g. {:?}",
        lost.len(),
        acked.len(),
        &lost[..lost.len().min(10)]
    );
    // Requests cut off by the kill may or may not have been committed, but only whole.
    assert!(stored.len() >= acked.len());
    assert_eq!(
        stored.len() % EVENTS_PER_REQUEST,
        0,
        "a request's events are stored all or none"
    );
}
