//! The one pipeline every operation runs through: span, validation, attempts, the retry
//! decision, the verification verdict, the id check, recording, and interpretation.

use std::borrow::Cow;
use std::time::Instant;

use tracing::field::Empty;
use tracing::Instrument;

use super::classify;
use super::operation::ApiOperation;
use super::Client;
use crate::error::{Error, NotSent, OutcomeUnknown, ProxyFailure, ResponseRejected};
use crate::hooks::verdict;
use crate::outcome::Trust;
use crate::retry::{self, Decision};
use crate::telemetry;
use crate::types;
use crate::validate::Validate;

impl Client {
    /// Runs operation `O` for `request` until the retry policy says stop, and counts the call.
    ///
    /// Each attempt's answer is interpreted first; the retry decision then classifies the
    /// outcome with [`ApiOperation::attempt`] (an error with `classify::attempt`), and
    /// [`retry::decide`] decides: one table, the one the tests check.
    pub(crate) async fn call<O: ApiOperation>(
        &self,
        request: &O::Request,
    ) -> Result<O::Outcome, Error> {
        let id = O::request_id(request);
        let span = call_span(O::OPERATION.api_name(), id);
        async {
            let (result, result_code) = self.attempts::<O>(request, &span).await;
            let outcome = match &result {
                Ok(outcome) => O::outcome_name(outcome),
                Err(error) => telemetry::error_outcome(error),
            };
            telemetry::record_call(O::OPERATION, outcome, result_code);
            result
        }
        .instrument(span.clone())
        .await
    }

    /// Validation, then attempts until the retry policy stops; with the last answer's
    /// `resultCode`.
    async fn attempts<O: ApiOperation>(
        &self,
        request: &O::Request,
        span: &tracing::Span,
    ) -> (Result<O::Outcome, Error>, Option<Cow<'static, str>>) {
        if let Err(invalid) = request.validate() {
            return (Err(invalid.into()), None);
        }
        let started = Instant::now();
        let mut result_code = None;
        let mut number = 1u32;
        loop {
            span.record("attempt", number);
            let (result, code) = self.attempt::<O>(request, span, number).await;
            result_code = code.or(result_code);
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            let class = match &result {
                Ok(outcome) => O::attempt(outcome),
                Err(error) => {
                    span.record("error_kind", tracing::field::debug(error.kind()));
                    classify::attempt(error)
                }
            };
            match retry::decide(O::OPERATION, number, class, &self.retry, jitter()) {
                Decision::Retry { after } => {
                    tracing::debug!(
                        attempt = number,
                        delay_ms = after.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(after).await;
                    number += 1;
                }
                Decision::Stop(reason) => {
                    match &result {
                        Ok(outcome) => tracing::debug!(
                            next_step = ?O::next_step(outcome),
                            ?reason,
                            "answered"
                        ),
                        Err(error) => tracing::debug!(%error, ?reason, "call failed"),
                    }
                    return (result, result_code);
                }
            }
        }
    }

    /// One attempt, in its own span: send, take the verdict, check the id, interpret. Returns
    /// the answer's `resultCode` too, when one was read.
    async fn attempt<O: ApiOperation>(
        &self,
        request: &O::Request,
        span: &tracing::Span,
        number: u32,
    ) -> (Result<O::Outcome, Error>, Option<Cow<'static, str>>) {
        let attempt_span = self.endpoint.attempt_span(O::OPERATION, number);
        let started = Instant::now();
        let exchange =
            verdict::capture(O::send(&self.raw, request.clone())).instrument(attempt_span.clone());
        // The attempt timeout is enforced here, whatever HTTP client sends the request.
        let Ok((sent, exchange)) = tokio::time::timeout(self.timeout, exchange).await else {
            let timed_out = Error::OutcomeUnknown(OutcomeUnknown::Timeout);
            self.endpoint
                .finish_attempt(&attempt_span, None, Some(&timed_out), started.elapsed());
            return (Err(timed_out), None);
        };
        let mut result_code = None;
        let result = classify::response(sent, exchange.verdict).and_then(|answer| {
            check_request_id(O::request_id(request), O::answered_id(&answer.body))?;
            let result = O::result(&answer.body);
            let code = telemetry::code_label(&result.result_code);
            record_result(span, result, &code);
            result_code = Some(code);
            Ok(O::interpret(answer.body, Trust::from_signed(answer.signed)))
        });
        let result = match result {
            Err(Error::NotSent(NotSent::Proxy(ProxyFailure::Refused { status: None }))) => {
                // The probe fits in what is left of the attempt timeout: a refused tunnel
                // never makes a call slower than its timeout.
                let left = self.timeout.saturating_sub(started.elapsed());
                let probe = self
                    .proxy
                    .refusal_status(self.endpoint.address(), self.endpoint.port());
                let status = tokio::time::timeout(left, probe).await.ok().flatten();
                Err(Error::NotSent(NotSent::Proxy(ProxyFailure::Refused {
                    status,
                })))
            }
            other => other,
        };
        self.endpoint.finish_attempt(
            &attempt_span,
            exchange.status,
            result.as_ref().err(),
            started.elapsed(),
        );
        (result, result_code)
    }
}

/// A fresh value in [0, 1) for backoff jitter, from the standard library's per-instance
/// random hash keys (no RNG dependency needed for spreading retries).
pub(super) fn jitter() -> f64 {
    use std::hash::BuildHasher;
    let bits = std::collections::hash_map::RandomState::new().hash_one(0u8);
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

fn call_span(operation: &'static str, vaulting_request_id: &str) -> tracing::Span {
    tracing::info_span!(
        "alipay_vaulting.call",
        operation,
        vaulting_request_id,
        attempt = Empty,
        duration_ms = Empty,
        result_status = Empty,
        result_code = Empty,
        error_kind = Empty,
    )
}

/// The answer's status and its code's label (the one the calls metric counts) on the span.
fn record_result(span: &tracing::Span, result: &types::Result, code_label: &str) {
    span.record("result_status", result.result_status.as_wire().as_ref());
    span.record("result_code", code_label);
}

/// A response naming another `vaultingRequestId` is refused (absent is allowed: some failure
/// responses carry only `result`).
fn check_request_id(sent: &str, received: Option<&str>) -> Result<(), Error> {
    match received {
        Some(received) if received != sent => Err(ResponseRejected::RequestIdMismatch.into()),
        _ => Ok(()),
    }
}
