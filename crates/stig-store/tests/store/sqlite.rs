//! The SQLite backend: every behaviour test against a fresh database file, and what is
//! particular to SQLite (WAL, foreign keys, migrations on a fresh file, reopening).

use stig_model::synthetic;
use stig_store::{SqliteStore, Store, StoreExt};

use crate::{Backend, Raw};

/// A fresh store in a new temporary file (WAL, a pool of connections: as in production).
pub async fn fresh() -> Backend {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("stig.db"))
        .await
        .expect("open a fresh SQLite store");
    Backend {
        raw: Raw::Sqlite {
            main: store.pool().clone(),
            outbox: store.outbox_pool().clone(),
        },
        store: Box::new(store),
        _dir: Some(dir),
        _database: None,
    }
}

crate::every_behaviour_test!(fresh);

#[tokio::test]
async fn event_appends_are_durable_full_sync_in_wal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("stig.db"))
        .await
        .expect("open");
    // The outbox too: a firing committed is a firing that happens.
    for pool in [store.pool(), store.outbox_pool()] {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(pool)
            .await
            .expect("journal mode");
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(pool)
            .await
            .expect("synchronous");
        assert_eq!(mode, "wal");
        assert_eq!(
            sync, 2,
            "synchronous = FULL: a commit is on disk when it returns"
        );
    }
}

#[tokio::test]
async fn a_fresh_file_is_migrated_and_survives_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested-name.db");
    assert!(!path.exists());
    let ws = synthetic::workspace(60);
    {
        let store = SqliteStore::open(&path)
            .await
            .expect("open creates the file");
        let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
            .fetch_one(store.pool())
            .await
            .expect("migrations table");
        assert!(applied >= 1, "migrations ran on a fresh file");
        store
            .import_workspace("generated", &ws, "test")
            .await
            .expect("import");
        store
            .add_user("kari", "nordlys", stig_store::Role::Admin)
            .await
            .expect("user");
        store.close().await;
    }
    assert!(path.exists());
    assert!(
        dir.path().join("nested-name.db-outbox").exists(),
        "the outbox lives beside the database"
    );
    let store = SqliteStore::open(&path).await.expect("reopen");
    let loaded = store.load_workspace("generated").await.expect("load");
    assert_eq!(
        loaded.value, ws,
        "the workspace survives closing and reopening"
    );
    let user = store.login("kari", "nordlys").await.expect("login");
    assert_eq!(user.map(|u| u.name), Some("kari".to_owned()));
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(store.pool())
        .await
        .expect("migrations table");
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .expect("migrations dir")
        .count();
    assert_eq!(
        applied,
        i64::try_from(files).expect("count"),
        "each migration ran once"
    );
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(store.outbox_pool())
        .await
        .expect("outbox migrations table");
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/outbox"))
        .expect("outbox migrations dir")
        .count();
    assert_eq!(
        applied,
        i64::try_from(files).expect("count"),
        "each outbox migration ran once"
    );
}

#[tokio::test]
async fn the_file_is_in_wal_mode_with_foreign_keys_on() {
    let backend = fresh().await;
    assert_eq!(backend.raw_texts("PRAGMA journal_mode").await, ["wal"]);
    assert_eq!(backend.raw_count("PRAGMA foreign_keys").await, 1);
}

#[tokio::test]
async fn an_in_memory_store_works_for_tests() {
    let store = SqliteStore::open_in_memory().await.expect("in memory");
    let ws = synthetic::workspace(12);
    store
        .import_workspace("small", &ws, "test")
        .await
        .expect("import");
    assert_eq!(store.load_workspace("small").await.expect("load").value, ws);
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .expect("pragma");
    assert_eq!(fk, 1);
}
