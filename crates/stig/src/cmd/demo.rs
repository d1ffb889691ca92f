//! `stig demo`: the example workspaces shipped inside the binary, loaded into a fresh
//! embedded database and served.

use anyhow::Context;
use include_dir::{Dir, include_dir};
use std::net::SocketAddr;

use crate::cli::{HttpOptions, MomentOptions, ObserveOptions};
use std::path::Path;
use std::process::ExitCode;

use stig_model::code::{SourceFile, load_files};
use stig_store::Store;

use super::{db, demo_data};

/// The example workspaces, compiled into the binary so `stig demo` works anywhere.
pub static EXAMPLES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../examples");

/// Every embedded example as `(id, files)`, in name order.
pub fn examples() -> Vec<(String, Vec<SourceFile>)> {
    let mut out: Vec<(String, Vec<SourceFile>)> = EXAMPLES
        .dirs()
        .map(|d| {
            let id = d.path().to_string_lossy().into_owned();
            let mut files = Vec::new();
            collect(d, d.path(), &mut files);
            (id, files)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn collect(dir: &Dir<'_>, root: &Path, out: &mut Vec<SourceFile>) {
    for f in dir.files() {
        if let (Some(text), Ok(rel)) = (f.contents_utf8(), f.path().strip_prefix(root)) {
            out.push(SourceFile {
                path: rel.to_owned(),
                text: text.to_owned(),
            });
        }
    }
    for d in dir.dirs() {
        collect(d, root, out);
    }
}

pub fn run(
    addr: SocketAddr,
    db_path: &Path,
    http: &HttpOptions,
    moments: &MomentOptions,
    observe: &ObserveOptions,
) -> anyhow::Result<ExitCode> {
    for suffix in ["", "-wal", "-shm"] {
        let p = format!("{}{suffix}", db_path.display());
        if Path::new(&p).exists() {
            std::fs::remove_file(&p)
                .with_context(|| format!("cannot remove the old demo database {p}"))?;
        }
    }
    // Snapshots of the old demo's live state would not match the new events.
    let _ = std::fs::remove_dir_all(db::snapshot_dir(db_path));
    db::runtime()?.block_on(async {
        let store = db::open(db_path).await?;
        let mut keys = Vec::new();
        for (id, files) in examples() {
            let checked = load_files(files);
            if checked.has_errors() {
                anyhow::bail!(
                    "the embedded example `{id}` has errors; run `stig check examples/{id}`"
                );
            }
            store
                .import_workspace(&id, &checked.workspace, "demo")
                .await?;
            let loaded = demo_data::load(&store, &id, &checked.workspace).await?;
            println!(
                "loaded {} ({id}): {} events of {} generated customers",
                checked.workspace.settings.name,
                loaded.events,
                demo_data::CUSTOMERS
            );
            keys.push((id, loaded.write_key));
        }
        println!("\nWrite keys of each workspace's \"Demo website\" source (send Segment calls to /v1/*):");
        for (id, key) in &keys {
            println!("  {id:<14} {key}");
        }
        if let Some((id, key)) = keys.first() {
            println!(
                "\nTry: curl -u '{key}:' -H 'Content-Type: application/json' \\\n  \
                 -d '{{\"userId\": \"me\", \"event\": \"Demo Clicked\"}}' http://{addr}/v1/track\n\
                 then see it arrive at http://{addr}/w/{id}/sources/debugger\n"
            );
        }
        db::run_server(store, db_path, addr, http, moments, observe).await
    })?;
    Ok(ExitCode::SUCCESS)
}
