//! Each API operation declared once, as a small implementation of [`ApiOperation`]: everything
//! else (span, validation, attempts, retry decisions, verification verdict, id check,
//! recording, signed or unsigned interpretation) is the one pipeline in `call.rs`.
//!
//! A new operation is a spec edit (the generated builder), a variant of
//! [`Operation`](crate::operation::Operation) with its path, and one declaration here.

use std::future::Future;

use progenitor_client::ResponseValue;

use crate::operation::Operation;
use crate::outcome::{self, InquiryOutcome, NextStep, Trust, VaultOutcome};
use crate::retry::Attempt;
use crate::types;
use crate::validate::Validate;
use crate::RawClient;

/// What progenitor's generated `send()` returns.
pub(crate) type Sent<T> = Result<ResponseValue<T>, progenitor_client::Error<()>>;

/// One operation of the API, as the pipeline needs it.
pub(crate) trait ApiOperation {
    /// Which operation: its name (spans, logs), its path, and its retry class (read-only or not).
    const OPERATION: Operation;
    /// The request model.
    type Request: Validate + Clone + Send + Sync;
    /// The response model.
    type Response: Send;
    /// The typed outcome of one answer.
    type Outcome: Send;

    /// The request's `vaultingRequestId`.
    fn request_id(request: &Self::Request) -> &str;
    /// The `vaultingRequestId` the answer names, if any.
    fn answered_id(response: &Self::Response) -> Option<&str>;
    /// The answer's `result`.
    fn result(response: &Self::Response) -> &types::Result;
    /// Sends one attempt through the generated client (signed and verified by the hooks).
    fn send(
        raw: &RawClient,
        request: Self::Request,
    ) -> impl Future<Output = Sent<Self::Response>> + Send;
    /// The documents' result-handling table, given whether the answer was signed.
    fn interpret(response: Self::Response, trust: Trust) -> Self::Outcome;
    /// What the outcome means for the retry policy (the function `tests/it/retry_table.rs`
    /// checks).
    fn attempt(outcome: &Self::Outcome) -> Attempt;
    /// What the caller should do next.
    fn next_step(outcome: &Self::Outcome) -> NextStep;
    /// The outcome's name, for the `outcome` label of the calls metric.
    fn outcome_name(outcome: &Self::Outcome) -> &'static str;
}

/// `vaultPaymentMethod`.
pub(crate) struct VaultPaymentMethod;

impl ApiOperation for VaultPaymentMethod {
    const OPERATION: Operation = Operation::Vault;
    type Request = types::VaultPaymentMethodRequest;
    type Response = types::VaultPaymentMethodResponse;
    type Outcome = VaultOutcome;

    fn request_id(request: &Self::Request) -> &str {
        &request.vaulting_request_id
    }
    fn answered_id(response: &Self::Response) -> Option<&str> {
        response.vaulting_request_id.as_deref()
    }
    fn result(response: &Self::Response) -> &types::Result {
        &response.result
    }
    async fn send(raw: &RawClient, request: Self::Request) -> Sent<Self::Response> {
        raw.vault_payment_method().body(request).send().await
    }
    fn interpret(response: Self::Response, trust: Trust) -> Self::Outcome {
        outcome::interpret_vault_as(response, trust)
    }
    fn attempt(outcome: &Self::Outcome) -> Attempt {
        Attempt::of_vault(outcome)
    }
    fn next_step(outcome: &Self::Outcome) -> NextStep {
        outcome.next_step()
    }
    fn outcome_name(outcome: &Self::Outcome) -> &'static str {
        outcome.name()
    }
}

/// `inquireVaulting`.
pub(crate) struct InquireVaulting;

impl ApiOperation for InquireVaulting {
    const OPERATION: Operation = Operation::Inquire;
    type Request = types::InquireVaultingRequest;
    type Response = types::InquireVaultingResponse;
    type Outcome = InquiryOutcome;

    fn request_id(request: &Self::Request) -> &str {
        &request.vaulting_request_id
    }
    fn answered_id(response: &Self::Response) -> Option<&str> {
        response.vaulting_request_id.as_deref()
    }
    fn result(response: &Self::Response) -> &types::Result {
        &response.result
    }
    async fn send(raw: &RawClient, request: Self::Request) -> Sent<Self::Response> {
        raw.inquire_vaulting().body(request).send().await
    }
    fn interpret(response: Self::Response, trust: Trust) -> Self::Outcome {
        outcome::interpret_inquiry_as(response, trust)
    }
    fn attempt(outcome: &Self::Outcome) -> Attempt {
        Attempt::of_inquiry(outcome)
    }
    fn next_step(outcome: &Self::Outcome) -> NextStep {
        outcome.next_step()
    }
    fn outcome_name(outcome: &Self::Outcome) -> &'static str {
        outcome.name()
    }
}
