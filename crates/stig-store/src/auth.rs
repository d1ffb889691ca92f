//! Credentials, shared by the server and the CLI: Argon2id password hashes (PHC strings) and
//! random tokens that are stored only as their SHA-256.
//!
//! Hashing a password costs tens of milliseconds of CPU on purpose; from async code call these
//! through `tokio::task::spawn_blocking`, as [`StoreExt::login`](crate::StoreExt::login) and
//! [`StoreExt::add_user`](crate::StoreExt::add_user) do.

use std::fmt;
use std::fmt::Write as _;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;
use sha2::{Digest as _, Sha256};

use crate::{Result, StoreError};

/// Every API token starts with this, so secret scanners and people can recognise one.
pub const API_TOKEN_PREFIX: &str = "stig_";

/// An Argon2id password hash as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`): what
/// `users.password_hash` holds. Made only by [`hash_password`] or [`PasswordHash::from_phc`],
/// so a plain password cannot be stored by mistake. `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a PHC string read from storage or from an export, checking that it parses.
    pub fn from_phc(phc: impl Into<String>) -> Result<Self> {
        let phc = phc.into();
        argon2::PasswordHash::new(&phc)
            .map_err(|e| StoreError::Invalid(format!("not a PHC password hash: {e}")))?;
        Ok(PasswordHash(phc))
    }

    /// The PHC string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(…)")
    }
}

/// Hashes `password` with Argon2id (default parameters, a fresh random salt).
/// An empty password is refused with [`StoreError::Invalid`].
pub fn hash_password(password: &str) -> Result<PasswordHash> {
    if password.is_empty() {
        return Err(StoreError::Invalid("the password is empty".into()));
    }
    let hash: argon2::PasswordHash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| StoreError::Crypto(format!("hashing the password: {e}")))?;
    Ok(PasswordHash(hash.to_string()))
}

/// True when `password` is the one `hash` was made from. Uses the parameters recorded in the
/// hash, so hashes made with older parameters keep working.
pub fn verify_password(password: &str, hash: &PasswordHash) -> bool {
    match argon2::PasswordHash::new(&hash.0) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A new random token: 32 bytes from the thread-local CSPRNG, base64url without padding
/// (43 characters). Used for session cookies and CSRF tokens.
pub fn generate_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A new API token: [`API_TOKEN_PREFIX`] followed by a [`generate_token`].
pub fn generate_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", generate_token())
}

/// The SHA-256 of a token, as 64 lowercase hex digits: what the store keeps instead of the
/// token. (Tokens carry 256 random bits, so a plain, unsalted hash is enough.)
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// A password hash that matches nothing, to spend the same time on an unknown user name as
/// on a known one (so response times do not tell which names exist).
pub(crate) fn dummy_hash() -> Option<PasswordHash> {
    use std::sync::OnceLock;
    static DUMMY: OnceLock<Option<PasswordHash>> = OnceLock::new();
    DUMMY
        .get_or_init(|| hash_password(&generate_token()).ok())
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_url_safe_and_hash_to_hex() {
        let a = generate_token();
        let b = generate_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        let h = hash_token(&a);
        assert_eq!(h.len(), 64);
        assert_eq!(h, hash_token(&a));
        assert_ne!(h, hash_token(&b));
        // The SHA-256 test vector for "abc".
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(generate_api_token().starts_with(API_TOKEN_PREFIX));
    }

    #[test]
    fn passwords_verify_only_against_their_hash() -> Result<()> {
        let hash = hash_password("correct horse")?;
        assert!(hash.as_str().starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("correct hors", &hash));
        assert!(!verify_password("", &hash));
        assert_eq!(PasswordHash::from_phc(hash.as_str())?, hash);
        assert!(PasswordHash::from_phc("correct horse").is_err());
        assert!(hash_password("").is_err());
        assert_eq!(format!("{hash:?}"), "PasswordHash(…)");
        Ok(())
    }
}
