//! Outcomes, next steps and errors as JSON: the fields and names the command-line tool's
//! `--json` prints (`outcome`, `nextStep`, then the answer's fields by their wire names), so a
//! service can log an outcome or return it as it is, and read the tool's output with the same
//! code.
//!
//! **No card token**: an outcome's JSON never holds one (the tool prints it only because its
//! user asked for it); take it with `card_token()`. Safe to log.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{
    BuyerAction, InquiryOutcome, NextStep, RedirectUrls, UnknownOutcome, VaultOutcome, VaultedCard,
};
use crate::error::Error;
use crate::notification::NotificationOutcome;

impl Serialize for NextStep {
    /// The stable name ([`NextStep::as_str`]).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Adds `key: value` when there is a value.
fn put<M: SerializeMap, V: Serialize + ?Sized>(
    map: &mut M,
    key: &str,
    value: Option<&V>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

fn head<M: SerializeMap>(map: &mut M, outcome: &str, step: NextStep) -> Result<(), M::Error> {
    map.serialize_entry("outcome", outcome)?;
    map.serialize_entry("nextStep", &step)
}

fn card<M: SerializeMap>(map: &mut M, card: &VaultedCard) -> Result<(), M::Error> {
    put(map, "maskedCardNo", card.masked_card_no())?;
    put(map, "brand", card.brand().map(|b| b.as_wire()).as_deref())
}

fn urls<M: SerializeMap>(map: &mut M, urls: Option<&RedirectUrls>) -> Result<(), M::Error> {
    put(map, "normalUrl", urls.and_then(|u| u.normal_url()))?;
    put(map, "applinkUrl", urls.and_then(|u| u.applink_url()))?;
    put(map, "schemeUrl", urls.and_then(|u| u.scheme_url()))
}

fn buyer_action<M: SerializeMap>(map: &mut M, action: &BuyerAction) -> Result<(), M::Error> {
    put(
        map,
        "vaultingRequestId",
        action.vaulting_request_id.as_deref(),
    )?;
    urls(map, Some(&action.urls))
}

fn unknown<M: SerializeMap>(map: &mut M, unknown: &UnknownOutcome) -> Result<(), M::Error> {
    put(
        map,
        "vaultingRequestId",
        unknown.vaulting_request_id.as_deref(),
    )?;
    map.serialize_entry("resultStatus", &unknown.status.as_wire())?;
    map.serialize_entry("resultCode", &unknown.code.as_wire())?;
    put(map, "resultMessage", unknown.message.as_deref())?;
    map.serialize_entry("reason", &unknown.reason.to_string())
}

impl Serialize for VaultOutcome {
    /// `{"outcome": "vaulted" | "buyerActionRequired" | "failed" | "unknown", "nextStep", ...}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let step = self.next_step();
        match self {
            VaultOutcome::Vaulted(vaulted) => {
                head(&mut map, "vaulted", step)?;
                card(&mut map, vaulted)?;
            }
            VaultOutcome::BuyerActionRequired(action) => {
                head(&mut map, "buyerActionRequired", step)?;
                buyer_action(&mut map, action)?;
            }
            VaultOutcome::Failed(failure) => {
                head(&mut map, "failed", step)?;
                put(
                    &mut map,
                    "vaultingRequestId",
                    failure.vaulting_request_id.as_deref(),
                )?;
                map.serialize_entry("resultStatus", &failure.status.as_wire())?;
                map.serialize_entry("resultCode", &failure.code.as_wire())?;
                put(&mut map, "resultMessage", failure.message.as_deref())?;
            }
            VaultOutcome::Unknown(outcome) => {
                head(&mut map, "unknown", step)?;
                unknown(&mut map, outcome)?;
            }
        }
        map.end()
    }
}

impl Serialize for InquiryOutcome {
    /// `{"outcome": "succeeded" | "processing" | "failed" | "notFound" | "notFoundYet" |
    /// "unknown", "nextStep", ...}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let step = self.next_step();
        match self {
            InquiryOutcome::Succeeded(succeeded) => {
                head(&mut map, "succeeded", step)?;
                card(&mut map, succeeded)?;
            }
            InquiryOutcome::Processing(processing) => {
                head(&mut map, "processing", step)?;
                put(
                    &mut map,
                    "vaultingRequestId",
                    processing.vaulting_request_id.as_deref(),
                )?;
                urls(&mut map, processing.urls.as_ref())?;
            }
            InquiryOutcome::Failed(failure) => {
                head(&mut map, "failed", step)?;
                put(
                    &mut map,
                    "vaultingRequestId",
                    failure.vaulting_request_id.as_deref(),
                )?;
                put(
                    &mut map,
                    "vaultingResultCode",
                    failure.code.as_ref().map(|c| c.as_wire()).as_deref(),
                )?;
                put(
                    &mut map,
                    "vaultingResultMessage",
                    failure.message.as_deref(),
                )?;
            }
            InquiryOutcome::NotFound(not_found) => {
                let name = if not_found.is_confirmed() {
                    "notFound"
                } else {
                    "notFoundYet"
                };
                head(&mut map, name, step)?;
                put(
                    &mut map,
                    "vaultingRequestId",
                    not_found.vaulting_request_id.as_deref(),
                )?;
            }
            InquiryOutcome::Unknown(outcome) => {
                head(&mut map, "unknown", step)?;
                unknown(&mut map, outcome)?;
            }
        }
        map.end()
    }
}

impl Serialize for NotificationOutcome {
    /// `{"outcome": "vaulted" | "failed" | "unknown", "nextStep", ...}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let step = self.next_step();
        match self {
            NotificationOutcome::Vaulted(vaulted) => {
                head(&mut map, "vaulted", step)?;
                card(&mut map, vaulted)?;
            }
            NotificationOutcome::Failed(failure) => {
                head(&mut map, "failed", step)?;
                map.serialize_entry("vaultingRequestId", &failure.vaulting_request_id)?;
                put(
                    &mut map,
                    "resultCode",
                    failure.code.as_ref().map(|c| c.as_wire()).as_deref(),
                )?;
                put(&mut map, "resultMessage", failure.message.as_deref())?;
            }
            NotificationOutcome::Unknown(outcome) => {
                head(&mut map, "unknown", step)?;
                unknown(&mut map, outcome)?;
            }
        }
        map.end()
    }
}

impl Serialize for Error {
    /// `{"outcome": "error", "nextStep", "errorKind": Error::name, "error": the message}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        head(&mut map, "error", self.next_step())?;
        map.serialize_entry("errorKind", self.name())?;
        map.serialize_entry("error", &self.to_string())?;
        map.end()
    }
}
