//! Suppression: events naming an erased person whose ids were suppressed are refused by the
//! collector. Answered like stored events (`200 {"success": true}`, as Segment answers
//! events its consent or filtering drops): the sender has nothing to fix and must not retry.
//! They are counted (`stig_events_refused_total{reason="suppressed"}`) and nothing of them
//! is kept. The store holds only salted hashes ([`stig_store::suppression_hash`]); a
//! workspace's set is cached here and read again every [`REFRESH`] (or at once after an
//! erasure on this node).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stig_store::{EventBatch, NewEvent, Store, StoreError, suppression_hash};

/// How long a workspace's suppressed hashes are trusted before being read again (another
/// node's erasure is honoured within this).
pub const REFRESH: Duration = Duration::from_secs(10);

/// A workspace's suppressed id hashes and when they were read.
type Cached = (Instant, Arc<HashSet<String>>);

/// Suppressed id hashes per workspace, cached.
#[derive(Default)]
pub struct Suppressions {
    cache: Mutex<HashMap<String, Cached>>,
}

impl Suppressions {
    /// Drops the events of `batch` that name a suppressed id; returns how many.
    pub async fn filter(
        &self,
        store: &dyn Store,
        batch: &mut EventBatch,
    ) -> Result<u64, StoreError> {
        let hashes = self.hashes(store, &batch.workspace).await?;
        if hashes.is_empty() {
            return Ok(0);
        }
        let ws = batch.workspace.clone();
        let before = batch.events.len();
        batch.events.retain(|e| !names_suppressed(&ws, e, &hashes));
        Ok((before - batch.events.len()) as u64)
    }

    /// Forgets the cached set of `ws` (after an erasure): the next request reads it again.
    pub fn forget(&self, ws: &str) {
        lock(&self.cache).remove(ws);
    }

    async fn hashes(
        &self,
        store: &dyn Store,
        ws: &str,
    ) -> Result<Arc<HashSet<String>>, StoreError> {
        if let Some((at, set)) = lock(&self.cache).get(ws)
            && at.elapsed() < REFRESH
        {
            return Ok(set.clone());
        }
        let set = Arc::new(store.suppressions(ws).await?);
        lock(&self.cache).insert(ws.to_owned(), (Instant::now(), set.clone()));
        Ok(set)
    }
}

/// Whether the event's user id, anonymous id or alias `previousId` is suppressed.
fn names_suppressed(ws: &str, e: &NewEvent, hashes: &HashSet<String>) -> bool {
    let previous = e.body.get("previousId").and_then(serde_json::Value::as_str);
    e.user_id
        .as_deref()
        .into_iter()
        .chain(e.anonymous_id.as_deref())
        .chain(previous)
        .any(|id| hashes.contains(&suppression_hash(ws, id)))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
