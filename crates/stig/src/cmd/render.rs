//! `stig render DIR --journey ID [--persona ID]... --format svg|png|pdf -o FILE`.

use anyhow::{Context, bail};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::ImageFormat;
use crate::report;

pub fn run(
    dir: &Path,
    journey: &str,
    personas: Vec<String>,
    format: Option<ImageFormat>,
    output: &Path,
    locale: Option<String>,
    scale: f32,
) -> anyhow::Result<ExitCode> {
    if !(scale > 0.0 && scale <= 8.0) {
        bail!("--scale must be above 0 and at most 8, not {scale}");
    }
    let format = match format {
        Some(f) => f,
        None => format_from_extension(output)?,
    };
    let checked = stig_model::code::load_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?;
    if checked.has_errors() {
        report::print_human(dir, &checked)?;
        eprintln!(
            "not rendering: fix the errors above first (`stig check {}`)",
            dir.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let ws = &checked.workspace;
    let opts = stig_render::MapOptions {
        personas,
        locale,
        ..Default::default()
    };
    let bytes = match format {
        ImageFormat::Svg => stig_render::render_svg(ws, journey, &opts)?.into_bytes(),
        ImageFormat::Png => {
            stig_render::svg_to_png(&stig_render::render_svg(ws, journey, &opts)?, scale)?
        }
        ImageFormat::Pdf => stig_render::render_pdf(ws, journey, &opts)?,
    };
    if output == Path::new("-") {
        std::io::stdout().write_all(&bytes)?;
    } else {
        std::fs::write(output, &bytes)
            .with_context(|| format!("cannot write {}", output.display()))?;
        eprintln!("wrote {} ({} bytes)", output.display(), bytes.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn format_from_extension(output: &Path) -> anyhow::Result<ImageFormat> {
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match ext.as_deref() {
        Some("svg") | None => ImageFormat::Svg,
        Some("png") => ImageFormat::Png,
        Some("pdf") => ImageFormat::Pdf,
        Some(other) => {
            bail!("cannot tell the format from `.{other}`: pass --format svg, png or pdf")
        }
    })
}
