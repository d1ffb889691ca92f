//! Lifecycle: when a customer was acquired, churned and came back.
//!
//! *Acquired* at their first journey run or first purchase, whichever comes first.
//! *Churned* on an explicit event (the workspace's churn events, e.g. a cancellation) or
//! after `churn_after_days` without any event. *Reactivated* by any event after a churn.

use jiff::{SignedDuration, Timestamp};

/// One change of a customer's lifecycle stage.
#[derive(Debug, Clone, PartialEq)]
pub struct LifecycleChange {
    pub at: Timestamp,
    pub kind: LifecycleKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LifecycleKind {
    /// By a first journey run (its journey id) or a first purchase (the event name).
    Acquired {
        via: String,
    },
    /// By an explicit event (its name), or by inactivity when `event` is `None`.
    Churned {
        event: Option<String>,
    },
    Reactivated,
}

/// Where a customer stands now.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum LifecycleStatus {
    /// Seen, but never started a journey or bought.
    Prospect,
    Active,
    Churned,
}

impl LifecycleStatus {
    pub const ALL: [LifecycleStatus; 3] = [
        LifecycleStatus::Prospect,
        LifecycleStatus::Active,
        LifecycleStatus::Churned,
    ];

    /// The status an [`as_str`](Self::as_str) name stands for.
    pub fn parse(name: &str) -> Option<LifecycleStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleStatus::Prospect => "prospect",
            LifecycleStatus::Active => "active",
            LifecycleStatus::Churned => "churned",
        }
    }
}

/// One customer's lifecycle, fed their events in time order.
#[derive(Debug)]
pub struct Lifecycle {
    churn_after: SignedDuration,
    last_at: Option<Timestamp>,
    acquired: bool,
    churned: bool,
    pub changes: Vec<LifecycleChange>,
}

/// What one event means for the lifecycle.
#[derive(Debug, Default)]
pub struct Moment<'a> {
    /// A journey run this event started (its journey id).
    pub started_journey: Option<&'a str>,
    /// The event is a purchase (its name).
    pub purchase: Option<&'a str>,
    /// The event is a churn event (its name).
    pub churn: Option<&'a str>,
}

impl Lifecycle {
    pub fn new(churn_after_days: u32) -> Self {
        Lifecycle {
            churn_after: SignedDuration::from_hours(i64::from(churn_after_days) * 24),
            last_at: None,
            acquired: false,
            churned: false,
            changes: Vec::new(),
        }
    }

    pub fn event(&mut self, at: Timestamp, moment: Moment<'_>) {
        if let Some(last) = self.last_at
            && self.acquired
            && !self.churned
            && at.duration_since(last) > self.churn_after
        {
            self.push(
                last + self.churn_after,
                LifecycleKind::Churned { event: None },
            );
        }
        self.last_at = Some(at);
        if self.churned && moment.churn.is_none() {
            self.push(at, LifecycleKind::Reactivated);
        }
        if !self.acquired
            && let Some(via) = moment.started_journey.or(moment.purchase)
        {
            self.acquired = true;
            self.push(
                at,
                LifecycleKind::Acquired {
                    via: via.to_owned(),
                },
            );
        }
        if let Some(name) = moment.churn
            && !self.churned
        {
            self.push(
                at,
                LifecycleKind::Churned {
                    event: Some(name.to_owned()),
                },
            );
        }
    }

    /// Settles inactivity up to `now` and says where the customer stands.
    pub fn finish(&mut self, now: Timestamp) -> LifecycleStatus {
        if let Some(last) = self.last_at
            && self.acquired
            && !self.churned
            && now.duration_since(last) > self.churn_after
        {
            self.push(
                last + self.churn_after,
                LifecycleKind::Churned { event: None },
            );
        }
        match (self.acquired, self.churned) {
            (_, true) => LifecycleStatus::Churned,
            (true, false) => LifecycleStatus::Active,
            (false, false) => LifecycleStatus::Prospect,
        }
    }

    fn push(&mut self, at: Timestamp, kind: LifecycleKind) {
        self.churned = match kind {
            LifecycleKind::Churned { .. } => true,
            LifecycleKind::Reactivated => false,
            LifecycleKind::Acquired { .. } => self.churned,
        };
        self.changes.push(LifecycleChange { at, kind });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn acquired_churned_by_silence_and_reactivated() {
        let mut l = Lifecycle::new(30);
        l.event(t("2026-01-01T00:00:00Z"), Moment::default());
        l.event(
            t("2026-01-02T00:00:00Z"),
            Moment {
                purchase: Some("Order Completed"),
                ..Moment::default()
            },
        );
        l.event(t("2026-03-01T00:00:00Z"), Moment::default());
        l.event(
            t("2026-03-02T00:00:00Z"),
            Moment {
                churn: Some("Subscription Cancelled"),
                ..Moment::default()
            },
        );
        let status = l.finish(t("2026-03-03T00:00:00Z"));
        let kinds: Vec<&LifecycleKind> = l.changes.iter().map(|c| &c.kind).collect();
        assert_eq!(
            kinds,
            [
                &LifecycleKind::Acquired {
                    via: "Order Completed".into()
                },
                &LifecycleKind::Churned { event: None },
                &LifecycleKind::Reactivated,
                &LifecycleKind::Churned {
                    event: Some("Subscription Cancelled".into())
                },
            ]
        );
        assert_eq!(
            l.changes[1].at,
            t("2026-02-01T00:00:00Z"),
            "30 days after the last event"
        );
        assert_eq!(status, LifecycleStatus::Churned);
    }

    #[test]
    fn a_prospect_never_churns() {
        let mut l = Lifecycle::new(30);
        l.event(t("2025-01-01T00:00:00Z"), Moment::default());
        assert_eq!(
            l.finish(t("2026-01-01T00:00:00Z")),
            LifecycleStatus::Prospect
        );
        assert!(l.changes.is_empty());
    }
}
