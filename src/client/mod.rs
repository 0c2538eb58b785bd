//! The client services use: validated, signed, verified calls that return typed outcomes.

mod builder;
mod classify;

use std::time::{Duration, Instant};

use tracing::field::Empty;
use tracing::Instrument;

pub use builder::{
    ClientBuilder, Region, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};

use crate::error::{Error, NotSent, ResponseRejected};
use crate::outcome::{self, InquiryOutcome, VaultOutcome};
use crate::retry::{self, Attempt, Decision, Operation, RetryPolicy};
use crate::types;
use crate::validate::Validate;
use crate::RawClient;

/// A client for the vaulting API. Cheap to clone; share one per process.
///
/// Every call validates the request against the spec, signs it (progenitor hooks), verifies
/// the response signature, and interprets the result per the API documents. Build one with
/// [`Client::builder`].
#[derive(Clone, Debug)]
pub struct Client {
    raw: RawClient,
    retry: RetryPolicy,
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn from_parts(raw: RawClient, retry: RetryPolicy) -> Self {
        Self { raw, retry }
    }

    /// The generated client underneath, for calls this layer does not wrap. It signs and
    /// verifies like this one, but returns progenitor's untyped errors.
    pub fn raw(&self) -> &RawClient {
        &self.raw
    }

    /// The gateway base URL this client calls.
    pub fn base_url(&self) -> &str {
        progenitor_client::ClientInfo::baseurl(&self.raw)
    }

    /// Stores a card (`vaultPaymentMethod`).
    ///
    /// The request is validated first (an invalid field is [`Error::NotSent`] naming the
    /// field). Only attempts that never reached the gateway are retried; when the outcome is
    /// unknown the call returns, and the caller resolves it with [`Client::resolve`] using the
    /// same `vaultingRequestId` instead of vaulting again.
    pub async fn vault_payment_method(
        &self,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<VaultOutcome, Error> {
        let id = request.vaulting_request_id.as_str();
        let span = call_span("vaultPaymentMethod", id);
        async {
            request.validate()?;
            let answer = self
                .attempts(
                    Operation::Vault,
                    &span,
                    |_| false,
                    || async {
                        let sent = self
                            .raw
                            .vault_payment_method()
                            .body(request.clone())
                            .send()
                            .await;
                        classify::response(sent)
                    },
                )
                .await?;
            let classify::Answer {
                body: response,
                signed,
            } = answer;
            check_request_id(id, response.vaulting_request_id.as_deref())?;
            record_result(&span, &response.result);
            let outcome = if signed {
                outcome::interpret_vault(response)
            } else {
                outcome::interpret_unsigned_vault(response)
            };
            tracing::debug!(next_step = ?outcome.next_step(), "vaultPaymentMethod answered");
            Ok(outcome)
        }
        .instrument(span.clone())
        .await
    }

    /// Asks where a vaulting stands (`inquireVaulting`), by its `vaultingRequestId`.
    ///
    /// Read-only, so transport failures and `U` answers are retried per the retry policy.
    pub async fn inquire_vaulting(
        &self,
        vaulting_request_id: &str,
    ) -> Result<InquiryOutcome, Error> {
        let request = types::InquireVaultingRequest {
            vaulting_request_id: vaulting_request_id.to_string(),
            merchant_account_id: None,
        };
        self.inquire(&request).await
    }

    /// [`inquire_vaulting`](Self::inquire_vaulting) with a full request (e.g. a
    /// `merchantAccountId`).
    pub async fn inquire(
        &self,
        request: &types::InquireVaultingRequest,
    ) -> Result<InquiryOutcome, Error> {
        let id = request.vaulting_request_id.as_str();
        let span = call_span("inquireVaulting", id);
        async {
            request.validate()?;
            let answer = self
                .attempts(Operation::Inquire, &span, is_unknown, || async {
                    let sent = self
                        .raw
                        .inquire_vaulting()
                        .body(request.clone())
                        .send()
                        .await;
                    classify::response(sent)
                })
                .await?;
            let classify::Answer {
                body: response,
                signed,
            } = answer;
            check_request_id(id, response.vaulting_request_id.as_deref())?;
            record_result(&span, &response.result);
            let outcome = if signed {
                outcome::interpret_inquiry(response)
            } else {
                outcome::interpret_unsigned_inquiry(response)
            };
            tracing::debug!(next_step = ?outcome.next_step(), "inquireVaulting answered");
            Ok(outcome)
        }
        .instrument(span.clone())
        .await
    }

    /// Resolves a vaulting whose outcome is unknown: inquires with the same
    /// `vaultingRequestId`, backing off between inquiries, until the vaulting is final
    /// ([`InquiryOutcome::is_final`]) or `deadline` has passed.
    ///
    /// Returns the final outcome, or the last answer when the deadline passed first (still
    /// [`InquiryOutcome::Processing`] while the buyer is in 3-D Secure, for example): check
    /// `is_final()`. [`InquiryOutcome::NotFound`] is returned only when two inquiries in a row
    /// say so, because a vaulting that just timed out may not be registered yet. Errors are returned only when no inquiry got an answer, or when the
    /// request itself is invalid.
    pub async fn resolve(
        &self,
        vaulting_request_id: &str,
        deadline: Duration,
    ) -> Result<InquiryOutcome, Error> {
        let started = Instant::now();
        let mut last: Option<Result<InquiryOutcome, Error>> = None;
        let mut not_found_before = false;
        for round in 1u32.. {
            let answer = self.inquire_vaulting(vaulting_request_id).await;
            match &answer {
                // Just after a timed-out vaulting, the gateway may not know the id yet: a
                // `NotFound` counts only once confirmed by the next inquiry, so that a caller
                // does not vault the card again under a new id while the first one lands.
                Ok(InquiryOutcome::NotFound) if !not_found_before => not_found_before = true,
                Ok(outcome) if outcome.is_final() => return answer,
                Err(Error::NotSent(NotSent::InvalidRequest(_) | NotSent::Signing(_))) => {
                    return answer
                }
                _ => {}
            }
            // Keep the most informative answer: any outcome beats an error.
            if answer.is_ok() || !matches!(last, Some(Ok(_))) {
                last = Some(answer);
            }
            let delay = retry::backoff(&self.retry, round, jitter());
            if started.elapsed() + delay > deadline {
                break;
            }
            tokio::time::sleep(delay).await;
        }
        last.expect("at least one inquiry ran")
    }

    /// Runs `attempt` until the retry policy says stop. `unknown` marks answers whose business
    /// result is `U` (retried like a transport failure where the policy allows).
    async fn attempts<T, F, Fut>(
        &self,
        operation: Operation,
        span: &tracing::Span,
        unknown: fn(&T) -> bool,
        mut attempt: F,
    ) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, Error>>,
    {
        let started = Instant::now();
        let mut number = 1u32;
        loop {
            span.record("attempt", number);
            let result = attempt().await;
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            let class = match &result {
                Ok(value) if unknown(value) => Attempt::ResultUnknown,
                Ok(_) => return result,
                Err(error) => {
                    span.record("error_kind", tracing::field::debug(error.kind()));
                    classify::attempt(error)
                }
            };
            match retry::decide(operation, number, class, &self.retry, jitter()) {
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
                    if let Err(error) = &result {
                        tracing::debug!(%error, ?reason, "call failed");
                    }
                    return result;
                }
            }
        }
    }
}

fn is_unknown(answer: &classify::Answer<types::InquireVaultingResponse>) -> bool {
    answer.body.result.result_status == types::ResultStatus::U
}

/// A fresh value in [0, 1) for backoff jitter, from the standard library's per-instance
/// random hash keys (no RNG dependency needed for spreading retries).
fn jitter() -> f64 {
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
