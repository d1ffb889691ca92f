//! The durable state of business moments: a transactional outbox.
//!
//! An evaluation pass commits its firings (each with the deliveries its actions queue) and
//! its event cursor in one transaction
//! ([`MomentCommit`]); senders then work through the due [`Delivery`]s, recording each
//! [`Attempt`]. A firing is unique per (workspace, moment, occurrence), which makes a moment
//! fire exactly once per occurrence across restarts. (Occurrences due later, "2 days after
//! departure", are held by the engine, which rebuilds them from the events on restart.)

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::StoreError;

/// One moment firing for one trigger occurrence, with the actions it queues.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFiring {
    pub moment: String,
    /// What happened, unique per (workspace, moment): a firing with an occurrence already
    /// stored is skipped (this is what makes "exactly once").
    pub occurrence: String,
    pub customer: String,
    pub persona: Option<String>,
    /// When the trigger occurred (or fell due).
    pub at: Timestamp,
    /// What triggered it (without the event's properties) and who (`trigger`, `customer`:
    /// id and persona), as JSON: shown in the activity log.
    pub context: serde_json::Value,
    pub deliveries: Vec<NewDelivery>,
    /// Actions not queued because the customer had not consented to their purpose: recorded
    /// with the firing, never sent.
    pub suppressed: Vec<Suppressed>,
}

/// An action of a firing suppressed for lack of consent: never queued, never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// Index of the action in the moment.
    pub action: u32,
    /// "webhook" | "email" | "survey" | "task"
    pub kind: String,
    /// The purpose the customer had not consented to (`marketing`, …).
    pub purpose: String,
}

/// One action of a firing, queued for its sender.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDelivery {
    /// Index of the action in the moment.
    pub action: u32,
    /// "webhook" | "email" | "survey" | "task"
    pub kind: String,
    /// Everything the sender needs (url, rendered texts, ...), as JSON.
    pub payload: serde_json::Value,
    /// Not to be tried before (quiet hours).
    pub not_before: Timestamp,
}

/// What one evaluation pass commits, in ONE transaction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MomentCommit {
    /// Advance the workspace's event cursor (arrival number of the last event evaluated) to
    /// this; None leaves it.
    pub cursor: Option<i64>,
    pub firings: Vec<NewFiring>,
}

/// What [`Store::commit_moments`](crate::Store::commit_moments) did: firings stored, and
/// firings skipped because their occurrence had fired already.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommitOutcome {
    pub fired: u64,
    pub duplicates: u64,
}

/// Where a delivery stands; stored (and serialized) as its lowercase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    /// Waiting for (another) attempt.
    Pending,
    /// Done: the receiver accepted it.
    Delivered,
    /// Given up on (until replayed).
    Dead,
}

impl DeliveryStatus {
    /// Every status.
    pub const ALL: [DeliveryStatus; 3] = [
        DeliveryStatus::Pending,
        DeliveryStatus::Delivered,
        DeliveryStatus::Dead,
    ];

    /// `"pending"`, `"delivered"` or `"dead"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Dead => "dead",
        }
    }
}

impl fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DeliveryStatus {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        DeliveryStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "`{s}` is not a delivery status (pending, delivered, dead)"
                ))
            })
    }
}

/// One queued action of a firing, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    pub id: i64,
    pub workspace: String,
    pub firing: i64,
    pub moment: String,
    pub customer: String,
    pub occurrence: String,
    pub action: u32,
    pub kind: String,
    pub payload: serde_json::Value,
    pub status: DeliveryStatus,
    pub attempts: u32,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
}

impl Delivery {
    /// The idempotency key receivers de-duplicate on, stable across retries and restarts.
    pub fn idempotency_key(&self) -> String {
        format!("msg_{}_{}", self.workspace, self.id)
    }
}

/// One attempt at a delivery.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempt {
    pub at: Timestamp,
    pub ok: bool,
    /// The HTTP (or SMTP) status, if one came back.
    pub status: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: u32,
}

/// What to do with a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AfterAttempt {
    Delivered,
    RetryAt(Timestamp),
    Dead,
}

/// A stored firing with its deliveries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Firing {
    pub id: i64,
    pub moment: String,
    pub occurrence: String,
    pub customer: String,
    pub persona: Option<String>,
    pub at: Timestamp,
    pub fired_at: Timestamp,
    pub context: serde_json::Value,
    pub deliveries: Vec<Delivery>,
    /// Its actions suppressed for lack of consent, by action.
    pub suppressed: Vec<Suppressed>,
}

/// Which firings [`Store::list_firings`](crate::Store::list_firings) returns: of one moment
/// and/or one customer, at most `limit`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FiringQuery {
    pub moment: Option<String>,
    pub customer: Option<String>,
    pub limit: u32,
}

/// Per moment: how often it fired, its deliveries per status, and when it fired last.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MomentCounts {
    pub fired: u64,
    pub pending: u64,
    pub delivered: u64,
    pub dead: u64,
    /// Actions suppressed for lack of consent (never sent).
    pub suppressed: u64,
    pub last_fired: Option<Timestamp>,
}

/// Where a task stands; stored (and serialized) as its lowercase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatus {
    Open,
    Done,
}

impl TaskStatus {
    /// `"open"` or `"done"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Done => "done",
        }
    }
}

impl fmt::Display for TaskStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TaskStatus {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        match s {
            "open" => Ok(TaskStatus::Open),
            "done" => Ok(TaskStatus::Done),
            _ => Err(StoreError::Invalid(format!(
                "`{s}` is not a task status (open, done)"
            ))),
        }
    }
}

/// A task a "task" action created for someone to follow up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    pub id: i64,
    pub workspace: String,
    pub delivery: i64,
    pub moment: String,
    pub customer: String,
    pub title: String,
    pub body: String,
    pub assignee: Option<String>,
    pub status: TaskStatus,
    pub created_at: Timestamp,
    pub done_at: Option<Timestamp>,
}

/// A workspace secret's name and when it was set (never its value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecretInfo {
    pub name: String,
    pub updated_at: Timestamp,
}
