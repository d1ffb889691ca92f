//! Fragments that htmx loads into a page (a moment's backtest, its activity log, the
//! debugger's live list) become whole pages when opened directly: a bookmarked, shared or
//! middle-clicked fragment URL gets the layout, styles and navigation around it. htmx marks
//! its own requests with `HX-Request`; those get the bare fragment as before.

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{Method, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::{PreEscaped, html};

use crate::auth::SessionUser;
use crate::state::AppState;
use crate::views::layout::{page, section_of};

/// Fragments are small; anything bigger than this is passed on untouched.
const MAX_FRAGMENT: usize = 4 * 1024 * 1024;

/// Middleware: wraps an HTML fragment answered to a plain (non-htmx) `GET /w/…` in the page
/// layout.
pub async fn fragments_standalone(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let candidate = req.method() == Method::GET
        && !req.headers().contains_key("hx-request")
        && req.uri().path().starts_with("/w/");
    if !candidate {
        return next.run(req).await;
    }
    let uri = req.uri().clone();
    let headers = req.headers().clone();
    let res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !res.status().is_success() || !is_html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FRAGMENT).await else {
        // Too big to be a fragment (or the body failed): nothing sensible to send.
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    let head = text.trim_start().get(..9).unwrap_or_default();
    if head.eq_ignore_ascii_case("<!doctype") {
        return Response::from_parts(parts, Body::from(bytes));
    }
    match wrap(&state, &uri, headers, &text).await {
        Some(html) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(html))
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// The fragment inside the layout of its workspace and section, with a link to the page it
/// belongs to. `None` when the session or workspace cannot be loaded (the fragment is then
/// sent as it is).
async fn wrap(
    state: &AppState,
    uri: &Uri,
    headers: axum::http::HeaderMap,
    fragment: &str,
) -> Option<String> {
    let (mut req_parts, ()) = Request::builder()
        .uri(uri.clone())
        .body(())
        .ok()?
        .into_parts();
    req_parts.headers = headers;
    let user = SessionUser::from_request_parts(&mut req_parts, state)
        .await
        .ok()?;
    let mut segments = uri.path().trim_start_matches('/').split('/').skip(1);
    let ws_id = percent_encoding::percent_decode_str(segments.next()?)
        .decode_utf8()
        .ok()?
        .into_owned();
    let (_, ws) = state
        .cache
        .workspace(state.store.as_ref(), &ws_id)
        .await
        .ok()?;
    let ctx = super::page_ctx(state, &user, Some(&ws), Some(&ws_id), uri, None)
        .await
        .ok()?;
    let (nav, key) = section_of(segments.next().unwrap_or_default());
    let parent = uri
        .path()
        .rsplit_once('/')
        .map_or("/", |(p, _)| if p.is_empty() { "/" } else { p });
    let title = ctx.t(key);
    let content = html! {
        p.crumbs { a href=(parent) { "← " (ctx.t("action-back")) } }
        div.standalone-fragment { (PreEscaped(fragment)) }
    };
    Some(page(&ctx, &title, nav, content).into_string())
}
