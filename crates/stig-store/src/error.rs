//! The one error type of the store.

use jiff::Timestamp;

/// A `Result` whose error is [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything a store operation can fail with. The first four are the caller's to handle
/// (a web app maps them to 404, 409, 409 and 422); the rest are failures of the store itself.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist. `kind` is `"workspace"`, an entity kind
    /// (`"journey"`, …), `"user"`, `"session"` or `"api token"`; `workspace` says in which
    /// workspace an entity was looked for.
    #[error("{kind} `{id}` not found{}", in_workspace(.workspace))]
    NotFound {
        kind: &'static str,
        id: String,
        workspace: Option<String>,
    },
    /// Optimistic concurrency: the caller's `expected_version` is not the stored one, because
    /// someone else saved in between. Nothing was written; reload, reapply, save again.
    #[error(
        "{kind} `{id}`{} was changed by {updated_by} at {updated_at} and is now at version \
         {current_version}; nothing was saved: reload it and apply the change again",
        in_workspace(.workspace)
    )]
    Conflict {
        kind: &'static str,
        id: String,
        workspace: Option<String>,
        current_version: i64,
        updated_by: String,
        updated_at: Timestamp,
    },
    /// Creating (or renaming to) an id that is already taken.
    #[error("{kind} `{id}` already exists{}", in_workspace(.workspace))]
    AlreadyExists {
        kind: &'static str,
        id: String,
        workspace: Option<String>,
    },
    /// The input cannot be stored: a body that does not deserialize into its model type, an
    /// id that does not match, an empty name, two entities of one kind with the same id.
    #[error("{0}")]
    Invalid(String),
    /// A stored row does not decode (a body no longer matches the model, a bad timestamp).
    #[error("stored data does not decode: {0}")]
    Corrupt(String),
    /// Password hashing or random-number generation failed.
    #[error("cryptography failed: {0}")]
    Crypto(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

fn in_workspace(workspace: &Option<String>) -> String {
    match workspace {
        Some(ws) => format!(" in workspace `{ws}`"),
        None => String::new(),
    }
}

impl StoreError {
    pub(crate) fn workspace_not_found(id: &str) -> Self {
        StoreError::NotFound {
            kind: "workspace",
            id: id.to_owned(),
            workspace: None,
        }
    }

    /// True for [`StoreError::NotFound`].
    pub fn is_not_found(&self) -> bool {
        matches!(self, StoreError::NotFound { .. })
    }

    /// True for [`StoreError::Conflict`].
    pub fn is_conflict(&self) -> bool {
        matches!(self, StoreError::Conflict { .. })
    }

    /// True when the database could not be reached or is restarting (no connection within
    /// the pool's timeout, a dropped connection, PostgreSQL shutting down or starting up,
    /// a standby not yet promoted): worth a `503` with `Retry-After`, not a `500`. The request
    /// did nothing; the same one may be sent again.
    pub fn is_unavailable(&self) -> bool {
        let StoreError::Database(e) = self else {
            return false;
        };
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
            sqlx::Error::Database(d) => d.code().is_some_and(|code| {
                // Class 08: connection exceptions; 57P01–57P03: admin shutdown, crash
                // shutdown, cannot connect now; 25006: read-only transaction (a standby).
                code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "25006")
            }),
            _ => false,
        }
    }
}
