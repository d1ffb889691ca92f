//! A moment run over a workspace's stored history, before it is enabled.

use std::sync::Arc;

use jiff::Timestamp;
use stig_model::{Moment, Workspace};
use stig_pipeline::customers::Activity;
use stig_pipeline::moments::{self, Backtest};
use stig_store::{Store, StoreError};

use crate::events::EventStream;

/// Events read per page of the store.
const PAGE: u32 = 20_000;

/// How often `moment` would have fired over every stored event of `ws_id`, per persona and
/// per week, with sample customers. The moment need not be saved or enabled. For the web
/// app, the REST API and `stig moments backtest` alike.
pub async fn backtest(
    store: &dyn Store,
    ws_id: &str,
    ws: Arc<Workspace>,
    moment: &Moment,
) -> Result<Backtest, BacktestError> {
    let mut events = Vec::new();
    let mut stream = EventStream::new(ws_id, 0, PAGE);
    while let Some(page) = stream.next_page(store).await? {
        events.extend(
            page.iter()
                .filter_map(|(seq, text)| Activity::from_segment_text(*seq, text, |_| true)),
        );
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
