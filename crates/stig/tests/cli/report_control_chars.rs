//! Events stored before the collector refused control characters (or imported from a file)
//! may hold a NUL in their names; the report must still be written, without them.

use std::io::Write as _;
use std::path::Path;

use super::{stig, text};

#[test]
fn a_stored_nul_in_an_event_name_does_not_break_the_pdf_or_html_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("stig.db");
    let db = db.to_str().expect("utf-8 path");
    let events = dir.path().join("ev.ndjson");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    let example = example.to_str().expect("utf-8 path");
    let out = stig(&["import", example, "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ev = events.to_str().expect("utf-8 path");
    let out = stig(&["generate", example, "--customers", "60", "-o", ev]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Names and ids with NUL and other control characters, as an old collector stored them.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&events)
        .expect("open");
    for i in 0..5 {
        let lines = [
            serde_json::json!({"type": "identify", "userId": format!("nul\u{0}user-{i}"),
                "traits": {"name": "Kari\u{0}Nordmann", "email": "kari@example.com"},
                "timestamp": "2025-01-10T10:00:00Z", "messageId": format!("nul-i-{i}")}),
            serde_json::json!({"type": "track", "userId": format!("nul\u{0}user-{i}"),
                "event": "Page\u{0}Viewed", "properties": {"ti\u{1}tle": "x\u{0}y"},
                "timestamp": "2025-01-10T10:01:00Z", "messageId": format!("nul-t-{i}")}),
            serde_json::json!({"type": "page", "userId": format!("nul\u{0}user-{i}"),
                "name": "Front\u{0}\u{1b}page", "timestamp": "2025-01-10T10:02:00Z",
                "messageId": format!("nul-p-{i}")}),
        ];
        for l in lines {
            writeln!(f, "{l}").expect("write");
        }
    }
    drop(f);
    let out = stig(&[
        "events",
        "import",
        ev,
        "--workspace",
        "arctic-winter",
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for (file, magic) in [("r.pdf", &b"%PDF"[..]), ("r.html", &b"<!DOCTYPE"[..])] {
        let path = dir.path().join(file);
        let out = stig(&[
            "report",
            "--workspace",
            "arctic-winter",
            "--db",
            db,
            "-o",
            path.to_str().expect("utf-8 path"),
        ]);
        assert!(out.status.success(), "{file}: {}", text(&out.stderr));
        let bytes = std::fs::read(&path).expect("the report");
        assert!(
            bytes.starts_with(magic) || bytes.to_ascii_uppercase().starts_with(magic),
            "{file} starts {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(20)])
        );
        if file.ends_with(".html") {
            assert!(!bytes.contains(&0), "a NUL in the HTML report");
        }
    }
}
