//! Reading a workspace directory: parse every file, validate, locate every diagnostic.

use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::files::*;
use super::locate::span_of;
use crate::diagnostic::{Code, Diagnostic, Location, Origin, Seg, Severity, did_you_mean};
use crate::{Journey, Persona, Workspace, validate};

/// A diagnostic placed in a file, ready to show like a compiler would.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub diagnostic: Diagnostic,
    /// The file, relative to the workspace directory (`None`: the workspace as a whole).
    pub file: Option<PathBuf>,
    /// Byte range of the offending text in the file.
    pub span: Option<Range<usize>>,
    /// 1-based line and column (in characters); 0 when there is no file.
    pub line: usize,
    pub column: usize,
    /// The offending text itself (the first line of it).
    pub text: String,
}

impl Located {
    pub fn severity(&self) -> Severity {
        self.diagnostic.severity()
    }
    pub fn file_name(&self) -> String {
        self.file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }
}

/// A loaded workspace: the model (possibly partial when files failed to parse), the source
/// files, and every diagnostic, errors first within each file, in file order.
#[derive(Debug, Clone)]
pub struct Checked {
    pub workspace: Workspace,
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Located>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Located> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Located> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Warning)
    }
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Why a directory could not be read as a workspace at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0} is not a directory")]
    NotADirectory(PathBuf),
    #[error("{0} has no stig.toml: it is not a Stig workspace (`stig new DIR` starts one)")]
    NotAWorkspace(PathBuf),
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Reads, parses and validates the workspace in `dir`.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Checked, LoadError> {
    let dir = dir.as_ref();
    if !dir.is_dir() {
        return Err(LoadError::NotADirectory(dir.to_owned()));
    }
    if !dir.join(SETTINGS_FILE).is_file() {
        return Err(LoadError::NotAWorkspace(dir.to_owned()));
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| LoadError::Io { path, source }
    };
    let mut paths = vec![PathBuf::from(SETTINGS_FILE)];
    for sub in [PERSONAS_DIR, JOURNEYS_DIR] {
        let d = dir.join(sub);
        if d.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)
                .map_err(io(&d))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .filter_map(|p| p.file_name().map(|n| Path::new(sub).join(n)))
                .collect();
            entries.sort();
            paths.extend(entries);
        }
    }
    for f in [
        TOUCHPOINTS_FILE,
        ACTORS_FILE,
        GOALS_FILE,
        DILEMMAS_FILE,
        MOMENTS_FILE,
    ] {
        if dir.join(f).is_file() {
            paths.push(PathBuf::from(f));
        }
    }
    // A file the layout does not know is most likely a misspelt name: say so, not nothing.
    let known = [
        SETTINGS_FILE,
        TOUCHPOINTS_FILE,
        ACTORS_FILE,
        GOALS_FILE,
        DILEMMAS_FILE,
        MOMENTS_FILE,
    ];
    let mut stray: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| p.file_name().map(PathBuf::from))
        .filter(|n| !known.iter().any(|k| n.as_os_str() == *k))
        .collect();
    stray.sort();
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        let full = dir.join(&path);
        match std::fs::read(&full) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(SourceFile { path, text }),
                Err(e) => unreadable.push(io_diagnostic(
                    &path,
                    format!(
                        "not UTF-8 text (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                )),
            },
            Err(e) => return Err(io(&full)(e)),
        }
    }
    let mut checked = load_files(files);
    checked.diagnostics.splice(0..0, unreadable);
    for name in stray {
        let text = name.display().to_string();
        let suggestion = did_you_mean(&text, known.iter().copied());
        let d = Diagnostic::new(
            Code::UnknownFile,
            Location::new(Origin::Workspace),
            format!("`{text}` is not part of a workspace and is ignored"),
        )
        .with_suggestion(suggestion)
        .with_help(format!(
            "a workspace holds {}, personas/*.toml and journeys/*.toml",
            known.join(", ")
        ));
        checked.diagnostics.push(Located {
            diagnostic: d,
            file: Some(name),
            span: None,
            line: 1,
            column: 1,
            text: String::new(),
        });
    }
    Ok(checked)
}

fn io_diagnostic(path: &Path, message: String) -> Located {
    Located {
        diagnostic: Diagnostic::new(Code::Io, Location::new(Origin::Workspace), message),
        file: Some(path.to_owned()),
        span: None,
        line: 1,
        column: 1,
        text: String::new(),
    }
}

/// Where each entity came from: its file index and the path of its table in that file.
type Origins = HashMap<Origin, (usize, Vec<Seg>)>;

/// Parses and validates a workspace given as in-memory files (paths relative to its root).
pub fn load_files(files: Vec<SourceFile>) -> Checked {
    let mut ws = Workspace::default();
    let mut diagnostics = Vec::new();
    let mut docs: Vec<Option<toml_edit::Document<String>>> = Vec::with_capacity(files.len());
    let mut personas: Vec<(Persona, usize)> = Vec::new();
    let mut journeys: Vec<(Journey, usize)> = Vec::new();
    let mut origins: Origins = HashMap::new();
    let mut saw_settings = false;

    for (fi, f) in files.iter().enumerate() {
        let doc = match toml_edit::Document::parse(f.text.clone()) {
            Ok(doc) => doc,
            Err(e) => {
                diagnostics.push(locate_raw(
                    f,
                    Code::Syntax,
                    e.message().trim().to_owned(),
                    e.span(),
                    None,
                ));
                docs.push(None);
                continue;
            }
        };
        docs.push(Some(doc));
        let path = f.path.to_string_lossy().replace('\\', "/");
        let mut parse = |d: &mut Vec<Located>| -> Option<()> {
            if path == SETTINGS_FILE {
                saw_settings = true;
                ws.settings = parse_as::<SettingsFile>(f, d)?.workspace;
                origins.insert(Origin::Settings, (fi, vec![Seg::from("workspace")]));
            } else if path.starts_with(&format!("{PERSONAS_DIR}/")) {
                personas.push((parse_as(f, d)?, fi));
            } else if path.starts_with(&format!("{JOURNEYS_DIR}/")) {
                journeys.push((parse_as(f, d)?, fi));
            } else if path == TOUCHPOINTS_FILE {
                for (k, t) in parse_as::<TouchpointsFile>(f, d)?
                    .touchpoint
                    .into_iter()
                    .enumerate()
                {
                    origins.insert(
                        Origin::Touchpoint(ws.touchpoints.len()),
                        (fi, vec!["touchpoint".into(), k.into()]),
                    );
                    ws.touchpoints.push(t);
                }
            } else if path == ACTORS_FILE {
                for (k, a) in parse_as::<ActorsFile>(f, d)?.actor.into_iter().enumerate() {
                    origins.insert(
                        Origin::Actor(ws.actors.len()),
                        (fi, vec!["actor".into(), k.into()]),
                    );
                    ws.actors.push(a);
                }
            } else if path == GOALS_FILE {
                for (k, g) in parse_as::<GoalsFile>(f, d)?.goal.into_iter().enumerate() {
                    origins.insert(
                        Origin::Goal(ws.goals.len()),
                        (fi, vec!["goal".into(), k.into()]),
                    );
                    ws.goals.push(g);
                }
            } else if path == DILEMMAS_FILE {
                for (k, x) in parse_as::<DilemmasFile>(f, d)?
                    .dilemma
                    .into_iter()
                    .enumerate()
                {
                    origins.insert(
                        Origin::Dilemma(ws.dilemmas.len()),
                        (fi, vec!["dilemma".into(), k.into()]),
                    );
                    ws.dilemmas.push(x);
                }
            } else if path == MOMENTS_FILE {
                for (k, x) in parse_as::<MomentsFile>(f, d)?
                    .moment
                    .into_iter()
                    .enumerate()
                {
                    origins.insert(
                        Origin::Moment(ws.moments.len()),
                        (fi, vec!["moment".into(), k.into()]),
                    );
                    ws.moments.push(x);
                }
            }
            Some(())
        };
        let _ = parse(&mut diagnostics);
    }
    if !saw_settings {
        diagnostics.push(Located {
            diagnostic: Diagnostic::new(
                Code::Io,
                Location::new(Origin::Workspace),
                "the workspace has no stig.toml",
            ),
            file: None,
            span: None,
            line: 0,
            column: 0,
            text: String::new(),
        });
    }

    // Canonical order: personas and journeys by id (files are named after them).
    personas.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    journeys.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (i, (p, fi)) in personas.into_iter().enumerate() {
        origins.insert(Origin::Persona(i), (fi, vec![]));
        ws.personas.push(p);
    }
    for (i, (j, fi)) in journeys.into_iter().enumerate() {
        origins.insert(Origin::Journey(i), (fi, vec![]));
        ws.journeys.push(j);
    }

    // Model rules only make sense on a complete model: validate once every file parsed.
    if diagnostics
        .iter()
        .all(|d: &Located| d.severity() != Severity::Error)
    {
        for d in validate(&ws) {
            diagnostics.push(place(d, &files, &docs, &origins));
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.file.is_some(), &a.file, a.span.as_ref().map(|s| s.start)).cmp(&(
            b.file.is_some(),
            &b.file,
            b.span.as_ref().map(|s| s.start),
        ))
    });
    Checked {
        workspace: ws,
        files,
        diagnostics,
    }
}

/// Deserializes one file, turning a failure into a located schema diagnostic.
fn parse_as<T: DeserializeOwned>(f: &SourceFile, out: &mut Vec<Located>) -> Option<T> {
    match toml::from_str::<T>(&f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let message = e.message().trim().to_owned();
            let suggestion = suggest_from_serde(&message);
            out.push(locate_raw(f, Code::Schema, message, e.span(), suggestion));
            None
        }
    }
}

/// serde says "unknown field `lovs`, expected one of `loves`, ..."; turn that into a suggestion.
fn suggest_from_serde(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (wrong, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    did_you_mean(wrong, candidates)
}

fn place(
    d: Diagnostic,
    files: &[SourceFile],
    docs: &[Option<toml_edit::Document<String>>],
    origins: &Origins,
) -> Located {
    let Some((fi, base)) = origins.get(&d.location.origin) else {
        return Located {
            diagnostic: d,
            file: None,
            span: None,
            line: 0,
            column: 0,
            text: String::new(),
        };
    };
    let mut path = base.clone();
    path.extend(d.location.path.iter().cloned());
    // A place that is not written in the file (a default phase, say) falls back to the entity's id.
    let span = docs[*fi].as_ref().and_then(|doc| {
        span_of(doc, &path)
            .or_else(|| span_of(doc, &[base.as_slice(), &[Seg::from("id")]].concat()))
    });
    let f = &files[*fi];
    let (line, column) = span.as_ref().map_or((1, 1), |s| line_col(&f.text, s.start));
    Located {
        text: snippet(&f.text, span.as_ref()),
        diagnostic: d,
        file: Some(f.path.clone()),
        span,
        line,
        column,
    }
}

fn locate_raw(
    f: &SourceFile,
    code: Code,
    message: String,
    span: Option<Range<usize>>,
    suggestion: Option<String>,
) -> Located {
    let (line, column) = span.as_ref().map_or((1, 1), |s| line_col(&f.text, s.start));
    Located {
        diagnostic: Diagnostic::new(code, Location::new(Origin::Workspace), message)
            .with_suggestion(suggestion),
        file: Some(f.path.clone()),
        text: snippet(&f.text, span.as_ref()),
        span,
        line,
        column,
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

fn snippet(text: &str, span: Option<&Range<usize>>) -> String {
    span.and_then(|s| text.get(s.clone()))
        .map(|s| s.lines().next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}
