//! A budget of inquiries per second, shared by everything that inquires on a schedule of its own
//! (`resolve` given one, the ledger's recovery), so that a restart after an incident, with
//! thousands of vaultings to settle, does not flood the gateway.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// A token bucket of inquiries: `per_second` on average, bursts of at most `burst`, and a pause
/// for everyone after the gateway answered `REQUEST_TRAFFIC_EXCEED_LIMIT`. Cheap to clone: the
/// clones share one bucket.
#[derive(Clone)]
pub struct InquiryBudget(Arc<Mutex<Bucket>>);

struct Bucket {
    per_second: f64,
    burst: f64,
    tokens: f64,
    refilled: Instant,
    paused_until: Option<Instant>,
    pauses: u32,
}

impl fmt::Debug for InquiryBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bucket = self.bucket();
        f.debug_struct("InquiryBudget")
            .field("per_second", &bucket.per_second)
            .field("burst", &bucket.burst)
            .finish_non_exhaustive()
    }
}

impl PartialEq for InquiryBudget {
    /// The same bucket.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl InquiryBudget {
    /// `per_second` inquiries on average (at least 0.01), in bursts of at most one second's
    /// worth (at least 1).
    pub fn per_second(per_second: f64) -> InquiryBudget {
        let per_second = per_second.max(0.01);
        let burst = per_second.max(1.0);
        InquiryBudget(Arc::new(Mutex::new(Bucket {
            per_second,
            burst,
            tokens: burst,
            refilled: Instant::now(),
            paused_until: None,
            pauses: 0,
        })))
    }

    fn bucket(&self) -> std::sync::MutexGuard<'_, Bucket> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits for one inquiry's token, at most `limit`; `false` when the limit came first (no
    /// token taken).
    pub async fn acquire_within(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            let wait = {
                let mut bucket = self.bucket();
                let now = Instant::now();
                match bucket.paused_until {
                    Some(until) if until > now => until - now,
                    _ => {
                        let elapsed = now.duration_since(bucket.refilled).as_secs_f64();
                        bucket.tokens =
                            (bucket.tokens + elapsed * bucket.per_second).min(bucket.burst);
                        bucket.refilled = now;
                        if bucket.tokens >= 1.0 {
                            bucket.tokens -= 1.0;
                            return true;
                        }
                        Duration::from_secs_f64((1.0 - bucket.tokens) / bucket.per_second)
                    }
                }
            };
            let now = Instant::now();
            if now + wait > deadline {
                tokio::time::sleep(deadline.saturating_duration_since(now)).await;
                return false;
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// The gateway said "too many requests": every holder of this budget waits, from 1 s on
    /// the first answer, doubling on each answer that follows before a token was spent, up to
    /// 60 s.
    pub fn push_back(&self) {
        let mut bucket = self.bucket();
        let now = Instant::now();
        let still_paused = bucket.paused_until.is_some_and(|until| until > now);
        bucket.pauses = if still_paused { bucket.pauses + 1 } else { 1 };
        let pause = Duration::from_secs(1 << bucket.pauses.min(6).saturating_sub(1))
            .min(Duration::from_secs(60));
        bucket.paused_until = Some(now + pause);
        bucket.tokens = 0.0;
    }

    /// How much longer the budget is paused by a traffic-limit answer, if it is.
    pub fn paused_for(&self) -> Option<Duration> {
        let until = self.bucket().paused_until?;
        let now = Instant::now();
        (until > now).then(|| until - now)
    }

    /// Whether the budget is paused by a traffic-limit answer now.
    pub fn is_paused(&self) -> bool {
        self.bucket()
            .paused_until
            .is_some_and(|until| until > Instant::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_bucket_spaces_inquiries_and_pauses_on_push_back() {
        let budget = InquiryBudget::per_second(10.0);
        let started = Instant::now();
        let far = Duration::from_secs(60);
        for _ in 0..30 {
            assert!(budget.acquire_within(far).await);
        }
        // 10 at once (the burst), then 20 more at 10 per second.
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(1900), "{took:?}");
        assert!(took <= Duration::from_millis(2100), "{took:?}");

        budget.push_back();
        assert!(budget.is_paused());
        let before = Instant::now();
        assert!(budget.acquire_within(far).await);
        assert!(before.elapsed() >= Duration::from_secs(1));

        // A deadline before the next token: no token.
        budget.push_back();
        assert!(!budget.acquire_within(Duration::from_millis(100)).await);
    }
}
