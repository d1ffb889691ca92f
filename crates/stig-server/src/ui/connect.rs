//! `GET/POST /w/{ws}/sources/{id}/connect`: how to connect a website or an app to one source.
//! The write key is stored only as a hash, so the page fills it in only when the user gives
//! it in a form (a POST, never a URL that lands in logs). `GET …/connect/status`: the live
//! check's JSON, polled by the page.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jiff::Timestamp;
use serde::Deserialize;

use stig_store::{Role, SequencedEvent, Source};

use super::page_ctx;
use crate::auth::{CsrfForm, SessionUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::connect::{
    Arrival, ConnectView, LiveState, connect_page, live_text, refused_text,
};
use crate::views::layout::{Nav, page};

/// At most this many new events of the workspace are read per poll; the cursor goes on
/// from the last one read, so a busy workspace is caught up over a few polls.
const SCAN: u32 = 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}/sources/{id}/connect", get(show).post(fill))
        .route("/w/{ws}/sources/{id}/connect/status", get(status))
}

/// Where the live check starts from: an event cursor and a time (Unix ms) for refusals.
#[derive(Deserialize, Default)]
pub struct CheckFrom {
    after: Option<i64>,
    since: Option<i64>,
}

#[derive(Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    key: String,
    after: Option<i64>,
    since: Option<i64>,
}

/// The page with a placeholder for the key. Editors only: the role that may make write keys.
async fn show(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    headers: HeaderMap,
    Path((ws_id, id)): Path<(String, String)>,
    Query(from): Query<CheckFrom>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    render(&state, &user, &uri, &headers, (&ws_id, &id), None, from).await
}

/// The page with the write key the user gave filled in, if it is this source's.
async fn fill(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<KeyForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let from = CheckFrom {
        after: form.after,
        since: form.since,
    };
    let key = form.key.trim();
    let key = (!key.is_empty()).then_some(key);
    render(&state, &user, &uri, &headers, (&ws_id, &id), key, from).await
}

async fn render(
    state: &AppState,
    user: &SessionUser,
    uri: &Uri,
    headers: &HeaderMap,
    (ws_id, id): (&str, &str),
    key: Option<&str>,
    from: CheckFrom,
) -> Result<Response, AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let ctx = page_ctx(state, user, Some(&ws), Some(ws_id), uri, None).await?;
    let source = find_source(state, ws_id, id).await?;
    let key_ok = match key {
        Some(k) => state
            .store
            .source_for_write_key(k)
            .await?
            .is_some_and(|s| s.id == source.id && s.workspace == source.workspace),
        None => false,
    };
    let live = start_check(state, ws_id, id, from).await?;
    let base = crate::api::survey_links::base_url(state, headers);
    let view = ConnectView {
        source: &source,
        base_url: &base,
        key: key.filter(|_| key_ok),
        wrong_key: key.is_some() && !key_ok,
        live: &live,
    };
    let status = if view.wrong_key {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let title = ctx
        .tr
        .ta("connect-title", &[("name", source.name.clone().into())]);
    Ok((
        status,
        // The key may be on this page: never cache it.
        [(header::CACHE_CONTROL, "no-store")],
        page(&ctx, &title, Nav::Sources, connect_page(&ctx, &view)),
    )
        .into_response())
}

async fn find_source(state: &AppState, ws_id: &str, id: &str) -> Result<Source, AppError> {
    state
        .store
        .list_sources(ws_id)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::NotFound(format!("this workspace has no source `{id}`")))
}

/// The live check as the page first shows it: the source's last event, new if it came
/// after `from.after`; the poll goes on from the workspace's newest event.
async fn start_check(
    state: &AppState,
    ws_id: &str,
    id: &str,
    from: CheckFrom,
) -> Result<LiveState, AppError> {
    let store = &state.store;
    let newest = store.recent_events(ws_id, None, 1).await?;
    let cursor = newest.first().map_or(0, |e| e.seq);
    let last = store
        .recent_events(ws_id, Some(id), 1)
        .await?
        .first()
        .map(arrival);
    let since_ms = from
        .since
        .unwrap_or_else(|| Timestamp::now().as_millisecond());
    Ok(LiveState {
        cursor,
        arrived: match (&last, from.after) {
            (Some(a), Some(after)) => a.seq > after,
            _ => false,
        },
        last,
        since_ms,
        refused: refused_since(state, ws_id, id, since_ms).await?,
    })
}

/// The status of the source's newest refused request after `since_ms`, if any.
async fn refused_since(
    state: &AppState,
    ws_id: &str,
    id: &str,
    since_ms: i64,
) -> Result<Option<u16>, AppError> {
    Ok(state
        .store
        .recent_rejections(ws_id, Some(id), 1)
        .await?
        .first()
        .filter(|r| r.at.as_millisecond() > since_ms)
        .map(|r| r.status))
}

/// What the live check shows of an event: its type, name and arrival time, nothing else.
fn arrival(e: &SequencedEvent) -> Arrival {
    let ev = &e.event;
    let name = ev.event.clone().or_else(|| {
        matches!(ev.kind.as_str(), "page" | "screen")
            .then(|| {
                ev.body
                    .get("name")
                    .and_then(|n| n.as_str())
                    .map(str::to_owned)
            })
            .flatten()
    });
    Arrival {
        seq: e.seq,
        kind: ev.kind.clone(),
        name,
        at: ev.received_at,
    }
}

/// `{"cursor", "state": "arrived"|"waiting", "text" (when arrived), "refused" (a sentence or
/// null)}`: this source's newest event among the workspace's events after `after`.
async fn status(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path((ws_id, id)): Path<(String, String)>,
    Query(from): Query<CheckFrom>,
) -> Result<Response, AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    find_source(&state, &ws_id, &id).await?;
    let after = match from.after {
        Some(after) => after,
        None => state
            .store
            .recent_events(&ws_id, None, 1)
            .await?
            .first()
            .map_or(0, |e| e.seq),
    };
    let events = state.store.scan_events(&ws_id, after, SCAN).await?;
    let cursor = events.last().map_or(after, |e| e.seq);
    let last = events
        .iter()
        .rev()
        .find(|e| e.event.source.as_deref() == Some(id.as_str()))
        .map(arrival);
    let since_ms = from
        .since
        .unwrap_or_else(|| Timestamp::now().as_millisecond());
    let live = LiveState {
        cursor,
        arrived: last.is_some(),
        last,
        since_ms,
        refused: refused_since(&state, &ws_id, &id, since_ms).await?,
    };
    let (check, text) = live_text(&ctx, &live);
    let refused = refused_text(&ctx, &live);
    let body = serde_json::json!({
        "cursor": cursor,
        "state": check,
        "text": live.arrived.then_some(text),
        "refused": (!refused.is_empty()).then_some(refused),
    });
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}
