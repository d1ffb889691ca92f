//! Behaviour of the store, at its boundary: the [`Store`] trait.
//!
//! `behaviour.rs` holds backend-agnostic tests, each an `async fn(&Backend)`. A backend module
//! (`sqlite.rs`; PostgreSQL later) provides a `fresh()` that opens an empty store and invokes
//! [`behaviour_tests!`] to run every one of them against it, plus its own backend-specific
//! checks (journal mode, reopening a file).

use stig_store::Store;

mod behaviour;
mod moments;
mod origins;
mod sqlite;

/// A fresh, empty store plus raw SQL access to it, for checks that must look past the trait
/// (that only token hashes are stored, that a cascade really deleted rows).
pub struct Backend {
    pub store: Box<dyn Store>,
    raw: Raw,
    _dir: Option<tempfile::TempDir>,
}

enum Raw {
    /// The main file and the outbox file.
    Sqlite {
        main: sqlx::SqlitePool,
        outbox: sqlx::SqlitePool,
    },
}

impl Backend {
    /// The first column of every row of a query, as text.
    pub async fn raw_texts(&self, sql: &'static str) -> Vec<String> {
        match &self.raw {
            Raw::Sqlite { main, .. } => sqlx::query_scalar(sql)
                .fetch_all(main)
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
        }
    }

    /// [`Backend::raw_count`] over the business moments' outbox.
    pub async fn raw_outbox_count(&self, sql: &'static str) -> i64 {
        match &self.raw {
            Raw::Sqlite { outbox, .. } => sqlx::query_scalar(sql)
                .fetch_one(outbox)
                .await
                .expect("raw count"),
        }
    }
}

/// Generates one `#[tokio::test]` per named behaviour test, each run against `$fresh().await`.
#[macro_export]
macro_rules! behaviour_tests {
    ($fresh:path; $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let backend = $fresh().await;
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
            let backend = $fresh().await;
            $crate::moments::$name(&backend).await;
        }
    )*};
}
