//! A small in-memory token bucket per client, so that a public survey page cannot be hammered:
//! each client may make [`RateLimiter::PER_MINUTE`] requests a minute (in a burst or spread
//! out); more are answered 429 with `Retry-After`.
//!
//! The client is [`crate::client_addr::client_addr`]: the peer, or behind a trusted proxy the
//! address it forwarded.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

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
}
