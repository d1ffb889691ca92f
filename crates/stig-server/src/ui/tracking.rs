//! The tracking plan page (under Sources): what the workspace has received, from the live
//! view (counted as events arrive, never by scanning on a page view).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::routing::get;
use axum_extra::extract::CookieJar;
use maud::Markup;

use super::{flash, page_ctx};
use crate::auth::SessionUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::layout::{Nav, page};
use crate::views::tracking::tracking_page;

pub fn routes() -> Router<AppState> {
    Router::new().route("/w/{ws}/tracking-plan", get(show))
}

/// The workspace's tracking plan as of the live view; "being built" (503) only before the
/// workspace's first build.
pub async fn plan(
    state: &AppState,
    ws_id: &str,
) -> Result<std::sync::Arc<stig_runtime::tracking::TrackingPlan>, AppError> {
    state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let read = state.live.read(ws_id).await.ok_or_else(|| {
        AppError::Building(format!(
            "the tracking plan of `{ws_id}` is being counted from its events; this page reloads by itself"
        ))
    })?;
    Ok(read.view.tracking.clone())
}

async fn show(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let plan = plan(&state, &ws_id).await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let body = tracking_page(&ctx, &plan);
    Ok((
        jar,
        page(&ctx, &ctx.t("moments-plan-title"), Nav::Sources, body),
    ))
}
