//! Alipay Global RSA256 signing: the content to sign, signatures, and the
//! `signature` header.
//!
//! Everything here is pure (no I/O, no clock). Requests are signed with the
//! merchant's [`PrivateKey`]; responses and notifications are verified with
//! the gateway's [`PublicKey`]. The signed content is
//! `METHOD + " " + PATH + "\n" + CLIENT_ID + "." + TIME + "." + BODY`, where
//! BODY is the exact bytes on the wire (never re-serialised).
//!
//! Header format: `algorithm=RSA256,keyVersion=1,signature=<S>` where `<S>`
//! is standard base64, then form-style URL-encoded (`+`→`%2B`, `/`→`%2F`,
//! `=`→`%3D`). See [`SignatureHeader::parse`] for what parsing tolerates.
//! No error in this module contains a body, a signature value or key material.

use std::fmt;
use std::str::FromStr;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::RSA_PKCS1_SHA256;
use base64::alphabet;
use base64::engine::general_purpose::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;

use crate::keys::{PrivateKey, PublicKey};

/// The `keyVersion` the official SDKs send, and the one assumed when a
/// received header omits it.
pub const DEFAULT_KEY_VERSION: &str = "1";

/// Longest `signature` header accepted by [`SignatureHeader::parse`]; an
/// 8192-bit signature encodes to about 4.1 KB, so this leaves ample room.
pub const MAX_HEADER_LEN: usize = 8 * 1024;

/// Shortest signature [`SignatureHeader::parse`] accepts (a 2048-bit key).
pub const MIN_SIGNATURE_LEN: usize = 256;

/// Longest signature [`SignatureHeader::parse`] accepts (an 8192-bit key).
pub const MAX_SIGNATURE_LEN: usize = 1024;

/// Longest `keyVersion` value accepted, in characters.
const MAX_KEY_VERSION_LEN: usize = 16;

/// Builds the exact bytes Alipay signs:
/// `METHOD + " " + PATH + "\n" + CLIENT_ID + "." + TIME + "." + BODY`.
///
/// `path` is the path only (after any sandbox rewrite), `time` is the
/// `request-time` / `response-time` header value as sent, and `body` is the
/// exact bytes sent or received.
#[must_use]
pub fn content_to_sign(
    method: &str,
    path: &str,
    client_id: &str,
    time: &str,
    body: &[u8],
) -> Vec<u8> {
    let len = method.len() + 1 + path.len() + 1 + client_id.len() + 1 + time.len() + 1 + body.len();
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(method.as_bytes());
    out.push(b' ');
    out.extend_from_slice(path.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(client_id.as_bytes());
    out.push(b'.');
    out.extend_from_slice(time.as_bytes());
    out.push(b'.');
    out.extend_from_slice(body);
    out
}

/// Signs `content` with RSASSA-PKCS1-v1_5 / SHA-256 (deterministic: the
/// same key and content always give the same signature).
///
/// # Panics
/// Only if `aws-lc-rs` fails to allocate; signing with a loaded key has no
/// other failure mode, so this returns a [`Signature`] rather than a `Result`.
#[must_use]
pub fn sign(key: &PrivateKey, content: &[u8]) -> Signature {
    let pair = key.key_pair();
    let mut out = vec![0u8; pair.public_modulus_len()];
    // aws-lc-rs ignores the RNG for PKCS#1 v1.5; it only fails on allocation
    // failure or a wrongly sized buffer, neither possible with a loaded key.
    pair.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), content, &mut out)
        .expect("RSA PKCS#1 v1.5 signing with a validated key does not fail");
    Signature(out)
}

/// Verifies an RSASSA-PKCS1-v1_5 / SHA-256 `signature` over `content`.
///
/// A signature of the wrong length for the key is reported as
/// [`SignatureError::WrongLength`] (malformed input, e.g. a cut header);
/// any other failure is [`SignatureError::Mismatch`].
///
/// # Errors
/// [`SignatureError::WrongLength`] or [`SignatureError::Mismatch`].
pub fn verify(key: &PublicKey, content: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
    let expected = key.signature_len();
    if signature.len() != expected {
        return Err(SignatureError::WrongLength {
            expected,
            found: signature.len(),
        });
    }
    key.parsed()
        .verify_sig(content, signature)
        .map_err(|_| SignatureError::Mismatch)
}

/// Builds the content to sign for one message and signs it, returning the
/// header to send (`keyVersion` = [`DEFAULT_KEY_VERSION`]).
#[must_use]
pub fn sign_message(
    key: &PrivateKey,
    method: &str,
    path: &str,
    client_id: &str,
    time: &str,
    body: &[u8],
) -> SignatureHeader {
    let content = content_to_sign(method, path, client_id, time, body);
    SignatureHeader::new(sign(key, &content))
}

/// Verifies a received message against its parsed `signature` header.
/// `body` must be the raw bytes received, before any JSON parsing.
///
/// # Errors
/// As [`verify`].
pub fn verify_message(
    key: &PublicKey,
    method: &str,
    path: &str,
    client_id: &str,
    time: &str,
    body: &[u8],
    header: &SignatureHeader,
) -> Result<(), SignatureError> {
    match header.algorithm {
        Algorithm::Rsa256 => {}
    }
    let content = content_to_sign(method, path, client_id, time, body);
    verify(key, &content, header.signature.as_bytes())
}

// ---------------------------------------------------------------------------
// Signature
// ---------------------------------------------------------------------------

/// Raw RSA signature bytes (as long as the key's modulus).
#[derive(Clone, PartialEq, Eq)]
pub struct Signature(Vec<u8>);

impl Signature {
    /// Wraps raw signature bytes (e.g. received out of band).
    #[must_use]
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Signature(bytes)
    }

    /// The raw bytes, for [`verify`].
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Takes the raw bytes.
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// Standard base64 with padding, as the SDKs produce before URL-encoding.
    #[must_use]
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.0)
    }

    /// Base64 then form-style URL-encoded: the value after `signature=`.
    #[must_use]
    pub fn to_urlencoded(&self) -> String {
        percent_encode(&self.to_base64())
    }

    /// The whole `signature` header value with `algorithm=RSA256` and
    /// `keyVersion=1`.
    #[must_use]
    pub fn to_header_value(&self) -> String {
        SignatureHeader::new(self.clone()).encode()
    }
}

impl AsRef<[u8]> for Signature {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Signatures are public; the length is what matters when debugging.
        f.debug_struct("Signature")
            .field("len", &self.0.len())
            .finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------

/// Signature algorithm named in the header; Alipay defines only RSA256.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rsa256,
}

impl Algorithm {
    /// The wire name, `RSA256`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Rsa256 => "RSA256",
        }
    }
}

/// The parsed `signature` header:
/// `algorithm=RSA256,keyVersion=1,signature=<url-encoded base64>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    /// Always [`Algorithm::Rsa256`] today.
    pub algorithm: Algorithm,
    /// Key version; [`DEFAULT_KEY_VERSION`] when a received header omits it.
    /// Percent-encoded by [`encode`](Self::encode), so any value is safe.
    pub key_version: String,
    /// The decoded signature bytes.
    pub signature: Signature,
}

impl SignatureHeader {
    /// A header for `signature` with RSA256 and `keyVersion=1`.
    #[must_use]
    pub fn new(signature: Signature) -> Self {
        SignatureHeader {
            algorithm: Algorithm::Rsa256,
            key_version: DEFAULT_KEY_VERSION.to_owned(),
            signature,
        }
    }

    /// Encodes as `algorithm=RSA256,keyVersion=<v>,signature=<S>`, `<S>`
    /// being base64 then form-style URL-encoded with upper-case hex.
    #[must_use]
    pub fn encode(&self) -> String {
        format!(
            "algorithm={},keyVersion={},signature={}",
            self.algorithm.as_str(),
            percent_encode(&self.key_version),
            self.signature.to_urlencoded()
        )
    }

    /// Parses a received `signature` header value.
    ///
    /// Tolerates: whitespace around parts and around `=`; parts in any order;
    /// part names in any letter case; unknown parts (ignored, for forward
    /// compatibility); empty parts (`,,`, trailing comma); `%XX` escapes with
    /// either hex case (.NET sends `%2b`); an un-encoded base64 value; missing
    /// `=` padding; spaces inside the signature value (read as `+`, undoing
    /// an intermediary that form-decoded the header); `rsa256` in any case.
    /// `keyVersion` is optional and defaults to [`DEFAULT_KEY_VERSION`], as
    /// every official SDK sends `1` and the gateway has no other version.
    ///
    /// Rejects, with distinct errors: an empty or over-long header, a part
    /// without `=`, a repeated part, a missing or empty `signature`, a
    /// missing or non-RSA256 `algorithm`, a bad `%` escape, a value that is
    /// not base64 after percent-decoding, and a decoded signature whose
    /// length no 2048..8192-bit RSA key produces. The exact length for a
    /// given key is checked by [`verify`].
    ///
    /// # Errors
    /// A [`SignatureHeaderError`] saying which rule the header broke.
    pub fn parse(header: &str) -> Result<Self, SignatureHeaderError> {
        if header.len() > MAX_HEADER_LEN {
            return Err(SignatureHeaderError::TooLong { len: header.len() });
        }
        if header.trim().is_empty() {
            return Err(SignatureHeaderError::Empty);
        }
        let mut algorithm: Option<&str> = None;
        let mut key_version: Option<&str> = None;
        let mut signature: Option<&str> = None;
        for (index, part) in header.split(',').enumerate() {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let Some((name, value)) = part.split_once('=') else {
                return Err(SignatureHeaderError::MalformedPart { index });
            };
            let (name, value) = (name.trim(), value.trim());
            let (slot, canonical) = if name.eq_ignore_ascii_case("algorithm") {
                (&mut algorithm, "algorithm")
            } else if name.eq_ignore_ascii_case("keyVersion") {
                (&mut key_version, "keyVersion")
            } else if name.eq_ignore_ascii_case("signature") {
                (&mut signature, "signature")
            } else {
                continue;
            };
            if slot.replace(value).is_some() {
                return Err(SignatureHeaderError::DuplicatePart { name: canonical });
            }
        }

        let signature = signature.ok_or(SignatureHeaderError::MissingSignature)?;
        let algorithm = algorithm.ok_or(SignatureHeaderError::MissingAlgorithm)?;

        let algorithm_text = percent_decode(algorithm, "algorithm")?;
        let algorithm = if algorithm_text.eq_ignore_ascii_case(b"RSA256") {
            Algorithm::Rsa256
        } else {
            return Err(SignatureHeaderError::UnsupportedAlgorithm {
                found: sanitize(&algorithm_text),
            });
        };

        let key_version = match key_version {
            None => DEFAULT_KEY_VERSION.to_owned(),
            Some(v) => {
                let v = percent_decode(v, "keyVersion")?;
                let valid = !v.is_empty()
                    && v.len() <= MAX_KEY_VERSION_LEN
                    && v.iter()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
                if !valid {
                    return Err(SignatureHeaderError::InvalidKeyVersion);
                }
                // Checked ASCII above, so this conversion cannot fail.
                String::from_utf8(v).map_err(|_| SignatureHeaderError::InvalidKeyVersion)?
            }
        };

        let mut sig_text = percent_decode(signature, "signature")?;
        if sig_text.is_empty() {
            return Err(SignatureHeaderError::SignatureLength { found: 0 });
        }
        for b in &mut sig_text {
            if *b == b' ' {
                *b = b'+';
            }
        }
        let bytes = SIGNATURE_BASE64
            .decode(&sig_text)
            .map_err(|_| SignatureHeaderError::InvalidBase64)?;
        if !(MIN_SIGNATURE_LEN..=MAX_SIGNATURE_LEN).contains(&bytes.len()) {
            return Err(SignatureHeaderError::SignatureLength { found: bytes.len() });
        }
        Ok(SignatureHeader {
            algorithm,
            key_version,
            signature: Signature(bytes),
        })
    }
}

impl FromStr for SignatureHeader {
    type Err = SignatureHeaderError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SignatureHeader::parse(s)
    }
}

impl fmt::Display for SignatureHeader {
    /// Same as [`SignatureHeader::encode`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

/// Standard alphabet, padding optional, non-zero trailing bits rejected.
const SIGNATURE_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a `signature` header could not be parsed. Never contains the value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureHeaderError {
    /// The header is empty or whitespace.
    Empty,
    /// The header's bytes are not valid UTF-8 (so it cannot be a signature header).
    NotUtf8,
    /// The header is longer than [`MAX_HEADER_LEN`].
    TooLong {
        /// Length received, in bytes.
        len: usize,
    },
    /// A comma-separated part has no `=`.
    MalformedPart {
        /// Zero-based position of the part.
        index: usize,
    },
    /// A part appears twice (ambiguous, so refused).
    DuplicatePart {
        /// Which part: `algorithm`, `keyVersion` or `signature`.
        name: &'static str,
    },
    /// No `signature=` part.
    MissingSignature,
    /// No `algorithm=` part.
    MissingAlgorithm,
    /// An algorithm other than RSA256.
    UnsupportedAlgorithm {
        /// The name received, sanitised and capped at 32 characters.
        found: String,
    },
    /// A `%` not followed by two hex digits.
    InvalidPercentEncoding {
        /// Which part held it.
        part: &'static str,
    },
    /// The signature is not base64 after percent-decoding.
    InvalidBase64,
    /// The decoded signature is empty or of a length no supported RSA key
    /// gives (partial or padded header).
    SignatureLength {
        /// Decoded length in bytes.
        found: usize,
    },
    /// `keyVersion` is empty, too long, or not `[A-Za-z0-9._-]`.
    InvalidKeyVersion,
}

impl fmt::Display for SignatureHeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const FORMAT: &str =
            "expected `algorithm=RSA256,keyVersion=1,signature=<url-encoded base64>`";
        match self {
            Self::Empty => write!(f, "signature header is empty; {FORMAT}"),
            Self::NotUtf8 => write!(f, "signature header is not valid UTF-8; {FORMAT}"),
            Self::TooLong { len } => write!(
                f,
                "signature header is {len} bytes, longer than the {MAX_HEADER_LEN} accepted"
            ),
            Self::MalformedPart { index } => write!(
                f,
                "signature header part #{index} has no `=`; {FORMAT}"
            ),
            Self::DuplicatePart { name } => {
                write!(f, "signature header has `{name}` more than once")
            }
            Self::MissingSignature => {
                write!(f, "signature header has no `signature` part; {FORMAT}")
            }
            Self::MissingAlgorithm => {
                write!(f, "signature header has no `algorithm` part; {FORMAT}")
            }
            Self::UnsupportedAlgorithm { found } => write!(
                f,
                "signature header names algorithm \"{found}\"; only RSA256 is supported"
            ),
            Self::InvalidPercentEncoding { part } => write!(
                f,
                "signature header `{part}` has a `%` not followed by two hex digits"
            ),
            Self::InvalidBase64 => f.write_str(
                "signature header `signature` is not base64 after URL-decoding",
            ),
            Self::SignatureLength { found } => write!(
                f,
                "signature header `signature` decodes to {found} bytes; an RSA signature of a \
                 {}..{}-bit key is {MIN_SIGNATURE_LEN}..{MAX_SIGNATURE_LEN} bytes (was the header cut?)",
                MIN_SIGNATURE_LEN * 8,
                MAX_SIGNATURE_LEN * 8
            ),
            Self::InvalidKeyVersion => f.write_str(
                "signature header `keyVersion` must be 1 to 16 characters of A-Z a-z 0-9 . - _",
            ),
        }
    }
}

impl std::error::Error for SignatureHeaderError {}

/// Why a signature did not verify. Never contains the content or the key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// Well-formed, but not a signature of this content by this key.
    Mismatch,
    /// The signature's length does not match the key (malformed input).
    WrongLength {
        /// Length a signature by this key has.
        expected: usize,
        /// Length received.
        found: usize,
    },
    /// The `signature` header could not be parsed (for callers using `?`).
    MalformedHeader(SignatureHeaderError),
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Mismatch => f.write_str(
                "signature does not match: the content was altered, or the wrong public key was \
                 used (responses and notifications verify with the Alipay gateway public key, \
                 not the merchant's)",
            ),
            Self::WrongLength { expected, found } => write!(
                f,
                "signature is {found} bytes but this key's signatures are {expected} bytes"
            ),
            Self::MalformedHeader(e) => write!(f, "malformed signature header: {e}"),
        }
    }
}

impl std::error::Error for SignatureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::MalformedHeader(e) => Some(e),
            _ => None,
        }
    }
}

impl From<SignatureHeaderError> for SignatureError {
    fn from(e: SignatureHeaderError) -> Self {
        SignatureError::MalformedHeader(e)
    }
}

// ---------------------------------------------------------------------------
// Percent encoding (form style, but `+` is never read as a space)
// ---------------------------------------------------------------------------

/// Encodes all but `A-Z a-z 0-9 - . _ ~` as `%XX` with upper-case hex.
fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

/// Decodes `%XX` (either hex case); every other byte, `+` included, is kept.
fn percent_decode(s: &str, part: &'static str) -> Result<Vec<u8>, SignatureHeaderError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value);
            let lo = bytes.get(i + 2).copied().and_then(hex_value);
            match (hi, lo) {
                (Some(hi), Some(lo)) => out.push((hi << 4) | lo),
                _ => return Err(SignatureHeaderError::InvalidPercentEncoding { part }),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Printable ASCII only, at most 32 characters, for echoing in an error.
fn sanitize(bytes: &[u8]) -> String {
    bytes
        .iter()
        .take(32)
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                char::from(b)
            } else {
                '?'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A 256-byte "signature" whose base64 has `+`, `/` and `=`.
    fn sample_sig() -> Vec<u8> {
        (0..256u32).map(|i| (i * 251 + 0xfb) as u8).collect()
    }

    fn sample_b64() -> String {
        STANDARD.encode(sample_sig())
    }

    fn sample_header() -> String {
        SignatureHeader::new(Signature(sample_sig())).encode()
    }

    #[test]
    fn sample_base64_uses_all_escaped_chars() {
        let b64 = sample_b64();
        assert!(
            b64.contains('+') && b64.contains('/') && b64.ends_with('='),
            "{b64}"
        );
        let h = sample_header();
        assert!(
            h.contains("%2B") && h.contains("%2F") && h.ends_with("%3D"),
            "{h}"
        );
        assert!(h.starts_with("algorithm=RSA256,keyVersion=1,signature="));
    }

    #[test]
    fn content_to_sign_layout() {
        let c = content_to_sign("POST", "/p", "cid", "123", b"{\"a\":1}");
        assert_eq!(c, b"POST /p\ncid.123.{\"a\":1}");
        assert_eq!(
            content_to_sign("POST", "/p", "c", "t", b""),
            b"POST /p\nc.t."
        );
    }

    #[test]
    fn round_trip() {
        let parsed = SignatureHeader::parse(&sample_header()).unwrap();
        assert_eq!(parsed.signature.as_bytes(), &sample_sig()[..]);
        assert_eq!(parsed.algorithm, Algorithm::Rsa256);
        assert_eq!(parsed.key_version, "1");
        assert_eq!(parsed.encode(), sample_header());
        assert_eq!(parsed.to_string(), sample_header());
        assert_eq!(sample_header().parse::<SignatureHeader>().unwrap(), parsed);
    }

    #[test]
    fn tolerates_spaces_order_case_and_raw_base64() {
        let enc = percent_encode(&sample_b64());
        let lower = enc
            .replace("%2B", "%2b")
            .replace("%2F", "%2f")
            .replace("%3D", "%3d");
        let raw = sample_b64();
        let unpadded = raw.trim_end_matches('=').to_owned();
        // An intermediary that form-decoded the header turns inner `+` into spaces.
        let spaced_plus = format!("{}{}", &raw[..1], raw[1..].replace('+', " "));
        let cases = [
            format!("algorithm=RSA256, keyVersion=1, signature={enc}"),
            format!("  algorithm = RSA256 ,keyVersion= 1 ,  signature =  {enc}  "),
            format!("signature={enc},keyVersion=1,algorithm=RSA256"),
            format!("algorithm=RSA256,keyVersion=1,signature={lower}"),
            format!("algorithm=RSA256,keyVersion=1,signature={raw}"),
            format!("algorithm=RSA256,keyVersion=1,signature={unpadded}"),
            format!("algorithm=RSA256,keyVersion=1,signature={spaced_plus}"),
            format!("Algorithm=rsa256,KEYVERSION=1,Signature={enc}"),
            format!("algorithm=RSA256,signature={enc}"),
            format!("algorithm=RSA256,,keyVersion=1,signature={enc},"),
            format!("algorithm=RSA256,keyVersion=1,charset=UTF-8,signature={enc}"),
        ];
        for case in &cases {
            let h = SignatureHeader::parse(case).unwrap_or_else(|e| panic!("{case}: {e}"));
            assert_eq!(h.signature.as_bytes(), &sample_sig()[..], "{case}");
            assert_eq!(h.key_version, "1", "{case}");
        }
    }

    #[test]
    fn key_version_is_kept_and_defaulted() {
        let enc = percent_encode(&sample_b64());
        let h = SignatureHeader::parse(&format!("algorithm=RSA256,keyVersion=2,signature={enc}"))
            .unwrap();
        assert_eq!(h.key_version, "2");
        assert!(h.encode().contains(",keyVersion=2,"));
        let h = SignatureHeader::parse(&format!("algorithm=RSA256,signature={enc}")).unwrap();
        assert_eq!(h.key_version, DEFAULT_KEY_VERSION);
        for bad in ["", "1,2", "a b", "12345678901234567", "%ff"] {
            let header = format!(
                "algorithm=RSA256,keyVersion={},signature={enc}",
                percent_encode(bad)
            );
            assert_eq!(
                SignatureHeader::parse(&header),
                Err(SignatureHeaderError::InvalidKeyVersion),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn encode_escapes_key_version() {
        let mut h = SignatureHeader::new(Signature(sample_sig()));
        h.key_version = "1,signature=x".to_owned();
        assert!(h.encode().contains("keyVersion=1%2Csignature%3Dx,"));
    }

    #[test]
    fn rejections_are_distinct() {
        use SignatureHeaderError as E;
        let enc = percent_encode(&sample_b64());
        let short = percent_encode(&STANDARD.encode(&sample_sig()[..128]));
        let cases: Vec<(String, E)> = vec![
            (String::new(), E::Empty),
            ("   ".into(), E::Empty),
            (
                "x".repeat(MAX_HEADER_LEN + 1),
                E::TooLong {
                    len: MAX_HEADER_LEN + 1,
                },
            ),
            ("algorithm=RSA256,keyVersion=1".into(), E::MissingSignature),
            (format!("keyVersion=1,signature={enc}"), E::MissingAlgorithm),
            (
                format!("algorithm=RSA,keyVersion=1,signature={enc}"),
                E::UnsupportedAlgorithm {
                    found: "RSA".into(),
                },
            ),
            (
                format!("algorithm=SM2,signature={enc}"),
                E::UnsupportedAlgorithm {
                    found: "SM2".into(),
                },
            ),
            (
                format!("algorithm=,signature={enc}"),
                E::UnsupportedAlgorithm {
                    found: String::new(),
                },
            ),
            (
                "algorithm=RSA256,signature=not*base64!".into(),
                E::InvalidBase64,
            ),
            (
                format!("algorithm=RSA256,signature={enc}%2B%2B"),
                E::InvalidBase64,
            ),
            (
                "algorithm=RSA256,signature=abc%2".into(),
                E::InvalidPercentEncoding { part: "signature" },
            ),
            (
                "algorithm=RSA256,signature=ab%zzcd".into(),
                E::InvalidPercentEncoding { part: "signature" },
            ),
            (
                format!("algorithm=RSA256,signature={short}"),
                E::SignatureLength { found: 128 },
            ),
            (
                "algorithm=RSA256,signature=".into(),
                E::SignatureLength { found: 0 },
            ),
            (
                format!("algorithm=RSA256,keyVersion=1,signature={enc},signature={enc}"),
                E::DuplicatePart { name: "signature" },
            ),
            (
                format!("algorithm=RSA256,algorithm=RSA256,signature={enc}"),
                E::DuplicatePart { name: "algorithm" },
            ),
            (
                format!("algorithm=RSA256,keyVersion=1,keyVersion=1,signature={enc}"),
                E::DuplicatePart { name: "keyVersion" },
            ),
            (
                format!("algorithm=RSA256,RSA256,signature={enc}"),
                E::MalformedPart { index: 1 },
            ),
        ];
        for (header, want) in cases {
            let shown: String = header.chars().take(60).collect();
            assert_eq!(SignatureHeader::parse(&header), Err(want), "{shown}");
        }
    }

    #[test]
    fn truncated_header_is_rejected() {
        let h = sample_header();
        // Cutting only padding (`%3D`) loses no data and still parses; cutting
        // into the base64 data must fail.
        assert!(SignatureHeader::parse(&h[..h.len() - 3]).is_ok());
        for cut in [h.len() / 2, h.len() - 7, h.len() - 10, 50] {
            let err = SignatureHeader::parse(&h[..cut]).unwrap_err();
            assert!(
                matches!(
                    err,
                    SignatureHeaderError::SignatureLength { .. }
                        | SignatureHeaderError::InvalidBase64
                        | SignatureHeaderError::InvalidPercentEncoding { .. }
                ),
                "cut at {cut}: {err:?}"
            );
        }
    }

    #[test]
    fn errors_do_not_echo_the_signature() {
        let enc = percent_encode(&sample_b64());
        let header = format!("algorithm=RSA256,signature={enc},signature={enc}");
        let msg = SignatureHeader::parse(&header).unwrap_err().to_string();
        assert!(!msg.contains(&enc[..20]), "{msg}");
        let long_alg = "A".repeat(100);
        let err =
            SignatureHeader::parse(&format!("algorithm={long_alg},signature={enc}")).unwrap_err();
        assert_eq!(
            err,
            SignatureHeaderError::UnsupportedAlgorithm {
                found: "A".repeat(32)
            }
        );
    }

    #[test]
    fn percent_helpers() {
        assert_eq!(percent_encode("a+b/c="), "a%2Bb%2Fc%3D");
        assert_eq!(
            percent_decode("a%2bb%2Fc%3d+", "signature").unwrap(),
            b"a+b/c=+"
        );
        assert!(percent_decode("%", "signature").is_err());
        assert!(percent_decode("%4", "signature").is_err());
        assert!(percent_decode("%g0", "signature").is_err());
    }

    #[test]
    fn signature_debug_is_short() {
        let s = format!("{:?}", Signature(sample_sig()));
        assert_eq!(s, "Signature { len: 256, .. }");
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // Deterministic sweep over short byte strings made of header-ish bytes.
        let alphabet: &[u8] = b"=,%%aA2bF +/sig\xc3\xa9";
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 48) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|i| alphabet[((state >> (i % 56)) as usize + i) % alphabet.len()])
                .collect();
            let _ = SignatureHeader::parse(&String::from_utf8_lossy(&bytes));
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,400}") {
            let _ = SignatureHeader::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_lossy_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = SignatureHeader::parse(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn parse_never_panics_on_mutated_headers(
            pos in 0usize..400,
            insert in "[,=% +/a-zA-Z0-9]{0,4}",
            cut in 0usize..400,
        ) {
            let h = sample_header();
            let pos = pos.min(h.len());
            let mut m = format!("{}{}{}", &h[..pos], insert, &h[pos..]);
            m.truncate(cut.max(pos).min(m.len()));
            let _ = SignatureHeader::parse(&m);
        }

        #[test]
        fn encode_parse_round_trip(
            sig in proptest::collection::vec(any::<u8>(), MIN_SIGNATURE_LEN..=MAX_SIGNATURE_LEN),
            version in "[A-Za-z0-9._-]{1,16}",
        ) {
            let h = SignatureHeader {
                algorithm: Algorithm::Rsa256,
                key_version: version,
                signature: Signature(sig),
            };
            prop_assert_eq!(SignatureHeader::parse(&h.encode()).unwrap(), h);
        }
    }
}
