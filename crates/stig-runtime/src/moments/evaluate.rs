//! The evaluator: one task that keeps a [`MomentEngine`] per workspace with enabled
//! moments, feeds it the events stored since its cursor, and commits what fires to the
//! outbox in the same transaction that moves the cursor. A crash before the commit
//! re-evaluates those events; after it, nothing is evaluated twice. Firing keys are unique
//! in the outbox, so even a replay that does fire again stores nothing twice.
//!
//! At start (and whenever the workspace changes) the engine is rebuilt by replaying the
//! events up to the cursor without firing, and told what already fired (for caps).

use std::collections::HashMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use stig_model::{Moment, Workspace};
use stig_pipeline::customers::Activity;
use stig_pipeline::moments::{MomentEngine, Occurrence};
use stig_store::{MomentCommit, StoreError};

use super::{MomentsContext, actions};
use crate::events::EventStream;

/// Events read and evaluated at a time.
const PAGE: u32 = 5_000;
/// Firings held back at most while the previous commit is still running.
const MAX_FIRINGS_WAITING: usize = 20_000;
/// Firings this far back are read at start for the per-customer caps.
const CAP_MEMORY_DAYS: i64 = 400;

struct Live {
    revision: i64,
    ws: Arc<Workspace>,
    engine: MomentEngine,
    cursor: i64,
}

pub async fn run(ctx: Arc<MomentsContext>) {
    let mut live: HashMap<String, Live> = HashMap::new();
    loop {
        let runtime = &ctx.runtime;
        tokio::select! {
            _ = runtime.events_stored.notified() => {}
            _ = tokio::time::sleep(runtime.tick) => {}
        }
        let Ok(workspaces) = ctx.store.list_workspaces().await else {
            continue;
        };
        for w in workspaces {
            if let Err(e) = step(&ctx, &mut live, &w.id).await {
                tracing::warn!(message = "evaluating business moments", workspace = %w.id, error = %e);
                // Start that workspace over from the store next time.
                live.remove(&w.id);
            }
        }
    }
}

/// One round for one workspace: (re)build if its model changed, evaluate what arrived,
/// let the clock fire what fell due.
async fn step(
    ctx: &MomentsContext,
    live: &mut HashMap<String, Live>,
    ws_id: &str,
) -> Result<(), Failure> {
    let store = ctx.store.as_ref();
    let (revision, ws) = match ctx.workspaces.get(store, ws_id).await {
        Ok(x) => x,
        Err(_) => return Ok(()), // deleted meanwhile
    };
    if live.get(ws_id).is_none_or(|l| l.revision != revision) {
        for m in ws.moments.iter().filter(|m| !m.enabled) {
            store.forget_moment_live_since(ws_id, &m.id).await?;
        }
        let enabled: Vec<Moment> = ws.moments.iter().filter(|m| m.enabled).cloned().collect();
        if enabled.is_empty() {
            live.remove(ws_id);
            return Ok(());
        }
        let l = rebuild(ctx, ws_id, revision, ws.clone(), enabled).await?;
        live.insert(ws_id.to_owned(), l);
    }
    let Some(l) = live.get_mut(ws_id) else {
        return Ok(());
    };
    // Commits run while the next pages are evaluated; what is evaluated meanwhile goes into
    // the next commit (fewer, larger transactions when the store is busy). Commits stay in
    // order, each moving the cursor past what it holds.
    let mut committing: Option<tokio::task::JoinHandle<Result<bool, StoreError>>> = None;
    let mut waiting = MomentCommit::default();
    let mut events = EventStream::new(ws_id, l.cursor, PAGE);
    loop {
        // Even with nothing new the clock is looked at (what fell due fires).
        let page = events.next_page(store).await?.unwrap_or_default();
        let full = !events.finished();
        let now = Timestamp::now();
        // Live, the clock is the wall's; when firing history (benchmarks), the events'.
        let clock = if ctx.runtime.fire_history {
            Clock::Events
        } else {
            Clock::Wall(now)
        };
        if !page.is_empty() {
            l.cursor = events.cursor();
            waiting.cursor = Some(l.cursor);
        }
        let (engine, occurrences) = feed(
            std::mem::replace(&mut l.engine, placeholder()),
            page,
            true,
            Some(clock),
        )
        .await?;
        l.engine = engine;
        waiting.firings.extend(occurrences.into_iter().map(|o| {
            let moment = &l.engine.moments()[o.moment];
            actions::firing(ws_id, &l.ws, moment, o, now)
        }));
        let busy = committing.as_ref().is_some_and(|c| !c.is_finished());
        if full && busy && waiting.firings.len() < MAX_FIRINGS_WAITING {
            continue; // the store is busy: evaluate on, commit it all next
        }
        if let Some(previous) = committing.take() {
            finished(ctx, previous).await?;
        }
        if waiting.cursor.is_none() && waiting.firings.is_empty() {
            break;
        }
        let commit = std::mem::take(&mut waiting);
        let (store, ws_id) = (ctx.store.clone(), ws_id.to_owned());
        committing = Some(tokio::spawn(async move {
            let fired = !commit.firings.is_empty();
            store.commit_moments(&ws_id, &commit).await.map(|_| fired)
        }));
        if !full {
            break;
        }
    }
    if let Some(last) = committing {
        finished(ctx, last).await?;
    }
    Ok(())
}

/// Waits for a page's commit; rings the sender when it queued deliveries.
async fn finished(
    ctx: &MomentsContext,
    commit: tokio::task::JoinHandle<Result<bool, StoreError>>,
) -> Result<(), Failure> {
    let fired = commit
        .await
        .map_err(|e| Failure(format!("a moments commit stopped: {e}")))??;
    if fired {
        ctx.runtime.queued.notify_one();
    }
    Ok(())
}

/// What time it is for the engine's clock.
#[derive(Debug, Clone, Copy)]
enum Clock {
    Wall(Timestamp),
    /// The latest event time seen.
    Events,
}

/// A fresh engine brought up to the cursor: replayed without firing, told its moments' live
/// times and what fired already.
async fn rebuild(
    ctx: &MomentsContext,
    ws_id: &str,
    revision: i64,
    ws: Arc<Workspace>,
    enabled: Vec<Moment>,
) -> Result<Live, Failure> {
    let store = ctx.store.as_ref();
    let now = Timestamp::now();
    let mut engine = MomentEngine::new(ws.clone(), enabled.clone());
    for (i, m) in enabled.iter().enumerate() {
        let since = store.moment_live_since(ws_id, &m.id, now).await?;
        engine.set_live_since(i, (!ctx.runtime.fire_history).then_some(since));
    }
    let memory = now - SignedDuration::from_hours(24 * CAP_MEMORY_DAYS);
    for (moment, customer, occurrence, at) in store.firings_since(ws_id, memory).await? {
        engine.restore_fired(&moment, &customer, &occurrence, at);
    }
    let cursor = store.moment_cursor(ws_id).await?;
    let mut replay = EventStream::new(ws_id, 0, PAGE).until(cursor);
    while let Some(page) = replay.next_page(store).await? {
        let (e, _) = feed(engine, page, false, None).await?;
        engine = e;
    }
    tracing::info!(
        workspace = ws_id,
        moments = enabled.len(),
        cursor,
        "business moments live"
    );
    Ok(Live {
        revision,
        ws,
        engine,
        cursor,
    })
}

/// Feeds a page of stored events to the engine off the async threads, then (with `tick`)
/// lets the clock fire what fell due.
async fn feed(
    mut engine: MomentEngine,
    page: Vec<(i64, String)>,
    emit: bool,
    tick: Option<Clock>,
) -> Result<(MomentEngine, Vec<Occurrence>), Failure> {
    let work = move || {
        let mut out = Vec::new();
        for (seq, text) in &page {
            if let Some(a) = Activity::from_segment_text(*seq, text, |n| engine.wants_properties(n))
            {
                out.extend(engine.push(&a, emit));
            }
        }
        let now = match tick {
            Some(Clock::Wall(now)) => Some(now),
            Some(Clock::Events) => engine.clock(),
            None => None,
        };
        if let Some(now) = now {
            out.extend(engine.tick(now));
        }
        (engine, out)
    };
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Failure(format!("the moment engine stopped: {e}")))
}

/// Why a round failed; the workspace's engine is rebuilt from the store next round.
#[derive(Debug)]
pub struct Failure(String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure(e.to_string())
    }
}

/// An empty engine to hold the place of the real one while it works on another thread.
fn placeholder() -> MomentEngine {
    MomentEngine::new(Arc::new(Workspace::default()), Vec::new())
}
