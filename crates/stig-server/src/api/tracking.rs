//! `GET /api/workspaces/{ws}/tracking-plan`: the events the workspace has received, by kind,
//! with counts, first and last seen, and their properties with types.

use axum::Json;
use axum::extract::{Path, State};
use stig_runtime::tracking::PlanDoc;

use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::state::AppState;

pub async fn plan(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws_id): Path<String>,
) -> Result<Json<PlanDoc>, ApiError> {
    let plan = crate::ui::tracking::plan(&state, &ws_id).await?;
    Ok(Json(plan.doc(&ws_id)))
}
