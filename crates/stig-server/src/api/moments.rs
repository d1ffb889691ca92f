//! Business moments over REST, beside their definitions (`/moments`, the entity routes):
//! the backtest, the activity log, deliveries with their attempts (dead letters replayed),
//! tasks for staff, and workspace secrets (written, listed by name, never read back).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use stig_model::Moment;
use stig_pipeline::moments::Backtest;
use stig_store::{
    Attempt, Delivery, DeliveryStatus, Firing, FiringQuery, Role, SecretInfo, Task, TaskStatus,
};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError, FieldError};
use crate::state::AppState;

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1_000;

fn limit(l: Option<u32>) -> u32 {
    l.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

/// `GET …/moments/{id}/backtest`: the stored moment over the stored history.
pub async fn backtest_stored(
    State(state): State<AppState>,
    _user: ApiUser,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Json<Backtest>, ApiError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let moment = ws
        .moments
        .iter()
        .find(|m| m.id == id)
        .ok_or_else(|| AppError::NotFound(format!("no moment `{id}` in `{ws_id}`")))?;
    Ok(Json(
        stig_runtime::moments::backtest(state.store.as_ref(), &ws_id, ws.clone(), moment)
            .await
            .map_err(AppError::from)?,
    ))
}

/// `POST …/moments/backtest` with a moment as the body: try one before saving it.
pub async fn backtest_draft(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws_id): Path<String>,
    body: Result<Json<Moment>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Backtest>, ApiError> {
    let Json(moment) = body.map_err(|e| {
        AppError::BadRequest(format!("the body is not a moment: {}", e.body_text()))
    })?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    // Checked as if saved: a draft naming an unknown journey is an error, not zero firings.
    let mut with = (*ws).clone();
    with.moments.retain(|m| m.id != moment.id);
    with.moments.push(moment.clone());
    let errors: Vec<FieldError> = stig_model::validate(&with)
        .into_iter()
        .filter(|d| {
            d.severity() == stig_model::Severity::Error
                && d.location.origin == stig_model::Origin::Moment(with.moments.len() - 1)
        })
        .map(|d| FieldError {
            field: d.location.to_string(),
            message: d.message,
        })
        .collect();
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    Ok(Json(
        stig_runtime::moments::backtest(state.store.as_ref(), &ws_id, ws, &moment)
            .await
            .map_err(AppError::from)?,
    ))
}

#[derive(Deserialize)]
pub struct FiringParams {
    moment: Option<String>,
    customer: Option<String>,
    limit: Option<u32>,
}

/// `GET …/firings?moment=&customer=&limit=`: the activity log, newest first, each firing
/// with its deliveries.
pub async fn firings(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws_id): Path<String>,
    Query(p): Query<FiringParams>,
) -> Result<Json<Vec<Firing>>, ApiError> {
    let q = FiringQuery {
        moment: p.moment.filter(|s| !s.is_empty()),
        customer: p.customer.filter(|s| !s.is_empty()),
        limit: limit(p.limit),
    };
    Ok(Json(
        state
            .store
            .list_firings(&ws_id, &q)
            .await
            .map_err(AppError::from)?,
    ))
}

#[derive(Deserialize)]
pub struct DeliveryParams {
    status: Option<String>,
    limit: Option<u32>,
}

/// `GET …/deliveries?status=pending|delivered|dead`: `dead` is the dead-letter list.
pub async fn deliveries(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws_id): Path<String>,
    Query(p): Query<DeliveryParams>,
) -> Result<Json<Vec<Delivery>>, ApiError> {
    let status = match super::given(p.status.as_deref()) {
        None => None,
        Some(s) => Some(s.parse::<DeliveryStatus>().map_err(|_| {
            AppError::Invalid(vec![FieldError {
                field: "status".into(),
                message: format!("`{s}` is not pending, delivered or dead"),
            }])
        })?),
    };
    Ok(Json(
        state
            .store
            .list_deliveries(&ws_id, status, limit(p.limit))
            .await
            .map_err(AppError::from)?,
    ))
}

#[derive(Serialize)]
pub struct DeliveryDetail {
    #[serde(flatten)]
    delivery: Delivery,
    attempts: Vec<Attempt>,
}

/// `GET …/deliveries/{id}`: one delivery with every attempt.
pub async fn delivery(
    State(state): State<AppState>,
    _user: ApiUser,
    Path((ws_id, id)): Path<(String, i64)>,
) -> Result<Json<DeliveryDetail>, ApiError> {
    let delivery = state
        .store
        .delivery(&ws_id, id)
        .await
        .map_err(AppError::from)?;
    let attempts = state
        .store
        .delivery_attempts(id)
        .await
        .map_err(AppError::from)?;
    Ok(Json(DeliveryDetail { delivery, attempts }))
}

/// `POST …/deliveries/{id}/replay`: a dead letter (or a waiting retry) goes out now.
pub async fn replay(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws_id, id)): Path<(String, i64)>,
) -> Result<Json<Delivery>, ApiError> {
    user.require(Role::Editor)?;
    state
        .store
        .replay_delivery(&ws_id, id)
        .await
        .map_err(AppError::from)?;
    state.moments.wake_sender();
    let replayed = stig_store::AuditAction::DeliveryReplayed;
    let what = ("delivery", id.to_string());
    crate::audit::did(&state, &user.0, replayed, Some(&ws_id), (what.0, &what.1)).await;
    Ok(Json(
        state
            .store
            .delivery(&ws_id, id)
            .await
            .map_err(AppError::from)?,
    ))
}

#[derive(Deserialize)]
pub struct TaskParams {
    status: Option<String>,
    limit: Option<u32>,
}

/// `GET …/tasks?status=open|done`.
pub async fn tasks(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws_id): Path<String>,
    Query(p): Query<TaskParams>,
) -> Result<Json<Vec<Task>>, ApiError> {
    let status = match super::given(p.status.as_deref()) {
        None => None,
        Some(s) => Some(s.parse::<TaskStatus>().map_err(|_| {
            AppError::Invalid(vec![FieldError {
                field: "status".into(),
                message: format!("`{s}` is not open or done"),
            }])
        })?),
    };
    Ok(Json(
        state
            .store
            .list_tasks(&ws_id, status, limit(p.limit))
            .await
            .map_err(AppError::from)?,
    ))
}

/// A change to a task: `{"assignee": "kari"}`, `{"assignee": null}`, `{"status": "done"}`.
#[derive(Deserialize)]
pub struct TaskChange {
    #[serde(default, deserialize_with = "present")]
    assignee: Option<Option<String>>,
    status: Option<TaskStatus>,
}

/// A field that is present (even as `null`) is `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// `PATCH …/tasks/{id}`.
pub async fn update_task(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws_id, id)): Path<(String, i64)>,
    body: Result<Json<TaskChange>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Task>, ApiError> {
    user.require(Role::Editor)?;
    let Json(change) = body.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let assignee = change
        .assignee
        .as_ref()
        .map(|a| a.as_deref().map(str::trim).filter(|a| !a.is_empty()));
    let task = state
        .store
        .update_task(&ws_id, id, assignee, change.status)
        .await
        .map_err(AppError::from)?;
    Ok(Json(task))
}

/// `GET …/secrets`: names and when they changed, never values.
pub async fn secrets(
    State(state): State<AppState>,
    user: ApiUser,
    Path(ws_id): Path<String>,
) -> Result<Json<Vec<SecretInfo>>, ApiError> {
    user.require(Role::Editor)?;
    Ok(Json(
        state
            .store
            .list_workspace_secrets(&ws_id)
            .await
            .map_err(AppError::from)?,
    ))
}

#[derive(Deserialize, Default)]
pub struct SecretBody {
    value: Option<String>,
}

#[derive(Serialize)]
pub struct SecretSet {
    name: String,
    /// Only when Stig generated it: shown this once.
    #[serde(skip_serializing_if = "Option::is_none")]
    generated: Option<String>,
}

/// `PUT …/secrets/{name}` with `{"value": "…"}`, or no value to have a webhook secret
/// (`whsec_…`) generated and returned this once.
pub async fn set_secret(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws_id, name)): Path<(String, String)>,
    body: Option<Json<SecretBody>>,
) -> Result<Json<SecretSet>, ApiError> {
    user.require(Role::Admin)?;
    if !stig_model::valid_id(&name) {
        return Err(AppError::Invalid(vec![FieldError {
            field: "name".into(),
            message: format!(
                "`{name}` is not a valid secret name (lower-case letters, digits, - and _)"
            ),
        }])
        .into());
    }
    let given = body.and_then(|Json(b)| b.value).filter(|v| !v.is_empty());
    let generated = given.is_none().then(stig_deliver::new_secret);
    let value = given.or(generated.clone()).unwrap_or_default();
    state
        .store
        .set_workspace_secret(&ws_id, &name, &value)
        .await
        .map_err(AppError::from)?;
    let set = stig_store::AuditAction::SecretSet;
    crate::audit::did(&state, &user.0, set, Some(&ws_id), ("secret", &name)).await;
    Ok(Json(SecretSet { name, generated }))
}

/// `DELETE …/secrets/{name}`.
pub async fn delete_secret(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws_id, name)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    user.require(Role::Admin)?;
    state
        .store
        .delete_workspace_secret(&ws_id, &name)
        .await
        .map_err(AppError::from)?;
    let deleted = stig_store::AuditAction::SecretDeleted;
    crate::audit::did(&state, &user.0, deleted, Some(&ws_id), ("secret", &name)).await;
    Ok(StatusCode::NO_CONTENT)
}

fn stored_moment(ws: &stig_model::Workspace, ws_id: &str, id: &str) -> Result<Moment, AppError> {
    ws.moments
        .iter()
        .find(|m| m.id == id)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("no moment `{id}` in `{ws_id}`")))
}

/// One email action's previews.
#[derive(Serialize)]
pub struct ActionPreview {
    /// The action's position in the moment (0-based).
    action: usize,
    previews: Vec<stig_runtime::moments::EmailPreview>,
}

/// `GET …/moments/{id}/preview`: every email action rendered for a sample customer (a recent
/// real one with a name and address if there is one) in each language it is written in.
pub async fn preview(
    State(state): State<AppState>,
    _user: ApiUser,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Json<Vec<ActionPreview>>, ApiError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let m = stored_moment(&ws, &ws_id, &id)?;
    let context = crate::ui::moments::preview_context(&state, &ws_id, &ws, &m).await;
    Ok(Json(
        m.actions
            .iter()
            .enumerate()
            .filter(|(_, a)| matches!(a, stig_model::Action::Email { .. }))
            .map(|(i, _)| ActionPreview {
                action: i,
                previews: stig_runtime::moments::preview_emails(&ws, &m, i, &context),
            })
            .collect(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestEmail {
    /// The email action's position (0-based; default: the first email action).
    action: Option<usize>,
    /// The language to send (default: the first the action is written in).
    language: Option<String>,
}

/// `POST …/moments/{id}/test-email`: one email action, rendered for the sample customer,
/// sent now to the caller (their user name is their e-mail address) through the workspace's
/// mail server. 200 `{"to": …}`; 422 when the caller has no address, the workspace no mail
/// server or the action is not an email; 502 when the mail server refused it.
pub async fn test_email(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((ws_id, id)): Path<(String, String)>,
    body: Result<Json<TestEmail>, axum::extract::rejection::JsonRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    crate::auth::require(&user, Role::Editor)?;
    let Json(body) = body.map_err(|e| {
        AppError::BadRequest(format!(
            "the body is not a test email request: {}",
            e.body_text()
        ))
    })?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let m = stored_moment(&ws, &ws_id, &id)?;
    let action = match body.action {
        Some(a) => a,
        None => m
            .actions
            .iter()
            .position(|a| matches!(a, stig_model::Action::Email { .. }))
            .ok_or_else(|| invalid("action", format!("`{id}` has no email action")))?,
    };
    if !matches!(
        m.actions.get(action),
        Some(stig_model::Action::Email { .. })
    ) {
        return Err(invalid(
            "action",
            format!("action {action} of `{id}` is not an email"),
        )
        .into());
    }
    if crate::ui::moments::user_email(&user.name).is_none() || ws.settings.smtp.is_none() {
        let why = crate::ui::moments::send_test(&state, &ws_id, &ws, &m, action, "", &user.name)
            .await
            .err()
            .unwrap_or_default();
        return Err(invalid("to", why).into());
    }
    let language = body.language.unwrap_or_default();
    match crate::ui::moments::send_test(&state, &ws_id, &ws, &m, action, &language, &user.name)
        .await
    {
        Ok(to) => Ok((
            StatusCode::OK,
            Json(serde_json::json!({ "to": to, "sent": true })),
        )
            .into_response()),
        // The mail server's answer, for the caller to act on (not a fault of the request):
        // a problem document like every API error, with `sent` and `error` as extensions.
        Err(why) => Ok((
            StatusCode::BAD_GATEWAY,
            [(axum::http::header::CONTENT_TYPE, "application/problem+json")],
            Json(serde_json::json!({
                "type": "about:blank",
                "title": "Bad Gateway",
                "status": 502,
                "detail": why,
                "sent": false,
                "error": why,
            })),
        )
            .into_response()),
    }
}

fn invalid(field: &str, message: String) -> AppError {
    AppError::Invalid(vec![FieldError {
        field: field.into(),
        message,
    }])
}
