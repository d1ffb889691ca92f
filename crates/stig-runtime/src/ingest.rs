//! Ingestion: group commit behind a bounded queue.
//!
//! Every collect request becomes one job on a bounded queue. One writer task takes whatever
//! is waiting (up to [`Collector::max_group`] requests) and stores it in **one** durable
//! transaction, then answers each request. Each commit waits for the disk once for many
//! requests, and a request is answered only after its events are on disk. When the queue is
//! full the request is refused with [`IngestError::Full`] (the collector answers 429 with
//! `Retry-After`) rather than dropped or kept waiting without bound.
//!
//! If a group fails (say a workspace was deleted meanwhile), its requests are retried one by
//! one so that one bad request does not fail the others.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use stig_store::{AppendOutcome, EventBatch, Store, StoreError};
use tokio::sync::{mpsc, oneshot};

/// Requests that may wait for the writer before new ones are refused.
pub const DEFAULT_QUEUE: usize = 1024;
/// Requests stored together in one transaction at most.
pub const DEFAULT_MAX_GROUP: usize = 256;

struct Job {
    batch: EventBatch,
    reply: oneshot::Sender<Result<AppendOutcome, IngestError>>,
}

/// The queue and its writer task (started on the first request, inside the tokio runtime).
pub struct Collector {
    queue: usize,
    max_group: usize,
    sender: OnceLock<mpsc::Sender<Job>>,
    /// Requests refused since start for want of a known write key (they name no source).
    unknown_keys: AtomicU64,
    /// Ids of erased people whose events are refused (see `suppress.rs`).
    suppressions: crate::suppress::Suppressions,
}

/// Why a request's events were not stored. Nothing of the request was kept.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The queue is full: retry in a second.
    #[error("too many events are waiting to be stored; retry in a second")]
    Full,
    /// The workspace the events are for is gone.
    #[error("{0}")]
    NotFound(StoreError),
    /// The store failed (logged here) or the writer stopped: retry later.
    #[error("the events could not be stored; nothing was kept, retry later")]
    Unavailable,
}

impl Default for Collector {
    fn default() -> Self {
        Collector::new(DEFAULT_QUEUE, DEFAULT_MAX_GROUP)
    }
}

impl Collector {
    /// A collector whose queue holds `queue` requests and whose writer stores up to
    /// `max_group` of them per transaction.
    pub fn new(queue: usize, max_group: usize) -> Self {
        Collector {
            queue: queue.max(1),
            max_group: max_group.max(1),
            sender: OnceLock::new(),
            unknown_keys: AtomicU64::new(0),
            suppressions: Default::default(),
        }
    }

    /// A person's ids were suppressed in `ws`: their next events are refused at once.
    pub fn forget_suppressions(&self, ws: &str) {
        self.suppressions.forget(ws);
    }

    /// Counts a request refused for a missing or unknown write key.
    pub fn count_unknown_key(&self) {
        self.unknown_keys.fetch_add(1, Ordering::Relaxed);
    }

    /// Requests refused for a missing or unknown write key since the server started.
    pub fn unknown_keys(&self) -> u64 {
        self.unknown_keys.load(Ordering::Relaxed)
    }

    pub fn max_group(&self) -> usize {
        self.max_group
    }

    /// Queues a request's events and waits until they are durably stored.
    pub async fn submit(
        &self,
        store: &Arc<dyn Store>,
        mut batch: EventBatch,
    ) -> Result<AppendOutcome, IngestError> {
        // Events of suppressed (erased) people are answered as stored and kept nowhere.
        match self.suppressions.filter(store.as_ref(), &mut batch).await {
            Ok(0) => {}
            Ok(refused) => {
                metrics::counter!("stig_events_refused_total", "reason" => "suppressed", "workspace" => batch.workspace.clone())
                    .increment(refused);
                if batch.events.is_empty() {
                    return Ok(AppendOutcome::default());
                }
            }
            Err(e) if e.is_not_found() => return Err(IngestError::NotFound(e)),
            Err(e) => {
                tracing::error!(message = "reading suppressed ids", error = %e);
                return Err(IngestError::Unavailable);
            }
        }
        let sender = self.sender.get_or_init(|| {
            let (tx, rx) = mpsc::channel(self.queue);
            tokio::spawn(run(store.clone(), rx, self.max_group));
            tx
        });
        let (reply, answer) = oneshot::channel();
        sender.try_send(Job { batch, reply }).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => IngestError::Full,
            mpsc::error::TrySendError::Closed(_) => IngestError::Unavailable,
        })?;
        metrics::gauge!("stig_collector_queue_depth")
            .set((sender.max_capacity() - sender.capacity()) as f64);
        answer.await.unwrap_or(Err(IngestError::Unavailable))
    }
}

/// The writer: drains the queue in groups, one transaction each.
async fn run(store: Arc<dyn Store>, mut rx: mpsc::Receiver<Job>, max_group: usize) {
    let mut jobs = Vec::with_capacity(max_group);
    while rx.recv_many(&mut jobs, max_group).await > 0 {
        let (batches, replies): (Vec<_>, Vec<_>) =
            jobs.drain(..).map(|j| (j.batch, j.reply)).unzip();
        metrics::gauge!("stig_collector_queue_depth").set(rx.len() as f64);
        let started = std::time::Instant::now();
        let stored = store.append_event_batches(&batches).await;
        metrics::histogram!("stig_commit_duration_seconds").record(started.elapsed().as_secs_f64());
        match stored {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            Err(e) if e.is_unavailable() => {
                // The database is away: every request is refused at once (one by one, each
                // would wait for the pool's timeout again); the clients retry.
                tracing::warn!(
                    message = "storing events: the database is unavailable",
                    requests = replies.len(),
                    error = %e
                );
                for reply in replies {
                    let _ = reply.send(Err(IngestError::Unavailable));
                }
            }
            Err(_) if batches.len() > 1 => {
                // Nothing of the group was stored: store each request on its own.
                for (batch, reply) in batches.iter().zip(replies) {
                    let result = store
                        .append_event_batches(std::slice::from_ref(batch))
                        .await
                        .map(|o| o.into_iter().next().unwrap_or_default())
                        .map_err(refusal);
                    let _ = reply.send(result);
                }
            }
            Err(e) => {
                if let Some(reply) = replies.into_iter().next() {
                    let _ = reply.send(Err(refusal(e)));
                }
            }
        }
    }
}

/// A store failure as the request's refusal; anything but a missing workspace is logged.
fn refusal(e: StoreError) -> IngestError {
    if e.is_not_found() {
        IngestError::NotFound(e)
    } else {
        tracing::error!(message = "storing events", error = %e);
        IngestError::Unavailable
    }
}
