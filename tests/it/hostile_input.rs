//! Hostile input never panics: response verification and parsing, outcome interpretation,
//! signature headers, key loading and notification verification take arbitrary bytes and
//! answer with a typed error or a value. Also: signed-but-random JSON is interpreted without
//! panicking, and any value is refused unless the signature matches.

use crate::support;
use alipay_vaulting::keys::AlipayPublicKeys;

use alipay_vaulting::headers::Headers;
use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::notification::NotificationVerifier;
use alipay_vaulting::outcome::{interpret_inquiry, interpret_vault};
use alipay_vaulting::signing::{self, SignatureHeader};
use alipay_vaulting::types;
use alipay_vaulting::verification::verify_response;
use proptest::prelude::*;
use support::*;

/// Cases per property; `PROPTEST_CASES` overrides (CI's heavy run raises it).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

const PATH: &str = "/ams/api/v1/vaults/vaultPaymentMethod";

/// JSON values shaped like responses: the right keys with random values, plus junk.
fn response_like() -> impl Strategy<Value = serde_json::Value> {
    let text = prop_oneof![
        Just("S".to_string()),
        Just("F".to_string()),
        Just("U".to_string()),
        Just("SUCCESS".to_string()),
        Just("VERIFICATION_IN_PROCESS".to_string()),
        Just("VAULTING_NOT_EXIST".to_string()),
        Just("PROCESSING".to_string()),
        Just("FAIL".to_string()),
        Just(String::new()),
        "\\PC{0,12}",
    ];
    let leaf = prop_oneof![
        text.clone().prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
    ];
    let keys = prop_oneof![
        Just("result"),
        Just("resultStatus"),
        Just("resultCode"),
        Just("resultMessage"),
        Just("vaultingRequestId"),
        Just("vaultingStatus"),
        Just("vaultingResultCode"),
        Just("paymentMethodDetail"),
        Just("card"),
        Just("cardToken"),
        Just("brand"),
        Just("normalUrl"),
        Just("schemeUrl"),
        Just("applinkUrl"),
        Just("junk"),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop::collection::btree_map(keys.clone(), inner, 0..6).prop_map(|map| {
            serde_json::Value::Object(map.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
        })
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn verification_and_parsing_take_any_bytes(
        body in prop::collection::vec(any::<u8>(), 0..512),
        signature in "\\PC{0,400}",
        client in "\\PC{0,20}",
        time in "\\PC{0,20}",
    ) {
        let public = gateway_public();
        let headers = [("signature", signature.as_str()), ("client-id", client.as_str()), ("response-time", time.as_str())];
        let _ = verify_response(&AlipayPublicKeys::new(public.clone()), CLIENT_ID, PATH, &headers, &body);
        let none: [(&str, &str); 0] = [];
        let _ = verify_response(&AlipayPublicKeys::new(public.clone()), CLIENT_ID, PATH, &none, &body);
        if let Ok(r) = serde_json::from_slice::<types::VaultPaymentMethodResponse>(&body) {
            let _ = format!("{:?}", interpret_vault(r));
        }
        if let Ok(r) = serde_json::from_slice::<types::InquireVaultingResponse>(&body) {
            let _ = format!("{:?}", interpret_inquiry(r));
        }
        let _ = SignatureHeader::parse(&signature);
    }

    #[test]
    fn signed_random_responses_interpret_without_panicking(value in response_like()) {
        let body = serde_json::to_vec(&value).unwrap();
        let header = signing::sign_message(&gateway_key(), "POST", PATH, CLIENT_ID, "1", &body).encode();
        let headers = [("signature", header.as_str()), ("client-id", CLIENT_ID), ("response-time", "1")];
        prop_assert!(verify_response(&AlipayPublicKeys::new(gateway_public()), CLIENT_ID, PATH, &headers, &body).is_ok());
        // One changed byte anywhere is refused.
        let mut tampered = body.clone();
        let at = tampered.len() / 2;
        tampered[at] ^= 0x01;
        prop_assert!(verify_response(&AlipayPublicKeys::new(gateway_public()), CLIENT_ID, PATH, &headers, &tampered).is_err());
        if let Ok(r) = serde_json::from_slice::<types::VaultPaymentMethodResponse>(&body) {
            let _ = interpret_vault(r).next_step();
        }
        if let Ok(r) = serde_json::from_slice::<types::InquireVaultingResponse>(&body) {
            let _ = interpret_inquiry(r).is_final();
        }
    }

    #[test]
    fn key_loading_takes_any_text(text in "\\PC{0,300}", bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = PrivateKey::parse(&text);
        let _ = PublicKey::parse(&text);
        let _ = PrivateKey::from_pkcs8_der(&bytes);
        let _ = PrivateKey::from_pkcs1_der(&bytes);
        let _ = PublicKey::from_spki_der(&bytes);
    }

    #[test]
    fn notification_verification_takes_any_request(
        method in prop_oneof![Just("POST".to_string()), "\\PC{0,8}"],
        path in "\\PC{0,40}",
        body in prop::collection::vec(any::<u8>(), 0..512),
        signature in "\\PC{0,400}",
        time in "\\PC{0,30}",
    ) {
        let verifier = NotificationVerifier::new(gateway_public());
        let headers = vec![
            ("signature".to_string(), signature),
            ("client-id".to_string(), CLIENT_ID.to_string()),
            ("request-time".to_string(), time),
        ];
        prop_assert!(headers.header("Signature").is_some());
        let result = verifier.verify(&method, &path, &headers, &body);
        // Random signatures never verify.
        prop_assert!(result.is_err());
    }
}
