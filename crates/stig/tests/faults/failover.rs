//! A primary with a synchronous streaming standby (`pg_basebackup -R`,
//! `synchronous_standby_names = '*'`, `synchronous_commit = on`): under load the primary
//! stops and the standby is promoted; the nodes, given both hosts with
//! `target_session_attrs=read-write`, follow it and lose nothing acknowledged.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::harness::{Load, Node, Shape, Tally, install, lost, secs, stored_ids, unacceptable};
use crate::pg_cluster::Cluster;

const SHAPE: Shape = Shape {
    senders: 2,
    batches: 1_000,
    events: 20,
    pace: Duration::from_millis(25),
};
const NODES: usize = 2;

#[test]
fn the_standby_promoted_after_the_primary_stops_has_every_acknowledged_event() {
    let _serial = crate::serial();
    if !crate::wanted() {
        return;
    }
    let Some(primary) = crate::cluster() else {
        return;
    };
    primary.start();
    let standby = Cluster::standby_of(&primary).expect("pg_basebackup makes a standby");
    standby.start();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(make_synchronous(&primary.url("postgres")));

    let db = format!(
        "postgres://stig@127.0.0.1:{},127.0.0.1:{}/postgres?target_session_attrs=read-write",
        primary.port, standby.port
    );
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
    let deadline = Instant::now() + Duration::from_secs(60);
    while tally.acked_count() < 1_000 {
        assert!(
            Instant::now() < deadline,
            "1,000 events not acknowledged in 60 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let stopped = Instant::now();
    let acked_before = tally.acked_count();
    primary.stop_fast();
    standby.promote();
    let promoted = secs(stopped, Instant::now());
    // Each node collects again, on the promoted standby, with no restart of its own.
    for node in 0..NODES {
        tally.wait_for(
            &format!("node {node} collecting after the failover"),
            Duration::from_secs(60),
            |answers| {
                answers.iter().any(|a| {
                    a.node == node && a.what == "collect" && a.at > stopped && a.status == Some(200)
                })
            },
        );
    }
    let failed_over = secs(stopped, Instant::now());
    std::thread::sleep(Duration::from_secs(2));
    load.finish();

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
    let stored = rt.block_on(stored_ids(&standby.url("postgres")));
    let missing = lost(&acked, &stored);
    assert!(
        missing.is_empty(),
        "{} acknowledged events are not on the promoted standby: {:?}",
        missing.len(),
        &missing[..missing.len().min(10)]
    );
    let refused = answers.iter().filter(|a| a.status == Some(503)).count();
    eprintln!(
        "failover figures: primary stopped after {acked_before} events acknowledged; stop + \
         promote took {promoted:.1} s; both nodes collecting on the new primary {failed_over:.1} s \
         after the stop ({refused} requests refused with 503 + Retry-After meanwhile, none \
         failed); acknowledged {}, on the promoted standby {}, lost 0",
        acked.len(),
        stored.len()
    );
}

/// Commits on the primary wait for the standby's flush from now on; waits until the standby
/// streams synchronously.
async fn make_synchronous(primary: &str) {
    let pool = sqlx::PgPool::connect(primary)
        .await
        .expect("connect to the primary");
    for statement in [
        "ALTER SYSTEM SET synchronous_standby_names = '*'",
        "ALTER SYSTEM SET synchronous_commit = 'on'",
        "SELECT pg_reload_conf()",
    ] {
        sqlx::query(statement)
            .execute(&pool)
            .await
            .expect(statement);
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let sync: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'",
        )
        .fetch_one(&pool)
        .await
        .expect("pg_stat_replication");
        if sync > 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the standby never became synchronous"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    pool.close().await;
}
