//! Reading input (a file or stdin) and the vault request in it, without ever echoing a value:
//! the request holds a card number and a CVV, so errors say where, never what.

use std::io::{IsTerminal, Read};

use alipay_vaulting::types::VaultPaymentMethodRequest;
use alipay_vaulting::Validate;
use zeroize::Zeroizing;

use crate::exit::Failure;

/// The bytes of `source`: a file path, or `-` for stdin. Wiped from memory when dropped.
pub fn read_source(source: &str, what: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let mut bytes = Zeroizing::new(Vec::new());
    if source == "-" {
        let mut stdin = std::io::stdin();
        if stdin.is_terminal() {
            eprintln!("Reading the {what} from stdin (end with Ctrl-D)...");
        }
        stdin.read_to_end(&mut bytes).map_err(|e| {
            Failure::usage("input", format!("cannot read the {what} from stdin: {e}"))
        })?;
    } else {
        let mut file = std::fs::File::open(source).map_err(|e| {
            Failure::usage(
                "input",
                format!("cannot read the {what} from {source}: {e}"),
            )
        })?;
        file.read_to_end(&mut bytes).map_err(|e| {
            Failure::usage(
                "input",
                format!("cannot read the {what} from {source}: {e}"),
            )
        })?;
    }
    Ok(bytes)
}

/// Parses and validates a vaultPaymentMethod request in wire-format JSON.
pub fn vault_request(bytes: &[u8]) -> Result<VaultPaymentMethodRequest, Failure> {
    let request: VaultPaymentMethodRequest = parse_named(bytes).map_err(|message| {
        Failure::usage(
            "invalidJson",
            format!("the request is not a vaultPaymentMethod request: {message}"),
        )
        .hint("the request is the API's wire-format JSON; see `alipay-vaulting vault --help`")
    })?;
    request.validate().map_err(|e| {
        Failure::usage("invalidRequest", format!("invalid request: {e}"))
            .next_step(alipay_vaulting::outcome::NextStep::FixRequest)
    })?;
    Ok(request)
}

/// Parses `bytes`; an error names the field by its wire path (`paymentMethodDetail.card.cardNo`)
/// and never quotes a value.
fn parse_named<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let path = e.path().to_string();
        let reason = json_error(e.inner());
        if path == "." || !e.inner().is_data() {
            reason
        } else {
            format!("field {path}: {reason}")
        }
    })?;
    json.end().map_err(|e| json_error(&e))?;
    Ok(value)
}

/// A JSON error without any of the input: serde's messages can quote values (`invalid type:
/// string "4111..."`), so only the kind of problem, what was expected (which comes from the
/// model) and the position are kept.
pub fn json_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) if e.line() > 0 => &full[..at],
        _ => full.as_str(),
    };
    let safe = if e.is_data() {
        if message.starts_with("missing field `") || message.starts_with("invalid length ") {
            message.to_string()
        } else if let Some(expected) = message.rfind(", expected ") {
            // The last ", expected" is the model's; anything before it may quote the input.
            let kind = [
                "invalid type",
                "invalid value",
                "unknown variant",
                "unknown field",
            ]
            .into_iter()
            .find(|kind| message.starts_with(kind))
            .unwrap_or("invalid value");
            format!("{kind}{}", &message[expected..])
        } else {
            "a value does not fit the request model".to_string()
        }
    } else {
        message.to_string()
    };
    if e.line() > 0 {
        format!("{safe} at line {} column {}", e.line(), e.column())
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(json: &str) -> String {
        json_error(&serde_json::from_str::<VaultPaymentMethodRequest>(json).unwrap_err())
    }

    #[test]
    fn a_wrong_type_names_the_field_and_not_the_value() {
        let json = r#"{"vaultingRequestId":"r","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"cardNo":4111111111111111}}}"#;
        let error = parse_named::<VaultPaymentMethodRequest>(json.as_bytes()).unwrap_err();
        assert!(
            error.starts_with("field paymentMethodDetail.card.cardNo: invalid type, expected"),
            "{error}"
        );
        assert!(!error.contains("4111"), "{error}");
        let trailing = parse_named::<serde_json::Value>(b"{} x").unwrap_err();
        assert!(trailing.contains("trailing"), "{trailing}");
    }

    #[test]
    fn json_errors_never_quote_values() {
        let typed = error_of(r#"{"paymentMethodDetail": {"card": {"cardNo": 4111111111111111}}}"#);
        assert!(!typed.contains("4111"), "{typed}");
        assert!(typed.starts_with("invalid type, expected"), "{typed}");
        let variant = error_of(
            r#"{"paymentMethodDetail": {"paymentMethodType": "CARD", "card": {"brand": "4111111111111111"}}}"#,
        );
        assert!(!variant.contains("4111"), "{variant}");
        assert!(
            variant.starts_with("unknown variant, expected"),
            "{variant}"
        );
        let missing = error_of("{}");
        assert!(missing.starts_with("missing field `"), "{missing}");
        let syntax = error_of(r#"{"cardNo": "4111111111111111" "#);
        assert!(!syntax.contains("4111"), "{syntax}");
    }
}
