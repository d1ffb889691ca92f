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
    ActivityView, EmailPreviews, SecretsView, TaskPeople, activity_log, backtest_panel,
    deliveries_page, enable_confirm_page, moment_page, moments_page, secrets_page, tasks_page,
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
        .route("/w/{ws}/moments/{id}/enable", post(enable))
        .route("/w/{ws}/moments/{id}/test-email", post(test_email))
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
    let previews = email_previews(&state, &ws_id, &ws, &m).await;
    let body = moment_page(&ctx, &ws, &m, &counts, &view, &previews);
    Ok((jar, page(&ctx, &m.name, Nav::Moments, body)))
}

/// The backtest panel, as an HTML fragment (loaded by the moment's page), or as a page of
/// its own when opened directly (no `HX-Request` header).
async fn backtest(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    headers: axum::http::HeaderMap,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let m = find_moment(&ws, &ws_id, &id)?;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let result =
        stig_runtime::moments::backtest(state.store.as_ref(), &ws_id, ws.clone(), &m).await?;
    let panel = backtest_panel(&ctx, &ws, &m, &result);
    if headers.contains_key("hx-request") {
        return Ok(panel);
    }
    let body = crate::views::moments::backtest_standalone(&ctx, &m, panel);
    Ok(page(&ctx, &m.name, Nav::Moments, body))
}

#[derive(Deserialize, Default)]
pub struct EnableForm {
    /// `enable` or `disable`.
    #[serde(default, rename = "do")]
    action: String,
    /// What the backtest found when the button was offered (`fired/customers`); empty when
    /// the moment is enabled without one.
    #[serde(default)]
    backtested: String,
    /// Non-empty: enable without a backtest, confirmed.
    #[serde(default)]
    confirmed: String,
}

/// Switches a moment on or off. Switching on without a backtest asks first (a page that
/// offers the backtest, or to go ahead), so nothing goes live unseen.
async fn enable(
    State(state): State<AppState>,
    uri: Uri,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<EnableForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let mut m = find_moment(&ws, &ws_id, &id)?;
    let on = form.action != "disable";
    if on && form.backtested.trim().is_empty() && form.confirmed.is_empty() {
        let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
        let body = enable_confirm_page(&ctx, &m);
        return Ok(page(&ctx, &m.name, Nav::Moments, body).into_response());
    }
    m.enabled = on;
    crate::edit::save(&state, &ws_id, Some(&id), m, None, &user.user.name).await?;
    let switched = if on {
        stig_store::AuditAction::MomentEnabled
    } else {
        stig_store::AuditAction::MomentDisabled
    };
    crate::audit::did(&state, &user.user, switched, Some(&ws_id), ("moment", &id)).await;
    let tr = tr(&state, &user);
    let jar = flash::set(
        jar,
        FlashKind::Success,
        &tr.t(if on {
            "moments-now-enabled"
        } else {
            "moments-now-disabled"
        }),
    );
    Ok((
        jar,
        Redirect::to(&format!(
            "/w/{}/moments/{}",
            urlencode(&ws_id),
            urlencode(&id)
        )),
    )
        .into_response())
}

/// A context for previews: a recent customer's traits (one with a name and an e-mail
/// address if any of the newest few has them), else an invented customer.
pub(crate) async fn preview_context(
    state: &AppState,
    ws_id: &str,
    ws: &Workspace,
    m: &Moment,
) -> serde_json::Value {
    let mut best: Option<(u8, String, serde_json::Map<String, serde_json::Value>)> = None;
    if let Some(read) = state.live.read(ws_id).await {
        let cards = &read.view.index.directory.cards;
        for c in cards.iter().rev().take(200) {
            let traits = c.traits();
            let has = |keys: &[&str]| {
                keys.iter()
                    .any(|k| traits.get(*k).is_some_and(|v| v.is_string()))
            };
            let score =
                u8::from(has(&["email"])) * 2 + u8::from(has(&["name", "first_name", "firstName"]));
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, c.id.clone(), traits));
            }
            if score == 3 {
                break;
            }
        }
    }
    match best.filter(|b| b.0 > 0) {
        Some((_, id, traits)) => {
            stig_runtime::moments::sample_context(ws_id, ws, m, &id, Some(traits))
        }
        None => stig_runtime::moments::sample_context(ws_id, ws, m, "preview", None),
    }
}

/// Each email action of a moment rendered in each of its languages.
async fn email_previews(
    state: &AppState,
    ws_id: &str,
    ws: &Workspace,
    m: &Moment,
) -> EmailPreviews {
    if !m
        .actions
        .iter()
        .any(|a| matches!(a, stig_model::Action::Email { .. }))
    {
        return EmailPreviews::default();
    }
    let context = preview_context(state, ws_id, ws, m).await;
    EmailPreviews {
        customer: context["customer"]["name"]
            .as_str()
            .or_else(|| context["customer"]["id"].as_str())
            .unwrap_or_default()
            .to_owned(),
        actions: m
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| matches!(a, stig_model::Action::Email { .. }))
            .map(|(i, _)| (i, stig_runtime::moments::preview_emails(ws, m, i, &context)))
            .collect(),
    }
}

/// The signed-in user's e-mail address: their user name, where it is one.
pub(crate) fn user_email(name: &str) -> Option<&str> {
    let name = name.trim();
    let (local, domain) = name.split_once('@')?;
    (!local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !name.contains(char::is_whitespace))
    .then_some(name)
}

/// Why a test email could not go, in words for the person who asked; `Ok` names the
/// address it went to.
pub(crate) async fn send_test(
    state: &AppState,
    ws_id: &str,
    ws: &Workspace,
    m: &Moment,
    action: usize,
    language: &str,
    user_name: &str,
) -> Result<String, String> {
    let to = user_email(user_name).ok_or_else(|| {
        format!(
            "your user name `{user_name}` is not an e-mail address, so there is nowhere to send a test; sign in as a user named by their e-mail address"
        )
    })?;
    if ws.settings.smtp.is_none() {
        return Err(
            "this workspace has no mail server: set `smtp` in its settings (stig.toml) first"
                .into(),
        );
    }
    let context = preview_context(state, ws_id, ws, m).await;
    let previews = stig_runtime::moments::preview_emails(ws, m, action, &context);
    let p = previews
        .iter()
        .find(|p| p.language == language)
        .or_else(|| previews.first())
        .ok_or_else(|| format!("action {} of `{}` is not an email", action + 1, m.id))?;
    stig_runtime::moments::send_test_email(
        state.store.as_ref(),
        &state.moments.targets,
        ws_id,
        ws,
        to,
        &format!("[TEST] {}", p.subject),
        &p.text,
        &p.language,
    )
    .await
    .map(|_| to.to_owned())
    .map_err(|f| f.message)
}

#[derive(Deserialize, Default)]
pub struct TestEmailForm {
    #[serde(default)]
    action: usize,
    /// The language to send it in.
    #[serde(default)]
    lang: String,
}

/// Sends one email action, rendered for the sample customer in one language, to the
/// signed-in user.
async fn test_email(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<TestEmailForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let m = find_moment(&ws, &ws_id, &id)?;
    let tr = tr(&state, &user);
    let jar = match send_test(
        &state,
        &ws_id,
        &ws,
        &m,
        form.action,
        &form.lang,
        &user.user.name,
    )
    .await
    {
        Ok(to) => flash::set(
            jar,
            FlashKind::Success,
            &tr.ta("moments-test-sent", &[("to", to.into())]),
        ),
        Err(why) => flash::set(
            jar,
            FlashKind::Error,
            &tr.ta("moments-test-failed", &[("why", why.into())]),
        ),
    };
    Ok((
        jar,
        Redirect::to(&format!(
            "/w/{}/moments/{}#emails",
            urlencode(&ws_id),
            urlencode(&id)
        )),
    )
        .into_response())
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
    match crate::redirect::safe_next(next) {
        Some(next) if next.starts_with(&prefix) && !next.contains("//") => next,
        _ => format!("/w/{}/deliveries", urlencode(ws_id)),
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
            crate::audit::did(
                &state,
                &user.user,
                stig_store::AuditAction::DeliveryReplayed,
                Some(&ws_id),
                ("delivery", &id.to_string()),
            )
            .await;
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
    let people = task_people(&state, &ws_id, &list).await?;
    let body = tasks_page(&ctx, &ws, &list, &people);
    Ok((
        jar,
        page(&ctx, &ctx.t("moments-tasks-title"), Nav::Moments, body),
    ))
}

/// Who each task is about and where: the name and contact details from the customer's
/// traits (the live view), else what the task's delivery recorded when it fired.
async fn task_people(
    state: &AppState,
    ws_id: &str,
    tasks: &[stig_store::Task],
) -> Result<TaskPeople, AppError> {
    let read = state.live.read(ws_id).await;
    let mut people = TaskPeople::default();
    for t in tasks {
        let payload = match state.store.delivery(ws_id, t.delivery).await {
            Ok(d) => d.payload,
            Err(e) if e.is_not_found() => serde_json::Value::Null,
            Err(e) => return Err(e.into()),
        };
        let text = |v: &serde_json::Value| {
            v.as_str()
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
        };
        let mut who = crate::views::moments::TaskPerson {
            name: text(&payload["contact"]["name"]),
            email: text(&payload["contact"]["email"]),
            phone: text(&payload["contact"]["phone"]),
            touchpoint: text(&payload["touchpoint"]),
            touchpoint_name: text(&payload["touchpoint_name"]),
        };
        if let Some(card) = read
            .as_ref()
            .and_then(|r| r.view.index.directory.get(&t.customer))
        {
            let traits = card.traits();
            let trait_text =
                |keys: &[&str]| keys.iter().find_map(|k| traits.get(*k).and_then(&text));
            if card.name != card.id {
                who.name = Some(card.name.clone());
            }
            who.email = trait_text(&["email"]).or(who.email);
            who.phone =
                trait_text(&["phone", "phone_number", "phoneNumber", "mobile"]).or(who.phone);
        }
        people.insert(t.id, who);
    }
    Ok(people)
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
    // As the API: editors see which secrets exist, only admins set or delete them.
    user.require(Role::Editor)?;
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
    user.require(Role::Admin)?;
    let name = form.name.trim();
    let result = match check_name(name) {
        Ok(()) if form.value.is_empty() => Err("the value is empty".to_owned()),
        Ok(()) => match state
            .store
            .set_workspace_secret(&ws_id, name, &form.value)
            .await
        {
            Ok(()) => {
                let set = stig_store::AuditAction::SecretSet;
                crate::audit::did(&state, &user.user, set, Some(&ws_id), ("secret", name)).await;
                Ok(())
            }
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
    user.require(Role::Admin)?;
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
            let set = stig_store::AuditAction::SecretSet;
            crate::audit::did(&state, &user.user, set, Some(&ws_id), ("secret", name)).await;
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
    user.require(Role::Admin)?;
    state.store.delete_workspace_secret(&ws_id, &name).await?;
    let deleted = stig_store::AuditAction::SecretDeleted;
    crate::audit::did(&state, &user.user, deleted, Some(&ws_id), ("secret", &name)).await;
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
