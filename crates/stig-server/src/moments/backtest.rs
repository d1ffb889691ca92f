//! A moment run over a workspace's stored history, before it is enabled.

use jiff::Timestamp;
use stig_model::Moment;
use stig_pipeline::customers::Activity;
use stig_pipeline::moments::{self, Backtest};

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
    let mut events = Vec::new();
    let mut after = 0;
    loop {
        let page = state.store.scan_event_texts(ws_id, after, PAGE).await?;
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
    let result = tokio::task::spawn_blocking(move || {
        moments::backtest(ws, &moment, events, Timestamp::now())
    })
    .await
    .map_err(|e| AppError::Internal(format!("the backtest stopped: {e}")))?;
    Ok(result)
}
