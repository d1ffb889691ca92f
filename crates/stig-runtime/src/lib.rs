//! The live application between the libraries and the transports.
//!
//! - [`live`]: per workspace, the derived customer state and insight index, kept current from
//!   the stored events by a worker thread (never on a request's task), published as an
//!   immutable [`View`] a read takes at once, with how fresh it is.
//! - [`snapshot`]: that state on disk (versioned, checksummed), so a restart replays only the
//!   events stored since.
//! - [`report`]: the one insight report assembler, for the web app, the REST API and
//!   `stig report`.
//! - [`events`]: the one cursor-based stream of a workspace's stored events every reader
//!   goes through.
//! - [`export`]: data out: events and customers as NDJSON, CSV or Parquet, streamed.
//! - [`ingest`]: the collector's bounded queue and the writer that group-commits it.
//! - [`moments`]: business moments, live: the evaluator, the sender, the backtest.
//! - [`destinations`]: a source's events forwarded to webhooks in batches, through the
//!   moments' outbox and sender.
//! - [`person`] and [`erase`]: one person found by any id, exported or erased (the store,
//!   the live state and the moments' state without them, no rebuild of the index).
//! - [`survey_link`]: signed survey invitation links (minted by the sender, checked by the
//!   survey pages).
//! - [`workspaces`]: workspace snapshots kept per revision.
//!
//! `stig-server` (HTTP) and `stig` (the CLI) talk to this crate; it talks to the store, the
//! pure libraries (`stig-pipeline`, `stig-insight`) and `stig-deliver`.

pub mod destinations;
pub mod erase;
pub mod events;
pub mod export;
pub mod ingest;
pub mod live;
pub mod moments;
pub mod person;
pub mod report;
pub mod retention;
pub mod snapshot;
pub mod suppress;
pub mod survey_link;
pub mod tracking;
pub mod workspaces;

pub use events::EventStream;
pub use ingest::{Collector, IngestError};
pub use live::{Freshness, Live, LiveConfig, Read, View, Why};
pub use moments::{MomentsContext, MomentsRuntime};
pub use workspaces::Workspaces;

/// Derives a workspace's index from every stored event once (the CLI's way in: no worker,
/// no snapshot).
pub async fn build_once(
    store: &dyn stig_store::Store,
    ws_id: &str,
    ws: std::sync::Arc<stig_model::Workspace>,
) -> Result<stig_insight::IndexBuilder, stig_store::StoreError> {
    let mut builder = stig_insight::IndexBuilder::new(ws);
    let mut events = EventStream::new(ws_id, 0, 20_000);
    while let Some(page) = events.next_page(store).await? {
        for (seq, text) in &page {
            builder.push_text(*seq, text);
        }
    }
    builder.refresh(jiff::Timestamp::now());
    Ok(builder)
}
