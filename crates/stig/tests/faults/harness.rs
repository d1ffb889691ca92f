//! What the fault tests share: `stig serve` nodes, a bounded collection load that records
//! every answer, a prober reading the API and `/readyz`, and reading what PostgreSQL holds.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::process::{Killed, base64, free_port, stig};

pub const WS: &str = "arctic-winter";
pub const ADMIN_PASSWORD: &str = "faults-admin-password";

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// A `stig serve` on `db`, killed (SIGKILL) when dropped or by [`Node::kill`].
pub struct Node {
    child: Option<Killed>,
    pub port: u16,
    pub base: String,
    state: PathBuf,
    db: String,
    log: PathBuf,
}

impl Node {
    pub fn start(db: &str, dir: &Path, name: &str) -> Node {
        let mut node = Node {
            child: None,
            port: free_port(),
            base: String::new(),
            state: dir.join(name),
            db: db.to_owned(),
            log: dir.join(format!("{name}.log")),
        };
        node.base = format!("http://127.0.0.1:{}", node.port);
        node.restart();
        node
    }

    /// Starts it again on the same port and state directory (after [`Node::kill`]), waiting
    /// for `/healthz`.
    pub fn restart(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("node log");
        let child = Command::new(env!("CARGO_BIN_EXE_stig"))
            .args(["serve", "--addr", &format!("127.0.0.1:{}", self.port)])
            .arg("--state-dir")
            .arg(&self.state)
            .args(["--allow-targets", "127.0.0.1"])
            .env("STIG_DB", &self.db)
            .env("STIG_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("stig serve starts");
        self.child = Some(Killed(child));
        let deadline = Instant::now() + Duration::from_secs(90);
        while agent()
            .get(&format!("{}/healthz", self.base))
            .call()
            .map_or(true, |r| r.status() != 200)
        {
            assert!(
                Instant::now() < deadline,
                "{} gave no answer in 90 s; its log:\n{}",
                self.base,
                self.log()
            );
            assert!(
                self.running(),
                "{} exited; its log:\n{}",
                self.base,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// `kill -9`.
    pub fn kill(&mut self) {
        drop(self.child.take());
    }

    pub fn running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| c.0.try_wait().ok().flatten().is_none())
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits (up to `within`) until `/readyz` answers 200.
    pub fn wait_ready(&self, within: Duration) -> Duration {
        let started = Instant::now();
        loop {
            let status = agent()
                .get(&format!("{}/readyz", self.base))
                .call()
                .map(|r| r.status().as_u16());
            if let Ok(200) = status {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < within,
                "{} not ready within {within:?} ({status:?}); its log:\n{}",
                self.base,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The example workspace imported into `db`, with `moments` (TOML) if any, a source whose
/// write key is returned and an API token for the admin.
pub struct Installed {
    pub write_key: String,
    pub token: String,
}

pub fn install(db: &str, moments: Option<&str>) -> Installed {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = dir.path().join(WS);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter"),
        &ws,
    );
    if let Some(moments) = moments {
        std::fs::write(ws.join("moments.toml"), moments).expect("moments.toml");
    }
    stig(&["import", &ws.display().to_string(), "--id", WS, "--db", db]);
    if moments.is_some() {
        // The webhooks' signing secret (`secret = "hook"`); `stig secret` is SQLite's only.
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async {
            use stig_store::Store;
            let store = stig_store::PgStore::open(db).await.expect("the store");
            store
                .set_workspace_secret(WS, "hook", "whsec_dGVzdC1zZWNyZXQtZm9yLWZhdWx0cw==")
                .await
                .expect("secret");
            store.close().await;
        });
    }
    let write_key = stig(&[
        "source",
        "create",
        "--workspace",
        WS,
        "--name",
        "Web",
        "--db",
        db,
    ])
    .trim()
    .to_owned();
    // `serve` makes the admin; the token needs it first.
    stig(&["user", "add", "faults", "--role", "admin", "--db", db]);
    let token = stig(&[
        "token", "create", "--user", "faults", "--label", "faults", "--db", db,
    ])
    .trim()
    .to_owned();
    Installed { write_key, token }
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

/// One answer a node gave (or did not give).
#[derive(Debug, Clone)]
pub struct Answer {
    pub node: usize,
    /// `collect`, `api` or `readyz`.
    pub what: &'static str,
    pub at: Instant,
    /// `None`: no answer (refused, reset, timed out).
    pub status: Option<u16>,
    pub retry_after: bool,
}

impl Answer {
    /// 200, or a refusal that says when to come back (429, 503 with `Retry-After`).
    pub fn acceptable(&self) -> bool {
        match self.status {
            Some(200) => true,
            Some(429 | 503) => self.retry_after,
            _ => false,
        }
    }
}

/// Everything the load and the prober saw.
#[derive(Default)]
pub struct Tally {
    pub acked: Mutex<Vec<String>>,
    /// messageIds of "Trip Booked" events acknowledged.
    pub booked: Mutex<Vec<String>>,
    pub answers: Mutex<Vec<Answer>>,
}

impl Tally {
    pub fn acked_count(&self) -> usize {
        self.acked.lock().expect("acked").len()
    }

    pub fn answers(&self) -> Vec<Answer> {
        self.answers.lock().expect("answers").clone()
    }

    fn record(&self, a: Answer) {
        self.answers.lock().expect("answers").push(a);
    }

    /// Waits (up to `within`) until `done` holds over the answers so far.
    pub fn wait_for(&self, what: &str, within: Duration, done: impl Fn(&[Answer]) -> bool) {
        let deadline = Instant::now() + within;
        while !done(&self.answers()) {
            assert!(Instant::now() < deadline, "timed out waiting for: {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The shape of a load.
#[derive(Clone, Copy)]
pub struct Shape {
    pub senders: usize,
    pub batches: usize,
    pub events: usize,
    /// A pause between one sender's batches.
    pub pace: Duration,
}

/// Senders posting `/v1/batch` requests (every tenth event a "Trip Booked", the rest page
/// views) to their own node, until each has had its batches acknowledged or `stop` is set.
/// A 429/503 is retried after its `Retry-After`; a node that does not answer is left for the
/// next (a load balancer would), so every batch is acknowledged in the end.
pub struct Load {
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl Load {
    pub fn start(nodes: &[String], write_key: &str, shape: Shape, tally: Arc<Tally>) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let auth = format!("Basic {}", base64(format!("{write_key}:").as_bytes()));
        let nodes = Arc::new(nodes.to_vec());
        let threads = (0..shape.senders)
            .map(|s| {
                let (nodes, auth, tally, stop) =
                    (nodes.clone(), auth.clone(), tally.clone(), stop.clone());
                std::thread::spawn(move || send(s, &nodes, &auth, shape, &tally, &stop))
            })
            .collect();
        Load { stop, threads }
    }

    /// Stops sending new batches and waits for the senders.
    pub fn finish(self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads {
            t.join().expect("a sender panicked");
        }
    }

    /// Waits for the senders to send all their batches (up to `within`).
    pub fn wait_done(self, within: Duration) {
        let deadline = Instant::now() + within;
        while self.threads.iter().any(|t| !t.is_finished()) {
            assert!(
                Instant::now() < deadline,
                "the load did not finish in {within:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        self.finish();
    }
}

fn send(s: usize, nodes: &[String], auth: &str, shape: Shape, tally: &Tally, stop: &AtomicBool) {
    let agent = agent();
    let mut node = s % nodes.len();
    for b in 0..shape.batches {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let ids: Vec<String> = (0..shape.events)
            .map(|e| format!("s{s}-b{b}-e{e}"))
            .collect();
        let batch: Vec<serde_json::Value> = ids
            .iter()
            .enumerate()
            .map(|(e, id)| {
                let booked = e % 10 == 0;
                json!({
                    "type": "track",
                    "messageId": id,
                    "userId": format!("guest-{s}-{}", (b * shape.events + e) % 97),
                    "event": if booked { "Trip Booked" } else { "Page Viewed" },
                    "properties": {"sender": s, "batch": b},
                })
            })
            .collect();
        let body = json!({ "batch": batch }).to_string();
        let given_up = Instant::now() + Duration::from_secs(90);
        loop {
            assert!(
                Instant::now() < given_up,
                "batch {b} of sender {s} never stored"
            );
            let res = agent
                .post(&format!("{}/v1/batch", nodes[node]))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .send(body.as_bytes());
            let at = Instant::now();
            match res {
                Ok(r) => {
                    let status = r.status().as_u16();
                    let wait = r
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok());
                    tally.record(Answer {
                        node,
                        what: "collect",
                        at,
                        status: Some(status),
                        retry_after: wait.is_some(),
                    });
                    if status == 200 {
                        tally
                            .acked
                            .lock()
                            .expect("acked")
                            .extend(ids.iter().cloned());
                        tally.booked.lock().expect("booked").extend(
                            ids.iter()
                                .enumerate()
                                .filter(|(e, _)| e % 10 == 0)
                                .map(|(_, id)| id.clone()),
                        );
                        break;
                    }
                    // A refusal: wait as told (at most 2 s: the test's clock), then again.
                    let secs = wait.unwrap_or(1).min(2);
                    std::thread::sleep(Duration::from_secs(secs));
                }
                Err(_) => {
                    tally.record(Answer {
                        node,
                        what: "collect",
                        at,
                        status: None,
                        retry_after: false,
                    });
                    // No answer: the next node, as a load balancer would.
                    node = (node + 1) % nodes.len();
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        }
        std::thread::sleep(shape.pace);
    }
}

/// Reads each node's API (a workspace, with a token) and `/readyz` every 200 ms until
/// stopped, recording the answers.
pub struct Prober {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Prober {
    pub fn start(nodes: &[String], token: &str, tally: Arc<Tally>) -> Prober {
        let stop = Arc::new(AtomicBool::new(false));
        let (nodes, token, flag) = (nodes.to_vec(), format!("Bearer {token}"), stop.clone());
        let thread = std::thread::spawn(move || {
            let agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(Duration::from_secs(10)))
                .build()
                .new_agent();
            while !flag.load(Ordering::Relaxed) {
                for (i, base) in nodes.iter().enumerate() {
                    for (what, path) in [
                        ("api", format!("/api/workspaces/{WS}")),
                        ("readyz", "/readyz".to_owned()),
                    ] {
                        let res = agent
                            .get(&format!("{base}{path}"))
                            .header("Authorization", &token)
                            .call();
                        tally.record(Answer {
                            node: i,
                            what,
                            at: Instant::now(),
                            status: res.as_ref().ok().map(|r| r.status().as_u16()),
                            retry_after: res
                                .as_ref()
                                .is_ok_and(|r| r.headers().contains_key("retry-after")),
                        });
                    }
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        });
        Prober { stop, thread }
    }

    pub fn finish(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().expect("the prober panicked");
    }
}

/// Answers that were neither 200 nor a refusal with `Retry-After`, as lines to print.
pub fn unacceptable<'a>(answers: impl IntoIterator<Item = &'a Answer>) -> Vec<String> {
    answers
        .into_iter()
        .filter(|a| !a.acceptable())
        .map(|a| format!("node {} {}: {:?}", a.node, a.what, a.status))
        .collect()
}

/// The messageIds stored for the workspace, read from PostgreSQL itself.
pub async fn stored_ids(db: &str) -> HashSet<String> {
    let pool = sqlx::PgPool::connect(db).await.expect("connect");
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT message_id FROM events WHERE workspace_id = $1")
            .bind(WS)
            .fetch_all(&pool)
            .await
            .expect("events");
    pool.close().await;
    ids.into_iter().collect()
}

/// Acknowledged messageIds that are not stored.
pub fn lost(acked: &[String], stored: &HashSet<String>) -> Vec<String> {
    acked
        .iter()
        .filter(|id| !stored.contains(*id))
        .cloned()
        .collect()
}

/// Seconds between two instants, for the figures printed.
pub fn secs(from: Instant, to: Instant) -> f64 {
    to.saturating_duration_since(from).as_secs_f64()
}
