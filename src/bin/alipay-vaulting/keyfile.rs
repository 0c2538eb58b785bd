//! Loading key files in any format users hold (PKCS#8 / PKCS#1 / SPKI; base64, PEM or binary
//! DER), and telling which format a file is in. Errors name the file and the expected format,
//! never key material.

use std::path::Path;

use alipay_vaulting::keys::{KeyError, PrivateKey, PublicKey};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use zeroize::Zeroizing;

use crate::exit::Failure;

/// How a key file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    /// `PEM`, `base64` or `DER (binary)`.
    pub encoding: &'static str,
    /// `PKCS#8`, `PKCS#1` or `X.509 SubjectPublicKeyInfo`.
    pub structure: &'static str,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, {}", self.structure, self.encoding)
    }
}

const PKCS8: &str = "PKCS#8";
const PKCS1: &str = "PKCS#1";
const SPKI: &str = "X.509 SubjectPublicKeyInfo";

/// Loads a private key file; `role` names it in errors (e.g. "merchant private key").
pub fn load_private(path: &Path, role: &str) -> Result<PrivateKey, Failure> {
    read_private(path, role).map(|(key, _)| key)
}

/// Loads a public key file; `role` names it in errors (e.g. "Alipay public key").
pub fn load_public(path: &Path, role: &str) -> Result<PublicKey, Failure> {
    read_public(path, role).map(|(key, _)| key)
}

/// Loads a private key file and tells its format.
pub fn read_private(path: &Path, role: &str) -> Result<(PrivateKey, Format), Failure> {
    let bytes = read(path, role)?;
    let error = |e: KeyError| key_error(path, role, e);
    match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let key = PrivateKey::parse(text).map_err(error)?;
            let format = match pem_label(text) {
                Some(label) => Format {
                    encoding: "PEM",
                    structure: if label == "RSA PRIVATE KEY" {
                        PKCS1
                    } else {
                        PKCS8
                    },
                },
                None => Format {
                    encoding: "base64",
                    structure: match decode_base64(text) {
                        Some(der) if PrivateKey::from_pkcs8_der(&der).is_ok() => PKCS8,
                        _ => PKCS1,
                    },
                },
            };
            Ok((key, format))
        }
        Err(_) => {
            let key = PrivateKey::from_der(&bytes).map_err(error)?;
            let structure = if PrivateKey::from_pkcs8_der(&bytes).is_ok() {
                PKCS8
            } else {
                PKCS1
            };
            Ok((
                key,
                Format {
                    encoding: "DER (binary)",
                    structure,
                },
            ))
        }
    }
}

/// Loads a public key file and tells its format.
pub fn read_public(path: &Path, role: &str) -> Result<(PublicKey, Format), Failure> {
    let bytes = read(path, role)?;
    let error = |e: KeyError| key_error(path, role, e);
    match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let key = PublicKey::parse(text).map_err(error)?;
            let format = match pem_label(text) {
                Some(label) => Format {
                    encoding: "PEM",
                    structure: if label == "RSA PUBLIC KEY" {
                        PKCS1
                    } else {
                        SPKI
                    },
                },
                None => Format {
                    encoding: "base64",
                    structure: match decode_base64(text) {
                        Some(der) if PublicKey::from_spki_der(&der).is_ok() => SPKI,
                        _ => PKCS1,
                    },
                },
            };
            Ok((key, format))
        }
        Err(_) => {
            let key = PublicKey::from_der(&bytes).map_err(error)?;
            let structure = if PublicKey::from_spki_der(&bytes).is_ok() {
                SPKI
            } else {
                PKCS1
            };
            Ok((
                key,
                Format {
                    encoding: "DER (binary)",
                    structure,
                },
            ))
        }
    }
}

fn read(path: &Path, role: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    std::fs::read(path).map(Zeroizing::new).map_err(|e| {
        Failure::config(
            "keySource",
            format!("cannot read the {role} from {}: {e}", path.display()),
        )
    })
}

fn key_error(path: &Path, role: &str, error: KeyError) -> Failure {
    let failure = Failure::config("key", format!("{role} ({}): {error}", path.display()));
    match error {
        KeyError::PublicKeyGivenAsPrivate => {
            failure.hint("this file holds a public key; give the private key file here")
        }
        KeyError::PrivateKeyGivenAsPublic => failure.hint(
            "this file holds a private key; give a public key here (for the Alipay public key: \
             the gateway's key from the dashboard, never a private key)",
        ),
        _ => failure,
    }
}

/// The label of the first PEM block, if the text is PEM.
fn pem_label(text: &str) -> Option<&str> {
    let start = text.find("-----BEGIN ")? + "-----BEGIN ".len();
    let len = text[start..].find("-----")?;
    Some(&text[start..start + len])
}

/// Bare base64 (with line breaks, literal `\n` escapes and optional padding) as DER.
fn decode_base64(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let compact: Zeroizing<String> = Zeroizing::new(
        text.replace("\\n", "")
            .replace("\\r", "")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect(),
    );
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    engine.decode(compact.as_bytes()).ok().map(Zeroizing::new)
}
