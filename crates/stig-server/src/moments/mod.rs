//! Business moments, live: the evaluator reads events as they are stored and commits what
//! fires to the outbox; the sender delivers the outbox (webhooks, email, survey invitations,
//! tasks) with retries; the backtest runs a moment over the history.
//!
//! ```text
//! events ─▶ evaluate.rs (MomentEngine per workspace) ─▶ outbox (one transaction with the
//!           cursor) ─▶ send.rs ─▶ stig-deliver (webhook / SMTP) or a task
//! ```

mod actions;
mod backtest;
mod evaluate;
mod send;

use std::time::Duration;

use stig_deliver::{RetryPolicy, TargetPolicy};
use tokio::sync::Notify;

pub use backtest::{BacktestError, backtest, backtest_in};

use crate::state::AppState;

/// How moments run in this server: who may be called, how retries back off, and the bells
/// that wake the evaluator (an event was stored) and the sender (something was queued).
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
    pub(crate) events_stored: Notify,
    pub(crate) queued: Notify,
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
            events_stored: Notify::new(),
            queued: Notify::new(),
        }
    }

    /// Rings the evaluator: events were stored.
    pub fn events_stored(&self) {
        self.events_stored.notify_one();
    }

    /// Rings the sender: a delivery is due now (a replay).
    pub fn wake_sender(&self) {
        self.queued.notify_one();
    }
}

/// Starts the evaluator and the sender (inside the runtime; `serve` calls it).
pub fn start(state: &AppState) {
    tokio::spawn(evaluate::run(state.clone()));
    tokio::spawn(send::run(state.clone()));
}
