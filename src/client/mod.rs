//! The client services use: validated, signed, verified calls that return typed outcomes.

mod builder;
mod call;
mod classify;
pub(crate) mod operation;

use std::time::{Duration, Instant};

pub use builder::{
    ClientBuilder, Region, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};

use crate::error::{Error, NotSent};
use crate::outcome::{InquiryOutcome, VaultOutcome};
use crate::retry::{self, RetryPolicy};
use crate::types;
use crate::RawClient;
use call::jitter;
use operation::{InquireVaulting, VaultPaymentMethod};

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
        self.call::<VaultPaymentMethod>(request).await
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
        self.call::<InquireVaulting>(request).await
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
}
