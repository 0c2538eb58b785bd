//! The vaultPaymentMethod document's result-handling table.

use super::table::{self, Refusal, Trust};
use super::{BuyerAction, UnknownReason, VaultFailure, VaultOutcome, VaultedCard};
use crate::types::{self, ResultCode, ResultStatus};

/// Interprets a **signed** vaultPaymentMethod response (the document's "result handling"
/// section). For an answer that came without a signature, use [`interpret_unsigned_vault`].
///
/// | resultStatus / resultCode | outcome | next step |
/// |---|---|---|
/// | S, with a card token | `Vaulted` | `None` |
/// | S, without a card token | `Unknown` | `InquireWithSameRequestId` |
/// | F / PARAM_ILLEGAL | `Failed` | `FixRequest` |
/// | F / REPEAT_REQ_INCONSISTENT | `Unknown` (`RequestIdInUse`) | `InquireWithSameRequestId` (for the earlier request; this card needs a new id) |
/// | F / REQUEST_TRAFFIC_EXCEED_LIMIT | `Unknown` (`RateLimited`) | `InquireWithSameRequestId` |
/// | F / PROCESS_FAIL | `Failed` | `DoNotRetry` |
/// | F / VERIFICATION_FAIL | `Failed` | `RetryWithNewRequestId` |
/// | F / signature, key, client or endpoint errors | `Failed` | `CheckConfiguration` |
/// | F / any other code, known or not | `Failed` | `DoNotRetry` |
/// | U / VERIFICATION_IN_PROCESS, with a non-blank URL | `BuyerActionRequired` | `RedirectBuyer` |
/// | U / VERIFICATION_IN_PROCESS, no URL | `Failed` | `RetryWithNewRequestId` |
/// | U / any other code | `Unknown` | `InquireWithSameRequestId` |
/// | a status other than S, F, U | `Unknown` | `InquireWithSameRequestId` |
///
/// Blank URLs count as absent, and `applinkUrl` and `appLinkUrl` are one field: a blank one
/// never hides the other.
pub fn interpret_vault(response: types::VaultPaymentMethodResponse) -> VaultOutcome {
    interpret_vault_as(response, Trust::Signed)
}

/// Interprets a vaultPaymentMethod response that came **without a signature** (Alipay may
/// leave `F` and `U` unsigned): whatever it says, the outcome is [`VaultOutcome::Unknown`]
/// with [`UnknownReason::Unsigned`] and "inquire with the same id". It is never final, never
/// sends the buyer anywhere, and never asks for a person: whoever strips a signature must not
/// steer the caller.
pub fn interpret_unsigned_vault(response: types::VaultPaymentMethodResponse) -> VaultOutcome {
    interpret_vault_as(response, Trust::Unsigned)
}

/// The table, for an answer of the given trust.
pub fn interpret_vault_as(
    response: types::VaultPaymentMethodResponse,
    trust: Trust,
) -> VaultOutcome {
    if let Some(distrusted) = table::distrusted(
        trust,
        &response.result,
        response.vaulting_request_id.as_deref(),
    ) {
        return VaultOutcome::Unknown(distrusted);
    }
    let types::VaultPaymentMethodResponse {
        result,
        vaulting_request_id: id,
        payment_method_detail,
        normal_url,
        scheme_url,
        applink_url,
        app_link_url,
        ..
    } = response;
    let unknown = |result, id, reason| VaultOutcome::Unknown(table::unknown(result, id, reason));
    let failed = |result: types::Result, id, next_step| {
        VaultOutcome::Failed(VaultFailure {
            status: result.result_status,
            code: result.result_code,
            message: result.result_message,
            vaulting_request_id: id,
            next_step,
        })
    };

    match result.result_status.known().copied() {
        Some(ResultStatus::S) => match payment_method_detail.and_then(VaultedCard::from_detail) {
            Some(card) => VaultOutcome::Vaulted(card),
            None => unknown(result, id, UnknownReason::SuccessWithoutToken),
        },
        Some(ResultStatus::F) => match table::refusal(&result.result_code) {
            Refusal::RateLimited => unknown(result, id, UnknownReason::RateLimited),
            Refusal::RequestIdInUse => unknown(result, id, UnknownReason::RequestIdInUse),
            Refusal::IllegalParameter => failed(result, id, super::NextStep::FixRequest),
            Refusal::Configuration => failed(result, id, super::NextStep::CheckConfiguration),
            Refusal::VerificationFailed => failed(result, id, table::after_failed_vaulting(false)),
            Refusal::ProcessFailed | Refusal::NotFound | Refusal::Other => {
                failed(result, id, super::NextStep::DoNotRetry)
            }
        },
        Some(ResultStatus::U) if result.result_code == ResultCode::VerificationInProcess => {
            match table::redirect_urls(normal_url, scheme_url, applink_url, app_link_url) {
                Some(urls) => VaultOutcome::BuyerActionRequired(BuyerAction {
                    urls,
                    vaulting_request_id: id,
                }),
                None => failed(result, id, table::after_failed_vaulting(false)),
            }
        }
        Some(ResultStatus::U) => unknown(result, id, UnknownReason::ResultUnknown),
        None => unknown(result, id, UnknownReason::UnrecognisedStatus),
    }
}
