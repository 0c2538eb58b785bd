//! The rows the vault, inquiry and notification tables share, and the trust every table takes
//! as an input.
//!
//! Each table reads an answer only through these rows: what an `F` code means, where the buyer
//! may be sent (blank URLs dropped, then the two spellings of the app link merged), and what an
//! unsigned answer is. So a rule changes in one place, and an unsigned answer cannot slip
//! through one table's own row.

use crate::open_enum::Open;
use crate::outcome::{NextStep, RedirectUrls, UnknownOutcome, UnknownReason};
use crate::types::{self, ResultCode};

/// Whether an answer was signed by Alipay's key over the exact bytes received.
///
/// Alipay may leave `F` and `U` answers unsigned, so an unsigned answer is still read, but
/// whoever can alter a response can also strip its signature and write any result: an
/// unsigned answer is never final, never sends the buyer anywhere, and never asks for a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Trust {
    /// Signed and verified.
    Signed,
    /// Without a signature (allowed by the gateway for `F` and `U` only).
    Unsigned,
}

impl Trust {
    /// `Signed` when `signed` is true.
    pub fn from_signed(signed: bool) -> Trust {
        if signed {
            Trust::Signed
        } else {
            Trust::Unsigned
        }
    }
}

/// What an `F` answer's `resultCode` means, for every table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// REQUEST_TRAFFIC_EXCEED_LIMIT: not processed now; try later with the same id.
    RateLimited,
    /// PARAM_ILLEGAL: the request is wrong.
    IllegalParameter,
    /// REPEAT_REQ_INCONSISTENT: this id belongs to an earlier, different request.
    RequestIdInUse,
    /// The caller is misconfigured (signature, key, client id, endpoint): not the card.
    Configuration,
    /// VERIFICATION_FAIL: the buyer's verification failed.
    VerificationFailed,
    /// PROCESS_FAIL: do not retry; a person follows up.
    ProcessFailed,
    /// VAULTING_NOT_EXIST: the gateway knows no vaulting with this id (inquiry).
    NotFound,
    /// Any other code, known or added later.
    Other,
}

/// The row of an `F` code.
pub(crate) fn refusal(code: &Open<ResultCode>) -> Refusal {
    match code.known() {
        Some(ResultCode::RequestTrafficExceedLimit) => Refusal::RateLimited,
        Some(ResultCode::ParamIllegal) => Refusal::IllegalParameter,
        Some(ResultCode::RepeatReqInconsistent) => Refusal::RequestIdInUse,
        Some(
            ResultCode::InvalidSignature
            | ResultCode::KeyNotFound
            | ResultCode::InvalidClient
            | ResultCode::AccessDenied
            | ResultCode::InvalidApi
            | ResultCode::NoInterfaceDef
            | ResultCode::MethodNotSupported
            | ResultCode::MediaTypeNotAcceptable,
        ) => Refusal::Configuration,
        Some(ResultCode::VerificationFail) => Refusal::VerificationFailed,
        Some(ResultCode::ProcessFail) => Refusal::ProcessFailed,
        Some(ResultCode::VaultingNotExist) => Refusal::NotFound,
        _ => Refusal::Other,
    }
}

/// The next step after a vaulting that failed for good (the vault's own `F`, the inquiry's
/// `FAIL`, a notification's): only a new request can vault the card now, except after
/// `PROCESS_FAIL`, where trying again does not help.
pub(crate) fn after_failed_vaulting(process_fail: bool) -> NextStep {
    if process_fail {
        NextStep::DoNotRetry
    } else {
        NextStep::RetryWithNewRequestId
    }
}

/// The URLs an answer names, by the one rule of every table: blank values are absent, and the
/// app link is taken from `applinkUrl`, else from `appLinkUrl` (the vault document spells it
/// both ways), so a blank spelling never hides a real one.
pub(crate) fn redirect_urls(
    normal: Option<String>,
    scheme: Option<String>,
    applink: Option<String>,
    app_link: Option<String>,
) -> Option<RedirectUrls> {
    let present = |url: Option<String>| url.filter(|u| !u.trim().is_empty());
    RedirectUrls::new(
        present(normal),
        present(scheme),
        present(applink).or(present(app_link)),
    )
}

/// An outcome that does not settle the vaulting: inquire with the same id.
pub(crate) fn unknown(
    result: types::Result,
    vaulting_request_id: Option<String>,
    reason: UnknownReason,
) -> UnknownOutcome {
    unknown_then(
        result,
        vaulting_request_id,
        reason,
        NextStep::InquireWithSameRequestId,
    )
}

/// An outcome that does not settle the vaulting, with its own next step.
pub(crate) fn unknown_then(
    result: types::Result,
    vaulting_request_id: Option<String>,
    reason: UnknownReason,
    next_step: NextStep,
) -> UnknownOutcome {
    let types::Result {
        result_code,
        result_message,
        result_status,
    } = result;
    UnknownOutcome {
        status: result_status,
        code: result_code,
        message: result_message,
        vaulting_request_id,
        reason,
        next_step,
    }
}

/// The row every table starts with: an unsigned answer, whatever it says, is
/// [`UnknownReason::Unsigned`] with "inquire with the same id".
pub(crate) fn distrusted(
    trust: Trust,
    result: &types::Result,
    vaulting_request_id: Option<&str>,
) -> Option<UnknownOutcome> {
    (trust == Trust::Unsigned).then(|| {
        unknown(
            result.clone(),
            vaulting_request_id.map(str::to_owned),
            UnknownReason::Unsigned,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_spelling_never_hides_a_real_app_link() {
        let urls = redirect_urls(None, None, Some(" ".into()), Some("app://x".into())).unwrap();
        assert_eq!(urls.applink_url(), Some("app://x"));
        let urls = redirect_urls(None, None, Some("app://a".into()), Some("app://b".into()));
        assert_eq!(urls.unwrap().applink_url(), Some("app://a"));
        assert!(redirect_urls(Some("".into()), None, Some("".into()), Some(" ".into())).is_none());
    }
}
