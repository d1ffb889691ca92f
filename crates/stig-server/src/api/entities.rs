//! `GET/POST /api/workspaces/{ws}/{kind}` and `GET/PUT/DELETE /api/workspaces/{ws}/{kind}/{id}`
//! for personas, journeys, touchpoints, actors, goals and dilemmas.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use stig_model::{Actor, Dilemma, Goal, Journey, Moment, Persona, Touchpoint};
use stig_store::{EntityKind, Role};

use crate::auth::ApiUser;
use crate::edit::{self, Entity};
use crate::error::{ApiError, AppError};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(kind_routes::<Persona>("personas"))
        .merge(kind_routes::<Journey>("journeys"))
        .merge(kind_routes::<Touchpoint>("touchpoints"))
        .merge(kind_routes::<Actor>("actors"))
        .merge(kind_routes::<Goal>("goals"))
        .merge(kind_routes::<Dilemma>("dilemmas"))
        .merge(kind_routes::<Moment>("moments"))
}

fn kind_routes<T: Entity>(plural: &'static str) -> Router<AppState> {
    Router::new()
        .route(
            &format!("/api/workspaces/{{ws}}/{plural}"),
            get(list::<T>).post(create::<T>),
        )
        .route(
            &format!("/api/workspaces/{{ws}}/{plural}/{{id}}"),
            get(one::<T>).put(update::<T>).delete(remove::<T>),
        )
}

async fn list<T: Entity>(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws): Path<String>,
) -> Result<Response, ApiError> {
    // From the snapshot cached per workspace revision, serialized without copying it.
    let (_, workspace) = state.cache.workspace(state.store.as_ref(), &ws).await?;
    let body =
        serde_json::to_vec(T::list(&workspace)).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

async fn one<T: Entity>(
    State(state): State<AppState>,
    _user: ApiUser,
    Path((ws, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let entity = state.store.get_entity(&ws, T::KIND, &id).await?;
    let value: T =
        serde_json::from_value(entity.value).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(with_etag(Json(value).into_response(), entity.version))
}

async fn create<T: Entity>(
    State(state): State<AppState>,
    user: ApiUser,
    Path(ws): Path<String>,
    body: Result<Json<T>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Role::Editor)?;
    let Json(value) = body.map_err(json_error)?;
    let id = value.id().to_owned();
    let version = edit::save(&state, &ws, None, value.clone(), None, &user.0.name).await?;
    let mut res = (StatusCode::CREATED, Json(value)).into_response();
    if let Ok(loc) =
        HeaderValue::from_str(&format!("/api/workspaces/{ws}/{}/{id}", plural(T::KIND)))
    {
        res.headers_mut().insert(header::LOCATION, loc);
    }
    Ok(with_etag(res, version))
}

async fn update<T: Entity>(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    Path((ws, id)): Path<(String, String)>,
    body: Result<Json<T>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Role::Editor)?;
    let Json(value) = body.map_err(json_error)?;
    let expected = if_match(&headers)?;
    let version = edit::save(
        &state,
        &ws,
        Some(&id),
        value.clone(),
        Some(expected),
        &user.0.name,
    )
    .await?;
    Ok(with_etag(Json(value).into_response(), version))
}

async fn remove<T: Entity>(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    Path((ws, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    user.require(Role::Editor)?;
    let expected = if_match(&headers)?;
    edit::delete::<T>(&state, &ws, &id, Some(expected), &user.0.name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Writes must say which version they change: `If-Match: "3"` (the ETag of a GET).
pub(super) fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let value = headers.get(header::IF_MATCH).ok_or_else(|| {
        ApiError(AppError::BadRequest(
            "missing If-Match header: send the ETag of the version you are changing (from GET), e.g. If-Match: \"3\"".into(),
        ))
    })?;
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| {
            ApiError(AppError::BadRequest(
                "If-Match must be a version ETag such as \"3\"".into(),
            ))
        })
}

pub(super) fn with_etag(mut res: Response, version: i64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}

/// A body that is not the entity: say where (serde's message names the field, line and column).
/// A body over the limit is a 413.
pub(super) fn json_error(e: axum::extract::rejection::JsonRejection) -> ApiError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError(AppError::TooLarge(e.body_text()));
    }
    ApiError(AppError::BadRequest(e.body_text()))
}

/// The URL segment of a kind (`personas`).
pub(super) fn plural(kind: EntityKind) -> String {
    format!("{}s", kind.as_str())
}
