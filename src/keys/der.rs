//! DER sniffing: just enough to classify a key and give a precise error. Bounds-checked; never
//! panics on any input.

use super::{ExpectedKey, KeyError, MAX_RSA_BITS, MIN_RSA_BITS, OID_RSA_ENCRYPTION};

pub(super) const TAG_INTEGER: u8 = 0x02;
pub(super) const TAG_BIT_STRING: u8 = 0x03;
pub(super) const TAG_OCTET_STRING: u8 = 0x04;
pub(super) const TAG_OID: u8 = 0x06;
pub(super) const TAG_SEQUENCE: u8 = 0x30;
pub(super) const TAG_CONTEXT_0: u8 = 0xa0;

/// Structural problems found while reading DER.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DerError {
    /// The outermost length runs past the end of the data.
    Truncated,
    /// Anything else, with a fixed description.
    Malformed(&'static str),
}

impl DerError {
    pub(super) fn into_key_error(self, expected: ExpectedKey) -> KeyError {
        match self {
            DerError::Truncated => KeyError::Truncated { expected },
            DerError::Malformed(detail) => KeyError::Malformed { expected, detail },
        }
    }
}

/// A bounds-checked reader of DER tag-length-value items. Never panics.
pub(super) struct Der<'a> {
    buf: &'a [u8],
}

impl<'a> Der<'a> {
    pub(super) fn new(buf: &'a [u8]) -> Self {
        Der { buf }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Reads one item: (tag, contents). Only single-byte tags and definite
    /// lengths up to 4 length bytes (DER for keys never needs more).
    pub(super) fn read(&mut self) -> Result<(u8, &'a [u8]), DerError> {
        let (&tag, rest) = self.buf.split_first().ok_or(DerError::Truncated)?;
        if tag & 0x1f == 0x1f {
            return Err(DerError::Malformed("multi-byte DER tag"));
        }
        let (&first, mut rest) = rest.split_first().ok_or(DerError::Truncated)?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let n = usize::from(first & 0x7f);
            if n == 0 {
                return Err(DerError::Malformed("indefinite DER length"));
            }
            if n > 4 {
                return Err(DerError::Malformed("DER length too large"));
            }
            if rest.len() < n {
                return Err(DerError::Truncated);
            }
            let (len_bytes, after) = rest.split_at(n);
            rest = after;
            len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
        };
        if rest.len() < len {
            return Err(DerError::Truncated);
        }
        let (contents, after) = rest.split_at(len);
        self.buf = after;
        Ok((tag, contents))
    }

    /// Reads one item that must have `tag`.
    pub(super) fn expect(&mut self, tag: u8) -> Result<&'a [u8], DerError> {
        match self.read()? {
            (t, c) if t == tag => Ok(c),
            _ => Err(DerError::Malformed("unexpected DER tag")),
        }
    }

    /// Counts the remaining items (bounded work: each read consumes bytes).
    pub(super) fn count_remaining(mut self) -> Result<usize, DerError> {
        let mut n = 0;
        while !self.is_empty() {
            self.read()?;
            n += 1;
        }
        Ok(n)
    }
}

/// What a DER blob is, as far as key loading cares.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// PKCS#8 `PrivateKeyInfo` with this algorithm OID (encoded bytes).
    Pkcs8 { oid: Vec<u8>, bits: Option<usize> },
    /// PKCS#8 `EncryptedPrivateKeyInfo`.
    EncryptedPkcs8,
    /// PKCS#1 `RSAPrivateKey`.
    Pkcs1Private { bits: Option<usize> },
    /// X.509 `SubjectPublicKeyInfo` with this algorithm OID.
    Spki { oid: Vec<u8>, bits: Option<usize> },
    /// PKCS#1 `RSAPublicKey`.
    Pkcs1Public { bits: Option<usize> },
    /// SEC1 `ECPrivateKey`.
    Sec1Ec,
    /// An X.509 certificate.
    Certificate,
}

/// Classifies DER key bytes. Inner length errors count as malformed: only
/// an outer length that runs past the end means "truncated".
pub(super) fn sniff(der: &[u8]) -> Result<Shape, DerError> {
    if der.is_empty() {
        return Err(DerError::Malformed("no data"));
    }
    let mut outer = Der::new(der);
    let (tag, body) = outer.read()?;
    if tag != TAG_SEQUENCE {
        return Err(DerError::Malformed("does not start with a DER SEQUENCE"));
    }
    if !outer.is_empty() {
        return Err(DerError::Malformed("trailing bytes after the key"));
    }
    sniff_body(body).map_err(|e| match e {
        DerError::Truncated => DerError::Malformed("inner DER lengths are inconsistent"),
        other @ DerError::Malformed(_) => other,
    })
}

pub(super) fn sniff_body(body: &[u8]) -> Result<Shape, DerError> {
    let mut items = Der::new(body);
    let (first_tag, first) = items.read()?;
    match first_tag {
        TAG_INTEGER => {
            let (second_tag, second) = items.read()?;
            match second_tag {
                // PKCS#8: version, AlgorithmIdentifier, OCTET STRING key.
                TAG_SEQUENCE => {
                    let oid = Der::new(second).expect(TAG_OID)?.to_vec();
                    let private = items.expect(TAG_OCTET_STRING)?;
                    let bits = if oid == OID_RSA_ENCRYPTION {
                        rsa_private_key_bits(private)
                    } else {
                        None
                    };
                    Ok(Shape::Pkcs8 { oid, bits })
                }
                TAG_INTEGER => {
                    let rest = items.count_remaining()?;
                    if rest == 0 {
                        // RSAPublicKey: modulus, exponent.
                        Ok(Shape::Pkcs1Public {
                            bits: integer_bits(first),
                        })
                    } else if rest >= 7 {
                        // RSAPrivateKey: version, n, e, d, p, q, dP, dQ, qInv.
                        Ok(Shape::Pkcs1Private {
                            bits: integer_bits(second),
                        })
                    } else {
                        Err(DerError::Malformed("unrecognised sequence of integers"))
                    }
                }
                TAG_OCTET_STRING => Ok(Shape::Sec1Ec),
                _ => Err(DerError::Malformed("unrecognised key structure")),
            }
        }
        TAG_SEQUENCE => {
            let (inner_tag, _) = Der::new(first).read()?;
            match inner_tag {
                // AlgorithmIdentifier first: SPKI or EncryptedPrivateKeyInfo.
                TAG_OID => {
                    let oid = Der::new(first).expect(TAG_OID)?.to_vec();
                    let (second_tag, second) = items.read()?;
                    match second_tag {
                        TAG_BIT_STRING => {
                            let bits = if oid == OID_RSA_ENCRYPTION {
                                second
                                    .split_first()
                                    .filter(|(unused, _)| **unused == 0)
                                    .and_then(|(_, key)| rsa_public_key_bits(key))
                            } else {
                                None
                            };
                            Ok(Shape::Spki { oid, bits })
                        }
                        TAG_OCTET_STRING => Ok(Shape::EncryptedPkcs8),
                        _ => Err(DerError::Malformed("unrecognised key structure")),
                    }
                }
                // tbsCertificate starts with [0] version or serial INTEGER.
                TAG_CONTEXT_0 | TAG_INTEGER => Ok(Shape::Certificate),
                _ => Err(DerError::Malformed("unrecognised key structure")),
            }
        }
        _ => Err(DerError::Malformed("unrecognised key structure")),
    }
}

/// Bits of a DER INTEGER's magnitude (None for an empty or zero value).
pub(super) fn integer_bits(contents: &[u8]) -> Option<usize> {
    let magnitude = strip_leading_zeros(contents);
    let (&top, rest) = magnitude.split_first()?;
    Some(rest.len() * 8 + (8 - top.leading_zeros() as usize))
}

pub(super) fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Modulus size from PKCS#1 `RSAPublicKey` DER.
pub(super) fn rsa_public_key_bits(der: &[u8]) -> Option<usize> {
    let seq = Der::new(der).expect(TAG_SEQUENCE).ok()?;
    integer_bits(Der::new(seq).expect(TAG_INTEGER).ok()?)
}

/// Modulus size from PKCS#1 `RSAPrivateKey` DER.
pub(super) fn rsa_private_key_bits(der: &[u8]) -> Option<usize> {
    let seq = Der::new(der).expect(TAG_SEQUENCE).ok()?;
    let mut items = Der::new(seq);
    items.expect(TAG_INTEGER).ok()?;
    integer_bits(items.expect(TAG_INTEGER).ok()?)
}

/// Errors unless `oid` is rsaEncryption, naming the algorithm found.
pub(super) fn check_rsa_oid(oid: &[u8], expected: ExpectedKey) -> Result<(), KeyError> {
    if oid == OID_RSA_ENCRYPTION {
        Ok(())
    } else {
        Err(KeyError::NotRsa {
            expected,
            algorithm: describe_oid(oid),
        })
    }
}

/// Errors if the modulus size is known and outside the supported range.
pub(super) fn check_bits(bits: Option<usize>, expected: ExpectedKey) -> Result<(), KeyError> {
    match bits {
        Some(bits) if !(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) => {
            Err(KeyError::UnsupportedKeySize { expected, bits })
        }
        _ => Ok(()),
    }
}

/// Human name plus dotted form of an algorithm OID, for error messages.
pub(super) fn describe_oid(oid: &[u8]) -> String {
    let Some(dotted) = dotted_oid(oid) else {
        return "unrecognised algorithm (undecodable OID)".to_owned();
    };
    let name = match dotted.as_str() {
        "1.2.840.10045.2.1" => "EC",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS (restricted RSA)",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.2.840.10040.4.1" => "DSA",
        "1.2.840.113549.1.3.1" => "DH",
        "1.2.156.10197.1.301" => "SM2",
        _ => "unrecognised algorithm",
    };
    format!("{name} ({dotted})")
}

/// Dotted-decimal form of a DER OID body; None if malformed or very long.
pub(super) fn dotted_oid(oid: &[u8]) -> Option<String> {
    if oid.is_empty() || oid.len() > 32 || oid.last().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let mut arcs: Vec<u64> = Vec::new();
    let mut value: u64 = 0;
    for &b in oid {
        value = value.checked_mul(128)? | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (value / 40).min(2);
                arcs.push(first);
                arcs.push(value - first * 40);
            } else {
                arcs.push(value);
            }
            value = 0;
        }
    }
    Some(
        arcs.iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join("."),
    )
}

pub(super) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}
