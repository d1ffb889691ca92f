//! `stig fmt DIR`: tidy every TOML file of a workspace with taplo's formatter, comments kept.

use anyhow::Context;
use std::path::Path;
use std::process::ExitCode;

use stig_model::Code;

use crate::report;

pub fn run(dir: &Path, check: bool) -> anyhow::Result<ExitCode> {
    let checked = stig_model::code::load_dir(dir)
        .with_context(|| format!("cannot format {}", dir.display()))?;
    // Formatting a file that does not parse would guess at its meaning: refuse instead.
    if checked
        .diagnostics
        .iter()
        .any(|d| d.diagnostic.code == Code::Syntax)
    {
        report::print_human(dir, &checked)?;
        eprintln!("not formatting: fix the syntax errors above first");
        return Ok(ExitCode::FAILURE);
    }
    let options = taplo::formatter::Options {
        column_width: 100,
        align_comments: false,
        ..Default::default()
    };
    let mut changed = 0;
    for f in &checked.files {
        let formatted = taplo::formatter::format(&f.text, options.clone());
        if formatted != f.text {
            changed += 1;
            let path = dir.join(&f.path);
            if check {
                eprintln!("not formatted: {}", path.display());
            } else {
                std::fs::write(&path, formatted)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                eprintln!("formatted {}", path.display());
            }
        }
    }
    if check && changed > 0 {
        eprintln!("{changed} file(s) need `stig fmt {}`", dir.display());
        return Ok(ExitCode::FAILURE);
    }
    if changed == 0 {
        eprintln!("{} files already formatted", checked.files.len());
    }
    Ok(ExitCode::SUCCESS)
}
