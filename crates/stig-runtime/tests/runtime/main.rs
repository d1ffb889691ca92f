//! The live runtime against a real SQLite store: snapshots round-trip and refuse damaged
//! files; a restart reads the snapshot and replays only the tail; edits are taken in the
//! background while reads answer from the last view.

use std::sync::Arc;
use std::time::{Duration, Instant};

use stig_insight::IndexBuilder;
use stig_model::Workspace;
use stig_runtime::snapshot::{self, SnapshotError};
use stig_runtime::{Live, LiveConfig};
use stig_store::{NewEvent, SqliteStore, Store};

mod moments;

const WS: &str = "arctic";

fn example() -> Workspace {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    stig_model::code::load_dir(dir).expect("example").workspace
}

fn generated(ws: &Workspace, customers: usize, seed: u64) -> Vec<String> {
    let mut out = Vec::new();
    stig_pipeline::generate::generate(
        ws,
        &stig_pipeline::generate::GenerateOptions {
            customers,
            seed,
            ..Default::default()
        },
        &mut out,
    )
    .expect("generates");
    String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn stored(line: &str) -> NewEvent {
    let body: serde_json::Value = serde_json::from_str(line).expect("json");
    let text = |k: &str| body[k].as_str().map(str::to_owned);
    let timestamp = body["timestamp"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .expect("timestamp");
    NewEvent {
        message_id: text("messageId").expect("messageId"),
        kind: text("type").expect("type"),
        user_id: text("userId"),
        anonymous_id: text("anonymousId"),
        event: text("event"),
        timestamp,
        received_at: timestamp,
        source: None,
        body,
    }
}

async fn store_with(dir: &std::path::Path, ws: &Workspace, lines: &[String]) -> Arc<SqliteStore> {
    let store = Arc::new(SqliteStore::open(dir.join("t.db")).await.expect("store"));
    store
        .import_workspace(WS, ws, "test")
        .await
        .expect("import");
    append(&store, lines).await;
    store
}

async fn append(store: &SqliteStore, lines: &[String]) {
    let events: Vec<NewEvent> = lines.iter().map(|l| stored(l)).collect();
    for chunk in events.chunks(5_000) {
        store.append_events(WS, chunk).await.expect("append");
    }
}

/// Reads until `done` says the view is the one wanted (at most 30 s).
async fn read_until(
    live: &Arc<Live>,
    done: impl Fn(&stig_runtime::Read) -> bool,
) -> stig_runtime::Read {
    let began = Instant::now();
    loop {
        if let Some(r) = live.read(WS).await
            && done(&r)
        {
            return r;
        }
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "the view never came"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[test]
fn snapshots_round_trip_and_damaged_ones_are_refused() {
    let ws = example();
    let mut b = IndexBuilder::new(Arc::new(ws.clone()));
    for (seq, line) in generated(&ws, 60, 3).iter().enumerate() {
        b.push_text(seq as i64 + 1, line);
    }
    b.refresh(jiff::Timestamp::now());
    let dir = tempfile::tempdir().expect("dir");
    let keys = b.keys(&ws);
    snapshot::save(dir.path(), WS, 42, keys, &b).expect("saved");
    let back = snapshot::load(dir.path(), WS).expect("loaded");
    assert_eq!((back.cursor, back.keys), (42, keys));
    let mut restored = back.builder;
    restored.restore(Arc::new(ws.clone()));
    let (a, r) = (b.index(), restored.index());
    assert_eq!(a.customer_count(), r.customer_count());
    assert_eq!(a.events.at, r.events.at);
    assert_eq!(a.feedback.score, r.feedback.score);
    assert_eq!(a.journeys.len(), r.journeys.len());
    let someone = &a.directory.cards[0].id;
    assert_eq!(
        r.directory.position(someone),
        Some(0),
        "ids are found again"
    );

    let path = snapshot::path(dir.path(), WS);
    let good = std::fs::read(&path).expect("read");
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    std::fs::write(&path, &flipped).expect("write");
    assert!(matches!(
        snapshot::load(dir.path(), WS),
        Err(SnapshotError::Checksum { .. })
    ));
    std::fs::write(&path, &good[..good.len() - 10]).expect("write");
    assert!(matches!(
        snapshot::load(dir.path(), WS),
        Err(SnapshotError::Checksum { .. })
    ));
    let mut old = good.clone();
    old[8] = 0;
    std::fs::write(&path, &old).expect("write");
    assert!(matches!(
        snapshot::load(dir.path(), WS),
        Err(SnapshotError::Version { found: 0, .. })
    ));
    std::fs::write(&path, b"hello").expect("write");
    assert!(matches!(
        snapshot::load(dir.path(), WS),
        Err(SnapshotError::NotASnapshot { .. })
    ));
    std::fs::write(snapshot::path(dir.path(), "other"), &good).expect("write");
    assert!(matches!(
        snapshot::load(dir.path(), "other"),
        Err(SnapshotError::Foreign { .. })
    ));
    assert!(matches!(
        snapshot::load(dir.path(), "none"),
        Err(SnapshotError::Missing(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_replays_only_the_tail_and_edits_keep_reads_answering() {
    let ws = example();
    let lines = generated(&ws, 150, 5);
    let (first, tail) = lines.split_at(lines.len() * 3 / 4);
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with(dir.path(), &ws, first).await;
    let config = LiveConfig {
        snapshot_dir: Some(dir.path().join("live")),
        ..Default::default()
    };
    let live = Live::new(store.clone(), config.clone());
    let view = read_until(&live, |_| true).await.view;
    let built = view.index.customer_count();
    assert!(built > 100, "{built}");
    let snap = snapshot::path(&dir.path().join("live"), WS);
    let began = Instant::now();
    while !snap.exists() {
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "no snapshot written"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let cursor = view.cursor;
    drop(live);

    // More events while "down"; the restart reads the snapshot and only those.
    append(&store, tail).await;
    let restarted = Live::new(store.clone(), config.clone());
    let read = read_until(&restarted, |r| r.view.cursor > cursor).await;
    let mut scratch = IndexBuilder::new(Arc::new(ws.clone()));
    for (seq, line) in lines.iter().enumerate() {
        scratch.push_text(seq as i64, line);
    }
    scratch.refresh(jiff::Timestamp::now());
    assert_eq!(
        read.view.index.customer_count(),
        scratch.index().customer_count()
    );
    assert_eq!(read.view.index.event_count(), scratch.index().event_count());
    assert_eq!(
        read.view.index.feedback.at.len(),
        scratch.index().feedback.at.len()
    );

    // A rename is a label: the next view has the new name and the same columns.
    let mut renamed = ws.clone();
    renamed.personas[0].name = "Renamed".to_owned();
    let before = read.view.index.clone();
    store
        .import_workspace(WS, &renamed, "test")
        .await
        .expect("edit");
    let revision = store.workspace_revision(WS).await.expect("revision");
    let after = read_until(&restarted, |r| r.view.revision == revision).await;
    assert_eq!(after.view.index.persona_names[0], "Renamed");
    assert_eq!(after.view.index.events.at, before.events.at);

    // A journey edit re-derives; reads meanwhile answer from the last view.
    let mut shorter = renamed.clone();
    shorter.journeys[0].abandon_after_days = Some(1);
    store
        .import_workspace(WS, &shorter, "test")
        .await
        .expect("edit");
    let revision = store.workspace_revision(WS).await.expect("revision");
    let r = restarted.read(WS).await.expect("a view at once");
    assert!(r.view.revision <= revision);
    read_until(&restarted, |r| {
        r.view.revision == revision && r.freshness == stig_runtime::Freshness::Current
    })
    .await;

    // A damaged snapshot is rebuilt from the events.
    drop(restarted);
    std::fs::write(&snap, b"STIGLIVE garbage").expect("write");
    let again = Live::new(store.clone(), config);
    let r = read_until(&again, |_| true).await;
    assert_eq!(r.view.index.event_count(), scratch.index().event_count());
}

/// The tracking plan counts every event once across a restart: from its own snapshot plus
/// the tail, or, with its snapshot gone but the index's kept, by catching up from the start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tracking_plan_counts_every_event_once_across_restarts() {
    use stig_runtime::tracking::{self, TrackingPlan};
    let ws = example();
    let lines = generated(&ws, 60, 9);
    let (first, tail) = lines.split_at(lines.len() / 2);
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with(dir.path(), &ws, first).await;
    let snaps = dir.path().join("live");
    let config = LiveConfig {
        snapshot_dir: Some(snaps.clone()),
        ..Default::default()
    };
    // One pass over every event: what the plan must say in the end.
    let mut expected = TrackingPlan::default();
    for (seq, line) in lines.iter().enumerate() {
        expected.push_text(seq as i64 + 1, line);
    }
    let live = Live::new(store.clone(), config.clone());
    let view = read_until(&live, |r| r.view.tracking.total() == first.len() as u64)
        .await
        .view;
    let began = Instant::now();
    while !tracking::path(&snaps, WS).exists() {
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "no plan snapshot"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let cursor = view.cursor;
    drop(live);

    append(&store, tail).await;
    let restarted = Live::new(store.clone(), config.clone());
    let read = read_until(&restarted, |r| r.view.cursor > cursor).await;
    assert_eq!(read.view.tracking.events, expected.events);
    assert_eq!(read.view.tracking.total(), lines.len() as u64);
    drop(restarted);

    // The plan's file lost, the index's kept: counted again from the first event, once.
    std::fs::remove_file(tracking::path(&snaps, WS)).expect("remove");
    let again = Live::new(store.clone(), config);
    let read = read_until(&again, |r| r.view.tracking.total() > 0).await;
    assert_eq!(read.view.tracking.events, expected.events);
    assert_eq!(read.view.tracking.total(), lines.len() as u64);
}
