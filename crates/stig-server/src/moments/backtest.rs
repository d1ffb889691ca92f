//! A moment run over a workspace's stored history, before it is enabled.

use std::sync::Arc;

use jiff::Timestamp;
use stig_model::{Moment, Workspace};
use stig_pipeline::customers::Activity;
use stig_pipeline::moments::{self, Backtest};
use stig_store::{Store, StoreError};

use crate::error::AppError;
use crate::state::AppState;

/// Events read per page of the store.
const PAGE: u32 = 20_000;

/// How often `moment` would have fired over every stored event of `ws_id`, per persona and
/// per week, with sample customers. The moment need not be saved or enabled.
pub async fn backtest(
    state: &AppState,
    ws_id: &str,
    moment: &Moment,
) -> Result<Backtest, AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), ws_id).await?;
    backtest_in(state.store.as_ref(), ws_id, ws, moment)
        .await
        .map_err(|e| match e {
            BacktestError::Store(e) => AppError::from(e),
            BacktestError::Stopped(why) => AppError::Internal(why),
        })
}

/// [`backtest`] on any store (the CLI's `stig moments backtest`).
pub async fn backtest_in(
    store: &dyn Store,
    ws_id: &str,
    ws: Arc<Workspace>,
    moment: &Moment,
) -> Result<Backtest, BacktestError> {
    let mut events = Vec::new();
    let mut after = 0;
    loop {
        let page = store.scan_event_texts(ws_id, after, PAGE).await?;
        let Some(&(last, _)) = page.last() else { break };
        after = last;
        events.extend(
            page.iter()
                .filter_map(|(seq, text)| Activity::from_segment_text(*seq, text, |_| true)),
        );
        if page.len() < PAGE as usize {
            break;
        }
    }
    let moment = moment.clone();
    tokio::task::spawn_blocking(move || moments::backtest(ws, &moment, events, Timestamp::now()))
        .await
        .map_err(|e| BacktestError::Stopped(format!("the backtest stopped: {e}")))
}

#[derive(Debug, thiserror::Error)]
pub enum BacktestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Stopped(String),
}
