//! The moments pages: the list, a moment with its backtest and activity log, deliveries
//! (dead letters to replay), tasks for staff and workspace secrets. The builder itself is the
//! generic form machinery of `ui/edit.rs` (`impl Editable for Moment`).

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use maud::Markup;
use serde::Deserialize;

use stig_model::{Moment, Workspace};
use stig_store::{
    Attempt, Delivery, DeliveryStatus, Firing, FiringQuery, Role, StoreError, TaskStatus,
};

use super::{flash, page_ctx};
use crate::auth::{CsrfForm, SessionUser};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Nav, page};
use crate::views::moments::{
    ActivityView, SecretsView, activity_log, backtest_panel, deliveries_page, moment_page,
    moments_page, secrets_page, tasks_page,
};
use crate::views::{FlashKind, urlencode};

/// Firings the activity log shows.
const FIRINGS: u32 = 50;
/// Deliveries and tasks a list shows.
const LISTED: u32 = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}/moments", get(list))
        .route("/w/{ws}/moments/{id}", get(show))
        .route("/w/{ws}/moments/{id}/backtest", get(backtest))
        .route("/w/{ws}/moments/{id}/activity", get(activity))
        .route("/w/{ws}/deliveries", get(deliveries))
        .route("/w/{ws}/deliveries/{id}/replay", post(replay))
        .route("/w/{ws}/tasks", get(tasks))
        .route("/w/{ws}/tasks/{id}", post(update_task))
        .route("/w/{ws}/secrets", get(secrets).post(set_secret))
        .route("/w/{ws}/secrets/generate", post(generate_secret))
        .route("/w/{ws}/secrets/{name}/delete", post(delete_secret))
}

fn tr<'a>(state: &'a AppState, user: &SessionUser) -> Tr<'a> {
    Tr {
        i18n: &state.i18n,
        locale: user.locale,
    }
}

async fn list(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let counts = state.store.moment_counts(&ws_id).await?;
    let body = moments_page(&ctx, &ws, &counts);
    Ok((jar, page(&ctx, &ctx.t("moments-title"), Nav::Moments, body)))
}

fn find_moment(ws: &Workspace, ws_id: &str, id: &str) -> Result<Moment, AppError> {
    ws.moments
        .iter()
        .find(|m| m.id == id)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("no moment `{id}` in `{ws_id}`")))
}

/// The attempts of every delivery tried at least once.
async fn attempts_of<'a>(
    state: &AppState,
    deliveries: impl Iterator<Item = &'a Delivery>,
) -> Result<HashMap<i64, Vec<Attempt>>, AppError> {
    let mut out = HashMap::new();
    for d in deliveries.filter(|d| d.attempts > 0) {
        out.insert(d.id, state.store.delivery_attempts(d.id).await?);
    }
    Ok(out)
}

/// A moment's newest firings and their attempts.
async fn load_activity(
    state: &AppState,
    ws_id: &str,
    moment: Option<&str>,
    customer: Option<&str>,
) -> Result<(Vec<Firing>, HashMap<i64, Vec<Attempt>>), AppError> {
    let firings = state
        .store
        .list_firings(
            ws_id,
            &FiringQuery {
                moment: moment.map(str::to_owned),
                customer: customer.map(str::to_owned),
                limit: FIRINGS,
            },
        )
        .await?;
    let attempts = attempts_of(state, firings.iter().flat_map(|f| &f.deliveries)).await?;
    Ok((firings, attempts))
}

async fn show(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let m = find_moment(&ws, &ws_id, &id)?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let counts = state
        .store
        .moment_counts(&ws_id)
        .await?
        .remove(&id)
        .unwrap_or_default();
    let (firings, attempts) = load_activity(&state, &ws_id, Some(&id), None).await?;
    let back = uri.path().to_owned();
    let view = ActivityView {
        firings: &firings,
        attempts: &attempts,
        back: &back,
        show_moment: false,
    };
    let body = moment_page(&ctx, &ws, &m, &counts, &view);
    Ok((jar, page(&ctx, &m.name, Nav::Moments, body)))
}

/// The backtest panel, as an HTML fragment (loaded by the moment's page).
async fn backtest(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let m = find_moment(&ws, &ws_id, &id)?;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let result =
        stig_runtime::moments::backtest(state.store.as_ref(), &ws_id, ws.clone(), &m).await?;
    Ok(backtest_panel(&ctx, &ws, &result))
}

/// The activity log, as an HTML fragment (refreshed by the moment's page).
async fn activity(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    find_moment(&ws, &ws_id, &id)?;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let (firings, attempts) = load_activity(&state, &ws_id, Some(&id), None).await?;
    let back = format!("/w/{}/moments/{}", urlencode(&ws_id), urlencode(&id));
    let view = ActivityView {
        firings: &firings,
        attempts: &attempts,
        back: &back,
        show_moment: false,
    };
    Ok(activity_log(&ctx, &ws, &view))
}

#[derive(Deserialize, Default)]
pub struct DeliveriesParams {
    #[serde(default)]
    status: Option<String>,
}

async fn deliveries(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
    Query(params): Query<DeliveriesParams>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let status = match params.status.as_deref() {
        None | Some("") => Some(DeliveryStatus::Dead),
        Some("all") => None,
        Some(s) => Some(s.parse::<DeliveryStatus>()?),
    };
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let list = state.store.list_deliveries(&ws_id, status, LISTED).await?;
    let attempts = attempts_of(&state, list.iter()).await?;
    let back = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned());
    let body = deliveries_page(&ctx, &ws, status, &list, &attempts, &back);
    Ok((
        jar,
        page(&ctx, &ctx.t("moments-deliveries-title"), Nav::Moments, body),
    ))
}

#[derive(Deserialize, Default)]
pub struct ReplayForm {
    #[serde(default)]
    next: String,
}

/// A path inside this workspace to come back to, else the deliveries page.
fn back_to(ws_id: &str, next: &str) -> String {
    let prefix = format!("/w/{}/", urlencode(ws_id));
    if next.starts_with(&prefix) && !next.contains("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        format!("/w/{}/deliveries", urlencode(ws_id))
    }
}

/// Puts a dead (or pending) delivery back in the queue, due now.
async fn replay(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, i64)>,
    CsrfForm(user, form): CsrfForm<ReplayForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let tr = tr(&state, &user);
    let back = back_to(&ws_id, &form.next);
    let jar = match state.store.replay_delivery(&ws_id, id).await {
        Ok(()) => {
            state.moments.wake_sender();
            flash::set(jar, FlashKind::Success, &tr.t("moments-replayed"))
        }
        Err(e @ StoreError::Invalid(_)) => flash::set(jar, FlashKind::Error, &e.to_string()),
        Err(e) => return Err(e.into()),
    };
    Ok((jar, Redirect::to(&back)).into_response())
}

async fn tasks(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let list = state.store.list_tasks(&ws_id, None, LISTED).await?;
    let body = tasks_page(&ctx, &ws, &list);
    Ok((
        jar,
        page(&ctx, &ctx.t("moments-tasks-title"), Nav::Moments, body),
    ))
}

#[derive(Deserialize, Default)]
pub struct TaskForm {
    /// `assign`, `done` or `reopen`.
    #[serde(default, rename = "do")]
    action: String,
    #[serde(default)]
    assignee: Option<String>,
}

/// Assigns a task, or marks it done or open again.
async fn update_task(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, i64)>,
    CsrfForm(user, form): CsrfForm<TaskForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let tr = tr(&state, &user);
    let assignee = form.assignee.as_deref().map(str::trim);
    let (assignee, status, message) = match form.action.as_str() {
        "done" => (None, Some(TaskStatus::Done), "moments-task-closed"),
        "reopen" => (None, Some(TaskStatus::Open), "moments-task-reopened"),
        _ => (
            Some(assignee.filter(|a| !a.is_empty())),
            None,
            "moments-task-assigned",
        ),
    };
    state
        .store
        .update_task(&ws_id, id, assignee, status)
        .await?;
    let jar = flash::set(jar, FlashKind::Success, &tr.t(message));
    Ok((
        jar,
        Redirect::to(&format!("/w/{}/tasks", urlencode(&ws_id))),
    )
        .into_response())
}

/// The secrets page's content, with a secret just generated or an error.
async fn secrets_body(
    state: &AppState,
    ctx: &crate::views::PageCtx<'_>,
    ws: &Workspace,
    ws_id: &str,
    generated: Option<(&str, &str)>,
    error: Option<&str>,
) -> Result<Markup, AppError> {
    let list = state.store.list_workspace_secrets(ws_id).await?;
    let view = SecretsView {
        secrets: &list,
        generated,
        error,
    };
    Ok(secrets_page(ctx, ws, &view))
}

async fn secrets(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let body = secrets_body(&state, &ctx, &ws, &ws_id, None, None).await?;
    Ok((
        jar,
        page(&ctx, &ctx.t("moments-secrets-title"), Nav::Moments, body),
    ))
}

#[derive(Deserialize, Default)]
pub struct SecretForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
}

/// A secret's name: letters, digits, `-`, `_` and `.`.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty()
        || name.len() > 100
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(format!(
            "`{name}` is not a secret name: use letters, digits, `-`, `_` and `.`"
        ));
    }
    Ok(())
}

/// Sets (or replaces) a secret from a name and a value.
async fn set_secret(
    State(state): State<AppState>,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
    CsrfForm(user, form): CsrfForm<SecretForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let name = form.name.trim();
    let result = match check_name(name) {
        Ok(()) if form.value.is_empty() => Err("the value is empty".to_owned()),
        Ok(()) => match state
            .store
            .set_workspace_secret(&ws_id, name, &form.value)
            .await
        {
            Ok(()) => Ok(()),
            Err(e @ StoreError::Invalid(_)) => Err(e.to_string()),
            Err(e) => return Err(e.into()),
        },
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            let tr = tr(&state, &user);
            let jar = flash::set(
                jar,
                FlashKind::Success,
                &tr.ta("moments-secret-saved", &[("name", name.to_owned().into())]),
            );
            Ok((
                jar,
                Redirect::to(&format!("/w/{}/secrets", urlencode(&ws_id))),
            )
                .into_response())
        }
        Err(error) => {
            let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
            let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
            let body = secrets_body(&state, &ctx, &ws, &ws_id, None, Some(&error)).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&ctx, &ctx.t("moments-secrets-title"), Nav::Moments, body),
            )
                .into_response())
        }
    }
}

/// Generates a webhook signing secret, stores it and shows it this once.
async fn generate_secret(
    State(state): State<AppState>,
    uri: Uri,
    Path(ws_id): Path<String>,
    CsrfForm(user, form): CsrfForm<SecretForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let name = form.name.trim();
    let (status, body) = match check_name(name) {
        Ok(()) => {
            let value = stig_deliver::new_secret();
            state
                .store
                .set_workspace_secret(&ws_id, name, &value)
                .await?;
            let body = secrets_body(
                &state,
                &ctx,
                &ws,
                &ws_id,
                Some((name, value.as_str())),
                None,
            )
            .await?;
            (StatusCode::CREATED, body)
        }
        Err(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            secrets_body(&state, &ctx, &ws, &ws_id, None, Some(&e)).await?,
        ),
    };
    Ok((
        status,
        // The value is on this page only: never cache it.
        [(header::CACHE_CONTROL, "no-store")],
        page(&ctx, &ctx.t("moments-secrets-title"), Nav::Moments, body),
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct EmptyForm {}

async fn delete_secret(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, name)): Path<(String, String)>,
    CsrfForm(user, _): CsrfForm<EmptyForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    state.store.delete_workspace_secret(&ws_id, &name).await?;
    let tr = tr(&state, &user);
    let jar = flash::set(
        jar,
        FlashKind::Success,
        &tr.ta("moments-secret-deleted", &[("name", name.clone().into())]),
    );
    Ok((
        jar,
        Redirect::to(&format!("/w/{}/secrets", urlencode(&ws_id))),
    )
        .into_response())
}
