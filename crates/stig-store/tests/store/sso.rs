//! Single sign-on links and failed sign-ins, on every backend: an identity provider's account
//! is linked to one user made with it in one transaction, and failures are counted per
//! scope and key over a window, cleared per key and forgotten once old.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use stig_store::{ExternalIdentity, Role, StoreError, ThrottleScope, auth};

use crate::Backend;

fn identity(issuer: &str, subject: &str) -> ExternalIdentity {
    ExternalIdentity {
        issuer: issuer.to_owned(),
        subject: subject.to_owned(),
    }
}

const ISSUER: &str = "https://login.example.no";

pub async fn an_identity_is_linked_to_the_user_made_at_its_first_sign_in(b: &Backend) {
    let store = &*b.store;
    let kari = identity(ISSUER, "0f3c-kari");
    assert!(
        store
            .user_for_identity(&kari)
            .await
            .expect("read")
            .is_none()
    );
    let hash = auth::hash_password("never-typed-by-anyone").expect("hash");
    let user = store
        .create_user_for_identity(&kari, " kari ", &hash, Role::Editor)
        .await
        .expect("first sign-in");
    assert_eq!((user.name.as_str(), user.role), ("kari", Role::Editor));
    let found = store
        .user_for_identity(&kari)
        .await
        .expect("read")
        .expect("linked");
    assert_eq!(found, user);

    // The same account again (two first sign-ins at once): refused, nothing new.
    let err = store
        .create_user_for_identity(&kari, "kari-2", &hash, Role::Editor)
        .await
        .expect_err("linked already");
    assert!(
        matches!(
            &err,
            StoreError::AlreadyExists {
                kind: "external identity",
                ..
            }
        ),
        "{err}"
    );
    // Another account whose name is taken: refused whole (no user, no link).
    let other = identity(ISSUER, "77aa-other-kari");
    let err = store
        .create_user_for_identity(&other, "kari", &hash, Role::Viewer)
        .await
        .expect_err("name taken");
    assert!(
        matches!(&err, StoreError::AlreadyExists { kind: "user", id, .. } if id == "kari"),
        "{err}"
    );
    assert!(
        store
            .user_for_identity(&other)
            .await
            .expect("read")
            .is_none()
    );
    assert_eq!(store.user_count().await.expect("count"), 1);
    assert_eq!(
        b.raw_count("SELECT COUNT(*) FROM external_identities")
            .await,
        1
    );
    // The same subject at another provider is another person.
    let elsewhere = identity("https://idp.example.com", "0f3c-kari");
    assert!(
        store
            .user_for_identity(&elsewhere)
            .await
            .expect("read")
            .is_none()
    );
    // Both parts are needed.
    for bad in [identity(ISSUER, ""), identity(" ", "x")] {
        let err = store
            .create_user_for_identity(&bad, "nobody", &hash, Role::Viewer)
            .await
            .expect_err("incomplete identity");
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    }
    // Deleting the user ends the link.
    store.delete_user(user.id).await.expect("delete");
    assert!(
        store
            .user_for_identity(&kari)
            .await
            .expect("read")
            .is_none()
    );
    assert_eq!(
        b.raw_count("SELECT COUNT(*) FROM external_identities")
            .await,
        0
    );
}

pub async fn failed_sign_ins_are_counted_per_scope_and_key_and_forgotten(b: &Backend) {
    let store = &*b.store;
    let t0: Timestamp = "2026-03-01T08:00:00Z".parse().expect("time");
    let at = |s: i64| t0 + SignedDuration::from_secs(s);
    let before = t0 - SignedDuration::from_secs(1);
    let long_ago = t0 - SignedDuration::from_secs(3600);
    for s in 0..3 {
        store
            .record_login_failure(ThrottleScope::Account, "kari", at(s), long_ago)
            .await
            .expect("record");
        store
            .record_login_failure(ThrottleScope::Address, "192.0.2.7", at(s), long_ago)
            .await
            .expect("record");
    }
    let kari = store
        .login_failures(ThrottleScope::Account, "kari", before, 10)
        .await
        .expect("read");
    assert_eq!(kari, vec![at(2), at(1), at(0)], "newest first");
    let newest = store
        .login_failures(ThrottleScope::Account, "kari", before, 2)
        .await
        .expect("read");
    assert_eq!(newest, vec![at(2), at(1)], "at most the limit");
    let recent = store
        .login_failures(ThrottleScope::Account, "kari", at(1), 10)
        .await
        .expect("read");
    assert_eq!(recent, vec![at(2)], "only after the start of the window");
    // Scopes and keys are apart: an address is not an account name.
    assert!(
        store
            .login_failures(ThrottleScope::Account, "192.0.2.7", before, 10)
            .await
            .expect("read")
            .is_empty()
    );
    assert!(
        store
            .login_failures(ThrottleScope::Account, "ola", before, 10)
            .await
            .expect("read")
            .is_empty()
    );

    // A right password clears the account, not the address it came from.
    store
        .clear_login_failures(ThrottleScope::Account, "kari")
        .await
        .expect("clear");
    assert!(
        store
            .login_failures(ThrottleScope::Account, "kari", before, 10)
            .await
            .expect("read")
            .is_empty()
    );
    assert_eq!(
        store
            .login_failures(ThrottleScope::Address, "192.0.2.7", before, 10)
            .await
            .expect("read")
            .len(),
        3
    );

    // Recording forgets what is older than the window, whatever its key.
    let later = at(0) + Duration::from_secs(2 * 3600);
    store
        .record_login_failure(ThrottleScope::Account, "ola", later, at(1))
        .await
        .expect("record");
    assert_eq!(
        b.raw_count("SELECT COUNT(*) FROM login_failures").await,
        3,
        "the two address rows from at(1) on, and ola's"
    );
}
