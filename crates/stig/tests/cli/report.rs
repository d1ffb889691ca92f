//! `stig report`: the insight report of a workspace with generated events, as JSON, HTML and
//! PDF, and the errors for bad input.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{stig, text};

/// A database with the arctic-winter workspace and 300 generated customers, built once.
fn db() -> &'static str {
    static DB: OnceLock<String> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-cli");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let db = dir.join("stig.db").to_str().expect("utf-8 path").to_owned();
        let events = dir
            .join("ev.ndjson")
            .to_str()
            .expect("utf-8 path")
            .to_owned();
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
        let example = example.to_str().expect("utf-8 path");
        for args in [
            vec!["import", example, "--db", &db],
            vec!["generate", example, "--customers", "300", "-o", &events],
            vec![
                "events",
                "import",
                &events,
                "--workspace",
                "arctic-winter",
                "--db",
                &db,
            ],
        ] {
            let out = stig(&args);
            assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        }
        db
    })
}

/// Runs `stig report` into `file` (in a fresh temporary directory) with `extra` arguments.
fn report(file: &str, extra: &[&str]) -> (std::process::Output, Vec<u8>) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out_path = tmp.path().join(file);
    let mut args = vec![
        "report",
        "--workspace",
        "arctic-winter",
        "--db",
        db(),
        "-o",
        out_path.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let out = stig(&args);
    let bytes = std::fs::read(&out_path).unwrap_or_default();
    (out, bytes)
}

fn json() -> serde_json::Value {
    let (out, bytes) = report("report.json", &["--lang", "en"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&bytes).expect("the report is JSON")
}

#[test]
fn json_has_every_area() {
    let v = json();
    for area in [
        "totals", "scores", "emotions", "drivers", "kpis", "journeys", "variants", "findings",
    ] {
        assert!(v.get(area).is_some(), "no `{area}` in the JSON report");
    }
    assert_eq!(v["workspace"], "arctic-winter");
    assert_eq!(v["totals"]["customers"], 300);
    assert!(!v["scores"].as_object().expect("scores").is_empty());
    assert!(!v["journeys"].as_object().expect("journeys").is_empty());
    assert!(!v["kpis"]["months"].as_array().expect("months").is_empty());
    let findings = v["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f["message"].as_str().is_some_and(|m| !m.is_empty()))
    );
}

#[test]
fn html_is_self_contained_with_every_section_in_the_chosen_language() {
    let (out, bytes) = report("report.html", &["--lang", "nb"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = text(&bytes);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<html lang="nb">"#));
    for heading in [
        "Dette bør fikses først",
        "Score",
        "Følelser",
        "Drivere",
        "Vekst og kundebevaring",
        "Observerte reiser",
        "Slik er tallene regnet ut",
    ] {
        assert!(
            html.contains(&format!("<h2>{heading}</h2>")),
            "no section `{heading}`"
        );
    }
    assert!(html.contains("<svg"));
    assert!(html.contains("break-before: page"));
    assert!(!html.contains("NaN"));
    assert!(!html.contains("<script"));
    // No external requests: the only URLs are SVG namespaces.
    assert!(!html.contains("src="));
    assert!(
        html.replace("http://www.w3.org/2000/svg", "")
            .replace("http://www.w3.org/1999/xlink", "")
            .matches("http")
            .count()
            == 0
    );
    // Balanced sections and tables.
    assert_eq!(
        html.matches("<section").count(),
        html.matches("</section>").count()
    );
    assert_eq!(
        html.matches("<table").count(),
        html.matches("</table>").count()
    );
    // The findings in Norwegian, as in the JSON report in Norwegian.
    let (_, nb) = report("report.json", &["--lang", "nb"]);
    let nb: serde_json::Value = serde_json::from_slice(&nb).expect("json");
    let first = nb["findings"][0]["message"].as_str().expect("a finding");
    let escaped = first
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    assert!(html.contains(&escaped), "no finding `{first}`");
}

#[test]
fn html_in_english_names_the_sections_in_english() {
    let (out, bytes) = report("report.htm", &["--lang", "en"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = text(&bytes);
    for heading in [
        "What to fix first",
        "How these numbers are computed",
        "Growth &amp; retention",
    ] {
        assert!(html.contains(heading), "no `{heading}`");
    }
}

/// Pages of a PDF: `/Type /Page` objects, not `/Type /Pages`.
fn pages(pdf: &[u8]) -> usize {
    let s = String::from_utf8_lossy(pdf);
    s.match_indices("/Type /Page")
        .filter(|(at, m)| !s[at + m.len()..].starts_with('s'))
        .count()
}

#[test]
fn pdf_has_several_pages_with_the_findings() {
    let (out, bytes) = report("report.pdf", &["--lang", "en"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(bytes.starts_with(b"%PDF"));
    let n = pages(&bytes);
    assert!(n > 3, "only {n} pages");
    assert!(bytes.len() > 50_000, "{} bytes", bytes.len());
    // The embedded font, not a system one.
    assert!(text(&bytes).contains("DejaVu"));
    // The journey maps with measured curves, on A3-landscape pages of their own.
    assert!(
        text(&bytes).contains("MediaBox [0 0 1190.25 842.25]"),
        "no A3-landscape map page"
    );
    // The text of the findings, where poppler's pdftotext is installed to read it.
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf = tmp.path().join("r.pdf");
    std::fs::write(&pdf, &bytes).expect("write");
    match std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
    {
        Ok(o) if o.status.success() => {
            let words = text(&o.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(words.contains("What to fix first"), "{words}");
            let v = json();
            let first = v["findings"][0]["message"].as_str().expect("a finding");
            // The first few words (a line may break anywhere after them).
            let start: Vec<&str> = first.split_whitespace().take(4).collect();
            assert!(
                words.contains(&start.join(" ")),
                "no `{first}` in:\n{words}"
            );
            assert!(words.contains("Page 1 of"));
        }
        _ => eprintln!("pdftotext is not installed: the PDF's text is not checked"),
    }
}

#[test]
fn an_unknown_workspace_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = stig(&[
        "report",
        "--workspace",
        "no-such-place",
        "--db",
        db(),
        "-o",
        tmp.path().join("r.json").to_str().expect("path"),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no-such-place"),
        "{}",
        text(&out.stderr)
    );
    assert!(!tmp.path().join("r.json").exists());
}

#[test]
fn an_unknown_persona_is_an_error_naming_it() {
    let (out, bytes) = report("report.pdf", &["--persona", "nobody-at-all"]);
    assert!(!out.status.success());
    assert!(bytes.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("nobody-at-all") && err.contains("persona"),
        "{err}"
    );
}

#[test]
fn a_filtered_report_names_its_filter() {
    let v = json();
    let persona = v["scores"]
        .as_object()
        .and_then(|s| s.values().next())
        .and_then(|k| k["personas"][0].as_str())
        .expect("a persona")
        .to_owned();
    let (out, bytes) = report(
        "report.html",
        &[
            "--persona",
            &persona,
            "--from",
            "2024-01",
            "--to",
            "2024-12",
            "--lang",
            "en",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = text(&bytes);
    assert!(
        html.contains("Persona: ") && html.contains("From 2024-01"),
        "no filter on the cover"
    );
    assert!(!html.contains("NaN"));
}

#[test]
fn an_unknown_extension_is_an_error() {
    let (out, bytes) = report("report.docx", &[]);
    assert!(!out.status.success());
    assert!(bytes.is_empty());
    assert!(
        text(&out.stderr).contains(".pdf, .html or .json"),
        "{}",
        text(&out.stderr)
    );
}
