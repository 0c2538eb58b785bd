//! Card data that must never be printed: the card number, the CVV, card tokens, and the
//! cardholder's personal data ([`CardPasswordDigest`], [`Cpf`], [`DateOfBirth`], [`PersonName`],
//! [`FullName`], [`Email`], and the address's [`AddressLine`], [`City`], [`PostalCode`] and
//! [`StateOrProvince`]).
//!
//! The generator swaps these types into the models (progenitor's `with_replacement`): the card
//! number and the CVV into the requests, [`CardToken`] into the responses where a token is a
//! field of its own type. They serialize the real value into the JSON body, but their `Debug`
//! shows at most the last four digits of the number, nothing of the CVV and a short prefix and
//! the length of a token; they have no `Display`, and their memory is wiped when they are
//! dropped.

use std::borrow::Cow;
use std::fmt;

use crate::validate::{FieldPath, Problem, Validate, ValidationError};

mod personal;
mod secret_text;

pub use personal::{
    AddressLine, CardPasswordDigest, City, Cpf, DateOfBirth, Email, FullName, PersonName,
    PostalCode, StateOrProvince,
};
use secret_text::secret_text;

secret_text! {
    /// A primary account number (PAN). PCI DSS data: shown at most as its last four digits.
    CardNumber, "a card number"
}

secret_text! {
    /// A card verification value. PCI DSS data: never shown, never stored after the request.
    Cvv, "a CVV"
}

secret_text! {
    /// A card token (or an acquirer's token for a card): a credential for later payments.
    /// Shown as at most its first 6 characters and its length.
    CardToken, "a card token"
}

/// Shortest and longest card numbers ISO/IEC 7812 allows.
const CARD_NUMBER_DIGITS: (usize, usize) = (12, 19);
/// CVV length: 3 digits, 4 for American Express.
const CVV_DIGITS: (usize, usize) = (3, 4);

impl CardNumber {
    /// The last four digits, when the number looks like one (all digits, at least 12 of them).
    pub fn last_four(&self) -> Option<&str> {
        let n = self.0.as_str();
        let plausible = n.len() >= CARD_NUMBER_DIGITS.0 && n.bytes().all(|b| b.is_ascii_digit());
        plausible.then(|| &n[n.len() - 4..])
    }
}

/// How a token prints: its first 6 characters (only for tokens of 16 or more, so that a short
/// token shows nothing of itself) and its length, e.g. `ALIPAY…(96 chars)`.
pub(crate) fn redacted_token(token: &str) -> String {
    const SHOWN: usize = 6;
    const MIN_LEN_TO_SHOW: usize = 16;
    let len = token.chars().count();
    let prefix: String = if len >= MIN_LEN_TO_SHOW {
        token.chars().take(SHOWN).collect()
    } else {
        String::new()
    };
    format!("{prefix}…({len} chars)")
}

impl fmt::Debug for CardToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardToken({})", redacted_token(&self.0))
    }
}

impl schemars::JsonSchema for CardToken {
    fn schema_name() -> Cow<'static, str> {
        "CardToken".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A card token, a credential for later payments.",
            "type": "string"
        })
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.last_four() {
            Some(last) => write!(f, "CardNumber(\"****{last}\")"),
            None => f.write_str("CardNumber(\"****\")"),
        }
    }
}

impl fmt::Debug for Cvv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cvv(\"***\")")
    }
}

fn digits(
    value: &str,
    (min, max): (usize, usize),
    at: &FieldPath<'_>,
) -> Result<(), ValidationError> {
    let actual = value.chars().count();
    let problem = if !value.bytes().all(|b| b.is_ascii_digit()) {
        Problem::NotDigits
    } else if actual > max {
        Problem::TooLong { max, actual }
    } else if actual < min {
        Problem::TooShort { min, actual }
    } else {
        return Ok(());
    };
    Err(ValidationError::new(at.join(None), problem))
}

impl Validate for CardNumber {
    /// 12 to 19 ASCII digits, as the spec says (ISO/IEC 7812).
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        digits(&self.0, CARD_NUMBER_DIGITS, at)
    }
}

impl Validate for Cvv {
    /// 3 or 4 ASCII digits.
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        digits(&self.0, CVV_DIGITS, at)
    }
}

impl schemars::JsonSchema for CardNumber {
    fn schema_name() -> Cow<'static, str> {
        "CardNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Card number (PAN), 12 to 19 digits. PCI DSS data.",
            "type": "string",
            "minLength": 12,
            "maxLength": 19,
            "pattern": "^[0-9]+$"
        })
    }
}

impl schemars::JsonSchema for Cvv {
    fn schema_name() -> Cow<'static, str> {
        "Cvv".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Card verification value: 3 digits, 4 for American Express. PCI DSS data.",
            "type": "string",
            "minLength": 3,
            "maxLength": 4,
            "pattern": "^[0-9]+$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_shows_a_prefix_and_its_length_only() {
        let token = CardToken::new("ALIPAY9CGwsAeMBug+G2dSKDV6AIsNKTxAFNkOMoj8Gxvt8h0eDUbd6nO5");
        assert_eq!(format!("{token:?}"), "CardToken(ALIPAY…(58 chars))");
        assert_eq!(
            format!("{:?}", CardToken::new("short-token")),
            "CardToken(…(11 chars))"
        );
        assert_eq!(
            serde_json::to_string(&token).unwrap(),
            "\"ALIPAY9CGwsAeMBug+G2dSKDV6AIsNKTxAFNkOMoj8Gxvt8h0eDUbd6nO5\""
        );
    }

    #[test]
    fn debug_shows_last_four_at_most() {
        assert_eq!(
            format!("{:?}", CardNumber::new("4111111111111111")),
            "CardNumber(\"****1111\")"
        );
        assert_eq!(
            format!("{:?}", CardNumber::new("1234")),
            "CardNumber(\"****\")"
        );
        assert_eq!(
            format!("{:?}", CardNumber::new("41111111111x1111")),
            "CardNumber(\"****\")"
        );
        assert_eq!(format!("{:?}", Cvv::new("123")), "Cvv(\"***\")");
    }

    #[test]
    fn validation_names_the_field_and_not_the_value() {
        let root = FieldPath::Root;
        let at = root.field("cardNo");
        let err = CardNumber::new("4111-1111-1111-1111")
            .validate_at(&at)
            .unwrap_err();
        assert_eq!(err.field(), "cardNo");
        assert_eq!(err.problem(), &Problem::NotDigits);
        assert!(!err.to_string().contains("4111"));
        let err = CardNumber::new("1".repeat(20))
            .validate_at(&at)
            .unwrap_err();
        assert_eq!(
            err.problem(),
            &Problem::TooLong {
                max: 19,
                actual: 20
            }
        );
        assert!(CardNumber::new("4111111111111111").validate_at(&at).is_ok());
        let at = root.field("cvv");
        assert_eq!(
            Cvv::new("12").validate_at(&at).unwrap_err().problem(),
            &Problem::TooShort { min: 3, actual: 2 }
        );
        assert!(Cvv::new("1234").validate_at(&at).is_ok());
    }
}
