//! Customers as the events show them, and the analytics index built beside them, per
//! workspace, kept up to date incrementally.
//!
//! The first request (or the warm-up at start, [`warm_up`]) reads every stored event of the
//! workspace through the customer stages ([`stig_pipeline::customers`]) into the insight
//! index ([`stig_insight::IndexBuilder`]); later ones feed only events that arrived since (by
//! arrival number) and finish again, at most once every [`FRESH_FOR`]. An edit of the
//! workspace (its revision) starts over, since touchpoint signals and journeys may have
//! changed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stig_insight::{Index, IndexBuilder};
use stig_model::Workspace;
use stig_pipeline::customers::Customers;
use stig_store::Store;

use crate::error::AppError;
use crate::state::AppState;

/// A workspace's model and its customers, as the pages and the API show them.
pub async fn load(
    state: &AppState,
    ws_id: &str,
) -> Result<(Arc<Workspace>, Arc<Customers>), AppError> {
    let (revision, ws) = state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let built = state
        .customers
        .get(state.store.as_ref(), ws_id, revision, &ws)
        .await?;
    Ok((ws, built.customers.clone()))
}

/// A workspace's model and its analytics index.
pub async fn load_index(
    state: &AppState,
    ws_id: &str,
) -> Result<(Arc<Workspace>, Arc<Index>), AppError> {
    let (revision, ws) = state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let built = state
        .customers
        .get(state.store.as_ref(), ws_id, revision, &ws)
        .await?;
    Ok((ws, built.index.clone()))
}

/// A workspace's model, customers and index together.
pub async fn load_built(
    state: &AppState,
    ws_id: &str,
) -> Result<(Arc<Workspace>, Arc<Built>), AppError> {
    let (revision, ws) = state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let built = state
        .customers
        .get(state.store.as_ref(), ws_id, revision, &ws)
        .await?;
    Ok((ws, built))
}

/// Builds every workspace's customers and index, so the first visitor does not wait for it.
pub async fn warm_up(state: AppState) {
    let Ok(workspaces) = state.store.list_workspaces().await else {
        return;
    };
    for w in workspaces {
        if let Err(e) = load_index(&state, &w.id).await {
            tracing::warn!("building the insight index of {}: {e:?}", w.id);
        }
    }
}

/// Customers and the index from one read of the events.
pub struct Built {
    pub customers: Arc<Customers>,
    pub index: Arc<Index>,
}

/// Reads every stored event of a workspace once into customers and an index (the CLI's way
/// in; the server keeps [`CustomerViews`]).
pub async fn build_once(
    store: &dyn Store,
    ws_id: &str,
    ws: Arc<Workspace>,
) -> Result<Built, stig_store::StoreError> {
    let mut builder = IndexBuilder::new(ws);
    let mut last_seq = 0;
    loop {
        let page = store.scan_event_texts(ws_id, last_seq, PAGE).await?;
        let Some((last, _)) = page.last() else { break };
        last_seq = *last;
        for (seq, text) in &page {
            builder.push_text(*seq, text);
        }
        if page.len() < PAGE as usize {
            break;
        }
    }
    let (customers, index) = builder.finish(jiff::Timestamp::now());
    Ok(Built {
        customers: Arc::new(customers),
        index: Arc::new(index),
    })
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
    builder: IndexBuilder,
    last_seq: i64,
    built: Option<(Instant, Arc<Built>)>,
}

impl CustomerViews {
    /// The customers of workspace `ws_id` at `revision` (whose model is `ws`).
    pub async fn get(
        &self,
        store: &dyn Store,
        ws_id: &str,
        revision: i64,
        ws: &Arc<Workspace>,
    ) -> Result<Arc<Built>, AppError> {
        let slot = {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries
                .entry(ws_id.to_owned())
                .or_insert_with(|| {
                    Arc::new(tokio::sync::Mutex::new(Entry {
                        revision,
                        builder: IndexBuilder::new(ws.clone()),
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
                builder: IndexBuilder::new(ws.clone()),
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
        let built = match (&entry.built, fed) {
            (Some((_, built)), 0) => built.clone(),
            _ => {
                let (customers, index) = entry.builder.finish(jiff::Timestamp::now());
                Arc::new(Built {
                    customers: Arc::new(customers),
                    index: Arc::new(index),
                })
            }
        };
        entry.built = Some((Instant::now(), built.clone()));
        Ok(built)
    }
}
