//! Business moments, live: the evaluator reads events as they are stored and commits what
//! fires to the outbox; the sender delivers the outbox (webhooks, email, survey invitations,
//! tasks) with retries; the backtest runs a moment over the history.
//!
//! ```text
//! events ─▶ evaluate.rs (MomentEngine per workspace) ─▶ outbox (one transaction with the
//!           cursor) ─▶ send.rs ─▶ stig-deliver (webhook / SMTP) or a task
//! ```
//!
//! Nothing here knows HTTP: the transport hands [`start`] a [`MomentsContext`] (the store,
//! the workspaces, the public address, and the texts survey invitations are written in).

mod actions;
mod backtest;
mod consent;
pub mod evaluate;
mod send;
pub mod snapshot;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use stig_deliver::{RetryPolicy, TargetPolicy};
use stig_store::Store;
use tokio::sync::Notify;

use crate::workspaces::Workspaces;

pub use actions::{EmailPreview, preview_emails, render_checked, sample_context};
pub use backtest::{BacktestError, backtest};
pub use send::send_test_email;

/// How moments run: who may be called, how retries back off, and the bells that wake the
/// evaluator (an event was stored) and the sender (something was queued).
pub struct MomentsRuntime {
    pub targets: TargetPolicy,
    pub retry: RetryPolicy,
    /// How often the evaluator looks at the clock (offsets, abandoned runs, silences) and
    /// at the store, when no event rings first.
    pub tick: Duration,
    /// Fire occurrences from before a moment went live too. Off: a moment acts on what
    /// happens from the moment it is enabled, and the backtest shows the history. On for
    /// benchmarks, whose generated events are all in the past.
    pub fire_history: bool,
    /// Where the evaluator writes each workspace's engine ([`snapshot`]), so a restart
    /// replays only the events evaluated since (`None`: never; every start replays them all).
    /// `stig serve` passes the insight snapshots' `<db>-live`.
    pub snapshot_dir: Option<PathBuf>,
    /// A snapshot is written at most this often while events arrive (and after every
    /// rebuild).
    pub snapshot_every: Duration,
    pub(crate) events_stored: Notify,
    pub(crate) queued: Notify,
    /// The streaming destinations' bell (rung with the evaluator's): see `destinations.rs`.
    pub(crate) destinations: Notify,
    /// Workspaces where a person was erased: their engines (and snapshots) held the person
    /// and are rebuilt from the events left.
    pub(crate) erased: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl Default for MomentsRuntime {
    fn default() -> Self {
        MomentsRuntime::new(TargetPolicy::strict(), RetryPolicy::default())
    }
}

impl MomentsRuntime {
    pub fn new(targets: TargetPolicy, retry: RetryPolicy) -> Self {
        MomentsRuntime {
            targets,
            retry,
            tick: Duration::from_secs(1),
            fire_history: false,
            snapshot_dir: None,
            snapshot_every: Duration::from_secs(300),
            events_stored: Notify::new(),
            queued: Notify::new(),
            destinations: Notify::new(),
            erased: Default::default(),
        }
    }

    /// The same, writing the evaluator's snapshots in `dir`.
    pub fn with_snapshot_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.snapshot_dir = dir;
        self
    }

    /// Rings the evaluator: events were stored.
    pub fn events_stored(&self) {
        self.events_stored.notify_one();
        self.destinations.notify_one();
    }

    /// A person was erased from workspace `ws`: the evaluator drops its engine and snapshot
    /// (both held them) and rebuilds from the events left, at its next round.
    pub fn person_erased(&self, ws: &str) {
        self.erased
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(ws.to_owned());
        self.events_stored.notify_one();
    }

    /// Whether a person was erased from `ws` since the last call.
    pub(crate) fn take_erased(&self, ws: &str) -> bool {
        self.erased
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(ws)
    }

    /// Rings the sender: a delivery is due now (a replay).
    pub fn wake_sender(&self) {
        self.queued.notify_one();
    }
}

/// The texts the sender writes itself (survey invitations) in the people's languages: the
/// transport's message files, passed in so this crate holds no UI texts.
pub trait Texts: Send + Sync {
    /// The language messages are written in for a language tag (`nb`, `nb-NO`, `no` → `nb`),
    /// else the default one.
    fn language(&self, tag: &str) -> String;
    /// Message `key` in `language` with its arguments.
    fn message(&self, language: &str, key: &str, args: &[(&str, String)]) -> String;
}

/// Everything the evaluator and the sender reach: plain values, no transport.
#[derive(Clone)]
pub struct MomentsContext {
    pub store: Arc<dyn Store>,
    /// Workspace snapshots by revision (shared with the transport's reads).
    pub workspaces: Arc<Workspaces>,
    pub runtime: Arc<MomentsRuntime>,
    /// Where people reach the server (survey links); `STIG_PUBLIC_URL` overrides it.
    pub public_url: Option<String>,
    pub texts: Arc<dyn Texts>,
}

impl MomentsContext {
    /// Where survey links point: `STIG_PUBLIC_URL`, else [`MomentsContext::public_url`],
    /// else `http://localhost:8080`; without a trailing slash.
    pub fn public_url(&self) -> String {
        public_url_from_env()
            .or_else(|| self.public_url.clone())
            .unwrap_or_else(|| "http://localhost:8080".into())
            .trim_end_matches('/')
            .to_owned()
    }
}

/// `STIG_PUBLIC_URL` when set (trimmed, without a trailing slash): where people reach the
/// server, over anything it would work out itself.
pub fn public_url_from_env() -> Option<String> {
    std::env::var("STIG_PUBLIC_URL")
        .ok()
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| !u.is_empty())
}

/// Starts the evaluator and the sender as tasks on the current tokio runtime (`serve` calls
/// it once).
pub fn start(ctx: MomentsContext) {
    let ctx = Arc::new(ctx);
    tokio::spawn(evaluate::run(ctx.clone()));
    tokio::spawn(send::run(ctx));
}
