//! The REST API (JSON): every design-time entity of every workspace, described by OpenAPI 3.1
//! at `/api/openapi.json` with a reference page at `/api/docs`. Errors are
//! `application/problem+json`; writes need the editor role and carry the version they start
//! from (`If-Match: "<version>"`), so concurrent edits conflict (409) instead of overwriting.

mod customers;
mod entities;
mod insight;
pub mod openapi;
mod survey_links;
mod workspaces;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi::json))
        .route("/api/docs", get(openapi::docs))
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
        .route("/api/workspaces/{ws}/insight", get(insight::report))
        .route("/api/workspaces/{ws}/insight/{area}", get(insight::area))
        .route(
            "/api/workspaces/{ws}/survey-links",
            post(survey_links::create),
        )
        .merge(entities::routes())
}
