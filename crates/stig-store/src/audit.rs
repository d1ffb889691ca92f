//! The audit log: who did what, when, to what, as an append-only, hash-chained list.
//!
//! Every entry has a gapless number (`seq`) and a SHA-256 `hash` over a canonical
//! serialization of its fields plus the previous entry's hash (`prev_hash`; the first entry's
//! is 64 zeros). Editing, inserting or removing a row breaks the chain at that row, which
//! [`verify`](crate::Store::verify_audit) finds. Appends are serialized (SQLite's write
//! transaction, a PostgreSQL advisory lock), so several nodes never fork the chain.
//!
//! What goes in: staff actions only. Staff user names are fine; customers' personal data
//! and secret values never (a secret's name only). The statements are portable and run by
//! both backends (`sqlite_audit.rs`, `postgres_audit.rs`).

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use crate::sql::{parse_ts, ts};
use crate::{Result, StoreError};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The most entries one [`list_audit`](crate::Store::list_audit) call returns.
pub const MAX_AUDIT_PAGE: u32 = 1000;

/// What was done: a stable kebab-case code, the same in the database, the API and exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuditAction {
    EntityCreated,
    EntityUpdated,
    EntityDeleted,
    UserCreated,
    UserDeleted,
    RoleChanged,
    PasswordChanged,
    TokenCreated,
    TokenRevoked,
    SourceCreated,
    SourceUpdated,
    SourceDeleted,
    SecretSet,
    SecretDeleted,
    MomentEnabled,
    MomentDisabled,
    DeliveryReplayed,
    Export,
    Import,
    PersonErased,
    PersonExported,
    Login,
    LoginFailed,
    Logout,
    SsoLogin,
    WorkspaceCreated,
    WorkspaceDeleted,
    SettingsChanged,
}

impl AuditAction {
    /// Every action, in the order the filters list them.
    pub const ALL: &'static [AuditAction] = &[
        AuditAction::EntityCreated,
        AuditAction::EntityUpdated,
        AuditAction::EntityDeleted,
        AuditAction::UserCreated,
        AuditAction::UserDeleted,
        AuditAction::RoleChanged,
        AuditAction::PasswordChanged,
        AuditAction::TokenCreated,
        AuditAction::TokenRevoked,
        AuditAction::SourceCreated,
        AuditAction::SourceUpdated,
        AuditAction::SourceDeleted,
        AuditAction::SecretSet,
        AuditAction::SecretDeleted,
        AuditAction::MomentEnabled,
        AuditAction::MomentDisabled,
        AuditAction::DeliveryReplayed,
        AuditAction::Export,
        AuditAction::Import,
        AuditAction::PersonErased,
        AuditAction::PersonExported,
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::SsoLogin,
        AuditAction::WorkspaceCreated,
        AuditAction::WorkspaceDeleted,
        AuditAction::SettingsChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::EntityCreated => "entity-created",
            AuditAction::EntityUpdated => "entity-updated",
            AuditAction::EntityDeleted => "entity-deleted",
            AuditAction::UserCreated => "user-created",
            AuditAction::UserDeleted => "user-deleted",
            AuditAction::RoleChanged => "role-changed",
            AuditAction::PasswordChanged => "password-changed",
            AuditAction::TokenCreated => "token-created",
            AuditAction::TokenRevoked => "token-revoked",
            AuditAction::SourceCreated => "source-created",
            AuditAction::SourceUpdated => "source-updated",
            AuditAction::SourceDeleted => "source-deleted",
            AuditAction::SecretSet => "secret-set",
            AuditAction::SecretDeleted => "secret-deleted",
            AuditAction::MomentEnabled => "moment-enabled",
            AuditAction::MomentDisabled => "moment-disabled",
            AuditAction::DeliveryReplayed => "delivery-replayed",
            AuditAction::Export => "export",
            AuditAction::Import => "import",
            AuditAction::PersonErased => "person-erased",
            AuditAction::PersonExported => "person-exported",
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login-failed",
            AuditAction::Logout => "logout",
            AuditAction::SsoLogin => "sso-login",
            AuditAction::WorkspaceCreated => "workspace-created",
            AuditAction::WorkspaceDeleted => "workspace-deleted",
            AuditAction::SettingsChanged => "settings-changed",
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AuditAction {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self> {
        AuditAction::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| StoreError::Invalid(format!("unknown audit action `{s}`")))
    }
}

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditActor {
    /// A signed-in user (their id and name at the time).
    User { id: i64, name: String },
    /// An API token, by its fingerprint (never the token), and the user it belongs to.
    Token {
        fingerprint: String,
        user: Option<(i64, String)>,
    },
    /// The command line on the server's machine.
    Cli,
    /// Stig itself (retention, scheduled work).
    System,
    /// Nobody signed in yet (a failed login: the name that was typed).
    Anonymous { attempted: String },
    /// Someone known by name only (no user of that name, e.g. `cli` on an import).
    Named { name: String },
}

impl AuditActor {
    /// The actor as stored and shown: a user name, `token:<fingerprint>` (with `(name)` when
    /// the token's user is known), `cli`, `system`, or `?<typed name>` for a failed login.
    pub fn label(&self) -> String {
        match self {
            AuditActor::User { name, .. } => name.clone(),
            AuditActor::Token {
                fingerprint,
                user: Some((_, name)),
            } => format!("token:{fingerprint} ({name})"),
            AuditActor::Token { fingerprint, .. } => format!("token:{fingerprint}"),
            AuditActor::Cli => "cli".into(),
            AuditActor::System => "system".into(),
            AuditActor::Anonymous { attempted } => format!("?{attempted}"),
            AuditActor::Named { name } => name.clone(),
        }
    }

    /// The user's id, when a user acted.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            AuditActor::User { id, .. } => Some(*id),
            AuditActor::Token {
                user: Some((id, _)),
                ..
            } => Some(*id),
            _ => None,
        }
    }
}

impl From<&crate::User> for AuditActor {
    fn from(user: &crate::User) -> Self {
        AuditActor::User {
            id: user.id,
            name: user.name.clone(),
        }
    }
}

/// What an action was done to: a kind (`journey`, `user`, `token`, `source`, `secret`,
/// `moment`, `delivery`, `workspace`, …) and its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditTarget {
    pub kind: String,
    pub id: String,
}

impl AuditTarget {
    pub fn new(kind: impl Into<String>, id: impl Into<String>) -> Self {
        AuditTarget {
            kind: kind.into(),
            id: id.into(),
        }
    }
}

/// An entry to append. The store gives it its number, time and hashes.
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub actor: AuditActor,
    pub action: AuditAction,
    pub workspace: Option<String>,
    pub target: Option<AuditTarget>,
    /// Whatever explains the action (a diff, a role's old and new value); `Null` for nothing.
    pub detail: serde_json::Value,
    /// The client's address, when the action came over HTTP.
    pub client: Option<String>,
}

impl NewAuditEntry {
    /// An entry with no workspace, target, detail or client (add them with the fields).
    pub fn new(actor: AuditActor, action: AuditAction) -> Self {
        NewAuditEntry {
            actor,
            action,
            workspace: None,
            target: None,
            detail: serde_json::Value::Null,
            client: None,
        }
    }
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    #[serde(serialize_with = "ser_ts")]
    pub at: Timestamp,
    /// See [`AuditActor::label`].
    pub actor: String,
    pub actor_user: Option<i64>,
    /// An [`AuditAction`] code (kept as text: a newer version may have written others).
    pub action: String,
    pub workspace: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    /// The detail as the JSON text that was hashed.
    pub detail: String,
    pub client: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

fn ser_ts<S: serde::Serializer>(t: &Timestamp, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&ts(*t))
}

impl AuditEntry {
    /// The detail as JSON (`Null` if the stored text is not JSON, which a verify reports).
    pub fn detail_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.detail).unwrap_or(serde_json::Value::Null)
    }

    /// The hash this entry's fields and `prev_hash` give.
    pub fn computed_hash(&self) -> String {
        entry_hash(&Hashed {
            seq: self.seq,
            at: &ts(self.at),
            actor: &self.actor,
            actor_user: self.actor_user,
            action: &self.action,
            workspace: self.workspace.as_deref(),
            target_kind: self.target_kind.as_deref(),
            target_id: self.target_id.as_deref(),
            detail: &self.detail,
            client: self.client.as_deref(),
            prev_hash: &self.prev_hash,
        })
    }
}

/// The fields a hash covers, in the order they are serialized.
pub(crate) struct Hashed<'a> {
    pub seq: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub actor_user: Option<i64>,
    pub action: &'a str,
    pub workspace: Option<&'a str>,
    pub target_kind: Option<&'a str>,
    pub target_id: Option<&'a str>,
    pub detail: &'a str,
    pub client: Option<&'a str>,
    pub prev_hash: &'a str,
}

/// SHA-256, in lowercase hex, over the fields as one compact JSON array (a fixed order and
/// JSON's escaping make the serialization unambiguous: no field can bleed into the next).
pub(crate) fn entry_hash(h: &Hashed<'_>) -> String {
    let canonical = serde_json::json!([
        "stig-audit-v1",
        h.seq,
        h.at,
        h.actor,
        h.actor_user,
        h.action,
        h.workspace,
        h.target_kind,
        h.target_id,
        h.detail,
        h.client,
        h.prev_hash,
    ])
    .to_string();
    let digest = Sha256::digest(canonical.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        use std::fmt::Write as _;
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Which entries to list: every filter is optional; newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Part of the actor's label, any case.
    pub actor: Option<String>,
    pub action: Option<AuditAction>,
    pub workspace: Option<String>,
    /// At or after.
    pub from: Option<Timestamp>,
    /// Before.
    pub to: Option<Timestamp>,
    /// Only entries numbered below this (the next page: the last `seq` seen).
    pub before_seq: Option<i64>,
    /// At most this many (capped at [`MAX_AUDIT_PAGE`]; `0` means the cap).
    pub limit: u32,
}

impl AuditQuery {
    /// How many entries a page of this query holds at most.
    pub fn page_size(&self) -> i64 {
        if self.limit == 0 || self.limit > MAX_AUDIT_PAGE {
            i64::from(MAX_AUDIT_PAGE)
        } else {
            i64::from(self.limit)
        }
    }

    /// The actor filter as a LIKE pattern (its own `%`, `_` and `\` escaped).
    pub(crate) fn actor_pattern(&self) -> Option<String> {
        self.actor
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                let mut p = String::from("%");
                for c in a.to_lowercase().chars() {
                    if matches!(c, '%' | '_' | '\\') {
                        p.push('\\');
                    }
                    p.push(c);
                }
                p.push('%');
                p
            })
    }
}

/// Why the chain is broken at an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuditBreak {
    /// The entry's fields do not give its hash: it was edited.
    HashMismatch,
    /// Its `prev_hash` is not the previous entry's hash: an entry before it was replaced.
    PrevMismatch,
    /// Its number does not follow the previous one: entries were removed.
    Gap,
}

impl AuditBreak {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditBreak::HashMismatch => "hash mismatch",
            AuditBreak::PrevMismatch => "prev mismatch",
            AuditBreak::Gap => "gap",
        }
    }
}

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditVerification {
    /// Entries checked (up to and including a broken one).
    pub count: u64,
    /// The last good entry's hash (`None` for an empty log).
    pub last_hash: Option<String>,
    /// The first broken entry and why; `None` when the chain holds.
    pub broken: Option<(i64, AuditBreak)>,
}

impl AuditVerification {
    pub fn is_ok(&self) -> bool {
        self.broken.is_none()
    }
}

/// Walks the chain one page at a time (entries in `seq` order).
pub(crate) struct Verifier {
    count: u64,
    last_seq: i64,
    last_hash: String,
    broken: Option<(i64, AuditBreak)>,
}

impl Verifier {
    pub(crate) fn new() -> Self {
        Verifier {
            count: 0,
            last_seq: 0,
            last_hash: GENESIS_HASH.to_owned(),
            broken: None,
        }
    }

    /// The `seq` after which the next page starts.
    pub(crate) fn cursor(&self) -> i64 {
        self.last_seq
    }

    /// Checks one entry; false once the chain is broken (stop reading).
    pub(crate) fn check(&mut self, e: &AuditEntry) -> bool {
        self.count += 1;
        let why = if e.seq != self.last_seq + 1 {
            Some(AuditBreak::Gap)
        } else if e.prev_hash != self.last_hash {
            Some(AuditBreak::PrevMismatch)
        } else if e.computed_hash() != e.hash {
            Some(AuditBreak::HashMismatch)
        } else {
            None
        };
        if let Some(why) = why {
            self.broken = Some((e.seq, why));
            return false;
        }
        self.last_seq = e.seq;
        self.last_hash = e.hash.clone();
        true
    }

    pub(crate) fn finish(self) -> AuditVerification {
        AuditVerification {
            count: self.count,
            last_hash: (self.last_seq > 0).then_some(self.last_hash),
            broken: self.broken,
        }
    }
}

/// One page of the chain walk.
pub(crate) const VERIFY_PAGE: i64 = 1000;

pub(crate) const AUDIT_LAST: &str = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
pub(crate) const AUDIT_INSERT: &str = "INSERT INTO audit_log (seq, at, actor, actor_user, \
     action, workspace, target_kind, target_id, detail, client, prev_hash, hash) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
pub(crate) const AUDIT_LIST: &str = "SELECT seq, at, actor, actor_user, action, workspace, \
     target_kind, target_id, detail, client, prev_hash, hash FROM audit_log \
     WHERE ($1 IS NULL OR LOWER(actor) LIKE $1 ESCAPE '\\') \
     AND ($2 IS NULL OR action = $2) \
     AND ($3 IS NULL OR workspace = $3) \
     AND ($4 IS NULL OR at >= $4) \
     AND ($5 IS NULL OR at < $5) \
     AND ($6 IS NULL OR seq < $6) \
     ORDER BY seq DESC LIMIT $7";
pub(crate) const AUDIT_SCAN: &str = "SELECT seq, at, actor, actor_user, action, workspace, \
     target_kind, target_id, detail, client, prev_hash, hash FROM audit_log \
     WHERE seq > $1 ORDER BY seq LIMIT $2";

/// A row as both backends read it.
pub(crate) type AuditRow = (
    i64,
    String,
    String,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
    String,
);

pub(crate) fn entry_from_row(r: AuditRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.0,
        at: parse_ts(&r.1)?,
        actor: r.2,
        actor_user: r.3,
        action: r.4,
        workspace: r.5,
        target_kind: r.6,
        target_id: r.7,
        detail: r.8,
        client: r.9,
        prev_hash: r.10,
        hash: r.11,
    })
}

/// The entry to write after the one numbered `last_seq` with hash `last_hash`.
pub(crate) fn next_entry(
    new: &NewAuditEntry,
    last: Option<(i64, String)>,
    at: Timestamp,
) -> Result<AuditEntry> {
    let (last_seq, prev_hash) = last.unwrap_or((0, GENESIS_HASH.to_owned()));
    let detail = serde_json::to_string(&new.detail)
        .map_err(|e| StoreError::Invalid(format!("the audit detail is not JSON: {e}")))?;
    let mut entry = AuditEntry {
        seq: last_seq + 1,
        at,
        actor: new.actor.label(),
        actor_user: new.actor.user_id(),
        action: new.action.as_str().to_owned(),
        workspace: new.workspace.clone(),
        target_kind: new.target.as_ref().map(|t| t.kind.clone()),
        target_id: new.target.as_ref().map(|t| t.id.clone()),
        detail,
        client: new.client.clone(),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry.computed_hash();
    Ok(entry)
}

/// Binds an entry's values to [`AUDIT_INSERT`] (the same for both backends).
macro_rules! bind_audit_entry {
    ($q:expr, $e:expr) => {
        $q.bind($e.seq)
            .bind($crate::sql::ts($e.at))
            .bind(&$e.actor)
            .bind($e.actor_user)
            .bind(&$e.action)
            .bind(&$e.workspace)
            .bind(&$e.target_kind)
            .bind(&$e.target_id)
            .bind(&$e.detail)
            .bind(&$e.client)
            .bind(&$e.prev_hash)
            .bind(&$e.hash)
    };
}
pub(crate) use bind_audit_entry;

/// Binds a query's filters to [`AUDIT_LIST`].
macro_rules! bind_audit_query {
    ($sql:expr, $q:expr) => {
        sqlx::query_as::<_, $crate::audit::AuditRow>($sql)
            .bind($q.actor_pattern())
            .bind($q.action.map(|a| a.as_str()))
            .bind($q.workspace.as_deref())
            .bind($q.from.map($crate::sql::ts))
            .bind($q.to.map($crate::sql::ts))
            .bind($q.before_seq)
            .bind($q.page_size())
    };
}
pub(crate) use bind_audit_query;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_through_their_codes() {
        for a in AuditAction::ALL {
            assert_eq!(a.as_str().parse::<AuditAction>().expect("parse"), *a);
        }
        assert!("entity-exploded".parse::<AuditAction>().is_err());
    }

    #[test]
    fn a_changed_field_changes_the_hash_and_the_chain_checks() {
        let at: Timestamp = "2026-01-31T12:00:00Z".parse().expect("time");
        let mut new = NewAuditEntry::new(
            AuditActor::User {
                id: 1,
                name: "kari".into(),
            },
            AuditAction::RoleChanged,
        );
        new.detail = serde_json::json!({"role": {"old": "viewer", "new": "editor"}});
        let first = next_entry(&new, None, at).expect("entry");
        assert_eq!(first.seq, 1);
        assert_eq!(first.prev_hash, GENESIS_HASH);
        let second = next_entry(&new, Some((1, first.hash.clone())), at).expect("entry");
        let mut v = Verifier::new();
        assert!(v.check(&first) && v.check(&second));
        assert!(v.finish().is_ok());

        let mut edited = first.clone();
        edited.detail = edited.detail.replace("editor", "admin");
        let mut v = Verifier::new();
        assert!(!v.check(&edited));
        assert_eq!(v.finish().broken, Some((1, AuditBreak::HashMismatch)));

        let mut v = Verifier::new();
        assert!(!v.check(&second));
        assert_eq!(v.finish().broken, Some((2, AuditBreak::Gap)));
    }

    #[test]
    fn the_actor_filter_escapes_like_wildcards() {
        let q = AuditQuery {
            actor: Some(" Ka_ri%".into()),
            ..AuditQuery::default()
        };
        assert_eq!(q.actor_pattern().as_deref(), Some("%ka\\_ri\\%%"));
    }
}
