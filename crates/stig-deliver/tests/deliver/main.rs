//! stig-deliver against real servers started by the tests: a webhook receiver that checks
//! signatures with the official Standard Webhooks Python library (`receiver.py`), and an SMTP
//! server (`aiosmtpd`, `smtp_server.py`), both from PyPI in a venv under `target/py-deliver`.
//! Where python3 or the venv cannot be had, those tests skip with a message, unless
//! `STIG_REQUIRE_PYTHON=1` (CI), where they fail.

mod email;
mod target;
mod webhook;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tokio::io::AsyncBufReadExt as _;

const PACKAGES: [&str; 2] = ["standardwebhooks==1.1.0", "aiosmtpd==1.4.6"];

/// The venv's Python, made once per test run; `Err` says why there is none.
fn venv_python() -> Result<PathBuf, String> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    VENV.get_or_init(|| {
        let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/py-deliver");
        let python = venv.join("bin/python");
        let ready = || {
            std::process::Command::new(&python)
                .args(["-c", "import standardwebhooks, aiosmtpd"])
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if ready() {
            return Ok(python);
        }
        let made = std::process::Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && std::process::Command::new(&python)
                .args(["-m", "pip", "install", "-q"])
                .args(PACKAGES)
                .status()
                .is_ok_and(|s| s.success());
        if made && ready() {
            Ok(python)
        } else {
            Err(format!(
                "could not make {} with `python3 -m venv` and `pip install {}`",
                venv.display(),
                PACKAGES.join(" ")
            ))
        }
    })
    .clone()
}

/// The venv's Python, or `None` after saying why the test skips (a panic under
/// `STIG_REQUIRE_PYTHON=1`).
fn python_or_skip(test: &str) -> Option<PathBuf> {
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

/// A Python server started for one test, killed when dropped; its log is a JSON-lines file.
struct Server {
    _child: tokio::process::Child,
    port: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start(python: &Path, script: &str, args: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let log = dir.path().join("log.jsonl");
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/deliver")
            .join(script);
        let mut child = tokio::process::Command::new(python)
            .arg(&script)
            .arg(&log)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the test server starts");
        let stdout = child.stdout.take().expect("its stdout");
        let mut line = String::new();
        tokio::time::timeout(
            std::time::Duration::from_secs(20),
            tokio::io::BufReader::new(stdout).read_line(&mut line),
        )
        .await
        .expect("the test server says its port in time")
        .expect("its port");
        let port = line.trim().parse().expect("a port number");
        Self {
            _child: child,
            port,
            log,
            _dir: dir,
        }
    }

    /// What the server logged so far, one JSON value per request or message.
    fn records(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

fn loopback_allowed() -> stig_deliver::TargetPolicy {
    stig_deliver::TargetPolicy::parse_allow_list("127.0.0.0/8").expect("a valid allow-list")
}
