//! `stig customers erase` and `stig customers export-person`: one person's data rights from
//! the command line, the same functions the API and the web app call.
//!
//! Run `erase` against a database no `stig serve` is running on (or use the API there): the
//! live snapshot in `<db>-live` is rewritten without the person, the moments snapshot is
//! deleted (the next start rebuilds it from the events left), but a running server keeps
//! its own state in memory.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use stig_runtime::erase::{self, Derived};
use stig_runtime::{Live, LiveConfig};
use stig_store::{AuditAction, AuditActor, AuditTarget, NewAuditEntry, Store};

use super::events_export::{open, shown, write_output};

pub struct EraseOptions {
    pub workspace: String,
    pub id: String,
    pub suppress: bool,
    pub db: PathBuf,
}

pub fn erase(o: &EraseOptions) -> anyhow::Result<ExitCode> {
    let rt = super::db::runtime()?;
    rt.block_on(async {
        let (store, _) = open(&o.db, &o.workspace).await?;
        let dir = (!super::db::is_postgres(&o.db)).then(|| super::db::snapshot_dir(&o.db));
        let live = live(&store, dir.clone());
        let derived = Derived {
            live: Some(&live),
            moments: None,
            snapshot_dir: dir.as_deref(),
        };
        let erased = erase::erase(
            store.as_ref(),
            &o.workspace,
            &o.id,
            o.suppress,
            "cli",
            derived,
        )
        .await
        .with_context(|| format!("erasing `{}` in `{}`", o.id, o.workspace))?;
        let doc = stig_server::api::people::receipt_doc(&erased.receipt, erased.live_updated);
        audit(
            store.as_ref(),
            AuditAction::PersonErased,
            &o.workspace,
            AuditTarget::new("erasure", &doc.id),
            serde_json::json!({ "ids_hash": doc.ids_hash, "ids": doc.ids, "counts": doc.counts,
                "suppress": o.suppress }),
        )
        .await;
        println!("{}", serde_json::to_string_pretty(&doc)?);
        drop(live);
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

pub struct ExportOptions {
    pub workspace: String,
    pub id: String,
    pub db: PathBuf,
    pub output: PathBuf,
}

pub fn export_person(o: &ExportOptions) -> anyhow::Result<ExitCode> {
    let rt = super::db::runtime()?;
    let doc = rt.block_on(async {
        let (store, ws) = open(&o.db, &o.workspace).await?;
        let live = live(&store, None);
        let doc = stig_server::api::people::person_document(
            store.as_ref(),
            &live,
            &o.workspace,
            ws,
            &o.id,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let ids: Vec<String> = doc["ids"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let hash = stig_store::ids_hash(&ids);
        audit(
            store.as_ref(),
            AuditAction::PersonExported,
            &o.workspace,
            AuditTarget::new("person", &hash),
            serde_json::json!({ "ids_hash": hash }),
        )
        .await;
        anyhow::Ok(doc)
    })?;
    write_output(&o.output, |mut out| {
        serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::from)?;
        writeln!(out)?;
        Ok(1)
    })?;
    eprintln!(
        "wrote everything `{}` holds about the person to {}",
        o.workspace,
        shown(&o.output)
    );
    Ok(ExitCode::SUCCESS)
}

/// A live state reading the store (its worker starts on first use, from the snapshot in
/// `dir` when given).
fn live(store: &Arc<dyn Store>, dir: Option<PathBuf>) -> Arc<Live> {
    Live::new(
        store.clone(),
        LiveConfig {
            snapshot_dir: dir,
            ..LiveConfig::default()
        },
    )
}

/// Records the action in the audit log, as the command line; a failure is reported, not
/// fatal (the erasure is done).
async fn audit(
    store: &dyn Store,
    action: AuditAction,
    ws: &str,
    target: AuditTarget,
    detail: serde_json::Value,
) {
    let mut entry = NewAuditEntry::new(AuditActor::Cli, action);
    entry.workspace = Some(ws.to_owned());
    entry.target = Some(target);
    entry.detail = detail;
    if let Err(e) = store.append_audit(&entry).await {
        eprintln!("warning: the audit log did not take the entry: {e}");
    }
}
