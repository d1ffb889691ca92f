//! `stig events export`: a workspace's stored events, filtered by time, type, name and
//! customer, as NDJSON (each event's Segment JSON as stored), CSV or Parquet, written while
//! they are read (`stig_runtime::export`, the same rows as `GET /api/workspaces/{ws}/events`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use stig_runtime::EventStream;
use stig_runtime::export::{self, Format};
use stig_store::{EventFilter, Store};

pub struct Options {
    pub workspace: String,
    pub db: PathBuf,
    pub output: PathBuf,
    pub format: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub types: Vec<String>,
    pub event: Option<String>,
    pub customer: Option<String>,
}

/// Events read from the store per query.
const PAGE: u32 = 20_000;

pub fn run(o: &Options) -> anyhow::Result<ExitCode> {
    let format = format(o.format.as_deref(), &o.output)?;
    let from = time("--from", o.from.as_deref())?;
    let to = time("--to", o.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to)
        && t <= f
    {
        bail!("--to {t} is not after --from {f}");
    }
    let rt = super::db::runtime()?;
    let (store, ws) = rt.block_on(open(&o.db, &o.workspace))?;
    let mut filter = EventFilter {
        from,
        to,
        types: o.types.clone(),
        event: o.event.clone().filter(|e| !e.is_empty()),
        ids: Vec::new(),
    };
    if let Some(who) = o.customer.as_deref() {
        // Every id stitched to theirs, as the customer stages stitch them.
        let built = rt.block_on(stig_runtime::build_once(&*store, &o.workspace, ws))?;
        filter.ids = match built.index().directory.get(who) {
            Some(card) => card.all_ids().map(str::to_owned).collect(),
            None => bail!("no customer `{who}` in `{}`", o.workspace),
        };
    }
    let stream = EventStream::new(&o.workspace, 0, PAGE).matching(filter);
    // What was exported; not the customer asked for (personal data).
    let export = stig_store::AuditAction::Export;
    let detail = serde_json::json!({ "what": "events" });
    let ws = Some(o.workspace.as_str());
    rt.block_on(super::audit::record(&*store, export, ws, None, detail));
    let n = write_output(&o.output, |out| {
        export::export_events(rt.handle(), &*store, stream, format, out).map(|(_, n)| n)
    })?;
    eprintln!(
        "wrote {n} events of `{}` as {} to {}",
        o.workspace,
        format.extension(),
        shown(&o.output)
    );
    Ok(ExitCode::SUCCESS)
}

/// The format asked for, else the output file's extension's, else (standard output) NDJSON.
pub(super) fn format(asked: Option<&str>, output: &Path) -> anyhow::Result<Format> {
    match asked {
        Some(f) => Format::parse(f)
            .with_context(|| format!("--format {f} is not one of ndjson, csv, parquet")),
        None if output == Path::new("-") => Ok(Format::Ndjson),
        None => Format::from_path(output).with_context(|| {
            format!(
                "cannot tell the format from {}: name it .ndjson, .csv or .parquet, or pass --format",
                output.display()
            )
        }),
    }
}

/// A time option: RFC 3339, or a date (its midnight, UTC).
fn time(option: &str, value: Option<&str>) -> anyhow::Result<Option<jiff::Timestamp>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if let Ok(t) = v.parse::<jiff::Timestamp>() {
        return Ok(Some(t));
    }
    v.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| {
            jiff::tz::TimeZone::UTC
                .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                .ok()
        })
        .map(Some)
        .with_context(|| {
            format!("{option} `{v}` is not an RFC 3339 time (2026-01-31T12:00:00Z) or a date (2026-01-31)")
        })
}

/// The database (which must exist: an export creates nothing) and the workspace's model.
pub(super) async fn open(
    db: &Path,
    workspace: &str,
) -> anyhow::Result<(Arc<dyn Store>, Arc<stig_model::Workspace>)> {
    if !super::db::is_postgres(db) && !db.is_file() {
        bail!("no database at {}", db.display());
    }
    let store = super::db::open_any(db).await?;
    let ws = store
        .load_workspace(workspace)
        .await
        .with_context(|| format!("no workspace `{workspace}` in {}", super::db::shown(db)))?
        .value;
    Ok((store, Arc::new(ws)))
}

/// Runs `write` on the output: standard output for `-`, else a file written beside its
/// place and moved there once whole, so a failed export leaves no half file.
pub(super) fn write_output(
    output: &Path,
    write: impl FnOnce(Box<dyn Write + Send>) -> Result<u64, export::ExportError>,
) -> anyhow::Result<u64> {
    if output == Path::new("-") {
        return Ok(write(Box::new(std::io::stdout()))?);
    }
    let mut partial = output.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let file = std::fs::File::create(&partial)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    match write(Box::new(file)) {
        Ok(n) => {
            std::fs::rename(&partial, output)
                .with_context(|| format!("cannot write {}", output.display()))?;
            Ok(n)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e.into())
        }
    }
}

pub(super) fn shown(output: &Path) -> String {
    if output == Path::new("-") {
        "standard output".to_owned()
    } else {
        output.display().to_string()
    }
}
