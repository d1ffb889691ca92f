//! Erasing a person (GDPR art. 17), for the API, the web app and the CLI alike.
//!
//! ```text
//!  any id ──resolve──▶ every stitched id + e-mails ──Store::erase_person──▶ events, refusals,
//!  (person.rs)                                        outbox rows gone; bytes scrubbed
//!        ──▶ Live::forget_person: the index without them, no rebuild; fresh snapshot
//!        ──▶ MomentsRuntime::person_erased: the engine and its snapshot rebuilt without them
//! ```
//!
//! The derived numbers change at once (the live worker forgets the person and re-derives no
//! one else), and every file that held them is rewritten: the database files and their WAL
//! by the store, the live snapshot by the worker, the moments snapshot deleted (the evaluator
//! rebuilds it from the events left).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use stig_store::{Erasure, ErasureReceipt, Store, StoreError};

use crate::live::Live;
use crate::moments::MomentsRuntime;
use crate::person;

/// How long an erasure waits for the live worker to drop the person and write its snapshot.
pub const LIVE_WAIT: Duration = Duration::from_secs(60);

/// What an erasure reaches besides the store (all optional: the CLI may have no moments).
#[derive(Clone, Copy, Default)]
pub struct Derived<'a> {
    pub live: Option<&'a Arc<Live>>,
    pub moments: Option<&'a MomentsRuntime>,
    /// Where snapshots are (`<db>-live`): the moments snapshot is deleted here.
    pub snapshot_dir: Option<&'a Path>,
}

/// What was done.
#[derive(Debug, Clone)]
pub struct Erased {
    pub receipt: ErasureReceipt,
    /// The live state dropped the person and wrote its snapshot (false: no live state was
    /// given, or the worker did not answer in time; it still will at its next round).
    pub live_updated: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum EraseError {
    #[error("no person with the id `{id}` in `{workspace}`")]
    NotFound { workspace: String, id: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Erases the person `id` belongs to from workspace `ws`, with every id stitched to theirs;
/// `suppress` keeps hashes of the ids so their later events are refused; `by` is on the
/// receipt.
pub async fn erase(
    store: &dyn Store,
    ws: &str,
    id: &str,
    suppress: bool,
    by: &str,
    derived: Derived<'_>,
) -> Result<Erased, EraseError> {
    let person = person::resolve(store, ws, id)
        .await?
        .ok_or_else(|| EraseError::NotFound {
            workspace: ws.to_owned(),
            id: id.to_owned(),
        })?;
    let erasure = Erasure {
        ids: person.ids.clone(),
        terms: person.emails.clone(),
        suppress,
        by: by.to_owned(),
    };
    let receipt = store.erase_person(ws, &erasure).await?;
    metrics::counter!("stig_erasures_total", "workspace" => ws.to_owned()).increment(1);
    if let Some(moments) = derived.moments {
        moments.person_erased(ws);
    }
    if let Some(dir) = derived.snapshot_dir {
        // The evaluator (if one runs) rebuilds it without them; none running: the next does.
        let _ = std::fs::remove_file(crate::moments::snapshot::path(dir, ws));
    }
    let live_updated = match derived.live {
        Some(live) => live.forget_person(ws, person.ids, LIVE_WAIT).await,
        None => false,
    };
    tracing::info!(
        workspace = ws,
        erasure = %receipt.id,
        events = receipt.counts.events,
        suppressed = suppress,
        live_updated,
        "person erased"
    );
    Ok(Erased {
        receipt,
        live_updated,
    })
}
