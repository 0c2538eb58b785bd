//! Response-signature verification: the policy of the API reference as one pure function.
//!
//! Alipay signs `POST <request path>\n<client-id>.<response-time>.<raw body>` with its gateway
//! key. A response without a signature is accepted only when its `result.resultStatus` is `F`
//! or `U` (the gateway may leave failures unsigned); a malformed, partial or wrong signature is
//! always refused. Nothing here prints the body.

use serde::Deserialize;

use crate::error::ResponseRejected;
use crate::headers::Headers;
use crate::keys::AlipayPublicKeys;
use crate::signing::{SignatureError, SignatureHeader, SignatureHeaderError};

/// How a response passed verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verified {
    /// Signed by the Alipay public key over the exact bytes received.
    Signed,
    /// Unsigned, which the policy allows because the result is `F` or `U`.
    UnsignedFailure,
}

/// Verifies a response received for a request sent to `request_path` (the path that was
/// signed, after the sandbox rewrite) by client `client_id`, with any of the Alipay public keys
/// (the one the header's `keyVersion` names first; see [`AlipayPublicKeys`]).
pub fn verify_response(
    alipay_public_keys: &AlipayPublicKeys,
    client_id: &str,
    request_path: &str,
    headers: &impl Headers,
    body: &[u8],
) -> Result<Verified, ResponseRejected> {
    let Some(signature) = headers.header("signature") else {
        if headers.contains("signature") {
            return Err(ResponseRejected::MalformedSignature(
                SignatureHeaderError::NotUtf8,
            ));
        }
        return match result_status(body).as_deref() {
            Some("F") | Some("U") => Ok(Verified::UnsignedFailure),
            _ => Err(ResponseRejected::MissingSignature),
        };
    };
    let header = SignatureHeader::parse(signature).map_err(ResponseRejected::MalformedSignature)?;
    let signed_client_id = headers
        .header("client-id")
        .ok_or(ResponseRejected::MissingHeader { name: "client-id" })?;
    if signed_client_id != client_id {
        return Err(ResponseRejected::ClientIdMismatch);
    }
    let response_time = headers
        .header("response-time")
        .ok_or(ResponseRejected::MissingHeader {
            name: "response-time",
        })?;
    alipay_public_keys
        .verify_message(
            "POST",
            request_path,
            signed_client_id,
            response_time,
            body,
            &header,
        )
        .map_err(|e| match e {
            SignatureError::WrongLength { found, .. } => {
                ResponseRejected::MalformedSignature(SignatureHeaderError::SignatureLength {
                    found,
                })
            }
            SignatureError::MalformedHeader(e) => ResponseRejected::MalformedSignature(e),
            _ => ResponseRejected::BadSignature,
        })?;
    Ok(Verified::Signed)
}

/// `result.resultStatus` of a body, read without trusting or keeping anything else.
fn result_status(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Envelope {
        result: Option<Status>,
    }
    #[derive(Deserialize)]
    struct Status {
        #[serde(rename = "resultStatus")]
        result_status: Option<String>,
    }
    serde_json::from_slice::<Envelope>(body)
        .ok()?
        .result?
        .result_status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::PrivateKey;
    use crate::signing;

    fn keys() -> (PrivateKey, AlipayPublicKeys) {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/keys/gateway_private_pkcs8.pem"
        ))
        .unwrap();
        let key = PrivateKey::parse(&text).unwrap();
        let public = AlipayPublicKeys::new(key.public_key());
        (key, public)
    }

    const PATH: &str = "/ams/api/v1/vaults/inquireVaulting";

    fn signed(key: &PrivateKey, body: &[u8]) -> Vec<(&'static str, String)> {
        let header = signing::sign_message(key, "POST", PATH, "C1", "1700000000000", body);
        vec![
            ("Signature", header.encode()),
            ("Client-Id", "C1".into()),
            ("Response-Time", "1700000000000".into()),
        ]
    }

    #[test]
    fn policy_table() {
        let (key, public) = keys();
        let s = br#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"}}"#;
        let f = br#"{"result":{"resultStatus":"F","resultCode":"PROCESS_FAIL"}}"#;
        let u = br#"{"result":{"resultStatus":"U","resultCode":"UNKNOWN_EXCEPTION"}}"#;
        let none: [(&str, &str); 0] = [];

        assert_eq!(
            verify_response(&public, "C1", PATH, &signed(&key, s), s),
            Ok(Verified::Signed)
        );
        assert_eq!(
            verify_response(&public, "C1", PATH, &none, s),
            Err(ResponseRejected::MissingSignature)
        );
        assert_eq!(
            verify_response(&public, "C1", PATH, &none, b"not json"),
            Err(ResponseRejected::MissingSignature)
        );
        assert_eq!(
            verify_response(&public, "C1", PATH, &none, f),
            Ok(Verified::UnsignedFailure)
        );
        assert_eq!(
            verify_response(&public, "C1", PATH, &none, u),
            Ok(Verified::UnsignedFailure)
        );
        // A signed F whose signature is bad is refused: bad signatures are never excused.
        let mut tampered = signed(&key, f);
        tampered[2].1 = "1700000000001".into();
        assert_eq!(
            verify_response(&public, "C1", PATH, &tampered, f),
            Err(ResponseRejected::BadSignature)
        );
        assert_eq!(
            verify_response(&public, "C2", PATH, &signed(&key, s), s),
            Err(ResponseRejected::ClientIdMismatch)
        );
        let mut partial = signed(&key, s);
        partial[0].1 = "algorithm=RSA256,keyVersion=1".into();
        assert!(matches!(
            verify_response(&public, "C1", PATH, &partial, s),
            Err(ResponseRejected::MalformedSignature(_))
        ));
        let mut no_time = signed(&key, s);
        no_time.remove(2);
        assert_eq!(
            verify_response(&public, "C1", PATH, &no_time, s),
            Err(ResponseRejected::MissingHeader {
                name: "response-time"
            })
        );
    }

    #[test]
    fn a_signature_that_is_not_utf8_is_malformed_not_absent() {
        let (_, public) = keys();
        let u = br#"{"result":{"resultStatus":"U","resultCode":"VERIFICATION_IN_PROCESS"}}"#;
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "signature",
            http::HeaderValue::from_bytes(b"algorithm=RSA256,signature=\xff\xfe").unwrap(),
        );
        assert_eq!(
            verify_response(&public, "C1", PATH, &headers, u),
            Err(ResponseRejected::MalformedSignature(
                SignatureHeaderError::NotUtf8
            ))
        );
        // Without the header, the same unsigned U is read (the gateway may leave U unsigned).
        assert_eq!(
            verify_response(&public, "C1", PATH, &http::HeaderMap::new(), u),
            Ok(Verified::UnsignedFailure)
        );
    }

    #[test]
    fn tolerates_header_case_lowercase_hex_and_spaces() {
        let (key, public) = keys();
        let body = br#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"}}"#;
        let header = signing::sign_message(&key, "POST", PATH, "C1", "1700000000000", body);
        let encoded = header.encode();
        // .NET sends lowercase percent-hex; some proxies add spaces after the commas.
        let lower = encoded
            .replace("%2B", "%2b")
            .replace("%2F", "%2f")
            .replace("%3D", "%3d");
        let spaced = lower.replace(',', ", ");
        for value in [encoded.clone(), lower, spaced] {
            let headers = [
                ("SIGNATURE", value.as_str()),
                ("CLIENT-ID", "C1"),
                ("Response-time", "1700000000000"),
            ];
            assert_eq!(
                verify_response(&public, "C1", PATH, &headers, body),
                Ok(Verified::Signed),
                "{value}"
            );
        }
    }
}
