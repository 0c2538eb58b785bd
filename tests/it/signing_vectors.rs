//! Checks signing against `tests/fixtures/vectors/signing.json` (a copy of
//! `shared/vectors/signing.json`), made by the official Alipay Python SDK: requests (merchant
//! key), responses and a notification (gateway key). PKCS#1 v1.5 is deterministic, so
//! signatures compare as bytes.

use std::fs;

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::signing::{
    content_to_sign, sign, sign_message, verify, verify_message, Algorithm, SignatureError,
    SignatureHeader, SignatureHeaderError,
};
use serde_json::Value;

/// Copies of `shared/vectors/signing.json` and `shared/vectors/keys/` (`tests/fixtures/README.md`).
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn read(rel: &str) -> String {
    let path = format!("{FIXTURES}/{rel}");
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One vector with its inputs unpacked.
struct Vector {
    index: usize,
    kind: String,
    signer: String,
    method: String,
    path: String,
    client_id: String,
    time: String,
    body: Vec<u8>,
    content: Vec<u8>,
    signature_base64: String,
    signature_urlencoded: String,
    signature_header: String,
    public_key_b64: String,
}

fn s(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("missing string field {key}"))
        .to_owned()
}

fn vectors() -> Vec<Vector> {
    let doc: Value = serde_json::from_str(&read("vectors/signing.json")).unwrap();
    let list = doc["vectors"].as_array().unwrap();
    assert_eq!(list.len(), 8, "expected the 8 published vectors");
    list.iter()
        .enumerate()
        .map(|(index, v)| {
            let input = &v["input"];
            Vector {
                index,
                kind: s(v, "kind"),
                signer: s(v, "signer"),
                method: s(input, "method"),
                path: s(input, "path"),
                client_id: s(input, "client_id"),
                time: s(input, "request_time"),
                body: s(input, "body").into_bytes(),
                content: s(v, "content_to_sign").into_bytes(),
                signature_base64: s(v, "signature_base64"),
                signature_urlencoded: s(v, "signature_urlencoded"),
                signature_header: s(v, "signature_header"),
                public_key_b64: s(v, "public_key_spki_b64"),
            }
        })
        .collect()
}

struct Keys {
    merchant: PrivateKey,
    gateway: PrivateKey,
    merchant_public: PublicKey,
    gateway_public: PublicKey,
}

fn keys() -> Keys {
    Keys {
        merchant: PrivateKey::parse(&read("keys/merchant_private_pkcs8.b64")).unwrap(),
        gateway: PrivateKey::parse(&read("keys/gateway_private_pkcs8.b64")).unwrap(),
        merchant_public: PublicKey::parse(&read("keys/merchant_public_spki.b64")).unwrap(),
        gateway_public: PublicKey::parse(&read("keys/gateway_public_spki.b64")).unwrap(),
    }
}

impl Keys {
    /// The (private, public, other public) keys for a vector's signer,
    /// checking the vector's public key is the file of that role.
    fn for_vector(&self, v: &Vector) -> (&PrivateKey, &PublicKey, &PublicKey) {
        let merchant_b64 = read("keys/merchant_public_spki.b64");
        let gateway_b64 = read("keys/gateway_public_spki.b64");
        let role = if v.public_key_b64.trim() == merchant_b64.trim() {
            "merchant"
        } else if v.public_key_b64.trim() == gateway_b64.trim() {
            "gateway"
        } else {
            panic!("vector {}: public key matches no key file", v.index)
        };
        assert_eq!(role, v.signer, "vector {}", v.index);
        let vector_public = PublicKey::parse(&v.public_key_b64).unwrap();
        match role {
            "merchant" => {
                assert_eq!(vector_public, self.merchant_public);
                (&self.merchant, &self.merchant_public, &self.gateway_public)
            }
            _ => {
                assert_eq!(vector_public, self.gateway_public);
                (&self.gateway, &self.gateway_public, &self.merchant_public)
            }
        }
    }
}

#[test]
fn vectors_cover_requests_responses_and_notifications() {
    let kinds: Vec<(String, String)> = vectors().into_iter().map(|v| (v.kind, v.signer)).collect();
    for (kind, signer) in [
        ("request", "merchant"),
        ("response", "gateway"),
        ("notification", "gateway"),
    ] {
        assert!(
            kinds.contains(&(kind.to_owned(), signer.to_owned())),
            "{kind}/{signer}"
        );
    }
}

#[test]
fn content_to_sign_matches_byte_for_byte() {
    for v in vectors() {
        let content = content_to_sign(&v.method, &v.path, &v.client_id, &v.time, &v.body);
        assert_eq!(content, v.content, "vector {}", v.index);
    }
}

#[test]
fn signatures_and_headers_match_the_sdk_exactly() {
    let keys = keys();
    for v in vectors() {
        let (private, _, _) = keys.for_vector(&v);
        let sig = sign(private, &v.content);
        assert_eq!(sig.to_base64(), v.signature_base64, "vector {}", v.index);
        assert_eq!(
            sig.to_urlencoded(),
            v.signature_urlencoded,
            "vector {}",
            v.index
        );
        assert_eq!(
            sig.to_header_value(),
            v.signature_header,
            "vector {}",
            v.index
        );
        let header = sign_message(private, &v.method, &v.path, &v.client_id, &v.time, &v.body);
        assert_eq!(header.encode(), v.signature_header, "vector {}", v.index);
        assert_eq!(header.signature, sig);
    }
}

#[test]
fn verification_accepts_vectors_and_rejects_tampering_or_wrong_key() {
    let keys = keys();
    for v in vectors() {
        let (_, public, other_public) = keys.for_vector(&v);
        let vector_public = PublicKey::parse(&v.public_key_b64).unwrap();
        let header = SignatureHeader::parse(&v.signature_header).unwrap();
        assert_eq!(header.algorithm, Algorithm::Rsa256);
        assert_eq!(header.key_version, "1");
        let sig = header.signature.as_bytes();
        verify(&vector_public, &v.content, sig).unwrap();
        verify(public, &v.content, sig).unwrap();
        verify_message(
            public,
            &v.method,
            &v.path,
            &v.client_id,
            &v.time,
            &v.body,
            &header,
        )
        .unwrap();

        // Flip one body byte (first, middle and last); an empty body gets one.
        let positions: Vec<usize> = if v.body.is_empty() {
            vec![]
        } else {
            vec![0, v.body.len() / 2, v.body.len() - 1]
        };
        for pos in positions {
            let mut body = v.body.clone();
            body[pos] ^= 0x01;
            assert_eq!(
                verify_message(
                    public,
                    &v.method,
                    &v.path,
                    &v.client_id,
                    &v.time,
                    &body,
                    &header
                ),
                Err(SignatureError::Mismatch),
                "vector {} byte {pos}",
                v.index
            );
        }
        let mut longer = v.body.clone();
        longer.push(b' ');
        assert_eq!(
            verify_message(
                public,
                &v.method,
                &v.path,
                &v.client_id,
                &v.time,
                &longer,
                &header
            ),
            Err(SignatureError::Mismatch)
        );
        // Any other signed field changes the content too.
        assert_eq!(
            verify_message(
                public,
                &v.method,
                &v.path,
                &v.client_id,
                "0",
                &v.body,
                &header
            ),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(other_public, &v.content, sig),
            Err(SignatureError::Mismatch),
            "vector {}",
            v.index
        );
        // A flipped signature bit is a mismatch; a short one is malformed.
        let mut bad = sig.to_vec();
        bad[10] ^= 0x80;
        assert_eq!(
            verify(public, &v.content, &bad),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(public, &v.content, &sig[..255]),
            Err(SignatureError::WrongLength {
                expected: 256,
                found: 255
            })
        );
    }
}

#[test]
fn tolerant_header_forms_still_verify() {
    let keys = keys();
    for v in vectors() {
        let (_, public, _) = keys.for_vector(&v);
        let h = &v.signature_header;
        let lower = h
            .replace("%2B", "%2b")
            .replace("%2F", "%2f")
            .replace("%3D", "%3d");
        let variants = [
            h.replace(',', ", "),
            lower.clone(),
            lower.replace(',', ",  "),
            h.replace(',', " , ").replace('=', " = "),
            format!(
                "signature={},algorithm=RSA256,keyVersion=1",
                v.signature_urlencoded
            ),
            format!(
                "algorithm=RSA256,keyVersion=1,signature={}",
                v.signature_base64
            ),
            format!("algorithm=RSA256,signature={}", v.signature_urlencoded),
        ];
        for variant in &variants {
            let header = SignatureHeader::parse(variant)
                .unwrap_or_else(|e| panic!("vector {} {variant}: {e}", v.index));
            verify_message(
                public,
                &v.method,
                &v.path,
                &v.client_id,
                &v.time,
                &v.body,
                &header,
            )
            .unwrap_or_else(|e| panic!("vector {} {variant}: {e}", v.index));
            assert_eq!(header.encode(), v.signature_header);
        }
    }
}

#[test]
fn partial_or_broken_headers_are_malformed_not_mismatched() {
    let v = &vectors()[0];
    let h = &v.signature_header;
    let cut = &h[..h.len() - 40];
    assert!(matches!(
        SignatureHeader::parse(cut),
        Err(SignatureHeaderError::SignatureLength { .. } | SignatureHeaderError::InvalidBase64)
    ));
    let without_sig = h.split(",signature=").next().unwrap();
    assert_eq!(
        SignatureHeader::parse(without_sig),
        Err(SignatureHeaderError::MissingSignature)
    );
    let err: SignatureError = SignatureHeader::parse(without_sig).unwrap_err().into();
    assert_eq!(
        err,
        SignatureError::MalformedHeader(SignatureHeaderError::MissingSignature)
    );
    assert_eq!(
        SignatureHeader::parse(&h.replace("RSA256", "RSA2")),
        Err(SignatureHeaderError::UnsupportedAlgorithm {
            found: "RSA2".into()
        })
    );
}

#[test]
fn errors_never_echo_the_body() {
    let keys = keys();
    let v = &vectors()[0];
    let header = SignatureHeader::parse(&v.signature_header).unwrap();
    let err = verify_message(
        &keys.gateway_public,
        &v.method,
        &v.path,
        &v.client_id,
        &v.time,
        &v.body,
        &header,
    )
    .unwrap_err();
    let msg = format!("{err} {err:?}");
    assert!(!msg.contains("4111111111111111"), "{msg}");
    assert!(!msg.contains("vaultingRequestId"), "{msg}");
    assert!(!msg.contains(&v.signature_base64[..16]), "{msg}");
}
