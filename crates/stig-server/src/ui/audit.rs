//! `GET /admin/audit` (admin): the audit log with filters, pages of 50, whether the chain
//! holds, and the filtered entries as a download (through `GET /api/audit?format=…`, which a
//! browser session may read).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum_extra::extract::CookieJar;
use maud::Markup;
use stig_store::{AuditQuery, Role};

use super::{flash, page_ctx};
use crate::api::audit::AuditParams;
use crate::auth::SessionUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::audit::{AuditView, audit_page};
use crate::views::layout::{Nav, page as layout_page};

/// Entries on one page.
const PAGE: u32 = 50;

pub async fn page(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    params: Result<Query<AuditParams>, QueryRejection>,
) -> Result<(CookieJar, Markup), AppError> {
    user.require(Role::Admin)?;
    let Query(params) = params.map_err(|e| AppError::BadRequest(e.body_text()))?;
    // A bad filter is said on the page, next to the form, with the unfiltered log below.
    let (query, error) = match params.query() {
        Ok(q) => (q, None),
        Err(e) => (AuditQuery::default(), Some(e.to_string())),
    };
    let query = AuditQuery {
        limit: PAGE,
        ..query
    };
    let entries = state.store.list_audit(&query).await?;
    let next_before = (entries.len() == PAGE as usize)
        .then(|| entries.last().map(|e| e.seq))
        .flatten();
    let verification = state.store.verify_audit().await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, None, None, &uri, flash).await?;
    let view = AuditView {
        params: &params,
        entries: &entries,
        verification: &verification,
        next_before,
        error: error.as_deref(),
    };
    let title = ctx.t("audit-title");
    Ok((
        jar,
        layout_page(&ctx, &title, Nav::None, audit_page(&ctx, &view)),
    ))
}
