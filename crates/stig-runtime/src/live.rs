//! Live derived state: per workspace, one worker thread keeps an [`IndexBuilder`] current
//! from the stored events and publishes an immutable [`View`] that reads take at once.
//!
//! ```text
//!   collector ──commit──▶ store ──scan from cursor──▶ worker ──refresh──▶ View (Arc)
//!                                  design edit ──▶ relabel | re-derive | rebuild   ▲
//!                                        snapshot ◀── every few minutes             │ reads
//! ```
//!
//! A read never waits for a rebuild: it gets the last consistent view and says how fresh it
//! is ([`Freshness`]). Only the first build of a workspace with no snapshot has nothing to
//! show ([`Live::read`] answers `None`: "being built"). The worker absorbs new events by
//! deriving only the people they touch ([`IndexBuilder::refresh`]); a design edit that changes
//! only labels re-derives nothing, one that changes journeys or personas re-derives everyone
//! from the events kept in memory, and one that changes what events mean (touchpoint
//! signals, preference rules) re-reads the events, all in the background.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use stig_insight::index::DesignKeys;
use stig_insight::{Index, IndexBuilder};
use stig_model::Workspace;
use stig_pipeline::customers::{CustomersBuilder, Profile};
use stig_store::{Store, StoreError};

use crate::events::EventStream;
use crate::snapshot;
use crate::tracking::{self, TrackingPlan};

/// Events read from the store per page.
const PAGE: u32 = 20_000;
/// The worker looks for new events (and edits) at least this often without being poked.
const TICK: Duration = Duration::from_millis(500);

/// How the runtime keeps workspaces.
#[derive(Debug, Clone)]
pub struct LiveConfig {
    /// Where snapshots are written (`None`: never; every start builds from the events).
    pub snapshot_dir: Option<PathBuf>,
    /// How long a read waits for events stored before it to be absorbed (0: never waits;
    /// it answers from the last view). Tests that store and then read set a few seconds.
    pub read_wait: Duration,
    /// A snapshot is written at most this often while events arrive.
    pub snapshot_every: Duration,
}

impl Default for LiveConfig {
    fn default() -> Self {
        LiveConfig {
            snapshot_dir: None,
            read_wait: Duration::ZERO,
            snapshot_every: Duration::from_secs(300),
        }
    }
}

/// One consistent state of a workspace: its model and the index derived on it.
#[derive(Debug)]
pub struct View {
    pub workspace: Arc<Workspace>,
    /// The workspace revision the index is laid out on.
    pub revision: i64,
    pub index: Arc<Index>,
    /// The arrival number of the last event absorbed.
    pub cursor: i64,
    /// When it was made.
    pub as_of: Timestamp,
    /// The events the workspace has received, by kind, with their properties.
    pub tracking: Arc<TrackingPlan>,
}

/// How fresh a read is.
#[derive(Debug, Clone, PartialEq)]
pub enum Freshness {
    /// Everything stored when the worker last looked (at most a tick ago) is in it.
    Current,
    /// A newer state is being made; this one is from before `since`.
    Recomputing { since: Timestamp, why: Why },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// A design edit changed how people are derived.
    Edit,
    /// A design edit changed what events mean: they are read again.
    Reread,
}

/// What a read gets.
#[derive(Debug, Clone)]
pub struct Read {
    pub view: Arc<View>,
    pub freshness: Freshness,
}

/// The live state of every workspace served.
pub struct Live {
    store: Arc<dyn Store>,
    config: LiveConfig,
    handle: tokio::runtime::Handle,
    slots: Mutex<HashMap<String, Arc<Slot>>>,
}

#[derive(Default)]
struct Slot {
    state: Mutex<SlotState>,
    /// Pokes the worker; tells readers a round finished.
    bell: Condvar,
}

#[derive(Default)]
struct SlotState {
    view: Option<Arc<View>>,
    recomputing: Option<(Timestamp, Why)>,
    /// Rounds asked for and rounds done: a reader that asked for round n waits (at most
    /// `read_wait`) until `done >= n`.
    asked: u64,
    done: u64,
    stop: bool,
    /// The last error of a round, for the log (reads keep the last view).
    failing: bool,
    /// Ids of erased people the next round removes (see [`Live::forget_person`]).
    forget: Vec<String>,
    /// The next round reads every event again (see [`Live::rebuild`]).
    rebuild: bool,
}

impl Live {
    /// The runtime; workers start on a workspace's first read (or [`Live::start`]). Must be
    /// called within a tokio runtime: workers reach the store through its handle.
    pub fn new(store: Arc<dyn Store>, config: LiveConfig) -> Arc<Live> {
        let live = Arc::new(Live {
            store,
            config,
            handle: tokio::runtime::Handle::current(),
            slots: Mutex::new(HashMap::new()),
        });
        // Other nodes on the same database (PostgreSQL): their edits and events ring the
        // workers at once rather than at their next tick.
        if let Some(mut changes) = live.store.changes() {
            let live = Arc::downgrade(&live);
            tokio::spawn(async move {
                use tokio::sync::broadcast::error::RecvError;
                while let Ok(_) | Err(RecvError::Lagged(_)) = changes.recv().await {
                    match live.upgrade() {
                        Some(live) => live.events_stored(),
                        None => return,
                    }
                }
            });
        }
        live
    }

    pub fn config(&self) -> &LiveConfig {
        &self.config
    }

    /// Starts the worker of every workspace in the store (at server start, so the first
    /// visitor does not wait for a build).
    pub async fn start(self: &Arc<Self>) -> Result<(), StoreError> {
        for w in self.store.list_workspaces().await? {
            self.slot(&w.id);
        }
        Ok(())
    }

    /// The latest view of workspace `ws` and how fresh it is; `None` while its first build
    /// runs. Waits only as [`LiveConfig::read_wait`] says.
    pub async fn read(self: &Arc<Self>, ws: &str) -> Option<Read> {
        let slot = self.slot(ws);
        let wait = self.config.read_wait;
        let this = self.clone();
        let read = move || {
            let mut s = lock(&slot.state);
            s.asked += 1;
            let want = s.asked;
            slot.bell.notify_all();
            if !wait.is_zero() {
                let deadline = Instant::now() + wait;
                while s.done < want && !s.stop {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    s = slot
                        .bell
                        .wait_timeout(s, left)
                        .map(|(g, _)| g)
                        .unwrap_or_else(|e| e.into_inner().0);
                }
            }
            drop(this);
            let view = s.view.clone()?;
            let freshness = match s.recomputing {
                Some((since, why)) => Freshness::Recomputing { since, why },
                None => Freshness::Current,
            };
            Some(Read { view, freshness })
        };
        if wait.is_zero() {
            read()
        } else {
            tokio::task::spawn_blocking(read).await.ok().flatten()
        }
    }

    /// Every workspace with a worker, by id: its last view's cursor and time, `None` while
    /// its first build runs (`/readyz` and `/metrics`).
    pub fn status(&self) -> Vec<(String, Option<(i64, Timestamp)>)> {
        let slots: Vec<(String, Arc<Slot>)> = lock(&self.slots)
            .iter()
            .map(|(ws, slot)| (ws.clone(), slot.clone()))
            .collect();
        let mut out: Vec<_> = slots
            .into_iter()
            .map(|(ws, slot)| {
                let view = lock(&slot.state).view.as_ref().map(|v| (v.cursor, v.as_of));
                (ws, view)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Events were stored: workers look for them now rather than at their next tick.
    pub fn events_stored(&self) {
        for slot in lock(&self.slots).values() {
            lock(&slot.state).asked += 1;
            slot.bell.notify_all();
        }
    }

    /// Stops the worker of a deleted workspace and removes its snapshot.
    pub fn forget(&self, ws: &str) {
        if let Some(slot) = lock(&self.slots).remove(ws) {
            stop(&slot);
        }
        if let Some(dir) = &self.config.snapshot_dir {
            let _ = std::fs::remove_file(snapshot::path(dir, ws));
            let _ = std::fs::remove_file(crate::moments::snapshot::path(dir, ws));
            let _ = std::fs::remove_file(tracking::path(dir, ws));
        }
    }

    /// Removes an erased person (every id of theirs) from workspace `ws`'s live state without
    /// a rebuild, publishes the new view and writes a fresh snapshot at once, so the one
    /// that held them is replaced. Call it after their events are deleted from the store.
    /// Waits for that round at most `wait`; `true` once it is done.
    pub async fn forget_person(
        self: &Arc<Self>,
        ws: &str,
        ids: Vec<String>,
        wait: Duration,
    ) -> bool {
        let slot = self.slot(ws);
        let want = {
            let mut s = lock(&slot.state);
            s.forget.extend(ids);
            s.asked += 1;
            slot.bell.notify_all();
            s.asked
        };
        tokio::task::spawn_blocking(move || {
            let deadline = Instant::now() + wait;
            let mut s = lock(&slot.state);
            while s.done < want && !s.stop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                s = slot
                    .bell
                    .wait_timeout(s, left)
                    .map(|(g, _)| g)
                    .unwrap_or_else(|e| e.into_inner().0);
            }
            s.done >= want && !s.failing
        })
        .await
        .unwrap_or(false)
    }

    /// Makes workspace `ws`'s state again from the stored events, in the background (reads
    /// keep the last view meanwhile), and writes its snapshot: after retention removed
    /// events, which touches everyone.
    pub fn rebuild(self: &Arc<Self>, ws: &str) {
        let slot = self.slot(ws);
        let mut s = lock(&slot.state);
        s.rebuild = true;
        s.asked += 1;
        slot.bell.notify_all();
    }

    /// One person's full profile (runs with hits, answers, trait history), derived from
    /// their events in the store on `ws`'s model: the view keeps only what lists and counts
    /// need. `ids` are every id the person has used (from the view's directory).
    pub async fn profile(
        &self,
        ws_id: &str,
        ws: Arc<Workspace>,
        ids: &[&str],
    ) -> Result<Option<Profile>, StoreError> {
        let mut events = Vec::new();
        for id in ids {
            events.extend(self.store.events_for(ws_id, id).await?);
        }
        events.sort_by_key(|e| e.timestamp);
        events.dedup_by(|a, b| a.message_id == b.message_id);
        let first = ids.first().map(|s| s.to_string()).unwrap_or_default();
        let now = Timestamp::now();
        Ok(tokio::task::spawn_blocking(move || {
            let mut b = CustomersBuilder::new(ws);
            for (seq, e) in events.iter().enumerate() {
                b.push_json(seq as i64, &e.body);
            }
            b.finish(now)
                .profiles
                .into_iter()
                .find(|p| p.all_ids().any(|i| i == first))
        })
        .await
        .ok()
        .flatten())
    }

    fn slot(self: &Arc<Self>, ws: &str) -> Arc<Slot> {
        let mut slots = lock(&self.slots);
        if let Some(s) = slots.get(ws) {
            return s.clone();
        }
        let slot = Arc::new(Slot::default());
        slots.insert(ws.to_owned(), slot.clone());
        let worker = Worker {
            ws: ws.to_owned(),
            store: self.store.clone(),
            handle: self.handle.clone(),
            config: self.config.clone(),
            slot: slot.clone(),
            current: None,
            plan: None,
            plan_changed: false,
            force_save: false,
        };
        let spawned = std::thread::Builder::new()
            .name(format!("live-{ws}"))
            .spawn(move || worker.run());
        if let Err(e) = spawned {
            tracing::error!(workspace = %ws, error = %e, "starting the live worker");
        }
        slot
    }
}

impl Drop for Live {
    /// Workers stop after their round, writing a last snapshot if anything was absorbed
    /// since theirs.
    fn drop(&mut self) {
        for slot in lock(&self.slots).values() {
            stop(slot);
        }
    }
}

fn stop(slot: &Slot) {
    lock(&slot.state).stop = true;
    slot.bell.notify_all();
}

/// The worker's own state of a workspace.
struct Current {
    builder: IndexBuilder,
    revision: i64,
    keys: DesignKeys,
    cursor: i64,
    /// Events absorbed since the last snapshot.
    unsaved: u64,
    saved: Instant,
}

struct Worker {
    ws: String,
    store: Arc<dyn Store>,
    handle: tokio::runtime::Handle,
    config: LiveConfig,
    slot: Arc<Slot>,
    current: Option<Current>,
    /// The tracking plan, fed beside the builder with its own cursor (a re-read after an
    /// edit does not count events twice); `None` until the first round loads it.
    plan: Option<Arc<TrackingPlan>>,
    /// Counted events since the last publish.
    plan_changed: bool,
    /// Write the snapshot at the end of the next round (a rebuild after retention).
    force_save: bool,
}

impl Worker {
    fn run(mut self) {
        loop {
            let (target, forget) = {
                let mut s = lock(&self.slot.state);
                if s.asked == s.done && !s.stop {
                    s = self
                        .slot
                        .bell
                        .wait_timeout(s, TICK)
                        .map(|(g, _)| g)
                        .unwrap_or_else(|e| e.into_inner().0);
                }
                if s.stop {
                    drop(s);
                    // What was absorbed since the last snapshot is kept for the next start.
                    self.maybe_save(true);
                    return;
                }
                // Taken with the round's number: an erasure asked after this round began is
                // applied by the next, which reads the store after the deletion.
                if std::mem::take(&mut s.rebuild)
                    && let Some(cur) = self.current.take()
                {
                    let ws = cur.builder.workspace().clone();
                    self.current = Some(fresh(cur.revision, ws));
                    self.force_save = true;
                    if s.view.is_some() {
                        s.recomputing = Some((Timestamp::now(), Why::Reread));
                    }
                }
                (s.asked, std::mem::take(&mut s.forget))
            };
            let result = self.round(&forget);
            let mut s = lock(&self.slot.state);
            if result.is_err() {
                s.forget.extend(forget);
            }
            match &result {
                Ok(true) => {}
                Ok(false) => {
                    // The workspace is gone.
                    s.stop = true;
                    s.view = None;
                    self.slot.bell.notify_all();
                    return;
                }
                Err(e) => {
                    if !s.failing {
                        tracing::error!(workspace = %self.ws, error = %e, "keeping the insight index current");
                    }
                }
            }
            s.failing = result.is_err();
            s.done = s.done.max(target);
            self.slot.bell.notify_all();
        }
    }

    /// One round: take an edit if there was one, absorb new events, publish. `Ok(false)`
    /// when the workspace no longer exists.
    fn round(&mut self, forget: &[String]) -> Result<bool, StoreError> {
        let store = self.store.clone();
        let revision = match self.handle.block_on(store.workspace_revision(&self.ws)) {
            Ok(r) => r,
            Err(e) if e.is_not_found() => return Ok(false),
            Err(e) => return Err(e),
        };
        let edited = self.current.as_ref().is_none_or(|c| c.revision != revision);
        if edited {
            let ws = Arc::new(self.handle.block_on(store.load_workspace(&self.ws))?.value);
            self.take_edit(revision, ws)?;
        }
        if self.plan.is_none() {
            self.plan = Some(Arc::new(self.load_plan()));
        }
        let Some(cur) = self.current.as_mut() else {
            return Ok(true);
        };
        let plan = self.plan.get_or_insert_default();
        // A plan behind the index (no plan snapshot beside the index's) catches up once.
        if plan.cursor < cur.cursor {
            let mut events = EventStream::new(&self.ws, plan.cursor, PAGE).until(cur.cursor);
            let p = Arc::make_mut(plan);
            while let Some(page) = self.handle.block_on(events.next_page(store.as_ref()))? {
                for (seq, text) in &page {
                    self.plan_changed |= p.push_text(*seq, text);
                }
            }
        }
        let absorbed = absorb(
            &self.handle,
            store.as_ref(),
            &self.ws,
            cur,
            Arc::make_mut(plan),
            &mut self.plan_changed,
        )?;
        // Erased people leave after what was absorbed, re-deriving no one else.
        let mut forgot = false;
        for id in forget {
            forgot |= cur.builder.forget(id);
        }
        let now = Timestamp::now();
        let derived = cur.builder.refresh(now);
        let force = std::mem::take(&mut self.force_save);
        cur.unsaved += absorbed + u64::from(!forget.is_empty() || force);
        let first = lock(&self.slot.state).view.is_none();
        let recomputing = lock(&self.slot.state).recomputing.is_some();
        if derived > 0 || edited || first || recomputing || self.plan_changed || forgot {
            self.publish(now);
        }
        // The snapshot on disk may hold an erased person (even one this state never had,
        // rebuilt without their events): replaced now, not in minutes.
        self.maybe_save(first || force || !forget.is_empty());
        Ok(true)
    }

    /// A new revision of the workspace (or the first): relabel, re-derive or rebuild.
    fn take_edit(&mut self, revision: i64, ws: Arc<Workspace>) -> Result<(), StoreError> {
        let Some(cur) = self.current.as_mut() else {
            self.current = Some(self.start(revision, ws));
            return Ok(());
        };
        let keys = cur.builder.keys(&ws);
        if keys.matching != cur.keys.matching {
            tracing::info!(workspace = %self.ws, "design edit changes what events mean: reading them again");
            self.current = Some(fresh(revision, ws));
            self.set_recomputing(Why::Reread);
        } else if keys.deriving != cur.keys.deriving {
            cur.builder.rederive(ws);
            cur.keys = keys;
            cur.revision = revision;
            self.set_recomputing(Why::Edit);
        } else {
            cur.builder.relabel(ws);
            cur.revision = revision;
        }
        Ok(())
    }

    /// The first state: the snapshot if there is a usable one, else empty (fed from the
    /// first event).
    fn start(&self, revision: i64, ws: Arc<Workspace>) -> Current {
        let Some(dir) = &self.config.snapshot_dir else {
            return fresh(revision, ws);
        };
        let began = Instant::now();
        match snapshot::load(dir, &self.ws) {
            Ok(snap) if snap.cursor > self.last_stored() => {
                tracing::warn!(workspace = %self.ws, cursor = snap.cursor, "snapshot is ahead of the database (restored from a backup?): rebuilding from the events");
                fresh(revision, ws)
            }
            Ok(snap) => {
                let mut builder = snap.builder;
                let keys = builder.keys(&ws);
                if keys.matching != snap.keys.matching {
                    tracing::info!(workspace = %self.ws, "snapshot made on other touchpoint signals: rebuilding from the events");
                    return fresh(revision, ws);
                }
                builder.restore(ws.clone());
                if keys.deriving != snap.keys.deriving {
                    builder.rederive(ws);
                }
                tracing::info!(
                    workspace = %self.ws,
                    cursor = snap.cursor,
                    customers = builder.index().customer_count(),
                    ms = began.elapsed().as_millis() as u64,
                    "snapshot loaded"
                );
                Current {
                    builder,
                    revision,
                    keys,
                    cursor: snap.cursor,
                    unsaved: 0,
                    saved: Instant::now(),
                }
            }
            Err(snapshot::SnapshotError::Missing(_)) => fresh(revision, ws),
            Err(e) => {
                tracing::warn!(workspace = %self.ws, error = %e, "snapshot not usable: rebuilding from the events");
                fresh(revision, ws)
            }
        }
    }

    /// The plan's snapshot if there is a usable one, else empty (counted from the first
    /// event).
    fn load_plan(&self) -> TrackingPlan {
        let Some(dir) = &self.config.snapshot_dir else {
            return TrackingPlan::default();
        };
        match tracking::load(dir, &self.ws) {
            Ok(plan) if plan.cursor > self.last_stored() => {
                tracing::warn!(workspace = %self.ws, "tracking plan is ahead of the database: counting again");
                TrackingPlan::default()
            }
            Ok(plan) => plan,
            Err(snapshot::SnapshotError::Missing(_)) => TrackingPlan::default(),
            Err(e) => {
                tracing::warn!(workspace = %self.ws, error = %e, "tracking plan snapshot not usable: counting again");
                TrackingPlan::default()
            }
        }
    }

    /// The arrival number of the workspace's last stored event (0: none, or unknown).
    fn last_stored(&self) -> i64 {
        self.handle
            .block_on(self.store.recent_events(&self.ws, None, 1))
            .map(|e| e.first().map_or(0, |e| e.seq))
            .unwrap_or(i64::MAX)
    }

    fn set_recomputing(&self, why: Why) {
        let mut s = lock(&self.slot.state);
        if s.view.is_some() && s.recomputing.is_none() {
            s.recomputing = Some((Timestamp::now(), why));
        }
    }

    fn publish(&mut self, now: Timestamp) {
        self.plan_changed = false;
        let Some(cur) = &self.current else { return };
        let view = Arc::new(View {
            workspace: cur.builder.workspace().clone(),
            revision: cur.revision,
            index: cur.builder.index().clone(),
            cursor: cur.cursor,
            as_of: now,
            tracking: self.plan.clone().unwrap_or_default(),
        });
        let mut s = lock(&self.slot.state);
        s.view = Some(view);
        s.recomputing = None;
    }

    fn maybe_save(&mut self, first: bool) {
        let (Some(dir), Some(cur)) = (&self.config.snapshot_dir, self.current.as_mut()) else {
            return;
        };
        let due = first || cur.saved.elapsed() >= self.config.snapshot_every;
        if cur.unsaved == 0 || !due {
            return;
        }
        let began = Instant::now();
        match snapshot::save(dir, &self.ws, cur.cursor, cur.keys, &cur.builder) {
            Ok(bytes) => tracing::info!(
                workspace = %self.ws,
                cursor = cur.cursor,
                bytes,
                ms = began.elapsed().as_millis() as u64,
                "snapshot written"
            ),
            Err(e) => tracing::warn!(workspace = %self.ws, error = %e, "writing the snapshot"),
        }
        cur.unsaved = 0;
        cur.saved = Instant::now();
        if let Some(plan) = &self.plan
            && let Err(e) = tracking::save(dir, &self.ws, plan)
        {
            tracing::warn!(workspace = %self.ws, error = %e, "writing the tracking plan");
        }
    }
}

fn fresh(revision: i64, ws: Arc<Workspace>) -> Current {
    let builder = IndexBuilder::new(ws.clone());
    Current {
        keys: builder.keys(&ws),
        builder,
        revision,
        cursor: 0,
        unsaved: 0,
        saved: Instant::now(),
    }
}

/// Feeds the builder (and the plan, what it has not counted) every event stored after the
/// builder's cursor; returns how many.
fn absorb(
    handle: &tokio::runtime::Handle,
    store: &dyn Store,
    ws: &str,
    cur: &mut Current,
    plan: &mut TrackingPlan,
    plan_changed: &mut bool,
) -> Result<u64, StoreError> {
    let mut events = EventStream::new(ws, cur.cursor, PAGE);
    let mut fed = 0u64;
    while let Some(page) = handle.block_on(events.next_page(store))? {
        for (seq, text) in &page {
            cur.builder.push_text(*seq, text);
            *plan_changed |= plan.push_text(*seq, text);
        }
        fed += page.len() as u64;
        cur.cursor = events.cursor();
    }
    Ok(fed)
}

/// A poisoned lock only means a thread panicked mid-update; the state is still whole
/// (every field is replaced in one assignment).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
