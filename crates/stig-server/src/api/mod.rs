//! The REST API (JSON): every design-time entity of every workspace, described by OpenAPI 3.1
//! at `/api/openapi.json` with a reference page at `/api/docs`. Errors are
//! `application/problem+json`; writes need the editor role and carry the version they start
//! from (`If-Match: "<version>"`), so concurrent edits conflict (409) instead of overwriting.

pub mod audit;
mod customers;
mod customers_export;
pub(crate) mod destinations;
mod entities;
mod events;
mod insight;
mod moments;
pub mod openapi;
pub mod people;
pub mod problem;
pub(crate) mod survey_links;
mod tracking;
mod whole_numbers;
mod workspaces;

use axum::Router;
use axum::routing::{get, post, put};

use crate::state::AppState;

/// A query value as given: `None` when left out or blank (spaces, tabs and line breaks only,
/// as an HTML form sends an untouched field), else trimmed. The OpenAPI document states the
/// same (`openapi::or_blank`).
pub(crate) fn given(value: Option<&str>) -> Option<&str> {
    value
        .map(|v| v.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')))
        .filter(|v| !v.is_empty())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi::json))
        .route("/api/docs", get(openapi::docs))
        .route("/api/audit", get(audit::list))
        .route("/api/workspaces", get(workspaces::list))
        .route(
            "/api/workspaces/{ws}",
            get(workspaces::get)
                .put(workspaces::import)
                .delete(workspaces::delete),
        )
        .route(
            "/api/workspaces/{ws}/settings",
            get(workspaces::settings).put(workspaces::save_settings),
        )
        .route(
            "/api/workspaces/{ws}/diagnostics",
            get(workspaces::diagnostics),
        )
        .route("/api/workspaces/{ws}/customers", get(customers::list))
        .route("/api/workspaces/{ws}/customers/{id}", get(customers::get))
        .route(
            "/api/workspaces/{ws}/people/{id}/erase",
            post(people::erase),
        )
        .route(
            "/api/workspaces/{ws}/people/{id}/export",
            get(people::export),
        )
        .route("/api/workspaces/{ws}/events", get(events::list))
        .route(
            "/api/workspaces/{ws}/export/customers",
            get(customers_export::export),
        )
        .route("/api/workspaces/{ws}/insight", get(insight::report))
        .route("/api/workspaces/{ws}/insight/{area}", get(insight::area))
        .route(
            "/api/workspaces/{ws}/survey-links",
            post(survey_links::create),
        )
        .route(
            "/api/workspaces/{ws}/moments/backtest",
            post(moments::backtest_draft),
        )
        .route(
            "/api/workspaces/{ws}/moments/{id}/backtest",
            get(moments::backtest_stored),
        )
        .route("/api/workspaces/{ws}/tracking-plan", get(tracking::plan))
        .route(
            "/api/workspaces/{ws}/moments/{id}/preview",
            get(moments::preview),
        )
        .route(
            "/api/workspaces/{ws}/moments/{id}/test-email",
            post(moments::test_email),
        )
        .route("/api/workspaces/{ws}/firings", get(moments::firings))
        .route("/api/workspaces/{ws}/deliveries", get(moments::deliveries))
        .route(
            "/api/workspaces/{ws}/deliveries/{id}",
            get(moments::delivery),
        )
        .route(
            "/api/workspaces/{ws}/deliveries/{id}/replay",
            post(moments::replay),
        )
        .route("/api/workspaces/{ws}/tasks", get(moments::tasks))
        .route(
            "/api/workspaces/{ws}/tasks/{id}",
            axum::routing::patch(moments::update_task),
        )
        .route("/api/workspaces/{ws}/secrets", get(moments::secrets))
        .route(
            "/api/workspaces/{ws}/secrets/{name}",
            put(moments::set_secret).delete(moments::delete_secret),
        )
        .route(
            "/api/workspaces/{ws}/sources/{id}/destinations",
            get(destinations::list).post(destinations::add),
        )
        .route(
            "/api/workspaces/{ws}/sources/{id}/destinations/{dest}",
            get(destinations::get)
                .patch(destinations::change)
                .delete(destinations::delete),
        )
        .route(
            "/api/workspaces/{ws}/sources/{id}/destinations/{dest}/test",
            post(destinations::test),
        )
        .merge(entities::routes())
        .route("/api/{*rest}", axum::routing::any(problem::not_found))
        // `2.0` is an integer in JSON Schema: respelled `2` before the handlers read it.
        .layer(axum::middleware::from_fn(whole_numbers::whole_numbers))
        // Every error problem+json, a body over the limit 413 (see `problem`).
        .layer(axum::middleware::from_fn(problem::problem_json))
}
