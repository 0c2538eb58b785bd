//! The one pipeline every operation runs through: span, validation, attempts, the retry
//! decision, the verification verdict, the id check, recording, and interpretation.

use std::time::Instant;

use tracing::field::Empty;
use tracing::Instrument;

use super::classify;
use super::operation::{self, ApiOperation};
use super::Client;
use crate::error::{Error, ResponseRejected};
use crate::hooks::verdict;
use crate::retry::{self, Decision};
use crate::types;
use crate::validate::Validate;

impl Client {
    /// Runs operation `O` for `request` until the retry policy says stop.
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
            request.validate()?;
            let started = Instant::now();
            let mut number = 1u32;
            loop {
                span.record("attempt", number);
                let result = self.attempt::<O>(request, &span).await;
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
                        return result;
                    }
                }
            }
        }
        .instrument(span.clone())
        .await
    }

    /// One attempt: send, take the verdict, check the id, interpret.
    async fn attempt<O: ApiOperation>(
        &self,
        request: &O::Request,
        span: &tracing::Span,
    ) -> Result<O::Outcome, Error> {
        let (sent, verdict) = verdict::capture(O::send(&self.raw, request.clone())).await;
        let answer = classify::response(sent, verdict)?;
        check_request_id(O::request_id(request), O::answered_id(&answer.body))?;
        record_result(span, O::result(&answer.body));
        Ok(operation::interpret::<O>(answer.body, answer.signed))
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

fn record_result(span: &tracing::Span, result: &types::Result) {
    span.record("result_status", result.result_status.as_wire().as_ref());
    span.record("result_code", result.result_code.as_wire().as_ref());
}

/// A response naming another `vaultingRequestId` is refused (absent is allowed: some failure
/// responses carry only `result`).
fn check_request_id(sent: &str, received: Option<&str>) -> Result<(), Error> {
    match received {
        Some(received) if received != sent => Err(ResponseRejected::RequestIdMismatch.into()),
        _ => Ok(()),
    }
}
