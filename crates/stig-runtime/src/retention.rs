//! Retention: each workspace's `retention` settings applied on a schedule (at start, then
//! every [`EVERY`]) by `stig serve`. Old events are deleted and old comments stripped by the
//! store ([`Store::apply_retention`], which also scrubs the freed bytes); the derived state
//! is then made again from the events left (a rebuild: retention touches everyone), and the
//! moments engine with it. Counted in `stig_retention_removed_total{kind="events|comments"}`.

use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use stig_model::Retention;
use stig_store::{RetentionCounts, RetentionCutoffs, Store, StoreError};

use crate::live::Live;
use crate::moments::MomentsRuntime;

/// How often retention runs.
pub const EVERY: Duration = Duration::from_secs(3600);

/// The cutoffs `retention` means at `now`; `None` when it removes nothing.
pub fn cutoffs(retention: &Retention, now: Timestamp) -> Option<RetentionCutoffs> {
    let before = |days: u32| {
        now.checked_sub(SignedDuration::from_hours(i64::from(days) * 24))
            .ok()
    };
    let out = RetentionCutoffs {
        events_before: retention.events_days.and_then(before),
        by_event: retention
            .event_days
            .iter()
            .map(|(name, days)| (name.clone(), (*days > 0).then(|| before(*days)).flatten()))
            .collect(),
        comments_before: retention.comments_days.and_then(before),
    };
    let removes = out.events_before.is_some()
        || out.comments_before.is_some()
        || out.by_event.iter().any(|(_, b)| b.is_some());
    removes.then_some(out)
}

/// Applies workspace `ws`'s retention now; rebuilds its derived state when anything went.
pub async fn apply(
    store: &dyn Store,
    live: Option<&Arc<Live>>,
    moments: Option<&MomentsRuntime>,
    ws: &str,
) -> Result<RetentionCounts, StoreError> {
    let settings = store.load_workspace(ws).await?.value.settings;
    let Some(cutoffs) = settings
        .retention
        .as_ref()
        .and_then(|r| cutoffs(r, Timestamp::now()))
    else {
        return Ok(RetentionCounts::default());
    };
    let counts = store.apply_retention(ws, &cutoffs).await?;
    if counts.changed() {
        metrics::counter!("stig_retention_removed_total", "kind" => "events")
            .increment(counts.events);
        metrics::counter!("stig_retention_removed_total", "kind" => "comments")
            .increment(counts.comments);
        tracing::info!(
            workspace = ws,
            events = counts.events,
            comments = counts.comments,
            "retention applied"
        );
        if let Some(live) = live {
            live.rebuild(ws);
        }
        if let Some(moments) = moments {
            moments.person_erased(ws);
        }
    }
    Ok(counts)
}

/// Applies every workspace's retention at start and then every [`EVERY`], until dropped.
pub async fn run(store: Arc<dyn Store>, live: Arc<Live>, moments: Option<Arc<MomentsRuntime>>) {
    let mut tick = tokio::time::interval(EVERY);
    loop {
        tick.tick().await;
        let Ok(workspaces) = store.list_workspaces().await else {
            continue;
        };
        for w in workspaces {
            if let Err(e) = apply(store.as_ref(), Some(&live), moments.as_deref(), &w.id).await {
                tracing::warn!(workspace = %w.id, error = %e, "applying retention");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_cutoffs_and_zero_keeps_an_event() {
        let now: Timestamp = "2026-06-01T00:00:00Z".parse().expect("time");
        let r = Retention {
            events_days: Some(10),
            event_days: [
                ("Order Completed".to_owned(), 0),
                ("Page Viewed".to_owned(), 1),
            ]
            .into(),
            comments_days: None,
        };
        let c = cutoffs(&r, now).expect("removes");
        assert_eq!(
            c.events_before,
            Some("2026-05-22T00:00:00Z".parse().expect("t"))
        );
        assert_eq!(c.by_event[0], ("Order Completed".into(), None));
        assert_eq!(
            c.by_event[1].1,
            Some("2026-05-31T00:00:00Z".parse().expect("t"))
        );
        assert!(cutoffs(&Retention::default(), now).is_none());
    }
}
