//! The inquireVaulting document's result-handling table.

use super::table::{self, Refusal, Trust};
use super::{
    InquiryFailure, InquiryOutcome, NextStep, NotFound, Processing, UnknownReason, VaultedCard,
};
use crate::open_enum::Open;
use crate::types::{self, ResultStatus, VaultingStatus};

/// Interprets a **signed** inquireVaulting response (the document's "result handling"
/// section). For an answer that came without a signature, use [`interpret_unsigned_inquiry`].
///
/// | resultStatus / resultCode | vaultingStatus | outcome | next step |
/// |---|---|---|---|
/// | S | SUCCESS, with a card token | `Succeeded` | `None` |
/// | S | SUCCESS, without a card token | `Unknown` | `InquireWithSameRequestId` |
/// | S | FAIL | `Failed` | `DoNotRetry` for PROCESS_FAIL, else `RetryWithNewRequestId` |
/// | S | PROCESSING | `Processing` | `RedirectBuyer` with a non-blank URL, else `InquireWithSameRequestId` |
/// | S | missing or not known | `Unknown` | `InquireWithSameRequestId` |
/// | F / VAULTING_NOT_EXIST | | `NotFound`, not confirmed | `InquireWithSameRequestId` (only `resolve` confirms it) |
/// | F / PARAM_ILLEGAL, REPEAT_REQ_INCONSISTENT | | `Unknown` | `FixRequest` |
/// | F / signature, key, client or endpoint errors | | `Unknown` | `CheckConfiguration` |
/// | F / REQUEST_TRAFFIC_EXCEED_LIMIT | | `Unknown` (`RateLimited`) | `InquireWithSameRequestId` |
/// | F / any other code, known or not | | `Unknown` | `DoNotRetry` |
/// | U / any code | | `Unknown` | `InquireWithSameRequestId` |
/// | a status other than S, F, U | | `Unknown` | `InquireWithSameRequestId` |
pub fn interpret_inquiry(response: types::InquireVaultingResponse) -> InquiryOutcome {
    interpret_inquiry_as(response, Trust::Signed)
}

/// Interprets an inquireVaulting response that came **without a signature**: whatever it says,
/// the outcome is [`InquiryOutcome::Unknown`] with [`UnknownReason::Unsigned`] and "inquire
/// with the same id" (never final, never a redirect, never a step that needs a person).
pub fn interpret_unsigned_inquiry(response: types::InquireVaultingResponse) -> InquiryOutcome {
    interpret_inquiry_as(response, Trust::Unsigned)
}

/// The table, for an answer of the given trust.
pub fn interpret_inquiry_as(
    response: types::InquireVaultingResponse,
    trust: Trust,
) -> InquiryOutcome {
    if let Some(distrusted) = table::distrusted(
        trust,
        &response.result,
        response.vaulting_request_id.as_deref(),
    ) {
        return InquiryOutcome::Unknown(distrusted);
    }
    let types::InquireVaultingResponse {
        result,
        vaulting_request_id: id,
        vaulting_status,
        vaulting_result_code,
        vaulting_result_message,
        payment_method_detail,
        normal_url,
        scheme_url,
        applink_url,
        app_link_url,
        ..
    } = response;
    let unknown = |result, id, reason| InquiryOutcome::Unknown(table::unknown(result, id, reason));
    let refused = |result, id, next_step| {
        InquiryOutcome::Unknown(table::unknown_then(
            result,
            id,
            UnknownReason::InquiryFailed,
            next_step,
        ))
    };

    match result.result_status.known().copied() {
        Some(ResultStatus::S) => match vaulting_status {
            Some(Open::Known(VaultingStatus::Success)) => {
                match payment_method_detail.and_then(VaultedCard::from_detail) {
                    Some(card) => InquiryOutcome::Succeeded(card),
                    None => unknown(result, id, UnknownReason::SuccessWithoutToken),
                }
            }
            Some(Open::Known(VaultingStatus::Fail)) => InquiryOutcome::Failed(InquiryFailure::new(
                vaulting_result_code,
                vaulting_result_message,
                id,
            )),
            Some(Open::Known(VaultingStatus::Processing)) => {
                InquiryOutcome::Processing(Processing {
                    urls: table::redirect_urls(normal_url, scheme_url, applink_url, app_link_url),
                    vaulting_request_id: id,
                })
            }
            Some(Open::Unknown(value)) => {
                unknown(result, id, UnknownReason::UnrecognisedVaultingStatus(value))
            }
            None => unknown(result, id, UnknownReason::MissingVaultingStatus),
        },
        Some(ResultStatus::F) => match table::refusal(&result.result_code) {
            Refusal::NotFound => InquiryOutcome::NotFound(NotFound::unconfirmed(id)),
            Refusal::RateLimited => unknown(result, id, UnknownReason::RateLimited),
            Refusal::IllegalParameter | Refusal::RequestIdInUse => {
                refused(result, id, NextStep::FixRequest)
            }
            Refusal::Configuration => refused(result, id, NextStep::CheckConfiguration),
            Refusal::VerificationFailed | Refusal::ProcessFailed | Refusal::Other => {
                refused(result, id, NextStep::DoNotRetry)
            }
        },
        Some(ResultStatus::U) => unknown(result, id, UnknownReason::ResultUnknown),
        None => unknown(result, id, UnknownReason::UnrecognisedStatus),
    }
}
