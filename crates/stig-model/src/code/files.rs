//! The file layout, both ways: which file holds which entity, and serializing to it.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::{Actor, Dilemma, Goal, Moment, Settings, Touchpoint, Workspace};

pub(crate) const SETTINGS_FILE: &str = "stig.toml";
pub(crate) const PERSONAS_DIR: &str = "personas";
pub(crate) const JOURNEYS_DIR: &str = "journeys";
pub(crate) const TOUCHPOINTS_FILE: &str = "touchpoints.toml";
pub(crate) const ACTORS_FILE: &str = "actors.toml";
pub(crate) const GOALS_FILE: &str = "goals.toml";
pub(crate) const DILEMMAS_FILE: &str = "dilemmas.toml";
pub(crate) const MOMENTS_FILE: &str = "moments.toml";

/// One file of a workspace: its path relative to the workspace directory, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SettingsFile {
    pub workspace: Settings,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct TouchpointsFile {
    #[serde(default)]
    pub touchpoint: Vec<Touchpoint>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorsFile {
    #[serde(default)]
    pub actor: Vec<Actor>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalsFile {
    #[serde(default)]
    pub goal: Vec<Goal>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct DilemmasFile {
    #[serde(default)]
    pub dilemma: Vec<Dilemma>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MomentsFile {
    #[serde(default)]
    pub moment: Vec<Moment>,
}

/// Serializes `ws` into the journey-as-code layout (files in a stable order).
///
/// Files with nothing to say (no actors, say) are left out. Comments are not part of the
/// model: use `stig fmt` to tidy files by hand-written ones without losing comments.
pub fn to_files(ws: &Workspace) -> Vec<SourceFile> {
    let mut files = vec![file(
        SETTINGS_FILE,
        &SettingsFile {
            workspace: ws.settings.clone(),
        },
    )];
    for p in &ws.personas {
        files.push(file(&format!("{PERSONAS_DIR}/{}.toml", p.id), p));
    }
    for j in &ws.journeys {
        files.push(file(&format!("{JOURNEYS_DIR}/{}.toml", j.id), j));
    }
    if !ws.touchpoints.is_empty() {
        files.push(file(
            TOUCHPOINTS_FILE,
            &TouchpointsFile {
                touchpoint: ws.touchpoints.clone(),
            },
        ));
    }
    if !ws.actors.is_empty() {
        files.push(file(
            ACTORS_FILE,
            &ActorsFile {
                actor: ws.actors.clone(),
            },
        ));
    }
    if !ws.goals.is_empty() {
        files.push(file(
            GOALS_FILE,
            &GoalsFile {
                goal: ws.goals.clone(),
            },
        ));
    }
    if !ws.dilemmas.is_empty() {
        files.push(file(
            DILEMMAS_FILE,
            &DilemmasFile {
                dilemma: ws.dilemmas.clone(),
            },
        ));
    }
    if !ws.moments.is_empty() {
        files.push(file(
            MOMENTS_FILE,
            &MomentsFile {
                moment: ws.moments.clone(),
            },
        ));
    }
    files
}

fn file<T: Serialize>(path: &str, value: &T) -> SourceFile {
    // Serializing our own plain structs cannot fail: every map key is a string and no value
    // is a bare `None` at the top level.
    let text =
        toml::to_string_pretty(value).unwrap_or_else(|e| format!("# serialization failed: {e}\n"));
    SourceFile {
        path: PathBuf::from(path),
        text,
    }
}

/// Writes `ws` as journey-as-code files under `dir` (created if missing).
pub fn write_dir(ws: &Workspace, dir: impl AsRef<Path>) -> std::io::Result<Vec<PathBuf>> {
    let dir = dir.as_ref();
    let mut written = Vec::new();
    for f in to_files(ws) {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, f.text)?;
        written.push(path);
    }
    Ok(written)
}
