//! When the client may repeat a call by itself, as a pure, table-tested function ([`decide`]).
//!
//! The rule behind every decision: repeat a call only when repeating cannot change what happened
//! at Alipay.
//! - An **inquiry** is read-only: repeat it after any transient failure.
//! - A **vaulting** is repeated only when nothing reached the gateway ([`Attempt::NotSent`]).
//!   After a timeout, a lost connection, a 5xx, a rejected response or a `U` result the request
//!   may have been processed, so the decision is [`StopReason::InquireInstead`]: the client's
//!   `resolve` inquires with the same `vaultingRequestId` instead of sending the vaulting again.
//!
//! Delays are exponential with "equal jitter" ([`backoff`]); the jitter is a parameter so the
//! function stays pure and the tests exact.

use std::time::Duration;

use crate::outcome::{InquiryOutcome, NextStep, VaultOutcome};

pub use crate::operation::Operation;

/// What one attempt came to, classified for [`decide`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Attempt {
    /// Nothing reached the gateway (connection refused, DNS or TLS handshake failure).
    NotSent,
    /// Nothing was sent because the request itself is wrong (fails validation, cannot be
    /// serialised or signed): sending it again would fail the same way.
    InvalidRequest,
    /// Sent, but no complete response within the timeout.
    TimedOut,
    /// Sent, then the connection was reset or the response truncated.
    ConnectionLost,
    /// The gateway answered with this HTTP 5xx status.
    ServerError(u16),
    /// The gateway answered with this HTTP status, neither 200 nor 5xx (a 5xx given here counts
    /// as [`Attempt::ServerError`]).
    HttpStatus(u16),
    /// A response arrived but was refused: bad or missing signature, malformed body.
    Rejected,
    /// A `U` business result: the outcome is not known yet.
    ResultUnknown,
    /// A final business answer (anything else, including "buyer action required").
    Final,
}

impl Attempt {
    /// Classifies a non-200 HTTP status: 5xx is [`Attempt::ServerError`], anything else
    /// [`Attempt::HttpStatus`].
    pub fn from_http_status(status: u16) -> Attempt {
        if (500..=599).contains(&status) {
            Attempt::ServerError(status)
        } else {
            Attempt::HttpStatus(status)
        }
    }

    /// Classifies a vaulting answer: [`VaultOutcome::Unknown`] is [`Attempt::ResultUnknown`],
    /// every other outcome is [`Attempt::Final`] for this attempt.
    pub fn of_vault(outcome: &VaultOutcome) -> Attempt {
        match outcome {
            VaultOutcome::Unknown(_) => Attempt::ResultUnknown,
            _ => Attempt::Final,
        }
    }

    /// Classifies an inquiry answer: an unknown outcome whose next step is to inquire again is
    /// [`Attempt::ResultUnknown`]; anything else (including `Processing`, which is an answer,
    /// and an inquiry the gateway refused) is [`Attempt::Final`].
    pub fn of_inquiry(outcome: &InquiryOutcome) -> Attempt {
        match outcome {
            InquiryOutcome::Unknown(unknown)
                if unknown.next_step == NextStep::InquireWithSameRequestId =>
            {
                Attempt::ResultUnknown
            }
            _ => Attempt::Final,
        }
    }
}

/// How often and how fast the client repeats a call by itself.
///
/// The default is 3 attempts (the first plus two retries), a 200 ms base delay and a 5 s cap.
/// A transient failure (a dropped connection, a gateway restart) usually passes within a second,
/// so two quick retries (about 100–200 ms, then 200–400 ms) catch most of them while adding
/// well under a second to a call whose timeout is 15 s in the official SDKs. The cap matters
/// for longer schedules, e.g. `resolve`'s inquiries.
///
/// Built from [`RetryPolicy::default`] and the `with_*` setters (the type may grow):
/// `RetryPolicy::default().with_max_attempts(1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included (0 counts as 1).
    pub max_attempts: u32,
    /// The delay after the first attempt, before jitter.
    pub base_delay: Duration,
    /// The longest delay, before jitter.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// The same policy with `max_attempts` attempts in all (0 counts as 1).
    #[must_use]
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// The same policy with this delay after the first attempt.
    #[must_use]
    pub fn with_base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }

    /// The same policy with this longest delay.
    #[must_use]
    pub fn with_max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Make the next attempt after this delay.
    Retry {
        /// How long to wait first.
        after: Duration,
    },
    /// Make no further attempt of this operation.
    Stop(StopReason),
}

/// Why [`decide`] stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StopReason {
    /// The gateway gave a final business answer; act on it.
    FinalAnswer,
    /// The policy's attempts are used up; the last error stands.
    AttemptsExhausted,
    /// A vaulting may have been processed: never resend it; inquire with the same
    /// `vaultingRequestId` instead.
    InquireInstead,
    /// Repeating the same request would fail the same way (an invalid request, HTTP 4xx).
    NotRetryable,
}

/// Decides whether to repeat `op` after attempt number `attempt_number` (1-based, the attempt
/// that just finished) came to `result`.
///
/// | result | Inquire (read-only) | Vault (changes state) |
/// |---|---|---|
/// | `Final` | stop: final answer | stop: final answer |
/// | `NotSent` | retry | retry |
/// | `TimedOut`, `ConnectionLost`, `ServerError`, `Rejected`, `ResultUnknown` | retry | stop: inquire instead |
/// | `InvalidRequest`, `HttpStatus(4xx)` | stop: not retryable | stop: not retryable |
/// | `HttpStatus(other)` (1xx, 2xx other than 200, 3xx) | stop: not retryable | stop: inquire instead |
///
/// A "retry" becomes `Stop(AttemptsExhausted)` once `attempt_number >= policy.max_attempts`;
/// otherwise its delay is [`backoff`]`(policy, attempt_number, jitter)`. `jitter` is a random
/// number in `[0, 1)`, passed in so the function stays pure.
pub fn decide(
    op: Operation,
    attempt_number: u32,
    result: Attempt,
    policy: &RetryPolicy,
    jitter: f64,
) -> Decision {
    let result = match result {
        Attempt::HttpStatus(status) => Attempt::from_http_status(status),
        other => other,
    };
    let stop = match result {
        Attempt::Final => Some(StopReason::FinalAnswer),
        Attempt::NotSent => None,
        Attempt::InvalidRequest => Some(StopReason::NotRetryable),
        Attempt::HttpStatus(status) if (400..=499).contains(&status) => {
            Some(StopReason::NotRetryable)
        }
        Attempt::HttpStatus(_) if op.is_read_only() => Some(StopReason::NotRetryable),
        _ if op.is_read_only() => None,
        // Sent, and possibly processed: a second vaulting could vault the card twice.
        _ => Some(StopReason::InquireInstead),
    };
    if let Some(reason) = stop {
        return Decision::Stop(reason);
    }
    if attempt_number >= policy.max_attempts.max(1) {
        return Decision::Stop(StopReason::AttemptsExhausted);
    }
    Decision::Retry {
        after: backoff(policy, attempt_number, jitter),
    }
}

/// The delay after attempt number `attempt_number` (1-based): exponential backoff with "equal
/// jitter".
///
/// `cap = min(base_delay * 2^(attempt_number - 1), max_delay)`, then
/// `delay = cap / 2 + floor((cap - cap / 2) * jitter)` (in nanoseconds). Half the delay is
/// fixed, so retries never bunch up at zero; the other half is spread by `jitter` so many
/// clients do not retry in step. `jitter` is clamped to `[0, 1]` (NaN counts as 0), so the
/// delay is always between `cap / 2` and `cap`. Attempt 0 counts as 1; overflow saturates at
/// `max_delay`.
pub fn backoff(policy: &RetryPolicy, attempt_number: u32, jitter: f64) -> Duration {
    let exponent = attempt_number.max(1) - 1;
    let cap = 2u32
        .checked_pow(exponent)
        .and_then(|factor| policy.base_delay.checked_mul(factor))
        .map_or(policy.max_delay, |delay| delay.min(policy.max_delay));
    let jitter = if jitter.is_nan() {
        0.0
    } else {
        jitter.clamp(0.0, 1.0)
    };
    let fixed = cap / 2;
    let spread = cap - fixed;
    let jittered = match u64::try_from(spread.as_nanos()) {
        Ok(nanos) => Duration::from_nanos(((nanos as f64 * jitter).floor() as u64).min(nanos)),
        Err(_) => Duration::try_from_secs_f64(spread.as_secs_f64() * jitter).unwrap_or(spread),
    };
    fixed + jittered.min(spread)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_never_panics_on_extremes() {
        let huge = RetryPolicy {
            max_attempts: u32::MAX,
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
        };
        for n in [0, 1, 2, 64, u32::MAX] {
            for j in [f64::NAN, -1.0, 0.0, 0.5, 1.0, 2.0, f64::INFINITY] {
                let d = backoff(&huge, n, j);
                assert!(d >= Duration::MAX / 2, "{n} {j}");
                let d = backoff(&RetryPolicy::default(), n, j);
                assert!(d <= Duration::from_secs(5), "{n} {j}");
            }
        }
    }
}
