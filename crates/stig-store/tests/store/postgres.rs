//! The PostgreSQL backend: every behaviour test against a fresh database of its own, and what
//! is particular to PostgreSQL (monthly partitions, de-duplication across them, migrations).

use std::str::FromStr;

use jiff::Timestamp;
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use stig_model::Settings;
use stig_store::{EventBatch, NewEvent, PgStore, SqliteStore, Store};

use crate::{Backend, Raw};

/// The server's URL from `STIG_TEST_PG`, or `None` (saying so) when it is not set and not
/// required. Panics when `STIG_REQUIRE_PG=1` and there is none.
fn server() -> Option<String> {
    let required = std::env::var("STIG_REQUIRE_PG").is_ok_and(|v| v == "1");
    match std::env::var("STIG_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if required => panic!(
            "STIG_REQUIRE_PG=1 but STIG_TEST_PG is not set: point it at a PostgreSQL server \
             (e.g. postgres://stig:stig@127.0.0.1:5432/postgres)"
        ),
        _ => {
            eprintln!(
                "skipped: the PostgreSQL half of this test needs STIG_TEST_PG \
                 (e.g. postgres://stig:stig@127.0.0.1:5432/postgres)"
            );
            None
        }
    }
}

/// A database made for one test and dropped (with its connections) when this goes.
pub struct TestDatabase {
    admin: PgConnectOptions,
    name: String,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime, which cannot be blocked on: a thread of its own.
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(admin)
                    .await?;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&pool)
                .await?;
                pool.close().await;
                Ok::<(), sqlx::Error>(())
            })
        })
        .join();
        if let Ok(Err(e)) = dropped {
            eprintln!("warning: could not drop the test database: {e}");
        }
    }
}

/// A fresh store in a new database `stig_t_<random>` on the `STIG_TEST_PG` server, or `None`
/// when there is no server to use (see [`server`]).
pub async fn fresh() -> Option<Backend> {
    let url = server()?;
    let required = std::env::var("STIG_REQUIRE_PG").is_ok_and(|v| v == "1");
    let admin = PgConnectOptions::from_str(&url).expect("STIG_TEST_PG is a PostgreSQL URL");
    let pool = match PgPoolOptions::new()
        .max_connections(1)
        .connect_with(admin.clone())
        .await
    {
        Ok(pool) => pool,
        Err(e) if !required => {
            eprintln!("skipped: no PostgreSQL at STIG_TEST_PG ({e})");
            return None;
        }
        Err(e) => panic!("STIG_REQUIRE_PG=1 but PostgreSQL at STIG_TEST_PG answers: {e}"),
    };
    let name = format!("stig_t_{:016x}", rand::random::<u64>());
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"
    )))
    .execute(&pool)
    .await
    .expect("create the test database");
    pool.close().await;
    let database = TestDatabase {
        admin: admin.clone(),
        name: name.clone(),
    };
    let store = PgStore::open_with(admin.database(&name))
        .await
        .expect("open a fresh PostgreSQL store");
    Some(Backend {
        raw: Raw::Postgres(store.pool().clone()),
        store: Box::new(store),
        _dir: None,
        _database: Some(database),
    })
}

crate::every_behaviour_test!(fresh);

fn event(id: &str, received: &str) -> NewEvent {
    let at: Timestamp = received.parse().expect("time");
    NewEvent {
        message_id: id.into(),
        kind: "track".into(),
        user_id: Some("kari".into()),
        anonymous_id: None,
        event: Some("Booked".into()),
        timestamp: at,
        received_at: at,
        source: None,
        body: json!({"type": "track", "event": "Booked", "messageId": id, "text": "tab\there\nnewline \\ backslash"}),
    }
}

#[tokio::test]
async fn events_go_to_monthly_partitions_and_a_message_id_is_stored_once_across_them() {
    let Some(b) = fresh().await else { return };
    let store = &*b.store;
    store
        .create_workspace("w", &Settings::default(), "test")
        .await
        .expect("workspace");
    let first = store
        .append_events(
            "w",
            &[
                event("a", "2026-01-31T23:59:59Z"),
                event("b", "2026-02-01T00:00:00Z"),
            ],
        )
        .await
        .expect("append");
    assert_eq!((first.stored, first.duplicates), (2, 0));
    // `a` again, received a month later: still a duplicate, though it would go elsewhere.
    let again = store
        .append_event_batches(&[
            EventBatch {
                workspace: "w".into(),
                events: vec![
                    event("a", "2026-03-01T00:00:00Z"),
                    event("c", "2026-03-02T00:00:00Z"),
                ],
            },
            EventBatch {
                workspace: "w".into(),
                events: vec![event("c", "2026-03-03T00:00:00Z")],
            },
        ])
        .await
        .expect("group commit");
    assert_eq!(
        again
            .iter()
            .map(|o| (o.stored, o.duplicates))
            .collect::<Vec<_>>(),
        [(1, 1), (0, 1)]
    );
    let mut partitions = b
        .raw_texts(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid \
             JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events'",
        )
        .await;
    partitions.sort();
    assert_eq!(
        partitions,
        ["events_p2026_01", "events_p2026_02", "events_p2026_03"]
    );
    assert_eq!(
        b.raw_count("SELECT COUNT(*) FROM events_p2026_03").await,
        1,
        "only the new `c` went to March"
    );
    // Arrival order is copy order, and the text survives COPY's escaping.
    let scanned = store.scan_events("w", 0, 10).await.expect("scan");
    let ids: Vec<&str> = scanned
        .iter()
        .map(|e| e.event.message_id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert!(scanned.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(
        scanned[2].event.body,
        event("c", "2026-03-02T00:00:00Z").body
    );
    assert!(store.has_event("w", "a").await.expect("has"));
    assert_eq!(store.count_events("w").await.expect("count"), 3);
}

#[tokio::test]
async fn a_fresh_database_is_migrated_once() {
    let Some(b) = fresh().await else { return };
    let applied = b.raw_count("SELECT COUNT(*) FROM _sqlx_migrations").await;
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .expect("migrations dir")
        .count();
    assert_eq!(applied, i64::try_from(files).expect("count"));
    assert_eq!(
        b.raw_texts("SELECT relkind::text FROM pg_class WHERE relname = 'events'")
            .await,
        ["p"],
        "events is a partitioned table"
    );
}

#[tokio::test]
async fn persona_pictures_are_kept_as_bytes_and_go_with_their_workspace() {
    let Some(b) = fresh().await else { return };
    let store = &*b.store;
    store
        .create_workspace("w", &Settings::default(), "test")
        .await
        .expect("workspace");
    let png = b"\x89PNG\r\n\x1a\n\0\x01\x02\xff".to_vec();
    store
        .set_persona_picture("w", "kari", &png)
        .await
        .expect("set");
    let got = store
        .persona_picture("w", "kari")
        .await
        .expect("get")
        .expect("there");
    assert_eq!((got.mime.as_str(), got.bytes), ("image/png", png));
    assert!(
        store
            .set_persona_picture("w", "kari", b"GIF89a")
            .await
            .is_err()
    );
    assert_eq!(store.persona_pictures("w").await.expect("list").len(), 1);
    assert!(
        store
            .delete_persona_picture("w", "kari")
            .await
            .expect("delete")
    );
    assert!(
        !store
            .delete_persona_picture("w", "kari")
            .await
            .expect("again")
    );
}

#[tokio::test]
async fn a_lease_has_one_holder_until_it_runs_out_or_is_given_back() {
    let Some(b) = fresh().await else { return };
    let store = &*b.store;
    let short = std::time::Duration::from_millis(400);
    assert!(
        store
            .take_lease("moments:w", "node-a", short)
            .await
            .expect("take")
    );
    assert!(
        !store
            .take_lease("moments:w", "node-b", short)
            .await
            .expect("held")
    );
    assert!(
        store
            .take_lease("moments:w", "node-a", short)
            .await
            .expect("renew")
    );
    assert!(
        store
            .take_lease("moments:other", "node-b", short)
            .await
            .expect("another")
    );
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert!(
        store
            .take_lease("moments:w", "node-b", short)
            .await
            .expect("run out"),
        "a dead holder's lease is taken over once it runs out"
    );
    assert!(
        !store
            .take_lease("moments:w", "node-a", short)
            .await
            .expect("lost")
    );
    store
        .release_lease("moments:w", "node-b")
        .await
        .expect("give back");
    assert!(
        store
            .take_lease("moments:w", "node-a", short)
            .await
            .expect("free again")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_reader_by_cursor_misses_nothing_while_two_nodes_append() {
    let Some(b) = fresh().await else { return };
    let Raw::Postgres(pool) = &b.raw else {
        unreachable!("a PostgreSQL backend")
    };
    b.store
        .create_workspace("w", &Settings::default(), "test")
        .await
        .expect("workspace");
    // Two more stores on the same database: two nodes, each with its own connections.
    let url = pool.connect_options().as_ref().clone();
    let nodes = [
        PgStore::open_with(url.clone()).await.expect("node 1"),
        PgStore::open_with(url).await.expect("node 2"),
    ];
    let writers: Vec<_> = nodes
        .iter()
        .enumerate()
        .map(|(n, store)| {
            let store = store.clone();
            tokio::spawn(async move {
                for round in 0..40 {
                    let events: Vec<NewEvent> = (0..5)
                        .map(|i| event(&format!("n{n}-r{round}-{i}"), "2026-05-05T10:00:00Z"))
                        .collect();
                    store.append_events("w", &events).await.expect("append");
                }
            })
        })
        .collect();
    // Reading by cursor while they write: every event is seen once, in arrival order.
    let mut seen = Vec::new();
    let mut cursor = 0;
    loop {
        let done = writers.iter().all(|w| w.is_finished());
        let page = b.store.scan_events("w", cursor, 1000).await.expect("scan");
        for e in &page {
            assert!(e.seq > cursor);
            cursor = e.seq;
            seen.push(e.event.message_id.clone());
        }
        if done && page.is_empty() {
            break;
        }
    }
    let total = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(
        (total, seen.len()),
        (400, 400),
        "no event skipped or seen twice"
    );
}

#[tokio::test]
async fn a_database_out_of_reach_is_unavailable_not_an_internal_error() {
    if server().is_none() {
        return;
    }
    // Nothing listens on port 1: the pool gives up after its timeout.
    let options =
        PgConnectOptions::from_str("postgres://stig:stig@127.0.0.1:1/nowhere").expect("a URL");
    let e = PgStore::open_with(options)
        .await
        .expect_err("nothing to connect to");
    assert!(e.is_unavailable(), "{e:?}");
    assert!(!stig_store::StoreError::Invalid("x".into()).is_unavailable());
}

#[tokio::test(flavor = "multi_thread")]
async fn another_node_hears_of_design_edits_and_new_events_at_once() {
    let Some(b) = fresh().await else { return };
    let Raw::Postgres(pool) = &b.raw else {
        unreachable!("a PostgreSQL backend")
    };
    let other = PgStore::open_with(pool.connect_options().as_ref().clone())
        .await
        .expect("node 2");
    let mut heard = other.changes().expect("PostgreSQL notifies");
    // The listener connects in the background: give it a moment before writing.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    b.store
        .create_workspace("w", &Settings::default(), "test")
        .await
        .expect("workspace");
    let c = heard_within_a_second(&mut heard).await;
    assert_eq!((c.workspace.as_str(), c.events), ("w", false));
    let settings = Settings {
        name: "Edited".into(),
        ..Settings::default()
    };
    b.store
        .save_settings("w", &settings, 1, "kari")
        .await
        .expect("save");
    let c = heard_within_a_second(&mut heard).await;
    assert_eq!((c.workspace.as_str(), c.events), ("w", false));
    b.store
        .append_events("w", &[event("x", "2026-05-05T10:00:00Z")])
        .await
        .expect("append");
    let c = heard_within_a_second(&mut heard).await;
    assert_eq!((c.workspace.as_str(), c.events), ("w", true));
    assert!(
        SqliteStore::open_in_memory()
            .await
            .expect("sqlite")
            .changes()
            .is_none(),
        "one process: nothing to hear"
    );
}

async fn heard_within_a_second(
    heard: &mut tokio::sync::broadcast::Receiver<stig_store::Changed>,
) -> stig_store::Changed {
    tokio::time::timeout(std::time::Duration::from_secs(1), heard.recv())
        .await
        .expect("heard within a second")
        .expect("a change")
}
