//! `GET/POST /w/{ws}/sources`: sources and their write keys; `POST
//! /w/{ws}/sources/{id}/origins`: the web origins a source accepts; `GET
//! /w/{ws}/sources/debugger`: the live event debugger (its list refreshes itself from
//! `…/debugger/live`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use maud::Markup;
use serde::Deserialize;

use stig_store::{Rejection, Role, SequencedEvent, Source, StoreError};

use super::{flash, page_ctx};
use crate::auth::{CsrfForm, SessionUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::layout::{Nav, page};
use crate::views::sources::{
    DebuggerView, OriginsError, SourcesView, debugger_live, debugger_page, sources_page,
};
use crate::views::{FlashKind, PageCtx, urlencode};

/// Events and refusals the debugger shows.
const SHOWN: u32 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}/sources", get(list).post(create))
        .route("/w/{ws}/sources/{id}/origins", post(set_origins))
        .route("/w/{ws}/sources/{id}/delete", post(delete))
        .route("/w/{ws}/sources/debugger", get(debugger))
        .route("/w/{ws}/sources/debugger/live", get(live))
}

/// Where clients reach this server, from the request (for the snippets).
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    format!("http://{host}")
}

async fn list(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    headers: HeaderMap,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let body = sources_body(&state, &ctx, &ws_id, &headers, None, None, None).await?;
    Ok((
        jar,
        page(&ctx, &ctx.t("page-sources-title"), Nav::Sources, body),
    ))
}

/// The sources page's content, with a key just created or an error from creating one.
async fn sources_body(
    state: &AppState,
    ctx: &PageCtx<'_>,
    ws_id: &str,
    headers: &HeaderMap,
    created: Option<(&str, &str)>,
    error: Option<&str>,
    origins_error: Option<OriginsError<'_>>,
) -> Result<Markup, AppError> {
    let sources = state.store.list_sources(ws_id).await?;
    let counts = state.store.source_counts(ws_id).await?;
    let base = base_url(headers);
    let view = SourcesView {
        sources: &sources,
        counts: &counts,
        unknown_keys: state.collector.unknown_keys(),
        created,
        base_url: &base,
        error,
        origins_error,
    };
    Ok(sources_page(ctx, &view))
}

#[derive(Deserialize)]
pub struct NewSource {
    #[serde(default)]
    name: String,
}

/// Creates a source and shows its write key, once (it is stored only as a hash).
async fn create(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Path(ws_id): Path<String>,
    CsrfForm(user, form): CsrfForm<NewSource>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let result = state.store.create_source(&ws_id, &form.name).await;
    let (status, created, error) = match result {
        Ok((source, key)) => {
            let created = stig_store::AuditAction::SourceCreated;
            let what = ("source", source.id.as_str());
            crate::audit::did(&state, &user.user, created, Some(&ws_id), what).await;
            (StatusCode::CREATED, Some((source.name, key)), None)
        }
        Err(e @ (StoreError::Invalid(_) | StoreError::AlreadyExists { .. })) => {
            (StatusCode::UNPROCESSABLE_ENTITY, None, Some(e.to_string()))
        }
        Err(e) => return Err(e.into()),
    };
    let created = created.as_ref().map(|(n, k)| (n.as_str(), k.as_str()));
    let body = sources_body(
        &state,
        &ctx,
        &ws_id,
        &headers,
        created,
        error.as_deref(),
        None,
    )
    .await?;
    Ok((
        status,
        // The key is on this page only: never cache it.
        [(header::CACHE_CONTROL, "no-store")],
        page(&ctx, &ctx.t("page-sources-title"), Nav::Sources, body),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct OriginsForm {
    #[serde(default)]
    origins: String,
}

/// Sets the origins a source accepts (as typed: separated by commas, spaces or lines; empty
/// or `*`: any). A list that does not parse shows the page again with the error at the form.
async fn set_origins(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<OriginsForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let source = state
        .store
        .list_sources(&ws_id)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::NotFound(format!("no source `{id}` in `{ws_id}`")))?;
    let origins = match stig_store::parse_origins(&form.origins) {
        Ok(origins) => origins,
        Err(StoreError::Invalid(message)) => {
            let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
            let failed = OriginsError {
                source: &source.id,
                typed: &form.origins,
                message: &message,
            };
            let body =
                sources_body(&state, &ctx, &ws_id, &headers, None, None, Some(failed)).await?;
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&ctx, &ctx.t("page-sources-title"), Nav::Sources, body),
            )
                .into_response());
        }
        Err(e) => return Err(e.into()),
    };
    state
        .store
        .set_source_origins(&ws_id, &source.id, origins.as_deref())
        .await?;
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("name", source.name.clone());
    let text = state
        .i18n
        .message(user.locale, "source-origins-saved", Some(&args));
    let jar = flash::set(jar, FlashKind::Success, &text);
    let url = format!("/w/{}/sources#origins", urlencode(&ws_id));
    Ok((jar, Redirect::to(&url)).into_response())
}

#[derive(Deserialize, Default)]
pub struct DebuggerParams {
    #[serde(default)]
    source: Option<String>,
}

async fn debugger(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
    Query(params): Query<DebuggerParams>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let data = DebuggerData::load(&state, &ws_id, params.source).await?;
    let view = data.view();
    let body = debugger_page(&ctx, &view);
    Ok((
        jar,
        page(&ctx, &ctx.t("page-debugger-title"), Nav::Sources, body),
    ))
}

/// What the debugger shows: the newest events and refusals, of one source or all.
struct DebuggerData {
    sources: Vec<Source>,
    source: Option<String>,
    events: Vec<SequencedEvent>,
    rejections: Vec<Rejection>,
    /// Requests refused for a missing or unknown write key (they name no source).
    unknown_keys: u64,
}

impl DebuggerData {
    async fn load(state: &AppState, ws_id: &str, source: Option<String>) -> Result<Self, AppError> {
        let source = source.filter(|s| !s.is_empty());
        let store = &state.store;
        Ok(DebuggerData {
            sources: store.list_sources(ws_id).await?,
            events: store.recent_events(ws_id, source.as_deref(), SHOWN).await?,
            rejections: store
                .recent_rejections(ws_id, source.as_deref(), SHOWN)
                .await?,
            source,
            unknown_keys: state.collector.unknown_keys(),
        })
    }

    fn view(&self) -> DebuggerView<'_> {
        DebuggerView {
            sources: &self.sources,
            source: self.source.as_deref(),
            events: &self.events,
            rejections: &self.rejections,
            unknown_keys: self.unknown_keys,
        }
    }
}

/// The debugger's self-refreshing part, as an HTML fragment.
async fn live(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path(ws_id): Path<String>,
    Query(params): Query<DebuggerParams>,
) -> Result<Markup, AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let data = DebuggerData::load(&state, &ws_id, params.source).await?;
    let view = data.view();
    Ok(debugger_live(&ctx, &view))
}

#[derive(Deserialize)]
pub struct DeleteForm {}

/// Deletes a source (editors): its write key is refused from then on and its streaming
/// destinations go with it; the events it sent stay.
async fn delete(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, _): CsrfForm<DeleteForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let sources = state.store.list_sources(&ws_id).await?;
    let source = sources
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::NotFound(format!("there is no source `{id}` in `{ws_id}`")))?;
    for d in state
        .store
        .list_destinations(Some(&ws_id), Some(&id))
        .await?
    {
        state.store.delete_destination(&ws_id, &d.id).await?;
    }
    state.store.delete_source(&ws_id, &id).await?;
    let deleted = stig_store::AuditAction::SourceDeleted;
    crate::audit::did(&state, &user.user, deleted, Some(&ws_id), ("source", &id)).await;
    let tr = crate::i18n::Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    let jar = flash::set(
        jar,
        FlashKind::Success,
        &tr.ta("source-deleted", &[("name", source.name.clone().into())]),
    );
    Ok((
        jar,
        Redirect::to(&format!("/w/{}/sources", urlencode(&ws_id))),
    )
        .into_response())
}
