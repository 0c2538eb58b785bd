//! `retry::decide` and `retry::backoff` as tables: every `Attempt` for both operations,
//! exhaustion, and the exact backoff durations.

use std::time::Duration;

use alipay_vaulting::outcome::{interpret_inquiry, interpret_vault};
use alipay_vaulting::retry::{
    backoff, decide, Attempt, Decision, Operation, RetryPolicy, StopReason,
};
use serde_json::json;

const fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

const fn ns(nanos: u64) -> Duration {
    Duration::from_nanos(nanos)
}

fn retry(after: Duration) -> Decision {
    Decision::Retry { after }
}

fn stop(reason: StopReason) -> Decision {
    Decision::Stop(reason)
}

#[test]
fn the_default_policy_is_as_documented() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_attempts, 3);
    assert_eq!(policy.base_delay, ms(200));
    assert_eq!(policy.max_delay, ms(5_000));
}

/// (operation, attempt number, result, expected decision), with the default policy and jitter 0
/// (so a retry after attempt n waits `200 ms * 2^(n-1) / 2`).
#[test]
fn decisions() {
    use Attempt::*;
    use Operation::{Inquire, Vault};
    use StopReason::*;
    #[rustfmt::skip]
    let table: &[(Operation, u32, Attempt, Decision)] = &[
        // -- inquiry: read-only, so every transient failure is retried --
        (Inquire, 1, Final,              stop(FinalAnswer)),
        (Inquire, 1, NotSent,            retry(ms(100))),
        (Inquire, 1, InvalidRequest,     stop(NotRetryable)),
        (Inquire, 1, TimedOut,           retry(ms(100))),
        (Inquire, 1, ConnectionLost,     retry(ms(100))),
        (Inquire, 1, ServerError(500),   retry(ms(100))),
        (Inquire, 1, ServerError(503),   retry(ms(100))),
        (Inquire, 1, Rejected,           retry(ms(100))),
        (Inquire, 1, ResultUnknown,      retry(ms(100))),
        (Inquire, 1, HttpStatus(400),    stop(NotRetryable)),
        (Inquire, 1, HttpStatus(404),    stop(NotRetryable)),
        (Inquire, 1, HttpStatus(429),    stop(NotRetryable)),
        (Inquire, 1, HttpStatus(302),    stop(NotRetryable)),
        (Inquire, 1, HttpStatus(204),    stop(NotRetryable)),
        (Inquire, 1, HttpStatus(502),    retry(ms(100))), // a 5xx is a server error
        (Inquire, 2, TimedOut,           retry(ms(200))),
        (Inquire, 2, NotSent,            retry(ms(200))),
        // -- vaulting: resent only when nothing reached the gateway --
        (Vault,   1, Final,              stop(FinalAnswer)),
        (Vault,   1, NotSent,            retry(ms(100))),
        (Vault,   1, InvalidRequest,     stop(NotRetryable)),
        (Vault,   1, TimedOut,           stop(InquireInstead)),
        (Vault,   1, ConnectionLost,     stop(InquireInstead)),
        (Vault,   1, ServerError(500),   stop(InquireInstead)),
        (Vault,   1, ServerError(504),   stop(InquireInstead)),
        (Vault,   1, Rejected,           stop(InquireInstead)),
        (Vault,   1, ResultUnknown,      stop(InquireInstead)),
        (Vault,   1, HttpStatus(400),    stop(NotRetryable)),
        (Vault,   1, HttpStatus(401),    stop(NotRetryable)),
        (Vault,   1, HttpStatus(429),    stop(NotRetryable)),
        (Vault,   1, HttpStatus(302),    stop(InquireInstead)), // not a clear rejection
        (Vault,   1, HttpStatus(202),    stop(InquireInstead)),
        (Vault,   1, HttpStatus(503),    stop(InquireInstead)), // a 5xx is a server error
        (Vault,   2, NotSent,            retry(ms(200))),
        // -- exhaustion: attempt 3 of 3 --
        (Inquire, 3, NotSent,            stop(AttemptsExhausted)),
        (Inquire, 3, TimedOut,           stop(AttemptsExhausted)),
        (Inquire, 3, ConnectionLost,     stop(AttemptsExhausted)),
        (Inquire, 3, ServerError(500),   stop(AttemptsExhausted)),
        (Inquire, 3, Rejected,           stop(AttemptsExhausted)),
        (Inquire, 3, ResultUnknown,      stop(AttemptsExhausted)),
        (Inquire, 3, Final,              stop(FinalAnswer)),
        (Inquire, 3, HttpStatus(404),    stop(NotRetryable)),
        (Inquire, 3, InvalidRequest,     stop(NotRetryable)),
        (Inquire, 9, TimedOut,           stop(AttemptsExhausted)),
        (Vault,   3, NotSent,            stop(AttemptsExhausted)),
        (Vault,   3, TimedOut,           stop(InquireInstead)), // never "exhausted": inquire
        (Vault,   3, ResultUnknown,      stop(InquireInstead)),
        (Vault,   3, Final,              stop(FinalAnswer)),
        (Vault,   3, HttpStatus(400),    stop(NotRetryable)),
        (Vault,   3, InvalidRequest,     stop(NotRetryable)),
    ];
    let policy = RetryPolicy::default();
    for &(op, n, attempt, expected) in table {
        assert_eq!(
            decide(op, n, attempt, &policy, 0.0),
            expected,
            "{op:?} attempt {n}: {attempt:?}"
        );
    }
}

#[test]
fn a_policy_of_one_or_zero_attempts_never_retries() {
    for max_attempts in [0, 1] {
        let policy = RetryPolicy::default().with_max_attempts(max_attempts);
        for op in [Operation::Vault, Operation::Inquire] {
            assert_eq!(
                decide(op, 1, Attempt::NotSent, &policy, 0.5),
                stop(StopReason::AttemptsExhausted),
                "{max_attempts} {op:?}"
            );
        }
    }
}

#[test]
fn a_retry_waits_the_jittered_backoff() {
    let policy = RetryPolicy::default();
    assert_eq!(
        decide(Operation::Inquire, 2, Attempt::TimedOut, &policy, 0.5),
        retry(ms(300))
    );
    assert_eq!(
        decide(Operation::Vault, 1, Attempt::NotSent, &policy, 0.999),
        retry(ns(199_900_000))
    );
}

/// `cap = min(200 ms * 2^(n-1), 5 s)`, `delay = cap/2 + floor(cap/2 * jitter)`.
#[test]
fn backoff_formula() {
    #[rustfmt::skip]
    let table: &[(u32, f64, Duration)] = &[
        // n, jitter, delay          // cap
        (1, 0.0,   ms(100)),         // 200 ms
        (1, 0.5,   ms(150)),
        (1, 0.999, ns(199_900_000)),
        (2, 0.0,   ms(200)),         // 400 ms
        (2, 0.5,   ms(300)),
        (2, 0.999, ns(399_800_000)),
        (3, 0.0,   ms(400)),         // 800 ms
        (3, 0.5,   ms(600)),
        (3, 0.999, ns(799_600_000)),
        (5, 0.0,   ms(1_600)),       // 3.2 s
        (5, 0.5,   ms(2_400)),
        (5, 0.999, ns(3_198_400_000)),
        (6, 0.0,   ms(2_500)),       // 6.4 s, capped at 5 s
        (6, 0.5,   ms(3_750)),
        (6, 0.999, ns(4_997_500_000)),
        (40, 0.5,  ms(3_750)),       // 2^39 * 200 ms overflows: capped
        (u32::MAX, 0.999, ns(4_997_500_000)),
        (0, 0.0,   ms(100)),         // attempt 0 counts as 1
        // jitter outside [0, 1) is clamped
        (1, -0.5,  ms(100)),
        (1, f64::NAN, ms(100)),
        (1, 1.0,   ms(200)),
        (1, 7.0,   ms(200)),
        (1, f64::INFINITY, ms(200)),
    ];
    let policy = RetryPolicy::default();
    for &(n, jitter, expected) in table {
        assert_eq!(
            backoff(&policy, n, jitter),
            expected,
            "attempt {n}, jitter {jitter}"
        );
    }
}

#[test]
fn a_max_delay_below_the_base_caps_every_delay() {
    let policy = RetryPolicy::default()
        .with_max_attempts(5)
        .with_base_delay(ms(1_000))
        .with_max_delay(ms(300));
    assert_eq!(backoff(&policy, 1, 0.0), ms(150));
    assert_eq!(backoff(&policy, 4, 0.5), ns(225_000_000));
}

#[test]
fn attempts_classify_outcomes_and_statuses() {
    assert_eq!(Attempt::from_http_status(500), Attempt::ServerError(500));
    assert_eq!(Attempt::from_http_status(599), Attempt::ServerError(599));
    assert_eq!(Attempt::from_http_status(404), Attempt::HttpStatus(404));
    assert_eq!(Attempt::from_http_status(302), Attempt::HttpStatus(302));

    let vault = |body| interpret_vault(serde_json::from_value(body).unwrap());
    let result = |s: &str, c: &str| json!({ "result": { "resultStatus": s, "resultCode": c } });
    assert_eq!(
        Attempt::of_vault(&vault(result("U", "UNKNOWN_EXCEPTION"))),
        Attempt::ResultUnknown
    );
    assert_eq!(
        Attempt::of_vault(&vault(result("F", "PROCESS_FAIL"))),
        Attempt::Final
    );
    let mut buyer = result("U", "VERIFICATION_IN_PROCESS");
    buyer["normalUrl"] = json!("https://example.com/3ds");
    assert_eq!(Attempt::of_vault(&vault(buyer)), Attempt::Final);

    let inquire = |body| interpret_inquiry(serde_json::from_value(body).unwrap());
    assert_eq!(
        Attempt::of_inquiry(&inquire(result("U", "UNKNOWN_EXCEPTION"))),
        Attempt::ResultUnknown
    );
    assert_eq!(
        Attempt::of_inquiry(&inquire(result("F", "VAULTING_NOT_EXIST"))),
        Attempt::Final
    );
    // The inquiry was refused (a bad request): repeating it would not help.
    assert_eq!(
        Attempt::of_inquiry(&inquire(result("F", "PARAM_ILLEGAL"))),
        Attempt::Final
    );
    let mut processing = result("S", "SUCCESS");
    processing["vaultingStatus"] = json!("PROCESSING");
    assert_eq!(Attempt::of_inquiry(&inquire(processing)), Attempt::Final);
}
