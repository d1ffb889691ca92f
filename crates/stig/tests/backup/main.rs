//! `stig backup` while `stig serve` collects events, and `stig restore` into a fresh server:
//! the restored installation exports the same workspace, and its events are exactly the
//! original's first events in the same order (the log at the backup's moment), every event
//! acknowledged before the backup began among them. A changed archive is refused, naming the
//! file; an existing database is not replaced without `--force`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[path = "../support/process.rs"]
mod process;
use process::{Killed, base64, free_port, stig};

const WS: &str = "arctic-winter";

/// `stig ARGS` expected to fail: its standard error.
fn stig_fails(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_stig"))
        .args(args)
        .output()
        .expect("stig runs");
    assert!(
        !out.status.success(),
        "stig {} should have failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `stig serve` on `db`, answering `/readyz`.
fn serve(db: &str) -> (Killed, String) {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Killed(
        Command::new(env!("CARGO_BIN_EXE_stig"))
            .args(["serve", "--db", db, "--addr", &format!("127.0.0.1:{port}")])
            .env("STIG_ADMIN_PASSWORD", "backup-test-password")
            .env("STIG_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("stig serve starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let ready = ureq::get(&format!("{base}/readyz"))
            .call()
            .is_ok_and(|r| r.status() == 200);
        if ready {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server was not ready in 90 s"
        );
        assert!(
            server.0.try_wait().expect("server status").is_none(),
            "the server exited"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (server, base)
}

/// Sends batches of 20 track events until `stop`; returns every acknowledged messageId with
/// the time its answer arrived.
fn trickle(url: &str, auth: &str, stop: &AtomicBool, acked: &Mutex<Vec<(String, Instant)>>) {
    let mut request = 0;
    while !stop.load(Ordering::Relaxed) {
        request += 1;
        let ids: Vec<String> = (0..20).map(|i| format!("r{request}-e{i}")).collect();
        let batch: Vec<serde_json::Value> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                serde_json::json!({
                    "type": "track",
                    "messageId": id,
                    "userId": format!("user-{}", i % 9),
                    "event": "Trip Booked",
                    "properties": {"request": request, "index": i},
                })
            })
            .collect();
        let body = serde_json::json!({ "batch": batch }).to_string();
        let res = ureq::post(url)
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .send(body.as_bytes())
            .expect("the collector answers");
        assert_eq!(res.status(), 200, "the collector acknowledges");
        let at = Instant::now();
        acked
            .lock()
            .expect("acked")
            .extend(ids.into_iter().map(|id| (id, at)));
        std::thread::sleep(Duration::from_millis(15));
    }
}

fn events_export(db: &str, out: &Path) -> Vec<serde_json::Value> {
    stig(&[
        "events",
        "export",
        "--workspace",
        WS,
        "--db",
        db,
        "-o",
        out.to_str().expect("utf-8 path"),
    ]);
    std::fs::read_to_string(out)
        .expect("the export")
        .lines()
        .map(|l| serde_json::from_str(l).expect("an NDJSON line"))
        .collect()
}

/// Every file under `dir`, by relative path, with its contents.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("under dir")
                    .display()
                    .to_string();
                out.push((rel, std::fs::read(&path).expect("a file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_backup_taken_while_serving_restores_into_a_fresh_server() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("live.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    let (mut server, base) = serve(db_arg);
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
        "Trickle",
        "--db",
        db_arg,
    ])
    .trim()
    .to_owned();
    let token = stig(&["token", "create", "--user", "admin", "--db", db_arg])
        .trim()
        .to_owned();
    let auth = format!("Basic {}", base64(format!("{key}:").as_bytes()));
    let url = format!("{base}/v1/batch");
    let archive = tmp.path().join("backup.tar.gz");
    let archive_arg = archive.to_str().expect("utf-8 path");

    let stop = AtomicBool::new(false);
    let acked = Mutex::new(Vec::new());
    let backup_began = std::thread::scope(|s| {
        s.spawn(|| trickle(&url, &auth, &stop, &acked));
        while acked.lock().expect("acked").len() < 200 {
            std::thread::sleep(Duration::from_millis(20));
        }
        let began = Instant::now();
        let said = stig(&["backup", "--to", archive_arg, "--db", db_arg]);
        assert!(said.contains("backed up"), "{said}");
        // Events keep arriving after the backup, so the original moves past it.
        let after = acked.lock().expect("acked").len();
        while acked.lock().expect("acked").len() < after + 100 {
            std::thread::sleep(Duration::from_millis(20));
        }
        stop.store(true, Ordering::Relaxed);
        began
    });
    let acked = acked.into_inner().expect("acked");

    // The original, still serving: its workspace and its whole event log.
    let original_ws = tmp.path().join("original-ws");
    stig(&[
        "export",
        WS,
        original_ws.to_str().expect("utf-8 path"),
        "--db",
        db_arg,
    ]);
    let original_events = events_export(db_arg, &tmp.path().join("original.ndjson"));

    // Restored into a fresh path, served by a fresh server.
    let restored = tmp.path().join("restored/stig.db");
    let restored_arg = restored.to_str().expect("utf-8 path");
    let said = stig(&["restore", "--from", archive_arg, "--db", restored_arg]);
    assert!(said.contains("restored"), "{said}");
    let (fresh, fresh_base) = serve(restored_arg);
    let workspaces = ureq::get(&format!("{fresh_base}/api/workspaces"))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .expect("the restored server answers the API with the original's token")
        .into_body()
        .read_to_string()
        .expect("a body");
    assert!(workspaces.contains(WS), "{workspaces}");

    let restored_ws = tmp.path().join("restored-ws");
    stig(&[
        "export",
        WS,
        restored_ws.to_str().expect("utf-8 path"),
        "--db",
        restored_arg,
    ]);
    assert_eq!(
        tree(&restored_ws),
        tree(&original_ws),
        "the restored workspace exports as the original"
    );
    let restored_events = events_export(restored_arg, &tmp.path().join("restored.ndjson"));
    assert!(
        !restored_events.is_empty() && restored_events.len() < original_events.len(),
        "the backup holds the events up to its moment: {} of {}",
        restored_events.len(),
        original_events.len()
    );
    assert_eq!(
        restored_events[..],
        original_events[..restored_events.len()],
        "the restored log is the original's, in order, up to the backup"
    );
    let restored_ids: std::collections::HashSet<&str> = restored_events
        .iter()
        .filter_map(|e| e["messageId"].as_str())
        .collect();
    let before: Vec<&str> = acked
        .iter()
        .filter(|(_, at)| *at < backup_began)
        .map(|(id, _)| id.as_str())
        .collect();
    assert!(before.len() >= 200, "{} acknowledged before", before.len());
    for id in &before {
        assert!(
            restored_ids.contains(id),
            "{id}, acknowledged before the backup, is missing from it"
        );
    }
    drop(fresh);
    let _ = server.0.kill();
    let _ = server.0.wait();

    // Restoring over an existing database needs --force.
    let refused = stig_fails(&["restore", "--from", archive_arg, "--db", restored_arg]);
    assert!(
        refused.contains("--force") && refused.contains("stig.db"),
        "{refused}"
    );
    stig(&[
        "restore",
        "--from",
        archive_arg,
        "--db",
        restored_arg,
        "--force",
    ]);
    assert_eq!(
        events_export(restored_arg, &tmp.path().join("again.ndjson")),
        restored_events
    );
}

/// The archive at `from` rewritten with `stig.db`'s bytes changed in the middle (its
/// manifest unchanged) to `to`.
fn tamper(from: &Path, to: &Path) {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(from).expect("the backup"),
    ));
    let out = flate2::write::GzEncoder::new(
        std::fs::File::create(to).expect("the tampered file"),
        flate2::Compression::fast(),
    );
    let mut builder = tar::Builder::new(out);
    for entry in archive.entries().expect("entries") {
        let mut entry = entry.expect("an entry");
        let name = entry.path().expect("a path").display().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("its bytes");
        if name == "stig.db" {
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
        }
        let mut header = entry.header().clone();
        builder
            .append_data(&mut header, &name, bytes.as_slice())
            .expect("append");
    }
    builder
        .into_inner()
        .expect("tar")
        .finish()
        .expect("gzip")
        .flush()
        .expect("flush");
}

#[test]
fn a_changed_archive_is_refused_naming_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("stig.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    stig(&[
        "import",
        example.to_str().expect("utf-8 path"),
        "--db",
        db_arg,
    ]);
    let archive = tmp.path().join("b.tar.gz");
    stig(&[
        "backup",
        "--to",
        archive.to_str().expect("utf-8 path"),
        "--db",
        db_arg,
    ]);
    let tampered = tmp.path().join("tampered.tar.gz");
    tamper(&archive, &tampered);
    let target = tmp.path().join("target/stig.db");
    let target_arg = target.to_str().expect("utf-8 path");
    let said = stig_fails(&[
        "restore",
        "--from",
        tampered.to_str().expect("utf-8 path"),
        "--db",
        target_arg,
    ]);
    assert!(
        said.contains("stig.db in") && said.contains("does not match its manifest"),
        "{said}"
    );
    assert!(!target.exists(), "nothing restored from a changed archive");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path().join("target"))
        .expect("the target directory")
        .collect();
    assert!(leftovers.is_empty(), "no staging left behind");

    // The untouched archive restores.
    stig(&[
        "restore",
        "--from",
        archive.to_str().expect("utf-8 path"),
        "--db",
        target_arg,
    ]);
    assert!(target.is_file());

    // PostgreSQL is backed up with its own tools.
    let said = stig_fails(&[
        "backup",
        "--to",
        "x.tar.gz",
        "--db",
        "postgres://stig:secret@127.0.0.1:5432/stig",
    ]);
    assert!(
        said.contains("pg_dump") && said.contains("docs/deploy.md") && !said.contains("secret"),
        "{said}"
    );
}
