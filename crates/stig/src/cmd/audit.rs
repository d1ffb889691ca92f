//! `stig audit verify` and `stig audit export`: the audit log from the command line, on a
//! SQLite file or a PostgreSQL database.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use stig_server::api::audit::{AuditFormat, all_matching, write_file};
use stig_store::AuditQuery;

use super::db::{is_postgres, open_any, runtime};

/// Walks the chain: `OK` with the count and the last hash (exit 0), or the first broken
/// entry and why (exit 1).
pub fn verify(db: &Path) -> anyhow::Result<ExitCode> {
    existing(db)?;
    let v = runtime()?.block_on(async {
        let store = open_any(db).await?;
        anyhow::Ok(store.verify_audit().await?)
    })?;
    match v.broken {
        None => {
            let last = v.last_hash.as_deref().unwrap_or("-");
            println!("OK: {} entries, last hash {last}", v.count);
            Ok(ExitCode::SUCCESS)
        }
        Some((seq, why)) => {
            println!(
                "BROKEN at entry {seq}: {} ({} entries checked)",
                why.as_str(),
                v.count
            );
            Ok(ExitCode::from(1))
        }
    }
}

/// Every entry, oldest first, as JSON lines or CSV on standard output.
pub fn export(db: &Path, format: &str) -> anyhow::Result<ExitCode> {
    existing(db)?;
    let format = AuditFormat::parse(format).map_err(|e| anyhow::anyhow!("--format: {e}"))?;
    let mut entries = runtime()?.block_on(async {
        let store = open_any(db).await?;
        all_matching(store.as_ref(), &AuditQuery::default())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
    })?;
    entries.reverse();
    let bytes = write_file(&entries, format).map_err(|e| anyhow::anyhow!("{e}"))?;
    std::io::stdout()
        .lock()
        .write_all(&bytes)
        .context("writing the export")?;
    eprintln!("{} entries", entries.len());
    Ok(ExitCode::SUCCESS)
}

/// A SQLite file must exist: opening would create an empty one (and report an empty log).
fn existing(db: &Path) -> anyhow::Result<()> {
    if !is_postgres(db) && !db.exists() {
        bail!("no database at {}", db.display());
    }
    Ok(())
}

/// Records an action done from the command line (actor `cli`). The action is done already:
/// a failed append is said on standard error, not made the command's failure.
pub async fn record(
    store: &dyn stig_store::Store,
    action: stig_store::AuditAction,
    workspace: Option<&str>,
    target: Option<(&str, &str)>,
    detail: serde_json::Value,
) {
    let entry = stig_store::NewAuditEntry {
        actor: stig_store::AuditActor::Cli,
        action,
        workspace: workspace.map(str::to_owned),
        target: target.map(|(kind, id)| stig_store::AuditTarget::new(kind, id)),
        detail,
        client: None,
    };
    if let Err(e) = store.append_audit(&entry).await {
        eprintln!("warning: the audit log did not record this ({e})");
    }
}
