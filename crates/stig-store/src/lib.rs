//! Persistence for Stig behind one trait, [`Store`], with an embedded SQLite backend,
//! [`SqliteStore`], as the default, and a PostgreSQL one, [`PgStore`], behind the same trait.
//!
//! What it keeps: workspaces (their [`Settings`](stig_model::Settings) and every persona,
//! journey, touchpoint, actor, goal and dilemma, in order), users with roles, browser
//! sessions and API tokens. [`auth`] holds the credential helpers the server and the CLI
//! share: Argon2id password hashes and random tokens stored only as SHA-256.
//!
//! Key types: [`Store`] (object-safe, for `Arc<dyn Store>`), [`StoreExt`] (typed helpers such
//! as [`get_typed`](StoreExt::get_typed)), [`Versioned`], [`EntityKind`], [`StoreError`].
//!
//! ```no_run
//! use stig_store::{SqliteStore, Store, StoreExt};
//! use stig_model::Journey;
//!
//! # async fn f() -> stig_store::Result<()> {
//! let store = SqliteStore::open("stig.db").await?; // created and migrated if needed
//! let ws = stig_model::code::load_dir("examples/arctic-winter").unwrap().workspace;
//! store.import_workspace("arctic-winter", &ws, "cli").await?;
//!
//! // Edit one step: load its journey, change it, save it with the version it had.
//! let id = ws.journeys[0].id.clone();
//! let mut journey = store.get_typed::<Journey>("arctic-winter", &id).await?;
//! journey.value.steps[0].action = "Books the flight north".into();
//! match store.update_typed("arctic-winter", &id, &journey.value, journey.version, "kari").await {
//!     Ok(new_version) => println!("saved, now version {new_version}"),
//!     Err(e) if e.is_conflict() => eprintln!("{e}"), // someone saved first: nothing overwritten
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```
//!
//! Design decision: an entity is stored **whole**, as the JSON of its `stig_model` type, one
//! row per persona, journey (with all its phases, stages and steps), touchpoint, actor, goal
//! or dilemma, with a version for optimistic concurrency. The model types stay the only
//! schema of the content (no table per field to drift from the file format), an import and
//! load round-trip is lossless by construction, and the unit of editing and of conflict is
//! the unit a person edits. The SQL around it is deliberately plain (TEXT and BIGINT,
//! `$n` placeholders, ISO-8601 text timestamps; see `sql.rs`) so that the PostgreSQL backend
//! runs the same statements.

pub mod audit;
pub mod auth;
pub mod backup;
mod consent;
mod copy;
mod destinations;
mod entity;
mod error;
mod moments;
mod pictures;
mod postgres;
mod postgres_audit;
mod postgres_hosts;
mod postgres_moments;
mod postgres_privacy;
mod postgres_sso;
mod privacy;
mod sql;
mod sql_moments;
mod sqlite;
mod sqlite_audit;
mod sqlite_moments;
mod sqlite_privacy;
mod sqlite_sso;
mod sso;
mod store;
mod types;

pub use audit::{
    AuditAction, AuditActor, AuditBreak, AuditEntry, AuditQuery, AuditTarget, AuditVerification,
    NewAuditEntry,
};
pub use auth::PasswordHash;
pub use copy::{CopyReport, compare as compare_installations, copy_sqlite_to_postgres};
pub use destinations::{DESTINATION_MOMENT_PREFIX, Destination, NewDestination};
pub use entity::{Entity, EntityKind};
pub use error::{Result, StoreError};
pub use moments::{
    AfterAttempt, Attempt, CommitOutcome, Delivery, DeliveryStatus, Firing, FiringQuery,
    MomentCommit, MomentCounts, NewDelivery, NewFiring, SecretInfo, Suppressed, Task, TaskStatus,
};
pub use pictures::{MAX_PICTURE_BYTES, PersonaPicture, check_picture, picture_mime};
pub use postgres::{Changed, PgStore};
pub use privacy::{
    COMMENT_PROPERTY, Erasure, ErasureCounts, ErasureReceipt, RetentionCounts, RetentionCutoffs,
    ids_hash, suppression_hash,
};
pub use sqlite::SqliteStore;
pub use sso::{ExternalIdentity, ThrottleScope};
pub use store::{Store, StoreExt};
pub use types::{
    ApiTokenInfo, AppendOutcome, EntityCounts, EventBatch, EventFilter, NewEvent, NewSession,
    Rejection, Role, SequencedEvent, Session, Source, SourceCounts, StoredEvent, User, Versioned,
    WorkspaceSummary, parse_origins,
};
