//! `stig new DIR`: a commented starter workspace that passes `stig check` cleanly.

use anyhow::{Context, bail};
use std::path::Path;
use std::process::ExitCode;

/// The starter files, relative path and text; `{{name}}` is replaced by the workspace name.
const STARTER: &[(&str, &str)] = &[
    ("stig.toml", include_str!("../../starter/stig.toml")),
    (
        "personas/explorer.toml",
        include_str!("../../starter/personas/explorer.toml"),
    ),
    (
        "personas/comfort-seeker.toml",
        include_str!("../../starter/personas/comfort-seeker.toml"),
    ),
    (
        "journeys/first-visit.toml",
        include_str!("../../starter/journeys/first-visit.toml"),
    ),
    (
        "touchpoints.toml",
        include_str!("../../starter/touchpoints.toml"),
    ),
    ("actors.toml", include_str!("../../starter/actors.toml")),
    ("goals.toml", include_str!("../../starter/goals.toml")),
    ("dilemmas.toml", include_str!("../../starter/dilemmas.toml")),
];

pub fn run(dir: &Path, name: Option<String>) -> anyhow::Result<ExitCode> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "{} already exists and is not empty: choose a new directory",
            dir.display()
        );
    }
    let name = name.unwrap_or_else(|| {
        dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "My workspace".into())
    });
    let name = name.replace('\\', "\\\\").replace('"', "\\\"");
    for (path, text) in STARTER {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&full, text.replace("{{name}}", &name))
            .with_context(|| format!("cannot write {}", full.display()))?;
    }
    eprintln!("created a starter workspace in {}", dir.display());
    eprintln!(
        "next: edit the files, then `stig check {0}` and `stig render {0} --journey first-visit -o map.svg`",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
