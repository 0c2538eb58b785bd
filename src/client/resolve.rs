//! Settling a vaulting whose outcome is not known, without ever doubling or losing it:
//! `resolve` and the confirmation of an unsigned 3-D Secure answer.

use std::time::{Duration, Instant};

use super::budget::InquiryBudget;
use super::call::jitter;
use super::Client;
use crate::error::{Error, NotSent, OutcomeUnknown};
use crate::open_enum::Open;
use crate::outcome::{
    BuyerAction, InquiryOutcome, NextStep, Processing, UnknownOutcome, UnknownReason, VaultFailure,
    VaultOutcome,
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
    in_flight: Duration,
    budget: Option<InquiryBudget>,
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
            in_flight: Duration::ZERO,
            budget: None,
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
    /// (never shorter than the resolving client's attempt timeout, nor than
    /// [`in_flight_for`](Self::in_flight_for); default [`DEFAULT_NOT_FOUND_WINDOW`]).
    #[must_use]
    pub fn not_found_window(mut self, window: Duration) -> Self {
        self.not_found_window = window;
        self
    }

    /// How long the request being resolved may still be in flight: the attempt timeout it was
    /// **sent** with (say `Client::with_timeout(60 s)`), when that differs from the resolving
    /// client's. The "not found" window is never shorter, so a request sent with a long
    /// timeout cannot land after "not found" was believed.
    #[must_use]
    pub fn in_flight_for(mut self, attempt_timeout: Duration) -> Self {
        self.in_flight = attempt_timeout;
        self
    }

    /// Takes one token of `budget` before each inquiry (within the deadline), and pauses the
    /// budget for everyone sharing it when the gateway answers `REQUEST_TRAFFIC_EXCEED_LIMIT`.
    #[must_use]
    pub fn budget(mut self, budget: InquiryBudget) -> Self {
        self.budget = Some(budget);
        self
    }

    /// The "not found" window `client` confirms with: the longest of the options' window, the
    /// time the request may still be in flight, and the client's attempt timeout.
    pub fn effective_window(&self, client: &Client) -> Duration {
        self.not_found_window
            .max(self.in_flight)
            .max(client.timeout)
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
    ///   for the "not found" window ([`ResolveOptions::effective_window`]: at least the
    ///   client's attempt timeout and the time the request may still be in flight), and then it
    ///   is confirmed ([`NotFound::is_confirmed`](crate::outcome::NotFound::is_confirmed)): a
    ///   request still in flight when its caller gave up has landed or expired. When the
    ///   deadline comes first, the answer is [`InquiryOutcome::Unknown`] with
    ///   [`UnknownReason::NotFoundUnconfirmed`]: not final yet, never "not found".
    /// - A signed answer whose next step needs a person ([`NextStep::needs_manual_action`]:
    ///   fix the request, check the configuration, do not retry) ends the call at once. An
    ///   unsigned answer never does: it is [`UnknownReason::Unsigned`], and inquiries go on.
    /// - Otherwise the **latest** answer is returned when the deadline passes (still
    ///   [`InquiryOutcome::Processing`] while the buyer is in 3-D Secure, for example): check
    ///   [`InquiryOutcome::is_final`]. An error is returned only when no inquiry got an answer
    ///   (the error an inquiry met, not the deadline's own cut), or when the request itself is
    ///   invalid.
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
        let window = options.effective_window(self);
        if options.deadline < window {
            tracing::warn!(
                deadline_ms = options.deadline.as_millis() as u64,
                window_ms = window.as_millis() as u64,
                "resolve's deadline is shorter than its \"not found\" window: it can never confirm \
                 \"not found\", only answer NotFoundUnconfirmed"
            );
        }
        let mut not_found_since: Option<Instant> = None;
        let mut last: Option<Result<InquiryOutcome, Error>> = None;
        for round in 1u32.. {
            let left = options.deadline.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            if let Some(budget) = &options.budget {
                if !budget.acquire_within(left).await {
                    last.get_or_insert(Err(Error::OutcomeUnknown(OutcomeUnknown::Timeout)));
                    break;
                }
            }
            let left = options.deadline.saturating_sub(started.elapsed());
            let Ok(answer) = tokio::time::timeout(left, self.inquire(&options.request)).await
            else {
                // The deadline cut this inquiry short: it says nothing of the gateway, so it
                // never replaces what an inquiry did get.
                last.get_or_insert(Err(Error::OutcomeUnknown(OutcomeUnknown::Timeout)));
                break;
            };
            if let (Some(budget), Ok(InquiryOutcome::Unknown(unknown))) = (&options.budget, &answer)
            {
                if unknown.reason == UnknownReason::RateLimited {
                    budget.push_back();
                }
            }
            match answer {
                Ok(InquiryOutcome::NotFound(not_found)) => {
                    let since = *not_found_since.get_or_insert_with(Instant::now);
                    if since.elapsed() >= window {
                        return Ok(InquiryOutcome::NotFound(not_found.confirmed(window)));
                    }
                    last = Some(Ok(InquiryOutcome::NotFound(not_found)));
                }
                Ok(outcome) if outcome.is_final() => return Ok(outcome),
                Ok(outcome) if outcome.next_step().needs_manual_action() => return Ok(outcome),
                Err(Error::NotSent(NotSent::InvalidRequest(_) | NotSent::Signing(_))) => {
                    return answer
                }
                // Anything but "not found" breaks the run of "not found" answers. The latest
                // answer is kept; an error replaces only an error (any answer beats an error).
                answer => {
                    not_found_since = None;
                    if answer.is_ok() || !matches!(last, Some(Ok(_))) {
                        last = Some(answer);
                    }
                }
            }
            let left = options.deadline.saturating_sub(started.elapsed());
            tokio::time::sleep(retry::backoff(&self.retry, round, jitter()).min(left)).await;
        }
        match last {
            Some(Ok(InquiryOutcome::NotFound(_))) => Ok(not_found_unconfirmed(&options.request)),
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
        // Only a signed inquiry answer can be final or carry URLs (an unsigned one is always
        // `Unknown`), so whatever settles the vaulting here is the gateway's word.
        let id = inquiry.vaulting_request_id.clone();
        match self.inquire(&inquiry).await {
            Ok(InquiryOutcome::Processing(Processing {
                urls: Some(urls),
                vaulting_request_id,
            })) => VaultOutcome::BuyerActionRequired(BuyerAction {
                urls,
                vaulting_request_id: vaulting_request_id.or(Some(id)),
            }),
            Ok(InquiryOutcome::Succeeded(card)) => VaultOutcome::Vaulted(card),
            Ok(InquiryOutcome::Failed(failure)) => {
                let next_step = failure.next_step();
                VaultOutcome::Failed(VaultFailure {
                    status: Open::Known(ResultStatus::F),
                    // The inquiry's vaultingResultCode; without one, the vault answer's code.
                    code: match failure.code {
                        Some(code) => code.as_wire().parse().unwrap_or_else(|e| match e {}),
                        None => unsigned.code,
                    },
                    message: failure.message,
                    vaulting_request_id: failure.vaulting_request_id.or(Some(id)),
                    next_step,
                })
            }
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
        // The gateway's words only: the crate's explanation is the reason's `Display`.
        message: None,
        vaulting_request_id: Some(request.vaulting_request_id.clone()),
        reason: UnknownReason::NotFoundUnconfirmed,
        next_step: NextStep::InquireWithSameRequestId,
    })
}
