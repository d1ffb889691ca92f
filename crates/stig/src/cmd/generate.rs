//! `stig generate DIR -o events.ndjson`: synthetic customers of a workspace, as Segment NDJSON.

use anyhow::Context;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use stig_pipeline::generate::{GenerateOptions, generate};

use crate::report;

pub fn run(
    dir: &Path,
    customers: usize,
    seed: u64,
    years: u32,
    output: &Path,
) -> anyhow::Result<ExitCode> {
    let checked = stig_model::code::load_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?;
    if checked.has_errors() {
        report::print_human(dir, &checked)?;
        eprintln!("not generating: fix the errors above first");
        return Ok(ExitCode::FAILURE);
    }
    let opts = GenerateOptions {
        customers,
        seed,
        years,
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let summary = if output == Path::new("-") {
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let s = generate(&checked.workspace, &opts, &mut out)?;
        out.flush()?;
        s
    } else {
        let file = std::fs::File::create(output)
            .with_context(|| format!("cannot create {}", output.display()))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let s = generate(&checked.workspace, &opts, &mut out)?;
        out.flush()?;
        s
    };
    eprintln!(
        "{} customers, {} events ({} journeys started, {} abandoned, {} feedback, {} churned) in {:.1} s{}",
        summary.customers,
        summary.events,
        summary.journeys_started,
        summary.journeys_abandoned,
        summary.feedback,
        summary.churned,
        start.elapsed().as_secs_f64(),
        if output == Path::new("-") {
            String::new()
        } else {
            format!(" → {}", output.display())
        }
    );
    Ok(ExitCode::SUCCESS)
}
