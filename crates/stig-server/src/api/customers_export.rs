//! `GET /api/workspaces/{ws}/export/customers`: every customer profile (ids, name, status,
//! persona, channel, first and last seen, counts, traits, lifecycle, journey runs with their
//! hits, answers) from the live customers, in profile-id order, as JSON pages or NDJSON, CSV
//! or Parquet; paged as the events are (see [`super::events`]), `status` filters.
//! (Not under `/customers/`, where a customer called `export` would be shadowed.)

use axum::Json;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};
use stig_pipeline::customers::LifecycleStatus;
use stig_runtime::export::{self, CustomerDoc};

use super::events::{
    bad, encode_cursor, file_headers, one, openapi_paging, openapi_query, openapi_responses,
    page_headers, paging, pairs, streamed,
};
use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

const PARAMS: &[&str] = &["format", "cursor", "limit", "status"];

#[derive(Serialize)]
struct CustomerPage {
    customers: Vec<CustomerDoc>,
    next_cursor: String,
    has_more: bool,
    /// When the customers were derived.
    as_of: String,
}

pub async fn export(
    State(state): State<AppState>,
    user: ApiUser,
    Path(ws_id): Path<String>,
    uri: Uri,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let pairs = pairs(query, PARAMS)?;
    let paging = paging(&pairs, "c")?;
    // Once per export (its first page), with what was exported, not the cursor (a customer).
    if paging.cursor.is_none() {
        let detail = json!({ "what": "customers", "status": one(&pairs, "status") });
        let export = stig_store::AuditAction::Export;
        crate::audit::record(&state, &user.0, export, Some(&ws_id), None, detail).await;
    }
    let status = match one(&pairs, "status") {
        None => None,
        Some(s) => Some(LifecycleStatus::parse(s).ok_or_else(|| {
            bad(
                "status",
                format!("`{s}` is not active, churned or prospect"),
            )
        })?),
    };
    let loaded = crate::customers::load(&state, &ws_id).await?;
    let ix = loaded.index.clone();
    let after = paging.cursor.clone();
    let limit = paging.limit;
    // Ordering a million customers is not for the async workers.
    let (order, has_more) = tokio::task::spawn_blocking(move || {
        let cards = &ix.directory.cards;
        let mut order = export::customer_order(&ix);
        if let Some(after) = &after {
            let start = order.partition_point(|&c| cards[c as usize].id.as_str() <= after.as_str());
            order.drain(..start);
        }
        order.retain(|&c| status.is_none_or(|s| cards[c as usize].status == s));
        let has_more = limit.is_some_and(|l| order.len() > l);
        if let Some(l) = limit {
            order.truncate(l);
        }
        (order, has_more)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let ix = loaded.index.clone();
    let next_cursor = encode_cursor(
        "c",
        order
            .last()
            .map_or(paging.cursor.as_deref().unwrap_or(""), |&c| {
                ix.directory.cards[c as usize].id.as_str()
            }),
    );
    let mut res = match (paging.format, limit) {
        (None, _) => {
            let customers = tokio::task::spawn_blocking(move || {
                order
                    .iter()
                    .map(|&c| export::customer_doc(&ix, c as usize))
                    .collect()
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
            Json(CustomerPage {
                customers,
                next_cursor: next_cursor.clone(),
                has_more,
                as_of: loaded.as_of.to_string(),
            })
            .into_response()
        }
        (Some(format), Some(_)) => {
            let bytes = tokio::task::spawn_blocking(move || {
                export::export_customers(&ix, order, format, Vec::new()).map(|(b, _)| b)
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| AppError::Internal(e.to_string()))?;
            let mut res = Body::from(bytes).into_response();
            file_headers(res.headers_mut(), format, &format!("{ws_id}-customers"));
            res
        }
        (Some(format), None) => {
            let body =
                streamed(move |w| export::export_customers(&ix, order, format, w).map(|_| ()));
            let mut res = body.into_response();
            file_headers(res.headers_mut(), format, &format!("{ws_id}-customers"));
            res
        }
    };
    page_headers(res.headers_mut(), &uri, &next_cursor, has_more);
    Ok(res)
}

/// This file's path for the OpenAPI document.
pub fn openapi_paths(paths: &mut serde_json::Map<String, Value>) {
    let ws = json!({"name": "ws", "in": "path", "required": true, "description": "The workspace id", "schema": {"type": "string"}});
    let mut params = openapi_paging(ws);
    params.push(openapi_query(
        "status",
        "Only customers of this lifecycle status",
        super::openapi::or_blank(
            json!({"type": "string", "enum": ["active", "churned", "prospect"]}),
        ),
    ));
    let responses = openapi_responses(json!({
        "type": "object",
        "properties": {
            "customers": {"type": "array", "items": {"type": "object", "description": "A customer: ids, name, status, persona, channel, first and last seen, counts, traits, lifecycle, runs with their hits, feedback"}},
            "next_cursor": {"type": "string"},
            "has_more": {"type": "boolean"},
            "as_of": {"type": "string", "format": "date-time"}
        },
        "required": ["customers", "next_cursor", "has_more", "as_of"]
    }));
    paths.insert(
        "/api/workspaces/{ws}/export/customers".into(),
        json!({
            "parameters": params,
            "get": {
                "tags": ["Data out"], "operationId": "exportCustomers",
                "summary": "Customer profiles (traits, persona, lifecycle, counts, journey runs) in profile-id order, as JSON pages or NDJSON, CSV or Parquet (streamed)",
                "responses": responses
            }
        }),
    );
}
