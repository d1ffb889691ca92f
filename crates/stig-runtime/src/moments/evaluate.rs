//! The evaluator: one task that keeps a [`MomentEngine`] per workspace with enabled
//! moments, feeds it the events stored since its cursor, and commits what fires to the
//! outbox in the same transaction that moves the cursor. A crash before the commit
//! re-evaluates those events; after it, nothing is evaluated twice. Firing keys are unique
//! in the outbox, so even a replay that does fire again stores nothing twice.
//!
//! At start (and whenever the workspace changes) the engine is brought up to the outbox's
//! cursor without firing: read back from its [`snapshot`] when there is a usable one (made
//! on the same workspace and moments, at a cursor the outbox has reached), replaying only the
//! events after the snapshot's cursor; else rebuilt by replaying every event. Either way it
//! is then told its moments' live times and what already fired (for caps), from the outbox.
//!
//! A snapshot is written only at the end of a round, when every firing evaluated is
//! committed together with the cursor it is written at (never a state holding events
//! evaluated but not committed), at most every [`MomentsRuntime::snapshot_every`] while
//! events arrive, and after every start that replayed events.
//!
//! [`MomentsRuntime::snapshot_every`]: super::MomentsRuntime::snapshot_every

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use jiff::{SignedDuration, Timestamp};
use stig_model::{Moment, Workspace};
use stig_pipeline::customers::Activity;
use stig_pipeline::moments::{MomentEngine, Occurrence};
use stig_store::{MomentCommit, StoreError};

use super::snapshot::{self, SnapshotError};
use super::{MomentsContext, actions};
use crate::events::EventStream;

/// How long a node's hold on a workspace's evaluation lasts unless renewed (every round).
const LEASE: std::time::Duration = std::time::Duration::from_secs(15);
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
    /// The arrival number of the last event evaluated (committed at the end of a round).
    cursor: i64,
    /// [`snapshot::design`] of `ws`.
    design: [u8; 32],
    /// When a snapshot was last written (or the engine started), and at which cursor.
    saved: Instant,
    saved_cursor: i64,
}

/// Evaluates every workspace's moments, round after round, until the task is dropped.
pub async fn run(ctx: Arc<MomentsContext>) {
    let mut evaluator = Evaluator::new(ctx.clone());
    // Several nodes on one database: one evaluates a workspace at a time, holding a lease it
    // renews every round; another takes over once the holder stops renewing (it died).
    let node = stig_store::auth::generate_token()[..16].to_owned();
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
            let lease = format!("moments:{}", w.id);
            match ctx.store.take_lease(&lease, &node, LEASE).await {
                Ok(true) => {}
                Ok(false) => {
                    // Another node evaluates it; should this one take over, it starts afresh
                    // from the outbox's cursor.
                    evaluator.live.remove(&w.id);
                    continue;
                }
                Err(e) => {
                    tracing::warn!(message = "renewing the moments lease", workspace = %w.id, error = %e);
                    continue;
                }
            }
            if let Err(e) = evaluator.round(&w.id).await {
                tracing::warn!(message = "evaluating business moments", workspace = %w.id, error = %e);
            }
        }
    }
}

/// The evaluator's engines, one per workspace with enabled moments. [`run`] drives it; a
/// test or a tool can drive it round by round.
pub struct Evaluator {
    ctx: Arc<MomentsContext>,
    live: HashMap<String, Live>,
}

/// What one round did for one workspace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// How the engine was brought up this round, if it was (the first round, or the
    /// workspace changed).
    pub started: Option<Start>,
    /// Events evaluated (firing) and committed.
    pub evaluated: u64,
    /// The outbox's cursor after the round (0 with no enabled moments).
    pub cursor: i64,
    /// A snapshot was written (at `cursor`).
    pub saved: bool,
}

/// How an engine was brought up to the outbox's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Read back from the snapshot made at `from`, then the `replayed` events after it (up
    /// to the outbox's cursor) replayed without firing.
    Restored { from: i64, replayed: u64 },
    /// No usable snapshot: every event up to the outbox's cursor replayed without firing.
    Rebuilt { replayed: u64 },
}

impl Evaluator {
    pub fn new(ctx: Arc<MomentsContext>) -> Self {
        Evaluator {
            ctx,
            live: HashMap::new(),
        }
    }

    /// One round for workspace `ws_id`: bring its engine up if its model changed (or on the
    /// first round), evaluate what arrived, let the clock fire what fell due, commit, and
    /// write a snapshot when one is due. A failed round drops the engine: the next one
    /// starts over from the store (and the snapshot).
    pub async fn round(&mut self, ws_id: &str) -> Result<Round, Failure> {
        let done = step(&self.ctx, &mut self.live, ws_id).await;
        if done.is_err() {
            self.live.remove(ws_id);
        }
        done
    }
}

/// One round for one workspace: (re)build if its model changed, evaluate what arrived,
/// let the clock fire what fell due.
async fn step(
    ctx: &MomentsContext,
    live: &mut HashMap<String, Live>,
    ws_id: &str,
) -> Result<Round, Failure> {
    let store = ctx.store.as_ref();
    let mut round = Round::default();
    let (revision, ws) = match ctx.workspaces.get(store, ws_id).await {
        Ok(x) => x,
        Err(_) => return Ok(round), // deleted meanwhile
    };
    if ctx.runtime.take_erased(ws_id) {
        // An erased person is in the engine and its snapshot: both go, rebuilt below.
        live.remove(ws_id);
        if let Some(dir) = &ctx.runtime.snapshot_dir {
            let _ = std::fs::remove_file(snapshot::path(dir, ws_id));
        }
    }
    if live.get(ws_id).is_none_or(|l| l.revision != revision) {
        for m in ws.moments.iter().filter(|m| !m.enabled) {
            store.forget_moment_live_since(ws_id, &m.id).await?;
        }
        let enabled: Vec<Moment> = ws.moments.iter().filter(|m| m.enabled).cloned().collect();
        if enabled.is_empty() {
            live.remove(ws_id);
            return Ok(round);
        }
        // The old engine goes first: two of a large workspace need not fit at once.
        live.remove(ws_id);
        let (mut l, started) = start(ctx, ws_id, revision, ws.clone(), enabled).await?;
        let replayed = match started {
            Start::Restored { replayed, .. } | Start::Rebuilt { replayed } => replayed,
        };
        // At the outbox's cursor: committed.
        if replayed > 0 {
            round.saved = save(ctx, ws_id, &mut l).await?;
        }
        round.started = Some(started);
        live.insert(ws_id.to_owned(), l);
    }
    let Some(l) = live.get_mut(ws_id) else {
        return Ok(round);
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
            round.evaluated += page.len() as u64;
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
            let outcome = store.commit_moments(&ws_id, &commit).await?;
            super::consent::count(&commit);
            metrics::counter!("stig_moments_fired_total", "workspace" => ws_id)
                .increment(outcome.fired);
            Ok::<_, stig_store::StoreError>(fired)
        }));
        if !full {
            break;
        }
    }
    if let Some(last) = committing {
        finished(ctx, last).await?;
    }
    // Everything evaluated is committed, with the cursor: the engine may be written down.
    round.cursor = l.cursor;
    if l.cursor != l.saved_cursor && l.saved.elapsed() >= ctx.runtime.snapshot_every {
        round.saved |= save(ctx, ws_id, l).await?;
    }
    Ok(round)
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

/// An engine brought up to the outbox's cursor without firing, from its snapshot (replaying
/// the events after it) or from nothing (replaying every event), then told its moments' live
/// times and what fired already, from the outbox, either way.
async fn start(
    ctx: &MomentsContext,
    ws_id: &str,
    revision: i64,
    ws: Arc<Workspace>,
    enabled: Vec<Moment>,
) -> Result<(Live, Start), Failure> {
    let store = ctx.store.as_ref();
    let began = Instant::now();
    let now = Timestamp::now();
    let design = snapshot::design(&ws, ctx.runtime.fire_history);
    let cursor = store.moment_cursor(ws_id).await?;
    let restored = match &ctx.runtime.snapshot_dir {
        Some(dir) => read_snapshot(ctx, dir, ws_id, &ws, &enabled, design, cursor).await?,
        None => None,
    };
    let from = restored.as_ref().map(|(_, from)| *from);
    let mut engine = match restored {
        Some((engine, _)) => engine,
        None => MomentEngine::new(ws.clone(), enabled.clone()),
    };
    for (i, m) in enabled.iter().enumerate() {
        let since = store.moment_live_since(ws_id, &m.id, now).await?;
        engine.set_live_since(i, (!ctx.runtime.fire_history).then_some(since));
    }
    let memory = now - SignedDuration::from_hours(24 * CAP_MEMORY_DAYS);
    for (moment, customer, occurrence, at) in store.firings_since(ws_id, memory).await? {
        engine.restore_fired(&moment, &customer, &occurrence, at);
    }
    let mut replay = EventStream::new(ws_id, from.unwrap_or(0), PAGE).until(cursor);
    let mut replayed = 0u64;
    while let Some(page) = replay.next_page(store).await? {
        replayed += page.len() as u64;
        let (e, _) = feed(engine, page, false, None).await?;
        engine = e;
    }
    let started = match from {
        Some(from) => Start::Restored { from, replayed },
        None => Start::Rebuilt { replayed },
    };
    tracing::info!(
        workspace = ws_id,
        moments = enabled.len(),
        cursor,
        from_snapshot = from,
        replayed,
        customers = engine.customers(),
        ms = began.elapsed().as_millis() as u64,
        "business moments live"
    );
    let live = Live {
        revision,
        ws,
        engine,
        cursor,
        design,
        saved: Instant::now(),
        saved_cursor: from.unwrap_or(0),
    };
    Ok((live, started))
}

/// The engine in workspace `ws_id`'s snapshot, laid on `ws` and `enabled`, and the cursor it
/// was made at; `None` (and why, in the log) when there is none or it cannot be used: made
/// on another design, past the outbox's `cursor`, or on other events.
async fn read_snapshot(
    ctx: &MomentsContext,
    dir: &Path,
    ws_id: &str,
    ws: &Arc<Workspace>,
    enabled: &[Moment],
    design: [u8; 32],
    cursor: i64,
) -> Result<Option<(MomentEngine, i64)>, Failure> {
    let began = Instant::now();
    let (dir, id) = (dir.to_owned(), ws_id.to_owned());
    let loaded = tokio::task::spawn_blocking(move || snapshot::load(&dir, &id))
        .await
        .map_err(|e| Failure(format!("reading the moments snapshot stopped: {e}")))?;
    let snap = match loaded {
        Ok(snap) => snap,
        Err(SnapshotError::Missing(_)) => {
            tracing::info!(
                workspace = ws_id,
                "no moments snapshot: replaying every event"
            );
            return Ok(None);
        }
        Err(e) => {
            tracing::warn!(workspace = ws_id, error = %e, "moments snapshot not usable: replaying every event");
            return Ok(None);
        }
    };
    if snap.design != design {
        tracing::info!(
            workspace = ws_id,
            "moments snapshot made on another design or version: replaying every event"
        );
        return Ok(None);
    }
    if snap.cursor > cursor {
        tracing::warn!(
            workspace = ws_id,
            snapshot = snap.cursor,
            outbox = cursor,
            "moments snapshot is ahead of the outbox (restored from a backup?): replaying every event"
        );
        return Ok(None);
    }
    if snap.cursor > 0 {
        let at = ctx
            .store
            .scan_event_texts(ws_id, snap.cursor - 1, 1)
            .await?;
        let same = at.first().is_some_and(|(seq, text)| {
            *seq == snap.cursor && snapshot::anchor(text) == snap.anchor
        });
        if !same {
            tracing::warn!(
                workspace = ws_id,
                cursor = snap.cursor,
                "moments snapshot made on other events (another database, or the workspace made anew?): replaying every event"
            );
            return Ok(None);
        }
    }
    let mut engine = snap.engine;
    engine.restore(ws.clone(), enabled.to_vec());
    tracing::info!(
        workspace = ws_id,
        cursor = snap.cursor,
        saved_at = %snap.saved_at,
        ms = began.elapsed().as_millis() as u64,
        "moments snapshot loaded"
    );
    Ok(Some((engine, snap.cursor)))
}

/// Writes the engine down at its cursor, which the caller has committed everything it
/// evaluated with. A failure to write is logged and leaves the last snapshot; the next
/// attempt waits [`MomentsRuntime::snapshot_every`](super::MomentsRuntime::snapshot_every).
async fn save(ctx: &MomentsContext, ws_id: &str, l: &mut Live) -> Result<bool, Failure> {
    let Some(dir) = ctx.runtime.snapshot_dir.clone() else {
        return Ok(false);
    };
    let began = Instant::now();
    l.saved = Instant::now();
    let anchor = if l.cursor > 0 {
        let at = match ctx.store.scan_event_texts(ws_id, l.cursor - 1, 1).await {
            Ok(at) => at,
            Err(e) => {
                tracing::warn!(workspace = ws_id, error = %e, "writing the moments snapshot");
                return Ok(false);
            }
        };
        match at.first() {
            Some((seq, text)) if *seq == l.cursor => snapshot::anchor(text),
            _ => {
                tracing::warn!(
                    workspace = ws_id,
                    cursor = l.cursor,
                    "writing the moments snapshot: the event at the cursor is gone"
                );
                return Ok(false);
            }
        }
    } else {
        0
    };
    let engine = std::mem::replace(&mut l.engine, placeholder());
    let (id, cursor, design) = (ws_id.to_owned(), l.cursor, l.design);
    let (engine, written) = tokio::task::spawn_blocking(move || {
        let written = snapshot::save(&dir, &id, cursor, anchor, design, &engine);
        (engine, written)
    })
    .await
    .map_err(|e| Failure(format!("writing the moments snapshot stopped: {e}")))?;
    l.engine = engine;
    match written {
        Ok(bytes) => {
            l.saved_cursor = cursor;
            tracing::info!(
                workspace = ws_id,
                cursor,
                bytes,
                ms = began.elapsed().as_millis() as u64,
                "moments snapshot written"
            );
            Ok(true)
        }
        Err(e) => {
            tracing::warn!(workspace = ws_id, error = %e, "writing the moments snapshot");
            Ok(false)
        }
    }
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
