//! `stig moments backtest` and `stig secret set|list`.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use stig_store::Store;

use super::db::{open, runtime};

pub fn backtest(
    workspace: &str,
    moment_id: &str,
    json: bool,
    db: &Path,
) -> anyhow::Result<ExitCode> {
    let result = runtime()?.block_on(async {
        let store = open(db).await?;
        let ws = store.load_workspace(workspace).await?.value;
        let moment = ws
            .moments
            .iter()
            .find(|m| m.id == moment_id)
            .cloned()
            .with_context(|| {
                let known: Vec<&str> = ws.moments.iter().map(|m| m.id.as_str()).collect();
                format!(
                    "no moment `{moment_id}` in `{workspace}` (it has: {})",
                    known.join(", ")
                )
            })?;
        let result =
            stig_runtime::moments::backtest(&store, workspace, Arc::new(ws), &moment).await?;
        anyhow::Ok(result)
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&result)?);
        return Ok(ExitCode::SUCCESS);
    }
    let span = match (result.from, result.to) {
        (Some(f), Some(t)) => format!("{} to {}", f.strftime("%Y-%m-%d"), t.strftime("%Y-%m-%d")),
        _ => "no events".into(),
    };
    println!(
        "`{}` would have fired {} times for {} customers over {} events ({span}).",
        result.moment, result.fired, result.customers, result.events
    );
    if !result.per_persona.is_empty() {
        println!("\nper persona:");
        for (p, n) in &result.per_persona {
            println!("  {:<28} {n:>8}", if p.is_empty() { "(none)" } else { p });
        }
    }
    if !result.per_week.is_empty() {
        println!("\nper week (the last 12 with firings):");
        let weeks: Vec<_> = result.per_week.iter().collect();
        for (week, n) in weeks.iter().rev().take(12).rev() {
            println!("  {week}  {n:>8}");
        }
    }
    if !result.samples.is_empty() {
        println!("\nlatest:");
        for s in &result.samples {
            println!(
                "  {}  {:<24} {}",
                s.at.strftime("%Y-%m-%d %H:%M"),
                s.customer,
                s.persona.as_deref().unwrap_or("")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn set_secret(
    workspace: &str,
    name: &str,
    value: Option<String>,
    db: &Path,
) -> anyhow::Result<ExitCode> {
    if !stig_model::valid_id(name) {
        anyhow::bail!("`{name}` is not a valid secret name (lower-case letters, digits, - and _)");
    }
    let generated = value.is_none().then(stig_deliver::new_secret);
    let value = value.or(generated.clone()).unwrap_or_default();
    runtime()?.block_on(async {
        let store = open(db).await?;
        store.set_workspace_secret(workspace, name, &value).await?;
        // The secret's name only, never its value.
        let (set, none) = (stig_store::AuditAction::SecretSet, serde_json::Value::Null);
        let target = Some(("secret", name));
        super::audit::record(&store, set, Some(workspace), target, none).await;
        anyhow::Ok(())
    })?;
    match generated {
        Some(secret) => {
            eprintln!("set `{name}` in `{workspace}` to a new webhook secret (shown once):");
            println!("{secret}");
        }
        None => eprintln!("set `{name}` in `{workspace}`"),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list_secrets(workspace: &str, db: &Path) -> anyhow::Result<ExitCode> {
    let secrets = runtime()?.block_on(async {
        let store = open(db).await?;
        anyhow::Ok(store.list_workspace_secrets(workspace).await?)
    })?;
    for s in secrets {
        println!("{}\t{}", s.name, s.updated_at);
    }
    Ok(ExitCode::SUCCESS)
}
