//! The ID token, checked as OpenID Connect Core §3.1.3.7 asks: signed (RS256/384/512,
//! PS256/384/512, ES256/384) by a key of the provider's JWKS, issued by the configured issuer
//! for this client, not expired, and carrying the nonce of the sign-in this browser started.
//! Signature and standard claims by `jsonwebtoken` (ring); the nonce and `azp` here.

use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, Validation, errors::ErrorKind};
use serde_json::{Map, Value};

/// What the token must say.
pub(super) struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
}

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refused {
    /// No key of the JWKS fits the token's `kid` and algorithm: the provider may have rotated
    /// its keys, so fetch them again and retry once.
    UnknownKey(String),
    /// Anything else, said for a person.
    Invalid(String),
}

/// Algorithms accepted: asymmetric only (an `HS256` token would be signed with the client
/// secret, which a leaked secret could forge; `none` is not a signature).
const ACCEPTED: [Algorithm; 8] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
];

/// Tolerated clock difference with the provider, in seconds.
const LEEWAY_SECS: u64 = 60;

/// The token's claims once every check has passed.
pub(super) fn verify(
    token: &str,
    keys: &[Jwk],
    expected: &Expected<'_>,
) -> Result<Map<String, Value>, Refused> {
    let invalid = |why: &str| Refused::Invalid(why.to_owned());
    let header = jsonwebtoken::decode_header(token)
        .map_err(|_| invalid("it is not a signed JWT (three base64url parts)"))?;
    if !ACCEPTED.contains(&header.alg) {
        return Err(Refused::Invalid(format!(
            "it is signed with {:?}, which Stig does not accept (RS256, PS256, ES256 and \
             their longer variants only)",
            header.alg
        )));
    }
    let candidates: Vec<&Jwk> = keys
        .iter()
        .filter(|k| fits(k, header.alg, header.kid.as_deref()))
        .collect();
    if candidates.is_empty() {
        return Err(Refused::UnknownKey(format!(
            "no key of the provider's JWKS fits it (key id {:?}, {:?})",
            header.kid.as_deref().unwrap_or("none"),
            header.alg
        )));
    }
    let mut validation = Validation::new(header.alg);
    validation.set_issuer(&[expected.issuer]);
    validation.set_audience(&[expected.client_id]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.leeway = LEEWAY_SECS;
    validation.validate_nbf = true;
    let mut last = None;
    for jwk in candidates {
        let key = DecodingKey::from_jwk(jwk)
            .map_err(|e| Refused::Invalid(format!("the provider's key does not load: {e}")))?;
        match jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation) {
            Ok(data) => return check_claims(data.claims, expected),
            // Another key with the same id and type may be the one (rare): try it.
            Err(e) if *e.kind() == ErrorKind::InvalidSignature => last = Some(e),
            Err(e) => return Err(Refused::Invalid(describe(e.kind()))),
        }
    }
    Err(Refused::Invalid(describe(
        last.as_ref()
            .map_or(&ErrorKind::InvalidSignature, |e| e.kind()),
    )))
}

/// Whether a JWKS key may have signed a token with `alg` and `kid`.
fn fits(jwk: &Jwk, alg: Algorithm, kid: Option<&str>) -> bool {
    if let (Some(kid), Some(key_id)) = (kid, jwk.common.key_id.as_deref())
        && kid != key_id
    {
        return false;
    }
    if matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)) {
        return false;
    }
    if let Some(key_alg) = jwk.common.key_algorithm
        && format!("{key_alg:?}") != format!("{alg:?}")
    {
        return false;
    }
    match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => matches!(
            alg,
            Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512
        ),
        AlgorithmParameters::EllipticCurve(_) => {
            matches!(alg, Algorithm::ES256 | Algorithm::ES384)
        }
        _ => false,
    }
}

/// The checks `jsonwebtoken` does not make: the nonce, and `azp` for several audiences.
fn check_claims(
    claims: Map<String, Value>,
    expected: &Expected<'_>,
) -> Result<Map<String, Value>, Refused> {
    let nonce = claims.get("nonce").and_then(Value::as_str).unwrap_or("");
    if !crate::auth::constant_time_eq(nonce.as_bytes(), expected.nonce.as_bytes()) {
        return Err(Refused::Invalid(
            "its nonce is not the one of this sign-in (a replayed token)".into(),
        ));
    }
    let several_audiences = claims
        .get("aud")
        .and_then(Value::as_array)
        .is_some_and(|a| a.len() > 1);
    match claims.get("azp").and_then(Value::as_str) {
        Some(azp) if azp != expected.client_id => {
            return Err(Refused::Invalid(format!(
                "it was issued to another client (azp `{azp}`)"
            )));
        }
        None if several_audiences => {
            return Err(Refused::Invalid(
                "it names several audiences but no authorized party (azp)".into(),
            ));
        }
        _ => {}
    }
    match claims.get("sub").and_then(Value::as_str) {
        Some(sub) if !sub.is_empty() => Ok(claims),
        _ => Err(Refused::Invalid("it names no subject (sub)".into())),
    }
}

fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::InvalidSignature => {
            "its signature does not match the provider's keys (altered or forged)".into()
        }
        ErrorKind::ExpiredSignature => "it has expired".into(),
        ErrorKind::ImmatureSignature => "it is not valid yet (nbf)".into(),
        ErrorKind::InvalidIssuer => "it was issued by another issuer (iss)".into(),
        ErrorKind::InvalidAudience => "it was issued for another client (aud)".into(),
        ErrorKind::MissingRequiredClaim(c) => format!("it lacks the `{c}` claim"),
        ErrorKind::InvalidAlgorithm => "its algorithm does not fit the provider's key".into(),
        ErrorKind::InvalidToken
        | ErrorKind::Base64(_)
        | ErrorKind::Json(_)
        | ErrorKind::Utf8(_) => "it is not a well-formed JWT".into(),
        other => format!("it does not verify ({other:?})"),
    }
}
