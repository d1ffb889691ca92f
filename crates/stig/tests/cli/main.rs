//! End-to-end tests of the `stig` binary: exit codes, diagnostics, rendering every example.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod audit;
mod bench_insight;
mod bench_personas;
mod events_export;
mod events_import;
mod insight_real;
mod personas;
mod report;
mod report_control_chars;
mod report_outcome;

fn stig(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stig"))
        .args(args)
        .output()
        .expect("stig runs")
}

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("examples/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("stig.toml").is_file())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 4,
        "expected the four example workspaces, found {dirs:?}"
    );
    dirs
}

/// `../shared/data` relative to the repository root, or `None` (with a note) where it is
/// absent: the real-data tests skip then.
fn shared_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is missing (real data for this test)",
            dir.display()
        );
        None
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn every_example_passes_check_without_errors() {
    for dir in examples() {
        let out = stig(&["check", dir.to_str().expect("utf-8 path")]);
        assert!(
            out.status.success(),
            "{}:\n{}",
            dir.display(),
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains("0 errors"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn a_misspelled_reference_fails_with_file_line_column_and_a_suggestion() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("ws");
    assert!(stig(&["new", ws.to_str().expect("path")]).status.success());
    let journey = ws.join("journeys/first-visit.toml");
    let original = std::fs::read_to_string(&journey).expect("read");
    std::fs::write(
        &journey,
        original.replacen(
            r#"touchpoints = ["website"]"#,
            r#"touchpoints = ["websit"]"#,
            1,
        ),
    )
    .expect("write");

    let out = stig(&["check", ws.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let line = original
        .lines()
        .position(|l| l.starts_with(r#"touchpoints = ["website"]"#))
        .expect("line")
        + 1;
    assert!(
        err.contains(&format!("first-visit.toml:{line}:16")),
        "{err}"
    );
    assert!(err.contains("unknown touchpoint `websit`"), "{err}");
    assert!(err.contains("did you mean `website`?"), "{err}");

    let out = stig(&["check", ws.to_str().expect("path"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(json["errors"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "unknown-reference");
    assert_eq!(d["line"], line);
    assert_eq!(d["column"], 16);
    assert_eq!(d["suggestion"], "website");
    assert_eq!(d["text"], "\"websit\"");
}

#[test]
fn an_example_copy_with_a_typo_fails() {
    let example = &examples()[0];
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("copy");
    copy_dir(example, &ws);
    // Misspell the first touchpoint reference of the first journey.
    let journeys = ws.join("journeys");
    let first = std::fs::read_dir(&journeys)
        .expect("journeys")
        .flatten()
        .map(|e| e.path())
        .min()
        .expect("a journey");
    let body = std::fs::read_to_string(&first).expect("read");
    let start = body
        .find("touchpoints = [\"")
        .expect("a step with touchpoints")
        + "touchpoints = [\"".len();
    let broken = format!("{}x{}", &body[..start], &body[start..]);
    std::fs::write(&first, broken).expect("write");
    let out = stig(&["check", ws.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("unknown touchpoint `x"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_of_a_missing_directory_is_a_usage_error() {
    let out = stig(&["check", "/nonexistent/stig-workspace"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a directory"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn new_makes_a_clean_formatted_workspace() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("fresh");
    let ws_s = ws.to_str().expect("path");
    assert!(
        stig(&["new", ws_s, "--name", "Hytta på fjellet"])
            .status
            .success()
    );
    let out = stig(&["check", ws_s, "--deny-warnings"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(ws.join("stig.toml"))
            .expect("read")
            .contains("Hytta på fjellet")
    );
    // It refuses to overwrite.
    assert_eq!(stig(&["new", ws_s]).status.code(), Some(2));
    // Its files are already formatted.
    let out = stig(&["fmt", ws_s, "--check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn fmt_tidies_files_and_keeps_comments() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("fmt");
    let ws_s = ws.to_str().expect("path");
    assert!(stig(&["new", ws_s]).status.success());
    let actors = ws.join("actors.toml");
    std::fs::write(&actors, "# our partners\n[[actor]]\nid=\"bus\"\n   name   =   \"Bus\"   # the shuttle\nkind=\"partner\"\n").expect("write");
    let before = stig(&["check", ws_s, "--format", "json"]);
    assert_eq!(stig(&["fmt", ws_s, "--check"]).status.code(), Some(1));
    assert!(stig(&["fmt", ws_s]).status.success());
    let after = std::fs::read_to_string(&actors).expect("read");
    assert!(
        after.contains("# our partners") && after.contains("# the shuttle"),
        "{after}"
    );
    assert!(
        after.contains("id = \"bus\"") && after.contains("name = \"Bus\""),
        "{after}"
    );
    assert!(stig(&["fmt", ws_s, "--check"]).status.success());
    // Same meaning before and after.
    let again = stig(&["check", ws_s, "--format", "json"]);
    let count = |o: &Output| {
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json")["errors"].clone()
    };
    assert_eq!(count(&before), count(&again));
}

#[test]
fn fmt_refuses_a_file_that_does_not_parse() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("broken");
    let ws_s = ws.to_str().expect("path");
    assert!(stig(&["new", ws_s]).status.success());
    std::fs::write(ws.join("actors.toml"), "[[actor]\nid = \"x\"\n").expect("write");
    let out = stig(&["fmt", ws_s]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(ws.join("actors.toml")).expect("read"),
        "[[actor]\nid = \"x\"\n"
    );
}

/// Journey ids and persona ids of an example, read through the library.
fn journeys_and_personas(dir: &Path) -> (Vec<String>, Vec<String>) {
    let ws = stig_model::code::load_dir(dir).expect("loads").workspace;
    (
        ws.journeys.iter().map(|j| j.id.clone()).collect(),
        ws.personas.iter().map(|p| p.id.clone()).collect(),
    )
}

#[test]
fn render_writes_svg_png_and_pdf_for_every_journey_of_every_example() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for dir in examples() {
        let (journeys, personas) = journeys_and_personas(&dir);
        for journey in &journeys {
            for format in ["svg", "png", "pdf"] {
                let out_file = tmp.path().join(format!("{journey}.{format}"));
                let mut args = vec![
                    "render",
                    dir.to_str().expect("path"),
                    "--journey",
                    journey,
                    "-o",
                    out_file.to_str().expect("path"),
                ];
                for p in &personas {
                    args.extend(["--persona", p.as_str()]);
                }
                let out = stig(&args);
                assert!(
                    out.status.success(),
                    "{} {journey} {format}: {}",
                    dir.display(),
                    text(&out.stderr)
                );
                let bytes = std::fs::read(&out_file).expect("output written");
                match format {
                    "svg" => {
                        let svg = text(&bytes);
                        assert!(
                            svg.starts_with("<svg") || svg.starts_with("<?xml"),
                            "not SVG"
                        );
                        for p in &personas {
                            assert!(
                                svg.contains(&format!("data-persona=\"{p}\"")),
                                "{journey}: no curve for {p}"
                            );
                        }
                    }
                    "png" => assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n"),
                    _ => assert!(bytes.starts_with(b"%PDF-")),
                }
            }
        }
    }
}

#[test]
fn render_of_an_unknown_journey_says_which_exist() {
    let dir = &examples()[0];
    let out = stig(&[
        "render",
        dir.to_str().expect("path"),
        "--journey",
        "no-such-journey",
        "-o",
        "-",
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("no-such-journey"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_misnamed_file_is_reported_not_ignored() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("ws");
    let ws_s = ws.to_str().expect("path");
    assert!(stig(&["new", ws_s]).status.success());
    std::fs::rename(ws.join("actors.toml"), ws.join("actor.toml")).expect("rename");
    let out = stig(&["check", ws_s]);
    let err = text(&out.stderr);
    assert!(
        err.contains("warning[unknown-file]") && err.contains("did you mean `actors.toml`?"),
        "{err}"
    );
}

#[test]
fn generate_writes_segment_ndjson_for_an_example() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("events.ndjson");
    let dir = examples()
        .into_iter()
        .find(|d| d.ends_with("telekom"))
        .expect("telekom example");
    let run = stig(&[
        "generate",
        dir.to_str().expect("path"),
        "--customers",
        "40",
        "--seed",
        "9",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("40 customers"),
        "{}",
        text(&run.stderr)
    );
    let body = std::fs::read_to_string(&out).expect("output");
    let events: Vec<serde_json::Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(
        events.iter().filter(|e| e["type"] == "identify").count(),
        40
    );
    assert!(events.iter().any(|e| e["event"] == "Feedback Submitted"));
}

#[test]
fn source_create_prints_a_write_key_once_per_name() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("stig.db");
    let db = db.to_str().expect("path");
    let dir = examples()
        .into_iter()
        .find(|d| d.ends_with("arctic-winter"))
        .expect("arctic-winter example");
    let run = stig(&["import", dir.to_str().expect("path"), "--db", db]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let args = [
        "source",
        "create",
        "--workspace",
        "arctic-winter",
        "--name",
        "Website",
        "--db",
        db,
    ];
    let run = stig(&args);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let key = text(&run.stdout);
    let key = key.trim();
    assert_eq!(key.len(), 43, "one write key on stdout: {key}");
    assert!(text(&run.stderr).contains("shown once"));
    let again = stig(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
}
mod moments_examples;
