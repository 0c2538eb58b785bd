//! RSA key loading for Alipay Global request/response signing.
//!
//! Two types cover every role: [`PrivateKey`] signs (the merchant's key for
//! requests; the gateway's key in simulators and tests) and [`PublicKey`]
//! verifies (the Alipay gateway's key for responses and notifications).
//! Keys are parsed once with `aws-lc-rs` and held in parsed form behind an
//! `Arc`, so cloning is cheap and signing/verifying never re-parses.
//!
//! Loading is forgiving about *encoding* (PEM or bare base64, line breaks,
//! literal `\n` escapes from env files, PKCS#8 or PKCS#1) and strict about
//! *content*: a wrong key kind, a non-RSA key, a truncated or encrypted key
//! each produce a distinct [`KeyError`] whose message names the expected
//! format and what was found, and never contains key material.

use std::fmt;
use std::sync::Arc;

use aws_lc_rs::digest;
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::{KeyPair, ParsedPublicKey, RsaKeyPair, RSA_PKCS1_2048_8192_SHA256};
use base64::Engine as _;

mod der;
mod export;
mod set;
mod text;

pub use export::{write_key_files, write_public_files};
pub use set::AlipayPublicKeys;

use der::*;
use text::*;

/// Smallest RSA modulus accepted, in bits (Alipay issues 2048-bit keys).
pub const MIN_RSA_BITS: usize = 2048;
/// Largest RSA modulus accepted, in bits (the `aws-lc-rs` verification limit).
pub const MAX_RSA_BITS: usize = 8192;

/// DER encoding of the rsaEncryption OID 1.2.840.113549.1.1.1.
const OID_RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// The merchant's signing key; an alias that says the role at call sites.
pub type MerchantPrivateKey = PrivateKey;
/// The Alipay gateway's verification key; an alias that says the role at call sites.
pub type GatewayPublicKey = PublicKey;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// What a loading function expected, so error messages can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExpectedKey {
    /// [`PrivateKey::parse`] / [`PrivateKey::from_der`]: any private form.
    PrivateKey,
    /// [`PrivateKey::from_pkcs8_der`].
    Pkcs8Der,
    /// [`PrivateKey::from_pkcs1_der`].
    Pkcs1PrivateDer,
    /// [`PublicKey::parse`] / [`PublicKey::from_der`]: any public form.
    PublicKey,
    /// [`PublicKey::from_spki_der`].
    SpkiDer,
    /// [`PublicKey::from_pkcs1_der`].
    Pkcs1PublicDer,
}

impl fmt::Display for ExpectedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExpectedKey::PrivateKey => "an RSA private key (PKCS#8 or PKCS#1, base64 or PEM)",
            ExpectedKey::Pkcs8Der => "an RSA private key as PKCS#8 PrivateKeyInfo DER",
            ExpectedKey::Pkcs1PrivateDer => "an RSA private key as PKCS#1 RSAPrivateKey DER",
            ExpectedKey::PublicKey => {
                "an RSA public key (X.509 SubjectPublicKeyInfo or PKCS#1, base64 or PEM)"
            }
            ExpectedKey::SpkiDer => "an RSA public key as X.509 SubjectPublicKeyInfo DER",
            ExpectedKey::Pkcs1PublicDer => "an RSA public key as PKCS#1 RSAPublicKey DER",
        })
    }
}

/// Why a key could not be loaded. Messages never contain key material.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The input was empty or only whitespace.
    Empty {
        /// What the caller asked for.
        expected: ExpectedKey,
    },
    /// The input is neither PEM nor valid base64.
    NotBase64 {
        /// What the caller asked for.
        expected: ExpectedKey,
    },
    /// The key ends early: a DER length runs past the end, the base64 stops
    /// mid-quantum, or a PEM block has no END line.
    Truncated {
        /// What the caller asked for.
        expected: ExpectedKey,
    },
    /// The bytes decoded but are not a DER key structure we recognise.
    Malformed {
        /// What the caller asked for.
        expected: ExpectedKey,
        /// A fixed description of the structural problem.
        detail: &'static str,
    },
    /// A private key was wanted and a public key was given.
    PublicKeyGivenAsPrivate,
    /// A public key was wanted and a private key was given (do not ship the
    /// merchant private key where the gateway public key belongs).
    PrivateKeyGivenAsPublic,
    /// The key is of another algorithm (EC, Ed25519, RSA-PSS-only, SM2...).
    NotRsa {
        /// What the caller asked for.
        expected: ExpectedKey,
        /// Algorithm name and OID, e.g. `EC (1.2.840.10045.2.1)`.
        algorithm: String,
    },
    /// A PEM block with a label this crate does not load (e.g. CERTIFICATE).
    UnsupportedPemLabel {
        /// What the caller asked for.
        expected: ExpectedKey,
        /// The label, sanitised and capped in length.
        label: String,
    },
    /// A right-kind key in another encoding than the constructor accepts
    /// (e.g. PKCS#1 given to `from_pkcs8_der`), or an X.509 certificate.
    WrongFormat {
        /// What the caller asked for.
        expected: ExpectedKey,
        /// What was found.
        found: &'static str,
    },
    /// The key is password-protected; this crate loads only plain keys.
    Encrypted {
        /// What the caller asked for.
        expected: ExpectedKey,
    },
    /// The RSA modulus is outside 2048..=8192 bits.
    UnsupportedKeySize {
        /// What the caller asked for.
        expected: ExpectedKey,
        /// The modulus size found.
        bits: usize,
    },
    /// `aws-lc-rs` refused the key (inconsistent components, bad encoding...).
    Rejected {
        /// What the caller asked for.
        expected: ExpectedKey,
        /// The library's fixed reason code, e.g. `InvalidEncoding`.
        reason: &'static str,
    },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Empty { expected } => write!(f, "expected {expected}, found empty input"),
            KeyError::NotBase64 { expected } => write!(
                f,
                "expected {expected}, found text that is neither PEM nor base64 \
                 (if this is a file path, read the file and pass its contents)"
            ),
            KeyError::Truncated { expected } => write!(
                f,
                "expected {expected}, found a truncated key (its encoded length runs past the end \
                 of the data; was it cut when copied?)"
            ),
            KeyError::Malformed { expected, detail } => {
                write!(
                    f,
                    "expected {expected}, found data that is not a DER key ({detail})"
                )
            }
            KeyError::PublicKeyGivenAsPrivate => f.write_str(
                "expected an RSA private key (PKCS#8 or PKCS#1, base64 or PEM), found a public key",
            ),
            KeyError::PrivateKeyGivenAsPublic => f.write_str(
                "expected an RSA public key (X.509 SubjectPublicKeyInfo, base64 or PEM), found a \
                 private key (use the Alipay gateway public key here, never a private key)",
            ),
            KeyError::NotRsa {
                expected,
                algorithm,
            } => write!(
                f,
                "expected {expected} with algorithm rsaEncryption (1.2.840.113549.1.1.1), \
                 found a key of type {algorithm}"
            ),
            KeyError::UnsupportedPemLabel { expected, label } => write!(
                f,
                "expected {expected}, found a PEM block labelled \"{label}\""
            ),
            KeyError::WrongFormat { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            KeyError::Encrypted { expected } => write!(
                f,
                "expected {expected}, found a password-encrypted key (decrypt it first, e.g. \
                 `openssl pkcs8 -topk8 -nocrypt`)"
            ),
            KeyError::UnsupportedKeySize { expected, bits } => write!(
                f,
                "expected {expected} of {MIN_RSA_BITS} to {MAX_RSA_BITS} bits, found a \
                 {bits}-bit key"
            ),
            KeyError::Rejected { expected, reason } => write!(
                f,
                "expected {expected}, found a key the crypto library rejected ({reason})"
            ),
        }
    }
}

impl std::error::Error for KeyError {}

// ---------------------------------------------------------------------------
// Private key
// ---------------------------------------------------------------------------

/// An RSA private key that signs (RSASSA-PKCS1-v1_5 / SHA-256).
///
/// `Debug` prints only the algorithm and size; there is no `Display`.
/// The key material lives inside `aws-lc-rs`, which wipes it on free.
#[derive(Clone)]
pub struct PrivateKey {
    inner: Arc<PrivateInner>,
}

struct PrivateInner {
    pair: RsaKeyPair,
    bits: usize,
    public: PublicKey,
}

impl PrivateKey {
    /// Loads a private key from text as users hold it: PEM
    /// (`BEGIN PRIVATE KEY` = PKCS#8, `BEGIN RSA PRIVATE KEY` = PKCS#1) or
    /// bare base64 of either DER (the Alipay dashboard's `MIIEv...` form).
    ///
    /// Whitespace, line breaks and literal `\n` / `\r` escapes are ignored;
    /// base64 padding is optional. For PEM, the first block is used and
    /// text around it is ignored.
    ///
    /// # Errors
    /// A [`KeyError`] naming what was found instead: a public key, a non-RSA
    /// key, an encrypted or truncated key, text that is not base64, etc.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let expected = ExpectedKey::PrivateKey;
        let der = decode_text(text, expected, Want::Private)?;
        Self::from_der_as(&der, expected, None)
    }

    /// Loads a PKCS#8 `PrivateKeyInfo` DER (unencrypted) RSA key.
    ///
    /// # Errors
    /// As [`PrivateKey::parse`], plus [`KeyError::WrongFormat`] for PKCS#1.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_der_as(der, ExpectedKey::Pkcs8Der, Some(PrivForm::Pkcs8))
    }

    /// Loads a PKCS#1 `RSAPrivateKey` DER key.
    ///
    /// # Errors
    /// As [`PrivateKey::parse`], plus [`KeyError::WrongFormat`] for PKCS#8.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_der_as(der, ExpectedKey::Pkcs1PrivateDer, Some(PrivForm::Pkcs1))
    }

    /// Loads DER in either PKCS#8 or PKCS#1 form, detecting which.
    ///
    /// # Errors
    /// As [`PrivateKey::parse`], except the text-level ones.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_der_as(der, ExpectedKey::PrivateKey, None)
    }

    /// The matching public key (for simulators, tests, and self-checks).
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        self.inner.public.clone()
    }

    /// Size of the RSA modulus in bits (2048 for Alipay keys).
    #[must_use]
    pub fn modulus_bits(&self) -> usize {
        self.inner.bits
    }

    /// Length of every signature this key makes, in bytes.
    #[must_use]
    pub fn signature_len(&self) -> usize {
        self.inner.pair.public_modulus_len()
    }

    /// The parsed `aws-lc-rs` key pair, for the signing module.
    pub(crate) fn key_pair(&self) -> &RsaKeyPair {
        &self.inner.pair
    }

    fn from_der_as(
        der: &[u8],
        expected: ExpectedKey,
        want: Option<PrivForm>,
    ) -> Result<Self, KeyError> {
        let shape = sniff(der).map_err(|e| e.into_key_error(expected))?;
        let form = match shape {
            Shape::Pkcs8 { oid, bits } => {
                check_rsa_oid(&oid, expected)?;
                check_bits(bits, expected)?;
                PrivForm::Pkcs8
            }
            Shape::Pkcs1Private { bits } => {
                check_bits(bits, expected)?;
                PrivForm::Pkcs1
            }
            Shape::Spki { .. } | Shape::Pkcs1Public { .. } => {
                return Err(KeyError::PublicKeyGivenAsPrivate)
            }
            Shape::EncryptedPkcs8 => return Err(KeyError::Encrypted { expected }),
            Shape::Sec1Ec => {
                return Err(KeyError::NotRsa {
                    expected,
                    algorithm: "EC (SEC1 ECPrivateKey)".to_owned(),
                })
            }
            Shape::Certificate => {
                return Err(KeyError::WrongFormat {
                    expected,
                    found: "an X.509 certificate (it holds no private key)",
                })
            }
        };
        match (want, form) {
            (Some(PrivForm::Pkcs8), PrivForm::Pkcs1) => {
                return Err(KeyError::WrongFormat {
                    expected,
                    found: "a PKCS#1 RSAPrivateKey (use PrivateKey::from_pkcs1_der or parse)",
                })
            }
            (Some(PrivForm::Pkcs1), PrivForm::Pkcs8) => {
                return Err(KeyError::WrongFormat {
                    expected,
                    found: "a PKCS#8 PrivateKeyInfo (use PrivateKey::from_pkcs8_der or parse)",
                })
            }
            _ => {}
        }
        let pair = match form {
            PrivForm::Pkcs8 => RsaKeyPair::from_pkcs8(der),
            PrivForm::Pkcs1 => RsaKeyPair::from_der(der),
        }
        .map_err(|e| KeyError::Rejected {
            expected,
            reason: e.description_(),
        })?;
        // The public half, as PKCS#1 RSAPublicKey DER: gives the exact size
        // and the SPKI for verification.
        let rsa_public = pair.public_key();
        let bits = rsa_public_key_bits(rsa_public.as_ref()).ok_or(KeyError::Rejected {
            expected,
            reason: "UnreadablePublicModulus",
        })?;
        check_bits(Some(bits), expected)?;
        let spki = rsa_public.as_der().map_err(|_| KeyError::Rejected {
            expected,
            reason: "PublicKeyEncoding",
        })?;
        let public = PublicKey::from_checked_spki(spki.as_ref(), bits, expected)?;
        Ok(PrivateKey {
            inner: Arc::new(PrivateInner { pair, bits, public }),
        })
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("algorithm", &"RSA")
            .field("bits", &self.inner.bits)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PrivForm {
    Pkcs8,
    Pkcs1,
}

// ---------------------------------------------------------------------------
// Public key
// ---------------------------------------------------------------------------

/// An RSA public key that verifies RSASSA-PKCS1-v1_5 / SHA-256 signatures.
///
/// Held as an `aws-lc-rs` [`ParsedPublicKey`], so verification does not
/// re-parse the key. Equality compares the `SubjectPublicKeyInfo` bytes.
#[derive(Clone)]
pub struct PublicKey {
    inner: Arc<PublicInner>,
}

struct PublicInner {
    parsed: ParsedPublicKey,
    spki: Box<[u8]>,
    bits: usize,
    fingerprint: [u8; 32],
}

impl PublicKey {
    /// Loads a public key from text: PEM `BEGIN PUBLIC KEY` (SPKI),
    /// PEM `BEGIN RSA PUBLIC KEY` (PKCS#1), or bare base64 of either DER
    /// (the Alipay dashboard's `MIIBIj...` form). Same leniency as
    /// [`PrivateKey::parse`].
    ///
    /// # Errors
    /// A [`KeyError`] naming what was found instead: a private key (the
    /// commonest mix-up), a non-RSA key, a certificate, a truncated key, etc.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let expected = ExpectedKey::PublicKey;
        let der = decode_text(text, expected, Want::Public)?;
        Self::from_der_as(&der, expected, None)
    }

    /// Loads an X.509 `SubjectPublicKeyInfo` DER RSA key.
    ///
    /// # Errors
    /// As [`PublicKey::parse`], plus [`KeyError::WrongFormat`] for PKCS#1.
    pub fn from_spki_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_der_as(der, ExpectedKey::SpkiDer, Some(PubForm::Spki))
    }

    /// Loads a PKCS#1 `RSAPublicKey` DER key.
    ///
    /// # Errors
    /// As [`PublicKey::parse`], plus [`KeyError::WrongFormat`] for SPKI.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_der_as(der, ExpectedKey::Pkcs1PublicDer, Some(PubForm::Pkcs1))
    }

    /// Loads DER in either SPKI or PKCS#1 form, detecting which.
    ///
    /// # Errors
    /// As [`PublicKey::parse`], except the text-level ones.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_der_as(der, ExpectedKey::PublicKey, None)
    }

    /// Size of the RSA modulus in bits.
    #[must_use]
    pub fn modulus_bits(&self) -> usize {
        self.inner.bits
    }

    /// Length in bytes that a valid signature for this key must have.
    #[must_use]
    pub fn signature_len(&self) -> usize {
        self.inner.bits.div_ceil(8)
    }

    /// The key as X.509 `SubjectPublicKeyInfo` DER (what simulators publish).
    #[must_use]
    pub fn spki_der(&self) -> &[u8] {
        &self.inner.spki
    }

    /// The key as base64 SPKI DER, the `MIIBIj...` form Alipay's dashboard uses.
    #[must_use]
    pub fn to_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(&self.inner.spki)
    }

    /// Lower-case hex SHA-256 of the SPKI DER: identifies a configured key
    /// in logs without printing it.
    #[must_use]
    pub fn sha256_fingerprint(&self) -> String {
        hex(&self.inner.fingerprint)
    }

    /// The parsed `aws-lc-rs` key, for the signing module.
    pub(crate) fn parsed(&self) -> &ParsedPublicKey {
        &self.inner.parsed
    }

    fn from_der_as(
        der: &[u8],
        expected: ExpectedKey,
        want: Option<PubForm>,
    ) -> Result<Self, KeyError> {
        let shape = sniff(der).map_err(|e| e.into_key_error(expected))?;
        match shape {
            Shape::Spki { oid, bits } => {
                check_rsa_oid(&oid, expected)?;
                if want == Some(PubForm::Pkcs1) {
                    return Err(KeyError::WrongFormat {
                        expected,
                        found:
                            "an X.509 SubjectPublicKeyInfo (use PublicKey::from_spki_der or parse)",
                    });
                }
                let bits = bits.ok_or(KeyError::Malformed {
                    expected,
                    detail: "unreadable RSA modulus",
                })?;
                check_bits(Some(bits), expected)?;
                Self::from_checked_spki(der, bits, expected)
            }
            Shape::Pkcs1Public { bits } => {
                if want == Some(PubForm::Spki) {
                    return Err(KeyError::WrongFormat {
                        expected,
                        found: "a PKCS#1 RSAPublicKey (use PublicKey::from_pkcs1_der or parse)",
                    });
                }
                let bits = bits.ok_or(KeyError::Malformed {
                    expected,
                    detail: "unreadable RSA modulus",
                })?;
                check_bits(Some(bits), expected)?;
                let spki = pkcs1_public_to_spki(der, expected)?;
                Self::from_checked_spki(&spki, bits, expected)
            }
            Shape::Pkcs8 { .. }
            | Shape::Pkcs1Private { .. }
            | Shape::EncryptedPkcs8
            | Shape::Sec1Ec => Err(KeyError::PrivateKeyGivenAsPublic),
            Shape::Certificate => Err(KeyError::WrongFormat {
                expected,
                found: "an X.509 certificate (extract its key: `openssl x509 -pubkey -noout`)",
            }),
        }
    }

    /// Builds from SPKI DER whose shape, OID and size were already checked.
    fn from_checked_spki(
        spki: &[u8],
        bits: usize,
        expected: ExpectedKey,
    ) -> Result<Self, KeyError> {
        let parsed = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, spki).map_err(|e| {
            KeyError::Rejected {
                expected,
                reason: e.description_(),
            }
        })?;
        let mut fingerprint = [0u8; 32];
        fingerprint.copy_from_slice(digest::digest(&digest::SHA256, spki).as_ref());
        Ok(PublicKey {
            inner: Arc::new(PublicInner {
                parsed,
                spki: spki.into(),
                bits,
                fingerprint,
            }),
        })
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.inner.spki == other.inner.spki
    }
}

impl Eq for PublicKey {}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("algorithm", &"RSA")
            .field("bits", &self.inner.bits)
            .field("sha256", &hex(&self.inner.fingerprint[..8]))
            .finish()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PubForm {
    Spki,
    Pkcs1,
}

/// Re-encodes PKCS#1 `RSAPublicKey` DER as SPKI DER via `aws-lc-rs`.
fn pkcs1_public_to_spki(der: &[u8], expected: ExpectedKey) -> Result<Vec<u8>, KeyError> {
    let parsed =
        ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der).map_err(|e| KeyError::Rejected {
            expected,
            reason: e.description_(),
        })?;
    let spki = parsed.as_der().map_err(|_| KeyError::Rejected {
        expected,
        reason: "PublicKeyEncoding",
    })?;
    Ok(spki.as_ref().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn der_reader_rejects_bad_lengths_without_panicking() {
        assert_eq!(Der::new(&[]).read(), Err(DerError::Truncated));
        assert_eq!(Der::new(&[0x30]).read(), Err(DerError::Truncated));
        assert_eq!(
            Der::new(&[0x30, 0x05, 0x00]).read(),
            Err(DerError::Truncated)
        );
        assert_eq!(
            Der::new(&[0x30, 0x82, 0x01]).read(),
            Err(DerError::Truncated)
        );
        assert!(matches!(
            Der::new(&[0x30, 0x80, 0x00, 0x00]).read(),
            Err(DerError::Malformed(_))
        ));
        assert!(matches!(
            Der::new(&[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]).read(),
            Err(DerError::Malformed(_))
        ));
        assert!(matches!(
            Der::new(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).read(),
            Err(DerError::Truncated)
        ));
        assert_eq!(Der::new(&[0x02, 0x01, 0x05]).read(), Ok((0x02, &[5u8][..])));
    }

    #[test]
    fn oid_rendering() {
        assert_eq!(
            dotted_oid(OID_RSA_ENCRYPTION).as_deref(),
            Some("1.2.840.113549.1.1.1")
        );
        assert_eq!(
            describe_oid(&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]),
            "EC (1.2.840.10045.2.1)"
        );
        assert_eq!(
            dotted_oid(&[0x2b, 0x65, 0x70]).as_deref(),
            Some("1.3.101.112")
        );
        assert_eq!(dotted_oid(&[0x86]), None);
        assert_eq!(dotted_oid(&[0xff; 40]), None);
    }

    #[test]
    fn integer_bits_counts_magnitude() {
        assert_eq!(integer_bits(&[0x00, 0x80]), Some(8));
        assert_eq!(integer_bits(&[0x01, 0x00]), Some(9));
        assert_eq!(integer_bits(&[0x00]), None);
        assert_eq!(integer_bits(&[]), None);
    }

    #[test]
    fn pem_missing_end_is_truncated() {
        let e = PrivateKey::parse("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n")
            .unwrap_err();
        assert!(matches!(e, KeyError::Truncated { .. }), "{e:?}");
    }

    #[test]
    fn legacy_encrypted_pem_is_reported() {
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert!(matches!(
            PrivateKey::parse(pem),
            Err(KeyError::Encrypted { .. })
        ));
    }

    #[test]
    fn mismatched_pem_labels_are_malformed() {
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
        assert!(matches!(
            PrivateKey::parse(pem),
            Err(KeyError::Malformed { .. })
        ));
    }

    proptest! {
        #[test]
        fn sniff_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = sniff(&bytes);
            let _ = PrivateKey::from_der(&bytes);
            let _ = PublicKey::from_der(&bytes);
        }

        #[test]
        fn parse_never_panics(text in ".{0,300}") {
            let _ = PrivateKey::parse(&text);
            let _ = PublicKey::parse(&text);
        }

        #[test]
        fn parse_pem_like_never_panics(
            label in "(PRIVATE KEY|RSA PRIVATE KEY|PUBLIC KEY|RSA PUBLIC KEY|X)",
            body in "[A-Za-z0-9+/=\\n-]{0,200}",
            end in "(-----END [A-Z ]{0,20}-----)?",
        ) {
            let text = format!("-----BEGIN {label}-----\n{body}\n{end}");
            let _ = PrivateKey::parse(&text);
            let _ = PublicKey::parse(&text);
        }
    }
}
