//! `stig check DIR`: every diagnostic, exit 1 on errors.

use anyhow::Context;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::Format;
use crate::report;

pub fn run(dir: &Path, format: Format, deny_warnings: bool) -> anyhow::Result<ExitCode> {
    let checked = stig_model::code::load_dir(dir)
        .with_context(|| format!("cannot check {}", dir.display()))?;
    match format {
        Format::Human => report::print_human(dir, &checked)?,
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report::to_json(dir, &checked))?
        ),
    }
    let failed = checked.has_errors() || (deny_warnings && checked.warnings().next().is_some());
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
