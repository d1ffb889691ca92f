//! `stig audit verify` and `stig audit export`: command-line actions are audited, the chain
//! verifies (exit 0), and an entry edited in the database is named with exit code 1.

use std::path::Path;

use crate::{stig, text};

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = stig(args);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn audit_verify_says_ok_then_names_the_first_broken_entry() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("audit.db");
    let db = db.to_str().expect("utf-8 path");

    // No database: said, not an empty log.
    let (code, _, err) = run(&["audit", "verify", "--db", db]);
    assert_ne!(code, Some(0));
    assert!(err.contains("no database"), "{err}");

    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    let example = example.to_str().expect("utf-8 path");
    let (code, _, err) = run(&["user", "add", "kari", "--role", "admin", "--db", db]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(&["import", example, "--id", "arctic", "--db", db]);
    assert_eq!(code, Some(0), "{err}");

    let (code, out, err) = run(&["audit", "verify", "--db", db]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.starts_with("OK: 2 entries, last hash "), "{out}");

    let (code, csv, err) = run(&["audit", "export", "--format", "csv", "--db", db]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].starts_with("1,") && lines[1].contains(",cli,,user-created,"),
        "{csv}"
    );
    assert!(lines[2].contains("import,arctic"), "{csv}");
    let (code, jsonl, _) = run(&["audit", "export", "--db", db]);
    assert_eq!(code, Some(0));
    let first: serde_json::Value =
        serde_json::from_str(jsonl.lines().next().expect("a line")).expect("json");
    assert_eq!(first["detail"]["role"], "admin");
    let (code, _, err) = run(&["audit", "export", "--format", "xml", "--db", db]);
    assert_ne!(code, Some(0));
    assert!(err.contains("--format"), "{err}");

    // Someone with the file makes the new user look harmless.
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(async {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{db}"))
                .await
                .expect("open");
            sqlx::query("UPDATE audit_log SET detail = '{\"role\":\"viewer\"}' WHERE seq = 1")
                .execute(&pool)
                .await
                .expect("tamper");
            pool.close().await;
        });
    let (code, out, _) = run(&["audit", "verify", "--db", db]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("BROKEN at entry 1: hash mismatch"), "{out}");
}
