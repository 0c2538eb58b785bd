//! Crash points: with the feature `ledger-failpoints`, the process aborts at the step named by
//! `ALIPAY_VAULTING_FAILPOINT` (no unwinding, no destructor: as close to `kill -9` as a process
//! can do to itself). The crash tests run the CLI with each step named. Without the feature,
//! [`hit`] is empty.
//!
//! The steps: `before-intent`, `after-intent` (recorded, not sent), `after-answer` (answered,
//! not recorded), `after-outcome` (recorded, not delivered), `after-delivery` (handed to the
//! service, not acknowledged), `after-notification` (stored, not acknowledged to the gateway),
//! `after-claim` (claimed by recovery, not inquired), `after-inquiry` (inquired, not written
//! back).

/// The variable that names the step to crash at.
#[cfg(feature = "ledger-failpoints")]
pub const VARIABLE: &str = "ALIPAY_VAULTING_FAILPOINT";

/// Aborts the process when `step` is the one named.
#[cfg(feature = "ledger-failpoints")]
pub(crate) fn hit(step: &str) {
    if std::env::var(VARIABLE).is_ok_and(|named| named == step) {
        std::process::abort();
    }
}

/// Nothing, without the feature.
#[cfg(not(feature = "ledger-failpoints"))]
#[inline(always)]
pub(crate) fn hit(_step: &str) {}
