//! The moments evaluator's snapshot against a real SQLite store: the engine written down and
//! read back goes on as the one that never was; a restart reads it and replays only the
//! events after it, and the outbox ends with exactly what a run without a restart fires; a
//! damaged snapshot is refused and the engine rebuilt.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use stig_model::Workspace;
use stig_pipeline::customers::Activity;
use stig_pipeline::moments::{MomentEngine, Occurrence};
use stig_runtime::moments::evaluate::{Evaluator, Start};
use stig_runtime::moments::snapshot::{self, SnapshotError};
use stig_runtime::moments::{MomentsContext, MomentsRuntime, Texts};
use stig_runtime::workspaces::Workspaces;
use stig_store::{SqliteStore, Store};

use super::{WS, append, example, stored};

/// The example with every moment enabled: a feedback trigger with a cap, an abandoned run,
/// a completed trip plus an offset, a silence.
fn workspace() -> Workspace {
    let mut ws = example();
    for m in &mut ws.moments {
        m.enabled = true;
    }
    assert_eq!(ws.moments.len(), 4, "the example's moments");
    ws
}

/// Generated events in time order (a live stream), within the last year so that what
/// fired stays in the evaluator's memory of caps.
fn stream(ws: &Workspace, customers: usize, seed: u64) -> Vec<String> {
    let start = jiff::tz::TimeZone::UTC
        .to_datetime(Timestamp::now() - SignedDuration::from_hours(24 * 350))
        .date();
    let mut out = Vec::new();
    stig_pipeline::generate::generate(
        ws,
        &stig_pipeline::generate::GenerateOptions {
            customers,
            seed,
            start,
            years: 1,
        },
        &mut out,
    )
    .expect("generates");
    let mut lines: Vec<(Timestamp, String)> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| (stored(l).timestamp, l.to_owned()))
        .collect();
    lines.sort_by_key(|l| l.0);
    lines.into_iter().map(|(_, l)| l).collect()
}

struct Plain;

impl Texts for Plain {
    fn language(&self, _tag: &str) -> String {
        "en".into()
    }

    fn message(&self, _language: &str, key: &str, _args: &[(&str, String)]) -> String {
        key.into()
    }
}

async fn open(dir: &Path, ws: &Workspace) -> Arc<SqliteStore> {
    let store = Arc::new(SqliteStore::open(dir.join("t.db")).await.expect("store"));
    store
        .import_workspace(WS, ws, "test")
        .await
        .expect("import");
    store
}

/// An evaluator on `store`, firing history on the events' clock (generated events are in
/// the past), writing a snapshot after every round that evaluated something.
fn evaluator(store: &Arc<SqliteStore>, snapshots: Option<PathBuf>) -> Evaluator {
    let mut runtime = MomentsRuntime::default().with_snapshot_dir(snapshots);
    runtime.fire_history = true;
    runtime.snapshot_every = Duration::ZERO;
    Evaluator::new(Arc::new(MomentsContext {
        store: store.clone(),
        workspaces: Arc::new(Workspaces::default()),
        runtime: Arc::new(runtime),
        public_url: None,
        texts: Arc::new(Plain),
    }))
}

/// Everything in the outbox: (moment, occurrence, customer, when), in order.
async fn outbox(store: &SqliteStore) -> Vec<(String, String, String, Timestamp)> {
    let since: Timestamp = "2000-01-01T00:00:00Z".parse().expect("time");
    let mut all = store.firings_since(WS, since).await.expect("firings");
    all.sort();
    all
}

#[test]
fn an_engine_written_down_and_read_back_fires_as_the_one_never_written() {
    let ws = workspace();
    let lines = stream(&ws, 80, 7);
    let moments = ws.moments.clone();
    let ws = Arc::new(ws);
    let feed = |e: &mut MomentEngine, from: usize, to: usize| -> Vec<Occurrence> {
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate().take(to).skip(from) {
            let a = Activity::from_segment_text(i as i64 + 1, line, |n| e.wants_properties(n))
                .expect("an event");
            out.extend(e.push(&a, true));
            if i % 50 == 0
                && let Some(now) = e.clock()
            {
                out.extend(e.tick(now));
            }
        }
        out
    };
    let half = lines.len() / 2;
    let mut kept = MomentEngine::new(ws.clone(), moments.clone());
    let before = feed(&mut kept, 0, half);

    let dir = tempfile::tempdir().expect("dir");
    let design = snapshot::design(&ws, true);
    let bytes = snapshot::save(dir.path(), WS, half as i64, 77, design, &kept).expect("saved");
    assert!(bytes > 1_000, "{bytes}");
    let back = snapshot::load(dir.path(), WS).expect("loaded");
    assert_eq!(
        (back.cursor, back.anchor, back.design),
        (half as i64, 77, design)
    );
    let mut restored = back.engine;
    restored.restore(ws.clone(), moments);
    // What fired is the outbox's to tell, as at every start.
    for o in &before {
        restored.restore_fired(&o.moment_id, &o.customer, &o.key, o.at);
    }
    assert_eq!(restored.customers(), kept.customers());
    assert_eq!(restored.clock(), kept.clock());

    let after = feed(&mut kept, half, lines.len());
    let again = feed(&mut restored, half, lines.len());
    let kinds: std::collections::BTreeSet<&str> =
        after.iter().map(|o| o.moment_id.as_str()).collect();
    assert_eq!(
        kinds.len(),
        4,
        "every kind fires after the snapshot: {kinds:?}"
    );
    assert_eq!(again, after);
    let end = kept.clock().expect("a clock") + SignedDuration::from_hours(24 * 400);
    assert_eq!(restored.tick(end), kept.tick(end));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_replays_only_the_tail_and_fires_what_a_run_without_one_does() {
    let ws = workspace();
    let lines = stream(&ws, 100, 9);
    let (first, rest) = lines.split_at(lines.len() / 2);
    let (second, third) = rest.split_at(rest.len() / 2);

    // Without a restart: three rounds, one per part.
    let plain_dir = tempfile::tempdir().expect("dir");
    let plain = open(plain_dir.path(), &ws).await;
    let mut once = evaluator(&plain, None);
    for part in [first, second, third] {
        append(&plain, part).await;
        let round = once.round(WS).await.expect("a round");
        assert!(!round.saved, "no snapshot directory, no snapshot");
    }
    let expected = outbox(&plain).await;
    let kinds: std::collections::BTreeSet<&str> = expected.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(kinds.len(), 4, "every kind fired: {kinds:?}");

    // With restarts, the same rounds.
    let dir = tempfile::tempdir().expect("dir");
    let snaps = dir.path().join("live");
    let store = open(dir.path(), &ws).await;
    let mut a = evaluator(&store, Some(snaps.clone()));
    append(&store, first).await;
    let round = a.round(WS).await.expect("a round");
    assert_eq!(round.started, Some(Start::Rebuilt { replayed: 0 }));
    assert_eq!(round.evaluated, first.len() as u64);
    assert!(round.saved);
    let c1 = round.cursor;
    assert_eq!(store.moment_cursor(WS).await.expect("cursor"), c1);
    let file = snapshot::path(&snaps, WS);
    let at_c1 = std::fs::read(&file).expect("the snapshot");
    assert_eq!(snapshot::load(&snaps, WS).expect("loads").cursor, c1);

    append(&store, second).await;
    let round = a.round(WS).await.expect("a round");
    assert_eq!(round.started, None);
    assert!(round.saved);
    let c2 = round.cursor;
    drop(a);

    // Down after the commit at c2 but before its snapshot was written: the one at c1 is
    // what a restart finds. More events arrive meanwhile.
    std::fs::write(&file, &at_c1).expect("write");
    append(&store, third).await;
    let mut b = evaluator(&store, Some(snaps.clone()));
    let round = b.round(WS).await.expect("a round");
    assert_eq!(
        round.started,
        Some(Start::Restored {
            from: c1,
            replayed: second.len() as u64
        }),
        "read back at c1, replayed only the events up to the outbox's cursor ({c2})"
    );
    assert_eq!(round.evaluated, third.len() as u64);
    assert!(round.saved);
    let c3 = round.cursor;
    assert_eq!(
        outbox(&store).await,
        expected,
        "no firing twice, none missing"
    );
    let round = b.round(WS).await.expect("a round");
    assert_eq!(
        (round.started, round.evaluated, round.saved),
        (None, 0, false)
    );
    drop(b);

    // A clean restart: the snapshot is at the outbox's cursor; nothing is replayed.
    let mut c = evaluator(&store, Some(snaps.clone()));
    let round = c.round(WS).await.expect("a round");
    assert_eq!(
        round.started,
        Some(Start::Restored {
            from: c3,
            replayed: 0
        })
    );
    assert_eq!((round.evaluated, round.cursor), (0, c3));
    assert_eq!(outbox(&store).await, expected);

    // Another design (a moment switched off) is not read back.
    let mut fewer = ws.clone();
    fewer.moments[3].enabled = false;
    store
        .import_workspace(WS, &fewer, "test")
        .await
        .expect("edit");
    let round = c.round(WS).await.expect("a round");
    assert_eq!(
        round.started,
        Some(Start::Rebuilt {
            replayed: lines.len() as u64
        })
    );
    assert!(round.saved, "written after the rebuild");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_or_foreign_snapshot_is_refused_and_the_engine_rebuilt() {
    let ws = workspace();
    let lines = stream(&ws, 40, 13);
    let (first, second) = lines.split_at(lines.len() / 2);
    let dir = tempfile::tempdir().expect("dir");
    let snaps = dir.path().join("live");
    let store = open(dir.path(), &ws).await;
    append(&store, first).await;
    let round = evaluator(&store, Some(snaps.clone()))
        .round(WS)
        .await
        .expect("a round");
    assert!(round.saved);
    let file = snapshot::path(&snaps, WS);
    let good = std::fs::read(&file).expect("the snapshot");

    // What `load` says of each kind of damage.
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    std::fs::write(&file, &flipped).expect("write");
    assert!(matches!(
        snapshot::load(&snaps, WS),
        Err(SnapshotError::Checksum { .. })
    ));
    std::fs::write(&file, &good[..good.len() - 10]).expect("write");
    assert!(matches!(
        snapshot::load(&snaps, WS),
        Err(SnapshotError::Checksum { .. })
    ));
    let mut old = good.clone();
    old[8] = 0;
    std::fs::write(&file, &old).expect("write");
    assert!(matches!(
        snapshot::load(&snaps, WS),
        Err(SnapshotError::Version { found: 0, .. })
    ));
    std::fs::write(&file, b"STIGLIVE").expect("write");
    assert!(matches!(
        snapshot::load(&snaps, WS),
        Err(SnapshotError::NotASnapshot { .. })
    ));
    std::fs::write(snapshot::path(&snaps, "other"), &good).expect("write");
    assert!(matches!(
        snapshot::load(&snaps, "other"),
        Err(SnapshotError::Foreign { .. })
    ));
    assert!(matches!(
        snapshot::load(&snaps, "none"),
        Err(SnapshotError::Missing(_))
    ));

    // A restart on a damaged snapshot rebuilds, fires what is new, and writes a good one.
    std::fs::write(&file, &flipped).expect("write");
    append(&store, second).await;
    let round = evaluator(&store, Some(snaps.clone()))
        .round(WS)
        .await
        .expect("a round");
    assert_eq!(
        round.started,
        Some(Start::Rebuilt {
            replayed: first.len() as u64
        })
    );
    assert_eq!(round.evaluated, second.len() as u64);
    assert_eq!(
        snapshot::load(&snaps, WS).expect("written again").cursor,
        round.cursor
    );

    // A snapshot of other events (another database, the same workspace id and design) is
    // refused by its anchor.
    let other_dir = tempfile::tempdir().expect("dir");
    let other = open(other_dir.path(), &ws).await;
    append(&other, &stream(&ws, 60, 14)).await;
    let theirs = other_dir.path().join("live");
    let round = evaluator(&other, Some(theirs.clone()))
        .round(WS)
        .await
        .expect("a round");
    assert!(round.saved);
    std::fs::copy(&file, snapshot::path(&theirs, WS)).expect("copy");
    let cursor = round.cursor;
    assert!(snapshot::load(&theirs, WS).expect("loads").cursor <= cursor);
    let round = evaluator(&other, Some(theirs))
        .round(WS)
        .await
        .expect("a round");
    assert!(
        matches!(round.started, Some(Start::Rebuilt { .. })),
        "{round:?}"
    );
}
