//! Commands on the embedded database: `serve`, `import`, `export`, `token create`.

use anyhow::{Context, bail};
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use stig_store::{PgStore, Role, SqliteStore, Store, StoreExt};

use crate::cli::{MomentOptions, ObserveOptions};
use crate::report;

pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

pub async fn open(db: &Path) -> anyhow::Result<SqliteStore> {
    if is_postgres(db) {
        bail!(
            "this command works on a SQLite file; `--db postgres://…` is for `stig serve`, `import`, `export`, `user`, `token`, `source`, `events import`, `events export` and `db copy`"
        );
    }
    SqliteStore::open(db)
        .await
        .with_context(|| format!("cannot open the database {}", db.display()))
}

/// Whether `--db` names a PostgreSQL database (`postgres://…`) rather than a SQLite file.
pub fn is_postgres(db: &Path) -> bool {
    db.to_str().is_some_and(PgStore::is_url)
}

/// The database `--db` names, either backend: a SQLite file (created if missing) or a
/// PostgreSQL URL; migrated either way.
pub async fn open_any(db: &Path) -> anyhow::Result<Arc<dyn Store>> {
    match db.to_str() {
        Some(url) if PgStore::is_url(url) => {
            let store = PgStore::open(url).await.with_context(|| {
                format!("cannot open the PostgreSQL database {}", redacted(url))
            })?;
            Ok(Arc::new(store))
        }
        _ => Ok(Arc::new(open(db).await?)),
    }
}

/// `--db` fit to print (a URL without its password).
pub fn shown(db: &Path) -> String {
    redacted(&db.display().to_string())
}

/// A database URL fit to print: its password replaced by `***`.
pub fn redacted(url: &str) -> String {
    // Several URLs (a primary and its standbys): each on its own.
    if let Some(next) = url.find(",postgres") {
        return format!("{},{}", redacted(&url[..next]), redacted(&url[next + 1..]));
    }
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Where a server keeps its live state's snapshots: `--state-dir`, else `<db>-live/` beside
/// a SQLite file, else `stig-live-<database>/` in the working directory for PostgreSQL.
pub fn state_dir(db: &Path, state_dir: Option<&Path>) -> std::path::PathBuf {
    if let Some(dir) = state_dir {
        return dir.to_owned();
    }
    match db.to_str() {
        Some(url) if PgStore::is_url(url) => {
            let name = url
                .rsplit('/')
                .next()
                .and_then(|tail| tail.split('?').next())
                .filter(|n| !n.is_empty())
                .unwrap_or("postgres");
            let safe: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            std::path::PathBuf::from(format!("stig-live-{safe}"))
        }
        _ => snapshot_dir(db),
    }
}

/// Creates the first admin when there is no admin yet: password from `STIG_ADMIN_PASSWORD`,
/// else generated and printed once.
pub async fn ensure_admin(store: &dyn Store) -> anyhow::Result<()> {
    // The first start has no admin yet (users added with `stig user add` may exist already).
    if store
        .list_users()
        .await?
        .iter()
        .any(|u| u.role == Role::Admin)
    {
        return Ok(());
    }
    if store.find_user_by_name("admin").await?.is_some() {
        eprintln!(
            "warning: there is no admin, and the name `admin` is taken; add one with `stig user add NAME --role admin`"
        );
        return Ok(());
    }
    let (password, generated) = match std::env::var("STIG_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => (p, false),
        _ => (stig_store::auth::generate_token()[..20].to_owned(), true),
    };
    match store.add_user("admin", &password, Role::Admin).await {
        Ok(_) => {}
        // Several nodes started together on one empty database: another made it first.
        Err(stig_store::StoreError::AlreadyExists { .. }) => return Ok(()),
        Err(e) => return Err(e.into()),
    }
    if generated {
        println!(
            "created the first user: admin, password {password} (shown once; set STIG_ADMIN_PASSWORD to choose it)"
        );
    } else {
        println!("created the first user: admin, password from STIG_ADMIN_PASSWORD");
    }
    Ok(())
}

/// Where the live state of the database at `db` is snapshotted: `<db>-live/`, beside it.
pub fn snapshot_dir(db: &Path) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}-live", db.display()))
}

pub async fn run_server(
    store: SqliteStore,
    db: &Path,
    addr: SocketAddr,
    http: &crate::cli::HttpOptions,
    moments: &MomentOptions,
    observe: &ObserveOptions,
) -> anyhow::Result<()> {
    serve_store(
        Arc::new(store),
        &snapshot_dir(db),
        addr,
        http,
        moments,
        observe,
    )
    .await
}

/// Serves `store` (either backend), its live state snapshotted under `snapshots`.
pub async fn serve_store(
    store: Arc<dyn Store>,
    snapshots: &Path,
    addr: SocketAddr,
    http: &crate::cli::HttpOptions,
    moments: &MomentOptions,
    observe: &ObserveOptions,
) -> anyhow::Result<()> {
    let net = super::net::net(http, addr)?;
    ensure_admin(&*store).await?;
    let mut state = stig_server::AppState::new(
        store,
        stig_server::Config {
            secure_cookies: net.secure_cookies,
            public_url: Some(net.public_url.clone()),
            trusted_proxies: net.trusted_proxies,
            limits: net.limits,
            live: stig_runtime::LiveConfig {
                snapshot_dir: Some(snapshots.to_owned()),
                ..Default::default()
            },
            metrics_token: observe.metrics_token.clone(),
            ..Default::default()
        },
    );
    state.moments =
        Arc::new(moments_runtime(moments)?.with_snapshot_dir(Some(snapshots.to_owned())));
    // The examples embedded in the binary are the templates of the "new workspace" page.
    state.templates = Arc::new(stig_server::ui::workspaces::Templates::new(
        super::demo::examples(),
    ));
    // Sign-in: single sign-on (redirect URI from the public URL above) and the login throttle.
    super::sso::apply(&mut state, &http.sign_in).await?;
    if let Some(metrics_addr) = observe.metrics_addr {
        // Bound here, so a taken address is an error at start.
        let listener = tokio::net::TcpListener::bind(metrics_addr)
            .await
            .with_context(|| format!("cannot serve metrics on {metrics_addr}"))?;
        let metrics_state = state.clone();
        tokio::spawn(async move {
            if let Err(e) = stig_server::serve_metrics(metrics_state, listener).await {
                tracing::error!(message = "the metrics listener stopped", error = %e);
            }
        });
        println!("Metrics on http://{metrics_addr}/metrics");
    }
    println!("Stig is listening on http://{addr}/ (Ctrl-C stops it)");
    stig_server::serve(state, addr)
        .await
        .with_context(|| format!("cannot serve on {addr}"))
}

pub fn serve(
    db: &Path,
    state: Option<&Path>,
    addr: SocketAddr,
    http: &crate::cli::HttpOptions,
    moments: &MomentOptions,
    observe: &ObserveOptions,
) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = open_any(db).await?;
        serve_store(store, &state_dir(db, state), addr, http, moments, observe).await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The moments runtime the options ask for.
fn moments_runtime(o: &MomentOptions) -> anyhow::Result<stig_runtime::MomentsRuntime> {
    let targets = match &o.allow_targets {
        Some(list) if !list.trim().is_empty() => stig_deliver::TargetPolicy::parse_allow_list(list)
            .map_err(|e| anyhow::anyhow!("--allow-targets: {e}"))?,
        _ => stig_deliver::TargetPolicy::strict(),
    };
    let retry = stig_deliver::RetryPolicy {
        first: std::time::Duration::from_millis(o.retry_first_ms.max(1)),
        max_attempts: o.retry_attempts.max(1),
        ..stig_deliver::RetryPolicy::default()
    };
    Ok(stig_runtime::MomentsRuntime::new(targets, retry))
}

pub fn import(dir: &Path, id: Option<String>, db: &Path) -> anyhow::Result<ExitCode> {
    let checked = stig_model::code::load_dir(dir)
        .with_context(|| format!("cannot import {}", dir.display()))?;
    if checked.has_errors() {
        report::print_human(dir, &checked)?;
        eprintln!("not importing: fix the errors above first");
        return Ok(ExitCode::FAILURE);
    }
    let id = match id {
        Some(id) => id,
        None => dir
            .canonicalize()
            .ok()
            .and_then(|p| {
                p.file_name()
                    .map(|n| stig_model::slug(&n.to_string_lossy()))
            })
            .filter(|s| !s.is_empty())
            .context("cannot name the workspace after its directory: pass --id")?,
    };
    if !stig_model::valid_id(&id) {
        bail!("`{id}` is not a valid workspace id (lower-case letters, digits, - and _)");
    }
    runtime()?.block_on(async {
        let store = open_any(db).await?;
        store
            .import_workspace(&id, &checked.workspace, "cli")
            .await?;
        let import = stig_store::AuditAction::Import;
        super::audit::record(&*store, import, Some(&id), None, serde_json::Value::Null).await;
        anyhow::Ok(())
    })?;
    let ws = &checked.workspace;
    println!(
        "imported {} as `{id}` into {}: {} personas, {} journeys, {} touchpoints",
        dir.display(),
        shown(db),
        ws.personas.len(),
        ws.journeys.len(),
        ws.touchpoints.len()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn export(id: &str, dir: &Path, db: &Path) -> anyhow::Result<ExitCode> {
    let ws = runtime()?.block_on(async {
        let store = open_any(db).await?;
        let ws = store.load_workspace(id).await?.value;
        let detail = serde_json::json!({ "to": "files" });
        let export = stig_store::AuditAction::Export;
        super::audit::record(&*store, export, Some(id), None, detail).await;
        anyhow::Ok(ws)
    })?;
    let written = stig_model::code::write_dir(&ws, dir)
        .with_context(|| format!("cannot write {}", dir.display()))?;
    println!(
        "exported `{id}` to {} ({} files)",
        dir.display(),
        written.len()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn token_create(user: &str, label: &str, db: &Path) -> anyhow::Result<ExitCode> {
    let token = runtime()?.block_on(async {
        let store = open_any(db).await?;
        let Some(u) = store.find_user_by_name(user).await? else {
            bail!("no user `{user}` in {}", shown(db));
        };
        let token = store.create_api_token(u.id, label).await?;
        let (created, detail) = (
            stig_store::AuditAction::TokenCreated,
            serde_json::json!({ "label": label }),
        );
        super::audit::record(&*store, created, None, Some(("user", user)), detail).await;
        anyhow::Ok(token)
    })?;
    println!("{token}");
    Ok(ExitCode::SUCCESS)
}

pub fn source_create(workspace: &str, name: &str, db: &Path) -> anyhow::Result<ExitCode> {
    let (source, key) = runtime()?.block_on(async {
        let store = open_any(db).await?;
        let (source, key) = store.create_source(workspace, name).await?;
        let (created, detail) = (
            stig_store::AuditAction::SourceCreated,
            serde_json::json!({ "name": name }),
        );
        let target = Some(("source", source.id.as_str()));
        super::audit::record(&*store, created, Some(workspace), target, detail).await;
        anyhow::Ok((source, key))
    })?;
    eprintln!(
        "created source `{}` ({}) in workspace `{}`; its write key (shown once):",
        source.name, source.id, source.workspace
    );
    println!("{key}");
    Ok(ExitCode::SUCCESS)
}

pub fn user_add(name: &str, role: &str, db: &Path) -> anyhow::Result<ExitCode> {
    let role: Role = role.parse()?;
    let (password, generated) = match std::env::var("STIG_USER_PASSWORD") {
        Ok(p) if p.chars().count() >= 10 => (p, false),
        Ok(_) => bail!("STIG_USER_PASSWORD must be at least 10 characters"),
        Err(_) => (stig_store::auth::generate_token()[..20].to_owned(), true),
    };
    runtime()?.block_on(async {
        let store = open_any(db).await?;
        if store.find_user_by_name(name).await?.is_some() {
            bail!("there is already a user `{name}` in {}", shown(db));
        }
        store.add_user(name, &password, role).await?;
        let (created, detail) = (
            stig_store::AuditAction::UserCreated,
            serde_json::json!({ "role": role.as_str() }),
        );
        super::audit::record(&*store, created, None, Some(("user", name)), detail).await;
        anyhow::Ok(())
    })?;
    if generated {
        println!(
            "added {name} ({}), password {password} (shown once)",
            role.as_str()
        );
    } else {
        println!(
            "added {name} ({}), password from STIG_USER_PASSWORD",
            role.as_str()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn user_list(db: &Path) -> anyhow::Result<ExitCode> {
    let users =
        runtime()?.block_on(async { anyhow::Ok(open_any(db).await?.list_users().await?) })?;
    for u in users {
        println!("{:<24} {}", u.name, u.role.as_str());
    }
    Ok(ExitCode::SUCCESS)
}

/// A workspace of the database and its insight index, built from its events the way the
/// server builds them.
pub fn load_built(
    db: &Path,
    workspace: &str,
) -> anyhow::Result<(Arc<stig_model::Workspace>, Arc<stig_insight::Index>)> {
    runtime()?.block_on(async {
        let store = open(db).await?;
        let ws = Arc::new(
            store
                .load_workspace(workspace)
                .await
                .with_context(|| format!("no workspace `{workspace}` in {}", db.display()))?
                .value,
        );
        let built = stig_runtime::build_once(&store, workspace, ws.clone()).await?;
        anyhow::Ok((ws, built.index().clone()))
    })
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn every_password_of_a_url_list_is_hidden_and_each_host_kept() {
        assert_eq!(
            redacted("postgres://stig:s3cret@db1:5432/stig"),
            "postgres://stig:***@db1:5432/stig"
        );
        assert_eq!(
            redacted("postgres://stig:a@db1/stig,postgresql://stig:b@db2/stig"),
            "postgres://stig:***@db1/stig,postgresql://stig:***@db2/stig"
        );
        assert_eq!(
            redacted("postgres://stig:a@db1:5432,db2:5432/stig?target_session_attrs=read-write"),
            "postgres://stig:***@db1:5432,db2:5432/stig?target_session_attrs=read-write"
        );
    }
}
