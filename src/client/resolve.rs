//! Settling a vaulting whose outcome is not known, without ever doubling or losing it:
//! `resolve` and the confirmation of an unsigned 3-D Secure answer.

use std::time::{Duration, Instant};

use super::call::jitter;
use super::Client;
use crate::error::{Error, NotSent, OutcomeUnknown};
use crate::open_enum::Open;
use crate::outcome::{
    BuyerAction, InquiryOutcome, NextStep, Processing, UnknownOutcome, UnknownReason, VaultOutcome,
};
use crate::retry;
use crate::telemetry;
use crate::types::{self, ResultCode, ResultStatus};

/// How long inquiries must keep answering "not found", in a row, before `resolve` believes it,
/// unless [`ResolveOptions::not_found_window`] says otherwise.
///
/// A request that timed out may still be in flight at the gateway, and be registered seconds
/// later; a "not found" believed too early leads to a second vaulting of the same card. The
/// window is never shorter than the client's attempt timeout.
pub const DEFAULT_NOT_FOUND_WINDOW: Duration = Duration::from_secs(30);

/// How long `resolve` tries by default.
pub const DEFAULT_RESOLVE_DEADLINE: Duration = Duration::from_secs(60);

/// What [`Client::resolve_with`] inquires about, and for how long.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolveOptions {
    request: types::InquireVaultingRequest,
    deadline: Duration,
    not_found_window: Duration,
}

impl ResolveOptions {
    /// Resolves `vaulting_request_id`, with the default deadline (60 s) and "not found" window
    /// (30 s).
    pub fn new(vaulting_request_id: impl Into<String>) -> Self {
        Self::for_request(types::InquireVaultingRequest {
            vaulting_request_id: vaulting_request_id.into(),
            merchant_account_id: None,
        })
    }

    /// Resolves with this inquiry request (for example one with a `merchantAccountId`).
    pub fn for_request(request: types::InquireVaultingRequest) -> Self {
        Self {
            request,
            deadline: DEFAULT_RESOLVE_DEADLINE,
            not_found_window: DEFAULT_NOT_FOUND_WINDOW,
        }
    }

    /// The `merchantAccountId` to inquire with.
    #[must_use]
    pub fn merchant_account_id(mut self, id: impl Into<String>) -> Self {
        self.request.merchant_account_id = Some(id.into());
        self
    }

    /// How long the whole call may take, inquiries in flight included.
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// How long inquiries must keep answering "not found", in a row, before it is believed
    /// (never shorter than the client's attempt timeout; default
    /// [`DEFAULT_NOT_FOUND_WINDOW`]).
    #[must_use]
    pub fn not_found_window(mut self, window: Duration) -> Self {
        self.not_found_window = window;
        self
    }

    /// The inquiry request.
    pub fn request(&self) -> &types::InquireVaultingRequest {
        &self.request
    }
}

impl Client {
    /// [`resolve_with`](Self::resolve_with) for a `vaultingRequestId` and a deadline, with the
    /// default "not found" window.
    pub async fn resolve(
        &self,
        vaulting_request_id: &str,
        deadline: Duration,
    ) -> Result<InquiryOutcome, Error> {
        self.resolve_with(&ResolveOptions::new(vaulting_request_id).deadline(deadline))
            .await
    }

    /// Resolves a vaulting whose outcome is unknown: inquires with the same
    /// `vaultingRequestId`, backing off between inquiries, until the vaulting is final or
    /// the deadline has passed.
    ///
    /// - The deadline bounds the whole call: each inquiry gets at most the time left.
    /// - [`InquiryOutcome::NotFound`] is returned only when inquiries keep saying so, in a row,
    ///   for the options' "not found" window (at least the client's attempt timeout): a request
    ///   still in flight when its caller gave up has then landed or expired. When the deadline
    ///   comes first, the answer is [`InquiryOutcome::Unknown`] with
    ///   [`UnknownReason::NotFoundUnconfirmed`]: not final yet, never "not found".
    /// - An answer whose next step needs a person ([`NextStep::needs_manual_action`]: fix the
    ///   request, check the configuration, do not retry) ends the call at once.
    /// - Otherwise the last answer is returned when the deadline passes (still
    ///   [`InquiryOutcome::Processing`] while the buyer is in 3-D Secure, for example): check
    ///   [`InquiryOutcome::is_final`]. An error is returned only when no inquiry got an answer,
    ///   or when the request itself is invalid.
    pub async fn resolve_with(&self, options: &ResolveOptions) -> Result<InquiryOutcome, Error> {
        let started = Instant::now();
        let resolved = self.resolve_until_deadline(options, started).await;
        let outcome = match &resolved {
            Ok(outcome) => outcome.name(),
            Err(error) => telemetry::error_outcome(error),
        };
        telemetry::record_resolve(outcome, started.elapsed());
        resolved
    }

    async fn resolve_until_deadline(
        &self,
        options: &ResolveOptions,
        started: Instant,
    ) -> Result<InquiryOutcome, Error> {
        let window = options.not_found_window.max(self.timeout);
        let mut not_found_since: Option<Instant> = None;
        let mut last: Option<Result<InquiryOutcome, Error>> = None;
        for round in 1u32.. {
            let left = options.deadline.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            let answer = tokio::time::timeout(left, self.inquire(&options.request))
                .await
                .unwrap_or(Err(Error::OutcomeUnknown(OutcomeUnknown::Timeout)));
            match &answer {
                Ok(InquiryOutcome::NotFound) => {
                    let since = *not_found_since.get_or_insert_with(Instant::now);
                    if since.elapsed() >= window {
                        return answer;
                    }
                }
                Ok(outcome) if outcome.is_final() => return answer,
                Ok(outcome) if outcome.next_step().needs_manual_action() => return answer,
                Err(Error::NotSent(NotSent::InvalidRequest(_) | NotSent::Signing(_))) => {
                    return answer
                }
                // Anything but "not found" breaks the run of "not found" answers.
                _ => not_found_since = None,
            }
            // Keep the most informative answer: any outcome beats an error.
            if answer.is_ok() || !matches!(last, Some(Ok(_))) {
                last = Some(answer);
            }
            let left = options.deadline.saturating_sub(started.elapsed());
            tokio::time::sleep(retry::backoff(&self.retry, round, jitter()).min(left)).await;
        }
        match last {
            Some(Ok(InquiryOutcome::NotFound)) => Ok(not_found_unconfirmed(&options.request)),
            Some(answer) => answer,
            // A zero deadline: nothing was asked.
            None => Err(Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
        }
    }

    /// An unsigned `U`/`VERIFICATION_IN_PROCESS`, checked by one signed inquiry (see
    /// [`Client::vault_payment_method`]).
    pub(super) async fn confirm_buyer_action(
        &self,
        request: &types::VaultPaymentMethodRequest,
        unsigned: UnknownOutcome,
    ) -> VaultOutcome {
        let inquiry = types::InquireVaultingRequest {
            vaulting_request_id: request.vaulting_request_id.clone(),
            merchant_account_id: request.merchant_account_id.clone(),
        };
        match self.inquire(&inquiry).await {
            Ok(InquiryOutcome::Processing(Processing {
                urls: Some(urls),
                vaulting_request_id,
            })) => VaultOutcome::BuyerActionRequired(BuyerAction {
                urls,
                vaulting_request_id: vaulting_request_id.or(Some(inquiry.vaulting_request_id)),
            }),
            _ => VaultOutcome::Unknown(unsigned),
        }
    }
}

/// An unsigned answer that would have sent the buyer to 3-D Secure.
pub(super) fn is_unsigned_buyer_action(unknown: &UnknownOutcome) -> bool {
    unknown.reason == UnknownReason::Unsigned && unknown.code == ResultCode::VerificationInProcess
}

/// "Not found" that the window did not confirm before the deadline.
fn not_found_unconfirmed(request: &types::InquireVaultingRequest) -> InquiryOutcome {
    InquiryOutcome::Unknown(UnknownOutcome {
        status: Open::Known(ResultStatus::F),
        code: Open::Known(ResultCode::VaultingNotExist),
        message: Some(
            "the gateway did not know this vaultingRequestId yet, for less than the \
             confirmation window: a request still in flight may land"
                .into(),
        ),
        vaulting_request_id: Some(request.vaulting_request_id.clone()),
        reason: UnknownReason::NotFoundUnconfirmed,
        next_step: NextStep::InquireWithSameRequestId,
    })
}
