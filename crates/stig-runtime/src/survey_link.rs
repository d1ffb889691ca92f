//! Signed invitation links: `base64url(JSON) "." base64url(HMAC-SHA256(secret, JSON))`.
//!
//! The token is the capability: whoever holds it may answer that one survey, once. The key
//! is the store's `survey-links` secret (32 random bytes kept in the database), so links
//! survive restarts and are refused everywhere the moment that secret changes.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The store secret links are signed with.
pub const SECRET_NAME: &str = "survey-links";

/// How long a link can be answered.
pub const VALID_DAYS: i64 = 90;

/// An invitation to answer one touchpoint's survey, for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub workspace: String,
    pub touchpoint: String,
    /// The customer's user id.
    pub customer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journey: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Unix seconds.
    pub issued_at: i64,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    /// Not a token at all (bad shape, base64 or JSON).
    Garbled,
    /// Well formed, but not signed by this server (changed or forged).
    BadSignature,
    /// Signed, but older than [`VALID_DAYS`].
    Expired,
}

/// A token that passed the signature check.
#[derive(Debug, Clone)]
pub struct Verified {
    pub invitation: Invitation,
    /// [`invitation_id`] of its payload.
    pub id: String,
}

impl Invitation {
    pub fn issued(&self) -> Timestamp {
        Timestamp::from_second(self.issued_at).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    pub fn expires_at(&self) -> Timestamp {
        self.issued()
            .saturating_add(SignedDuration::from_hours(24 * VALID_DAYS))
            .unwrap_or(Timestamp::MAX)
    }

    /// The signed token and the invitation id.
    pub fn sign(&self, secret: &[u8]) -> (String, String) {
        let payload = serde_json::to_vec(self).unwrap_or_default();
        let token = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(&payload),
            URL_SAFE_NO_PAD.encode(mac(secret, &payload).finalize().into_bytes())
        );
        (token, invitation_id(&payload))
    }
}

/// The first 16 hex digits of the SHA-256 of the payload JSON: the answer's `messageId` is
/// `survey-<id>`, so each invitation is answered at most once.
pub fn invitation_id(payload: &[u8]) -> String {
    Sha256::digest(payload)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn mac(secret: &[u8], payload: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(secret)
        .unwrap_or_else(|_| <Hmac<Sha256> as KeyInit>::new(&Default::default()));
    m.update(payload);
    m
}

/// Checks a token's signature (in constant time) and age at `now`.
pub fn verify(token: &str, secret: &[u8], now: Timestamp) -> Result<Verified, LinkError> {
    let (payload_b64, sig_b64) = token.split_once('.').ok_or(LinkError::Garbled)?;
    let payload = URL_SAFE_NO_PAD
        .decode(payload_b64)
        .map_err(|_| LinkError::Garbled)?;
    let sig = URL_SAFE_NO_PAD
        .decode(sig_b64)
        .map_err(|_| LinkError::Garbled)?;
    mac(secret, &payload)
        .verify_slice(&sig)
        .map_err(|_| LinkError::BadSignature)?;
    let invitation: Invitation =
        serde_json::from_slice(&payload).map_err(|_| LinkError::Garbled)?;
    if now > invitation.expires_at() {
        return Err(LinkError::Expired);
    }
    Ok(Verified {
        id: invitation_id(&payload),
        invitation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation() -> Invitation {
        Invitation {
            workspace: "arctic-winter".into(),
            touchpoint: "velkomstsenter".into(),
            customer: "u-42".into(),
            journey: Some("vinterferie".into()),
            run: Some(2),
            locale: Some("nb".into()),
            issued_at: 1_790_000_000,
        }
    }

    #[test]
    fn a_signed_token_verifies_and_names_its_invitation() {
        let (token, id) = invitation().sign(b"secret");
        let now = invitation().issued();
        let v = verify(&token, b"secret", now).expect("valid");
        assert_eq!(v.invitation, invitation());
        assert_eq!(v.id, id);
        assert_eq!(id.len(), 16);
        assert!(
            token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        );
    }

    #[test]
    fn other_keys_changes_and_age_are_refused() {
        let (token, _) = invitation().sign(b"secret");
        let now = invitation().issued();
        assert_eq!(
            verify(&token, b"other", now).err(),
            Some(LinkError::BadSignature)
        );
        let forged = Invitation {
            customer: "u-43".into(),
            ..invitation()
        };
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).expect("json"));
        let sig = token.split_once('.').expect("dot").1;
        assert_eq!(
            verify(&format!("{payload}.{sig}"), b"secret", now).err(),
            Some(LinkError::BadSignature)
        );
        assert_eq!(
            verify("nonsense", b"secret", now).err(),
            Some(LinkError::Garbled)
        );
        let late = invitation()
            .issued()
            .saturating_add(SignedDuration::from_hours(24 * 91))
            .expect("time");
        assert_eq!(
            verify(&token, b"secret", late).err(),
            Some(LinkError::Expired)
        );
    }
}
