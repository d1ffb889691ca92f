//! Data out over HTTP: `GET /api/workspaces/{ws}/events` (the stored events) and
//! `GET /api/workspaces/{ws}/export/customers` (customer profiles), as JSON pages, NDJSON,
//! CSV or Parquet (`format`; the rows are `stig_runtime::export`'s, the same as the CLI's).
//!
//! **Pagination.** Events come in arrival order; customers in profile-id order. A page is
//! `limit` rows after an opaque `cursor` (from the previous page). JSON (the default format)
//! always pages (`limit` 1,000 unless given, at most 10,000) and says `next_cursor` and
//! `has_more` in its body. NDJSON, CSV and Parquet page when `limit` is given, and without
//! it stream every row (for events: up to the newest stored when the request came), written
//! as they are read; either way the headers carry `X-Stig-Next-Cursor` (where to go on from,
//! also later for what arrives meanwhile), `X-Stig-Has-More` and, when there is more, a
//! `Link: <…>; rel="next"`.
//!
//! **Filters** (events): `from` and `to` (RFC 3339 or a date; the event's `timestamp`, `to`
//! excluded), `type` (any of identify, track, page, screen, group, alias; repeated or comma
//! separated), `event` (a track event name), `customer` (any of their ids: every id stitched
//! to it counts, from the live customers). A bad parameter is a 400 naming it.

use std::io::Write;

use axum::Json;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bytes::Bytes;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use stig_runtime::EventStream;
use stig_runtime::export::{self, ExportError, Format};
use stig_store::EventFilter;
use tokio::sync::mpsc;

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Rows of a page, at most (and of a JSON page unless `limit` says).
pub const MAX_LIMIT: usize = 10_000;
const DEFAULT_LIMIT: usize = 1_000;
/// Events read from the store per query while streaming.
const STREAM_PAGE: u32 = 5_000;
/// Bytes gathered before a chunk of a streamed body is sent.
const CHUNK: usize = 64 * 1024;

const EVENT_TYPES: [&str; 6] = ["identify", "track", "page", "screen", "group", "alias"];

pub(super) fn bad(param: &str, why: impl std::fmt::Display) -> ApiError {
    AppError::BadRequest(format!("parameter `{param}`: {why}")).into()
}

/// 422: a parameter well-formed but meaning nothing here (a cursor this list never gave, a
/// period ending before it starts).
pub(super) fn unprocessable(param: &str, why: impl std::fmt::Display) -> ApiError {
    AppError::Invalid(vec![crate::error::FieldError {
        field: param.to_owned(),
        message: why.to_string(),
    }])
    .into()
}

/// What `type` takes, as the OpenAPI document states it: event types separated by commas,
/// spaces around them and empty items ignored.
const TYPE_LIST: &str = "^[\\t\\n\\r ]*(identify|track|page|screen|group|alias)?[\\t\\n\\r ]*(,[\\t\\n\\r ]*(identify|track|page|screen|group|alias)?[\\t\\n\\r ]*)*$";

const NOT_A_CURSOR: &str = "not a cursor of this list; pass one a previous page gave";

/// The query string as pairs (a name may come more than once), names checked against
/// `known`.
pub(super) fn pairs(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    known: &[&str],
) -> Result<Vec<(String, String)>, ApiError> {
    let Query(pairs) = query.map_err(|e| {
        ApiError(AppError::BadRequest(format!(
            "the query string: {}",
            e.body_text()
        )))
    })?;
    if let Some((name, _)) = pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        return Err(bad(
            name,
            format!("unknown; the parameters are {}", known.join(", ")),
        ));
    }
    Ok(pairs)
}

/// The last non-empty value of a parameter.
pub(super) fn one<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find_map(|(k, v)| (k == name).then(|| super::given(Some(v))).flatten())
}

/// What a page asks for: the format, where to start, how many.
pub(super) struct Paging {
    /// `None`: JSON pages.
    pub format: Option<Format>,
    pub cursor: Option<String>,
    pub limit: Option<usize>,
}

pub(super) fn paging(pairs: &[(String, String)], kind: &str) -> Result<Paging, ApiError> {
    let format = match one(pairs, "format") {
        None | Some("json") => None,
        Some(f) => Some(Format::parse(f).ok_or_else(|| {
            bad(
                "format",
                format!("`{f}` is not one of json, ndjson, csv, parquet"),
            )
        })?),
    };
    let limit = match one(pairs, "limit") {
        None => None,
        Some(l) => Some(
            l.parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    bad(
                        "limit",
                        format!("`{l}` is not a whole number from 1 to {MAX_LIMIT}"),
                    )
                })?,
        ),
    };
    let cursor = match one(pairs, "cursor") {
        None => None,
        Some(c) => Some(
            decode_cursor(c, kind)
                .ok_or_else(|| unprocessable("cursor", format!("`{c}` is {NOT_A_CURSOR}")))?,
        ),
    };
    Ok(Paging {
        limit: limit.or(format.is_none().then_some(DEFAULT_LIMIT)),
        format,
        cursor,
    })
}

/// An opaque cursor: `kind` (`e` events, `c` customers) and a position, base64url.
pub(super) fn encode_cursor(kind: &str, position: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:{position}"))
}

fn decode_cursor(cursor: &str, kind: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix(kind)?
        .strip_prefix(':')
        .map(str::to_owned)
}

/// A time parameter: RFC 3339, or a date (its midnight, UTC).
fn time(pairs: &[(String, String)], name: &str) -> Result<Option<jiff::Timestamp>, ApiError> {
    let Some(v) = one(pairs, name) else {
        return Ok(None);
    };
    if let Ok(t) = v.parse::<jiff::Timestamp>() {
        return Ok(Some(t));
    }
    v.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| {
            jiff::tz::TimeZone::UTC
                .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                .ok()
        })
        .map(Some)
        .ok_or_else(|| {
            bad(
                name,
                format!(
                    "`{v}` is not an RFC 3339 time (2026-01-31T12:00:00Z) or a date (2026-01-31)"
                ),
            )
        })
}

/// The event filter of the query string (the customer's ids are resolved by the caller).
fn event_filter(pairs: &[(String, String)]) -> Result<EventFilter, ApiError> {
    let from = time(pairs, "from")?;
    let to = time(pairs, "to")?;
    // `to` is exclusive: equal to `from` is an empty period, before it no period at all.
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(unprocessable("to", format!("{t} is before `from` ({f})")));
    }
    let mut types = Vec::new();
    for (_, v) in pairs.iter().filter(|(k, _)| k == "type") {
        let blank = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
        for t in v
            .split(',')
            .map(|t| t.trim_matches(blank))
            .filter(|t| !t.is_empty())
        {
            if !EVENT_TYPES.contains(&t) {
                return Err(bad(
                    "type",
                    format!("`{t}` is not one of {}", EVENT_TYPES.join(", ")),
                ));
            }
            if !types.iter().any(|x| x == t) {
                types.push(t.to_owned());
            }
        }
    }
    Ok(EventFilter {
        from,
        to,
        types,
        event: one(pairs, "event").map(str::to_owned),
        ids: Vec::new(),
    })
}

/// A streamed body's sink: bytes gathered into chunks, each sent to the response as it fills;
/// a client that went away ends the export (a write error).
pub(super) struct ChunkWriter {
    buf: Vec<u8>,
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
}

impl ChunkWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// A response body written by `write` on a blocking thread while it is sent. An error
/// half-way aborts the response (the client sees it cut short) and is logged.
pub(super) fn streamed(
    write: impl FnOnce(&mut ChunkWriter) -> Result<(), ExportError> + Send + 'static,
) -> Body {
    let (tx, mut rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let errors = tx.clone();
    tokio::task::spawn_blocking(move || {
        let mut w = ChunkWriter {
            buf: Vec::with_capacity(CHUNK),
            tx,
        };
        let done = write(&mut w).and_then(|()| Ok(w.flush()?));
        if let Err(e) = done {
            let gone =
                matches!(&e, ExportError::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe);
            if !gone {
                tracing::error!(message = "export stopped", error = %e);
                let _ = errors.blocking_send(Err(std::io::Error::other(e.to_string())));
            }
        }
    });
    Body::from_stream(futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)))
}

/// Headers of a page: where to go on from, whether there is more, and the next page's link.
pub(super) fn page_headers(headers: &mut HeaderMap, uri: &Uri, next_cursor: &str, has_more: bool) {
    if let Ok(v) = HeaderValue::from_str(next_cursor) {
        headers.insert("x-stig-next-cursor", v);
    }
    headers.insert(
        "x-stig-has-more",
        HeaderValue::from_static(if has_more { "true" } else { "false" }),
    );
    if has_more {
        let kept: Vec<String> = uri
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("cursor="))
            .map(str::to_owned)
            .chain([format!("cursor={next_cursor}")])
            .collect();
        let link = format!("<{}?{}>; rel=\"next\"", uri.path(), kept.join("&"));
        if let Ok(v) = HeaderValue::from_str(&link) {
            headers.insert(header::LINK, v);
        }
    }
}

/// A file download's headers.
pub(super) fn file_headers(headers: &mut HeaderMap, format: Format, stem: &str) {
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    let disposition = format!("attachment; filename=\"{stem}.{}\"", format.extension());
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
}

#[derive(Serialize)]
struct EventPage<'a> {
    /// Each event's Segment JSON as stored.
    events: Vec<&'a RawValue>,
    next_cursor: String,
    has_more: bool,
}

const EVENT_PARAMS: &[&str] = &[
    "format", "cursor", "limit", "from", "to", "type", "event", "customer",
];

/// `GET /api/workspaces/{ws}/events`.
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Path(ws_id): Path<String>,
    uri: Uri,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let pairs = pairs(query, EVENT_PARAMS)?;
    let paging = paging(&pairs, "e")?;
    // Once per read of the events (its first page); the filters may name a customer: left out.
    if paging.cursor.is_none() {
        let detail = serde_json::json!({ "what": "events" });
        let export = stig_store::AuditAction::Export;
        crate::audit::record(&state, &user.0, export, Some(&ws_id), None, detail).await;
    }
    let after = match &paging.cursor {
        None => 0,
        Some(c) => c
            .parse::<i64>()
            .map_err(|_| unprocessable("cursor", NOT_A_CURSOR))?,
    };
    let mut filter = event_filter(&pairs)?;
    if let Some(who) = one(&pairs, "customer") {
        filter.ids = customer_ids(&state, &ws_id, who).await?;
    }
    let Some(limit) = paging.limit else {
        return stream_all(state, ws_id, after, filter, paging.format, &uri).await;
    };
    // One page: at most `limit` + 1 events (the one more says whether there is a next page).
    let mut stream = EventStream::new(&ws_id, after, limit as u32 + 1).matching(filter);
    let mut page = stream
        .next_page(state.store.as_ref())
        .await
        .map_err(AppError::from)?
        .unwrap_or_default();
    let has_more = page.len() > limit;
    page.truncate(limit);
    let last = page.last().map_or(after, |&(seq, _)| seq);
    let next_cursor = encode_cursor("e", &last.to_string());
    let mut res = match paging.format {
        None => {
            let events = page
                .iter()
                .map(|(seq, text)| {
                    serde_json::from_str::<&RawValue>(text).map_err(|e| {
                        AppError::Internal(format!("stored event {seq} is not JSON: {e}"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Json(EventPage {
                events,
                next_cursor: next_cursor.clone(),
                has_more,
            })
            .into_response()
        }
        Some(format) => {
            let bytes = tokio::task::spawn_blocking(move || {
                let mut w = export::EventWriter::new(format, Vec::new())?;
                for (seq, text) in &page {
                    w.write(*seq, text)?;
                }
                w.finish()
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| AppError::Internal(e.to_string()))?;
            let mut res = Body::from(bytes).into_response();
            file_headers(res.headers_mut(), format, &format!("{ws_id}-events"));
            res
        }
    };
    page_headers(res.headers_mut(), &uri, &next_cursor, has_more);
    Ok(res)
}

/// Every matching event up to the newest stored now, written while read.
async fn stream_all(
    state: AppState,
    ws_id: String,
    after: i64,
    filter: EventFilter,
    format: Option<Format>,
    uri: &Uri,
) -> Result<Response, ApiError> {
    let format = format.unwrap_or(Format::Ndjson);
    let newest = state
        .store
        .recent_events(&ws_id, None, 1)
        .await
        .map_err(AppError::from)?
        .first()
        .map_or(0, |e| e.seq);
    let until = newest.max(after);
    let stream = EventStream::new(&ws_id, after, STREAM_PAGE)
        .until(until)
        .matching(filter);
    let store = state.store.clone();
    let rt = tokio::runtime::Handle::current();
    let body = streamed(move |w| {
        export::export_events(&rt, store.as_ref(), stream, format, w).map(|_| ())
    });
    let mut res = body.into_response();
    file_headers(res.headers_mut(), format, &format!("{ws_id}-events"));
    page_headers(
        res.headers_mut(),
        uri,
        &encode_cursor("e", &until.to_string()),
        false,
    );
    Ok(res)
}

/// Every id stitched to `who`, from the live customers (just `who` when they know no one
/// by it, e.g. events not yet absorbed).
async fn customer_ids(state: &AppState, ws_id: &str, who: &str) -> Result<Vec<String>, ApiError> {
    let loaded = crate::customers::load(state, ws_id).await?;
    Ok(match loaded.index.directory.get(who) {
        Some(card) => card.all_ids().map(str::to_owned).collect(),
        None => vec![who.to_owned()],
    })
}

/// The paging parameters of both exports, for the OpenAPI document.
pub(super) fn openapi_paging(ws: Value) -> Vec<Value> {
    vec![
        ws,
        openapi_query(
            "format",
            "`json` (default: a page with `next_cursor`), or a file: `ndjson`, `csv` (RFC 4180), `parquet`",
            super::openapi::or_blank(
                json!({"type": "string", "enum": ["json", "ndjson", "csv", "parquet"], "default": "json"}),
            ),
        ),
        openapi_query(
            "cursor",
            "Where to go on from: `next_cursor` (or `X-Stig-Next-Cursor`) of an earlier answer",
            json!({"type": "string"}),
        ),
        openapi_query(
            "limit",
            "Rows of this page (JSON: 1,000 unless given; files without it: every row, streamed)",
            super::openapi::or_blank(
                json!({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
            ),
        ),
    ]
}

pub(super) fn openapi_query(name: &str, what: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "description": what, "schema": schema})
}

/// The answers of both exports: a JSON page of `page` or a file; bad parameters, no such
/// workspace.
pub(super) fn openapi_responses(page: Value) -> Value {
    json!({
        "200": {
            "description": "A page (JSON), or the rows as a file (NDJSON, CSV, Parquet)",
            "headers": {
                "X-Stig-Next-Cursor": {"description": "The cursor to go on from (now, or later for what arrives meanwhile)", "schema": {"type": "string"}},
                "X-Stig-Has-More": {"description": "Whether a next page exists now", "schema": {"type": "string", "enum": ["true", "false"]}},
                "Link": {"description": "`<…>; rel=\"next\"`: the next page, when there is one", "schema": {"type": "string"}}
            },
            "content": {
                "application/json": {"schema": page},
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.apache.parquet": {"schema": {"type": "string", "contentMediaType": "application/vnd.apache.parquet"}}
            }
        },
        "400": {"$ref": "#/components/responses/400"},
        "401": {"$ref": "#/components/responses/401"},
        "404": {"$ref": "#/components/responses/404"},
        "422": {"$ref": "#/components/responses/422"}
    })
}

/// `/api/workspaces/{ws}/events` for the OpenAPI document.
pub fn openapi_paths(paths: &mut serde_json::Map<String, Value>) {
    let ws = json!({"name": "ws", "in": "path", "required": true, "description": "The workspace id", "schema": {"type": "string"}});
    let mut params = openapi_paging(ws);
    params.extend([
        openapi_query("from", "Events that happened at or after this time (RFC 3339, or a date: its midnight UTC)", super::openapi::day_or_time()),
        openapi_query("to", "Events that happened before this time (RFC 3339 or a date)", super::openapi::day_or_time()),
        openapi_query("type", "Only these types (comma separated or repeated): identify, track, page, screen, group, alias", json!({"type": "string", "pattern": TYPE_LIST, "examples": ["track,page"]})),
        openapi_query("event", "Only track events of this name", json!({"type": "string"})),
        openapi_query("customer", "Only this customer's events: any of their user or anonymous ids (every id stitched to it counts)", json!({"type": "string"})),
    ]);
    let responses = openapi_responses(json!({
        "type": "object",
        "properties": {
            "events": {"type": "array", "items": {"type": "object", "description": "The event's Segment JSON as stored"}},
            "next_cursor": {"type": "string"},
            "has_more": {"type": "boolean"}
        },
        "required": ["events", "next_cursor", "has_more"]
    }));
    paths.insert(
        "/api/workspaces/{ws}/events".into(),
        json!({
            "parameters": params,
            "get": {
                "tags": ["Data out"], "operationId": "exportEvents",
                "summary": "The stored events in arrival order, filtered, as JSON pages or NDJSON, CSV or Parquet (streamed)",
                "responses": responses
            }
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_type_pattern_names_every_type_the_filter_takes() {
        let alternatives = TYPE_LIST
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(list, _)| list.split('|').collect::<Vec<_>>())
            .expect("a group of types");
        assert_eq!(alternatives, EVENT_TYPES);
    }
}
