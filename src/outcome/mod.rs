//! The result-handling rules of the vaultPaymentMethod and inquireVaulting documents, as types.
//!
//! Alipay answers every business outcome with HTTP 200 and a `result.resultStatus` of `S`, `F` or
//! `U`; what the caller must do next depends on the status, the `resultCode` and (for an
//! inquiry) the `vaultingStatus`. [`interpret_vault`] and [`interpret_inquiry`] turn a parsed
//! response into an outcome that names that next step ([`NextStep`]), so no caller has to
//! re-derive the tables. Both are pure functions: no I/O, no panics, and any value Alipay adds
//! later lands in a safe arm.
//!
//! # The house rule for "unknown"
//!
//! The vaultPaymentMethod document says: on `U` (other than `VERIFICATION_IN_PROCESS` with a
//! URL), "call again with a new vaultingRequestId". Taken literally, that can vault the same card
//! twice: a `U` (or a timeout) does not prove that the first request was not processed. This
//! crate therefore maps every `U` to [`VaultOutcome::Unknown`] with
//! [`NextStep::InquireWithSameRequestId`]: first inquire with the **same** `vaultingRequestId`
//! (the client's `resolve` does this), and only when it answers
//! [`InquiryOutcome::Failed`], or [`InquiryOutcome::NotFound`] confirmed over its window, vault
//! again with a **new** id.
//!
//! # Trust
//!
//! Every table takes whether the answer was signed ([`Trust`]). An unsigned answer (Alipay may
//! leave `F` and `U` unsigned) is read, but it is always [`UnknownReason::Unsigned`] with
//! "inquire with the same id": never final, never a buyer redirect, never a step that needs a
//! person. The rows the tables share (what an `F` code means, which URLs count) live in one
//! place, so no table can read an answer its own way.
//!
//! # Card tokens never print
//!
//! A `cardToken` is a credential for later payments. [`VaultedCard`]'s `Debug` (and so the
//! `Debug` of every outcome holding one) shows at most its first 6 characters and its length.

mod inquiry;
mod json;
mod table;
mod vault;

use std::fmt;
use std::time::Duration;

use crate::open_enum::Open;
use crate::types;
use crate::types::{CardBrand, ResultCode, ResultStatus, VaultingResultCode};

pub use inquiry::{interpret_inquiry, interpret_inquiry_as, interpret_unsigned_inquiry};
pub(crate) use table::after_failed_vaulting;
pub use table::Trust;
pub(crate) use table::{distrusted, unknown};
pub use vault::{interpret_unsigned_vault, interpret_vault, interpret_vault_as};

/// What the caller should do next, as the API documents say (quoted in English on each variant).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NextStep {
    /// Nothing: the card is vaulted. Document (SUCCESS): "No further action is needed."
    None,
    /// Send the buyer to one of the returned URLs (e.g. for 3DS); the final result then arrives
    /// by notifyVaulting or an inquiry. Document (VERIFICATION_IN_PROCESS): "Get any URL
    /// (appLinkUrl, normalUrl, schemeUrl) and open it."
    RedirectBuyer,
    /// The request is wrong; change it before calling again. Document (PARAM_ILLEGAL): "Check
    /// that the required request fields of this API (header and body fields) are passed
    /// correctly and are valid."
    FixRequest,
    /// This vaulting is over; a new attempt needs a **new** `vaultingRequestId`. Document
    /// (VERIFICATION_FAIL, and VERIFICATION_IN_PROCESS without a URL): "Call this API again
    /// with a new request ID." (Without a URL: "If the problem persists, contact Alipay
    /// technical support.")
    RetryWithNewRequestId,
    /// Do not call again; a person must follow up. Document (PROCESS_FAIL): "Do not retry.
    /// Manual intervention is usually needed; contact Alipay technical support."
    DoNotRetry,
    /// The outcome is not known yet: inquire with the **same** `vaultingRequestId` (never vault
    /// again before the inquiry says not found or failed). inquireVaulting document (`U`):
    /// "Retry with the same request ID." For a `U` of vaultPaymentMethod this is the crate's
    /// house rule (see the module documentation); the document says "call again with a new
    /// vaultingRequestId", which risks vaulting the card twice.
    InquireWithSameRequestId,
    /// The gateway refused the caller, not the card (INVALID_SIGNATURE, KEY_NOT_FOUND,
    /// INVALID_CLIENT, ACCESS_DENIED, INVALID_API, NO_INTERFACE_DEF, METHOD_NOT_SUPPORTED,
    /// MEDIA_TYPE_NOT_ACCEPTABLE): fix the keys, client id or endpoint before calling again.
    /// Not in the two documents' tables; the codes are the gateway's common errors.
    CheckConfiguration,
    /// No vaulting exists with this `vaultingRequestId`. inquireVaulting document
    /// (VAULTING_NOT_EXIST): "Check that the value of vaultingRequestId is correct. If it is,
    /// contact Alipay technical support for the specific reason."
    CheckRequestId,
    /// Nothing reached the gateway, so nothing happened: send the same request again (the same
    /// `vaultingRequestId` is safe) once the cause is fixed or has passed (a refused
    /// connection, a gateway that is down). Given by [`Error::next_step`](crate::Error::next_step)
    /// for [`Error::NotSent`](crate::Error::NotSent) when the cause is not the request or the
    /// configuration.
    SendAgain,
}

impl NextStep {
    /// Every next step.
    pub const ALL: [NextStep; 9] = [
        NextStep::None,
        NextStep::RedirectBuyer,
        NextStep::FixRequest,
        NextStep::RetryWithNewRequestId,
        NextStep::DoNotRetry,
        NextStep::InquireWithSameRequestId,
        NextStep::CheckConfiguration,
        NextStep::CheckRequestId,
        NextStep::SendAgain,
    ];

    /// The stable name, as the command-line tool's JSON and the ledger write it: `none`,
    /// `redirectBuyer`, `fixRequest`, `retryWithNewRequestId`, `doNotRetry`,
    /// `inquireWithSameRequestId`, `checkConfiguration`, `checkRequestId`, `sendAgain`.
    pub fn as_str(self) -> &'static str {
        match self {
            NextStep::None => "none",
            NextStep::RedirectBuyer => "redirectBuyer",
            NextStep::FixRequest => "fixRequest",
            NextStep::RetryWithNewRequestId => "retryWithNewRequestId",
            NextStep::DoNotRetry => "doNotRetry",
            NextStep::InquireWithSameRequestId => "inquireWithSameRequestId",
            NextStep::CheckConfiguration => "checkConfiguration",
            NextStep::CheckRequestId => "checkRequestId",
            NextStep::SendAgain => "sendAgain",
        }
    }

    /// The next step of a stable name ([`as_str`](Self::as_str)).
    pub fn parse(name: &str) -> Option<NextStep> {
        NextStep::ALL.into_iter().find(|step| step.as_str() == name)
    }

    /// Whether the step repeats a call with the same `vaultingRequestId`: the inquiry, or the
    /// same request when nothing reached the gateway.
    pub fn may_retry_with_same_id(self) -> bool {
        matches!(
            self,
            NextStep::InquireWithSameRequestId | NextStep::SendAgain
        )
    }

    /// Whether the step allows a new vaulting attempt, which needs a new `vaultingRequestId`.
    pub fn may_retry_with_new_id(self) -> bool {
        matches!(self, NextStep::RetryWithNewRequestId)
    }

    /// Whether a person (developer, operator or Alipay support) must act before anything else.
    pub fn needs_manual_action(self) -> bool {
        matches!(
            self,
            NextStep::FixRequest
                | NextStep::DoNotRetry
                | NextStep::CheckConfiguration
                | NextStep::CheckRequestId
        )
    }
}

impl fmt::Display for NextStep {
    /// The stable name ([`NextStep::as_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of one vaultPaymentMethod response, from [`interpret_vault`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum VaultOutcome {
    /// `S`: the card is vaulted; keep the token for later payments.
    Vaulted(VaultedCard),
    /// `U` / `VERIFICATION_IN_PROCESS` with at least one URL: the vaulting session exists and the
    /// buyer must verify (e.g. 3DS). The final result then arrives by notifyVaulting or an
    /// inquiry with the same `vaultingRequestId`.
    BuyerActionRequired(BuyerAction),
    /// A final failure: this `vaultingRequestId` will not vault the card.
    Failed(VaultFailure),
    /// The outcome is not known yet. This is **not** a failure: the card may be vaulted.
    /// Inquire with the same `vaultingRequestId` before anything else.
    Unknown(UnknownOutcome),
}

impl VaultOutcome {
    /// Whether this answer is the end of this `vaultingRequestId` (vaulted or failed).
    pub fn is_final(&self) -> bool {
        matches!(self, VaultOutcome::Vaulted(_) | VaultOutcome::Failed(_))
    }

    /// The card token, when the card is vaulted.
    pub fn card_token(&self) -> Option<&str> {
        match self {
            VaultOutcome::Vaulted(card) => Some(card.card_token()),
            _ => None,
        }
    }

    /// A short, stable name for logs and metrics: `vaulted`, `buyer_action_required`,
    /// `failed` or `unknown`.
    pub fn name(&self) -> &'static str {
        match self {
            VaultOutcome::Vaulted(_) => "vaulted",
            VaultOutcome::BuyerActionRequired(_) => "buyer_action_required",
            VaultOutcome::Failed(_) => "failed",
            VaultOutcome::Unknown(_) => "unknown",
        }
    }

    /// What to do next.
    pub fn next_step(&self) -> NextStep {
        match self {
            VaultOutcome::Vaulted(_) => NextStep::None,
            VaultOutcome::BuyerActionRequired(_) => NextStep::RedirectBuyer,
            VaultOutcome::Failed(failure) => failure.next_step,
            VaultOutcome::Unknown(unknown) => unknown.next_step,
        }
    }
}

/// The outcome of one inquireVaulting response, from [`interpret_inquiry`].
///
/// The inquiry's own `result` only says whether the inquiry worked; the vaulting's state is
/// `vaultingStatus`. Both are folded into one outcome here.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum InquiryOutcome {
    /// `S` and `vaultingStatus` `SUCCESS` with a card token: the card is vaulted.
    Succeeded(VaultedCard),
    /// `S` and `vaultingStatus` `FAIL`: the vaulting failed; a new attempt needs a new id.
    Failed(InquiryFailure),
    /// `S` and `vaultingStatus` `PROCESSING`: not finished (e.g. waiting for the buyer's 3DS);
    /// inquire again later or wait for the notification.
    Processing(Processing),
    /// `F` / `VAULTING_NOT_EXIST`: Alipay has no vaulting with this `vaultingRequestId` **yet**.
    /// One inquiry's "not found" is not final: a request still in flight may be registered
    /// later. Only [`Client::resolve`](crate::Client::resolve) confirms it, when inquiries keep
    /// saying so over its window ([`NotFound::is_confirmed`]).
    NotFound(NotFound),
    /// The inquiry did not tell the vaulting's state. Not a failure of the vaulting.
    Unknown(UnknownOutcome),
}

impl InquiryOutcome {
    /// Whether the vaulting's state is settled: succeeded, failed, or "not found" confirmed
    /// by `resolve` over its window (one inquiry's "not found" is not final).
    pub fn is_final(&self) -> bool {
        match self {
            InquiryOutcome::Succeeded(_) | InquiryOutcome::Failed(_) => true,
            InquiryOutcome::NotFound(not_found) => not_found.is_confirmed(),
            InquiryOutcome::Processing(_) | InquiryOutcome::Unknown(_) => false,
        }
    }

    /// The card token, when the vaulting succeeded.
    pub fn card_token(&self) -> Option<&str> {
        match self {
            InquiryOutcome::Succeeded(card) => Some(card.card_token()),
            _ => None,
        }
    }

    /// A short, stable name for logs and metrics: `succeeded`, `failed`, `processing`,
    /// `not_found` or `unknown`.
    pub fn name(&self) -> &'static str {
        match self {
            InquiryOutcome::Succeeded(_) => "succeeded",
            InquiryOutcome::Failed(_) => "failed",
            InquiryOutcome::Processing(_) => "processing",
            InquiryOutcome::NotFound(_) => "not_found",
            InquiryOutcome::Unknown(_) => "unknown",
        }
    }

    /// What to do next. `Failed` gives [`NextStep::RetryWithNewRequestId`] because only a new
    /// request can vault the card now; whether to try (e.g. after `STOLEN_CARD`) is the
    /// merchant's decision. A vaulting that failed with `PROCESS_FAIL` gives
    /// [`NextStep::DoNotRetry`], as vaultPaymentMethod's own `PROCESS_FAIL` does.
    /// `Processing` gives [`NextStep::RedirectBuyer`] when URLs came back, else
    /// [`NextStep::InquireWithSameRequestId`]. `NotFound` gives
    /// [`NextStep::InquireWithSameRequestId`] until `resolve` confirmed it, then
    /// [`NextStep::CheckRequestId`].
    pub fn next_step(&self) -> NextStep {
        match self {
            InquiryOutcome::Succeeded(_) => NextStep::None,
            InquiryOutcome::Failed(failure) => failure.next_step(),
            InquiryOutcome::Processing(p) if p.urls.is_some() => NextStep::RedirectBuyer,
            InquiryOutcome::Processing(_) => NextStep::InquireWithSameRequestId,
            InquiryOutcome::NotFound(not_found) if not_found.is_confirmed() => {
                NextStep::CheckRequestId
            }
            InquiryOutcome::NotFound(_) => NextStep::InquireWithSameRequestId,
            InquiryOutcome::Unknown(unknown) => unknown.next_step,
        }
    }
}

impl fmt::Display for UnknownReason {
    /// The crate's explanation, in plain English (never the gateway's words).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnknownReason::ResultUnknown => f.write_str("resultStatus U"),
            UnknownReason::UnrecognisedStatus => {
                f.write_str("a resultStatus other than S, F and U")
            }
            UnknownReason::SuccessWithoutToken => f.write_str("a success without a card token"),
            UnknownReason::MissingVaultingStatus => {
                f.write_str("an inquiry answer without vaultingStatus")
            }
            UnknownReason::UnrecognisedVaultingStatus(status) => {
                write!(f, "an unrecognised vaultingStatus {status:?}")
            }
            UnknownReason::InquiryFailed => f.write_str("the inquiry itself failed"),
            UnknownReason::NotFoundUnconfirmed => f.write_str(
                "the gateway did not know this vaultingRequestId yet, for less than the \
                 confirmation window (resolve's deadline came first): a request still in flight \
                 may land",
            ),
            UnknownReason::RateLimited => {
                f.write_str("the gateway's traffic limit (try again later)")
            }
            UnknownReason::StillProcessing => f.write_str("the vaulting is still processing"),
            UnknownReason::Inconsistent => f.write_str("result and vaultingStatus disagree"),
            UnknownReason::Unsigned => {
                f.write_str("the answer came without a signature, so it is not trusted")
            }
            UnknownReason::RequestIdInUse => f.write_str(
                "this vaultingRequestId belongs to an earlier request with other contents; \
                 inquire for that request's outcome, and vault this card with a new id",
            ),
        }
    }
}

/// "Not found" (`F` / `VAULTING_NOT_EXIST`), and whether `resolve` confirmed it.
///
/// A request that timed out may still be in flight, and be registered seconds later: a "not
/// found" believed too early leads to a second vaulting of the same card. So one inquiry's
/// answer is not confirmed; [`Client::resolve`](crate::Client::resolve) confirms it once
/// inquiries kept saying so, in a row, over its window.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NotFound {
    /// The `vaultingRequestId` echoed by the gateway, if any.
    pub vaulting_request_id: Option<String>,
    confirmed_over: Option<Duration>,
}

impl NotFound {
    /// One inquiry's "not found".
    pub(crate) fn unconfirmed(vaulting_request_id: Option<String>) -> NotFound {
        NotFound {
            vaulting_request_id,
            confirmed_over: None,
        }
    }

    /// The same answer, confirmed by inquiries over `window`.
    pub(crate) fn confirmed(self, window: Duration) -> NotFound {
        NotFound {
            confirmed_over: Some(window),
            ..self
        }
    }

    /// Whether inquiries kept answering "not found" over `resolve`'s whole window: only then
    /// is it final (no request still in flight can land any more).
    pub fn is_confirmed(&self) -> bool {
        self.confirmed_over.is_some()
    }

    /// The window over which inquiries kept answering "not found", when confirmed.
    pub fn confirmed_over(&self) -> Option<Duration> {
        self.confirmed_over
    }
}

/// A vaulted card: the token (always present and non-empty) and the gateway's full details.
///
/// `Debug` shows at most the first 6 characters of the token and its length: the token is a
/// credential for payments.
#[derive(Clone, PartialEq)]
pub struct VaultedCard {
    card_token: String,
    masked_card_no: Option<String>,
    brand: Option<Open<CardBrand>>,
    // Boxed: the generated detail is large and would bloat every outcome enum.
    detail: Box<types::VaultedPaymentMethodDetail>,
}

impl VaultedCard {
    /// Takes the card from a payment method detail; `None` without a non-empty `cardToken`.
    pub fn from_detail(detail: types::VaultedPaymentMethodDetail) -> Option<VaultedCard> {
        let card = detail.card.as_ref()?;
        let card_token = card
            .card_token
            .as_ref()
            .map(crate::card::CardToken::expose)
            .filter(|token| !token.trim().is_empty())?
            .to_string();
        Some(VaultedCard {
            card_token,
            masked_card_no: card.masked_card_no.clone(),
            brand: card.brand.clone(),
            detail: Box::new(detail),
        })
    }

    /// The card token, used as `paymentMethodId` in later pay calls. Keep it secret.
    pub fn card_token(&self) -> &str {
        &self.card_token
    }

    /// The masked card number, e.g. `************8764`.
    pub fn masked_card_no(&self) -> Option<&str> {
        self.masked_card_no.as_deref()
    }

    /// The card brand, e.g. VISA (or a brand this crate does not know yet).
    pub fn brand(&self) -> Option<&Open<CardBrand>> {
        self.brand.as_ref()
    }

    /// Everything the gateway returned about the payment method, so nothing is lost.
    pub fn detail(&self) -> &types::VaultedPaymentMethodDetail {
        &self.detail
    }

    /// The gateway's details, by value.
    pub fn into_detail(self) -> types::VaultedPaymentMethodDetail {
        *self.detail
    }
}

/// Shows a card token as [`crate::card`] does: a short prefix and the length.
struct RedactedToken<'a>(&'a str);

impl fmt::Debug for RedactedToken<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::card::redacted_token(self.0))
    }
}

impl fmt::Debug for VaultedCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The detail's own Debug redacts its token too (`card::CardToken`).
        f.debug_struct("VaultedCard")
            .field("card_token", &RedactedToken(&self.card_token))
            .field("masked_card_no", &self.masked_card_no)
            .field("brand", &self.brand)
            .field("detail", &self.detail)
            .finish()
    }
}

/// Where the buyer can complete verification: at least one URL, guaranteed by construction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedirectUrls {
    normal: Option<String>,
    scheme: Option<String>,
    applink: Option<String>,
}

impl RedirectUrls {
    /// The URLs, or `None` when none is present (empty or blank strings count as absent).
    pub fn new(
        normal: Option<String>,
        scheme: Option<String>,
        applink: Option<String>,
    ) -> Option<RedirectUrls> {
        let keep = |url: Option<String>| url.filter(|u| !u.trim().is_empty());
        let urls = RedirectUrls {
            normal: keep(normal),
            scheme: keep(scheme),
            applink: keep(applink),
        };
        (urls.normal.is_some() || urls.scheme.is_some() || urls.applink.is_some()).then_some(urls)
    }

    /// `normalUrl`: a web or WAP page for the default browser or an embedded WebView.
    pub fn normal_url(&self) -> Option<&str> {
        self.normal.as_deref()
    }

    /// `schemeUrl`: a URL scheme that opens the target app, when it is installed.
    pub fn scheme_url(&self) -> Option<&str> {
        self.scheme.as_deref()
    }

    /// `applinkUrl`: opens the target app if installed, else a WAP page (App Link / Universal Link).
    pub fn applink_url(&self) -> Option<&str> {
        self.applink.as_deref()
    }

    /// One URL, always: `normalUrl`, else `applinkUrl`, else `schemeUrl` (the ones that work
    /// without an installed app come first).
    pub fn first(&self) -> &str {
        self.in_order([Url::Normal, Url::Applink, Url::Scheme])
    }

    /// One URL, always, chosen for the buyer's terminal (`env.terminalType`, any case): in an
    /// `APP` or `MINI_APP`, `applinkUrl`, else `normalUrl`, else `schemeUrl`; otherwise (`WEB`,
    /// `WAP`, or a value not known) the same as [`first`](Self::first).
    pub fn preferred(&self, terminal: &types::TerminalType) -> &str {
        let terminal = terminal.0.to_ascii_uppercase();
        match terminal.as_str() {
            "APP" | "MINI_APP" => self.in_order([Url::Applink, Url::Normal, Url::Scheme]),
            _ => self.first(),
        }
    }

    fn get(&self, which: Url) -> Option<&str> {
        match which {
            Url::Normal => self.normal_url(),
            Url::Scheme => self.scheme_url(),
            Url::Applink => self.applink_url(),
        }
    }

    fn in_order(&self, order: [Url; 3]) -> &str {
        order
            .into_iter()
            .find_map(|which| self.get(which))
            // Unreachable by construction (`new` keeps at least one URL); no panic regardless.
            .unwrap_or_default()
    }
}

#[derive(Clone, Copy)]
enum Url {
    Normal,
    Scheme,
    Applink,
}

/// The buyer must verify (e.g. 3DS) at one of the URLs; the result comes by notification or
/// inquiry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuyerAction {
    /// Where to send the buyer (at least one URL).
    pub urls: RedirectUrls,
    /// The `vaultingRequestId` echoed by the gateway; inquire with it.
    pub vaulting_request_id: Option<String>,
}

/// A final failure of vaultPaymentMethod: this `vaultingRequestId` will not vault the card.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VaultFailure {
    /// `result.resultStatus` (`F`, or `U` for `VERIFICATION_IN_PROCESS` without a URL).
    pub status: Open<ResultStatus>,
    /// `result.resultCode`.
    pub code: Open<ResultCode>,
    /// `result.resultMessage` (for logs, not for buyers).
    pub message: Option<String>,
    /// The `vaultingRequestId` echoed by the gateway (absent from gateway-level failures).
    pub vaulting_request_id: Option<String>,
    /// What to do next.
    pub next_step: NextStep,
}

/// A vaulting that failed, as the inquiry reports it (`vaultingStatus` `FAIL`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InquiryFailure {
    /// `vaultingResultCode`: why, e.g. `CARD_EXPIRED` (Alipay says more codes may be added).
    pub code: Option<Open<VaultingResultCode>>,
    /// `vaultingResultMessage`: a readable explanation of the code (for logs, not for buyers).
    pub message: Option<String>,
    /// The `vaultingRequestId` echoed by the gateway.
    pub vaulting_request_id: Option<String>,
    /// [`NextStep::DoNotRetry`] for `PROCESS_FAIL`, else [`NextStep::RetryWithNewRequestId`]
    /// (only a new request can vault the card now).
    pub next_step: NextStep,
}

impl InquiryFailure {
    /// A failure the inquiry reports, with its next step.
    pub(crate) fn new(
        code: Option<Open<VaultingResultCode>>,
        message: Option<String>,
        vaulting_request_id: Option<String>,
    ) -> InquiryFailure {
        let process_fail = code.as_ref() == Some(&VaultingResultCode::ProcessFail.into());
        InquiryFailure {
            code,
            message,
            vaulting_request_id,
            next_step: after_failed_vaulting(process_fail),
        }
    }

    /// What to do next (the same as the field; every failure type has both).
    pub fn next_step(&self) -> NextStep {
        self.next_step
    }
}

impl VaultFailure {
    /// What to do next (the same as the field; every failure type has both).
    pub fn next_step(&self) -> NextStep {
        self.next_step
    }
}

/// A vaulting still in progress, as the inquiry reports it (`vaultingStatus` `PROCESSING`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Processing {
    /// Where the buyer can still verify, when the gateway returned any URL.
    pub urls: Option<RedirectUrls>,
    /// The `vaultingRequestId` echoed by the gateway.
    pub vaulting_request_id: Option<String>,
}

/// An answer that does not tell whether the card is vaulted. Never treat it as a failure.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownOutcome {
    /// `result.resultStatus` as received.
    pub status: Open<ResultStatus>,
    /// `result.resultCode` as received.
    pub code: Open<ResultCode>,
    /// `result.resultMessage` as the gateway wrote it (for logs, not for buyers); `None` when
    /// the gateway wrote none or the outcome is the crate's own (the reason's `Display` then
    /// explains it).
    pub message: Option<String>,
    /// The `vaultingRequestId` echoed by the gateway.
    pub vaulting_request_id: Option<String>,
    /// Why the outcome is unknown; its `Display` is the crate's explanation.
    pub reason: UnknownReason,
    /// What to do next: [`NextStep::InquireWithSameRequestId`], except for an inquiry the
    /// gateway refused (`F`), where retrying the same inquiry would not help.
    pub next_step: NextStep,
}

/// Why an [`UnknownOutcome`] is unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnknownReason {
    /// `resultStatus` `U` (other than a vaulting session waiting for the buyer).
    ResultUnknown,
    /// A `resultStatus` other than S, F and U (kept in [`UnknownOutcome::status`]).
    UnrecognisedStatus,
    /// Success (`S`, or `vaultingStatus` `SUCCESS`) without a card token: a malformed success.
    SuccessWithoutToken,
    /// An inquiry answered `S` without `vaultingStatus`.
    MissingVaultingStatus,
    /// An inquiry answered `S` with a `vaultingStatus` this crate does not know (kept here).
    UnrecognisedVaultingStatus(String),
    /// The inquiry itself failed (`F` other than `VAULTING_NOT_EXIST`); the vaulting's state is
    /// still unknown.
    InquiryFailed,
    /// `resolve`'s deadline passed while inquiries had said "not found" for less than the
    /// confirmation window: a request still in flight may yet be registered, so "not found" is
    /// not believed. Inquire again with the same `vaultingRequestId` later.
    NotFoundUnconfirmed,
    /// The gateway refused the call for its traffic limit (`F` / REQUEST_TRAFFIC_EXCEED_LIMIT):
    /// try again later with the same `vaultingRequestId` (an inquiry first, for a vaulting).
    RateLimited,
    /// A notification says the vaulting is still processing (`vaultingStatus` `PROCESSING`):
    /// not settled yet; inquire later, or wait for the next notification.
    StillProcessing,
    /// A notification's `result` and `vaultingStatus` disagree (`F` with `SUCCESS` or
    /// `PROCESSING`): neither is believed; inquire.
    Inconsistent,
    /// The answer came without a signature. Alipay may leave `F` and `U` answers unsigned, so
    /// the answer is read, but whoever can alter the response could also have removed the
    /// signature and written it: it never counts as final, never sends a buyer anywhere and
    /// never asks for a person; inquire with the same `vaultingRequestId`.
    Unsigned,
    /// vaultPaymentMethod answered `F` / REPEAT_REQ_INCONSISTENT: this `vaultingRequestId`
    /// belongs to an **earlier** request with other contents, which may have vaulted a card.
    /// Inquire with this id to learn that earlier request's outcome; the card of this request
    /// needs a new `vaultingRequestId`.
    RequestIdInUse,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(token: &str) -> VaultedCard {
        let detail: types::VaultedPaymentMethodDetail = serde_json::from_value(serde_json::json!({
            "paymentMethodType": "CARD",
            "card": { "cardToken": token, "maskedCardNo": "************8764", "brand": "VISA" }
        }))
        .unwrap();
        VaultedCard::from_detail(detail).unwrap()
    }

    #[test]
    fn short_tokens_show_no_prefix() {
        let debug = format!("{:?}", card("tok"));
        assert!(!debug.contains("\"tok"), "{debug}");
        assert!(debug.contains("…(3 chars)"), "{debug}");
    }

    #[test]
    fn a_blank_token_is_no_token() {
        let detail: types::VaultedPaymentMethodDetail =
            serde_json::from_value(serde_json::json!({ "card": { "cardToken": "  " } })).unwrap();
        assert!(VaultedCard::from_detail(detail).is_none());
    }

    #[test]
    fn redirect_urls_need_a_non_blank_url() {
        assert!(RedirectUrls::new(None, None, None).is_none());
        assert!(RedirectUrls::new(Some(String::new()), Some(" ".into()), None).is_none());
        let urls = RedirectUrls::new(None, Some("app://x".into()), None).unwrap();
        assert_eq!(urls.first(), "app://x");
        assert_eq!(
            urls.preferred(&types::TerminalType("app".into())),
            "app://x"
        );
    }
}
