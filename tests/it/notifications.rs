//! The `notifyVaulting` webhook: the SDK-made notification vector verifies and parses, and every
//! kind of forgery is rejected with its own typed error, whose message leaks nothing.

use std::fs;
use std::sync::Arc;
use std::time::Duration;

use alipay_vaulting::card::CardToken;
use alipay_vaulting::clock::FixedClock;
use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::notification::{
    sign_notification, verify_notification, NotificationError, NotificationVerifier,
    ACKNOWLEDGEMENT, DEFAULT_MAX_BODY_BYTES,
};
use alipay_vaulting::signing::{sign_message, SignatureHeaderError};
use alipay_vaulting::types;
use aws_lc_rs::encoding::AsDer;
use serde_json::Value;

/// Copies of `shared/vectors/signing.json` and `shared/vectors/keys/` (`tests/fixtures/README.md`).
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

const CLIENT_ID: &str = "SANDBOX_5YEZ1234567890";
const PATH: &str = "/notify/vaulting";
/// 2019-07-12T12:08:56.253+05:30, the vector's request-time, in ms since the epoch.
const VECTOR_TIME_MS: u64 = 1_562_913_536_253;

/// A card number and a card token that must never appear in an error message.
const CARD_NO: &str = "4111111111111111";
const CARD_TOKEN: &str = "ALIPAYtokSECRETxyz9CGws";

fn read(rel: &str) -> String {
    let path = format!("{FIXTURES}/{rel}");
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn gateway_key() -> PrivateKey {
    PrivateKey::parse(&read("keys/gateway_private_pkcs8.b64")).unwrap()
}

fn gateway_public() -> PublicKey {
    PublicKey::parse(&read("keys/gateway_public_spki.b64")).unwrap()
}

fn merchant_key() -> PrivateKey {
    PrivateKey::parse(&read("keys/merchant_private_pkcs8.b64")).unwrap()
}

fn attacker_key() -> PrivateKey {
    let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
    let der = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&pair).unwrap();
    PrivateKey::from_pkcs8_der(der.as_ref()).unwrap()
}

/// The signing.json vector of kind `notification`.
struct NotificationVector {
    path: String,
    client_id: String,
    request_time: String,
    body: String,
    signature_header: String,
}

fn vector() -> NotificationVector {
    let doc: Value = serde_json::from_str(&read("vectors/signing.json")).unwrap();
    let v = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["kind"] == "notification")
        .expect("signing.json has a notification vector");
    assert_eq!(v["signer"], "gateway");
    assert_eq!(
        v["public_key_spki_b64"].as_str().unwrap().trim(),
        read("keys/gateway_public_spki.b64").trim()
    );
    let s = |x: &Value| x.as_str().unwrap().to_owned();
    let input = &v["input"];
    assert_eq!(input["method"], "POST");
    NotificationVector {
        path: s(&input["path"]),
        client_id: s(&input["client_id"]),
        request_time: s(&input["request_time"]),
        body: s(&input["body"]),
        signature_header: s(&v["signature_header"]),
    }
}

impl NotificationVector {
    fn headers(&self) -> Vec<(String, String)> {
        vec![
            ("client-id".into(), self.client_id.clone()),
            ("request-time".into(), self.request_time.clone()),
            ("signature".into(), self.signature_header.clone()),
            (
                "content-type".into(),
                "application/json; charset=UTF-8".into(),
            ),
        ]
    }
}

/// A full notification carrying a card token and a masked card number.
fn notification_body() -> String {
    format!(
        r#"{{"notifyType":"VAULTING_RESULT","vaultingRequestId":"vault-req-0042","result":{{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}},"paymentMethodDetail":{{"paymentMethodType":"CARD","card":{{"cardToken":"{CARD_TOKEN}","maskedCardNo":"************1111","brand":"VISA","bin":"411111","lastFour":"1111"}}}},"vaultingCreateTime":"2024-03-14T19:07:40+08:00","metadata":"{{\"order\":\"é中😀\",\"pan\":\"{CARD_NO}\"}}","acquirerInfo":{{"acquirerName":"ACQ"}}}}"#
    )
}

fn verifier() -> NotificationVerifier {
    NotificationVerifier::new(gateway_public())
}

fn assert_vector_fields(n: &types::NotifyVaultingRequest) {
    assert_eq!(n.vaulting_request_id, "vault-req-0001");
    assert_eq!(n.notify_type.as_deref(), Some("VAULTING_RESULT"));
    assert_eq!(n.result.result_code, types::ResultCode::Success);
    assert_eq!(n.result.result_status, types::ResultStatus::S);
    assert_eq!(n.result.result_message.as_deref(), Some("success"));
    let detail = n.payment_method_detail.as_ref().unwrap();
    assert_eq!(
        detail.payment_method_type.as_ref().and_then(|t| t.known()),
        Some(&types::PaymentMethodType::Card)
    );
    assert_eq!(
        detail
            .card
            .as_ref()
            .unwrap()
            .card_token
            .as_ref()
            .map(CardToken::expose),
        Some("tok")
    );
}

fn signed_headers(key: &PrivateKey, path: &str, time: &str, body: &str) -> Vec<(String, String)> {
    let header = sign_message(key, "POST", path, CLIENT_ID, time, body.as_bytes()).encode();
    vec![
        ("client-id".into(), CLIENT_ID.into()),
        ("request-time".into(), time.into()),
        ("signature".into(), header),
    ]
}

fn with_header(headers: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            if k.eq_ignore_ascii_case(name) {
                (k.clone(), value.to_owned())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

fn without_header(headers: &[(String, String)], name: &str) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case(name))
        .cloned()
        .collect()
}

/// The notification vector of `signing.json`, made by the official Python SDK.
mod notification_vector {
    use super::*;

    #[test]
    fn sdk_vector_verifies_and_parses() {
        let v = vector();
        assert_eq!(v.path, PATH);
        assert_eq!(v.request_time, "2019-07-12T12:08:56.253+05:30");
        let n = verifier()
            .verify("POST", &v.path, &v.headers(), v.body.as_bytes())
            .unwrap();
        assert_vector_fields(&n);

        let n = verify_notification(
            &gateway_public(),
            CLIENT_ID,
            "POST",
            &v.path,
            &v.headers(),
            v.body.as_bytes(),
        )
        .unwrap();
        assert_vector_fields(&n);
    }

    #[test]
    fn sdk_vector_verifies_from_an_http_header_map_and_full_url() {
        let v = vector();
        let mut map = http::HeaderMap::new();
        for (name, value) in v.headers() {
            map.insert(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        let verifier = verifier();
        for path in [
            "/notify/vaulting",
            "https://merchant.example/notify/vaulting",
            "/notify/vaulting?source=alipay",
            "https://merchant.example:8443/notify/vaulting?x=1#frag",
        ] {
            let n = verifier
                .verify("POST", path, &map, v.body.as_bytes())
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_vector_fields(&n);
        }
        // The method's letter case does not matter; the signed content always says POST.
        verifier
            .verify("post", PATH, &map, v.body.as_bytes())
            .unwrap();
    }

    #[test]
    fn sdk_vector_verifies_with_header_variants() {
        let v = vector();
        let spaced = v.signature_header.replace(',', ", ");
        let lower_hex = v
            .signature_header
            .replace("%2B", "%2b")
            .replace("%2F", "%2f")
            .replace("%3D", "%3d");
        assert_ne!(lower_hex, v.signature_header, "the vector has escapes");
        let both = lower_hex.replace(',', " , ");
        for (case, client, time, sig) in [
            ("title", "Client-Id", "Request-Time", "Signature"),
            ("upper", "CLIENT-ID", "REQUEST-TIME", "SIGNATURE"),
            ("mixed", "cLiEnT-iD", "request-TIME", "sigNATURE"),
        ] {
            for header in [&v.signature_header, &spaced, &lower_hex, &both] {
                let headers = [
                    (client, v.client_id.as_str()),
                    (time, v.request_time.as_str()),
                    (sig, header.as_str()),
                ];
                let n = verifier()
                    .verify("POST", PATH, &headers, v.body.as_bytes())
                    .unwrap_or_else(|e| panic!("{case} / {header}: {e}"));
                assert_vector_fields(&n);
            }
        }
    }
}

/// Forged, altered, replayed or out-of-policy notifications, each with its typed error.
mod notification_forgeries {
    use super::*;

    #[test]
    fn notification_signed_with_the_merchant_key_is_rejected() {
        let body = notification_body();
        let headers = signed_headers(&merchant_key(), PATH, "1700000000000", &body);
        assert_eq!(
            verifier().verify("POST", PATH, &headers, body.as_bytes()),
            Err(NotificationError::BadSignature)
        );
        // And the merchant's public key is the wrong one to verify a genuine notification with.
        let v = vector();
        let merchant_public = PublicKey::parse(&read("keys/merchant_public_spki.b64")).unwrap();
        assert_eq!(
            NotificationVerifier::new(merchant_public).verify(
                "POST",
                PATH,
                &v.headers(),
                v.body.as_bytes()
            ),
            Err(NotificationError::BadSignature)
        );
    }

    #[test]
    fn body_re_signed_by_an_attacker_is_rejected() {
        let v = vector();
        let forged_body = v.body.replace("\"tok\"", "\"attacker-token\"");
        let headers = signed_headers(&attacker_key(), PATH, &v.request_time, &forged_body);
        assert_eq!(
            verifier().verify("POST", PATH, &headers, forged_body.as_bytes()),
            Err(NotificationError::BadSignature)
        );
    }

    #[test]
    fn any_changed_body_byte_is_rejected() {
        let v = vector();
        let verifier = verifier();
        let headers = v.headers();
        let body = v.body.as_bytes();
        for i in 0..body.len() {
            let mut changed = body.to_vec();
            changed[i] ^= 0x01;
            assert_eq!(
                verifier.verify("POST", PATH, &headers, &changed),
                Err(NotificationError::BadSignature),
                "byte {i}"
            );
        }
        // A trailing byte, and a re-serialised (semantically equal) body.
        let mut longer = body.to_vec();
        longer.push(b' ');
        assert_eq!(
            verifier.verify("POST", PATH, &headers, &longer),
            Err(NotificationError::BadSignature)
        );
        let reserialised =
            serde_json::to_vec(&serde_json::from_slice::<Value>(body).unwrap()).unwrap();
        assert_ne!(reserialised, body);
        assert_eq!(
            verifier.verify("POST", PATH, &headers, &reserialised),
            Err(NotificationError::BadSignature)
        );
    }

    #[test]
    fn changed_client_id_or_request_time_is_rejected() {
        let v = vector();
        let verifier = verifier();
        for (name, value) in [
            ("client-id", "SANDBOX_5YEZ1234567891"),
            ("request-time", "2019-07-12T12:08:56.254+05:30"),
        ] {
            let headers = with_header(&v.headers(), name, value);
            assert_eq!(
                verifier.verify("POST", PATH, &headers, v.body.as_bytes()),
                Err(NotificationError::BadSignature),
                "{name}"
            );
        }
    }

    #[test]
    fn path_swap_is_rejected() {
        let body = notification_body();
        let signed_for_a = sign_notification(
            &gateway_key(),
            CLIENT_ID,
            "/notify/a",
            "1700000000000",
            body.as_bytes(),
        );
        let verifier = verifier();
        verifier
            .verify(
                "POST",
                "/notify/a",
                &signed_for_a.headers(),
                body.as_bytes(),
            )
            .unwrap();
        assert_eq!(
            verifier.verify(
                "POST",
                "/notify/b",
                &signed_for_a.headers(),
                body.as_bytes()
            ),
            Err(NotificationError::BadSignature)
        );
        // The query string is no way around it either.
        assert_eq!(
            verifier.verify(
                "POST",
                "/notify/b?/notify/a",
                &signed_for_a.headers(),
                body.as_bytes()
            ),
            Err(NotificationError::BadSignature)
        );
    }

    #[test]
    fn replay_of_the_vector_to_another_path_is_rejected() {
        let v = vector();
        let verifier = verifier();
        for path in [
            "/notify/vaulting/",
            "/Notify/vaulting",
            "/notify/vaulting2",
            "/ams/api/v1/vaults/vaultPaymentMethod",
            "/",
            "/notify%2Fvaulting",
        ] {
            assert_eq!(
                verifier.verify("POST", path, &v.headers(), v.body.as_bytes()),
                Err(NotificationError::BadSignature),
                "{path}"
            );
        }
    }

    #[test]
    fn missing_and_partial_headers_are_rejected() {
        let v = vector();
        let verifier = verifier();
        let body = v.body.as_bytes();
        for name in ["signature", "client-id", "request-time"] {
            let headers = without_header(&v.headers(), name);
            assert_eq!(
                verifier.verify("POST", PATH, &headers, body),
                Err(NotificationError::MissingHeader { name }),
                "{name}"
            );
            let headers = with_header(&v.headers(), name, "");
            assert_eq!(
                verifier.verify("POST", PATH, &headers, body),
                Err(NotificationError::MissingHeader { name }),
                "empty {name}"
            );
        }
        let partial = with_header(&v.headers(), "signature", "algorithm=RSA256,keyVersion=1");
        assert_eq!(
            verifier.verify("POST", PATH, &partial, body),
            Err(NotificationError::MalformedSignatureHeader(
                SignatureHeaderError::MissingSignature
            ))
        );
        // A header cut short: the first 200 base64 characters are 150 bytes.
        let base64 = v
            .signature_header
            .split("signature=")
            .nth(1)
            .unwrap()
            .replace("%2B", "+")
            .replace("%2F", "/")
            .replace("%3D", "=");
        let cut = with_header(
            &v.headers(),
            "signature",
            &format!("algorithm=RSA256,keyVersion=1,signature={}", &base64[..200]),
        );
        assert_eq!(
            verifier.verify("POST", PATH, &cut, body),
            Err(NotificationError::MalformedSignatureHeader(
                SignatureHeaderError::SignatureLength { found: 150 }
            ))
        );
    }

    #[test]
    fn unknown_algorithm_is_rejected() {
        let v = vector();
        let verifier = verifier();
        for algorithm in ["RSA2", "SM2", "HS256"] {
            let header = v
                .signature_header
                .replace("algorithm=RSA256", &format!("algorithm={algorithm}"));
            let headers = with_header(&v.headers(), "signature", &header);
            assert_eq!(
                verifier.verify("POST", PATH, &headers, v.body.as_bytes()),
                Err(NotificationError::MalformedSignatureHeader(
                    SignatureHeaderError::UnsupportedAlgorithm {
                        found: algorithm.to_owned()
                    }
                ))
            );
        }
    }

    #[test]
    fn wrong_method_is_rejected() {
        let v = vector();
        for method in ["GET", "PUT", "PATCH", "DELETE", "", "POSTS"] {
            assert_eq!(
                verifier().verify(method, PATH, &v.headers(), v.body.as_bytes()),
                Err(NotificationError::WrongMethod),
                "{method}"
            );
        }
    }

    #[test]
    fn relative_or_empty_path_is_rejected() {
        let v = vector();
        for path in ["", "notify/vaulting", "?x=1"] {
            assert_eq!(
                verifier().verify("POST", path, &v.headers(), v.body.as_bytes()),
                Err(NotificationError::InvalidPath),
                "{path:?}"
            );
        }
    }

    #[test]
    fn client_id_is_checked_when_configured() {
        let v = vector();
        let body = v.body.as_bytes();
        verifier()
            .expected_client_id(CLIENT_ID)
            .verify("POST", PATH, &v.headers(), body)
            .unwrap();
        assert_eq!(
            verifier().expected_client_id("2188120000000001").verify(
                "POST",
                PATH,
                &v.headers(),
                body
            ),
            Err(NotificationError::ClientIdMismatch)
        );
        // Validly signed, for another client id.
        let other = sign_notification(&gateway_key(), "SANDBOX_OTHER", PATH, "1700000000000", body);
        assert_eq!(
            verifier()
                .expected_client_id(CLIENT_ID)
                .verify("POST", PATH, &other.headers(), body),
            Err(NotificationError::ClientIdMismatch)
        );
    }

    #[test]
    fn freshness_is_off_by_default_and_checked_when_configured() {
        let v = vector();
        let body = v.body.as_bytes();
        // Off by default: a 2019 notification verifies today.
        verifier().verify("POST", PATH, &v.headers(), body).unwrap();

        let clock = Arc::new(FixedClock::new(VECTOR_TIME_MS + 60_000));
        let fresh = verifier()
            .clock(clock.clone())
            .max_age(Duration::from_secs(300));
        assert_vector_fields(&fresh.verify("POST", PATH, &v.headers(), body).unwrap());

        clock.set(VECTOR_TIME_MS + 300_000);
        fresh.verify("POST", PATH, &v.headers(), body).unwrap();
        clock.set(VECTOR_TIME_MS + 300_001);
        assert_eq!(
            fresh.verify("POST", PATH, &v.headers(), body),
            Err(NotificationError::Stale)
        );
        // From the future (beyond the allowed skew) too.
        clock.set(VECTOR_TIME_MS - 300_001);
        assert_eq!(
            fresh.verify("POST", PATH, &v.headers(), body),
            Err(NotificationError::Stale)
        );
        clock.set(VECTOR_TIME_MS - 299_000);
        fresh.verify("POST", PATH, &v.headers(), body).unwrap();

        // ms-epoch request-time.
        let body = notification_body();
        let signed = sign_notification(
            &gateway_key(),
            CLIENT_ID,
            PATH,
            "1700000000000",
            body.as_bytes(),
        );
        clock.set(1_700_000_000_000 + 24 * 3_600_000);
        let day = verifier()
            .clock(clock.clone())
            .max_age(Duration::from_secs(25 * 3_600));
        day.verify("POST", PATH, &signed.headers(), body.as_bytes())
            .unwrap();
        clock.set(1_700_000_000_000 + 26 * 3_600_000);
        assert_eq!(
            day.verify("POST", PATH, &signed.headers(), body.as_bytes()),
            Err(NotificationError::Stale)
        );

        // A validly signed request-time that is not a time cannot be checked.
        let odd = sign_notification(
            &gateway_key(),
            CLIENT_ID,
            PATH,
            "yesterday",
            body.as_bytes(),
        );
        assert_eq!(
            day.verify("POST", PATH, &odd.headers(), body.as_bytes()),
            Err(NotificationError::MalformedRequestTime)
        );
        verifier()
            .verify("POST", PATH, &odd.headers(), body.as_bytes())
            .unwrap();
    }

    #[test]
    fn a_stale_forgery_is_a_bad_signature() {
        let v = vector();
        let headers = with_header(&v.headers(), "request-time", "1");
        let strict = verifier()
            .clock(Arc::new(FixedClock::new(VECTOR_TIME_MS)))
            .max_age(Duration::from_secs(60));
        assert_eq!(
            strict.verify("POST", PATH, &headers, v.body.as_bytes()),
            Err(NotificationError::BadSignature)
        );
    }

    #[test]
    fn body_size_is_limited() {
        let body = format!(
            r#"{{"vaultingRequestId":"v","result":{{"resultCode":"SUCCESS","resultStatus":"S"}},"metadata":"{}"}}"#,
            "x".repeat(DEFAULT_MAX_BODY_BYTES)
        );
        let signed = sign_notification(&gateway_key(), CLIENT_ID, PATH, "1", body.as_bytes());
        assert_eq!(
            verifier().verify("POST", PATH, &signed.headers(), body.as_bytes()),
            Err(NotificationError::BodyTooLarge {
                len: body.len(),
                limit: DEFAULT_MAX_BODY_BYTES
            })
        );
        let n = verifier()
            .max_body_bytes(body.len())
            .verify("POST", PATH, &signed.headers(), body.as_bytes())
            .unwrap();
        assert_eq!(n.vaulting_request_id, "v");
    }

    #[test]
    fn signed_but_malformed_bodies_are_typed_errors() {
        let key = gateway_key();
        let verifier = verifier();
        type Check = fn(&NotificationError) -> bool;
        let cases: [(&[u8], Check); 4] = [
            (b"{\"vaultingRequestId\":\"\xff\"}", |e| {
                *e == NotificationError::NotUtf8
            }),
            (
                b"not json",
                |e| matches!(e, NotificationError::MalformedBody { reason } if reason.starts_with("syntax error")),
            ),
            (
                b"{\"vaultingRequestId\":\"v\"}",
                |e| matches!(e, NotificationError::MalformedBody { reason } if reason.starts_with("missing field `result`")),
            ),
            (
                b"",
                |e| matches!(e, NotificationError::MalformedBody { reason } if reason.starts_with("unexpected end")),
            ),
        ];
        for (body, check) in cases {
            let signed = sign_notification(&key, CLIENT_ID, PATH, "1", body);
            let err = verifier
                .verify("POST", PATH, &signed.headers(), body)
                .unwrap_err();
            assert!(check(&err), "{err:?}");
            // The signature itself was fine.
            verifier
                .verify_signature("POST", PATH, &signed.headers(), body)
                .unwrap();
        }
    }
}

/// `sign_notification`, the helper for webhook tests and simulators.
mod notification_signing {
    use super::*;

    #[test]
    fn sign_notification_round_trips() {
        let body = notification_body();
        for (path, time) in [
            (PATH, "1700000000000"),
            ("/ams/sandbox/notify", "2024-03-14T19:07:40+08:00"),
            ("https://merchant.example/notify/vaulting?x=1", "1"),
        ] {
            let signed = sign_notification(&gateway_key(), CLIENT_ID, path, time, body.as_bytes());
            assert_eq!(signed.body(), body.as_bytes());
            assert_eq!(signed.client_id(), CLIENT_ID);
            assert_eq!(signed.request_time(), time);
            let names: Vec<&str> = signed.headers().iter().map(|(k, _)| *k).collect();
            assert_eq!(
                names,
                ["client-id", "request-time", "signature", "content-type"]
            );
            assert!(signed
                .signature_header()
                .starts_with("algorithm=RSA256,keyVersion=1,signature="));

            let n = verifier()
                .expected_client_id(CLIENT_ID)
                .verify("POST", path, &signed.headers(), signed.body())
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(n.vaulting_request_id, "vault-req-0042");
            let card = n.payment_method_detail.unwrap().card.unwrap();
            assert_eq!(
                card.card_token.as_ref().map(CardToken::expose),
                Some(CARD_TOKEN)
            );
            assert_eq!(
                n.metadata.as_deref(),
                Some(format!(r#"{{"order":"é中😀","pan":"{CARD_NO}"}}"#).as_str())
            );

            let map = signed.header_map().unwrap();
            assert_eq!(
                map.get("content-type").unwrap(),
                "application/json; charset=UTF-8"
            );
            verify_notification(
                &gateway_public(),
                CLIENT_ID,
                "POST",
                path,
                &map,
                signed.body(),
            )
            .unwrap();
        }
    }

    #[test]
    fn sign_notification_matches_the_sdk_vector() {
        let v = vector();
        let signed = sign_notification(
            &gateway_key(),
            &v.client_id,
            &v.path,
            &v.request_time,
            v.body.as_bytes(),
        );
        assert_eq!(signed.signature_header(), v.signature_header);
    }

    #[test]
    fn signed_notification_debug_hides_the_body() {
        let body = notification_body();
        let signed = sign_notification(&gateway_key(), CLIENT_ID, PATH, "1", body.as_bytes());
        let debug = format!("{signed:?}");
        assert!(
            !debug.contains(CARD_TOKEN) && !debug.contains("4111"),
            "{debug}"
        );
        assert!(!debug.contains("signature="), "{debug}");
    }
}

/// Error messages leak nothing; the acknowledgement is the documented body.
mod notification_errors {
    use super::*;

    #[test]
    fn no_error_message_contains_the_body_card_data_or_signature() {
        let key = gateway_key();
        let body = notification_body();
        let good = sign_notification(&key, CLIENT_ID, PATH, "1", body.as_bytes());
        let sig_value = good
            .signature_header()
            .split("signature=")
            .nth(1)
            .unwrap()
            .to_owned();
        let headers = good.headers();
        let verifier = verifier();
        let strict = NotificationVerifier::new(gateway_public())
            .expected_client_id("OTHER")
            .clock(Arc::new(FixedClock::new(u64::MAX / 2)))
            .max_age(Duration::from_secs(1));

        // Bodies that carry the secrets inside malformed JSON, signed so they reach the parser.
        let bad_json_bodies = [
            format!(r#"{{"vaultingRequestId":{CARD_NO},"result":"{CARD_TOKEN}"}}"#),
            format!(
                r#"{{"vaultingRequestId":["{CARD_NO}"],"result":{{"resultCode":"{CARD_TOKEN}","resultStatus":"S"}}}}"#
            ),
            format!(
                r#"{{"vaultingRequestId":"{CARD_NO}","result":{{"resultCode":"S","resultStatus":"S"}},"paymentMethodDetail":"{CARD_TOKEN}"}}"#
            ),
            format!(r#"{{"{CARD_TOKEN}":"{CARD_NO}""#),
            format!("{CARD_NO}{CARD_TOKEN}"),
        ];

        let mut errors = vec![
            verifier
                .verify("GET", PATH, &headers, body.as_bytes())
                .unwrap_err(),
            verifier
                .verify("POST", "/other", &headers, body.as_bytes())
                .unwrap_err(),
            verifier
                .verify("POST", "", &headers, body.as_bytes())
                .unwrap_err(),
            verifier
                .verify(
                    "POST",
                    PATH,
                    &headers,
                    body.replace("vault-req-0042", "vault-req-0043").as_bytes(),
                )
                .unwrap_err(),
            verifier
                .verify(
                    "POST",
                    PATH,
                    &without_header(
                        &headers
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.clone()))
                            .collect::<Vec<_>>(),
                        "signature",
                    ),
                    body.as_bytes(),
                )
                .unwrap_err(),
            verifier
                .clone()
                .max_body_bytes(10)
                .verify("POST", PATH, &headers, body.as_bytes())
                .unwrap_err(),
            strict
                .verify("POST", PATH, &headers, body.as_bytes())
                .unwrap_err(),
            NotificationVerifier::new(gateway_public())
                .clock(Arc::new(FixedClock::new(u64::MAX / 2)))
                .max_age(Duration::from_secs(1))
                .verify("POST", PATH, &headers, body.as_bytes())
                .unwrap_err(),
        ];
        for header in [
            format!(
                "algorithm=RSA256,keyVersion=1,signature={}",
                &sig_value[..40]
            ),
            format!("algorithm=HS256,signature={sig_value}"),
            format!("algorithm=RSA256,signature={sig_value},signature={sig_value}"),
            format!("algorithm=RSA256,signature=%zz{sig_value}"),
            format!("algorithm=RSA256,keyVersion={CARD_TOKEN},signature={sig_value}"),
        ] {
            let headers = [
                ("client-id", CLIENT_ID),
                ("request-time", "1"),
                ("signature", header.as_str()),
            ];
            errors.push(
                verifier
                    .verify("POST", PATH, &headers, body.as_bytes())
                    .unwrap_err(),
            );
        }
        for bad in &bad_json_bodies {
            let signed = sign_notification(&key, CLIENT_ID, PATH, "1", bad.as_bytes());
            errors.push(
                verifier
                    .verify("POST", PATH, &signed.headers(), bad.as_bytes())
                    .unwrap_err(),
            );
        }
        let mut not_utf8 = body.clone().into_bytes();
        not_utf8.push(0xff);
        let signed = sign_notification(&key, CLIENT_ID, PATH, "1", &not_utf8);
        errors.push(
            verifier
                .verify("POST", PATH, &signed.headers(), &not_utf8)
                .unwrap_err(),
        );
        let odd_time = sign_notification(&key, CLIENT_ID, PATH, "not-a-time", body.as_bytes());
        errors.push(
            NotificationVerifier::new(gateway_public())
                .max_age(Duration::from_secs(60))
                .verify("POST", PATH, &odd_time.headers(), body.as_bytes())
                .unwrap_err(),
        );

        let mut kinds = std::collections::BTreeSet::new();
        for err in &errors {
            let text = format!("{err} | {err:?} | {:?}", std::error::Error::source(err));
            for secret in [
                CARD_NO,
                "4111",
                CARD_TOKEN,
                "SECRET",
                &sig_value[..20],
                "vault-req-004",
                "VAULTING_RESULT",
                "é中",
                "maskedCardNo",
            ] {
                assert!(!text.contains(secret), "{secret:?} in: {text}");
            }
            kinds.insert(
                format!("{err:?}")
                    .split([' ', '(', '{'])
                    .next()
                    .unwrap()
                    .to_owned(),
            );
        }
        // Every variant was exercised.
        for kind in [
            "WrongMethod",
            "InvalidPath",
            "BodyTooLarge",
            "MissingHeader",
            "MalformedSignatureHeader",
            "BadSignature",
            "ClientIdMismatch",
            "Stale",
            "NotUtf8",
            "MalformedRequestTime",
            "MalformedBody",
        ] {
            assert!(kinds.contains(kind), "{kind} not exercised: {kinds:?}");
        }
    }

    #[test]
    fn acknowledgement_is_the_documented_body() {
        assert_eq!(
            ACKNOWLEDGEMENT,
            r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#
        );
        let ack: types::NotifyVaultingAcknowledgement =
            serde_json::from_str(ACKNOWLEDGEMENT).unwrap();
        assert_eq!(ack, alipay_vaulting::notification::acknowledgement());
    }
}
