//! How long to wait before trying the hub again: exponential backoff with
//! full jitter (a uniformly random wait between zero and
//! `min(cap, base × 2^attempt)`), so that many desks cut off by the same
//! outage do not all come back in the same second. A success resets it;
//! the hub's `Retry-After` is a floor under the wait.
//!
//! The randomness is a [`Jitter`] source: [`SplitMix64`] seeded from the
//! process's hash seed in use, or seeded by a test so every wait is known.
//! The loop that sleeps belongs to the desk (`approval-api`'s sync task);
//! this is only the arithmetic.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use approval_contract::ExchangeError;

/// The first ceiling: a retry after a dropped connection comes soon.
pub const DEFAULT_BASE: Duration = Duration::from_secs(1);
/// The highest ceiling: a desk offline for hours asks every few minutes.
pub const DEFAULT_CAP: Duration = Duration::from_secs(5 * 60);
/// The longest `Retry-After` obeyed: a hub (or something pretending to be
/// one) cannot silence a desk for days.
pub const DEFAULT_RETRY_AFTER_LIMIT: Duration = Duration::from_secs(60 * 60);

/// A source of numbers uniform in `[0, 1)`.
pub trait Jitter: Send {
    fn unit(&mut self) -> f64;
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, good enough to spread
/// retries (not for secrets).
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn seeded(seed: u64) -> Self {
        Self { state: seed }
    }

    /// Seeded differently in every process (and every call): std's
    /// `RandomState` keys are drawn from the OS's randomness.
    pub fn from_entropy() -> Self {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(0x5eed);
        Self::seeded(hasher.finish())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Jitter for SplitMix64 {
    fn unit(&mut self) -> f64 {
        // The top 53 bits: every value exactly representable, below 1.
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A jitter that always answers the same fraction (tests that want the
/// ceiling itself, or zero).
#[derive(Debug, Clone, Copy)]
pub struct FixedJitter(pub f64);

impl Jitter for FixedJitter {
    fn unit(&mut self) -> f64 {
        self.0.clamp(0.0, 1.0)
    }
}

/// Exponential backoff with full jitter.
#[derive(Debug, Clone)]
pub struct Backoff<J: Jitter = SplitMix64> {
    base: Duration,
    cap: Duration,
    retry_after_limit: Duration,
    /// Failures since the last success.
    attempt: u32,
    jitter: J,
}

impl Backoff<SplitMix64> {
    /// `base` and `cap` with jitter seeded from the OS's randomness.
    pub fn new(base: Duration, cap: Duration) -> Self {
        Self::with_jitter(base, cap, SplitMix64::from_entropy())
    }

    /// Reproducible waits: the same seed gives the same sequence.
    pub fn seeded(base: Duration, cap: Duration, seed: u64) -> Self {
        Self::with_jitter(base, cap, SplitMix64::seeded(seed))
    }
}

impl Default for Backoff<SplitMix64> {
    fn default() -> Self {
        Self::new(DEFAULT_BASE, DEFAULT_CAP)
    }
}

impl<J: Jitter> Backoff<J> {
    pub fn with_jitter(base: Duration, cap: Duration, jitter: J) -> Self {
        Self {
            base,
            cap: cap.max(base),
            retry_after_limit: DEFAULT_RETRY_AFTER_LIMIT,
            attempt: 0,
            jitter,
        }
    }

    /// Obeys a `Retry-After` up to `limit` (default one hour).
    pub fn with_retry_after_limit(mut self, limit: Duration) -> Self {
        self.retry_after_limit = limit;
        self
    }

    /// Failures since the last success (or reset).
    pub fn attempts(&self) -> u32 {
        self.attempt
    }

    /// The bound of the next wait: `min(cap, base × 2^attempts)`.
    pub fn ceiling(&self) -> Duration {
        // 2^attempt overflows nothing: shifts past the cap stop at the cap.
        let factor = 1u128 << self.attempt.min(100);
        let nanos = self.base.as_nanos().saturating_mul(factor);
        let cap = self.cap.as_nanos();
        duration_from_nanos(nanos.min(cap))
    }

    /// The wait after one more failure: uniform in `[0, ceiling]`.
    pub fn next_delay(&mut self) -> Duration {
        let ceiling = self.ceiling();
        self.attempt = self.attempt.saturating_add(1);
        let fraction = self.jitter.unit().clamp(0.0, 1.0);
        duration_from_nanos((ceiling.as_nanos() as f64 * fraction) as u128)
    }

    /// The wait after a failure for which the hub asked for `retry_after`:
    /// never shorter than that (up to the limit), still jittered above it
    /// so desks told the same thing spread out.
    pub fn next_delay_after(&mut self, retry_after: Option<Duration>) -> Duration {
        let jittered = self.next_delay();
        match retry_after {
            Some(asked) => asked.min(self.retry_after_limit).max(jittered),
            None => jittered,
        }
    }

    /// The wait after `error`, or `None` when retrying unchanged cannot help
    /// (a refusal or a lost session: the caller must act first).
    pub fn delay_for(&mut self, error: &ExchangeError) -> Option<Duration> {
        match error {
            ExchangeError::Unavailable { retry_after, .. } => {
                Some(self.next_delay_after(*retry_after))
            }
            ExchangeError::Refused { .. } | ExchangeError::Unauthorized(_) => None,
        }
    }

    /// After a success: the next failure waits little again.
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

fn duration_from_nanos(nanos: u128) -> Duration {
    let seconds = u64::try_from(nanos / 1_000_000_000).unwrap_or(u64::MAX);
    // The remainder is below 10^9, so it fits.
    let rest = u32::try_from(nanos % 1_000_000_000).unwrap_or(0);
    Duration::new(seconds, rest)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use approval_contract::WireError;

    const BASE: Duration = Duration::from_millis(100);
    const CAP: Duration = Duration::from_secs(10);

    #[test]
    fn the_ceiling_doubles_up_to_the_cap() {
        let mut backoff = Backoff::with_jitter(BASE, CAP, FixedJitter(1.0));
        let waits: Vec<u128> = (0..10).map(|_| backoff.next_delay().as_millis()).collect();
        assert_eq!(
            waits,
            [100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000]
        );
        // Far past any shift width: still the cap, no overflow.
        for _ in 0..1000 {
            assert_eq!(backoff.next_delay(), CAP);
        }
        assert_eq!(backoff.attempts(), 1010);
    }

    #[test]
    fn every_wait_is_within_zero_and_the_ceiling() {
        let mut backoff = Backoff::seeded(BASE, CAP, 42);
        let mut total_below_half = 0;
        for _ in 0..2000 {
            let ceiling = backoff.ceiling();
            let wait = backoff.next_delay();
            assert!(wait <= ceiling, "{wait:?} > {ceiling:?}");
            if wait < ceiling / 2 {
                total_below_half += 1;
            }
            if backoff.attempts() > 20 {
                backoff.reset();
            }
        }
        // Full jitter spreads waits over the whole range, not near the top.
        assert!(
            (600..1400).contains(&total_below_half),
            "{total_below_half}"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_waits_and_another_seed_others() {
        let waits = |seed| {
            let mut backoff = Backoff::seeded(BASE, CAP, seed);
            (0..12).map(|_| backoff.next_delay()).collect::<Vec<_>>()
        };
        assert_eq!(waits(7), waits(7));
        assert_ne!(waits(7), waits(8));
    }

    #[test]
    fn a_success_resets_the_growth() {
        let mut backoff = Backoff::with_jitter(BASE, CAP, FixedJitter(1.0));
        for _ in 0..6 {
            backoff.next_delay();
        }
        assert_eq!(backoff.ceiling(), Duration::from_millis(6400));
        backoff.reset();
        assert_eq!(backoff.attempts(), 0);
        assert_eq!(backoff.next_delay(), BASE);
    }

    #[test]
    fn retry_after_is_a_floor_up_to_its_limit() {
        let mut backoff = Backoff::with_jitter(BASE, CAP, FixedJitter(0.5))
            .with_retry_after_limit(Duration::from_secs(30));
        assert_eq!(
            backoff.next_delay_after(Some(Duration::from_secs(5))),
            Duration::from_secs(5)
        );
        // Past the limit: the limit.
        assert_eq!(
            backoff.next_delay_after(Some(Duration::from_secs(86_400))),
            Duration::from_secs(30)
        );
        // A zero Retry-After does not shorten the jittered wait (0.5 × 400 ms).
        assert_eq!(
            backoff.next_delay_after(Some(Duration::ZERO)),
            Duration::from_millis(200)
        );
    }

    #[test]
    fn only_an_unavailable_hub_is_worth_waiting_for() {
        let mut backoff = Backoff::with_jitter(BASE, CAP, FixedJitter(1.0));
        let unavailable = ExchangeError::Unavailable {
            reason: "503".into(),
            retry_after: Some(Duration::from_secs(3)),
        };
        assert_eq!(
            backoff.delay_for(&unavailable),
            Some(Duration::from_secs(3))
        );
        let wire = WireError::new("x", "x", "x");
        assert_eq!(
            backoff.delay_for(&ExchangeError::Unauthorized(wire.clone())),
            None
        );
        assert_eq!(
            backoff.delay_for(&ExchangeError::Refused {
                status: 409,
                error: wire
            }),
            None
        );
        assert_eq!(backoff.attempts(), 1);
    }

    #[test]
    fn a_cap_below_the_base_is_the_base() {
        let mut backoff = Backoff::with_jitter(
            Duration::from_secs(2),
            Duration::from_secs(1),
            FixedJitter(1.0),
        );
        assert_eq!(backoff.next_delay(), Duration::from_secs(2));
        assert_eq!(backoff.next_delay(), Duration::from_secs(2));
    }

    #[test]
    fn splitmix_units_stay_below_one() {
        let mut jitter = SplitMix64::seeded(0);
        for _ in 0..10_000 {
            let unit = jitter.unit();
            assert!((0.0..1.0).contains(&unit));
        }
        let a = SplitMix64::from_entropy().next_u64();
        let b = SplitMix64::from_entropy().next_u64();
        assert_ne!(a, b);
    }
}
