//! Key text decoding: PEM armour or bare base64, as users paste keys from dashboards and env files.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use zeroize::Zeroizing;

use super::der::TAG_SEQUENCE;
use super::{ExpectedKey, KeyError};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Want {
    Private,
    Public,
}

/// Maximum accepted text length; real keys are a few KiB.
pub(super) const MAX_TEXT_LEN: usize = 64 * 1024;

/// Turns PEM or bare base64 into DER, checking the PEM label.
pub(super) fn decode_text(
    text: &str,
    expected: ExpectedKey,
    want: Want,
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(KeyError::Empty { expected });
    }
    if text.len() > MAX_TEXT_LEN {
        return Err(KeyError::Malformed {
            expected,
            detail: "input longer than 64 KiB",
        });
    }
    let body = match text.find("-----BEGIN ") {
        Some(start) => pem_body(&text[start..], expected, want)?,
        None => text,
    };
    decode_base64(body, expected)
}

/// Returns the base64 body of the first PEM block after checking its label.
pub(super) fn pem_body(text: &str, expected: ExpectedKey, want: Want) -> Result<&str, KeyError> {
    let after_begin = &text["-----BEGIN ".len()..];
    let Some(label_end) = after_begin.find("-----") else {
        return Err(KeyError::Truncated { expected });
    };
    let label = &after_begin[..label_end];
    if label.contains('\n') {
        return Err(KeyError::Malformed {
            expected,
            detail: "PEM BEGIN line is not terminated",
        });
    }
    let rest = &after_begin[label_end + "-----".len()..];
    match (label, want) {
        ("PRIVATE KEY" | "RSA PRIVATE KEY", Want::Private)
        | ("PUBLIC KEY" | "RSA PUBLIC KEY", Want::Public) => {}
        ("PUBLIC KEY" | "RSA PUBLIC KEY", Want::Private) => {
            return Err(KeyError::PublicKeyGivenAsPrivate)
        }
        (
            "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" | "EC PRIVATE KEY",
            Want::Public,
        ) => return Err(KeyError::PrivateKeyGivenAsPublic),
        ("ENCRYPTED PRIVATE KEY", Want::Private) => return Err(KeyError::Encrypted { expected }),
        ("EC PRIVATE KEY" | "EC PARAMETERS", _) => {
            return Err(KeyError::NotRsa {
                expected,
                algorithm: "EC (SEC1)".to_owned(),
            })
        }
        ("CERTIFICATE" | "TRUSTED CERTIFICATE", Want::Public) => {
            return Err(KeyError::WrongFormat {
                expected,
                found: "an X.509 certificate (extract its key: `openssl x509 -pubkey -noout`)",
            })
        }
        _ => {
            return Err(KeyError::UnsupportedPemLabel {
                expected,
                label: sanitize_label(label),
            })
        }
    }
    let end_marker_len = "-----END ".len() + label.len() + "-----".len();
    let Some(end) = rest.find("-----END ") else {
        return Err(KeyError::Truncated { expected });
    };
    let end_line = rest.get(end..end + end_marker_len);
    let expected_end_ok = end_line.is_some_and(|l| {
        l.strip_prefix("-----END ")
            .and_then(|l| l.strip_prefix(label))
            .is_some_and(|l| l == "-----")
    });
    if !expected_end_ok {
        return Err(KeyError::Malformed {
            expected,
            detail: "PEM END label does not match BEGIN label",
        });
    }
    let body = &rest[..end];
    // RFC 1421 headers (legacy OpenSSL encryption) mark an encrypted key.
    if body.contains("Proc-Type:") || body.contains("DEK-Info:") {
        return Err(KeyError::Encrypted { expected });
    }
    Ok(body)
}

/// Keeps a PEM label printable and short for an error message.
pub(super) fn sanitize_label(label: &str) -> String {
    label
        .chars()
        .take(40)
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// Base64 decoding that tolerates missing padding (never bad trailing bits).
pub(super) const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decodes base64 after removing whitespace and literal `\n`/`\r` escapes.
pub(super) fn decode_base64(
    body: &str,
    expected: ExpectedKey,
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let mut clean = Zeroizing::new(String::with_capacity(body.len()));
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_ascii_whitespace() => {}
            '\\' => match chars.next() {
                Some('n' | 'r') => {}
                _ => return Err(KeyError::NotBase64 { expected }),
            },
            c => clean.push(c),
        }
    }
    if clean.is_empty() {
        return Err(KeyError::Empty { expected });
    }
    match LENIENT_BASE64.decode(clean.as_bytes()) {
        Ok(der) => Ok(Zeroizing::new(der)),
        // Every character is base64 but the text stops mid-quantum: a cut
        // key if the whole quanta before the cut start like DER, else junk.
        Err(base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..)) => {
            let whole = clean.len() / 4 * 4;
            let prefix = Zeroizing::new(
                LENIENT_BASE64
                    .decode(&clean.as_bytes()[..whole])
                    .unwrap_or_default(),
            );
            if prefix.first() == Some(&TAG_SEQUENCE) {
                Err(KeyError::Truncated { expected })
            } else {
                Err(KeyError::Malformed {
                    expected,
                    detail: "base64 that does not decode to a DER SEQUENCE",
                })
            }
        }
        Err(_) => Err(KeyError::NotBase64 { expected }),
    }
}

// ---------------------------------------------------------------------------
// DER sniffing: just enough to classify a key and give a precise error.
// ---------------------------------------------------------------------------
