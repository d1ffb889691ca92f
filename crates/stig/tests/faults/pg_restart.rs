//! PostgreSQL stopped (`pg_ctl stop -m fast`) and started again under load, on a throwaway
//! cluster of the test's own: the nodes refuse with 503 and `Retry-After` while it is away and
//! recover by themselves.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::harness::{
    Answer, Load, Node, Prober, Shape, Tally, install, lost, secs, stored_ids, unacceptable,
};

/// 2 senders × up to 1,000 batches × 20 events, paced; stopped a few seconds after recovery.
const SHAPE: Shape = Shape {
    senders: 2,
    batches: 1_000,
    events: 20,
    pace: Duration::from_millis(25),
};
const NODES: usize = 2;

#[test]
fn postgres_restarted_under_load_means_503_with_retry_after_then_recovery() {
    let _serial = crate::serial();
    if !crate::wanted() {
        return;
    }
    let Some(cluster) = crate::cluster() else {
        return;
    };
    cluster.start();
    let db = cluster.url("postgres");
    let installed = install(&db, None);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut nodes: Vec<Node> = (0..NODES)
        .map(|i| Node::start(&db, dir.path(), &format!("node{i}")))
        .collect();
    for node in &nodes {
        node.wait_ready(Duration::from_secs(90));
    }
    let bases: Vec<String> = nodes.iter().map(|n| n.base.clone()).collect();
    let tally = Arc::new(Tally::default());
    let load = Load::start(&bases, &installed.write_key, SHAPE, tally.clone());
    let prober = Prober::start(&bases, &installed.token, tally.clone());
    let deadline = Instant::now() + Duration::from_secs(60);
    while tally.acked_count() < 1_000 {
        assert!(
            Instant::now() < deadline,
            "1,000 events not acknowledged in 60 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let stopped = Instant::now();
    cluster.stop_fast();
    // While it is away every node refuses on every surface with 503 and `Retry-After`.
    let refused = |what: &'static str, node: usize| {
        move |answers: &[Answer]| {
            answers.iter().any(|a| {
                a.node == node
                    && a.what == what
                    && a.at > stopped
                    && a.status == Some(503)
                    && a.retry_after
            })
        }
    };
    for node in 0..NODES {
        for what in ["collect", "api", "readyz"] {
            tally.wait_for(
                &format!("node {node} answering {what} with 503 and Retry-After"),
                Duration::from_secs(30),
                refused(what, node),
            );
        }
    }
    let down_for = secs(stopped, Instant::now());
    let started = Instant::now();
    cluster.start();
    // Back: each node collects, reads and is ready again, with no restart of its own.
    let answered = |what: &'static str, node: usize| {
        move |answers: &[Answer]| {
            answers.iter().any(|a| {
                a.node == node && a.what == what && a.at > started && a.status == Some(200)
            })
        }
    };
    for node in 0..NODES {
        for what in ["collect", "api", "readyz"] {
            tally.wait_for(
                &format!("node {node} answering {what} again"),
                Duration::from_secs(60),
                answered(what, node),
            );
        }
    }
    let recovered = secs(started, Instant::now());
    std::thread::sleep(Duration::from_secs(2));
    load.finish();
    prober.finish();

    for node in &mut nodes {
        assert!(node.running(), "a node exited; its log:\n{}", node.log());
    }
    let answers = tally.answers();
    let bad = unacceptable(&answers);
    assert!(
        bad.is_empty(),
        "requests failed otherwise than 503 + Retry-After: {bad:?}"
    );
    let acked = tally.acked.lock().expect("acked").clone();
    let stored = tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(stored_ids(&db));
    let missing = lost(&acked, &stored);
    assert!(
        missing.is_empty(),
        "{} acknowledged events lost: {:?}",
        missing.len(),
        &missing[..missing.len().min(10)]
    );

    let collect_503: Vec<&Answer> = answers
        .iter()
        .filter(|a| a.what == "collect" && a.status == Some(503))
        .collect();
    let first = collect_503.iter().map(|a| a.at).min().unwrap_or(stopped);
    let last = collect_503.iter().map(|a| a.at).max().unwrap_or(stopped);
    let first_ok_after: Vec<f64> = (0..NODES)
        .filter_map(|n| {
            answers
                .iter()
                .filter(|a| {
                    a.node == n && a.what == "collect" && a.at > started && a.status == Some(200)
                })
                .map(|a| secs(started, a.at))
                .reduce(f64::min)
        })
        .collect();
    eprintln!(
        "pg_restart figures: PostgreSQL away {down_for:.1} s (stop to start); collector 503s: \
         {} over {:.1} s (first to last); first collect 200 after the start per node: \
         {first_ok_after:.2?} s; every surface back in {recovered:.1} s; acknowledged {}, \
         stored {}, lost 0; no node restarted",
        collect_503.len(),
        secs(first, last),
        acked.len(),
        stored.len()
    );
}
