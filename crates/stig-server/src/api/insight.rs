//! `GET /api/workspaces/{ws}/insight[/{area}]`: the insight numbers as JSON, under the same
//! filter the web app takes (`persona`, `journey`, `channel`, `from`, `to`), with findings'
//! messages in `lang` (default English). The numbers come from the last consistent state of
//! the live runtime: the whole report says how fresh in `freshness`, one area in the headers
//! `X-Stig-As-Of` (RFC 3339) and `X-Stig-Recomputing` (`edit` or `reread`, while a newer
//! state is being made after a design edit).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use stig_insight::filter::FilterError;
use stig_insight::{Filter, FilterQuery};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError, FieldError};
use crate::i18n::{Locale, Tr};
use crate::state::AppState;
use stig_runtime::report::{self as insight, Report};

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(flatten)]
    filter: FilterQuery,
    lang: Option<String>,
    /// What the drivers explain: a touchpoint id, `touchpoint:scale` or `overall`.
    outcome: Option<String>,
}

fn locale(params: &Params) -> Result<Locale, ApiError> {
    match super::given(params.lang.as_deref()) {
        None => Ok(Locale::En),
        Some(l) => Locale::parse(l).ok_or_else(|| {
            AppError::BadRequest(format!("lang `{l}` is not one of en, nb, sv, da, fi")).into()
        }),
    }
}

/// Every area at once.
pub async fn report(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<Report>, ApiError> {
    let locale = locale(&params)?;
    let loaded = crate::customers::load(&state, &ws_id).await?;
    let freshness = loaded.report_freshness();
    let i18n = state.i18n.clone();
    // Every area at once (clustering, bootstrap intervals) is heavy: off the async workers.
    let mut report = off_the_executor(move || {
        let tr = Tr {
            i18n: &i18n,
            locale,
        };
        let sentence = |f: &_| crate::views::insight::finding_message(&tr, f);
        insight::report(
            &ws_id,
            &loaded.workspace,
            &loaded.index,
            &params.filter,
            params.outcome.as_deref(),
            &sentence,
        )
        .map_err(|e| match e {
            insight::ReportError::Filter(e) => filter_error(e),
            insight::ReportError::Outcome(e) => outcome_error(e),
        })
    })
    .await?;
    report.freshness = freshness;
    Ok(Json(report))
}

/// One area: `totals`, `scores`, `emotions`, `drivers`, `kpis`, `journeys`, `variants`,
/// `personas` or `findings`.
pub async fn area(
    State(state): State<AppState>,
    _user: ApiUser,
    Path((ws_id, area)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> Result<Response, ApiError> {
    let locale = locale(&params)?;
    let loaded = crate::customers::load(&state, &ws_id).await?;
    let fresh = loaded.report_freshness();
    let filter = Filter::resolve(&loaded.index, &params.filter).map_err(filter_error)?;
    let i18n = state.i18n.clone();
    let name = area.clone();
    let value = off_the_executor(move || {
        let tr = Tr {
            i18n: &i18n,
            locale,
        };
        let sentence = |f: &_| crate::views::insight::finding_message(&tr, f);
        insight::area(
            &loaded.workspace,
            &loaded.index,
            &filter,
            &name,
            params.outcome.as_deref(),
            &sentence,
        )
        .map_err(outcome_error)
    })
    .await?;
    value
        .map(|v| {
            // An area is the report's member, always an object: a list (findings, variants)
            // comes under the area's name. How fresh it is goes in headers.
            let v = match v {
                serde_json::Value::Array(list) => serde_json::json!({ area.as_str(): list }),
                v => v,
            };
            let mut res = Json(v).into_response();
            let h = res.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&fresh.as_of) {
                h.insert("x-stig-as-of", v);
            }
            if let Some(why) = fresh
                .recomputing
                .as_deref()
                .and_then(|w| HeaderValue::from_str(w).ok())
            {
                h.insert("x-stig-recomputing", why);
            }
            res
        })
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "no insight area `{area}` (there are {})",
                insight::AREAS.join(", ")
            ))
            .into()
        })
}

/// A malformed date or period is a 400; an id naming no persona, journey or channel of the
/// workspace a 422 on that field, as the validator answers a reference to nothing.
fn filter_error(e: FilterError) -> AppError {
    if e.names_nothing() {
        AppError::Invalid(vec![FieldError {
            field: e.field.to_owned(),
            message: e.message,
        }])
    } else {
        AppError::BadRequest(e.to_string())
    }
}

/// An outcome nobody answered (or naming nothing) is a 422 on `outcome`.
fn outcome_error(e: impl std::fmt::Display) -> AppError {
    AppError::Invalid(vec![FieldError {
        field: "outcome".to_owned(),
        message: e.to_string(),
    }])
}

/// Runs an analysis on the blocking pool, so a heavy one never holds an async worker.
async fn off_the_executor<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(format!("an insight computation failed: {e}")))?
}
