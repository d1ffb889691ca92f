//! Every error of the REST API as `application/problem+json` (RFC 9457), whoever made it:
//! handlers answer through `ApiError` already; this layer catches the rest — axum's
//! rejections of a bad path or query parameter or body (plain text), 405 for a method a path
//! does not take, 404 for a path under `/api/` that does not exist — and declares a body over
//! the limit 413 before it is read.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, AppError};

/// The largest API request body (axum's default limit for `Json` and `Bytes`).
pub const MAX_BODY_BYTES: u64 = 2 * 1024 * 1024;

/// How much of a plain error body is kept as the problem's `detail`.
const DETAIL_BYTES: usize = 4096;

/// Middleware for the API's routes.
pub async fn problem_json(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return too_large();
    }
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || is_problem(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = match axum::body::to_bytes(body, DETAIL_BYTES * 4).await {
        Ok(b) => String::from_utf8_lossy(&b[..b.len().min(DETAIL_BYTES)])
            .trim()
            .to_owned(),
        Err(_) => String::new(),
    };
    let detail = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_owned()
    } else {
        text
    };
    let mut out = problem(status, detail);
    // Keep what the original answer said about methods, retries and auth.
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(v) = parts.headers.get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}

/// `/api/…` that names nothing.
pub async fn not_found(req: Request<Body>) -> Response {
    ApiError(AppError::NotFound(format!(
        "no API path {} (see /api/openapi.json)",
        req.uri().path()
    )))
    .into_response()
}

fn too_large() -> Response {
    ApiError(AppError::TooLarge(format!(
        "the body is over the limit of {MAX_BODY_BYTES} bytes"
    )))
    .into_response()
}

fn is_problem(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"))
}

/// RFC 9457 problem details with the answer's own status, shaped as `ApiError`'s; the text
/// of a server error stays in the log.
fn problem(status: StatusCode, detail: String) -> Response {
    let detail = if status.is_server_error() {
        tracing::error!(message = "internal error", %detail);
        "internal error".to_owned()
    } else {
        detail
    };
    let body = serde_json::json!({
        "type": format!("https://stig.dev/problems/{}", status.as_u16()),
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    });
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}
