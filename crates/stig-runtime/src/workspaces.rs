//! The workspaces as the runtime reads them: a snapshot per workspace kept for its
//! *revision* (which every write bumps), so a kept one is never stale and an unchanged
//! workspace costs one small query, not a load.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use stig_model::Workspace;
use stig_store::{Store, StoreError};

/// Workspace snapshots by id, each with the revision it was read at.
#[derive(Default)]
pub struct Workspaces {
    kept: Mutex<HashMap<String, (i64, Arc<Workspace>)>>,
}

impl Workspaces {
    /// The current snapshot of workspace `id` and its revision.
    pub async fn get(
        &self,
        store: &dyn Store,
        id: &str,
    ) -> Result<(i64, Arc<Workspace>), StoreError> {
        let revision = store.workspace_revision(id).await?;
        if let Some((rev, ws)) = lock(&self.kept).get(id)
            && *rev == revision
        {
            return Ok((revision, ws.clone()));
        }
        let ws = Arc::new(store.load_workspace(id).await?.value);
        lock(&self.kept).insert(id.to_owned(), (revision, ws.clone()));
        Ok((revision, ws))
    }
}

/// A poisoned lock only means a task panicked mid-update of an entry; the map is whole.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
