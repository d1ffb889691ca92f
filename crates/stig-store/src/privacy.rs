//! Privacy operations on stored data: erasing one person, refusing a suppressed person's later
//! events, and retention (old events and old free-text comments removed).
//!
//! What an erasure removes, in one transaction per file: every event whose user id or
//! anonymous id is one of the person's ids (PostgreSQL: with their `event_ids` keys, so the
//! messageIds go too), the refused requests kept for the debugger whose excerpt mentions one
//! of the ids or [`Erasure::terms`] (an e-mail address), and in the outbox every firing for
//! one of the ids (its deliveries, attempts and tasks with it) and every delivery whose
//! payload mentions one (a destination's batch holding their events). A pending delivery is
//! cancelled with it: it is never sent. Then the bytes: SQLite runs with `secure_delete` (freed
//! content is overwritten with zeros) and both files' write-ahead logs are checkpointed and
//! truncated; PostgreSQL `VACUUM`s the tables rows left (older WAL segments and base backups
//! age out with the operator's archive retention).
//!
//! The [`ErasureReceipt`] holds no personal data: counts per kind and a SHA-256 over the ids.
//! With [`Erasure::suppress`] the ids are kept as salted SHA-256 hashes ([`suppression_hash`])
//! so that the collector can refuse events that name them again.

use jiff::Timestamp;
use serde::Serialize;

use crate::auth;

/// What to erase: every id of one person (as resolved from their events), and other strings
/// of theirs that may be quoted in kept refused requests (e-mail addresses).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Erasure {
    pub ids: Vec<String>,
    /// Other strings of theirs to look for in kept refused requests (not ids: no event is
    /// deleted for them).
    pub terms: Vec<String>,
    /// Keep hashes of the ids so that their later events are refused.
    pub suppress: bool,
    /// Who asked (a staff user name, or `cli`): on the receipt.
    pub by: String,
}

/// How many rows an erasure removed, per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ErasureCounts {
    /// Stored events (identify calls, with the trait history, and feedback answers included).
    pub events: u64,
    /// Refused requests kept for the debugger that quoted them.
    pub rejections: u64,
    /// Moment firings for them.
    pub firings: u64,
    /// Deliveries removed, of which `cancelled` were still pending (never sent).
    pub deliveries: u64,
    pub cancelled: u64,
    /// Tasks for staff about them.
    pub tasks: u64,
    /// Ids kept as hashes to refuse their later events.
    pub suppressed: u64,
}

/// The record of an erasure, without personal data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErasureReceipt {
    /// A random id of the erasure.
    pub id: String,
    pub workspace: String,
    pub at: Timestamp,
    pub by: String,
    /// SHA-256 (hex) of the ids sorted and joined by newlines: proves which ids were erased
    /// to whoever holds them, tells nobody else.
    pub ids_hash: String,
    /// How many ids the person had.
    pub ids: u64,
    pub counts: ErasureCounts,
}

/// What retention removes from one workspace: events that happened before a cutoff (the
/// default, or one per event name), and the comment of feedback answers before another.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RetentionCutoffs {
    /// Events that happened before this go (`None`: kept).
    pub events_before: Option<Timestamp>,
    /// Per track event name: those events go before this time instead of the default
    /// (`None`: that event is kept however old).
    pub by_event: Vec<(String, Option<Timestamp>)>,
    /// Feedback events before this keep their score but lose their free-text comment.
    pub comments_before: Option<Timestamp>,
}

/// What a retention pass removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RetentionCounts {
    pub events: u64,
    /// Comments stripped from events that stay.
    pub comments: u64,
}

impl RetentionCounts {
    pub fn changed(&self) -> bool {
        self.events + self.comments > 0
    }
}

/// The event property a free-text comment is carried in (`Feedback Submitted` and any track
/// event with a score; see `stig_pipeline::customers::feedback`).
pub const COMMENT_PROPERTY: &str = "comment";

/// The hash a suppressed id is kept as: SHA-256 of the workspace and the id, so the same
/// person's hash differs between workspaces and a list of hashes is no list of ids.
pub fn suppression_hash(ws: &str, id: &str) -> String {
    auth::hash_token(&format!("stig-suppression\u{0}{ws}\u{0}{id}"))
}

/// The receipt's hash of a person's ids: SHA-256 of the sorted ids joined by newlines.
pub fn ids_hash(ids: &[String]) -> String {
    let mut sorted: Vec<&str> = ids.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.dedup();
    auth::hash_token(&sorted.join("\n"))
}

/// Checks an erasure before anything is touched: at least one id, none empty.
pub(crate) fn check(erasure: &Erasure) -> crate::Result<()> {
    if erasure.ids.is_empty() {
        return Err(crate::StoreError::Invalid(
            "an erasure needs at least one id of the person".into(),
        ));
    }
    if erasure
        .ids
        .iter()
        .chain(&erasure.terms)
        .any(|s| s.trim().is_empty())
    {
        return Err(crate::StoreError::Invalid(
            "an erasure's ids and terms must not be empty".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_depend_on_the_workspace_and_not_on_order() {
        assert_ne!(suppression_hash("a", "kari"), suppression_hash("b", "kari"));
        assert_eq!(suppression_hash("a", "kari").len(), 64);
        let one = ids_hash(&["b".into(), "a".into()]);
        assert_eq!(one, ids_hash(&["a".into(), "b".into(), "a".into()]));
    }
}
