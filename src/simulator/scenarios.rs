//! The test cards and what the simulated gateway does with each.

use std::fmt;

use base64::Engine as _;

use crate::types::{CardBrand, ResultCode, VaultingResultCode};

/// What the simulator does with a card, chosen by the card number (see the module table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scenario {
    /// `4111111111111111`: vaulted at once (`S`), brand VISA.
    VisaSuccess,
    /// `5555555555554444`: vaulted at once (`S`), brand MASTERCARD.
    MastercardSuccess,
    /// `378282246310005`: vaulted at once (`S`), brand AMEX.
    AmexSuccess,
    /// `4000000000003220`: 3-D Secure challenge (`U` / `VERIFICATION_IN_PROCESS` with the
    /// three URLs); the buyer approves or declines on the simulated page.
    ThreeDsChallenge,
    /// `4000000000000002`: refused (`F` / `VERIFICATION_FAIL`); the inquiry says `FAIL` with
    /// `DO_NOT_HONOR`.
    VerificationFail,
    /// `4000000000000119`: refused (`F` / `PROCESS_FAIL`); the inquiry says `FAIL` with
    /// `PROCESS_FAIL` (so both answers say "do not retry").
    ProcessFail,
    /// `4000000000000127`: the answer is `U` / `UNKNOWN_EXCEPTION`, but the card was vaulted
    /// inside the gateway: the inquiry says `SUCCESS` (what `Client::resolve` is for).
    UnknownButVaulted,
    /// `4000000000000135`: `U` / `VERIFICATION_IN_PROCESS` without any URL (no session was
    /// created); the inquiry says `FAIL`.
    VerificationWithoutUrl,
    /// Any other card number that passes the Luhn check: vaulted at once, brand from the BIN.
    OtherCard,
    /// A card number that fails the Luhn check: refused (`F` / `VERIFICATION_FAIL`); the
    /// inquiry says `FAIL` with `INVALID_CARD_NUMBER`.
    InvalidCardNumber,
}

/// How a scenario's first vaultPaymentMethod call ends, before any buyer action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// `S`: vaulted.
    Vaulted,
    /// `U` / `VERIFICATION_IN_PROCESS` with URLs: waits for the 3-D Secure page.
    Challenge,
    /// `U` / `UNKNOWN_EXCEPTION`, although the vaulting succeeded.
    UnknownButVaulted,
    /// `U` / `VERIFICATION_IN_PROCESS` without a URL: the vaulting failed.
    NoSession,
    /// `F` with this result code; the inquiry's `vaultingResultCode` and message.
    Refused {
        code: ResultCode,
        vaulting_code: VaultingResultCode,
        message: &'static str,
    },
}

impl Scenario {
    /// Every scenario, in the order of the documentation table.
    pub const ALL: [Scenario; 10] = [
        Scenario::VisaSuccess,
        Scenario::MastercardSuccess,
        Scenario::AmexSuccess,
        Scenario::ThreeDsChallenge,
        Scenario::VerificationFail,
        Scenario::ProcessFail,
        Scenario::UnknownButVaulted,
        Scenario::VerificationWithoutUrl,
        Scenario::OtherCard,
        Scenario::InvalidCardNumber,
    ];

    /// The scenario of a card number (digits only; anything else counts as an invalid number).
    pub fn for_card(card_no: &str) -> Scenario {
        match card_no {
            "4111111111111111" => Scenario::VisaSuccess,
            "5555555555554444" => Scenario::MastercardSuccess,
            "378282246310005" => Scenario::AmexSuccess,
            "4000000000003220" => Scenario::ThreeDsChallenge,
            "4000000000000002" => Scenario::VerificationFail,
            "4000000000000119" => Scenario::ProcessFail,
            "4000000000000127" => Scenario::UnknownButVaulted,
            "4000000000000135" => Scenario::VerificationWithoutUrl,
            other if luhn_valid(other) => Scenario::OtherCard,
            _ => Scenario::InvalidCardNumber,
        }
    }

    /// The test card number that selects this scenario (`None` for the catch-all ones).
    pub fn test_card(self) -> Option<&'static str> {
        match self {
            Scenario::VisaSuccess => Some("4111111111111111"),
            Scenario::MastercardSuccess => Some("5555555555554444"),
            Scenario::AmexSuccess => Some("378282246310005"),
            Scenario::ThreeDsChallenge => Some("4000000000003220"),
            Scenario::VerificationFail => Some("4000000000000002"),
            Scenario::ProcessFail => Some("4000000000000119"),
            Scenario::UnknownButVaulted => Some("4000000000000127"),
            Scenario::VerificationWithoutUrl => Some("4000000000000135"),
            Scenario::OtherCard | Scenario::InvalidCardNumber => None,
        }
    }

    /// One line saying what the vaulting answers and what the inquiry then says.
    pub fn description(self) -> &'static str {
        match self {
            Scenario::VisaSuccess | Scenario::MastercardSuccess | Scenario::AmexSuccess => {
                "S / SUCCESS with cardToken, maskedCardNo and brand; inquiry: SUCCESS"
            }
            Scenario::ThreeDsChallenge => {
                "U / VERIFICATION_IN_PROCESS with normalUrl, schemeUrl, applinkUrl; inquiry: \
                 PROCESSING until the buyer approves (SUCCESS) or declines (FAIL, DO_NOT_HONOR) \
                 on the 3-D Secure page"
            }
            Scenario::VerificationFail => "F / VERIFICATION_FAIL; inquiry: FAIL with DO_NOT_HONOR",
            Scenario::ProcessFail => "F / PROCESS_FAIL; inquiry: FAIL with PROCESS_FAIL",
            Scenario::UnknownButVaulted => {
                "U / UNKNOWN_EXCEPTION, but vaulted inside the gateway; inquiry: SUCCESS"
            }
            Scenario::VerificationWithoutUrl => {
                "U / VERIFICATION_IN_PROCESS without any URL; inquiry: FAIL"
            }
            Scenario::OtherCard => {
                "S / SUCCESS, brand from the BIN (VISA, MASTERCARD, AMEX, else none); inquiry: \
                 SUCCESS"
            }
            Scenario::InvalidCardNumber => {
                "F / VERIFICATION_FAIL (fails the Luhn check); inquiry: FAIL with \
                 INVALID_CARD_NUMBER"
            }
        }
    }

    /// A stable name in kebab case, e.g. `three-ds-challenge`.
    pub fn name(self) -> &'static str {
        match self {
            Scenario::VisaSuccess => "visa-success",
            Scenario::MastercardSuccess => "mastercard-success",
            Scenario::AmexSuccess => "amex-success",
            Scenario::ThreeDsChallenge => "three-ds-challenge",
            Scenario::VerificationFail => "verification-fail",
            Scenario::ProcessFail => "process-fail",
            Scenario::UnknownButVaulted => "unknown-but-vaulted",
            Scenario::VerificationWithoutUrl => "verification-without-url",
            Scenario::OtherCard => "other-card",
            Scenario::InvalidCardNumber => "invalid-card-number",
        }
    }

    pub(crate) fn plan(self) -> Plan {
        match self {
            Scenario::VisaSuccess
            | Scenario::MastercardSuccess
            | Scenario::AmexSuccess
            | Scenario::OtherCard => Plan::Vaulted,
            Scenario::ThreeDsChallenge => Plan::Challenge,
            Scenario::UnknownButVaulted => Plan::UnknownButVaulted,
            Scenario::VerificationWithoutUrl => Plan::NoSession,
            Scenario::VerificationFail => Plan::Refused {
                code: ResultCode::VerificationFail,
                vaulting_code: VaultingResultCode::DoNotHonor,
                message: "The issuer declined the card (do not honor).",
            },
            Scenario::ProcessFail => Plan::Refused {
                code: ResultCode::ProcessFail,
                vaulting_code: VaultingResultCode::ProcessFail,
                message: "A general business failure: do not retry.",
            },
            Scenario::InvalidCardNumber => Plan::Refused {
                code: ResultCode::VerificationFail,
                vaulting_code: VaultingResultCode::InvalidCardNumber,
                message: "The card number is invalid.",
            },
        }
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The brand a BIN belongs to: 4 VISA, 51-55 and 2221-2720 MASTERCARD, 34 and 37 AMEX.
pub(crate) fn brand_of(card_no: &str) -> Option<CardBrand> {
    let prefix = |n: usize| card_no.get(..n).and_then(|p| p.parse::<u32>().ok());
    if card_no.starts_with('4') {
        Some(CardBrand::Visa)
    } else if matches!(prefix(2), Some(51..=55)) || matches!(prefix(4), Some(2221..=2720)) {
        Some(CardBrand::Mastercard)
    } else if matches!(prefix(2), Some(34 | 37)) {
        Some(CardBrand::Amex)
    } else {
        None
    }
}

/// Whether a number of ASCII digits passes the Luhn check.
pub(crate) fn luhn_valid(card_no: &str) -> bool {
    if card_no.is_empty() || !card_no.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = card_no
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// `************1111`: one star per hidden digit, then the last four.
pub(crate) fn masked(card_no: &str) -> String {
    let len = card_no.chars().count();
    let shown: String = card_no.chars().skip(len.saturating_sub(4)).collect();
    format!("{}{shown}", "*".repeat(len.saturating_sub(4)))
}

/// A token shaped like Alipay's (`ALIPAY` + base64), unique per `vaultingRequestId` and
/// stable for it.
pub(crate) fn card_token(vaulting_request_id: &str) -> String {
    let digest = sha256(&[
        b"alipay-vaulting-simulator/token\0",
        vaulting_request_id.as_bytes(),
    ]);
    format!(
        "ALIPAY{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// A one-way fingerprint of a card number, to tell "the same card" without keeping it.
pub(crate) fn fingerprint(card_no: &str) -> [u8; 32] {
    sha256(&[b"alipay-vaulting-simulator/card\0", card_no.as_bytes()])
}

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut context = aws_lc_rs::digest::Context::new(&aws_lc_rs::digest::SHA256);
    for part in parts {
        context.update(part);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(context.finish().as_ref());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cards_pass_luhn_and_map_back() {
        for scenario in Scenario::ALL {
            if let Some(card) = scenario.test_card() {
                assert!(luhn_valid(card), "{card}");
                assert_eq!(Scenario::for_card(card), scenario);
            }
        }
        assert_eq!(Scenario::for_card("4242424242424242"), Scenario::OtherCard);
        assert_eq!(
            Scenario::for_card("4242424242424241"),
            Scenario::InvalidCardNumber
        );
    }

    #[test]
    fn brands_and_masks() {
        assert_eq!(brand_of("4111111111111111"), Some(CardBrand::Visa));
        assert_eq!(brand_of("2223003122003222"), Some(CardBrand::Mastercard));
        assert_eq!(brand_of("5105105105105100"), Some(CardBrand::Mastercard));
        assert_eq!(brand_of("371449635398431"), Some(CardBrand::Amex));
        assert_eq!(brand_of("6011111111111117"), None);
        assert_eq!(masked("378282246310005"), "***********0005");
        assert_eq!(masked("4111111111111111"), "************1111");
        assert!(card_token("a").starts_with("ALIPAY"));
        assert_ne!(card_token("a"), card_token("b"));
    }
}
