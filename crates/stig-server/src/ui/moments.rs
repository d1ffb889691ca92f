//! The moments pages: the list, a moment with its backtest and activity log, deliveries
//! (dead letters to replay), tasks for staff and workspace secrets.

use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
