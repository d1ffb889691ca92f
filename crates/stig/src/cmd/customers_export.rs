//! `stig customers export`: every customer profile of a workspace (ids, name, status,
//! persona, channel, first and last seen, counts, traits, lifecycle, journey runs with their
//! hits, answers) as NDJSON, CSV or Parquet, in profile-id order: the customers derived from
//! every stored event the way the server derives them, the same rows as
//! `GET /api/workspaces/{ws}/export/customers`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use stig_pipeline::customers::LifecycleStatus;
use stig_runtime::export;

use super::events_export::{format, open, shown, write_output};

pub struct Options {
    pub workspace: String,
    pub db: PathBuf,
    pub output: PathBuf,
    pub format: Option<String>,
    pub status: Option<String>,
}

pub fn run(o: &Options) -> anyhow::Result<ExitCode> {
    let format = format(o.format.as_deref(), &o.output)?;
    let status = match o.status.as_deref() {
        None => None,
        Some(s) => Some(
            LifecycleStatus::parse(s)
                .with_context(|| format!("--status {s} is not active, churned or prospect"))?,
        ),
    };
    let rt = super::db::runtime()?;
    let ix = rt.block_on(async {
        let (store, ws) = open(&o.db, &o.workspace).await?;
        let built = stig_runtime::build_once(&*store, &o.workspace, ws).await?;
        let detail = serde_json::json!({ "what": "customers", "status": o.status });
        let export = stig_store::AuditAction::Export;
        super::audit::record(&*store, export, Some(&o.workspace), None, detail).await;
        anyhow::Ok(built.index().clone())
    })?;
    let cards = &ix.directory.cards;
    let order = export::customer_order(&ix)
        .into_iter()
        .filter(|&c| status.is_none_or(|s| cards[c as usize].status == s));
    let n = write_output(&o.output, |out| {
        export::export_customers(&ix, order, format, out).map(|(_, n)| n)
    })?;
    eprintln!(
        "wrote {n} customers of `{}` as {} to {}",
        o.workspace,
        format.extension(),
        shown(&o.output)
    );
    Ok(ExitCode::SUCCESS)
}
