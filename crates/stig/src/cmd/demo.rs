//! `stig demo [--out DIR]`: the example workspaces shipped inside the binary, checked and drawn.
//!
//! Writes each embedded example as journey-as-code files, checks it, and renders every journey
//! with all its personas as SVG, PNG and PDF, so a new user sees the whole method at once.

use anyhow::Context;
use include_dir::{Dir, include_dir};
use std::path::Path;
use std::process::ExitCode;

use crate::report;

/// The example workspaces, compiled into the binary so `stig demo` works anywhere.
pub static EXAMPLES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../examples");

pub fn run(out: &Path) -> anyhow::Result<ExitCode> {
    EXAMPLES
        .extract(out)
        .with_context(|| format!("cannot write the examples to {}", out.display()))?;
    let mut failed = false;
    let mut examples: Vec<&Dir<'_>> = EXAMPLES.dirs().collect();
    examples.sort_by_key(|d| d.path());
    for example in examples {
        let dir = out.join(example.path());
        let checked = stig_model::code::load_dir(&dir)?;
        if checked.has_errors() {
            report::print_human(&dir, &checked)?;
            failed = true;
            continue;
        }
        let ws = &checked.workspace;
        println!(
            "{} — {} ({})",
            ws.settings.name,
            dir.display(),
            ws.settings.brand_promise
        );
        let maps = dir.join("maps");
        std::fs::create_dir_all(&maps)?;
        for journey in &ws.journeys {
            let opts = stig_render::MapOptions {
                personas: ws.personas.iter().map(|p| p.id.clone()).collect(),
                locale: None,
            };
            let svg = stig_render::render_svg(ws, &journey.id, &opts)?;
            std::fs::write(maps.join(format!("{}.svg", journey.id)), &svg)?;
            std::fs::write(
                maps.join(format!("{}.png", journey.id)),
                stig_render::render_png(ws, &journey.id, &opts)?,
            )?;
            std::fs::write(
                maps.join(format!("{}.pdf", journey.id)),
                stig_render::render_pdf(ws, &journey.id, &opts)?,
            )?;
            println!(
                "  {:<28} {:>3} steps, {} personas → {}/{}.{{svg,png,pdf}}",
                journey.name,
                journey.steps.len(),
                opts.personas.len(),
                maps.display(),
                journey.id
            );
        }
        println!(
            "  {} personas, {} touchpoints, {} actors, {} goals, {} dilemmas, {} warnings",
            ws.personas.len(),
            ws.touchpoints.len(),
            ws.actors.len(),
            ws.goals.len(),
            ws.dilemmas.len(),
            checked.warnings().count()
        );
    }
    println!(
        "\nnext: `stig check {0}/<example>` and edit the TOML files; `stig render` redraws a map",
        out.display()
    );
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
