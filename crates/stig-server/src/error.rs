//! One error type for the web app and the API. Pages get an HTML error page; the API wraps
//! it in [`ApiError`] and gets `application/problem+json` (RFC 9457). Users see a plain
//! message; details of internal errors go to the log only.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use stig_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    NotFound(String),
    #[error("sign in first")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    BadRequest(String),
    /// The thing changed since it was loaded (optimistic concurrency).
    #[error("{0}")]
    Conflict(String),
    /// A body over the limit (413).
    #[error("{0}")]
    TooLarge(String),
    /// A value failed validation; each entry is (field path, message).
    #[error("the request has {} invalid field(s)", .0.len())]
    Invalid(Vec<FieldError>),
    #[error("the form expired; reload the page and try again")]
    Csrf,
    #[error("internal error")]
    Internal(String),
    /// Derived state (the insight index) is being built for the first time; answered 503
    /// with `Retry-After`, and the page reloads itself.
    #[error("{0}")]
    Building(String),
    /// The database does not answer (down, restarting, failing over): answered 503 with
    /// `Retry-After`; nothing was done, so the same request may be sent again. The cause
    /// goes to the log only.
    #[error("the database is unavailable; nothing was changed, try again in a few seconds")]
    Unavailable(String),
}

/// Seconds a client is told to wait before asking again while the index is being built.
const RETRY_AFTER: &str = "2";
/// Seconds a client is told to wait while the database is away (a restart or a failover
/// takes a few).
const RETRY_AFTER_UNAVAILABLE: &str = "3";

#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Building(_) | AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The `Retry-After` of a 503: how long to wait before sending the request again.
    fn retry_after(&self) -> Option<&'static str> {
        match self {
            AppError::Building(_) => Some(RETRY_AFTER),
            AppError::Unavailable(_) => Some(RETRY_AFTER_UNAVAILABLE),
            _ => None,
        }
    }

    fn public_message(&self) -> String {
        match self {
            AppError::Internal(detail) => {
                tracing::error!(message = "internal error", %detail);
                "internal error".to_owned()
            }
            AppError::Unavailable(detail) => {
                tracing::warn!(message = "the database is unavailable", %detail);
                self.to_string()
            }
            other => other.to_string(),
        }
    }
}

/// An error and its causes, outermost first, as one line for the log.
pub fn cause_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        // Many errors repeat their source in their own message; say each thing once.
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => AppError::NotFound(e.to_string()),
            StoreError::Conflict { .. } | StoreError::AlreadyExists { .. } => {
                AppError::Conflict(e.to_string())
            }
            StoreError::Invalid(m) => AppError::BadRequest(m),
            other if other.is_unavailable() => AppError::Unavailable(cause_chain(&other)),
            other => AppError::Internal(cause_chain(&other)),
        }
    }
}

impl From<stig_runtime::moments::BacktestError> for AppError {
    fn from(e: stig_runtime::moments::BacktestError) -> Self {
        match e {
            stig_runtime::moments::BacktestError::Store(e) => AppError::from(e),
            stig_runtime::moments::BacktestError::Stopped(why) => AppError::Internal(why),
        }
    }
}

impl From<stig_render::RenderError> for AppError {
    fn from(e: stig_render::RenderError) -> Self {
        match e {
            stig_render::RenderError::UnknownJourney { .. }
            | stig_render::RenderError::UnknownPersona { .. } => AppError::NotFound(e.to_string()),
            other => AppError::Internal(cause_chain(&other)),
        }
    }
}

/// An HTML error page in the app's frame. The message is the error's own, in English as the
/// store and validator write it.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let reason = status.canonical_reason().unwrap_or("Error");
        let building = matches!(self, AppError::Building(_));
        let body = maud::html! {
            (maud::DOCTYPE)
            html {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    @if building { meta http-equiv="refresh" content=(RETRY_AFTER); }
                    title { (status.as_u16()) " " (reason) " · Stig" }
                    link rel="stylesheet" href="/assets/style.css";
                    script src="/assets/page.js" defer {}
                }
                body {
                    header.topbar { a.brand href="/" { span.logo { "◆" } " Stig" } }
                    main {
                        div.card.error-card {
                            p.muted { (status.as_u16()) " · " (reason) }
                            h1 { (self.public_message()) }
                            p { a.btn.secondary href="/" data-back { "←" } " " a.btn href="/" { "Stig" } }
                        }
                    }
                }
            }
        }
        .into_string();
        let mut res = (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response();
        if let Some(secs) = self.retry_after() {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static(secs));
        }
        res
    }
}

/// An [`AppError`] answered as `application/problem+json`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

#[derive(Serialize)]
struct Problem {
    #[serde(rename = "type")]
    kind: String,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FieldError>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let errors = match &self.0 {
            AppError::Invalid(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let problem = Problem {
            kind: format!("https://stig.dev/problems/{}", status.as_u16()),
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: self.0.public_message(),
            errors,
        };
        let body = serde_json::to_string(&problem).unwrap_or_default();
        let mut res = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"stig\""),
            );
        }
        if let Some(secs) = self.0.retry_after() {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static(secs));
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unavailable() -> StoreError {
        StoreError::Database(sqlx::Error::PoolTimedOut)
    }

    #[test]
    fn a_store_that_does_not_answer_is_a_503_with_retry_after_on_pages_and_the_api() {
        for res in [
            AppError::from(unavailable()).into_response(),
            ApiError::from(unavailable()).into_response(),
        ] {
            assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(
                res.headers().get(header::RETRY_AFTER),
                Some(&header::HeaderValue::from_static(RETRY_AFTER_UNAVAILABLE))
            );
        }
        // Other store failures stay internal errors, without a retry hint.
        let corrupt = AppError::from(StoreError::Corrupt("bad row".into())).into_response();
        assert_eq!(corrupt.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(corrupt.headers().get(header::RETRY_AFTER).is_none());
    }
}
