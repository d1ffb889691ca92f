//! Three nodes on one PostgreSQL under a bounded collection load; one is killed with SIGKILL
//! once a third of the events are acknowledged.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::database::Database;
use crate::harness::{
    Load, Node, Prober, Shape, Tally, WS, agent, install, lost, secs, stored_ids, unacceptable,
};
use crate::process::base64;
use crate::webhook_receiver::receiver;

/// 3 senders × 40 batches × 50 events: 6,000 events, 600 of them "Trip Booked".
const SHAPE: Shape = Shape {
    senders: 3,
    batches: 40,
    events: 50,
    pace: Duration::from_millis(20),
};

#[test]
fn a_node_killed_mid_load_loses_nothing_acknowledged_fires_once_and_rejoins() {
    let _serial = crate::serial();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let Some(pg) = rt.block_on(Database::new()) else {
        return;
    };
    let (hook, seen) = receiver();
    let moments = format!(
        "[[moment]]\nid = \"booked\"\nname = \"Booked\"\nenabled = true\n\
         trigger = {{ on = \"event\", event = \"Trip Booked\" }}\n\n\
         [[moment.action]]\nkind = \"webhook\"\nurl = \"http://127.0.0.1:{hook}/hook\"\n\
         secret = \"hook\"\npurpose = \"service\"\n"
    );
    let installed = install(&pg.url, Some(&moments));
    let dir = tempfile::tempdir().expect("temp dir");
    let mut nodes: Vec<Node> = (0..3)
        .map(|i| Node::start(&pg.url, dir.path(), &format!("node{i}")))
        .collect();
    for node in &nodes {
        node.wait_ready(Duration::from_secs(90));
    }
    let bases: Vec<String> = nodes.iter().map(|n| n.base.clone()).collect();

    let tally = Arc::new(Tally::default());
    let started = Instant::now();
    let load = Load::start(&bases, &installed.write_key, SHAPE, tally.clone());
    let prober = Prober::start(&bases, &installed.token, tally.clone());
    let total = SHAPE.senders * SHAPE.batches * SHAPE.events;
    let deadline = Instant::now() + Duration::from_secs(120);
    while tally.acked_count() < total / 3 {
        assert!(
            Instant::now() < deadline,
            "a third of the load was not acknowledged in 120 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed_at = Instant::now();
    let acked_before_kill = tally.acked_count();
    nodes[0].kill();
    load.wait_done(Duration::from_secs(180));
    let load_secs = secs(started, Instant::now());
    prober.finish();

    // The survivors answered throughout: 200, or a refusal with `Retry-After` (retried).
    let answers = tally.answers();
    let bad = unacceptable(answers.iter().filter(|a| a.node != 0));
    assert!(bad.is_empty(), "the survivors failed requests: {bad:?}");
    let bad = unacceptable(answers.iter().filter(|a| a.node == 0 && a.at < killed_at));
    assert!(
        bad.is_empty(),
        "node 0 failed requests before it was killed: {bad:?}"
    );
    let survivors = answers.iter().filter(|a| a.node != 0).count();
    let refusals = answers
        .iter()
        .filter(|a| a.node != 0 && a.status != Some(200))
        .count();
    let unanswered = answers
        .iter()
        .filter(|a| a.node == 0 && a.status.is_none())
        .count();

    // Every acknowledged event is stored (each batch was acknowledged in the end).
    let acked = tally.acked.lock().expect("acked").clone();
    assert_eq!(acked.len(), total, "every batch acknowledged in the end");
    let stored = rt.block_on(stored_ids(&pg.url));
    let missing = lost(&acked, &stored);
    assert!(
        missing.is_empty(),
        "{} acknowledged events lost: {:?}",
        missing.len(),
        &missing[..missing.len().min(10)]
    );

    // Each booked trip fired once, and every firing's webhook came: each idempotency key
    // once, except deliveries the killed node had taken and not recorded, sent again after
    // their lease (at least once; receivers de-duplicate on the key).
    let booked = tally.booked.lock().expect("booked").len();
    let (firings, occurrences, delivered) = rt.block_on(wait_delivered(&pg.url, booked));
    assert_eq!(firings, booked, "one firing per booked trip");
    assert_eq!(occurrences, firings, "no occurrence fired twice");
    assert_eq!(delivered, booked, "every firing delivered");
    let keys = seen.lock().expect("seen").clone();
    let mut distinct = keys.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        booked,
        "the receiver saw every delivery's key"
    );
    let repeated = keys.len() - distinct.len();
    assert!(
        repeated <= 16,
        "{repeated} webhooks sent twice: more than the killed node had in flight"
    );

    // The killed node rejoins on its port and state, serves the same workspace and collects.
    let rejoin = Instant::now();
    nodes[0].restart();
    nodes[0].wait_ready(Duration::from_secs(90));
    let rejoined = secs(rejoin, Instant::now());
    let mut res = agent()
        .get(&format!("{}/api/workspaces/{WS}", nodes[0].base))
        .header("Authorization", &format!("Bearer {}", installed.token))
        .call()
        .expect("the rejoined node answers");
    let body = res.body_mut().read_to_string().expect("body");
    assert_eq!(res.status(), 200, "{body}");
    // The same workspace: the design with the moment it was given.
    assert!(body.contains("\"id\":\"booked\""), "{body}");
    let batch = json!({"batch": [{"type": "track", "userId": "back", "event": "Page Viewed", "messageId": "rejoined-1"}]});
    let res = agent()
        .post(&format!("{}/v1/batch", nodes[0].base))
        .header(
            "Authorization",
            &format!(
                "Basic {}",
                base64(format!("{}:", installed.write_key).as_bytes())
            ),
        )
        .header("Content-Type", "application/json")
        .send(batch.to_string().as_bytes())
        .expect("the rejoined node collects");
    assert_eq!(res.status(), 200);
    assert!(rt.block_on(stored_ids(&pg.url)).contains("rejoined-1"));

    eprintln!(
        "kill_node figures: {total} events sent in {load_secs:.1} s over 3 nodes, node 0 killed \
         after {acked_before_kill} acknowledged; acknowledged {}, stored {}, lost 0; \
         firings {firings} (distinct {occurrences}) for {booked} booked trips, webhooks \
         received {} ({} distinct, {repeated} repeated); survivors answered {survivors} \
         requests, {refusals} of them a refusal with Retry-After, none failed; node 0 left \
         {unanswered} requests unanswered after the kill; rejoined (ready) in {rejoined:.1} s",
        acked.len(),
        stored.len(),
        keys.len(),
        distinct.len()
    );
}

/// Waits (up to two minutes: a delivery taken by the killed node waits out its lease) until
/// `booked` firings are stored and delivered; (firings, distinct occurrences, delivered).
async fn wait_delivered(db: &str, booked: usize) -> (usize, usize, usize) {
    let pool = sqlx::PgPool::connect(db).await.expect("connect");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (firings, occurrences): (i64, i64) = sqlx::query_as(
            "SELECT count(*), count(DISTINCT occurrence) FROM moment_firings WHERE workspace_id = $1",
        )
        .bind(WS)
        .fetch_one(&pool)
        .await
        .expect("firings");
        let delivered: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM moment_deliveries WHERE workspace_id = $1 AND status = 'delivered'",
        )
        .bind(WS)
        .fetch_one(&pool)
        .await
        .expect("deliveries");
        let counts = (firings as usize, occurrences as usize, delivered as usize);
        if (counts.0 >= booked && counts.2 >= booked) || Instant::now() > deadline {
            pool.close().await;
            return counts;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
