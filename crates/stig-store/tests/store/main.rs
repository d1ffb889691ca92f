//! Behaviour of the store, at its boundary: the [`Store`] trait.
//!
//! `behaviour.rs` and `moments.rs` hold backend-agnostic tests, each an `async fn(&Backend)`.
//! A backend module (`sqlite.rs`, `postgres.rs`) provides a `fresh()` that opens an empty
//! store and invokes [`every_behaviour_test!`] to run every one of them against it, plus its
//! own backend-specific checks (journal mode, reopening a file, partitions).
//!
//! PostgreSQL is found through `STIG_TEST_PG` (a URL to a database the role may
//! `CREATE DATABASE` from, e.g. `postgres://stig:stig@127.0.0.1:5432/postgres`); each test gets
//! a database of its own, dropped after. Without it the PostgreSQL tests say so and pass,
//! unless `STIG_REQUIRE_PG=1`, which makes a missing server a failure.

use stig_store::Store;

mod audit;
mod behaviour;
mod consent;
mod moments;
mod origins;
mod postgres;
mod privacy;
mod sqlite;
mod sso;

/// A fresh, empty store plus raw SQL access to it, for checks that must look past the trait
/// (that only token hashes are stored, that a cascade really deleted rows).
pub struct Backend {
    pub store: Box<dyn Store>,
    raw: Raw,
    _dir: Option<tempfile::TempDir>,
    /// Drops the test's PostgreSQL database when the backend goes.
    _database: Option<postgres::TestDatabase>,
}

enum Raw {
    /// The main file and the outbox file.
    Sqlite {
        main: sqlx::SqlitePool,
        outbox: sqlx::SqlitePool,
    },
    /// One database holds everything.
    Postgres(sqlx::PgPool),
}

impl Backend {
    /// The first column of every row of a query, as text.
    pub async fn raw_texts(&self, sql: &'static str) -> Vec<String> {
        match &self.raw {
            Raw::Sqlite { main, .. } => sqlx::query_scalar(sql)
                .fetch_all(main)
                .await
                .expect("raw query"),
            Raw::Postgres(pool) => sqlx::query_scalar(sql)
                .fetch_all(pool)
                .await
                .expect("raw query"),
        }
    }

    /// A `SELECT COUNT(*) …` query's answer.
    pub async fn raw_count(&self, sql: &'static str) -> i64 {
        match &self.raw {
            Raw::Sqlite { main, .. } => sqlx::query_scalar(sql)
                .fetch_one(main)
                .await
                .expect("raw count"),
            Raw::Postgres(pool) => sqlx::query_scalar(sql)
                .fetch_one(pool)
                .await
                .expect("raw count"),
        }
    }

    /// [`Backend::raw_count`] over the business moments' outbox.
    pub async fn raw_outbox_count(&self, sql: &'static str) -> i64 {
        match &self.raw {
            Raw::Sqlite { outbox, .. } => sqlx::query_scalar(sql)
                .fetch_one(outbox)
                .await
                .expect("raw count"),
            Raw::Postgres(pool) => sqlx::query_scalar(sql)
                .fetch_one(pool)
                .await
                .expect("raw count"),
        }
    }
}

/// Generates one `#[tokio::test]` per named behaviour test, each run against `$fresh().await`
/// (a `Backend`, or an `Option<Backend>` that is `None` when the backend is not there: the
/// test then passes, having said why).
#[macro_export]
macro_rules! behaviour_tests {
    ($fresh:path; $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let Some(backend) = Option::<$crate::Backend>::from($fresh().await) else {
                return;
            };
            $crate::behaviour::$name(&backend).await;
        }
    )*};
}

/// [`behaviour_tests!`] for the business-moment tests in `moments.rs`.
#[macro_export]
macro_rules! moment_tests {
    ($fresh:path; $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let Some(backend) = Option::<$crate::Backend>::from($fresh().await) else {
                return;
            };
            $crate::moments::$name(&backend).await;
        }
    )*};
}

/// [`behaviour_tests!`] for the single sign-on and login throttling tests in `sso.rs`.
#[macro_export]
macro_rules! sso_tests {
    ($fresh:path; $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let Some(backend) = Option::<$crate::Backend>::from($fresh().await) else {
                return;
            };
            $crate::sso::$name(&backend).await;
        }
    )*};
}

/// [`behaviour_tests!`] for the consent tests in `consent.rs`.
#[macro_export]
macro_rules! consent_tests {
    ($fresh:path; $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let Some(backend) = Option::<$crate::Backend>::from($fresh().await) else {
                return;
            };
            $crate::consent::$name(&backend).await;
        }
    )*};
}

/// [`behaviour_tests!`] for the audit log tests in `audit.rs`.
#[macro_export]
macro_rules! audit_tests {
    ($fresh:path; $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let Some(backend) = Option::<$crate::Backend>::from($fresh().await) else {
                return;
            };
            $crate::audit::$name(&backend).await;
        }
    )*};
}

/// Every behaviour and moment test, against `$fresh().await`: each backend module runs the
/// same list.
#[macro_export]
macro_rules! every_behaviour_test {
    ($fresh:path) => {
        $crate::behaviour_tests! {
                $fresh;
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
        $crate::moment_tests! {
                $fresh;
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
            due_deliveries_are_taken_by_one_taker_at_a_time,
            }
        $crate::privacy_tests! {
            $fresh;
        an_erased_person_leaves_no_row_and_a_receipt_without_them,
        retention_removes_old_events_and_strips_old_comments,
        }
        $crate::sso_tests! {
            $fresh;
        an_identity_is_linked_to_the_user_made_at_its_first_sign_in,
        failed_sign_ins_are_counted_per_scope_and_key_and_forgotten,
        }
        $crate::consent_tests! {
            $fresh;
            suppressed_actions_are_kept_with_their_firing_and_never_sent,
        }
        $crate::audit_tests! {
            $fresh;
            audit_entries_are_chained_listed_and_verified,
            an_edited_audit_row_breaks_the_chain_at_its_number,
            concurrent_audit_appends_never_fork_the_chain,
        }
    };
}
