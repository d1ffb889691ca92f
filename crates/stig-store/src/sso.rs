//! Single sign-on and login throttling, the stored part: accounts at an OpenID Connect
//! provider linked to Stig users, and failed sign-ins counted per account and per client
//! address. The statements are portable (`$n` placeholders, text timestamps), run by both
//! backends (`sqlite_sso.rs`, `postgres_sso.rs`).

use crate::{Result, StoreError};

/// What a failed sign-in is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThrottleScope {
    /// The account name that was typed (whether or not such a user exists).
    Account,
    /// The client's address.
    Address,
}

impl ThrottleScope {
    pub fn as_str(self) -> &'static str {
        match self {
            ThrottleScope::Account => "account",
            ThrottleScope::Address => "address",
        }
    }
}

/// An account at an identity provider: its issuer URL and the subject the provider gives the
/// person there (stable; names and e-mail addresses can change or be reused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalIdentity {
    pub issuer: String,
    pub subject: String,
}

impl ExternalIdentity {
    /// Both parts must be present: an empty subject would link every such login to one user.
    pub(crate) fn check(&self) -> Result<()> {
        if self.issuer.trim().is_empty() {
            return Err(StoreError::Invalid("the identity's issuer is empty".into()));
        }
        if self.subject.is_empty() {
            return Err(StoreError::Invalid(
                "the identity's subject is empty".into(),
            ));
        }
        Ok(())
    }
}

pub(crate) const IDENTITY_USER: &str = "SELECT u.id, u.name, u.role, u.created_at \
     FROM external_identities i JOIN users u ON u.id = i.user_id \
     WHERE i.issuer = $1 AND i.subject = $2";
pub(crate) const IDENTITY_INSERT: &str = "INSERT INTO external_identities (issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4)";
pub(crate) const IDENTITY_EXISTS: &str =
    "SELECT COUNT(*) FROM external_identities WHERE issuer = $1 AND subject = $2";
pub(crate) const USER_NAME_TAKEN: &str = "SELECT COUNT(*) FROM users WHERE name = $1";

pub(crate) const FAILURE_INSERT: &str =
    "INSERT INTO login_failures (scope, key, at) VALUES ($1, $2, $3)";
pub(crate) const FAILURES_FORGET: &str = "DELETE FROM login_failures WHERE at < $1";
/// The newest failures of one key after a time, newest first.
pub(crate) const FAILURES_SINCE: &str = "SELECT at FROM login_failures \
     WHERE scope = $1 AND key = $2 AND at > $3 ORDER BY at DESC LIMIT $4";
pub(crate) const FAILURES_CLEAR: &str = "DELETE FROM login_failures WHERE scope = $1 AND key = $2";

/// The error for an identity that is already linked (a concurrent first sign-in).
pub(crate) fn identity_taken(identity: &ExternalIdentity) -> StoreError {
    StoreError::AlreadyExists {
        kind: "external identity",
        id: format!("{} at {}", identity.subject, identity.issuer),
        workspace: None,
    }
}

/// The error for a user name that is already taken.
pub(crate) fn name_taken(name: &str) -> StoreError {
    StoreError::AlreadyExists {
        kind: "user",
        id: name.to_owned(),
        workspace: None,
    }
}

/// A unique-key violation as the caller's error (two first sign-ins at once); any other
/// database error as it is.
pub(crate) fn unique_as(e: sqlx::Error, taken: impl FnOnce() -> StoreError) -> StoreError {
    if crate::sql::is_unique_violation(&e) {
        taken()
    } else {
        e.into()
    }
}
