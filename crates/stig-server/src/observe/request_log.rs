//! The request log: an id per request (a valid incoming `X-Request-Id` is kept, so a proxy's
//! id follows the request; otherwise one is made), a span every log line inside the request
//! inherits, and one line at the end with method, route, status and latency.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

/// The header that carries the request id, in and out.
pub const REQUEST_ID: &str = "x-request-id";

/// Middleware (`axum::middleware::from_fn`): logs every request once, at its end.
pub async fn request_log(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_valid_id(v))
        .map_or_else(new_id, str::to_owned);
    let method = req.method().clone();
    // The route template, not the path: paths hold write keys, tokens and customer ids.
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(no route)".to_owned(), |p| p.as_str().to_owned());
    let span = tracing::info_span!("request", id = %id, method = %method, route = %route);
    let mut res = next.run(req).instrument(span.clone()).await;
    let status = res.status().as_u16();
    let elapsed = started.elapsed().as_secs_f64();
    let latency_ms = (elapsed * 1e6).round() / 1e3;
    let (method, route) = (method.to_string(), route);
    metrics::histogram!("stig_http_request_duration_seconds", "method" => method.clone(), "route" => route.clone())
        .record(elapsed);
    metrics::counter!("stig_http_requests_total", "method" => method, "route" => route, "status" => status.to_string())
        .increment(1);
    span.in_scope(|| {
        // 503 is a told "try again" (loading, the database away, a full queue), logged
        // where it happens; an operator's alert is on errors.
        if status == 503 {
            tracing::warn!(status, latency_ms, "request deferred");
        } else if status >= 500 {
            tracing::error!(status, latency_ms, "request failed");
        } else {
            tracing::info!(status, latency_ms, "request");
        }
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    res
}

/// An id a client may choose: short, and only characters that cannot forge log lines.
fn is_valid_id(v: &str) -> bool {
    (1..=64).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A new id: a per-process random prefix and a counter, unique within and across processes
/// in practice, and cheap.
fn new_id() -> String {
    static PREFIX: OnceLock<u32> = OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let prefix = *PREFIX.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.finish() as u32
    });
    format!("{prefix:08x}-{:06x}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_clients_are_kept_only_when_harmless() {
        assert!(is_valid_id("req-1.abc_D"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("x\ny"));
        assert!(!is_valid_id(&"a".repeat(65)));
        assert_ne!(new_id(), new_id());
    }
}
