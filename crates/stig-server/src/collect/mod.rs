//! The collector: Segment's HTTP Tracking API (`POST /v1/identify`, `/v1/track`, `/v1/page`,
//! `/v1/screen`, `/v1/group`, `/v1/alias`, `/v1/batch`), so the SDKs teams already use send
//! their events to Stig unchanged.
//!
//! A request goes: write key (HTTP Basic, the key as user name, empty password, or a
//! `writeKey` in the body; see [`auth`]) → body (gzip or plain, Segment's size limits; see [`body`]) → every message
//! parsed and validated by [`stig_pipeline::event`] (one bad message refuses the request and
//! stores nothing) → the runtime's ingestion queue ([`stig_runtime::ingest`]), which stores it
//! durably with other requests in one transaction (group commit) → `200 {"success": true}`
//! only then. A full queue answers 429 with `Retry-After`, so clients back off and retry
//! instead of events being dropped.
//!
//! Errors are `application/problem+json` with the batch `index` and `field` of a bad message
//! where there is one.

pub mod auth;
pub mod body;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Serialize;
use stig_pipeline::event::{self, Event, EventError, EventType, MAX_BATCH_BYTES, Problem};
use stig_runtime::IngestError;
use stig_store::{EventBatch, NewEvent, Rejection, Source};

use crate::AppState;

/// The collector's routes. They are outside the session and API-token auth: a source's write
/// key is the only credential.
pub fn routes() -> Router<AppState> {
    let single = |kind: EventType| {
        post(
            move |state: State<AppState>,
                  headers: HeaderMap,
                  body: Result<Bytes, BytesRejection>| {
                collect(state, headers, body, Some(kind))
            },
        )
    };
    Router::new()
        .route("/v1/identify", single(EventType::Identify))
        .route("/v1/track", single(EventType::Track))
        .route("/v1/page", single(EventType::Page))
        .route("/v1/screen", single(EventType::Screen))
        .route("/v1/group", single(EventType::Group))
        .route("/v1/alias", single(EventType::Alias))
        .route(
            "/v1/batch",
            post(
                |state: State<AppState>,
                 headers: HeaderMap,
                 body: Result<Bytes, BytesRejection>| {
                    collect(state, headers, body, None)
                },
            ),
        )
        // A gzip body is at most about the size of what it holds; anything much bigger is
        // refused before it is read whole.
        .layer(DefaultBodyLimit::max(MAX_BATCH_BYTES + 64 * 1024))
}

/// One request: a single call of type `kind`, or a batch when `kind` is `None`.
async fn collect(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
    kind: Option<EventType>,
) -> Response {
    let raw = body.as_ref().ok().map(|b| &b[..]);
    let source = match auth::source(&state, &headers, raw).await {
        Ok(source) => source,
        Err(e) => {
            state.collector.count_unknown_key();
            return e.into_response();
        }
    };
    match store_request(&state, &source, &headers, &body, kind).await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({"success": true}))).into_response(),
        Err(e) => {
            // Refusals for want of room are the client's to retry, not a fault to debug.
            if !matches!(e.status.as_u16(), 429 | 503) {
                record_rejection(&state, &source, &body, &e);
            }
            e.into_response()
        }
    }
}

async fn store_request(
    state: &AppState,
    source: &Source,
    headers: &HeaderMap,
    body: &Result<Bytes, BytesRejection>,
    kind: Option<EventType>,
) -> Result<(), CollectError> {
    let body = body.as_ref().map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            CollectError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the request is over the limit of {MAX_BATCH_BYTES} bytes (500 KB) a batch"
                ),
            )
        } else {
            CollectError::new(StatusCode::BAD_REQUEST, format!("reading the body: {e}"))
        }
    })?;
    let limit = match kind {
        Some(_) => event::MAX_MESSAGE_BYTES,
        None => MAX_BATCH_BYTES,
    };
    let json = body::decode(headers, body, limit)?;
    let received_at = jiff::Timestamp::now();
    let events = match kind {
        Some(kind) => vec![event::parse_call(kind, json, received_at)?],
        None => event::parse_batch(json, received_at)?,
    };
    let batch = EventBatch {
        workspace: source.workspace.clone(),
        events: events
            .into_iter()
            .map(|e| new_event(e, Some(&source.id)))
            .collect(),
    };
    state.collector.submit(&state.store, batch).await?;
    // Business moments look at what was just stored.
    state.moments.events_stored();
    state.live.events_stored();
    Ok(())
}

/// Keeps a refused request for the debugger, off the request's path: a failure to record it
/// is logged, never answered.
fn record_rejection(
    state: &AppState,
    source: &Source,
    body: &Result<Bytes, BytesRejection>,
    e: &CollectError,
) {
    let excerpt = match body {
        Ok(bytes) => {
            let head = &bytes[..bytes.len().min(Rejection::EXCERPT_BYTES)];
            if head.starts_with(&[0x1f, 0x8b]) {
                format!("(gzip, {} bytes)", bytes.len())
            } else {
                String::from_utf8_lossy(head).into_owned()
            }
        }
        Err(_) => String::new(),
    };
    let mut reason = e.detail.clone();
    if let Some(i) = e.index {
        reason = format!("message {i}: {reason}");
    }
    let rejection = Rejection {
        workspace: source.workspace.clone(),
        source: source.id.clone(),
        at: jiff::Timestamp::now(),
        status: e.status.as_u16(),
        reason,
        excerpt,
    };
    let store = state.store.clone();
    tokio::spawn(async move {
        if let Err(e) = store.record_rejection(&rejection).await {
            tracing::warn!(message = "recording a refused collect request", error = %e);
        }
    });
}

/// The stored form of a parsed event, sent by `source` (`None`: imported).
pub fn new_event(e: Event, source: Option<&str>) -> NewEvent {
    NewEvent {
        message_id: e.message_id.clone(),
        kind: e.kind.as_str().to_owned(),
        user_id: e.user_id.clone(),
        anonymous_id: e.anonymous_id.clone(),
        event: e.event.clone(),
        timestamp: e.timestamp,
        received_at: e.received_at,
        source: source.map(str::to_owned),
        body: e.into_json(),
    }
}

/// A refused collect request, answered as `application/problem+json`.
#[derive(Debug)]
pub struct CollectError {
    pub status: StatusCode,
    pub detail: String,
    /// The 0-based index of the bad message in its batch.
    pub index: Option<usize>,
    /// The bad field of that message.
    pub field: Option<String>,
    /// Seconds to wait before retrying (429, 503).
    pub retry_after: Option<u32>,
}

impl CollectError {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        CollectError {
            status,
            detail: detail.into(),
            index: None,
            field: None,
            retry_after: None,
        }
    }
}

/// The runtime's refusals as HTTP: a full queue is 429, a store that failed 503 (both with
/// `Retry-After`), a workspace gone meanwhile 404.
impl From<IngestError> for CollectError {
    fn from(e: IngestError) -> Self {
        let (status, retry_after, detail) = match &e {
            IngestError::Full => (StatusCode::TOO_MANY_REQUESTS, Some(1), e.to_string()),
            IngestError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, Some(1), e.to_string()),
            IngestError::NotFound(e) => (StatusCode::NOT_FOUND, None, format!("the source's {e}")),
        };
        CollectError {
            retry_after,
            ..CollectError::new(status, detail)
        }
    }
}

impl From<EventError> for CollectError {
    fn from(e: EventError) -> Self {
        let status = match e.problem {
            Problem::Invalid => StatusCode::BAD_REQUEST,
            Problem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        };
        CollectError {
            status,
            detail: e.to_string(),
            index: e.index,
            field: e.field,
            retry_after: None,
        }
    }
}

#[derive(Serialize)]
struct CollectProblem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'static str,
    status: u16,
    detail: &'a str,
    success: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl IntoResponse for CollectError {
    fn into_response(self) -> Response {
        let problem = CollectProblem {
            kind: format!("https://stig.dev/problems/{}", self.status.as_u16()),
            title: self.status.canonical_reason().unwrap_or("Error"),
            status: self.status.as_u16(),
            detail: &self.detail,
            success: false,
            index: self.index,
            field: self.field.as_deref(),
        };
        let body = serde_json::to_string(&problem).unwrap_or_default();
        let mut res = (
            self.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"stig collect\""),
            );
        }
        if let Some(secs) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}
