//! `GET /api/audit` (admin): the audit log, newest first, filtered by actor, action,
//! workspace and time, paged by `before` (the last `seq` seen); `format=jsonl|csv` gives
//! every matching entry as a file, hashes included, so a copy can be checked on its own.
//! The filters and the file formats are shared with the admin page (`ui/audit.rs`).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan as _};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use stig_store::{AuditAction, AuditEntry, AuditQuery, Role, Store};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// The filters as they arrive in a query string (the page's form and the API alike).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct AuditParams {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub workspace: String,
    /// A day (`2026-01-31`, from its start, UTC) or a time (RFC 3339).
    #[serde(default)]
    pub from: String,
    /// A day (up to its end, UTC) or a time (before it).
    #[serde(default)]
    pub to: String,
    pub before: Option<i64>,
    pub limit: Option<u32>,
    #[serde(default)]
    pub format: String,
}

/// How entries are written to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditFormat {
    Jsonl,
    Csv,
}

impl AuditFormat {
    pub fn parse(s: &str) -> Result<Self, AppError> {
        match s {
            "jsonl" | "ndjson" => Ok(AuditFormat::Jsonl),
            "csv" => Ok(AuditFormat::Csv),
            other => Err(AppError::BadRequest(format!(
                "parameter `format`: `{other}` is not jsonl or csv"
            ))),
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            AuditFormat::Jsonl => "application/x-ndjson",
            AuditFormat::Csv => "text/csv; charset=utf-8",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            AuditFormat::Jsonl => "jsonl",
            AuditFormat::Csv => "csv",
        }
    }
}

impl AuditParams {
    /// The store's query; a bad value is a 400 naming the parameter.
    pub fn query(&self) -> Result<AuditQuery, AppError> {
        let some = |s: &str| super::given(Some(s)).map(str::to_owned);
        let action = match super::given(Some(&self.action)) {
            None => None,
            Some(a) => Some(a.parse::<AuditAction>().map_err(|_| {
                AppError::BadRequest(format!("parameter `action`: `{a}` is not an audit action"))
            })?),
        };
        Ok(AuditQuery {
            actor: some(&self.actor),
            action,
            workspace: some(&self.workspace),
            from: time("from", &self.from, false)?,
            to: time("to", &self.to, true)?,
            before_seq: self.before,
            limit: match self.limit {
                None => 100,
                Some(n @ 1..=stig_store::audit::MAX_AUDIT_PAGE) => n,
                Some(n) => {
                    return Err(AppError::BadRequest(format!(
                        "parameter `limit`: {n} is not between 1 and {}",
                        stig_store::audit::MAX_AUDIT_PAGE
                    )));
                }
            },
        })
    }

    /// The filters again as a query string (for paging and export links), without
    /// `before`, `limit` and `format`.
    pub fn filter_query(&self) -> String {
        let mut parts = vec![];
        for (name, value) in [
            ("actor", &self.actor),
            ("action", &self.action),
            ("workspace", &self.workspace),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.trim().is_empty() {
                parts.push(format!("{name}={}", crate::views::urlencode(value.trim())));
            }
        }
        parts.join("&")
    }
}

/// A filter time: a day means its start (`from`) or the start of the next day (`to`).
fn time(param: &str, s: &str, end_of_day: bool) -> Result<Option<Timestamp>, AppError> {
    let Some(s) = super::given(Some(s)) else {
        return Ok(None);
    };
    if let Ok(t) = s.parse::<Timestamp>() {
        return Ok(Some(t));
    }
    let bad = || {
        AppError::BadRequest(format!(
            "parameter `{param}`: `{s}` is not a day (2026-01-31) or a time (2026-01-31T12:00:00Z)"
        ))
    };
    let day: Date = s.parse().map_err(|_| bad())?;
    let day = if end_of_day {
        // Up to the end of the last day there is: no upper bound.
        let Ok(next) = day.checked_add(1.day()) else {
            return Ok(None);
        };
        next
    } else {
        day
    };
    let t = jiff::tz::TimeZone::UTC
        .to_timestamp(jiff::civil::DateTime::from(day))
        .map_err(|_| bad())?;
    Ok(Some(t))
}

/// An entry as the API and the JSON lines show it: the detail as JSON.
pub fn entry_json(e: &AuditEntry) -> Value {
    json!({
        "seq": e.seq,
        "at": e.at.to_string(),
        "actor": e.actor,
        "actor_user": e.actor_user,
        "action": e.action,
        "workspace": e.workspace,
        "target_kind": e.target_kind,
        "target_id": e.target_id,
        "detail": e.detail_json(),
        "client": e.client,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    })
}

/// Every entry the query matches, newest first, page after page.
pub async fn all_matching(store: &dyn Store, q: &AuditQuery) -> Result<Vec<AuditEntry>, AppError> {
    let mut q = AuditQuery {
        limit: stig_store::audit::MAX_AUDIT_PAGE,
        ..q.clone()
    };
    let mut out = Vec::new();
    loop {
        let page = store.list_audit(&q).await?;
        let full = page.len() == stig_store::audit::MAX_AUDIT_PAGE as usize;
        q.before_seq = page.last().map(|e| e.seq);
        out.extend(page);
        if !full {
            return Ok(out);
        }
    }
}

/// Entries as a file: JSON lines, or CSV with the detail as JSON text.
pub fn write_file(entries: &[AuditEntry], format: AuditFormat) -> Result<Vec<u8>, AppError> {
    let internal = |e: &dyn std::fmt::Display| AppError::Internal(format!("audit export: {e}"));
    match format {
        AuditFormat::Jsonl => {
            let mut out = Vec::new();
            for e in entries {
                serde_json::to_writer(&mut out, &entry_json(e)).map_err(|e| internal(&e))?;
                out.push(b'\n');
            }
            Ok(out)
        }
        AuditFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "seq",
                "at",
                "actor",
                "actor_user",
                "action",
                "workspace",
                "target_kind",
                "target_id",
                "detail",
                "client",
                "prev_hash",
                "hash",
            ])
            .map_err(|e| internal(&e))?;
            for e in entries {
                let opt = |o: &Option<String>| o.clone().unwrap_or_default();
                w.write_record([
                    e.seq.to_string(),
                    e.at.to_string(),
                    e.actor.clone(),
                    e.actor_user.map(|u| u.to_string()).unwrap_or_default(),
                    e.action.clone(),
                    opt(&e.workspace),
                    opt(&e.target_kind),
                    opt(&e.target_id),
                    e.detail.clone(),
                    opt(&e.client),
                    e.prev_hash.clone(),
                    e.hash.clone(),
                ])
                .map_err(|e| internal(&e))?;
            }
            w.into_inner().map_err(|e| internal(&e))
        }
    }
}

/// A download of entries.
pub fn file_response(entries: &[AuditEntry], format: AuditFormat) -> Result<Response, AppError> {
    let bytes = write_file(entries, format)?;
    let mut res = bytes.into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    let disposition = format!("attachment; filename=\"stig-audit.{}\"", format.extension());
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    params: Result<Query<AuditParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    user.require(Role::Admin)?;
    let Query(params) = params.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let q = params.query()?;
    if let Some(format) = super::given(Some(&params.format)) {
        let format = AuditFormat::parse(format)?;
        let entries = all_matching(state.store.as_ref(), &q).await?;
        return Ok(file_response(&entries, format)?);
    }
    let entries = state.store.list_audit(&q).await?;
    let next_before = (entries.len() as i64 == q.page_size())
        .then(|| entries.last().map(|e| e.seq))
        .flatten();
    Ok(Json(json!({
        "entries": entries.iter().map(entry_json).collect::<Vec<_>>(),
        "next_before": next_before,
    }))
    .into_response())
}

/// This file's path for the OpenAPI document.
pub fn openapi_paths(paths: &mut Map<String, Value>) {
    let q = |name: &str, description: &str, schema: Value| json!({"name": name, "in": "query", "description": description, "schema": schema});
    let actions: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
    // Blank is any action (the admin page's form sends its empty fields): `or_blank`.
    let day_or_time = super::openapi::day_or_time();
    let entry = json!({"type": "object", "properties": {
        "seq": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
        "actor": {"type": "string", "description": "A user name, `token:<fingerprint>`, `cli`, `system`, or `?<name typed>` for a failed login"},
        "actor_user": {"type": ["integer", "null"]}, "action": {"type": "string", "enum": actions.clone()},
        "workspace": {"type": ["string", "null"]}, "target_kind": {"type": ["string", "null"]}, "target_id": {"type": ["string", "null"]},
        "detail": {"description": "What explains the action, e.g. a diff `{\"<path>\": {\"old\": …, \"new\": …}}`"},
        "client": {"type": ["string", "null"]}, "prev_hash": {"type": "string"}, "hash": {"type": "string", "description": "SHA-256 over the entry's fields and prev_hash"}
    }});
    paths.insert("/api/audit".into(), json!({
        "get": {
            "tags": ["Administration"],
            "operationId": "listAudit",
            "summary": "The audit log, newest first (admin): who changed what, sign-ins, exports, erasures; hash-chained, `stig audit verify` checks it",
            "parameters": [
                q("actor", "Part of the actor's name, any case", json!({"type": "string"})),
                q("action", "One action", super::openapi::or_blank(json!({"type": "string", "enum": actions}))),
                q("workspace", "One workspace", json!({"type": "string"})),
                q("from", "From this day (UTC) or time", day_or_time.clone()),
                q("to", "Up to the end of this day (UTC), or before this time", day_or_time),
                q("before", "Entries numbered below this (the previous page's `next_before`)", json!({"type": "integer", "format": "int64"})),
                q("limit", "At most this many (1–1000); others are refused", json!({"type": "integer", "default": 100, "minimum": 1, "maximum": stig_store::audit::MAX_AUDIT_PAGE})),
                q("format", "Every matching entry as a file instead of a page", super::openapi::or_blank(json!({"type": "string", "enum": ["jsonl", "csv"]}))),
            ],
            "responses": {
                "200": {"description": "A page of entries", "content": {
                    "application/json": {"schema": {"type": "object", "properties": {"entries": {"type": "array", "items": entry}, "next_before": {"type": ["integer", "null"]}}}},
                    "application/x-ndjson": {"schema": {"type": "string"}},
                    "text/csv": {"schema": {"type": "string"}}
                }},
                "400": {"$ref": "#/components/responses/400"},
                "401": {"$ref": "#/components/responses/401"},
                "403": {"$ref": "#/components/responses/403"}
            }
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_bad_ones_name_their_parameter() {
        let p = AuditParams {
            actor: " kari ".into(),
            action: "role-changed".into(),
            from: "2026-01-31".into(),
            to: "2026-01-31".into(),
            ..AuditParams::default()
        };
        let q = p.query().expect("query");
        assert_eq!(q.actor.as_deref(), Some("kari"));
        assert_eq!(q.action, Some(AuditAction::RoleChanged));
        assert_eq!(
            q.from.map(|t| t.to_string()).as_deref(),
            Some("2026-01-31T00:00:00Z")
        );
        assert_eq!(
            q.to.map(|t| t.to_string()).as_deref(),
            Some("2026-02-01T00:00:00Z")
        );
        assert_eq!(
            p.filter_query(),
            "actor=kari&action=role-changed&from=2026-01-31&to=2026-01-31"
        );
        for (field, bad) in [("action", "exploded"), ("from", "yesterday")] {
            let mut p = AuditParams::default();
            match field {
                "action" => p.action = bad.into(),
                _ => p.from = bad.into(),
            }
            let err = p.query().expect_err("bad").to_string();
            assert!(err.contains(&format!("`{field}`")), "{err}");
        }
        assert!(AuditFormat::parse("xml").is_err());
    }
}
