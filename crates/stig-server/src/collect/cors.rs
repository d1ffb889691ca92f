//! CORS for the collector, so that analytics.js on a customer's site (another origin) may
//! fetch its settings and send events: the preflight (`OPTIONS`) and the headers of every
//! answer, errors included, so that the SDK can read why it was refused.
//!
//! A source may list the origins it accepts ([`Source::allowed_origins`]; none: any). A
//! request from another origin is refused (403, recorded for the debugger) and gets no
//! `Access-Control-Allow-Origin`, so the browser keeps the answer from the page. Requests
//! without an `Origin` (server-side SDKs, curl) are not a browser's and are not checked.
//! The preflight carries no write key, so it cannot name the source: it is answered for any
//! origin, and the request that follows is checked.

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use stig_store::Source;

use super::CollectError;

/// The request headers the SDKs send: `Authorization` (analytics-next's Basic write key),
/// `Content-Encoding` (gzip from the server SDKs), `X-Retry-Count` (analytics-next's retries).
pub const ALLOW_HEADERS: &str = "Content-Type, Authorization, Content-Encoding, X-Retry-Count";
/// What the collector's routes answer to.
pub const ALLOW_METHODS: &str = "GET, POST, OPTIONS";
/// How long a browser may keep a preflight's answer (browsers cap it: Chromium at 2 hours).
pub const MAX_AGE_SECS: u32 = 86_400;

/// The request's `Origin`, when a browser sent one.
pub fn origin(headers: &HeaderMap) -> Option<HeaderValue> {
    headers.get(header::ORIGIN).cloned()
}

/// The origin as text, when it is not one `source` accepts.
pub fn refused(source: &Source, origin: Option<&HeaderValue>) -> Option<String> {
    let origin = origin?;
    let text = String::from_utf8_lossy(origin.as_bytes());
    (!source.allows_origin(&text)).then(|| text.into_owned())
}

/// The collector's answer to a browser at a refused origin: 403, readable by no page.
pub fn refusal(origin: &str) -> CollectError {
    CollectError::new(
        StatusCode::FORBIDDEN,
        format!(
            "the origin `{origin}` is not among the source's allowed origins; \
             add it on the source's page in Stig"
        ),
    )
    .with_code("origin_not_allowed")
}

/// Lets the page at `origin` read `res` (every answer but a refused origin's): the origin
/// echoed (with credentials allowed, for sites that send them), else `*`.
pub fn allow(res: &mut Response, origin: Option<&HeaderValue>) {
    let h = res.headers_mut();
    match origin {
        Some(o) => {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o.clone());
            h.insert(
                header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                HeaderValue::from_static("true"),
            );
        }
        None => {
            h.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
    }
    // analytics-next waits as long as `Retry-After` says on a 429.
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Retry-After"),
    );
    h.append(header::VARY, HeaderValue::from_static("Origin"));
}

/// `OPTIONS` on any collector route: which methods and headers a page may send.
pub async fn preflight(headers: HeaderMap) -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    allow(&mut res, origin(&headers).as_ref());
    let h = res.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOW_METHODS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        allow_headers(headers.get(header::ACCESS_CONTROL_REQUEST_HEADERS)),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from(MAX_AGE_SECS),
    );
    h.append(
        header::VARY,
        HeaderValue::from_static("Access-Control-Request-Headers"),
    );
    // Chromium asks before a public page may reach a server on a private network (a Stig on
    // the office LAN).
    let private = HeaderName::from_static("access-control-request-private-network");
    if headers
        .get(private)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"true"))
    {
        h.insert(
            HeaderName::from_static("access-control-allow-private-network"),
            HeaderValue::from_static("true"),
        );
    }
    res
}

/// [`ALLOW_HEADERS`] plus whatever else the page asked for (custom headers a site adds
/// through analytics-next's `deliveryStrategy.config.headers`), when those are header names.
fn allow_headers(requested: Option<&HeaderValue>) -> HeaderValue {
    let extra: Vec<&str> = requested
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|n| HeaderName::from_bytes(n.as_bytes()).is_ok())
                .filter(|n| {
                    !ALLOW_HEADERS
                        .split(", ")
                        .any(|known| known.eq_ignore_ascii_case(n))
                })
                .collect()
        })
        .unwrap_or_default();
    if extra.is_empty() {
        return HeaderValue::from_static(ALLOW_HEADERS);
    }
    HeaderValue::from_str(&format!("{ALLOW_HEADERS}, {}", extra.join(", ")))
        .unwrap_or(HeaderValue::from_static(ALLOW_HEADERS))
}
