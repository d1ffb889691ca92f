//! The [`Store`] trait every backend implements, and typed helpers over it ([`StoreExt`]).

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use stig_model::{Settings, Workspace};

use crate::auth::{self, PasswordHash};
use crate::{
    AfterAttempt, Attempt, CommitOutcome, Delivery, DeliveryStatus, Firing, FiringQuery,
    MomentCommit, MomentCounts, SecretInfo, Task, TaskStatus,
};
use crate::{
    ApiTokenInfo, AppendOutcome, Entity, EntityKind, EventBatch, EventFilter, NewEvent, NewSession,
    Rejection, Result, Role, SequencedEvent, Session, Source, SourceCounts, StoreError,
    StoredEvent, User, Versioned, WorkspaceSummary,
};

/// Persistence for Stig: workspaces and their entities, users, sessions and API tokens.
///
/// Object-safe, so the server holds an `Arc<dyn Store>`. Every method is one transaction:
/// it happens whole or not at all. `by` is the name of whoever makes the change (a user
/// name, or e.g. `"cli"`); it is recorded and reported back in [`StoreError::Conflict`].
///
/// **Entities.** A workspace holds entities of six [`EntityKind`]s, each stored whole as the
/// JSON of its `stig_model` type: a journey with all its phases, stages and steps is *one*
/// entity, so editing a step is load the journey, change it, save it with its version.
/// Within a workspace and kind, ids are unique and entities keep an order (their position,
/// 0-based and dense) which is the order of the vectors in [`Workspace`].
///
/// **Optimistic concurrency.** Reads return a [`Versioned`] value; a write names the version
/// it started from and fails with [`StoreError::Conflict`] (saying who changed it, when, and
/// the current version) if someone saved in between. Nothing is overwritten.
///
/// **What the store does not check.** References between entities (a step naming a
/// touchpoint) are the validator's business (`stig_model::validate`): a workspace being
/// edited may be invalid for a while, and it is stored as it is.
#[async_trait]
pub trait Store: Send + Sync {
    // ---- workspaces ------------------------------------------------------------------

    /// Every workspace, by id, with its name, locale and entity counts.
    async fn list_workspaces(&self) -> Result<Vec<WorkspaceSummary>>;

    /// The whole model of a workspace, each entity list in position order, read as one
    /// consistent snapshot. The version is that of the settings (for [`Store::save_settings`]);
    /// `updated_*` say who changed the settings last.
    /// Fails with `NotFound` for an unknown workspace.
    async fn load_workspace(&self, id: &str) -> Result<Versioned<Workspace>>;

    /// Creates an empty workspace `id` (a valid id: lowercase letters, digits, `-`, `_`).
    /// Fails with `AlreadyExists` if it exists.
    async fn create_workspace(&self, id: &str, settings: &Settings, by: &str) -> Result<()>;

    /// Replaces everything in workspace `id` by `ws`, creating the workspace if needed, in one
    /// transaction; entity positions follow the order of `ws`'s vectors. `load_workspace`
    /// then gives back a `Workspace` equal to `ws`.
    ///
    /// Versions stay meaningful across re-imports: an entity (or the settings) whose content
    /// is unchanged keeps its version and `updated_*`; a changed one gets its old version + 1;
    /// a new one starts at 1. So an editor holding an old version gets a `Conflict` rather
    /// than silently overwriting what was imported.
    ///
    /// Fails with `Invalid` for an invalid workspace id or two entities of one kind with the
    /// same (or an empty) id; nothing is written then.
    async fn import_workspace(&self, id: &str, ws: &Workspace, by: &str) -> Result<()>;

    /// Deletes a workspace and, by cascade, all its entities. `NotFound` if absent.
    async fn delete_workspace(&self, id: &str) -> Result<()>;

    /// Saves a workspace's settings if they are still at `expected_version`; returns the new
    /// version. `Conflict` if they moved on, `NotFound` for an unknown workspace.
    async fn save_settings(
        &self,
        ws: &str,
        settings: &Settings,
        expected_version: i64,
        by: &str,
    ) -> Result<i64>;

    /// The workspace's revision: it goes up with every write to the workspace (settings or
    /// any entity), so a cache of [`Store::load_workspace`] can tell cheaply if it is stale.
    async fn workspace_revision(&self, ws: &str) -> Result<i64>;

    // ---- entities --------------------------------------------------------------------

    /// One entity's JSON body (the canonical serialization of its model type).
    /// `NotFound` names the workspace if that is what is missing, else the entity.
    async fn get_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
    ) -> Result<Versioned<serde_json::Value>>;

    /// Every entity of `kind` in the workspace, in position order, with versions.
    async fn list_entities(
        &self,
        ws: &str,
        kind: EntityKind,
    ) -> Result<Vec<Versioned<serde_json::Value>>>;

    /// Adds an entity at the end of its kind's order; returns its version (1).
    /// `body` must deserialize into the kind's model type and carry `id` as its id
    /// (`Invalid` otherwise, naming the offending field). `AlreadyExists` if the id is taken,
    /// `NotFound` for an unknown workspace.
    async fn create_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
        body: serde_json::Value,
        by: &str,
    ) -> Result<i64>;

    /// Replaces entity `id` by `body` if it is still at `expected_version`; returns the new
    /// version. The entity keeps its position. If `body`'s id differs from `id` the entity is
    /// renamed (`AlreadyExists` if the new id is taken); references to the old id in other
    /// entities are not rewritten. `Conflict` if the version moved on, `NotFound` if the
    /// entity or workspace is absent, `Invalid` for a body that is not the model type.
    async fn update_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
        body: serde_json::Value,
        expected_version: i64,
        by: &str,
    ) -> Result<i64>;

    /// Deletes an entity if it is still at `expected_version` (`Conflict` otherwise, so a
    /// change made meanwhile is not thrown away unseen); the ones after it move up.
    async fn delete_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
        expected_version: i64,
        by: &str,
    ) -> Result<()>;

    /// Moves an entity to `new_position` (0-based) in its kind's order, shifting the ones in
    /// between; a position past the end means last. Order is not content: the entity's
    /// version does not change (the workspace revision does).
    async fn move_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
        new_position: usize,
        by: &str,
    ) -> Result<()>;

    // ---- users -----------------------------------------------------------------------

    /// Creates a user. The name is trimmed and must not be empty (`Invalid`);
    /// `AlreadyExists` if taken. Hash the password with [`auth::hash_password`] (or use
    /// [`StoreExt::add_user`], which does it off the async threads).
    async fn create_user(&self, name: &str, password: &PasswordHash, role: Role) -> Result<User>;

    /// The user with this exact name, if any.
    async fn find_user_by_name(&self, name: &str) -> Result<Option<User>>;

    /// The user with this id; `NotFound` if none.
    async fn user(&self, id: i64) -> Result<User>;

    /// A user and their password hash, for logging in (see [`StoreExt::login`]).
    async fn credentials(&self, name: &str) -> Result<Option<(User, PasswordHash)>>;

    /// Every user, by name.
    async fn list_users(&self) -> Result<Vec<User>>;

    /// How many users there are (0 means: the first one to sign up becomes admin).
    async fn user_count(&self) -> Result<u64>;

    /// Changes a user's role. `NotFound` if there is no such user.
    async fn set_role(&self, user_id: i64, role: Role) -> Result<()>;

    /// Changes a user's password and ends all their sessions (API tokens stay valid).
    async fn set_password(&self, user_id: i64, password: &PasswordHash) -> Result<()>;

    /// Deletes a user with their sessions and API tokens. `NotFound` if absent.
    async fn delete_user(&self, user_id: i64) -> Result<()>;

    // ---- sessions --------------------------------------------------------------------

    /// Starts a session for a user, valid for `ttl`. The returned plain token belongs in the
    /// cookie; only its SHA-256 is stored. `NotFound` for an unknown user.
    async fn create_session(&self, user_id: i64, ttl: Duration) -> Result<NewSession>;

    /// The live session for a cookie token, with its user; `None` for an unknown, ended or
    /// expired token.
    async fn session(&self, token: &str) -> Result<Option<Session>>;

    /// Sets (or, with `None`, clears) the UI locale of a session: one of
    /// `stig_model::LOCALES` (`Invalid` otherwise). `NotFound` if the session does not exist.
    async fn set_session_locale(&self, token: &str, locale: Option<&str>) -> Result<()>;

    /// Ends a session (logging out). Ending an unknown session is not an error.
    async fn delete_session(&self, token: &str) -> Result<()>;

    /// Removes expired sessions; returns how many.
    async fn delete_expired_sessions(&self) -> Result<u64>;

    // ---- API tokens ------------------------------------------------------------------

    /// Creates an API token for a user and returns it in plain: the only time it is shown
    /// (only its SHA-256 is stored). `NotFound` for an unknown user.
    async fn create_api_token(&self, user_id: i64, label: &str) -> Result<String>;

    /// The user an API token belongs to (recording its use), or `None` for a wrong token.
    async fn user_for_api_token(&self, token: &str) -> Result<Option<User>>;

    /// A user's API tokens, oldest first, without the tokens themselves.
    async fn list_api_tokens(&self, user_id: i64) -> Result<Vec<ApiTokenInfo>>;

    /// Revokes one of a user's API tokens by its fingerprint (see [`ApiTokenInfo`]).
    /// `NotFound` if the user has no token with that fingerprint.
    async fn revoke_api_token(&self, user_id: i64, fingerprint: &str) -> Result<()>;

    // ---- sources and events ----------------------------------------------------------

    /// Creates a source of events in a workspace and returns it with its write key in plain:
    /// the only time the key is shown (only its SHA-256 is stored). The name is trimmed and
    /// must not be empty (`Invalid`); `AlreadyExists` if the workspace has a source of that
    /// name, `NotFound` for an unknown workspace.
    async fn create_source(&self, ws: &str, name: &str) -> Result<(Source, String)>;

    /// The source a write key belongs to, or `None` for an unknown key.
    async fn source_for_write_key(&self, key: &str) -> Result<Option<Source>>;

    /// A workspace's sources, by name.
    async fn list_sources(&self, ws: &str) -> Result<Vec<Source>>;

    /// Sets the web origins a source accepts browser events from (`None` or `*`: any),
    /// normalized as [`parse_origins`](crate::parse_origins) does; `Invalid` for an entry
    /// that is not an origin, `NotFound` for an unknown source.
    async fn set_source_origins(
        &self,
        ws: &str,
        source: &str,
        origins: Option<&[String]>,
    ) -> Result<()>;

    /// Deletes a source: its write key is refused from then on; the events it sent stay
    /// (without a source), its kept refusals go. `NotFound` if the workspace has no such source.
    async fn delete_source(&self, ws: &str, id: &str) -> Result<()>;

    /// Stores events in one durable transaction: all or none. An event whose `message_id`
    /// the workspace already holds (or that comes twice in `events`) is skipped and counted
    /// as a duplicate. `NotFound` for an unknown workspace.
    async fn append_events(&self, ws: &str, events: &[NewEvent]) -> Result<AppendOutcome>;

    /// Group commit: the events of several requests in **one** transaction (all or none),
    /// one outcome per batch, in order. Cheaper than one transaction each, as each commit
    /// waits for the disk.
    async fn append_event_batches(&self, batches: &[EventBatch]) -> Result<Vec<AppendOutcome>>;

    /// How many events a workspace holds.
    async fn count_events(&self, ws: &str) -> Result<u64>;

    /// The events whose user id or anonymous id is `who`, in time order.
    async fn events_for(&self, ws: &str, who: &str) -> Result<Vec<StoredEvent>>;

    /// Up to `limit` of a workspace's events that arrived after `after_seq` (0: from the
    /// start), in arrival order: read a whole workspace page by page.
    async fn scan_events(
        &self,
        ws: &str,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<SequencedEvent>>;

    /// Like [`scan_events`](Self::scan_events), but each event as its stored JSON text with
    /// its arrival number, unparsed: for readers that parse only what they need.
    async fn scan_event_texts(
        &self,
        ws: &str,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<(i64, String)>>;

    /// Like [`scan_event_texts`](Self::scan_event_texts), only the events `filter` takes:
    /// exports read a workspace's events page by page this way.
    async fn scan_event_texts_matching(
        &self,
        ws: &str,
        after_seq: i64,
        limit: u32,
        filter: &EventFilter,
    ) -> Result<Vec<(i64, String)>>;

    /// The newest `limit` events of a workspace (of one source when `source` is given),
    /// newest first: the live debugger.
    async fn recent_events(
        &self,
        ws: &str,
        source: Option<&str>,
        limit: u32,
    ) -> Result<Vec<SequencedEvent>>;

    /// Whether the workspace holds an event with this `messageId`.
    async fn has_event(&self, ws: &str, message_id: &str) -> Result<bool>;

    /// Records a refused collect request (keeping only the newest
    /// [`Rejection::KEPT_PER_SOURCE`] per source, counting all).
    async fn record_rejection(&self, rejection: &Rejection) -> Result<()>;

    /// The newest `limit` refused requests of a workspace (of one source when `source` is
    /// given), newest first.
    async fn recent_rejections(
        &self,
        ws: &str,
        source: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Rejection>>;

    /// Per source id: events stored, requests refused and the newest event's time.
    async fn source_counts(&self, ws: &str) -> Result<HashMap<String, SourceCounts>>;

    /// A random 32-byte secret of the server by name, made (and kept) on first use: e.g. the
    /// key survey links are signed with.
    async fn secret(&self, name: &str) -> Result<Vec<u8>>;
    // ---- business moments ----
    // The durable state of business moments, a transactional outbox: see `moments.rs`.

    /// The workspace's event cursor (arrival number of the last event evaluated); 0 when none.
    async fn moment_cursor(&self, ws: &str) -> Result<i64>;

    /// Commits one evaluation pass in ONE durable transaction (firings once per occurrence with their pending deliveries, and the cursor); a `task` delivery needs no network, so its task is created right there and the delivery is done; `NotFound` for an unknown workspace.
    async fn commit_moments(&self, ws: &str, commit: &MomentCommit) -> Result<CommitOutcome>;

    /// When this moment was first seen enabled: stores `now` if nothing is stored, returns the stored time.
    async fn moment_live_since(&self, ws: &str, moment: &str, now: Timestamp) -> Result<Timestamp>;

    /// Forgets when a moment went live (a disabled moment starts fresh when enabled again).
    async fn forget_moment_live_since(&self, ws: &str, moment: &str) -> Result<()>;

    /// `(moment, customer, occurrence, at)` of every firing with `at >= since`, oldest first: restores frequency caps.
    async fn firings_since(
        &self,
        ws: &str,
        since: Timestamp,
    ) -> Result<Vec<(String, String, String, Timestamp)>>;

    /// Up to `limit` pending deliveries of ALL workspaces with `next_attempt_at <= now`, oldest `next_attempt_at` first.
    async fn due_deliveries(&self, now: Timestamp, limit: u32) -> Result<Vec<Delivery>>;

    /// Like [`due_deliveries`](Self::due_deliveries), but each delivery returned is *taken*:
    /// not due to anyone else for `lease` (until its attempt is recorded, or the lease runs
    /// out when its taker died), so with several nodes on one database each delivery is
    /// attempted by one at a time (PostgreSQL: `FOR UPDATE SKIP LOCKED`). The embedded store
    /// serves one process and answers as `due_deliveries` does.
    async fn take_due_deliveries(
        &self,
        now: Timestamp,
        limit: u32,
        lease: Duration,
    ) -> Result<Vec<Delivery>> {
        let _ = lease;
        self.due_deliveries(now, limit).await
    }

    /// Takes or renews the lease `name` (e.g. `moments:<workspace>`, the evaluator of a
    /// workspace) for `holder` until `ttl` from now, by the database's clock: `true` when
    /// `holder` has it (it was free, had run out, or was theirs already), `false` while
    /// another holder's runs. The embedded store serves one process: always `true`.
    async fn take_lease(&self, name: &str, holder: &str, ttl: Duration) -> Result<bool> {
        let _ = (name, holder, ttl);
        Ok(true)
    }

    /// What other writers on the same database change, as it happens: a workspace's design
    /// (`events: false`) or its events (`true`), so what polls for changes
    /// ([`workspace_revision`](Self::workspace_revision), new events) can look at once. A
    /// hint, not a log: a lagging receiver or a lost connection drops some, so keep polling,
    /// slower. `None` where there are no other writers to hear (SQLite: one process).
    fn changes(&self) -> Option<tokio::sync::broadcast::Receiver<crate::Changed>> {
        None
    }

    /// Gives a lease back (on shutdown), so another node takes over at once.
    async fn release_lease(&self, name: &str, holder: &str) -> Result<()> {
        let _ = (name, holder);
        Ok(())
    }

    /// Records an attempt at a delivery and what follows (delivered, retry at a time, dead) in one transaction.
    async fn record_attempt(
        &self,
        delivery: i64,
        attempt: &Attempt,
        after: AfterAttempt,
    ) -> Result<()>;

    /// Puts a dead (or pending) delivery back to pending, due now; `NotFound` if absent, `Invalid` if delivered.
    async fn replay_delivery(&self, ws: &str, delivery: i64) -> Result<()>;

    /// One delivery of a workspace; `NotFound` if absent.
    async fn delivery(&self, ws: &str, id: i64) -> Result<Delivery>;

    /// Every attempt at a delivery, oldest first.
    async fn delivery_attempts(&self, delivery: i64) -> Result<Vec<Attempt>>;

    /// The newest `limit` deliveries of a workspace (of one status when given), newest first.
    async fn list_deliveries(
        &self,
        ws: &str,
        status: Option<DeliveryStatus>,
        limit: u32,
    ) -> Result<Vec<Delivery>>;

    /// Firings newest first, filtered by moment and/or customer, each with its deliveries (`limit` 0: all).
    async fn list_firings(&self, ws: &str, q: &FiringQuery) -> Result<Vec<Firing>>;

    /// Per moment: firings, deliveries per status and the newest firing time.
    async fn moment_counts(&self, ws: &str) -> Result<HashMap<String, MomentCounts>>;

    /// Creates the task of a delivery, once: a second call returns the existing task's id; `NotFound` for an unknown delivery.
    #[allow(clippy::too_many_arguments)]
    async fn create_task(
        &self,
        ws: &str,
        delivery: i64,
        moment: &str,
        customer: &str,
        title: &str,
        body: &str,
        assignee: Option<&str>,
    ) -> Result<i64>;

    /// Up to `limit` tasks (of one status when given), open first, then newest first.
    async fn list_tasks(
        &self,
        ws: &str,
        status: Option<TaskStatus>,
        limit: u32,
    ) -> Result<Vec<Task>>;

    /// Changes a task's assignee (`Some(None)` unassigns) and/or status (done sets `done_at`, open clears it); `NotFound` if absent.
    async fn update_task(
        &self,
        ws: &str,
        id: i64,
        assignee: Option<Option<&str>>,
        status: Option<TaskStatus>,
    ) -> Result<Task>;

    /// Sets (or replaces) a workspace secret, stored as given since the server needs the plain value (to sign webhooks, log in to SMTP); `Invalid` for an empty name or value.
    async fn set_workspace_secret(&self, ws: &str, name: &str, value: &str) -> Result<()>;

    /// A workspace secret's plain value, if set.
    async fn workspace_secret(&self, ws: &str, name: &str) -> Result<Option<String>>;

    /// A workspace's secrets by name, names and times only (never the values).
    async fn list_workspace_secrets(&self, ws: &str) -> Result<Vec<SecretInfo>>;

    /// Deletes a workspace secret; `NotFound` if absent.
    async fn delete_workspace_secret(&self, ws: &str, name: &str) -> Result<()>;

    // ---- streaming destinations ----
    // A source's events forwarded to a webhook through the outbox: see `destinations.rs`.

    /// Adds a destination to a source, its signing key `secret_value` stored as the workspace secret `destination-<id>`; it forwards the events stored from now on. `NotFound` for an unknown workspace or source, `Invalid` for an empty URL or key.
    async fn create_destination(
        &self,
        ws: &str,
        new: &crate::NewDestination,
        secret_value: &str,
        by: &str,
    ) -> Result<crate::Destination>;

    /// Destinations oldest first, of one workspace and/or one source (`None`: any).
    async fn list_destinations(
        &self,
        ws: Option<&str>,
        source: Option<&str>,
    ) -> Result<Vec<crate::Destination>>;

    /// One destination; `NotFound` if absent.
    async fn destination(&self, ws: &str, id: &str) -> Result<crate::Destination>;

    /// Pauses or resumes a destination (paused, its cursor waits); `NotFound` if absent.
    async fn set_destination_enabled(&self, ws: &str, id: &str, enabled: bool) -> Result<()>;

    /// Deletes a destination with its queued and past batches and its signing key; `NotFound` if absent.
    async fn delete_destination(&self, ws: &str, id: &str) -> Result<()>;

    /// In ONE transaction: moves the destination's cursor from `advance.0` to `advance.1` (if it is still at `advance.0`) and queues `batches` (firings of [`Destination::moment`](crate::Destination::moment), once per occurrence). `Ok(false)`, nothing written, if the cursor had moved; `NotFound` if the destination is gone.
    async fn commit_destination(
        &self,
        ws: &str,
        id: &str,
        advance: Option<(i64, i64)>,
        batches: &[crate::NewFiring],
    ) -> Result<bool>;

    // ---- persona pictures ------------------------------------------------------------

    /// Stores (or replaces) a persona's picture after [`check_picture`](crate::check_picture):
    /// `Invalid` naming the reason for an empty, too big or non-PNG/JPEG/WebP file. A store
    /// that keeps no pictures says so.
    async fn set_persona_picture(&self, ws: &str, _persona: &str, _bytes: &[u8]) -> Result<()> {
        Err(crate::StoreError::Invalid(format!(
            "this store keeps no persona pictures (workspace `{ws}`)"
        )))
    }

    /// A persona's picture, if it has one.
    async fn persona_picture(
        &self,
        _ws: &str,
        _persona: &str,
    ) -> Result<Option<crate::PersonaPicture>> {
        Ok(None)
    }

    /// The personas of a workspace that have a picture, with when it was last set.
    async fn persona_pictures(&self, _ws: &str) -> Result<Vec<(String, Timestamp)>> {
        Ok(Vec::new())
    }

    /// Deletes a persona's picture; `false` if it had none.
    async fn delete_persona_picture(&self, _ws: &str, _persona: &str) -> Result<bool> {
        Ok(false)
    }

    // ---- privacy: erasure, suppression, retention ------------------------------------
    // See `privacy.rs`.

    /// Erases one person from workspace `ws`: every event of every id in `erasure.ids`, kept
    /// refusals quoting an id or term, their outbox rows (firings kept anonymous and
    /// counted, deliveries emptied and pending ones cancelled, tasks deleted), then makes the
    /// bytes go (SQLite: secure delete and truncated write-ahead logs; PostgreSQL: `VACUUM`).
    /// With `suppress`, keeps hashes of the ids so their later events are refused. Returns
    /// the receipt (kept, without personal data). `Invalid` for no id or an empty one,
    /// `NotFound` for an unknown workspace.
    async fn erase_person(
        &self,
        ws: &str,
        erasure: &crate::Erasure,
    ) -> Result<crate::ErasureReceipt>;

    /// A workspace's erasure receipts, newest first.
    async fn erasures(&self, ws: &str) -> Result<Vec<crate::ErasureReceipt>>;

    /// The [`suppression_hash`](crate::suppression_hash)es of the workspace's suppressed ids.
    async fn suppressions(&self, ws: &str) -> Result<std::collections::HashSet<String>>;

    /// Applies retention to a workspace: deletes the events that happened before the
    /// cutoffs and strips the free-text comment from feedback before `comments_before`, in
    /// one transaction, then makes the bytes go as [`erase_person`](Self::erase_person) does.
    async fn apply_retention(
        &self,
        ws: &str,
        cutoffs: &crate::RetentionCutoffs,
    ) -> Result<crate::RetentionCounts>;

    // ---- single sign-on and login throttling -----------------------------------------
    // Accounts at an OpenID Connect provider linked to users; failed sign-ins counted per
    // account name and per client address: see `sso.rs`.

    /// The user an identity provider's account is linked to, if any.
    async fn user_for_identity(&self, identity: &crate::ExternalIdentity) -> Result<Option<User>>;

    /// Creates a user and links `identity` to it, in one transaction. `AlreadyExists` of kind
    /// `"user"` when the name is taken (nothing written), of kind `"external identity"` when
    /// the identity is linked already; `Invalid` for an empty name, issuer or subject.
    async fn create_user_for_identity(
        &self,
        identity: &crate::ExternalIdentity,
        name: &str,
        password: &PasswordHash,
        role: Role,
    ) -> Result<User>;

    /// Records a failed sign-in against `key` in `scope` at `at`, and forgets every failure
    /// (of any key) from before `forget_before`.
    async fn record_login_failure(
        &self,
        scope: crate::ThrottleScope,
        key: &str,
        at: Timestamp,
        forget_before: Timestamp,
    ) -> Result<()>;

    /// When `key`'s failures in `scope` after `since` happened, newest first, at most `limit`.
    async fn login_failures(
        &self,
        scope: crate::ThrottleScope,
        key: &str,
        since: Timestamp,
        limit: u32,
    ) -> Result<Vec<Timestamp>>;

    /// Forgets `key`'s failures in `scope` (an account's, after its password was right).
    async fn clear_login_failures(&self, scope: crate::ThrottleScope, key: &str) -> Result<()>;

    // ---- audit log: append-only and hash-chained, see `audit.rs` ----

    /// Appends an entry at the end of the chain (numbered, timed and hashed by the store) and
    /// returns it. Appends from every node go one at a time.
    async fn append_audit(&self, entry: &crate::NewAuditEntry) -> Result<crate::AuditEntry>;

    /// Entries matching the query, newest first, at most a page.
    async fn list_audit(&self, q: &crate::AuditQuery) -> Result<Vec<crate::AuditEntry>>;

    /// Walks the whole chain: the count and last hash, or the first broken entry and why.
    async fn verify_audit(&self) -> Result<crate::AuditVerification>;
}

/// Typed and convenience helpers over any [`Store`], `dyn Store` included.
///
/// ```no_run
/// # async fn f(store: &dyn stig_store::Store) -> stig_store::Result<()> {
/// use stig_store::StoreExt;
/// let mut journey = store.get_typed::<stig_model::Journey>("arctic-winter", "aurora-trip").await?;
/// journey.value.steps[0].action = "Books the trip".into();
/// store.update_typed("arctic-winter", "aurora-trip", &journey.value, journey.version, "kari").await?;
/// # Ok(()) }
/// ```
#[async_trait]
pub trait StoreExt: Store {
    /// One entity as its model type.
    async fn get_typed<T: Entity>(&self, ws: &str, id: &str) -> Result<Versioned<T>> {
        decode(ws, self.get_entity(ws, T::KIND, id).await?)
    }

    /// Every entity of a type, in position order.
    async fn list_typed<T: Entity>(&self, ws: &str) -> Result<Vec<Versioned<T>>> {
        let list = self.list_entities(ws, T::KIND).await?;
        list.into_iter().map(|v| decode(ws, v)).collect()
    }

    /// [`Store::create_entity`] for a model value; returns its version (1).
    async fn create_typed<T: Entity>(&self, ws: &str, value: &T, by: &str) -> Result<i64> {
        let body = to_value(value)?;
        self.create_entity(ws, T::KIND, value.id(), body, by).await
    }

    /// [`Store::update_entity`] for a model value (a different `value.id()` renames it).
    async fn update_typed<T: Entity>(
        &self,
        ws: &str,
        id: &str,
        value: &T,
        expected_version: i64,
        by: &str,
    ) -> Result<i64> {
        let body = to_value(value)?;
        self.update_entity(ws, T::KIND, id, body, expected_version, by)
            .await
    }

    /// Hashes the password (on a blocking thread) and creates the user.
    async fn add_user(&self, name: &str, password: &str, role: Role) -> Result<User> {
        let password = password.to_owned();
        let hash = blocking(move || auth::hash_password(&password)).await?;
        self.create_user(name, &hash, role).await
    }

    /// The user if `password` is theirs, else `None` (for an unknown name too, after the same
    /// amount of work, so timing does not reveal which names exist).
    async fn login(&self, name: &str, password: &str) -> Result<Option<User>> {
        let found = self.credentials(name).await?;
        let password = password.to_owned();
        match found {
            Some((user, hash)) => {
                let ok = blocking(move || Ok(auth::verify_password(&password, &hash))).await?;
                Ok(ok.then_some(user))
            }
            None => {
                blocking(move || {
                    if let Some(dummy) = auth::dummy_hash() {
                        auth::verify_password(&password, &dummy);
                    }
                    Ok(())
                })
                .await?;
                Ok(None)
            }
        }
    }
}

impl<S: Store + ?Sized> StoreExt for S {}

fn decode<T: Entity>(ws: &str, v: Versioned<serde_json::Value>) -> Result<Versioned<T>> {
    let Versioned {
        value,
        version,
        updated_at,
        updated_by,
    } = v;
    let value = serde_json::from_value(value).map_err(|e| {
        StoreError::Corrupt(format!(
            "{} (version {version}) in workspace `{ws}`: {e}",
            T::KIND
        ))
    })?;
    Ok(Versioned {
        value,
        version,
        updated_at,
        updated_by,
    })
}

fn to_value<T: Entity>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| StoreError::Invalid(format!("{}: {e}", T::KIND)))
}

/// Runs CPU-heavy work (password hashing) off the async worker threads when a Tokio runtime
/// is there, inline otherwise.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => handle
            .spawn_blocking(f)
            .await
            .map_err(|e| StoreError::Crypto(format!("the hashing task failed: {e}")))?,
        Err(_) => f(),
    }
}
