//! The live application between the libraries and the transports.
//!
//! - [`live`]: per workspace, the derived customer state and insight index, kept current from
//!   the stored events by a worker thread (never on a request's task), published as an
//!   immutable [`View`] a read takes at once, with how fresh it is.
//! - [`snapshot`]: that state on disk (versioned, checksummed), so a restart replays only the
//!   events stored since.
//! - [`report`]: the one insight report assembler, for the web app, the REST API and
//!   `stig report`.
//!
//! `stig-server` (HTTP) and `stig` (the CLI) talk to this crate; it talks to the store and
//! the pure libraries (`stig-pipeline`, `stig-insight`).

pub mod live;
pub mod report;
pub mod snapshot;

pub use live::{Freshness, Live, LiveConfig, Read, View, Why};

/// Derives a workspace's index from every stored event once (the CLI's way in: no worker,
/// no snapshot).
pub async fn build_once(
    store: &dyn stig_store::Store,
    ws_id: &str,
    ws: std::sync::Arc<stig_model::Workspace>,
) -> Result<stig_insight::IndexBuilder, stig_store::StoreError> {
    let mut builder = stig_insight::IndexBuilder::new(ws);
    let mut last_seq = 0;
    loop {
        let page = store.scan_event_texts(ws_id, last_seq, 20_000).await?;
        let Some(&(last, _)) = page.last() else { break };
        last_seq = last;
        for (seq, text) in &page {
            builder.push_text(*seq, text);
        }
        if page.len() < 20_000 {
            break;
        }
    }
    builder.refresh(jiff::Timestamp::now());
    Ok(builder)
}
