//! The workspace's live derived state, as handlers take it: a thin layer over
//! [`stig_runtime::Live`], which keeps customers and the insight index current off the
//! request path. A read answers at once from the last consistent state ([`Loaded::freshness`]
//! says how fresh); only a workspace's very first build answers "being built" (503).

use std::sync::Arc;

use stig_insight::Index;
use stig_model::Workspace;
use stig_pipeline::customers::Profile;
use stig_runtime::{Freshness, Why};

use crate::error::AppError;
use crate::state::AppState;

/// A workspace's model and its index, consistent with each other.
pub struct Loaded {
    pub workspace: Arc<Workspace>,
    pub index: Arc<Index>,
    pub as_of: jiff::Timestamp,
    pub freshness: Freshness,
}

impl Loaded {
    /// How fresh, as the report and the API say it.
    pub fn report_freshness(&self) -> stig_runtime::report::Freshness {
        stig_runtime::report::Freshness {
            as_of: self.as_of.to_string(),
            recomputing: match &self.freshness {
                Freshness::Current => None,
                Freshness::Recomputing { why: Why::Edit, .. } => Some("edit".to_owned()),
                Freshness::Recomputing {
                    why: Why::Reread, ..
                } => Some("reread".to_owned()),
            },
        }
    }
}

/// The workspace's model and index as of the last consistent state.
pub async fn load(state: &AppState, ws_id: &str) -> Result<Loaded, AppError> {
    // Checks the workspace exists (and that the caller may see it is the handler's job).
    state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let read = state.live.read(ws_id).await.ok_or_else(|| {
        AppError::Building(format!(
            "the customers and insight of `{ws_id}` are being built from its events; this page reloads by itself"
        ))
    })?;
    Ok(Loaded {
        workspace: read.view.workspace.clone(),
        index: read.view.index.clone(),
        as_of: read.view.as_of,
        freshness: read.freshness,
    })
}

/// A workspace's model and its analytics index.
pub async fn load_index(
    state: &AppState,
    ws_id: &str,
) -> Result<(Arc<Workspace>, Arc<Index>), AppError> {
    let l = load(state, ws_id).await?;
    Ok((l.workspace, l.index))
}

/// One customer's full profile, by any of their ids: derived from their events in the store
/// (the live state keeps only what lists and counts need).
pub async fn profile(
    state: &AppState,
    ws_id: &str,
    ws: &Arc<Workspace>,
    ix: &Index,
    id: &str,
) -> Result<Option<Profile>, AppError> {
    let Some(card) = ix.directory.get(id) else {
        return Ok(None);
    };
    // The profile's own id first: it names the person the events make.
    let ids: Vec<&str> = std::iter::once(card.id.as_str())
        .chain(card.all_ids().filter(|i| *i != card.id))
        .collect();
    Ok(state.live.profile(ws_id, ws.clone(), &ids).await?)
}

/// Every customer of the index, most recently seen first, with the counts the customers
/// page and the API list show.
pub fn list(ix: &Index) -> crate::views::customers::CustomerList<'_> {
    let mut cards: Vec<&stig_insight::index::Card> =
        ix.directory.cards.iter().map(|c| &**c).collect();
    cards.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then(a.id.cmp(&b.id)));
    let mut statuses = std::collections::BTreeMap::new();
    for c in &cards {
        *statuses.entry(c.status).or_default() += 1;
    }
    let mut runs: std::collections::BTreeMap<String, std::collections::BTreeMap<_, u64>> =
        Default::default();
    for (j, status) in ix.instances.journey.iter().zip(&ix.instances.status) {
        *runs
            .entry(ix.journeys[usize::from(*j)].id.clone())
            .or_default()
            .entry(*status)
            .or_default() += 1;
    }
    crate::views::customers::CustomerList {
        events: cards.iter().map(|c| c.events).sum(),
        cards,
        statuses,
        runs,
        answers: ix.feedback.at.len(),
    }
}
