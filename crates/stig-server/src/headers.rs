//! Security headers on every response: pages, the API, assets, errors, the collector.
//!
//! The Content-Security-Policy allows scripts from this site only (htmx and our own files
//! under `/assets/`; no inline script or `on…=` attributes anywhere), no framing, no plugins,
//! forms posting only here. Styles also allow `'unsafe-inline'`: the server-drawn SVG maps
//! and charts carry `style=` attributes and a few pages a `<style>` block; styles cannot run
//! code, so that is the one relaxation. HSTS is sent only when the public URL is `https`.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
     connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// A year, as browsers' preload lists expect.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// Middleware: adds the headers (a handler that set one itself keeps its own).
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let https = state
        .config
        .public_url
        .as_deref()
        .is_some_and(|u| u.to_ascii_lowercase().starts_with("https://"));
    add(res.headers_mut(), https);
    res
}

/// The headers, into `headers`.
pub fn add(headers: &mut HeaderMap, https: bool) {
    let mut set = |name: &'static str, value: &'static str| {
        headers
            .entry(HeaderName::from_static(name))
            .or_insert(HeaderValue::from_static(value));
    };
    set("content-security-policy", CONTENT_SECURITY_POLICY);
    set("x-frame-options", "DENY");
    set("x-content-type-options", "nosniff");
    set("referrer-policy", "strict-origin-when-cross-origin");
    if https {
        set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
    }
}
