//! What the moments tests run against: a real `stig serve`, a real webhook receiver that
//! verifies signatures with the official Standard Webhooks library, and a real SMTP server
//! (aiosmtpd) — the Python ones from PyPI in a venv under `target/`, shared with
//! stig-deliver's tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

#[path = "../support/process.rs"]
mod process;
pub use process::{Killed, base64, free_port, stig};

const PACKAGES: [&str; 2] = ["standardwebhooks==1.1.0", "aiosmtpd==1.4.6"];
pub const WS: &str = "arctic-winter";
/// The Standard Webhooks spec's example secret.
pub const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn venv_python() -> Result<PathBuf, String> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    VENV.get_or_init(|| {
        let venv = root().join("target/py-deliver");
        let python = venv.join("bin/python");
        let ready = || {
            Command::new(&python)
                .args(["-c", "import standardwebhooks, aiosmtpd"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if ready() {
            return Ok(python);
        }
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(&python)
                .args(["-m", "pip", "install", "-q"])
                .args(PACKAGES)
                .status()
                .is_ok_and(|s| s.success());
        if made && ready() {
            Ok(python)
        } else {
            Err(format!(
                "could not make {} with {PACKAGES:?}",
                venv.display()
            ))
        }
    })
    .clone()
}

/// The venv's Python, or `None` after saying why the test skips (a panic under
/// `STIG_REQUIRE_PYTHON=1`, as in CI).
pub fn python_or_skip(test: &str) -> Option<PathBuf> {
    match venv_python() {
        Ok(p) => Some(p),
        Err(why) if std::env::var("STIG_REQUIRE_PYTHON").is_ok_and(|v| v == "1") => {
            panic!("STIG_REQUIRE_PYTHON=1 but {why}")
        }
        Err(why) => {
            println!("SKIPPED {test}: {why} (set STIG_REQUIRE_PYTHON=1 to fail instead)");
            None
        }
    }
}

/// A Python test server (receiver.py or smtp_server.py of stig-deliver's tests) and its
/// JSON-lines log.
pub struct PyServer {
    _child: Killed,
    pub port: u16,
    log: PathBuf,
}

impl PyServer {
    pub fn start(python: &Path, script: &str, log: PathBuf, args: &[&str]) -> Self {
        let script = root()
            .join("crates/stig-deliver/tests/deliver")
            .join(script);
        let mut child = Command::new(python)
            .arg(&script)
            .arg(&log)
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the Python test server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("its port");
        PyServer {
            _child: Killed(child),
            port: line.trim().parse().expect("a port number"),
            log,
        }
    }

    pub fn records(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

/// A copy of arctic-winter with `moments` as its moments.toml and a mail server on
/// `smtp_port`, imported into a fresh database with a source and the webhook secret
/// `duty-hook`; returns (database, write key).
pub fn workspace(dir: &Path, moments: &str, smtp_port: u16) -> (PathBuf, String) {
    let ws = dir.join(WS);
    copy_dir(&root().join("examples").join(WS), &ws);
    // The example's own mail server and time zone give way to the test's.
    let settings: String = std::fs::read_to_string(ws.join("stig.toml"))
        .expect("stig.toml")
        .lines()
        .filter(|l| !l.starts_with("smtp =") && !l.starts_with("timezone ="))
        .map(|l| format!("{l}\n"))
        .collect();
    let smtp = format!(
        "[workspace]\nsmtp = {{ host = \"127.0.0.1\", port = {smtp_port}, from = \"Visit Arktis <hei@visitarktis.no>\", security = \"none\" }}\ntimezone = \"Europe/Oslo\""
    );
    let settings = settings.replacen("\n[workspace]\n", &format!("\n{smtp}\n"), 1);
    std::fs::write(ws.join("stig.toml"), settings).expect("write");
    std::fs::write(ws.join("moments.toml"), moments).expect("write moments.toml");
    let db = dir.join("stig.db");
    let db_arg = db.to_str().expect("utf-8");
    stig(&["import", ws.to_str().expect("utf-8"), "--db", db_arg]);
    let key = stig(&[
        "source",
        "create",
        "--workspace",
        WS,
        "--name",
        "Test",
        "--db",
        db_arg,
    ])
    .trim()
    .to_owned();
    stig(&[
        "secret",
        "set",
        "--workspace",
        WS,
        "duty-hook",
        "--value",
        SECRET,
        "--db",
        db_arg,
    ]);
    (db, key)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

/// A running `stig serve`.
pub struct Stig {
    pub process: Killed,
    pub base: String,
}

impl Stig {
    /// Serves `db` on a free port with `extra` options, and waits until it answers.
    pub fn serve(db: &Path, extra: &[&str]) -> Stig {
        let port = free_port();
        let mut args = vec![
            "serve".to_owned(),
            "--db".into(),
            db.to_str().expect("utf-8").into(),
            "--addr".into(),
            format!("127.0.0.1:{port}"),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let child = Command::new(env!("CARGO_BIN_EXE_stig"))
            .args(&args)
            .env("STIG_ADMIN_PASSWORD", "moments-test-password")
            .stdout(Stdio::null())
            .spawn()
            .expect("stig serve starts");
        let mut stig = Stig {
            process: Killed(child),
            base: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while ureq::get(&format!("{}/healthz", stig.base)).call().is_err() {
            assert!(
                Instant::now() < deadline,
                "the server did not come up in 60 s"
            );
            assert!(
                stig.process.0.try_wait().expect("status").is_none(),
                "the server exited"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        stig
    }

    /// Sends a Segment batch with the write key; panics unless it is stored.
    pub fn send(&self, key: &str, batch: &[serde_json::Value]) {
        let body = serde_json::json!({ "batch": batch }).to_string();
        let res = agent()
            .post(&format!("{}/v1/batch", self.base))
            .header(
                "Authorization",
                &format!("Basic {}", base64(format!("{key}:").as_bytes())),
            )
            .header("Content-Type", "application/json")
            .send(body.as_bytes())
            .expect("the collector answers");
        assert_eq!(res.status(), 200, "the batch was stored");
    }

    /// GET a REST API path with a bearer token, as JSON.
    pub fn api(&self, token: &str, path: &str) -> serde_json::Value {
        let mut res = agent()
            .get(&format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {token}"))
            .call()
            .expect("the API answers");
        assert_eq!(res.status(), 200, "GET {path}");
        serde_json::from_slice(&res.body_mut().read_to_vec().expect("body")).expect("JSON")
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// Polls `check` until it returns `Some` or `within` passes (then panics with `what`).
pub fn wait_for<T>(what: &str, within: Duration, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + within;
    loop {
        if let Some(x) = check() {
            return x;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// An ISO-8601 UTC time `secs_ago` seconds ago.
pub fn ago(secs_ago: i64) -> String {
    (jiff::Timestamp::now() - jiff::SignedDuration::from_secs(secs_ago)).to_string()
}
