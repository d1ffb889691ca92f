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
    }
}

crate::behaviour_tests! {
    fresh;
    import_then_load_gives_back_the_synthetic_workspace,
    import_then_load_gives_back_every_example,
    reimport_replaces_everything_and_keeps_unchanged_versions,
    import_refuses_bad_input_and_writes_nothing,
    workspaces_are_listed_with_counts_and_revisions,
    entities_are_created_updated_renamed_moved_and_deleted,
    bodies_that_are_not_the_model_are_refused,
    a_step_is_edited_through_its_journey,
    a_stale_save_is_a_conflict_naming_who_changed_it,
    concurrent_saves_of_one_version_let_exactly_one_win,
    settings_are_versioned,
    missing_things_are_not_found,
    users_have_roles_and_passwords,
    sessions_work_by_token_and_store_only_hashes,
    api_tokens_work_and_store_only_hashes,
    deleting_a_workspace_cascades_to_its_entities,
    deleting_a_user_ends_their_sessions_and_tokens,
    sources_have_write_keys_stored_only_as_hashes,
    events_are_appended_once_per_message_id,
    a_failed_append_stores_nothing,
    group_commit_stores_several_requests_with_one_outcome_each,
    events_are_scanned_in_pages_and_listed_newest_first_by_source,
    events_are_read_through_a_filter_in_arrival_order,
    rejections_are_kept_newest_first_pruned_and_counted,
    secrets_are_made_once_and_kept,
}

crate::moment_tests! {
    fresh;
    a_moment_fires_once_per_occurrence,
    the_cursor_advances_only_with_its_commit,
    a_moment_is_live_since_it_was_first_seen,
    firings_since_restore_frequency_caps,
    deliveries_are_due_until_delivered_retried_or_dead,
    firings_are_listed_with_their_deliveries_and_counted,
    tasks_are_made_once_per_delivery_and_assigned,
    workspace_secrets_are_set_listed_without_values_and_deleted,
    deleting_a_workspace_removes_its_moment_rows,
    moment_entities_are_stored,
    a_task_action_is_done_in_the_firings_commit,
}

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
