//! Diagnostics for people (rustc-style, with the offending line and a caret) and for scripts (JSON).

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::Path;

use stig_model::Severity;
use stig_model::code::{Checked, Located};

/// Prints every diagnostic of `checked` to standard error, then a one-line summary.
pub fn print_human(dir: &Path, checked: &Checked) -> anyhow::Result<()> {
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = checked
        .files
        .iter()
        .map(|f| files.add(dir.join(&f.path).display().to_string(), f.text.clone()))
        .collect();
    let choice = if std::io::stderr().is_terminal() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let stream = termcolor::StandardStream::stderr(choice);
    let mut out = stream.lock();
    let config = term::Config::default();
    for d in &checked.diagnostics {
        let file_id = d
            .file
            .as_ref()
            .and_then(|p| checked.files.iter().position(|f| &f.path == p))
            .map(|i| ids[i]);
        let report = to_report(d, file_id);
        if file_id.is_some() {
            term::emit_to_write_style(&mut out, &config, &files, &report)?;
        } else {
            let empty: SimpleFiles<String, String> = SimpleFiles::new();
            term::emit_to_write_style(&mut out, &config, &empty, &report)?;
        }
    }
    let errors = checked.errors().count();
    let warnings = checked.warnings().count();
    let summary = format!(
        "{}: {errors} error{}, {warnings} warning{} in {} file{}",
        dir.display(),
        plural(errors),
        plural(warnings),
        checked.files.len(),
        plural(checked.files.len())
    );
    eprintln!("{summary}");
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn to_report(d: &Located, file_id: Option<usize>) -> Report<usize> {
    let diag = &d.diagnostic;
    let severity = match d.severity() {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
    };
    let mut report = Report::new(severity)
        .with_code(diag.code.as_str())
        .with_message(&diag.message);
    let label_text = match &diag.suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => String::new(),
    };
    if let Some(id) = file_id {
        let span = d.span.clone().unwrap_or(0..0);
        report = report.with_labels(vec![Label::primary(id, span).with_message(label_text)]);
    } else if let Some(s) = &diag.suggestion {
        report = report.with_notes(vec![format!("did you mean `{s}`?")]);
    }
    if let Some(help) = &diag.help {
        report = report.with_notes(vec![format!("help: {help}")]);
    }
    report
}

/// The JSON shape of one diagnostic (`stig check --format json`).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub code: &'a str,
    pub message: &'a str,
    pub file: Option<String>,
    pub line: usize,
    pub column: usize,
    /// Byte offsets of the offending text.
    pub span: Option<[usize; 2]>,
    pub text: &'a str,
    pub suggestion: Option<&'a str>,
    pub help: Option<&'a str>,
}

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub workspace: String,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

pub fn to_json<'a>(dir: &Path, checked: &'a Checked) -> JsonReport<'a> {
    JsonReport {
        workspace: dir.display().to_string(),
        errors: checked.errors().count(),
        warnings: checked.warnings().count(),
        diagnostics: checked
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity(),
                code: d.diagnostic.code.as_str(),
                message: &d.diagnostic.message,
                file: d.file.as_ref().map(|p| dir.join(p).display().to_string()),
                line: d.line,
                column: d.column,
                span: d.span.as_ref().map(|s| [s.start, s.end]),
                text: &d.text,
                suggestion: d.diagnostic.suggestion.as_deref(),
                help: d.diagnostic.help.as_deref(),
            })
            .collect(),
    }
}
