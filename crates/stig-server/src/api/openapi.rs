//! The OpenAPI 3.1 description of the REST API, built from the model's JSON Schemas
//! (schemars, draft 2020-12 — the dialect OpenAPI 3.1 uses), and a reference page rendered
//! from it on the server, so it works offline.

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use maud::{Markup, html};
use schemars::{JsonSchema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use stig_model::{Actor, Dilemma, Goal, Journey, Persona, Settings, Touchpoint};

use super::customers::{CustomerList, CustomerProfile};
use super::survey_links::{SurveyLink, SurveyLinkRequest};
use super::workspaces::{ApiDiagnostic, WorkspaceDocument, WorkspaceInfo};
use crate::auth::SessionUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::ui::page_ctx;
use crate::views::layout::{Nav, page};

/// The entity kinds of the API: (path segment, schema name, tag description).
const KINDS: [(&str, &str, &str); 7] = [
    (
        "personas",
        "Persona",
        "Customer types, defined by what they love and hate.",
    ),
    (
        "journeys",
        "Journey",
        "Journeys with their phases, stages and steps (a journey is edited as a whole).",
    ),
    (
        "touchpoints",
        "Touchpoint",
        "Where the company, a partner or a public actor meets the customer.",
    ),
    (
        "actors",
        "Actor",
        "Partners and public bodies around the customer.",
    ),
    ("goals", "Goal", "The customer's goal tree."),
    (
        "dilemmas",
        "Dilemma",
        "Choices trading satisfaction against cost and CO2e.",
    ),
    (
        "moments",
        "Moment",
        "Business moments: a trigger, conditions, limits and actions (webhook, email, survey, task).",
    ),
];

pub fn document() -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    let mut generator = SchemaGenerator::new(settings);
    fn add<T: JsonSchema>(g: &mut SchemaGenerator) {
        let _ = g.subschema_for::<T>();
    }
    add::<Persona>(&mut generator);
    add::<Journey>(&mut generator);
    add::<Touchpoint>(&mut generator);
    add::<Actor>(&mut generator);
    add::<Goal>(&mut generator);
    add::<Dilemma>(&mut generator);
    add::<stig_model::Moment>(&mut generator);
    add::<Settings>(&mut generator);
    add::<WorkspaceDocument>(&mut generator);
    add::<ApiDiagnostic>(&mut generator);
    add::<WorkspaceInfo>(&mut generator);
    add::<CustomerList>(&mut generator);
    add::<CustomerProfile>(&mut generator);
    add::<SurveyLinkRequest>(&mut generator);
    add::<SurveyLink>(&mut generator);
    let mut schemas: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    for schema in schemas.values_mut() {
        bound_integers(schema);
    }
    schemas.insert(
        "Problem".into(),
        json!({
            "type": "object",
            "description": "An error, as RFC 9457 problem details.",
            "properties": {
                "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                "detail": {"type": "string"},
                "errors": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}
            },
            "required": ["type", "title", "status", "detail"]
        }),
    );

    let mut paths = Map::new();
    paths.insert("/api/workspaces".into(), json!({
        "get": op("Workspaces", "listWorkspaces", "List the workspaces", None, ok_json(json!({"type": "array", "items": sref("WorkspaceInfo")})), &[])
    }));
    paths.insert("/api/workspaces/{ws}".into(), json!({
        "parameters": [ws_param()],
        "get": op("Workspaces", "getWorkspace", "A whole workspace (its ETag is the workspace version)", None, ok_json(sref("WorkspaceDocument")), &["404"]),
        "put": op("Workspaces", "importWorkspace", "Create or replace a whole workspace (admin); validated like `stig check`", Some(sref("WorkspaceDocument")), no_content(), &["400", "403", "422"]),
        "delete": op("Workspaces", "deleteWorkspace", "Delete a workspace and everything in it (admin)", None, no_content(), &["403", "404"]),
    }));
    paths.insert("/api/workspaces/{ws}/settings".into(), json!({
        "parameters": [ws_param()],
        "get": op("Workspaces", "getSettings", "The workspace settings", None, ok_json(sref("Settings")), &["404"]),
        "put": with_if_match(op("Workspaces", "saveSettings", "Change the settings (editor)", Some(sref("Settings")), ok_json(sref("Settings")), &["400", "403", "404", "409", "422"])),
    }));
    paths.insert("/api/workspaces/{ws}/diagnostics".into(), json!({
        "parameters": [ws_param()],
        "get": op("Workspaces", "getDiagnostics", "Every error and warning of `stig check` on the workspace", None, ok_json(json!({"type": "array", "items": sref("ApiDiagnostic")})), &["404"]),
    }));
    paths.insert("/api/workspaces/{ws}/customers".into(), json!({
        "parameters": [ws_param(),
            {"name": "status", "in": "query", "schema": or_blank(json!({"type": "string", "enum": ["active", "churned", "prospect"]}))},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 100}},
            {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 4294967295u64, "default": 0}}],
        "get": op("Customers", "listCustomers", "Customers as the events show them, most recently seen first, with lifecycle and journey-run totals", None, ok_json(sref("CustomerList")), &["400", "404"]),
    }));
    paths.insert("/api/workspaces/{ws}/customers/{id}".into(), json!({
        "parameters": [ws_param(), {"name": "id", "in": "path", "required": true, "description": "Any user id or anonymous id of the customer", "schema": {"type": "string"}}],
        "get": op("Customers", "getCustomer", "One customer: ids, traits with history, lifecycle, journey runs with their touchpoints, feedback", None, ok_json(sref("CustomerProfile")), &["404"]),
    }));
    moment_paths(&mut paths);
    super::destinations::openapi_paths(&mut paths);
    super::events::openapi_paths(&mut paths);
    super::customers_export::openapi_paths(&mut paths);
    super::people::openapi_paths(&mut paths);
    super::audit::openapi_paths(&mut paths);
    let insight_params = || {
        json!([ws_param(),
        {"name": "persona", "in": "query", "description": "Only customers of this persona (id)", "schema": {"type": "string"}},
        {"name": "journey", "in": "query", "description": "Only runs of this journey (id), and answers given in them", "schema": {"type": "string"}},
        {"name": "channel", "in": "query", "description": "Only runs started (or customers won) on this channel", "schema": {"type": "string"}},
        {"name": "from", "in": "query", "description": "First day or month of the period: 2024-03-01 or 2024-03", "schema": day_or_month()},
        {"name": "to", "in": "query", "description": "Last day or month of the period (inclusive)", "schema": day_or_month()},
        {"name": "lang", "in": "query", "description": "Language of the findings' messages: en (default), nb, sv, da, fi", "schema": or_blank(json!({"type": "string", "enum": ["en", "nb", "sv", "da", "fi"]}))},
        {"name": "outcome", "in": "query", "description": "What the driver analysis (and the findings' \"fix first\") explains: a touchpoint id, `touchpoint:nps|csat|ces`, or `overall` (answers about a whole journey). Default: the workspace's `drivers_outcome` setting, else the overall answers, else the one touchpoint with an NPS survey. An outcome nobody answered is a 422 naming it (so is a persona, journey or channel id the workspace lacks)", "schema": {"type": "string"}}])
    };
    let mut with_area = insight_params();
    if let Some(list) = with_area.as_array_mut() {
        list.push(json!({"name": "area", "in": "path", "required": true, "schema": {"type": "string", "enum": ["totals", "scores", "emotions", "drivers", "kpis", "journeys", "variants", "personas", "findings"]}}));
    }
    paths.insert("/api/workspaces/{ws}/insight".into(), json!({
        "parameters": insight_params(),
        "get": op("Insight", "getInsight", "Every insight number of the workspace under the filter: totals; CSAT, NPS (with 95% intervals) and CES per touchpoint and persona with trends; measured emotion curves per journey; driver analysis of the chosen outcome (Johnson's relative weights, bootstrap intervals, R² and sample size, importance-performance quadrants, emotional vs functional share, per persona or the answers a persona still lacks; `limits` says when no ranking may be acted on: R² below 10 % or the top two intervals overlapping); KPIs (won, lost, ratio, net per month, retention cohorts, repeat-journey rate); observed journeys (funnel, drop-off, times between steps, stuck points, step variants, deviations); top variants; customer types (persona sizes, types discovered by clustering preference vectors with the persona each resembles, the demographic-twins report); ranked findings", None, ok_json(json!({"type": "object"})), &["400", "404", "422"]),
    }));
    paths.insert("/api/workspaces/{ws}/insight/{area}".into(), json!({
        "parameters": with_area,
        "get": op("Insight", "getInsightArea", "One area of the insight report (see getInsight), always an object: an area that is a list (`findings`, `variants`) comes as `{\"<area>\": [...]}`", None, ok_json(json!({"type": "object"})), &["400", "404", "422"]),
    }));
    paths.insert("/api/workspaces/{ws}/survey-links".into(), json!({
        "parameters": [ws_param()],
        "post": op("Surveys", "createSurveyLink", "Sign a link for one customer to answer a touchpoint's survey on the public page `/s/{token}` (editor); it works for 90 days and takes one answer, stored as a `Feedback Submitted` event", Some(sref("SurveyLinkRequest")), ok_json(sref("SurveyLink")), &["400", "403", "404", "422"]),
    }));
    for (plural, schema, _) in KINDS {
        let tag = capitalize(plural);
        paths.insert(format!("/api/workspaces/{{ws}}/{plural}"), json!({
            "parameters": [ws_param()],
            "get": op(&tag, &format!("list{tag}"), &format!("List the {plural}"), None, ok_json(json!({"type": "array", "items": sref(schema)})), &["404"]),
            "post": op(&tag, &format!("create{schema}"), &format!("Create a {} (editor); validated like `stig check`", schema.to_lowercase()), Some(sref(schema)), created(schema), &["400", "403", "404", "409", "422"]),
        }));
        paths.insert(format!("/api/workspaces/{{ws}}/{plural}/{{id}}"), json!({
            "parameters": [ws_param(), {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "get": op(&tag, &format!("get{schema}"), &format!("One {} (its ETag is its version)", schema.to_lowercase()), None, ok_json(sref(schema)), &["404"]),
            "put": with_if_match(op(&tag, &format!("update{schema}"), &format!("Replace a {} (editor); may rename it", schema.to_lowercase()), Some(sref(schema)), ok_json(sref(schema)), &["400", "403", "404", "409", "422"])),
            "delete": with_if_match(op(&tag, &format!("delete{schema}"), &format!("Delete a {} (editor), unless something refers to it", schema.to_lowercase()), None, no_content(), &["403", "404", "409", "422"])),
        }));
    }

    let mut tags = vec![
        json!({"name": "Workspaces", "description": "Workspaces as a whole."}),
        json!({"name": "Customers", "description": "Customers, their journey runs and feedback, derived from the collected events."}),
        json!({"name": "Surveys", "description": "Signed links to Stig-hosted surveys: one touchpoint's question, answered once by one customer."}),
        json!({"name": "Destinations", "description": "A source's events forwarded to a webhook in signed batches, at least once."}),
        json!({"name": "Data out", "description": "The stored events and the customer profiles, paged by cursor, as JSON, NDJSON, CSV or Parquet."}),
        json!({"name": "Tracking plan", "description": "What the workspace's sources have sent: each kind of event with its properties, their types, counts, first and last seen."}),
        json!({"name": "Insight", "description": "The numbers behind the insight pages, computed from the collected events and survey answers under a filter (persona, journey, channel, period): scores, emotion curves, drivers, KPIs, observed journeys, customer types and ranked findings."}),
    ];
    tags.extend(
        KINDS
            .iter()
            .map(|(plural, _, d)| json!({"name": capitalize(plural), "description": d})),
    );
    // The docs page shows operations by listed tag: an area added without a tag entry would
    // vanish from it, so every tag an operation uses is listed.
    for tag in operation_tags(&paths) {
        if !tags.iter().any(|t| t["name"] == tag.as_str()) {
            tags.push(json!({"name": tag, "description": ""}));
        }
    }
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Stig REST API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Personas, journeys, touchpoints, actors, goals and dilemmas of Stig workspaces. Authenticate with `Authorization: Bearer <token>` (`stig token create --user NAME`). Writes carry `If-Match` with the ETag of the version they change; a concurrent change answers 409.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"}
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}, {"sessionCookie": []}],
        "tags": tags,
        "paths": with_common_errors(paths),
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "An API token from `stig token create`."},
                "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "stig_session", "description": "The web app's session (read-only requests)."}
            },
            "responses": {
                "400": problem("The request is malformed (the detail says what and where)."),
                "401": problem("No valid token or session."),
                "403": problem("The user's role does not allow this."),
                "404": problem("No such workspace or entity."),
                "409": problem("The entity changed since the version in If-Match, or the id is taken."),
                "422": problem("The change would make the workspace invalid; `errors` lists each problem."),
                "413": problem("The body is over the limit (2 MiB)."),
                "503": retry_later()
            }
        }
    })
}

/// Answers any operation may give, documented on every one: 400 (a malformed parameter or
/// body, as problem+json), 503 (store unavailable, customers being built), and 413 where a
/// body is taken.
fn with_common_errors(mut paths: Map<String, Value>) -> Map<String, Value> {
    for item in paths.values_mut() {
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) else {
                continue;
            };
            let takes_body = op.contains_key("requestBody");
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            let mut codes = vec!["400", "503"];
            if takes_body {
                codes.push("413");
            }
            for code in codes {
                responses
                    .entry(code)
                    .or_insert_with(|| json!({"$ref": format!("#/components/responses/{code}")}));
            }
        }
    }
    paths
}

/// Every tag that an operation in `paths` names, in order of first use.
fn operation_tags(paths: &Map<String, Value>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for item in paths.values() {
        for method in ["get", "post", "put", "patch", "delete"] {
            for tag in item[method]["tags"].as_array().into_iter().flatten() {
                if let Some(t) = tag.as_str().filter(|t| !found.iter().any(|f| f == t)) {
                    found.push(t.to_owned());
                }
            }
        }
    }
    found
}

/// Integer bounds from the width schemars names in `format` (it gives `int8`/`uint16`
/// ranges but only `minimum: 0` for wider ones), so a number the field cannot hold is
/// outside the schema too.
fn bound_integers(node: &mut Value) {
    match node {
        Value::Object(map) => {
            let range: Option<(i128, i128)> = match map.get("format").and_then(Value::as_str) {
                Some("int8") => Some((i8::MIN.into(), i8::MAX.into())),
                Some("uint8") => Some((0, u8::MAX.into())),
                Some("int16") => Some((i16::MIN.into(), i16::MAX.into())),
                Some("uint16") => Some((0, u16::MAX.into())),
                Some("int32") => Some((i32::MIN.into(), i32::MAX.into())),
                Some("uint32") => Some((0, u32::MAX.into())),
                Some("int64") => Some((i64::MIN.into(), i64::MAX.into())),
                Some("uint64" | "uint") => Some((0, u64::MAX.into())),
                _ => None,
            };
            if let Some((min, max)) = range {
                let num = |n: i128| {
                    i64::try_from(n)
                        .map(Value::from)
                        .unwrap_or_else(|_| Value::from(u64::try_from(n).unwrap_or(u64::MAX)))
                };
                map.entry("minimum").or_insert_with(|| num(min));
                map.entry("maximum").or_insert_with(|| num(max));
            }
            map.values_mut().for_each(bound_integers);
        }
        Value::Array(items) => items.iter_mut().for_each(bound_integers),
        _ => {}
    }
}

/// 503: the store is down, or a workspace's customers are being built (first build after
/// an import); `Retry-After` says when to ask again.
fn retry_later() -> Value {
    let mut r = problem(
        "The database is unavailable, or the workspace's customers are still being built; try again after `Retry-After` seconds.",
    );
    r["headers"] = json!({"Retry-After": {"description": "Seconds to wait before asking again", "schema": {"type": "integer", "minimum": 0}}});
    r
}

/// `schema`, or blank: the server takes a blank query value as left out (`api::given`).
pub(crate) fn or_blank(schema: Value) -> Value {
    json!({"anyOf": [schema, {"type": "string", "pattern": "^[\\t\\n\\r ]*$"}]})
}

/// A day (`2026-01-31`, UTC), an RFC 3339 time or empty (no bound), as the audit and event
/// filters read them.
pub(super) fn day_or_time() -> Value {
    json!({"anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time"},
        {"type": "string", "pattern": "^[\\t\\n\\r ]*$"}
    ]})
}

/// A day (`2024-03-31`), a month (`2024-03`) or empty (no bound), as the insight filter reads it.
fn day_or_month() -> Value {
    json!({"anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"},
        {"type": "string", "pattern": "^[\\t\\n\\r ]*$"}
    ]})
}

fn sref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn ws_param() -> Value {
    json!({"name": "ws", "in": "path", "required": true, "description": "The workspace id", "schema": {"type": "string"}})
}

fn problem(description: &str) -> Value {
    json!({"description": description, "content": {"application/problem+json": {"schema": sref("Problem")}}})
}

fn ok_json(schema: Value) -> (String, Value) {
    (
        "200".into(),
        json!({"description": "OK", "content": {"application/json": {"schema": schema}}}),
    )
}

fn created(schema: &str) -> (String, Value) {
    (
        "201".into(),
        json!({"description": "Created; `Location` names it and `ETag` is its version", "content": {"application/json": {"schema": sref(schema)}}}),
    )
}

fn no_content() -> (String, Value) {
    ("204".into(), json!({"description": "Done"}))
}

fn op(
    tag: &str,
    id: &str,
    summary: &str,
    body: Option<Value>,
    ok: (String, Value),
    errors: &[&str],
) -> Value {
    let mut responses = Map::new();
    responses.insert(ok.0, ok.1);
    responses.insert("401".into(), json!({"$ref": "#/components/responses/401"}));
    for e in errors {
        responses.insert(
            (*e).into(),
            json!({"$ref": format!("#/components/responses/{e}")}),
        );
    }
    let mut o =
        json!({"tags": [tag], "operationId": id, "summary": summary, "responses": responses});
    if let Some(schema) = body {
        o["requestBody"] =
            json!({"required": true, "content": {"application/json": {"schema": schema}}});
    }
    o
}

/// The operation with its request body optional (the server has a meaning for none).
fn optional_body(mut op: Value) -> Value {
    op["requestBody"]["required"] = json!(false);
    op
}

fn with_if_match(mut o: Value) -> Value {
    o["parameters"] = json!([{
        "name": "If-Match", "in": "header", "required": true,
        "description": "The ETag of the version being changed, e.g. \"3\".",
        "schema": {"type": "string", "pattern": "^(W/)?\"[0-9]{1,18}\"$"}
    }]);
    o
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub async fn json(_user: crate::auth::ApiUser) -> Json<Value> {
    Json(document())
}

/// `GET /api/docs`: the API reference, rendered from the same document.
pub async fn docs(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
) -> Result<Markup, AppError> {
    let ctx = page_ctx(&state, &user, None, None, &uri, None).await?;
    let doc = document();
    let content = html! {
        div.api-docs {
            h1 { (doc["info"]["title"].as_str().unwrap_or_default()) }
            p.muted { (doc["info"]["description"].as_str().unwrap_or_default()) }
            p { a href="/api/openapi.json" { "openapi.json" } " · OpenAPI " (doc["openapi"].as_str().unwrap_or_default()) }
            @for tag in doc["tags"].as_array().into_iter().flatten() {
                @let name = tag["name"].as_str().unwrap_or_default();
                section.card.api-tag {
                    h2 { (name) }
                    p.muted { (tag["description"].as_str().unwrap_or_default()) }
                    table.data {
                        thead { tr { th { "Method" } th { "Path" } th { "Summary" } th { "Body" } th { "Responses" } } }
                        tbody {
                            @for (path, item) in doc["paths"].as_object().into_iter().flatten() {
                                @for method in ["get", "post", "put", "patch", "delete"] {
                                    @if let Some(o) = item.get(method).filter(|o| o["tags"][0] == name) {
                                        tr {
                                            td { span class={"method " (method)} { (method.to_uppercase()) } }
                                            td { code { (path) } }
                                            td { (o["summary"].as_str().unwrap_or_default()) }
                                            td { (schema_name(&o["requestBody"]["content"]["application/json"]["schema"])) }
                                            td { (o["responses"].as_object().map(|r| r.keys().cloned().collect::<Vec<_>>().join(" ")).unwrap_or_default()) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Schemas" }
            @for (name, schema) in doc["components"]["schemas"].as_object().into_iter().flatten() {
                details.card.api-schema {
                    summary { strong { (name) } " " span.muted { (schema["description"].as_str().unwrap_or_default()) } }
                    @if let Some(props) = schema["properties"].as_object() {
                        table.data {
                            thead { tr { th { "Field" } th { "Type" } th { "Description" } } }
                            tbody {
                                @for (field, p) in props {
                                    @let required = schema["required"].as_array().is_some_and(|r| r.iter().any(|x| x == field.as_str()));
                                    tr {
                                        td { code { (field) } @if required { " *" } }
                                        td { (type_name(p)) }
                                        td { (p["description"].as_str().unwrap_or_default()) }
                                    }
                                }
                            }
                        }
                    } @else {
                        pre { (serde_json::to_string_pretty(schema).unwrap_or_default()) }
                    }
                }
            }
        }
    };
    Ok(page(&ctx, "API", Nav::Api, content))
}

fn schema_name(s: &Value) -> String {
    if let Some(r) = s["$ref"].as_str() {
        return r.rsplit('/').next().unwrap_or_default().to_owned();
    }
    if s.is_null() {
        String::new()
    } else {
        type_name(s)
    }
}

fn type_name(p: &Value) -> String {
    if let Some(r) = p["$ref"].as_str() {
        return r.rsplit('/').next().unwrap_or_default().to_owned();
    }
    match &p["type"] {
        Value::String(t) if t == "array" => format!("[{}]", type_name(&p["items"])),
        Value::String(t) => t.clone(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
        _ => {
            if let Some(any) = p["anyOf"].as_array().or(p["oneOf"].as_array()) {
                any.iter().map(type_name).collect::<Vec<_>>().join(" | ")
            } else if let Some(e) = p["enum"].as_array() {
                e.iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            } else {
                "any".into()
            }
        }
    }
}

/// The moments' runtime: backtest, activity log, deliveries, tasks and secrets.
fn moment_paths(paths: &mut Map<String, Value>) {
    let id = |name: &str, what: &str| json!({"name": name, "in": "path", "required": true, "description": what, "schema": {"type": "string"}});
    let num = |name: &str, what: &str| json!({"name": name, "in": "path", "required": true, "description": what, "schema": {"type": "integer", "format": "int64"}});
    let limit = json!({"name": "limit", "in": "query", "description": "At most this many (0 and values over 1000 are taken as 1 and 1000)", "schema": {"type": "integer", "minimum": 0, "maximum": 4294967295u64, "default": 100}});
    let any = json!({"type": "object"});
    let list = json!({"type": "array", "items": {"type": "object"}});
    paths.insert("/api/workspaces/{ws}/moments/backtest".into(), json!({
        "parameters": [ws_param()],
        "post": op("Moments", "backtestDraft", "How often a moment (the body, saved or not) would have fired over the stored events: per persona, per week, with sample customers", Some(sref("Moment")), ok_json(any.clone()), &["400", "404", "422"]),
    }));
    paths.insert("/api/workspaces/{ws}/moments/{id}/backtest".into(), json!({
        "parameters": [ws_param(), id("id", "The moment's id")],
        "get": op("Moments", "backtestMoment", "The stored moment over the stored events", None, ok_json(any.clone()), &["404"]),
    }));
    paths.insert("/api/workspaces/{ws}/moments/{id}/preview".into(), json!({
        "parameters": [ws_param(), id("id", "The moment's id")],
        "get": op("Moments", "previewMomentEmails", "Each email action rendered for a sample customer (a recent one with a name and address, else an invented one) in every language it is written in: language, to, subject, text, template errors", None, ok_json(list.clone()), &["404"]),
    }));
    paths.insert("/api/workspaces/{ws}/moments/{id}/test-email".into(), json!({
        "parameters": [ws_param(), id("id", "The moment's id")],
        "post": op("Moments", "sendTestEmail", "Send one email action (`action`, 0-based; `language`) rendered for the sample customer to the caller, whose user name is their e-mail address, through the workspace's mail server (editor). 502 `{sent: false, error}` when the mail server refused it", Some(json!({"type": "object", "additionalProperties": false, "properties": {"action": {"type": "integer", "minimum": 0, "maximum": u32::MAX}, "language": {"type": "string"}}})), ok_json(any.clone()), &["400", "403", "404", "422"]),
    }));
    paths.insert("/api/workspaces/{ws}/tracking-plan".into(), json!({
        "parameters": [ws_param()],
        "get": op("Tracking plan", "getTrackingPlan", "The events the workspace has received, counted as they arrive: per type and name, count, first and last seen, and their properties (traits for identify and group) with the JSON types seen", None, ok_json(json!({"type": "object", "properties": {"workspace": {"type": "string"}, "total": {"type": "integer"}, "unlisted": {"type": "integer"}, "events": {"type": "array", "items": {"type": "object", "properties": {"type": {"type": "string", "enum": ["track", "page", "screen", "identify", "group", "alias"]}, "name": {"type": "string"}, "count": {"type": "integer"}, "first_seen": {"type": "string", "format": "date-time"}, "last_seen": {"type": "string", "format": "date-time"}, "unlisted_properties": {"type": "integer"}, "properties": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "types": {"type": "array", "items": {"type": "string"}}, "count": {"type": "integer"}, "last_seen": {"type": "string", "format": "date-time"}}}}}}}}})), &["404"]),
    }));
    paths.insert("/api/workspaces/{ws}/firings".into(), json!({
        "parameters": [ws_param(), {"name": "moment", "in": "query", "schema": {"type": "string"}}, {"name": "customer", "in": "query", "schema": {"type": "string"}}, limit.clone()],
        "get": op("Moments", "listFirings", "The activity log: firings, newest first, each with its deliveries", None, ok_json(list.clone()), &["404"]),
    }));
    paths.insert("/api/workspaces/{ws}/deliveries".into(), json!({
        "parameters": [ws_param(), {"name": "status", "in": "query", "schema": or_blank(json!({"type": "string", "enum": ["pending", "delivered", "dead"]}))}, limit.clone()],
        "get": op("Moments", "listDeliveries", "Deliveries of moments' actions; `status=dead` is the dead-letter list", None, ok_json(list.clone()), &["404", "422"]),
    }));
    paths.insert("/api/workspaces/{ws}/deliveries/{id}".into(), json!({
        "parameters": [ws_param(), num("id", "The delivery's number")],
        "get": op("Moments", "getDelivery", "One delivery with every attempt (time, status, error)", None, ok_json(any.clone()), &["404"]),
    }));
    paths.insert("/api/workspaces/{ws}/deliveries/{id}/replay".into(), json!({
        "parameters": [ws_param(), num("id", "The delivery's number")],
        "post": op("Moments", "replayDelivery", "Send a dead letter (or a waiting retry) again now, with the same idempotency key (editor)", None, ok_json(any.clone()), &["400", "403", "404"]),
    }));
    paths.insert("/api/workspaces/{ws}/tasks".into(), json!({
        "parameters": [ws_param(), {"name": "status", "in": "query", "schema": or_blank(json!({"type": "string", "enum": ["open", "done"]}))}, limit],
        "get": op("Moments", "listTasks", "Tasks for staff made by moments, open first", None, ok_json(list.clone()), &["404", "422"]),
    }));
    paths.insert("/api/workspaces/{ws}/tasks/{id}".into(), json!({
        "parameters": [ws_param(), num("id", "The task's number")],
        "patch": op("Moments", "updateTask", "Assign (`assignee`, null unassigns) or close (`status`: open or done) a task (editor)", Some(json!({"type": "object", "properties": {"assignee": {"type": ["string", "null"]}, "status": {"type": "string", "enum": ["open", "done"]}}})), ok_json(any.clone()), &["400", "403", "404"]),
    }));
    paths.insert("/api/workspaces/{ws}/secrets".into(), json!({
        "parameters": [ws_param()],
        "get": op("Moments", "listSecrets", "Workspace secrets by name and last change; values are never shown (editor)", None, ok_json(list), &["403", "404"]),
    }));
    paths.insert("/api/workspaces/{ws}/secrets/{name}".into(), json!({
        "parameters": [ws_param(), id("name", "The name moments use it by")],
        "put": optional_body(op("Moments", "setSecret", "Set a secret (`{\"value\": …}`), or send no body (or no or a null value) to have a webhook secret generated and returned this once (admin)", Some(json!({"type": "object", "properties": {"value": {"type": ["string", "null"]}}})), ok_json(any), &["403", "404", "422"])),
        "delete": op("Moments", "deleteSecret", "Delete a secret (admin)", None, no_content(), &["403", "404"]),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The docs page lists operations under the document's tags: each operation's tag must
    /// be one of them, or the operation is missing from `/api/docs`.
    #[test]
    fn every_operation_is_under_a_listed_tag() {
        let doc = document();
        let listed: Vec<&str> = doc["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .filter_map(|t| t["name"].as_str())
            .collect();
        for area in ["Insight", "Moments", "Customers", "Workspaces", "Data out"] {
            assert!(listed.contains(&area), "{area} is not on /api/docs");
        }
        let paths = doc["paths"].as_object().expect("paths");
        for tag in operation_tags(paths) {
            assert!(listed.contains(&tag.as_str()), "tag {tag} is not listed");
        }
        assert!(
            paths["/api/workspaces/{ws}/insight/{area}"]["get"]["tags"][0] == "Insight",
            "the insight areas are tagged Insight"
        );
    }
}
