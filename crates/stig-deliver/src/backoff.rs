//! When to try a failed delivery again, and when to give up.
//!
//! Exponential and deterministic: the n-th retry waits `first × factorⁿ⁻¹`, capped. There
//! is deliberately no jitter. Jitter exists to spread a thundering herd of *clients* that
//! failed at the same instant; here one worker drains one outbox, due times are already spread
//! by when each moment happened, and a delivery's schedule must be something a person can read
//! off the delivery log ("next try in 80 s") and a test can assert exactly. Should many
//! deliveries to one receiver fail together, bounding the sender's concurrency per receiver,
//! not random delays, is what keeps a recovering receiver from being flooded.

use std::time::Duration;

/// How long to wait before each retry, and how many attempts to make in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failed attempt.
    pub first: Duration,
    /// Each further wait is this many times the one before.
    pub factor: u32,
    /// No wait is longer than this.
    pub cap: Duration,
    /// Attempts in all (the first included); after the last one fails, the delivery is dead.
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    /// 5 s, 20 s, 80 s, 5 m 20 s, 21 m 20 s, 1 h 25 m, 5 h 41 m, then dead: eight attempts over
    /// about seven and a half hours, so a receiver that is down for a working morning still
    /// gets everything.
    fn default() -> Self {
        Self {
            first: Duration::from_secs(5),
            factor: 4,
            cap: Duration::from_secs(6 * 3600),
            max_attempts: 8,
        }
    }
}

impl RetryPolicy {
    /// A fast schedule for tests and benchmarks: 50 ms, 100 ms, 200 ms, then dead.
    pub fn quick() -> Self {
        Self {
            first: Duration::from_millis(50),
            factor: 2,
            cap: Duration::from_secs(1),
            max_attempts: 4,
        }
    }

    /// How long to wait before the next attempt when `attempts_made` attempts have failed:
    /// zero when none was made yet, `None` when no attempt is left (the dead letter).
    pub fn delay_after(&self, attempts_made: u32) -> Option<Duration> {
        if attempts_made >= self.max_attempts {
            return None;
        }
        if attempts_made == 0 {
            return Some(Duration::ZERO);
        }
        let delay = self
            .factor
            .checked_pow(attempts_made - 1)
            .and_then(|m| self.first.checked_mul(m))
            .unwrap_or(self.cap);
        Some(delay.min(self.cap))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_schedule() {
        let p = RetryPolicy::default();
        let secs: Vec<Option<u64>> = (0..=9)
            .map(|n| p.delay_after(n).map(|d| d.as_secs()))
            .collect();
        assert_eq!(
            secs,
            [
                Some(0),
                Some(5),
                Some(20),
                Some(80),
                Some(320),
                Some(1280),
                Some(5120),
                Some(20480),
                None,
                None
            ]
        );
    }

    #[test]
    fn the_cap_holds_and_huge_exponents_do_not_overflow() {
        let p = RetryPolicy {
            max_attempts: u32::MAX,
            ..RetryPolicy::default()
        };
        assert_eq!(p.delay_after(9), Some(p.cap));
        assert_eq!(p.delay_after(1000), Some(p.cap));
        let q = RetryPolicy::quick();
        let ms: Vec<Option<u128>> = (0..=4)
            .map(|n| q.delay_after(n).map(|d| d.as_millis()))
            .collect();
        assert_eq!(ms, [Some(0), Some(50), Some(100), Some(200), None]);
    }
}
