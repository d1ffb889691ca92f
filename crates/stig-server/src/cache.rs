//! Read caches for the hot pages: a workspace snapshot (the runtime's
//! [`stig_runtime::Workspaces`], shared with the moments evaluator and sender) and its
//! rendered maps are kept per workspace *revision* (which every write bumps), so a cached
//! value is never stale; the workspace list for the switcher is kept for a second.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stig_model::Workspace;
use stig_runtime::Workspaces;
use stig_store::{Store, WorkspaceSummary};

use crate::error::AppError;

/// Rendered maps kept at most; the cache is simply emptied when it is full.
const MAX_MAPS: usize = 256;
const LIST_TTL: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct Cache {
    workspaces: Arc<Workspaces>,
    maps: Mutex<HashMap<MapKey, Arc<String>>>,
    list: Mutex<Option<(Instant, Arc<Vec<WorkspaceSummary>>)>>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct MapKey {
    workspace: String,
    revision: i64,
    journey: String,
    personas: Vec<String>,
    locale: String,
}

impl Cache {
    /// The current snapshot of workspace `id` and its revision.
    pub async fn workspace(
        &self,
        store: &dyn Store,
        id: &str,
    ) -> Result<(i64, Arc<Workspace>), AppError> {
        Ok(self.workspaces.get(store, id).await?)
    }

    /// The workspace snapshots, for the runtime's moments.
    pub fn workspaces(&self) -> Arc<Workspaces> {
        self.workspaces.clone()
    }

    /// The journey map SVG, rendered once per workspace revision, personas and locale.
    pub fn map_svg(
        &self,
        ws_id: &str,
        revision: i64,
        ws: &Workspace,
        journey: &str,
        opts: &stig_render::MapOptions,
    ) -> Result<Arc<String>, AppError> {
        let key = MapKey {
            workspace: ws_id.to_owned(),
            revision,
            journey: journey.to_owned(),
            personas: opts.personas.clone(),
            locale: opts.locale.clone().unwrap_or_default(),
        };
        if let Some(svg) = lock(&self.maps).get(&key) {
            return Ok(svg.clone());
        }
        let svg = Arc::new(stig_render::render_svg(ws, journey, opts)?);
        let mut maps = lock(&self.maps);
        if maps.len() >= MAX_MAPS {
            maps.clear();
        }
        maps.insert(key, svg.clone());
        Ok(svg)
    }

    /// The workspace list (for the switcher), at most a second old.
    pub async fn list(&self, store: &dyn Store) -> Result<Arc<Vec<WorkspaceSummary>>, AppError> {
        if let Some((at, list)) = lock(&self.list).as_ref()
            && at.elapsed() < LIST_TTL
        {
            return Ok(list.clone());
        }
        let list = Arc::new(store.list_workspaces().await?);
        *lock(&self.list) = Some((Instant::now(), list.clone()));
        Ok(list)
    }
}

/// A poisoned lock only means another request panicked mid-update of a cache entry; the
/// map itself is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
