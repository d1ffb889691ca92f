//! The Stig server: the web app a CX team works in and the REST API, on one store.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let store = stig_store::SqliteStore::open("stig.db").await?;
//! let state = stig_server::AppState::new(std::sync::Arc::new(store), Default::default());
//! stig_server::serve(state, "127.0.0.1:8080".parse()?).await?;
//! # Ok(()) }
//! ```
//!
//! Design: server-rendered HTML (maud) with a little vendored htmx; views are pure functions
//! of a [`views::PageCtx`] and model values; handlers are thin (load → validate with
//! `stig_model::validate` → one store call → page or redirect); one [`error::AppError`].

pub mod api;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod client_addr;
pub mod collect;
pub mod customers;
pub mod edit;
pub mod error;
pub mod headers;
pub mod i18n;
pub mod listen;
pub mod observe;
pub mod redirect;
pub mod state;
pub mod surveys;
pub mod ui;
pub mod views;

use axum::Router;
use axum::routing::{get, post};
use std::net::SocketAddr;

pub use state::{AppState, Config};

/// Every route, in one place.
pub fn app(state: AppState) -> Router {
    // Counters recorded from now on reach /metrics.
    observe::metrics::handle();
    Router::new()
        // Open to all.
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(observe::metrics::readyz))
        .route("/metrics", get(observe::metrics::metrics_with_token))
        .route("/assets/{name}", get(assets::serve))
        .route("/login", get(ui::login::show).post(ui::login::submit))
        .route("/login/sso", get(ui::sso::start))
        .route(auth::oidc::CALLBACK_PATH, get(ui::sso::callback))
        // Session.
        .route("/logout", post(ui::login::logout))
        .route("/locale", post(ui::login::switch_locale))
        // Pages of a workspace.
        .route("/", get(ui::pages::home))
        .merge(ui::pages::routes())
        .merge(ui::edit::routes())
        .merge(ui::customers::routes())
        .merge(ui::people::routes())
        .merge(ui::insight::routes())
        .merge(ui::sources::routes())
        .merge(ui::connect::routes())
        .merge(ui::destinations::routes())
        .merge(ui::moments::routes())
        .merge(ui::tracking::routes())
        .route("/admin/users", get(ui::users::list).post(ui::users::add))
        .route("/admin/users/role", post(ui::users::set_role))
        .route("/admin/audit", get(ui::audit::page))
        .merge(ui::workspaces::routes())
        .merge(ui::account::routes())
        // The REST API.
        .merge(api::routes())
        // The Segment-compatible collector (its own auth: a source's write key).
        .merge(collect::routes())
        .merge(surveys::routes())
        // A fragment opened on its own (not by htmx) is shown as a whole page.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ui::standalone::fragments_standalone,
        ))
        // The client's address for audit entries made while a handler runs.
        .layer(axum::middleware::from_fn(audit::client_scope))
        // Forwarded headers only from trusted proxies; the client's address for everyone.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            client_addr::forwarded_headers,
        ))
        // Security headers on every answer, errors included.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        // Every request logged once with an id (outermost, so it sees the final status).
        .layer(axum::middleware::from_fn(observe::request_log))
        .with_state(state)
}

/// Serves `/metrics` (without auth) and `/readyz` on their own listener, for Prometheus and
/// the load balancer only; runs until the process ends.
pub async fn serve_metrics(
    state: AppState,
    listener: tokio::net::TcpListener,
) -> std::io::Result<()> {
    let app = Router::new()
        .route("/metrics", get(observe::metrics::metrics_open))
        .route("/readyz", get(observe::metrics::readyz))
        .with_state(state);
    listen::serve_with_limits(
        listener,
        app,
        listen::Limits::default(),
        std::future::pending(),
    )
    .await
}

/// Serves `app(state)` on `addr` until Ctrl-C.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    // Customers and the insight index are built (or read from their snapshots) at start, not
    // on first view.
    if let Err(e) = state.live.start().await {
        tracing::error!(error = %e, "starting the live workers");
    }
    // Business moments: evaluate events as they are stored, deliver what fires.
    stig_runtime::moments::start(state.moments_context());
    // Streaming destinations: each source's events forwarded to webhooks through that outbox.
    stig_runtime::destinations::start(state.moments_context());
    // Retention: each workspace's old events and comments removed at start and hourly.
    tokio::spawn(stig_runtime::retention::run(
        state.store.clone(),
        state.live.clone(),
        Some(state.moments.clone()),
    ));
    // The peer address reaches handlers (rate limits key on it); slow and excess connections
    // are bounded (`listen`).
    let limits = state.config.limits;
    listen::serve_with_limits(listener, app(state), limits, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
