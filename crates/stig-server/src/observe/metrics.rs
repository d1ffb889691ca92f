//! `/metrics` in Prometheus' text format, and `/readyz`.
//!
//! Counters and histograms are recorded where things happen, through the `metrics` facade
//! (the collector and the HTTP layer here, the ingest writer and the moments in
//! `stig-runtime`); this module installs the one recorder and renders it, adding what is
//! read at scrape time: the live derived state per workspace.
//!
//! | metric | kind | labels |
//! |---|---|---|
//! | `stig_http_requests_total` | counter | `method`, `route`, `status` |
//! | `stig_http_request_duration_seconds` | histogram | `method`, `route` |
//! | `stig_events_accepted_total` | counter | `source` |
//! | `stig_events_refused_total` | counter | `reason`, `source` (`unknown` without a key) |
//! | `stig_collector_queue_depth` | gauge | |
//! | `stig_commit_duration_seconds` | histogram | |
//! | `stig_moments_fired_total` | counter | `workspace` |
//! | `stig_deliveries_total` | counter | `outcome` (`delivered`, `retry`, `dead`) |
//! | `stig_live_loaded` | gauge | `workspace` (1 once its first view is made) |
//! | `stig_live_lag_seconds` | gauge | `workspace` (how old the view is while newer events wait) |
//! | `stig_live_cursor` | gauge | `workspace` (the last event absorbed) |

use std::sync::OnceLock;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::AppState;

/// Latency buckets in seconds, from a cached page to a slow export.
const SECONDS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process-wide recorder (installed on first use; later calls share it).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), SECONDS)
            .expect("the buckets are not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder (a test harness's) may be installed already: then ours still
        // renders, empty of what the facade sends elsewhere.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// `GET /metrics` on the main address: only with `Authorization: Bearer <STIG_METRICS_TOKEN>`.
/// Without a token configured it is not served here (use `--metrics-addr`).
pub async fn metrics_with_token(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state
        .config
        .metrics_token
        .as_deref()
        .filter(|t| !t.is_empty())
    else {
        return (
            StatusCode::NOT_FOUND,
            "metrics are served with a token (STIG_METRICS_TOKEN) or on --metrics-addr\n",
        )
            .into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
            "a bearer token is needed\n",
        )
            .into_response();
    }
    render(&state).await
}

/// `GET /metrics` on the separate metrics address (no auth: bind it where only Prometheus
/// reaches it).
pub async fn metrics_open(State(state): State<AppState>) -> Response {
    render(&state).await
}

async fn render(state: &AppState) -> Response {
    record_live(state).await;
    let handle = handle();
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// The live derived state per workspace, read at scrape time.
async fn record_live(state: &AppState) {
    let now = jiff::Timestamp::now();
    for (ws, view) in state.live.status() {
        let labels = [("workspace", ws.clone())];
        metrics::gauge!("stig_live_loaded", &labels).set(if view.is_some() { 1.0 } else { 0.0 });
        let Some((cursor, as_of)) = view else {
            continue;
        };
        metrics::gauge!("stig_live_cursor", &labels).set(cursor as f64);
        let newest = state
            .store
            .recent_events(&ws, None, 1)
            .await
            .ok()
            .and_then(|e| e.first().map(|e| e.seq));
        let lag = match newest {
            Some(seq) if seq > cursor => now.duration_since(as_of).as_secs_f64(),
            _ => 0.0,
        };
        metrics::gauge!("stig_live_lag_seconds", &labels).set(lag.max(0.0));
    }
}

/// `GET /readyz`: 200 once the store answers and every workspace's derived state is loaded;
/// 503 with the reasons otherwise (a load balancer sends no traffic until then).
pub async fn readyz(State(state): State<AppState>) -> Response {
    let mut waiting = Vec::new();
    let store_ok = match state.store.list_workspaces().await {
        Ok(_) => true,
        Err(e) => {
            tracing::warn!(message = "readiness: the store does not answer", error = %e);
            false
        }
    };
    for (ws, view) in state.live.status() {
        if view.is_none() {
            waiting.push(ws);
        }
    }
    let ready = store_ok && waiting.is_empty();
    let body = serde_json::json!({
        "ready": ready,
        "store": if store_ok { "ok" } else { "unavailable" },
        "building": waiting,
    });
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut res = (status, axum::Json(body)).into_response();
    if !ready {
        res.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("2"));
    }
    res
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
