//! Workspaces as a whole: list, read, import (replace) and delete; settings; diagnostics.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use stig_model::Settings;
use stig_model::code::{SourceFile, load_files};
use stig_store::{Role, WorkspaceSummary};

use super::entities::{if_match, json_error, with_etag};
use crate::auth::ApiUser;
use crate::error::{ApiError, AppError, FieldError};
use crate::state::AppState;

/// A workspace in the list: its id, name, language, how much it holds and its last change.
#[derive(Serialize, schemars::JsonSchema)]
pub struct WorkspaceInfo {
    pub id: String,
    pub name: String,
    pub locale: String,
    pub personas: usize,
    pub journeys: usize,
    pub touchpoints: usize,
    pub actors: usize,
    pub goals: usize,
    pub dilemmas: usize,
    /// Bumped by every change to the workspace.
    pub revision: i64,
    pub changed_at: String,
    pub changed_by: String,
}

impl From<WorkspaceSummary> for WorkspaceInfo {
    fn from(w: WorkspaceSummary) -> Self {
        let c = w.counts;
        WorkspaceInfo {
            id: w.id,
            name: w.name,
            locale: w.locale,
            personas: c.personas,
            journeys: c.journeys,
            touchpoints: c.touchpoints,
            actors: c.actors,
            goals: c.goals,
            dilemmas: c.dilemmas,
            revision: w.revision,
            changed_at: w.changed_at.to_string(),
            changed_by: w.changed_by,
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    _user: ApiUser,
) -> Result<Json<Vec<WorkspaceInfo>>, ApiError> {
    Ok(Json(
        state
            .store
            .list_workspaces()
            .await?
            .into_iter()
            .map(WorkspaceInfo::from)
            .collect(),
    ))
}

/// A whole workspace, as journey-as-code files would hold it.
#[derive(Serialize, Deserialize, schemars::JsonSchema)]
pub struct WorkspaceDocument {
    pub settings: Settings,
    #[serde(default)]
    pub personas: Vec<stig_model::Persona>,
    #[serde(default)]
    pub journeys: Vec<stig_model::Journey>,
    #[serde(default)]
    pub touchpoints: Vec<stig_model::Touchpoint>,
    #[serde(default)]
    pub actors: Vec<stig_model::Actor>,
    #[serde(default)]
    pub goals: Vec<stig_model::Goal>,
    #[serde(default)]
    pub dilemmas: Vec<stig_model::Dilemma>,
    #[serde(default)]
    pub moments: Vec<stig_model::Moment>,
}

impl From<stig_model::Workspace> for WorkspaceDocument {
    fn from(w: stig_model::Workspace) -> Self {
        WorkspaceDocument {
            settings: w.settings,
            personas: w.personas,
            journeys: w.journeys,
            touchpoints: w.touchpoints,
            actors: w.actors,
            goals: w.goals,
            dilemmas: w.dilemmas,
            moments: w.moments,
        }
    }
}

impl From<WorkspaceDocument> for stig_model::Workspace {
    fn from(d: WorkspaceDocument) -> Self {
        stig_model::Workspace {
            settings: d.settings,
            personas: d.personas,
            journeys: d.journeys,
            touchpoints: d.touchpoints,
            actors: d.actors,
            goals: d.goals,
            dilemmas: d.dilemmas,
            moments: d.moments,
        }
    }
}

pub async fn get(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws): Path<String>,
) -> Result<Response, ApiError> {
    let w = state.store.load_workspace(&ws).await?;
    Ok(with_etag(
        Json(WorkspaceDocument::from(w.value)).into_response(),
        w.version,
    ))
}

/// `PUT /api/workspaces/{ws}`: creates or replaces a whole workspace (admin), after validation.
pub async fn import(
    State(state): State<AppState>,
    user: ApiUser,
    Path(ws): Path<String>,
    body: Result<Json<WorkspaceDocument>, axum::extract::rejection::JsonRejection>,
) -> Result<StatusCode, ApiError> {
    user.require(Role::Admin)?;
    // A well-formed request naming an id Stig cannot take: 422, as for every other id.
    if !stig_model::valid_id(&ws) {
        return Err(ApiError(AppError::Invalid(vec![
            crate::error::FieldError {
                field: "ws".into(),
                message: format!(
                    "`{ws}` is not a valid workspace id (lower-case letters, digits, - and _)"
                ),
            },
        ])));
    }
    let Json(doc) = body.map_err(json_error)?;
    let workspace: stig_model::Workspace = doc.into();
    let errors: Vec<FieldError> = stig_model::validate(&workspace)
        .into_iter()
        .filter(|d| d.severity() == stig_model::Severity::Error)
        .map(|d| FieldError {
            field: d.location.to_string(),
            message: d.message,
        })
        .collect();
    if !errors.is_empty() {
        return Err(ApiError(AppError::Invalid(errors)));
    }
    state
        .store
        .import_workspace(&ws, &workspace, &user.0.name)
        .await?;
    let import = stig_store::AuditAction::Import;
    crate::audit::did(&state, &user.0, import, Some(&ws), ("workspace", &ws)).await;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete(
    State(state): State<AppState>,
    user: ApiUser,
    Path(ws): Path<String>,
) -> Result<StatusCode, ApiError> {
    user.require(Role::Admin)?;
    state.store.delete_workspace(&ws).await?;
    state.live.forget(&ws);
    let deleted = stig_store::AuditAction::WorkspaceDeleted;
    crate::audit::did(&state, &user.0, deleted, Some(&ws), ("workspace", &ws)).await;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn settings(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws): Path<String>,
) -> Result<Response, ApiError> {
    let w = state.store.load_workspace(&ws).await?;
    Ok(with_etag(Json(w.value.settings).into_response(), w.version))
}

pub async fn save_settings(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    Path(ws): Path<String>,
    body: Result<Json<Settings>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Role::Editor)?;
    let Json(settings) = body.map_err(json_error)?;
    let expected = if_match(&headers)?;
    let before = state.store.load_workspace(&ws).await?.value;
    let mut after = before.clone();
    after.settings = settings.clone();
    crate::edit::check(&before, &after, stig_model::Origin::Settings)?;
    let version = state
        .store
        .save_settings(&ws, &settings, expected, &user.0.name)
        .await?;
    let detail = crate::audit::diff(
        &serde_json::to_value(&before.settings).unwrap_or_default(),
        &serde_json::to_value(&settings).unwrap_or_default(),
    );
    let changed = stig_store::AuditAction::SettingsChanged;
    crate::audit::record(&state, &user.0, changed, Some(&ws), None, detail).await;
    Ok(with_etag(Json(settings).into_response(), version))
}

/// One diagnostic of `stig check`, for the API.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ApiDiagnostic {
    pub severity: String,
    pub code: String,
    pub message: String,
    /// The file of the journey-as-code export it is in, with line and column.
    pub file: Option<String>,
    pub line: usize,
    pub column: usize,
    pub suggestion: Option<String>,
    pub help: Option<String>,
}

/// The same diagnostics as `stig check` on the exported files.
pub async fn diagnostics(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws): Path<String>,
) -> Result<Json<Vec<ApiDiagnostic>>, ApiError> {
    let workspace = state.store.load_workspace(&ws).await?.value;
    let files: Vec<SourceFile> = stig_model::code::to_files(&workspace);
    let checked = load_files(files);
    Ok(Json(
        checked
            .diagnostics
            .into_iter()
            .map(|d| ApiDiagnostic {
                severity: format!("{:?}", d.severity()).to_lowercase(),
                code: d.diagnostic.code.as_str().to_owned(),
                file: d.file.as_ref().map(|p| p.display().to_string()),
                line: d.line,
                column: d.column,
                message: d.diagnostic.message,
                suggestion: d.diagnostic.suggestion,
                help: d.diagnostic.help,
            })
            .collect(),
    ))
}
