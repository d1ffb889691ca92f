//! `stig db copy --from stig.db --to postgres://…`: a whole installation moved from SQLite
//! into an empty PostgreSQL database, then compared table by table.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use stig_store::{PgStore, SqliteStore};

use super::db::{is_postgres, redacted, runtime, shown};

pub fn run(from: &Path, to: &Path) -> anyhow::Result<ExitCode> {
    if is_postgres(from) {
        bail!("--from must be a SQLite file (its outbox beside it); got a PostgreSQL URL");
    }
    let Some(url) = to.to_str().filter(|t| PgStore::is_url(t)) else {
        bail!(
            "--to must be a PostgreSQL URL (postgres://user:password@host:5432/stig); got {}",
            to.display()
        );
    };
    if !from.is_file() {
        bail!("no database at {}", from.display());
    }
    let report = runtime()?.block_on(async {
        let source = SqliteStore::open(from)
            .await
            .with_context(|| format!("cannot open {}", from.display()))?;
        let target = PgStore::open(url)
            .await
            .with_context(|| format!("cannot open {}", redacted(url)))?;
        let report = stig_store::copy_sqlite_to_postgres(&source, &target)
            .await
            .with_context(|| format!("cannot copy {} to {}", from.display(), shown(to)))?;
        source.close().await;
        target.close().await;
        anyhow::Ok(report)
    })?;
    for (table, rows) in &report.tables {
        println!("{table:<20} {rows:>10} rows");
    }
    println!(
        "copied {} to {}, and compared every table: identical",
        from.display(),
        shown(to)
    );
    Ok(ExitCode::SUCCESS)
}
