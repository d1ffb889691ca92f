//! Login throttling: failed sign-ins are counted per account name and per client address
//! over a sliding window, in the store, so every node of an installation counts the same
//! attempts. Past the limit a sign-in is refused (429) without checking the password until
//! the window has slid past enough failures; the page says when.
//!
//! A right password clears its account's count, not its address's: a guesser who also holds
//! one real account cannot use it to reset the address limit. Refused attempts count against
//! the address (a client that keeps hammering stays out), never against the account, so a
//! stranger cannot keep someone locked out for longer than one window.

use std::time::Duration;

use jiff::Timestamp;
use stig_store::{Store, StoreError, ThrottleScope};

/// How many failures are allowed, and over how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleConfig {
    /// Failures per account name in a window before it is refused (0: no account limit).
    pub max_per_account: u32,
    /// Failures per client address in a window (0: no address limit). Higher than the
    /// account limit: an office behind one address has many people.
    pub max_per_address: u32,
    pub window: Duration,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        ThrottleConfig {
            max_per_account: 5,
            max_per_address: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// A sign-in refused until `until`, because of `scope`'s failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    pub scope: ThrottleScope,
    pub until: Timestamp,
}

impl Blocked {
    /// Whole seconds from `now` until a retry can succeed (at least 1), for `Retry-After`.
    pub fn retry_after_secs(&self, now: Timestamp) -> u64 {
        let secs = (self.until - now).as_secs() + 1;
        u64::try_from(secs.max(1)).unwrap_or(1)
    }
}

/// The key an account name is counted under: as typed, trimmed, and not longer than any
/// user name is likely to be (a guesser's megabyte-long name is not stored).
fn account_key(name: &str) -> String {
    name.trim().chars().take(200).collect()
}

/// Whether a sign-in for `account` from `address` is refused now, and until when.
pub async fn check(
    store: &dyn Store,
    cfg: &ThrottleConfig,
    account: &str,
    address: &str,
    now: Timestamp,
) -> Result<Option<Blocked>, StoreError> {
    let since = now - cfg.window;
    let mut blocked: Option<Blocked> = None;
    let account = account_key(account);
    for (scope, key, max) in [
        (
            ThrottleScope::Account,
            account.as_str(),
            cfg.max_per_account,
        ),
        (ThrottleScope::Address, address, cfg.max_per_address),
    ] {
        if max == 0 {
            continue;
        }
        let failures = store.login_failures(scope, key, since, max).await?;
        // Refused while `max` failures lie in the window; free once the oldest of them leaves.
        if let Some(oldest) = failures.get(max as usize - 1) {
            let until = *oldest + cfg.window;
            if blocked.is_none_or(|b| until > b.until) {
                blocked = Some(Blocked { scope, until });
            }
        }
    }
    Ok(blocked)
}

/// A wrong password: counted against the account and the address.
pub async fn failed(
    store: &dyn Store,
    cfg: &ThrottleConfig,
    account: &str,
    address: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    let forget = now - cfg.window;
    store
        .record_login_failure(ThrottleScope::Account, &account_key(account), now, forget)
        .await?;
    store
        .record_login_failure(ThrottleScope::Address, address, now, forget)
        .await
}

/// An attempt refused by the throttle: counted against the address only.
pub async fn refused(
    store: &dyn Store,
    cfg: &ThrottleConfig,
    address: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    store
        .record_login_failure(ThrottleScope::Address, address, now, now - cfg.window)
        .await
}

/// A right password: the account's failures are forgotten.
pub async fn succeeded(store: &dyn Store, account: &str) -> Result<(), StoreError> {
    store
        .clear_login_failures(ThrottleScope::Account, &account_key(account))
        .await
}

/// The client's address as a throttle key: the one `client_addr` worked out (the peer, or
/// the forwarded client behind a trusted proxy), else the peer.
pub fn client_key(extensions: &axum::http::Extensions) -> String {
    extensions
        .get::<crate::client_addr::ClientAddr>()
        .map(|crate::client_addr::ClientAddr(ip)| *ip)
        .unwrap_or_else(|| crate::client_addr::peer(extensions))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use stig_store::SqliteStore;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + s).expect("time")
    }

    #[tokio::test]
    async fn an_account_is_refused_after_its_limit_until_the_window_slides() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let cfg = ThrottleConfig {
            max_per_account: 3,
            max_per_address: 10,
            window: Duration::from_secs(60),
        };
        for s in 0..3 {
            assert_eq!(
                check(&store, &cfg, "kari", "192.0.2.1", t(s))
                    .await
                    .expect("check"),
                None
            );
            failed(&store, &cfg, " kari ", "192.0.2.1", t(s))
                .await
                .expect("record");
        }
        let blocked = check(&store, &cfg, "kari", "192.0.2.9", t(10))
            .await
            .expect("check")
            .expect("blocked from any address");
        assert_eq!(blocked.scope, ThrottleScope::Account);
        assert_eq!(
            blocked.until,
            t(60),
            "when the first of the three leaves the window"
        );
        assert_eq!(blocked.retry_after_secs(t(10)), 51);
        assert_eq!(
            check(&store, &cfg, "ola", "192.0.2.9", t(10))
                .await
                .expect("check"),
            None
        );
        assert_eq!(
            check(&store, &cfg, "kari", "192.0.2.9", t(60))
                .await
                .expect("check"),
            None
        );
        succeeded(&store, "kari").await.expect("clear");
        assert_eq!(
            check(&store, &cfg, "kari", "192.0.2.1", t(20))
                .await
                .expect("check"),
            None
        );
    }

    #[tokio::test]
    async fn an_address_is_refused_for_every_account_and_stays_counted() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let cfg = ThrottleConfig {
            max_per_account: 0,
            max_per_address: 4,
            window: Duration::from_secs(60),
        };
        for (s, who) in ["a", "b", "c"].iter().enumerate() {
            failed(&store, &cfg, who, "198.51.100.4", t(s as i64))
                .await
                .expect("record");
        }
        refused(&store, &cfg, "198.51.100.4", t(5))
            .await
            .expect("record");
        succeeded(&store, "c").await.expect("clear");
        let blocked = check(&store, &cfg, "d", "198.51.100.4", t(6))
            .await
            .expect("check")
            .expect("blocked");
        assert_eq!(
            (blocked.scope, blocked.until),
            (ThrottleScope::Address, t(60))
        );
        assert_eq!(
            check(&store, &cfg, "d", "198.51.100.5", t(6))
                .await
                .expect("check"),
            None
        );
    }
}
