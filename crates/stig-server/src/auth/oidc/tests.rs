//! ID tokens made here with ES256 keys (ring makes them), checked as a provider's would be.

use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _};
use serde_json::json;

use super::id_token::{Expected, Refused, verify};
use super::*;

const ISSUER: &str = "https://login.example.no";
const CLIENT: &str = "stig";
const NONCE: &str = "n-0S6_WzA2Mj";

struct Key {
    pkcs8: Vec<u8>,
    jwk: Jwk,
}

fn key(kid: &str) -> Key {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
        .expect("key")
        .as_ref()
        .to_vec();
    let pair =
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &pkcs8, &rng).expect("key pair");
    let point = pair.public_key().as_ref();
    let jwk = json!({
        "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": kid,
        "x": URL_SAFE_NO_PAD.encode(&point[1..33]),
        "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
    });
    Key {
        pkcs8,
        jwk: serde_json::from_value(jwk).expect("jwk"),
    }
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn claims() -> serde_json::Value {
    json!({
        "iss": ISSUER, "aud": CLIENT, "sub": "248289761001", "nonce": NONCE,
        "iat": now(), "exp": now() + 300, "preferred_username": "kari",
    })
}

fn sign(key: &Key, kid: &str, claims: &serde_json::Value) -> String {
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_ec_der(&key.pkcs8)).expect("sign")
}

fn expected() -> Expected<'static> {
    Expected {
        issuer: ISSUER,
        client_id: CLIENT,
        nonce: NONCE,
    }
}

fn refused(token: &str, keys: &[Jwk]) -> String {
    match verify(token, keys, &expected()) {
        Err(Refused::Invalid(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_token_signed_by_the_providers_key_is_accepted() {
    let k = key("k1");
    let token = sign(&k, "k1", &claims());
    let got = verify(&token, std::slice::from_ref(&k.jwk), &expected()).expect("valid token");
    assert_eq!(got["sub"], "248289761001");
    assert_eq!(got["preferred_username"], "kari");
}

#[test]
fn an_altered_or_foreign_token_is_refused() {
    let k = key("k1");
    let token = sign(&k, "k1", &claims());
    // Another subject written into the payload, the signature kept.
    let mut forged = claims();
    forged["sub"] = json!("someone-else");
    let other_payload = sign(&k, "k1", &forged);
    let parts: Vec<&str> = token.split('.').collect();
    let forged_parts: Vec<&str> = other_payload.split('.').collect();
    let spliced = format!("{}.{}.{}", parts[0], forged_parts[1], parts[2]);
    assert!(refused(&spliced, std::slice::from_ref(&k.jwk)).contains("signature does not match"));
    // The right claims, signed by a key the provider never published, under its key id.
    let stranger = key("k1");
    let foreign = sign(&stranger, "k1", &claims());
    assert!(refused(&foreign, std::slice::from_ref(&k.jwk)).contains("signature does not match"));
    // Not a JWT at all.
    assert!(refused("not.a.jwt", std::slice::from_ref(&k.jwk)).contains("JWT"));
}

#[test]
fn the_claims_must_be_for_this_client_this_sign_in_and_now() {
    let k = key("k1");
    let keys = [k.jwk.clone()];
    let with = |field: &str, value: serde_json::Value| {
        let mut c = claims();
        c[field] = value;
        sign(&k, "k1", &c)
    };
    assert!(refused(&with("exp", json!(now() - 3600)), &keys).contains("expired"));
    assert!(refused(&with("aud", json!("another-app")), &keys).contains("another client"));
    assert!(refused(&with("iss", json!("https://evil.example")), &keys).contains("issuer"));
    assert!(refused(&with("nonce", json!("other")), &keys).contains("nonce"));
    assert!(
        refused(&with("aud", json!([CLIENT, "another-app"])), &keys).contains("azp"),
        "several audiences need azp"
    );
    assert!(refused(&with("azp", json!("another-app")), &keys).contains("another client"));
    let mut no_sub = claims();
    no_sub.as_object_mut().expect("object").remove("sub");
    assert!(refused(&sign(&k, "k1", &no_sub), &keys).contains("`sub`"));
}

#[test]
fn symmetric_tokens_and_unknown_keys_are_not_trusted() {
    let k = key("k1");
    let hs = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims(),
        &EncodingKey::from_secret(b"the-client-secret"),
    )
    .expect("sign");
    assert!(refused(&hs, std::slice::from_ref(&k.jwk)).contains("does not accept"));
    let rotated = key("k2");
    let token = sign(&rotated, "k2", &claims());
    assert!(matches!(
        verify(&token, std::slice::from_ref(&k.jwk), &expected()),
        Err(Refused::UnknownKey(_))
    ));
}

#[test]
fn names_scopes_and_the_pending_cookie() {
    let c =
        json!({"sub": "a1-b2/c3", "preferred_username": " kari\u{7} ", "email": "kari@example.no"});
    assert_eq!(
        names(c.as_object().expect("object")),
        vec!["kari", "kari@example.no", "sso-a1b2c3"]
    );
    assert_eq!(scopes("profile openid groups"), "openid profile groups");
    assert_eq!(scopes(""), "openid");
    let p = Pending {
        state: "s".into(),
        nonce: "n".into(),
        verifier: "v".into(),
        next: "/journeys?x=1".into(),
        started: 1_780_000_000,
    };
    assert_eq!(Pending::decode(&p.encode()), Some(p));
    assert_eq!(Pending::decode("not base64 json"), None);
}

#[test]
fn no_role_says_which_values_were_seen() {
    let e = SsoError::NoRole {
        claim: "groups".into(),
        values: vec!["outsiders".into()],
        known: vec!["stig-editors".into()],
    };
    assert_eq!(
        e.to_string(),
        "the `groups` claim has the values `outsiders`; none of them gives a role in Stig \
         (mapped: `stig-editors`)"
    );
    let settings = OidcSettings {
        issuer: ISSUER.into(),
        client_id: CLIENT.into(),
        client_secret: Some("s3cret-value".into()),
        scopes: String::new(),
        role_claim: "groups".into(),
        roles: "*=viewer".parse().expect("mapping"),
        name: "Example".into(),
        redirect_uri: redirect_uri("https://stig.example.com/"),
    };
    assert_eq!(
        settings.redirect_uri,
        "https://stig.example.com/login/sso/callback"
    );
    assert!(
        !format!("{settings:?}").contains("s3cret-value"),
        "secret hidden"
    );
}
