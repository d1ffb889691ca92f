//! schemathesis (from PyPI, in a venv under `target/`) over the whole OpenAPI document of a
//! real `stig serve` holding a workspace with customers: every operation, every check
//! (server errors, status codes, content types, response schemas, headers, …), 0 failures.
//! Operations run on that workspace and on ids it holds (schemathesis.toml), so they reach
//! the handlers rather than a 404 for a made-up workspace.
//!
//! Skips, saying so, when no `python3` is found, unless `STIG_REQUIRE_PYTHON=1`. Bounded to a
//! few examples per operation (`STIG_SCHEMATHESIS_EXAMPLES`, default 8) so it runs in minutes
//! on two cores.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../support/process.rs"]
#[allow(dead_code)] // base64 is for the tests that send Basic auth
mod process;
use process::{Killed, free_port, stig};

/// The schemathesis release the check is pinned to.
const SCHEMATHESIS: &str = "schemathesis==4.32.5";
const WS: &str = "arctic-winter";

fn which(bin: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(bin))
        .find(|p| p.is_file())
}

/// `target/py-schemathesis/bin/schemathesis`, installed when missing.
fn schemathesis(python: &Path) -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/py-schemathesis");
    let bin = venv.join("bin/schemathesis");
    // The pinned version importable from the venv (a missing package raises: non-zero exit).
    let installed = || {
        bin.is_file()
            && Command::new(venv.join("bin/python"))
                .args([
                    "-c",
                    "import importlib.metadata as m, sys; \
                     sys.exit(m.version('schemathesis') != '4.32.5')",
                ])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
    };
    if !installed() {
        let ok = Command::new(python)
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(venv.join("bin/python"))
                .args(["-m", "pip", "install", "-q", SCHEMATHESIS])
                .status()
                .is_ok_and(|s| s.success());
        assert!(
            ok && installed(),
            "could not install {SCHEMATHESIS} from PyPI into {}",
            venv.display()
        );
    }
    bin
}

// The answers the API gives by design that a check would count (a first build's 503, the
// validator's 422) are allowed in schemathesis.toml, each with its reason.
#[test]
fn schemathesis_finds_no_failure_in_the_whole_api() {
    let Some(python) = which("python3") else {
        assert!(
            std::env::var("STIG_REQUIRE_PYTHON").as_deref() != Ok("1"),
            "STIG_REQUIRE_PYTHON=1 but no python3 on the PATH"
        );
        eprintln!("skipped: no python3 on the PATH (STIG_REQUIRE_PYTHON=1 makes this a failure)");
        return;
    };
    let schemathesis = schemathesis(&python);

    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("api.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    let example = example.to_str().expect("utf-8 path");
    let events = tmp.path().join("ev.ndjson");
    let events = events.to_str().expect("utf-8 path");
    stig(&["import", example, "--db", db_arg]);
    stig(&["generate", example, "--customers", "120", "-o", events]);
    stig(&[
        "events",
        "import",
        events,
        "--workspace",
        WS,
        "--db",
        db_arg,
    ]);
    // A source for the operations under …/sources/{id}; `source create` names its id.
    let created = Command::new(env!("CARGO_BIN_EXE_stig"))
        .args(["source", "create", "--workspace", WS, "--name", "Website"])
        .args(["--db", db_arg])
        .output()
        .expect("stig source create runs");
    let said = String::from_utf8_lossy(&created.stderr);
    assert!(created.status.success(), "stig source create: {said}");
    let source = said
        .split_once("(src_")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(id, _)| format!("src_{id}"))
        .unwrap_or_else(|| panic!("no source id in: {said}"));

    let port = free_port();
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
            .env("STIG_ADMIN_PASSWORD", "schemathesis-admin-Qx4")
            .env("STIG_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("stig serve starts"),
    );
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "server up");
        std::thread::sleep(Duration::from_millis(100));
    }
    let token = stig(&["token", "create", "--user", "admin", "--db", db_arg])
        .trim()
        .to_owned();
    let examples = std::env::var("STIG_SCHEMATHESIS_EXAMPLES").unwrap_or_else(|_| "8".into());
    let report = tmp.path().join("report");
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis/schemathesis.toml");
    let out = Command::new(&schemathesis)
        .arg("--config-file")
        .arg(&config)
        .args(["run", &format!("{base}/api/openapi.json")])
        .args(["--checks", "all"])
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args(["--max-examples", &examples])
        .args(["--workers", "2", "--seed", "17", "--no-color"])
        .args(["--request-timeout", "60"])
        .arg("--report-dir")
        .arg(&report)
        .env("SCHEMATHESIS_HOOKS", "")
        .env("STIG_SCHEMATHESIS_SOURCE", &source)
        .output()
        .expect("schemathesis runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "schemathesis found failures (exit {:?}):\n{stdout}\n{stderr}",
        out.status.code()
    );
}
