//! Customers as the events show them, per workspace, kept up to date incrementally.
//!
//! The first request reads every stored event of the workspace through the customer stages
//! ([`stig_pipeline::customers`]); later ones feed only events that arrived since (by
//! arrival number) and finish again, at most once every [`FRESH_FOR`]. An edit of the
//! workspace (its revision) starts over, since touchpoint signals and journeys may have
//! changed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stig_model::Workspace;
use stig_pipeline::customers::{Customers, CustomersBuilder};
use stig_store::Store;

use crate::error::AppError;
use crate::state::AppState;

/// A workspace's model and its customers, as the pages and the API show them.
pub async fn load(
    state: &AppState,
    ws_id: &str,
) -> Result<(Arc<Workspace>, Arc<Customers>), AppError> {
    let (revision, ws) = state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let customers = state
        .customers
        .get(state.store.as_ref(), ws_id, revision, &ws)
        .await?;
    Ok((ws, customers))
}

/// How long a built view is served before new events are read.
pub const FRESH_FOR: Duration = Duration::from_secs(2);
/// Events read from the store per page.
const PAGE: u32 = 10_000;

#[derive(Default)]
pub struct CustomerViews {
    entries: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Entry>>>>,
}

struct Entry {
    revision: i64,
    builder: CustomersBuilder,
    last_seq: i64,
    built: Option<(Instant, Arc<Customers>)>,
}

impl CustomerViews {
    /// The customers of workspace `ws_id` at `revision` (whose model is `ws`).
    pub async fn get(
        &self,
        store: &dyn Store,
        ws_id: &str,
        revision: i64,
        ws: &Arc<Workspace>,
    ) -> Result<Arc<Customers>, AppError> {
        let slot = {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries
                .entry(ws_id.to_owned())
                .or_insert_with(|| {
                    Arc::new(tokio::sync::Mutex::new(Entry {
                        revision,
                        builder: CustomersBuilder::new(ws.clone()),
                        last_seq: 0,
                        built: None,
                    }))
                })
                .clone()
        };
        // One build per workspace at a time; others wait and get its result.
        let mut entry = slot.lock().await;
        if entry.revision != revision {
            *entry = Entry {
                revision,
                builder: CustomersBuilder::new(ws.clone()),
                last_seq: 0,
                built: None,
            };
        }
        if let Some((at, customers)) = &entry.built
            && at.elapsed() < FRESH_FOR
        {
            return Ok(customers.clone());
        }
        let mut fed = 0usize;
        loop {
            let page = store.scan_event_texts(ws_id, entry.last_seq, PAGE).await?;
            let Some((last, _)) = page.last() else { break };
            entry.last_seq = *last;
            for (seq, text) in &page {
                entry.builder.push_text(*seq, text);
            }
            fed += page.len();
            if page.len() < PAGE as usize {
                break;
            }
        }
        let customers = match (&entry.built, fed) {
            (Some((_, built)), 0) => built.clone(),
            _ => Arc::new(entry.builder.finish(jiff::Timestamp::now())),
        };
        entry.built = Some((Instant::now(), customers.clone()));
        Ok(customers)
    }
}
