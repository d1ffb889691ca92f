//! A source's streaming destinations over REST: `GET/POST
//! /api/workspaces/{ws}/sources/{id}/destinations`, `GET/PATCH/DELETE …/{dest}`,
//! `POST …/{dest}/test`. A destination forwards the source's events to a webhook in signed
//! batches (see `stig_runtime::destinations`); its signing secret is shown once, when it is
//! created. Editors manage them, as they manage sources and secrets in the web app.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use stig_runtime::destinations::{self, DestinationStats};
use stig_store::{Destination, NewDestination, Role, Source};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError, FieldError};
use crate::state::AppState;

/// A destination with how its batches stand, and its signing secret when just created.
#[derive(Debug, Serialize)]
pub struct DestinationInfo {
    #[serde(flatten)]
    pub destination: Destination,
    pub stats: DestinationStats,
    /// The `whsec_…` key receivers verify signatures with: only in the answer that created it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_secret: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct DestinationRequest {
    url: String,
    /// Event types (`track`, `page`, …) or track event names; empty or absent: every event.
    #[serde(default)]
    only: Vec<String>,
    #[serde(default = "enabled_by_default")]
    enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

#[derive(Debug, Deserialize)]
pub struct DestinationChange {
    enabled: bool,
}

/// The source `id` of workspace `ws`; `NotFound` otherwise.
pub(crate) async fn source(state: &AppState, ws: &str, id: &str) -> Result<Source, AppError> {
    state
        .store
        .list_sources(ws)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::NotFound(format!("no source `{id}` in `{ws}`")))
}

/// Destination `dest` of source `source`; `NotFound` otherwise.
pub(crate) async fn destination(
    state: &AppState,
    ws: &str,
    source: &str,
    dest: &str,
) -> Result<Destination, AppError> {
    let d = state.store.destination(ws, dest).await?;
    if d.source != source {
        return Err(AppError::NotFound(format!(
            "source `{source}` has no destination `{dest}`"
        )));
    }
    Ok(d)
}

/// The filter as typed in a form: comma-separated.
pub(crate) fn parse_only(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Checks the URL against the SSRF guard (the deliveries' target policy: a private or
/// loopback address is refused unless the operator allowed it), then creates the destination
/// with a fresh signing secret; returns both.
pub(crate) async fn create(
    state: &AppState,
    ws: &str,
    source: &str,
    new: NewDestination,
    by: &str,
) -> Result<(Destination, String), AppError> {
    let url = new.url.trim();
    let invalid = |message: String| {
        AppError::Invalid(vec![FieldError {
            field: "url".into(),
            message,
        }])
    };
    if url.is_empty() {
        return Err(invalid("the webhook URL is empty".into()));
    }
    if let Err(e) = stig_deliver::check_url(&state.moments.targets, url).await {
        return Err(invalid(format!("`{url}`: {e}")));
    }
    let secret = stig_deliver::new_secret();
    let d = state
        .store
        .create_destination(
            ws,
            &NewDestination {
                source: source.to_owned(),
                ..new
            },
            &secret,
            by,
        )
        .await?;
    Ok((d, secret))
}

async fn info(
    state: &AppState,
    ws: &str,
    list: Vec<Destination>,
) -> Result<Vec<DestinationInfo>, AppError> {
    let mut stats = destinations::stats(state.store.as_ref(), ws, &list).await?;
    Ok(list
        .into_iter()
        .map(|d| DestinationInfo {
            stats: stats.remove(&d.id).unwrap_or_default(),
            destination: d,
            signing_secret: None,
        })
        .collect())
}

async fn one(state: &AppState, ws: &str, d: Destination) -> Result<DestinationInfo, AppError> {
    info(state, ws, vec![d])
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal("a destination went missing".into()))
}

/// `GET …/sources/{id}/destinations`.
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws, id)): Path<(String, String)>,
) -> Result<Json<Vec<DestinationInfo>>, ApiError> {
    user.require(Role::Editor)?;
    source(&state, &ws, &id).await?;
    let list = state
        .store
        .list_destinations(Some(&ws), Some(&id))
        .await
        .map_err(AppError::from)?;
    Ok(Json(info(&state, &ws, list).await?))
}

/// `POST …/sources/{id}/destinations` with `{"url": …, "only": […], "enabled": true}`:
/// 201 with the destination and its signing secret, shown this once.
pub async fn add(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws, id)): Path<(String, String)>,
    body: Result<Json<DestinationRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    user.require(Role::Editor)?;
    let Json(req) = body.map_err(|e| {
        AppError::BadRequest(format!("the body is not a destination: {}", e.body_text()))
    })?;
    source(&state, &ws, &id).await?;
    let new = NewDestination {
        source: id.clone(),
        url: req.url,
        only: req.only,
        enabled: req.enabled,
    };
    let (d, secret) = create(&state, &ws, &id, new, &user.0.name).await?;
    let location = format!("/api/workspaces/{ws}/sources/{id}/destinations/{}", d.id);
    let mut created = one(&state, &ws, d).await?;
    created.signing_secret = Some(secret);
    Ok((
        StatusCode::CREATED,
        [
            (header::LOCATION, location),
            // The secret is in this answer only: never cache it.
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Json(created),
    )
        .into_response())
}

/// `GET …/destinations/{dest}`.
pub async fn get(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws, id, dest)): Path<(String, String, String)>,
) -> Result<Json<DestinationInfo>, ApiError> {
    user.require(Role::Editor)?;
    let d = destination(&state, &ws, &id, &dest).await?;
    Ok(Json(one(&state, &ws, d).await?))
}

/// `PATCH …/destinations/{dest}` with `{"enabled": false}` pauses it (its events wait),
/// `true` resumes it.
pub async fn change(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws, id, dest)): Path<(String, String, String)>,
    body: Result<Json<DestinationChange>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<DestinationInfo>, ApiError> {
    user.require(Role::Editor)?;
    let Json(change) = body.map_err(|e| AppError::BadRequest(e.body_text()))?;
    destination(&state, &ws, &id, &dest).await?;
    state
        .store
        .set_destination_enabled(&ws, &dest, change.enabled)
        .await
        .map_err(AppError::from)?;
    state.moments.events_stored();
    let d = destination(&state, &ws, &id, &dest).await?;
    Ok(Json(one(&state, &ws, d).await?))
}

/// `DELETE …/destinations/{dest}`: with its queued batches and its signing secret.
pub async fn delete(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws, id, dest)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    user.require(Role::Editor)?;
    destination(&state, &ws, &id, &dest).await?;
    state
        .store
        .delete_destination(&ws, &dest)
        .await
        .map_err(AppError::from)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST …/destinations/{dest}/test`: a batch of one made-up event, queued now (202).
pub async fn test(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws, id, dest)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    user.require(Role::Editor)?;
    let d = destination(&state, &ws, &id, &dest).await?;
    destinations::send_test(&state.moments_context(), &d)
        .await
        .map_err(AppError::from)?;
    Ok(StatusCode::ACCEPTED)
}

/// The destinations' paths in the OpenAPI document.
pub fn openapi_paths(paths: &mut Map<String, Value>) {
    let param = |name: &str, what: &str| json!({"name": name, "in": "path", "required": true, "description": what, "schema": {"type": "string"}});
    let params = json!([
        param("ws", "The workspace id"),
        param("id", "The source's id"),
    ]);
    let mut one_params = params.clone();
    if let Some(a) = one_params.as_array_mut() {
        a.push(param("dest", "The destination's id"));
    }
    let info = json!({
        "type": "object",
        "description": "A streaming destination: the source's events POSTed to `url` in batches of up to 100 (`{\"batch\": [events as Segment JSON], \"source\", \"workspace\", \"destination\"}`), signed per Standard Webhooks, at least once (receivers de-duplicate on `webhook-id`).",
        "properties": {
            "id": {"type": "string"},
            "workspace": {"type": "string"},
            "source": {"type": "string"},
            "url": {"type": "string"},
            "secret": {"type": "string", "description": "The workspace secret holding the signing key (its name, never its value)."},
            "enabled": {"type": "boolean"},
            "only": {"type": "array", "items": {"type": "string"}, "description": "Event types or track event names forwarded; empty: every event."},
            "cursor": {"type": "integer", "description": "Arrival number of the last event looked at."},
            "created_at": {"type": "string", "format": "date-time"},
            "created_by": {"type": "string"},
            "stats": {"type": "object", "properties": {
                "pending": {"type": "integer"}, "delivered": {"type": "integer"}, "failed": {"type": "integer"},
                "last_batch_at": {"type": ["string", "null"], "format": "date-time"},
                "last_error": {"type": ["string", "null"]}
            }},
            "signing_secret": {"type": "string", "description": "The `whsec_…` key, only in the answer that created the destination."}
        },
        "required": ["id", "workspace", "source", "url", "secret", "enabled", "only", "cursor", "created_at", "created_by", "stats"]
    });
    let request = json!({
        "type": "object",
        "properties": {
            "url": {"type": "string", "description": "http(s) URL; a private or loopback address is refused unless the server allows it (`--allow-targets`)."},
            "only": {"type": "array", "items": {"type": "string"}},
            "enabled": {"type": "boolean", "default": true}
        },
        "required": ["url"]
    });
    let ok = |schema: Value| json!({"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}});
    let op = |id: &str,
              summary: &str,
              body: Option<&Value>,
              mut responses: Value,
              errors: &[&str]| {
        if let Some(r) = responses.as_object_mut() {
            r.insert("401".into(), json!({"$ref": "#/components/responses/401"}));
            for e in errors {
                r.insert(
                    (*e).into(),
                    json!({"$ref": format!("#/components/responses/{e}")}),
                );
            }
        }
        let mut o = json!({"tags": ["Destinations"], "operationId": id, "summary": summary, "responses": responses});
        if let Some(schema) = body {
            o["requestBody"] =
                json!({"required": true, "content": {"application/json": {"schema": schema}}});
        }
        o
    };
    paths.insert(
        "/api/workspaces/{ws}/sources/{id}/destinations".into(),
        json!({
            "parameters": params,
            "get": op("listDestinations", "A source's streaming destinations with their batches pending, delivered and failed, and the last error (editor)", None, ok(json!({"type": "array", "items": info})), &["403", "404"]),
            "post": op("createDestination", "Add a destination (editor); its signing secret is in this answer only", Some(&request), json!({"201": {"description": "Created; `Location` names it", "content": {"application/json": {"schema": info}}}}), &["400", "403", "404", "422"]),
        }),
    );
    paths.insert(
        "/api/workspaces/{ws}/sources/{id}/destinations/{dest}".into(),
        json!({
            "parameters": one_params.clone(),
            "get": op("getDestination", "One destination (editor)", None, ok(info.clone()), &["403", "404"]),
            "patch": op("updateDestination", "Pause (`enabled: false`: its events wait) or resume a destination (editor)", Some(&json!({"type": "object", "properties": {"enabled": {"type": "boolean"}}, "required": ["enabled"]})), ok(info), &["400", "403", "404"]),
            "delete": op("deleteDestination", "Delete a destination with its queued batches and its signing secret (editor)", None, json!({"204": {"description": "Done"}}), &["403", "404"]),
        }),
    );
    paths.insert(
        "/api/workspaces/{ws}/sources/{id}/destinations/{dest}/test".into(),
        json!({
            "parameters": one_params.clone(),
            "post": op("testDestination", "Queue a test batch of one made-up event, marked `\"test\": true` (editor)", None, json!({"202": {"description": "Queued"}}), &["403", "404"]),
        }),
    );
}
