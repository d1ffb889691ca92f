//! The collector: Segment's HTTP Tracking API (`POST /v1/identify`, `/v1/track`, `/v1/page`,
//! `/v1/screen`, `/v1/group`, `/v1/alias`, `/v1/batch`), so the SDKs teams already use send
//! their events to Stig unchanged. For browsers and apps also what analytics.js and the
//! mobile SDKs use: the settings document they load first ([`settings`]), the short paths
//! analytics.js posts to (`/v1/t|p|i|s|g|a`, `/v1/b` for a batch, `/v1/m` for its own
//! metrics, accepted and dropped), JSON sent as `text/plain` (no content type is required),
//! and CORS on every route ([`cors`]), with the origins a source accepts.
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
//! where there is one, and the fields the SDKs print when they log a refusal: `code` and
//! `message` (Segment's and RudderStack's Python SDKs), `error` (analytics-ruby).

pub mod auth;
pub mod body;
pub mod cors;
pub mod names;
pub mod settings;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use serde::Serialize;
use stig_pipeline::event::{self, Event, EventError, EventType, MAX_BATCH_BYTES, Problem};
use stig_runtime::IngestError;
use stig_store::{EventBatch, NewEvent, Rejection, Source};

use crate::AppState;

/// The collector's routes. They are outside the session and API-token auth: a source's write
/// key is the only credential.
pub fn routes() -> Router<AppState> {
    // `None`: a batch.
    let calls = |kind: Option<EventType>| -> MethodRouter<AppState> {
        post(
            move |state: State<AppState>,
                  headers: HeaderMap,
                  body: Result<Bytes, BytesRejection>| {
                collect(state, headers, body, kind)
            },
        )
        .options(cors::preflight)
    };
    let mut router = Router::new();
    // Segment's paths, and analytics.js's: the type's first letter.
    for (kind, long, short) in [
        (Some(EventType::Identify), "/v1/identify", "/v1/i"),
        (Some(EventType::Track), "/v1/track", "/v1/t"),
        (Some(EventType::Page), "/v1/page", "/v1/p"),
        (Some(EventType::Screen), "/v1/screen", "/v1/s"),
        (Some(EventType::Group), "/v1/group", "/v1/g"),
        (Some(EventType::Alias), "/v1/alias", "/v1/a"),
        (None, "/v1/batch", "/v1/b"),
    ] {
        router = router.route(long, calls(kind)).route(short, calls(kind));
    }
    router
        .route("/v1/m", post(metrics).options(cors::preflight))
        .route(
            "/v1/projects/{key}/settings",
            get(settings::settings).options(cors::preflight),
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
    let origin = cors::origin(&headers);
    let raw = body.as_ref().ok().map(|b| &b[..]);
    let source = match auth::source(&state, &headers, raw).await {
        Ok(source) => source,
        Err(e) => {
            state.collector.count_unknown_key();
            metrics::counter!("stig_events_refused_total", "reason" => e.code(), "source" => "unknown")
                .increment(1);
            let mut res = e.into_response();
            cors::allow(&mut res, origin.as_ref());
            return res;
        }
    };
    if let Some(refused) = cors::refused(&source, origin.as_ref()) {
        let e = cors::refusal(&refused);
        record_rejection(&state, &source, excerpt(&body), &e);
        return e.into_response();
    }
    let mut res = match store_request(&state, &source, &headers, &body, kind).await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({"success": true}))).into_response(),
        Err(e) => {
            // Refusals for want of room are the client's to retry, not a fault to debug.
            if !matches!(e.status.as_u16(), 429 | 503) {
                record_rejection(&state, &source, excerpt(&body), &e);
            } else {
                count_refused(&source, &e);
            }
            e.into_response()
        }
    };
    cors::allow(&mut res, origin.as_ref());
    res
}

/// `POST /v1/m`: analytics.js's counters of its own health, which it sends to its API host
/// when the settings ask it to (Stig's ask it not to). Accepted and dropped: they are the
/// SDK's, not the customers'.
async fn metrics(headers: HeaderMap) -> Response {
    let mut res = (StatusCode::OK, Json(serde_json::json!({"success": true}))).into_response();
    cors::allow(&mut res, cors::origin(&headers).as_ref());
    res
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
    names::check(&events, kind.is_none())?;
    let batch = EventBatch {
        workspace: source.workspace.clone(),
        events: events
            .into_iter()
            .map(|e| new_event(e, Some(&source.id)))
            .collect(),
    };
    let events = batch.events.len() as u64;
    state.collector.submit(&state.store, batch).await?;
    metrics::counter!("stig_events_accepted_total", "source" => source.id.clone())
        .increment(events);
    // Business moments look at what was just stored.
    state.moments.events_stored();
    state.live.events_stored();
    Ok(())
}

/// The start of a request's body as the debugger shows it, its write key hidden.
fn excerpt(body: &Result<Bytes, BytesRejection>) -> String {
    match body {
        Ok(bytes) => {
            let head = &bytes[..bytes.len().min(Rejection::EXCERPT_BYTES)];
            if head.starts_with(&[0x1f, 0x8b]) {
                format!("(gzip, {} bytes)", bytes.len())
            } else {
                hide_write_key(&String::from_utf8_lossy(head))
            }
        }
        Err(_) => String::new(),
    }
}

/// `text` with the value of each `"writeKey": "…"` replaced: a write key is shown once, when
/// its source is made, and the debugger is seen by everyone in the workspace.
fn hide_write_key(text: &str) -> String {
    const FIELD: &str = "\"writeKey\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(FIELD) {
        let after = at + FIELD.len();
        out.push_str(&rest[..after]);
        rest = &rest[after..];
        // `: "` then the key up to its closing quote (keys have no escapes), or to the end
        // of a cut-off excerpt.
        let colon = rest.len() - rest.trim_start().len();
        let Some(value) = rest[colon..].strip_prefix(':') else {
            continue;
        };
        let space = value.len() - value.trim_start().len();
        let Some(key) = value[space..].strip_prefix('"') else {
            continue;
        };
        out.push_str(&rest[..colon + 1 + space]);
        out.push_str("\"(hidden)\"");
        rest = key.find('"').map_or("", |end| &key[end + 1..]);
    }
    out.push_str(rest);
    out
}

/// Keeps a refused request for the debugger, off the request's path: a failure to record it
/// is logged, never answered.
fn record_rejection(state: &AppState, source: &Source, excerpt: String, e: &CollectError) {
    count_refused(source, e);
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

/// Counts a refused request for `/metrics`, by reason and source.
fn count_refused(source: &Source, e: &CollectError) {
    metrics::counter!("stig_events_refused_total", "reason" => e.code(), "source" => source.id.clone())
        .increment(1);
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
    /// A stable, machine-readable reason (`invalid_write_key`, …); by status when `None`.
    pub code: Option<&'static str>,
}

impl CollectError {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        CollectError {
            status,
            detail: detail.into(),
            index: None,
            field: None,
            retry_after: None,
            code: None,
        }
    }

    /// The store did not answer (say PostgreSQL is restarting): 503 with `Retry-After`, so
    /// SDKs keep the events and send them again.
    pub fn store_unavailable() -> Self {
        CollectError {
            retry_after: Some(2),
            ..CollectError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the store is unavailable; retry later",
            )
        }
    }

    pub fn with_code(self, code: &'static str) -> Self {
        CollectError {
            code: Some(code),
            ..self
        }
    }

    /// [`CollectError::code`], else the status's.
    pub fn code(&self) -> &'static str {
        self.code.unwrap_or(match self.status.as_u16() {
            400 => "invalid_request",
            401 => "unauthorized",
            403 => "forbidden",
            404 => "not_found",
            413 => "payload_too_large",
            415 => "unsupported_media_type",
            429 => "rate_limited",
            503 => "unavailable",
            _ => "error",
        })
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
            index: e.index,
            field: e.field.clone(),
            code: Some(match e.problem {
                Problem::Invalid => "invalid_message",
                Problem::TooLarge => "payload_too_large",
            }),
            ..CollectError::new(status, e.to_string())
        }
    }
}

/// RFC 9457 problem details, plus what the SDKs log: `code` and `message` (Segment's and
/// RudderStack's Python SDKs raise `APIError(status, code, message)` from them), `error`
/// (analytics-ruby), and Segment's `success: false`.
#[derive(Serialize)]
struct CollectProblem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'static str,
    status: u16,
    detail: &'a str,
    code: &'static str,
    message: &'a str,
    error: &'a str,
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
            code: self.code(),
            message: &self.detail,
            error: &self.detail,
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
