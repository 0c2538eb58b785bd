//! The library's outcomes and errors as reports with exit codes.

use alipay_vaulting::error::{Error, NotSent};
use alipay_vaulting::outcome::{
    InquiryOutcome, NextStep, RedirectUrls, UnknownOutcome, UnknownReason, VaultOutcome,
    VaultedCard,
};

use crate::exit::{Exit, Failure};
use crate::report::Report;

/// A vaultPaymentMethod outcome.
pub fn vault(id: &str, outcome: &VaultOutcome) -> Report {
    let report = match outcome {
        VaultOutcome::Vaulted(card) => card_fields(
            Report::new(
                Exit::Ok,
                "vaulted",
                "Vaulted: the card is stored with Alipay.",
            ),
            id,
            card,
        ),
        VaultOutcome::BuyerActionRequired(action) => url_fields(
            Report::new(
                Exit::Pending,
                "buyerActionRequired",
                "Buyer action required: the card must be verified (e.g. 3-D Secure).",
            )
            .field("vaultingRequestId", Some(id)),
            Some(&action.urls),
        ),
        VaultOutcome::Failed(failure) => {
            Report::new(exit_for_failure(failure.next_step), "failed", "Failed.")
                .field("vaultingRequestId", Some(id))
                .field("resultStatus", Some(failure.status.as_wire()))
                .field("resultCode", Some(failure.code.as_wire()))
                .field("resultMessage", failure.message.as_deref())
        }
        VaultOutcome::Unknown(unknown) => unknown_fields(id, unknown),
        _ => Report::new(
            Exit::Unknown,
            "unknown",
            "An outcome this tool does not know.",
        )
        .field("vaultingRequestId", Some(id)),
    };
    report.next_step(outcome.next_step())
}

/// An inquireVaulting (or resolve) outcome.
pub fn inquiry(id: &str, outcome: &InquiryOutcome) -> Report {
    let report = match outcome {
        InquiryOutcome::Succeeded(card) => card_fields(
            Report::new(
                Exit::Ok,
                "succeeded",
                "Succeeded: the card is vaulted with Alipay.",
            ),
            id,
            card,
        ),
        InquiryOutcome::Processing(processing) => url_fields(
            Report::new(
                Exit::Pending,
                "processing",
                "Processing: the vaulting is not finished (e.g. the buyer is in 3-D Secure).",
            )
            .field("vaultingRequestId", Some(id)),
            processing.urls.as_ref(),
        ),
        InquiryOutcome::Failed(failure) => Report::new(
            Exit::Failed,
            "failed",
            "Failed: the vaulting did not store the card.",
        )
        .field("vaultingRequestId", Some(id))
        .field(
            "vaultingResultCode",
            failure.vaulting_result_code.as_ref().map(|c| c.as_wire()),
        )
        .field(
            "vaultingResultMessage",
            failure.vaulting_result_message.as_deref(),
        ),
        InquiryOutcome::NotFound => Report::new(
            Exit::Failed,
            "notFound",
            "Not found: Alipay has no vaulting with this vaultingRequestId.",
        )
        .field("vaultingRequestId", Some(id)),
        InquiryOutcome::Unknown(unknown) => unknown_fields(id, unknown),
        _ => Report::new(
            Exit::Unknown,
            "unknown",
            "An outcome this tool does not know.",
        )
        .field("vaultingRequestId", Some(id)),
    };
    report.next_step(outcome.next_step())
}

/// A call that returned an error instead of an outcome.
pub fn error(error: &Error) -> Failure {
    match error {
        Error::NotSent(NotSent::InvalidRequest(e)) => {
            Failure::usage("invalidRequest", format!("invalid request: {e}"))
                .next_step(NextStep::FixRequest)
        }
        Error::NotSent(NotSent::Signing(_)) => {
            Failure::config("signing", error.to_string()).next_step(NextStep::CheckConfiguration)
        }
        Error::NotSent(_) => Failure::with_exit(Exit::Unknown, "notSent", error.to_string())
            .hint(
                "nothing reached the gateway; check the gateway URL. Sending again with the same \
                 vaultingRequestId is safe.",
            )
            .next_step(NextStep::InquireWithSameRequestId),
        Error::OutcomeUnknown(_) => {
            Failure::with_exit(Exit::Unknown, "outcomeUnknown", error.to_string())
                .next_step(NextStep::InquireWithSameRequestId)
        }
        Error::ResponseRejected(_) => {
            Failure::with_exit(Exit::Unknown, "responseRejected", error.to_string())
                .hint(
                    "a bad signature usually means the configured Alipay public key is wrong \
                     (it is the gateway's key, not the merchant's public key)",
                )
                .next_step(NextStep::InquireWithSameRequestId)
        }
        _ => Failure::with_exit(Exit::Unknown, "error", error.to_string())
            .next_step(NextStep::InquireWithSameRequestId),
    }
}

/// A final failure's exit code: the caller's fault (bad request, bad configuration) or the card's.
fn exit_for_failure(step: NextStep) -> Exit {
    match step {
        NextStep::FixRequest => Exit::Usage,
        NextStep::CheckConfiguration => Exit::Config,
        _ => Exit::Failed,
    }
}

fn card_fields(report: Report, id: &str, card: &VaultedCard) -> Report {
    report
        .field("vaultingRequestId", Some(id))
        .field("cardToken", Some(card.card_token()))
        .field("maskedCardNo", card.masked_card_no())
        .field("brand", card.brand().map(|b| b.as_wire()))
}

fn url_fields(report: Report, urls: Option<&RedirectUrls>) -> Report {
    report
        .field("normalUrl", urls.and_then(|u| u.normal_url()))
        .field("applinkUrl", urls.and_then(|u| u.applink_url()))
        .field("schemeUrl", urls.and_then(|u| u.scheme_url()))
}

fn unknown_fields(id: &str, unknown: &UnknownOutcome) -> Report {
    let exit = if unknown.next_step == NextStep::CheckConfiguration {
        Exit::Config
    } else {
        Exit::Unknown
    };
    Report::new(
        exit,
        "unknown",
        "Unknown: the answer does not say whether the card is vaulted (this is NOT a failure).",
    )
    .field("vaultingRequestId", Some(id))
    .field("resultStatus", Some(unknown.status.as_wire()))
    .field("resultCode", Some(unknown.code.as_wire()))
    .field("resultMessage", unknown.message.as_deref())
    .field("reason", Some(reason(&unknown.reason)))
}

fn reason(reason: &UnknownReason) -> String {
    match reason {
        UnknownReason::ResultUnknown => "resultStatus U".into(),
        UnknownReason::UnrecognisedStatus => "a resultStatus other than S, F and U".into(),
        UnknownReason::SuccessWithoutToken => "a success without a card token".into(),
        UnknownReason::MissingVaultingStatus => "an inquiry answer without vaultingStatus".into(),
        UnknownReason::UnrecognisedVaultingStatus(status) => {
            format!("an unrecognised vaultingStatus {status:?}")
        }
        UnknownReason::InquiryFailed => "the inquiry itself failed".into(),
        other => format!("{other:?}"),
    }
}
