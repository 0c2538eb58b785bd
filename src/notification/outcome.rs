//! What a verified notification says about the vaulting, as one typed value.
//!
//! A notification carries `result` (`S` vaulted, `F` failed) and, in some variants,
//! `vaultingStatus`. Both are folded into a [`NotificationOutcome`] by the inquiry's rules, so
//! that a handler does one `match`, and a notification that does not say "vaulted" or "failed"
//! plainly is never read as either.

use crate::open_enum::Open;
use crate::outcome::{
    after_failed_vaulting, distrusted, NextStep, Trust, UnknownOutcome, UnknownReason, VaultedCard,
};
use crate::types::{self, ResultCode, ResultStatus, VaultingStatus};

/// The outcome a `notifyVaulting` notification reports, from [`interpret_notification`].
///
/// Alipay resends a notification until it gets the acknowledgement (8 times over about 24
/// hours), and may send it again after that: handle it idempotently by `vaultingRequestId`
/// (store the outcome with an insert that keeps the first row for an id, then acknowledge,
/// even when the row was already there).
///
/// ```
/// use alipay_vaulting::notification::NotificationOutcome;
///
/// fn store(outcome: &NotificationOutcome) -> &'static str {
///     match outcome {
///         // Keep the token (idempotently by vaulting request id), then acknowledge.
///         NotificationOutcome::Vaulted(_card) => "vaulted",
///         // Final: this vaulting request id will not vault the card.
///         NotificationOutcome::Failed(_failure) => "failed",
///         // Acknowledge, then inquire with the same vaulting request id to learn the state.
///         NotificationOutcome::Unknown(_unknown) => "inquire",
///         _ => "inquire",
///     }
/// }
/// # let _ = store;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum NotificationOutcome {
    /// `S` (and `vaultingStatus` `SUCCESS` or absent) with a card token: the card is vaulted.
    Vaulted(VaultedCard),
    /// `F` (and `vaultingStatus` `FAIL` or absent), or `S` with `vaultingStatus` `FAIL`: the
    /// vaulting failed for good.
    Failed(NotificationFailure),
    /// The notification does not settle the vaulting (`U`, still processing, a success without
    /// a token, a status this crate does not know, or a `result` and `vaultingStatus` that
    /// disagree). Inquire with the same `vaultingRequestId`.
    Unknown(UnknownOutcome),
}

impl NotificationOutcome {
    /// Whether the vaulting is settled (vaulted or failed).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            NotificationOutcome::Vaulted(_) | NotificationOutcome::Failed(_)
        )
    }

    /// A short, stable name for logs and metrics: `vaulted`, `failed` or `unknown`.
    pub fn name(&self) -> &'static str {
        match self {
            NotificationOutcome::Vaulted(_) => "vaulted",
            NotificationOutcome::Failed(_) => "failed",
            NotificationOutcome::Unknown(_) => "unknown",
        }
    }

    /// The card token, when the card is vaulted.
    pub fn card_token(&self) -> Option<&str> {
        match self {
            NotificationOutcome::Vaulted(card) => Some(card.card_token()),
            _ => None,
        }
    }

    /// What to do next: [`NextStep::None`] for a vaulted card, the failure's step, or the
    /// unknown outcome's ([`NextStep::InquireWithSameRequestId`]).
    pub fn next_step(&self) -> NextStep {
        match self {
            NotificationOutcome::Vaulted(_) => NextStep::None,
            NotificationOutcome::Failed(failure) => failure.next_step,
            NotificationOutcome::Unknown(unknown) => unknown.next_step,
        }
    }
}

/// A vaulting that failed, as a notification reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NotificationFailure {
    /// Why, as the notification says it: its `resultCode`, e.g. `VERIFICATION_FAIL` (codes
    /// Alipay adds later are kept). `None` when that is `SUCCESS` (an `S` notification whose
    /// `vaultingStatus` is `FAIL`): the notification then names no failure code, and `SUCCESS`
    /// is never reported as one.
    pub code: Option<Open<ResultCode>>,
    /// `result.resultMessage` (for logs, not for buyers).
    pub message: Option<String>,
    /// The `vaultingRequestId` the notification is about.
    pub vaulting_request_id: String,
    /// [`NextStep::DoNotRetry`] for `PROCESS_FAIL`, else [`NextStep::RetryWithNewRequestId`]
    /// (only a new request can vault the card now; whether to try is the merchant's decision),
    /// as for a failure the inquiry reports.
    pub next_step: NextStep,
}

impl NotificationFailure {
    /// What to do next (the same as the field; every failure type has both).
    pub fn next_step(&self) -> NextStep {
        self.next_step
    }
}

/// Interprets a verified notification.
///
/// | result | vaultingStatus | outcome | next step |
/// |---|---|---|---|
/// | S | SUCCESS or absent, with a card token | `Vaulted` | `None` |
/// | S | SUCCESS or absent, without a card token | `Unknown` (`SuccessWithoutToken`) | `InquireWithSameRequestId` |
/// | S | FAIL | `Failed`, with the `resultCode` unless it is `SUCCESS` | `DoNotRetry` for PROCESS_FAIL, else `RetryWithNewRequestId` |
/// | S | PROCESSING | `Unknown` (`StillProcessing`) | `InquireWithSameRequestId` |
/// | F | FAIL or absent | `Failed`, with the `resultCode` | `DoNotRetry` for PROCESS_FAIL, else `RetryWithNewRequestId` |
/// | F | SUCCESS or PROCESSING | `Unknown` (`Inconsistent`) | `InquireWithSameRequestId` |
/// | S or F | a value this crate does not know | `Unknown` (`UnrecognisedVaultingStatus`) | `InquireWithSameRequestId` |
/// | U | any | `Unknown` (`ResultUnknown`) | `InquireWithSameRequestId` |
/// | a status other than S, F, U | any | `Unknown` (`UnrecognisedStatus`) | `InquireWithSameRequestId` |
pub fn interpret_notification(notification: types::NotifyVaultingRequest) -> NotificationOutcome {
    interpret_notification_as(notification, Trust::Signed)
}

/// The table, for a notification of the given trust: one that was not verified is
/// [`UnknownReason::Unsigned`] whatever it says, as an unsigned answer of the API is.
pub fn interpret_notification_as(
    notification: types::NotifyVaultingRequest,
    trust: Trust,
) -> NotificationOutcome {
    if let Some(distrusted) = distrusted(
        trust,
        &notification.result,
        Some(&notification.vaulting_request_id),
    ) {
        return NotificationOutcome::Unknown(distrusted);
    }
    let types::NotifyVaultingRequest {
        result,
        vaulting_request_id,
        vaulting_status,
        payment_method_detail,
        ..
    } = notification;
    let id = Some(vaulting_request_id.clone());
    let unknown = |result: types::Result, reason| {
        NotificationOutcome::Unknown(crate::outcome::unknown(result, id.clone(), reason))
    };
    // The failure's code is only what the notification says of the failure: its `resultCode`,
    // except `SUCCESS` (an `S` with `vaultingStatus` `FAIL` whose `resultCode` is the
    // notification's own `SUCCESS` names no failure code).
    let failed = |result: types::Result, code: Option<Open<ResultCode>>| {
        let process_fail = code.as_ref().is_some_and(|c| *c == ResultCode::ProcessFail);
        NotificationOutcome::Failed(NotificationFailure {
            code,
            message: result.result_message,
            vaulting_request_id: vaulting_request_id.clone(),
            next_step: after_failed_vaulting(process_fail),
        })
    };
    let vaulting_status = match vaulting_status {
        None => None,
        Some(Open::Known(known)) => Some(known),
        Some(Open::Unknown(value)) => {
            let reason = match result.result_status.known() {
                Some(ResultStatus::S | ResultStatus::F) => {
                    UnknownReason::UnrecognisedVaultingStatus(value)
                }
                Some(ResultStatus::U) => UnknownReason::ResultUnknown,
                None => UnknownReason::UnrecognisedStatus,
            };
            return unknown(result, reason);
        }
    };

    match (result.result_status.known().copied(), vaulting_status) {
        (Some(ResultStatus::S), None | Some(VaultingStatus::Success)) => {
            match payment_method_detail.and_then(VaultedCard::from_detail) {
                Some(card) => NotificationOutcome::Vaulted(card),
                None => unknown(result, UnknownReason::SuccessWithoutToken),
            }
        }
        (Some(ResultStatus::S | ResultStatus::F), Some(VaultingStatus::Fail))
        | (Some(ResultStatus::F), None) => {
            let code = Some(result.result_code.clone()).filter(|c| *c != ResultCode::Success);
            failed(result, code)
        }
        (Some(ResultStatus::S), Some(VaultingStatus::Processing)) => {
            unknown(result, UnknownReason::StillProcessing)
        }
        (Some(ResultStatus::F), Some(VaultingStatus::Success | VaultingStatus::Processing)) => {
            unknown(result, UnknownReason::Inconsistent)
        }
        (Some(ResultStatus::U), _) => unknown(result, UnknownReason::ResultUnknown),
        (None, _) => unknown(result, UnknownReason::UnrecognisedStatus),
    }
}
