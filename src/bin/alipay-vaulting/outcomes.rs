//! The library's outcomes and errors as reports. The exit code always follows from the next
//! step ([`Exit::for_step`]), and an answer from a simulator says so.

use alipay_vaulting::error::{Error, NotSent};
use alipay_vaulting::outcome::{
    InquiryOutcome, NextStep, RedirectUrls, UnknownOutcome, UnknownReason, VaultOutcome,
    VaultedCard,
};

use crate::exit::{Exit, Failure};
use crate::gateway::Source;
use crate::report::Report;

/// A vaultPaymentMethod outcome.
pub fn vault(id: &str, outcome: &VaultOutcome, source: &Source) -> Report {
    let step = outcome.next_step();
    let exit = Exit::for_step(step);
    let report = match outcome {
        VaultOutcome::Vaulted(card) => card_fields(
            Report::new(exit, "vaulted", source.vaulted("Vaulted")),
            id,
            card,
        ),
        VaultOutcome::BuyerActionRequired(action) => url_fields(
            Report::new(
                exit,
                "buyerActionRequired",
                "Buyer action required: the card must be verified (e.g. 3-D Secure).",
            )
            .field("vaultingRequestId", Some(id)),
            Some(&action.urls),
        ),
        VaultOutcome::Failed(failure) => Report::new(exit, "failed", failed_headline(step))
            .field("vaultingRequestId", Some(id))
            .field("resultStatus", Some(failure.status.as_wire()))
            .field("resultCode", Some(failure.code.as_wire()))
            .field("resultMessage", failure.message.as_deref()),
        VaultOutcome::Unknown(unknown) => unknown_fields(id, unknown),
        _ => Report::new(exit, "unknown", "An outcome this tool does not know.")
            .field("vaultingRequestId", Some(id)),
    };
    source.label(report.next_step(step))
}

/// An inquireVaulting (or resolve) outcome.
pub fn inquiry(id: &str, outcome: &InquiryOutcome, source: &Source) -> Report {
    let step = outcome.next_step();
    let exit = Exit::for_step(step);
    let report = match outcome {
        InquiryOutcome::Succeeded(card) => card_fields(
            Report::new(exit, "succeeded", source.vaulted("Succeeded")),
            id,
            card,
        ),
        InquiryOutcome::Processing(processing) => url_fields(
            Report::new(
                exit,
                "processing",
                "Processing: the vaulting is not finished (e.g. the buyer is in 3-D Secure).",
            )
            .field("vaultingRequestId", Some(id)),
            processing.urls.as_ref(),
        ),
        InquiryOutcome::Failed(failure) => Report::new(
            exit,
            "failed",
            "Failed: the vaulting did not store the card.",
        )
        .field("vaultingRequestId", Some(id))
        .field(
            "vaultingResultCode",
            failure.code.as_ref().map(|c| c.as_wire()),
        )
        .field("vaultingResultMessage", failure.message.as_deref()),
        InquiryOutcome::NotFound(not_found) if not_found.is_confirmed() => Report::new(
            exit,
            "notFound",
            "Not found: the gateway has no vaulting with this vaultingRequestId, confirmed over \
             the window a request still in flight could land in.",
        )
        .field("vaultingRequestId", Some(id)),
        InquiryOutcome::NotFound(_) => Report::new(
            exit,
            "notFoundYet",
            "Not found yet: the gateway has no vaulting with this vaultingRequestId so far, but \
             a request still in flight may land; `resolve` confirms it (this is NOT a failure).",
        )
        .field("vaultingRequestId", Some(id)),
        InquiryOutcome::Unknown(unknown) => unknown_fields(id, unknown),
        _ => Report::new(exit, "unknown", "An outcome this tool does not know.")
            .field("vaultingRequestId", Some(id)),
    };
    source.label(report.next_step(step))
}

/// A call that returned an error instead of an outcome: the exit code and the advice follow
/// from [`Error::next_step`].
pub fn error(error: &Error) -> Failure {
    let step = error.next_step();
    let exit = Exit::for_step(step);
    // The kind is the library's stable name (its JSON's `errorKind`).
    let kind = error.name();
    let failure = match error {
        Error::NotSent(NotSent::InvalidRequest(e)) => {
            Failure::with_exit(exit, kind, format!("invalid request: {e}"))
        }
        Error::NotSent(NotSent::Signing(_)) => Failure::with_exit(exit, kind, error.to_string()),
        Error::NotSent(_) => Failure::with_exit(exit, kind, error.to_string())
            .hint("check the gateway URL and the network; nothing was vaulted"),
        Error::OutcomeUnknown(_) => Failure::with_exit(exit, kind, error.to_string()),
        Error::ResponseRejected(_) => Failure::with_exit(exit, kind, error.to_string()).hint(
            "a bad signature usually means the configured Alipay public key is wrong \
                 (it is the gateway's key, not the merchant's public key)",
        ),
        _ => Failure::with_exit(exit, "error", error.to_string()),
    };
    failure.next_step(step)
}

fn failed_headline(step: NextStep) -> &'static str {
    match step {
        NextStep::FixRequest => "Failed: the gateway refused the request as invalid.",
        NextStep::CheckConfiguration => {
            "Failed: the gateway refused the caller (signature, key, client id or endpoint), \
             not the card."
        }
        _ => "Failed: this vaulting did not store the card.",
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
    let exit = Exit::for_step(unknown.next_step);
    let headline = match unknown.next_step {
        NextStep::CheckConfiguration => {
            "Refused: the gateway refused the caller (signature, key, client id or endpoint), \
             so the vaulting's state is not known."
        }
        NextStep::FixRequest => {
            "Refused: the gateway refused the request as invalid, so the vaulting's state is \
             not known."
        }
        NextStep::DoNotRetry => {
            "Refused: the gateway refused the inquiry, so the vaulting's state is not known."
        }
        _ => {
            "Unknown: the answer does not say whether the card is vaulted (this is NOT a \
             failure)."
        }
    };
    Report::new(exit, "unknown", headline)
        .field("vaultingRequestId", Some(id))
        .field("resultStatus", Some(unknown.status.as_wire()))
        .field("resultCode", Some(unknown.code.as_wire()))
        .field("resultMessage", unknown.message.as_deref())
        .field("reason", Some(reason(&unknown.reason)))
}

fn reason(reason: &UnknownReason) -> String {
    reason.to_string()
}
