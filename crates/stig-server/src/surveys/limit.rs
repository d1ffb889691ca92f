//! A small in-memory token bucket per client, so that a public survey page cannot be hammered:
//! each client may make [`RateLimiter::PER_MINUTE`] requests a minute (in a burst or spread
//! out); more are answered 429 with `Retry-After`.
//!
//! The client is the peer address when the server was started with connect info, else the
//! last `X-Forwarded-For` hop (the one the nearest proxy added), else one shared bucket.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::http::HeaderMap;

pub struct RateLimiter {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Default for RateLimiter {
    fn default() -> Self {
        RateLimiter::new(Self::PER_MINUTE)
    }
}

impl RateLimiter {
    /// Requests a client may make a minute.
    pub const PER_MINUTE: u32 = 20;
    /// Buckets kept before the full (idle) ones are dropped.
    const MAX_CLIENTS: usize = 10_000;

    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            capacity: f64::from(per_minute.max(1)),
            per_second: f64::from(per_minute.max(1)) / 60.0,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `client`'s bucket: `Err(seconds to wait)` when it is empty.
    pub fn check(&self, client: &str) -> Result<(), u64> {
        self.check_at(client, Instant::now())
    }

    fn check_at(&self, client: &str, now: Instant) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= Self::MAX_CLIENTS && !buckets.contains_key(client) {
            let (capacity, rate) = (self.capacity, self.per_second);
            buckets.retain(|_, b| refilled(*b, now, capacity, rate) < capacity);
        }
        let bucket = buckets.entry(client.to_owned()).or_insert(Bucket {
            tokens: self.capacity,
            at: now,
        });
        let tokens = refilled(*bucket, now, self.capacity, self.per_second);
        if tokens >= 1.0 {
            *bucket = Bucket {
                tokens: tokens - 1.0,
                at: now,
            };
            Ok(())
        } else {
            *bucket = Bucket { tokens, at: now };
            Err(((1.0 - tokens) / self.per_second).ceil().max(1.0) as u64)
        }
    }
}

fn refilled(b: Bucket, now: Instant, capacity: f64, per_second: f64) -> f64 {
    let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
    (b.tokens + elapsed * per_second).min(capacity)
}

/// Who is asking, as well as can be told: the peer address; behind a reverse proxy on this
/// machine or network (a loopback or private peer), the last `X-Forwarded-For` hop it added.
/// A client on the internet cannot choose its key by sending the header itself.
pub fn client_key(peer: Option<IpAddr>, headers: &HeaderMap) -> String {
    let forwarded = || {
        headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').map(str::trim).find(|s| !s.is_empty()))
            .map(str::to_owned)
    };
    match peer {
        Some(ip) if is_proxy(ip) => forwarded().unwrap_or_else(|| ip.to_string()),
        Some(ip) => ip.to_string(),
        None => forwarded().unwrap_or_else(|| "*".to_owned()),
    }
}

fn is_proxy(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.is_unique_local(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_empties_refills_and_is_per_client() {
        let limiter = RateLimiter::new(3);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check_at("a", t0), Ok(()));
        }
        assert_eq!(limiter.check_at("a", t0), Err(20));
        assert_eq!(limiter.check_at("b", t0), Ok(()));
        assert_eq!(limiter.check_at("a", t0 + Duration::from_secs(20)), Ok(()));
        assert!(limiter.check_at("a", t0 + Duration::from_secs(21)).is_err());
    }

    #[test]
    fn the_client_is_the_peer_or_behind_a_local_proxy_the_nearest_forwarded_hop() {
        let mut h = HeaderMap::new();
        assert_eq!(client_key(None, &h), "*");
        h.insert(
            "x-forwarded-for",
            "1.2.3.4, 10.0.0.1".parse().expect("header"),
        );
        assert_eq!(client_key(None, &h), "10.0.0.1");
        let peer: IpAddr = "192.0.2.7".parse().expect("ip");
        assert_eq!(
            client_key(Some(peer), &h),
            "192.0.2.7",
            "a public peer is the client"
        );
        let proxy: IpAddr = "127.0.0.1".parse().expect("ip");
        assert_eq!(
            client_key(Some(proxy), &h),
            "10.0.0.1",
            "behind a local proxy"
        );
        assert_eq!(client_key(Some(proxy), &HeaderMap::new()), "127.0.0.1");
    }
}
