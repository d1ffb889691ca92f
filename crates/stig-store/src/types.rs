//! Values the store hands out: versioned records, workspace summaries, users and sessions.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{EntityKind, Result, StoreError};

/// A stored value with what optimistic concurrency needs: the version to send back with the
/// next save, and who last changed it, when.
#[derive(Debug, Clone, PartialEq)]
pub struct Versioned<T> {
    pub value: T,
    /// Starts at 1 and goes up by one with every save.
    pub version: i64,
    pub updated_at: Timestamp,
    pub updated_by: String,
}

impl<T> Versioned<T> {
    /// The same record around another value (e.g. the typed form of a JSON body).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Versioned<U> {
        Versioned {
            value: f(self.value),
            version: self.version,
            updated_at: self.updated_at,
            updated_by: self.updated_by,
        }
    }
}

/// One line of the workspace list.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceSummary {
    /// The slug, e.g. `arctic-winter`.
    pub id: String,
    /// `Settings::name`.
    pub name: String,
    /// `Settings::locale`.
    pub locale: String,
    pub counts: EntityCounts,
    /// Goes up with every write to the workspace (settings or any entity).
    pub revision: i64,
    /// When and by whom the workspace was last written.
    pub changed_at: Timestamp,
    pub changed_by: String,
}

/// How many entities of each kind a workspace holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EntityCounts {
    pub personas: usize,
    pub journeys: usize,
    pub touchpoints: usize,
    pub actors: usize,
    pub goals: usize,
    pub dilemmas: usize,
    #[serde(default)]
    pub moments: usize,
}

impl EntityCounts {
    pub fn get(&self, kind: EntityKind) -> usize {
        match kind {
            EntityKind::Persona => self.personas,
            EntityKind::Journey => self.journeys,
            EntityKind::Touchpoint => self.touchpoints,
            EntityKind::Actor => self.actors,
            EntityKind::Goal => self.goals,
            EntityKind::Dilemma => self.dilemmas,
            EntityKind::Moment => self.moments,
        }
    }

    pub(crate) fn slot_mut(&mut self, kind: EntityKind) -> &mut usize {
        match kind {
            EntityKind::Persona => &mut self.personas,
            EntityKind::Journey => &mut self.journeys,
            EntityKind::Touchpoint => &mut self.touchpoints,
            EntityKind::Actor => &mut self.actors,
            EntityKind::Goal => &mut self.goals,
            EntityKind::Dilemma => &mut self.dilemmas,
            EntityKind::Moment => &mut self.moments,
        }
    }
}

/// What a user may do. Ordered: `Viewer < Editor < Admin`, so `role >= Role::Editor` asks
/// "may edit".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads everything.
    Viewer,
    /// Also edits workspaces.
    Editor,
    /// Also manages users and workspaces.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn can_edit(self) -> bool {
        self >= Role::Editor
    }

    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                StoreError::Invalid(format!("`{s}` is not a role (viewer, editor, admin)"))
            })
    }
}

/// A user account (without its password hash: see [`Store::credentials`](crate::Store::credentials)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_at: Timestamp,
}

/// A live browser session, found by its cookie token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    /// The token forms must echo back (double-submit protection against CSRF).
    pub csrf_token: String,
    /// The UI locale the user picked, if any.
    pub locale: Option<String>,
    pub expires_at: Timestamp,
}

/// A session just created: the plain token goes into the cookie and is never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: Timestamp,
}

/// An API token as listed to its owner (the token itself is never stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenInfo {
    /// The first 12 hex digits of the token's SHA-256: enough to tell tokens apart and to
    /// revoke one, useless for authenticating.
    pub fingerprint: String,
    pub label: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// A source of events (a website, an app, a back office), with a write key of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Random, e.g. `src_3fQ9…`.
    pub id: String,
    pub workspace: String,
    pub name: String,
    pub created_at: Timestamp,
    /// The web origins browsers may send from (`https://www.example.com`, or
    /// `https://*.example.com` for its subdomains), normalized; `None`: any origin.
    pub allowed_origins: Option<Vec<String>>,
}

impl Source {
    /// Whether a browser page at `origin` (a request's `Origin` header) may send to this
    /// source.
    pub fn allows_origin(&self, origin: &str) -> bool {
        let Some(allowed) = &self.allowed_origins else {
            return true;
        };
        let Ok(origin) = normalize_origin(origin) else {
            return false;
        };
        let Some((scheme, host, port)) = split_origin(&origin) else {
            return false;
        };
        allowed.iter().any(|a| {
            if *a == origin {
                return true;
            }
            match split_origin(a) {
                Some((s, h, p)) if s == scheme && p == port => h
                    .strip_prefix("*.")
                    .is_some_and(|domain| host.ends_with(&format!(".{domain}"))),
                _ => false,
            }
        })
    }
}

/// A list of allowed origins as typed (separated by commas, spaces or new lines), each
/// normalized as browsers send it (lower case, no default port, no trailing `/`): `None` for
/// an empty list or `*` (any origin). `Invalid` names the first entry that is not an origin.
pub fn parse_origins(text: &str) -> Result<Option<Vec<String>>> {
    let entries: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|e| !e.is_empty())
        .collect();
    if entries.is_empty() || entries.contains(&"*") {
        return Ok(None);
    }
    let mut out = Vec::new();
    for entry in entries {
        let origin = normalize_origin(entry).map_err(|why| {
            StoreError::Invalid(format!(
                "`{entry}` is not a web origin ({why}); write it as https://www.example.com \
                 or https://*.example.com"
            ))
        })?;
        if !out.contains(&origin) {
            out.push(origin);
        }
    }
    Ok(Some(out))
}

/// `scheme://host[:port]` in the form browsers send it, or why not.
fn normalize_origin(entry: &str) -> std::result::Result<String, &'static str> {
    let lower = entry.trim().to_ascii_lowercase();
    // One trailing `/` (as copied from an address bar), not the scheme's.
    let lower = match lower.strip_suffix('/') {
        Some(l) if !l.ends_with(":/") => l,
        _ => &lower,
    };
    let (scheme, rest) = lower
        .split_once("://")
        .ok_or("it has no http:// or https://")?;
    if scheme != "http" && scheme != "https" {
        return Err("only http and https pages send events");
    }
    if rest.contains(['/', '?', '#', '@']) {
        return Err("an origin has no path, query or user name");
    }
    // `[v6 address]:port` or `name:port`, the port optional.
    let (host, port) = match rest.strip_prefix('[') {
        Some(v6) => {
            let (addr, after) = v6.split_once(']').ok_or("the host is not valid")?;
            (&rest[..addr.len() + 2], after.strip_prefix(':'))
        }
        None => match rest.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        },
    };
    let port = match port {
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => Some(n),
            _ => return Err("the port is not valid"),
        },
        None if rest.ends_with(']') || !rest.contains(':') => None,
        None => return Err("the host is not valid"),
    };
    let valid_host = if let Some(inner) = host.strip_prefix('[') {
        inner.strip_suffix(']').is_some_and(|a| {
            !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        })
    } else {
        let name = host.strip_prefix("*.").unwrap_or(host);
        !name.is_empty()
            && name
                .split('.')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    };
    if !valid_host {
        return Err("the host is not valid");
    }
    let default = if scheme == "https" { 443 } else { 80 };
    Ok(match port {
        Some(p) if p != default => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// The scheme, host and port (empty: the default) of a normalized origin.
fn split_origin(origin: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = origin.split_once("://")?;
    Some(match rest.rsplit_once(':') {
        Some((h, p)) if !p.contains(']') => (scheme, h, p),
        _ => (scheme, rest, ""),
    })
}

/// Which of a workspace's events a filtered read takes
/// ([`Store::scan_event_texts_matching`](crate::Store::scan_event_texts_matching)): every
/// condition set must hold; the default takes every event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Happened at or after this time (`timestamp`, clock-skew corrected).
    pub from: Option<Timestamp>,
    /// Happened before this time.
    pub to: Option<Timestamp>,
    /// Its type is one of these (empty: any).
    pub types: Vec<String>,
    /// Its event name (of a track call) is this.
    pub event: Option<String>,
    /// Its user id or anonymous id is one of these (empty: anyone's).
    pub ids: Vec<String>,
}

/// An event to store: its Segment JSON whole (`body`) and the columns it is looked up by.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    /// The client's `messageId`: the de-duplication key within a workspace.
    pub message_id: String,
    /// `identify`, `track`, `page`, `screen`, `group` or `alias`.
    pub kind: String,
    pub user_id: Option<String>,
    pub anonymous_id: Option<String>,
    /// The event name of a track call.
    pub event: Option<String>,
    /// When it happened (clock-skew corrected).
    pub timestamp: Timestamp,
    pub received_at: Timestamp,
    pub body: serde_json::Value,
    /// The id of the source whose write key sent it (`None`: imported, or a Stig survey).
    pub source: Option<String>,
}

/// A stored event, as read back (timestamps to the millisecond; `body` has them exactly).
pub type StoredEvent = NewEvent;

/// A stored event with its place in arrival order, for reading a workspace's events in pages
/// ([`Store::scan_events`](crate::Store::scan_events)).
#[derive(Debug, Clone, PartialEq)]
pub struct SequencedEvent {
    /// Arrival order within the store (grows, with gaps).
    pub seq: i64,
    pub event: StoredEvent,
}

/// A collect request a source's write key sent and the collector refused, for the debugger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub workspace: String,
    pub source: String,
    pub at: Timestamp,
    /// The HTTP status answered (400, 413, …).
    pub status: u16,
    pub reason: String,
    /// The start of the body as received (at most [`Rejection::EXCERPT_BYTES`]).
    pub excerpt: String,
}

impl Rejection {
    /// How much of a refused body is kept.
    pub const EXCERPT_BYTES: usize = 2048;
    /// How many refusals are kept per source (older ones are pruned; the count goes on).
    pub const KEPT_PER_SOURCE: i64 = 200;
}

/// What a source has sent: events stored and requests refused, and its last event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceCounts {
    pub events: u64,
    pub refused: u64,
    pub last_event_at: Option<Timestamp>,
}

/// The events of one request, for [`Store::append_event_batches`](crate::Store::append_event_batches).
#[derive(Debug, Clone, PartialEq)]
pub struct EventBatch {
    pub workspace: String,
    pub events: Vec<NewEvent>,
}

/// What an append did: how many events were stored, and how many were already there (same
/// `messageId` in the workspace) and so skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppendOutcome {
    pub stored: u64,
    pub duplicates: u64,
}
