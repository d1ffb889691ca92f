//! One person's data rights over REST (GDPR art. 15, 17, 20): everything Stig holds about
//! them as one JSON document, and erasure with a receipt. Admins only: both reach every
//! piece of a person's data. The web app's profile page and the CLI call the same functions.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use stig_model::Workspace;
use stig_runtime::Live;
use stig_runtime::erase::{self, Derived, EraseError};
use stig_store::{AuditAction, ErasureReceipt, FiringQuery, Role, Store};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Tasks read to find a person's (the newest this many of the workspace).
const TASKS_READ: u32 = 100_000;

/// The body of `POST …/people/{id}/erase` (optional: no body means no suppression).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseRequest {
    /// Keep SHA-256 hashes of the person's ids so that later events naming them are
    /// refused (counted, not stored).
    #[serde(default)]
    pub suppress: bool,
}

/// What an erasure did, without personal data.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ErasureDoc {
    /// A random id of this erasure.
    pub id: String,
    pub workspace: String,
    pub at: String,
    pub by: String,
    /// SHA-256 (hex) of the person's ids, sorted and joined by newlines.
    pub ids_hash: String,
    /// How many ids the person had.
    pub ids: u64,
    /// Rows removed per kind: events, rejections, firings, deliveries (cancelled: pending
    /// ones never sent), tasks, suppressed ids.
    pub counts: std::collections::BTreeMap<String, u64>,
    /// The live customer state dropped them and wrote a fresh snapshot.
    pub live_updated: bool,
}

pub fn receipt_doc(r: &ErasureReceipt, live_updated: bool) -> ErasureDoc {
    let c = &r.counts;
    ErasureDoc {
        id: r.id.clone(),
        workspace: r.workspace.clone(),
        at: r.at.to_string(),
        by: r.by.clone(),
        ids_hash: r.ids_hash.clone(),
        ids: r.ids,
        counts: [
            ("events", c.events),
            ("rejections", c.rejections),
            ("firings", c.firings),
            ("deliveries", c.deliveries),
            ("cancelled", c.cancelled),
            ("tasks", c.tasks),
            ("suppressed", c.suppressed),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
        live_updated,
    }
}

/// Erases a person with everything that derives from them, as the server runs it.
pub async fn erase_person(
    state: &AppState,
    ws_id: &str,
    id: &str,
    suppress: bool,
    by: &str,
) -> Result<ErasureDoc, AppError> {
    state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let derived = Derived {
        live: Some(&state.live),
        moments: Some(&state.moments),
        snapshot_dir: state.live.config().snapshot_dir.as_deref(),
    };
    let erased = erase::erase(state.store.as_ref(), ws_id, id, suppress, by, derived)
        .await
        .map_err(|e| match e {
            EraseError::NotFound { .. } => AppError::NotFound(e.to_string()),
            EraseError::Store(e) => AppError::from(e),
        })?;
    state.collector.forget_suppressions(ws_id);
    let doc = receipt_doc(&erased.receipt, erased.live_updated);
    // The receipt in the audit log: counts and a hash of the ids, never the ids.
    let detail = json!({ "ids_hash": doc.ids_hash, "ids": doc.ids, "counts": doc.counts,
        "suppress": suppress });
    let target = crate::audit::target("erasure", &doc.id);
    crate::audit::record_by_name(
        state,
        by,
        AuditAction::PersonErased,
        Some(ws_id),
        target,
        detail,
    )
    .await;
    Ok(doc)
}

/// `POST /api/workspaces/{ws}/people/{id}/erase`: admins only.
pub async fn erase(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws_id, id)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<ErasureDoc>, ApiError> {
    user.require(Role::Admin)?;
    // No body: no suppression. A body is checked here so that a bad one is problem+json.
    let request: EraseRequest = if body.iter().all(u8::is_ascii_whitespace) {
        EraseRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            AppError::BadRequest(format!("the body is not {{\"suppress\": true|false}}: {e}"))
        })?
    };
    let suppress = request.suppress;
    Ok(Json(
        erase_person(&state, &ws_id, &id, suppress, &user.0.name).await?,
    ))
}

/// `GET /api/workspaces/{ws}/people/{id}/export`: admins only; a download.
pub async fn export(
    State(state): State<AppState>,
    user: ApiUser,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    user.require(Role::Admin)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let doc = person_document(state.store.as_ref(), &state.live, &ws_id, ws, &id).await?;
    exported(&state, &user.0.name, &ws_id, &doc).await;
    Ok(download(&ws_id, doc))
}

/// Records an export in the audit log: a hash of the ids and how many events, never the ids.
pub async fn exported(state: &AppState, by: &str, ws_id: &str, doc: &Value) {
    let ids: Vec<String> = doc["ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let hash = stig_store::ids_hash(&ids);
    let events = doc["events"].as_array().map_or(0, Vec::len);
    let detail = json!({ "ids_hash": hash, "events": events });
    let target = crate::audit::target("person", &hash);
    crate::audit::record_by_name(
        state,
        by,
        AuditAction::PersonExported,
        Some(ws_id),
        target,
        detail,
    )
    .await;
}

/// A person document as a JSON download named after the workspace (never the person).
pub fn download(ws_id: &str, doc: Value) -> impl IntoResponse + use<> {
    let name = format!("attachment; filename=\"{ws_id}-person.json\"");
    (
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, name),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Json(doc),
    )
}

/// Everything Stig holds about the person `id` belongs to: their ids, profile (traits with
/// history, consent, lifecycle, runs, feedback with comments), every stored event as
/// received, moment firings with their deliveries, and tasks about them.
pub async fn person_document(
    store: &dyn Store,
    live: &Arc<Live>,
    ws_id: &str,
    ws: Arc<Workspace>,
    id: &str,
) -> Result<Value, AppError> {
    let person = stig_runtime::person::resolve(store, ws_id, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no person with the id `{id}` in `{ws_id}`")))?;
    let ids: Vec<&str> = person.ids.iter().map(String::as_str).collect();
    let profile = live
        .profile(ws_id, ws, &ids)
        .await?
        .map(|p| super::customers::profile_doc(&p));
    let mut firings = Vec::new();
    for id in &person.ids {
        let q = FiringQuery {
            customer: Some(id.clone()),
            ..FiringQuery::default()
        };
        firings.extend(store.list_firings(ws_id, &q).await?);
    }
    let tasks: Vec<_> = store
        .list_tasks(ws_id, None, TASKS_READ)
        .await?
        .into_iter()
        .filter(|t| person.ids.contains(&t.customer))
        .collect();
    let events: Vec<&Value> = person.events.iter().map(|e| &e.body).collect();
    Ok(json!({
        "workspace": ws_id,
        "exported_at": jiff::Timestamp::now().to_string(),
        "ids": person.ids,
        "email_addresses": person.emails,
        "profile": profile,
        "events": events,
        "firings": firings,
        "tasks": tasks,
    }))
}

/// The OpenAPI description of the two routes.
pub fn openapi_paths(paths: &mut serde_json::Map<String, Value>) {
    let params = json!([
        {"name": "ws", "in": "path", "required": true, "description": "The workspace id", "schema": {"type": "string"}},
        {"name": "id", "in": "path", "required": true, "description": "Any user id, anonymous id or alias of the person", "schema": {"type": "string"}}
    ]);
    let error = |code: &str| json!({"$ref": format!("#/components/responses/{code}")});
    let counts =
        json!({"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}});
    let receipt = json!({
        "type": "object",
        "properties": {
            "id": {"type": "string"}, "workspace": {"type": "string"},
            "at": {"type": "string", "format": "date-time"}, "by": {"type": "string"},
            "ids_hash": {"type": "string", "description": "SHA-256 (hex) of the person's ids, sorted and joined by newlines"},
            "ids": {"type": "integer", "minimum": 0}, "counts": counts,
            "live_updated": {"type": "boolean"}
        },
        "required": ["id", "workspace", "at", "by", "ids_hash", "ids", "counts", "live_updated"]
    });
    paths.insert(
        "/api/workspaces/{ws}/people/{id}/erase".into(),
        json!({
            "parameters": params,
            "post": {
                "tags": ["Customers"], "operationId": "erasePerson",
                "summary": "Erase a person (admin): every event of every id stitched to theirs, kept refused requests quoting them, their moment firings (kept anonymous), deliveries (pending ones cancelled) and tasks; the bytes scrubbed from the database and its write-ahead log; the customer numbers updated without a rebuild. `suppress`: their later events are refused (answered 200, not stored, counted). Answers the receipt, which holds no personal data",
                "requestBody": {"required": false, "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": false,
                    "properties": {"suppress": {"type": "boolean", "default": false}}}}}},
                "responses": {
                    "200": {"description": "Erased", "content": {"application/json": {"schema": receipt}}},
                    "401": error("401"), "403": error("403"), "404": error("404")
                }
            }
        }),
    );
    paths.insert(
        "/api/workspaces/{ws}/people/{id}/export".into(),
        json!({
            "parameters": params,
            "get": {
                "tags": ["Customers"], "operationId": "exportPerson",
                "summary": "Everything Stig holds about a person (admin), as one JSON download: ids, e-mail addresses, profile (traits with history, consent, lifecycle, runs, feedback with comments), every stored event, moment firings with their deliveries, tasks",
                "responses": {
                    "200": {"description": "The person's data", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            "workspace": {"type": "string"}, "exported_at": {"type": "string"},
                            "ids": {"type": "array", "items": {"type": "string"}},
                            "email_addresses": {"type": "array", "items": {"type": "string"}},
                            "profile": {}, "events": {"type": "array"},
                            "firings": {"type": "array"}, "tasks": {"type": "array"}
                        },
                        "required": ["workspace", "exported_at", "ids", "events", "firings", "tasks"]
                    }}}},
                    "401": error("401"), "403": error("403"), "404": error("404")
                }
            }
        }),
    );
}
