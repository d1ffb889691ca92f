//! The evaluator.

use crate::state::AppState;

pub async fn run(_state: AppState) {}
