//! No card number, CVV or private-key material escapes: whole calls run with tracing at TRACE
//! (the crate's spans and events, and reqwest/hyper's, bridged from `log`), every public type
//! and error is `Debug`- and `Display`-printed, and all of that output is searched.
//!
//! It shares the binary's global tracing subscriber with `secrets_everywhere` (see main.rs).

use crate::support;

use std::time::Duration;

use alipay_vaulting::card::{CardNumber, Cvv};
use alipay_vaulting::error::{Error, NotSent, OutcomeUnknown, ResponseRejected};
use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::notification::{self, NotificationVerifier};
use alipay_vaulting::outcome::{self};
use alipay_vaulting::signing::{self, SignatureHeader};
use alipay_vaulting::{types, BuildError, Client, Validate};
use support::*;

const CARD: &str = "4242424242424242";
const CVV: &str = "837";

fn request(id: &str) -> types::VaultPaymentMethodRequest {
    serde_json::from_value(serde_json::json!({
        "vaultingRequestId": id,
        "vaultingNotificationUrl": "https://merchant.example/n",
        "redirectUrl": "https://merchant.example/r",
        "paymentMethodDetail": {"paymentMethodType": "CARD", "card": {
            "cardNo": CARD, "cvv": CVV, "expiryYear": "30", "expiryMonth": "12",
            "cardholderName": {"firstName": "JOHN", "lastName": "SMITH"}}},
        "env": {"terminalType": "WEB"}
    }))
    .unwrap()
}

fn vault_response(id: &str, status: &str, code: &str) -> String {
    format!(
        r#"{{"result":{{"resultCode":"{code}","resultStatus":"{status}"}},"vaultingRequestId":"{id}","paymentMethodDetail":{{"paymentMethodType":"CARD","card":{{"cardToken":"tok-{id}","maskedCardNo":"************4242","brand":"VISA"}}}},"normalUrl":"https://3ds.example/{id}"}}"#
    )
}

#[tokio::test]
async fn no_card_data_or_key_material_in_any_output() {
    // The binary's global subscriber at TRACE (see main.rs); this test's turn to read it.
    let (_turn, capture) = crate::trace_capture().await;

    let mut printed: Vec<String> = Vec::new();
    let mut show = |label: &str, debug: String, display: Option<String>| {
        printed.push(format!("{label}: {debug}"));
        if let Some(display) = display {
            printed.push(format!("{label}: {display}"));
        }
    };

    // Whole calls: each business outcome, a refused response, a stall, a refused connection.
    let gateway = gateway_key();
    let server = RawServer::start(move |r| {
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        let id = body["vaultingRequestId"].as_str().unwrap().to_string();
        let reply = match id.as_str() {
            "s-1" => vault_response(&id, "S", "SUCCESS"),
            "u-1" => vault_response(&id, "U", "VERIFICATION_IN_PROCESS"),
            "f-1" => vault_response(&id, "F", "VERIFICATION_FAIL"),
            "x-1" => return Reply::unsigned(&vault_response(&id, "S", "SUCCESS")),
            "t-1" => return Reply::Stall,
            _ => r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"vaultingStatus":"SUCCESS","paymentMethodDetail":{"card":{"cardToken":"tok"}}}"#.to_string(),
        };
        Reply::signed(&gateway, CLIENT_ID, &r.path, &reply)
    })
    .await;
    let client = Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url(server.base_url())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    show("client", format!("{client:?}"), None);
    for id in ["s-1", "u-1", "f-1", "x-1", "t-1"] {
        match client.vault_payment_method(&request(id)).await {
            Ok(outcome) => show(id, format!("{outcome:?}"), None),
            Err(e) => show(id, format!("{e:?}"), Some(e.to_string())),
        }
    }
    let inquiry = client.inquire_vaulting("s-1").await;
    show("inquiry", format!("{inquiry:?}"), None);
    let refused = Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
        .vault_payment_method(&request("c-1"))
        .await
        .unwrap_err();
    show("refused", format!("{refused:?}"), Some(refused.to_string()));

    // Every public type that can hold a secret, and every error.
    let r = request("p-1");
    show("request", format!("{r:?}"), None);
    show("card", format!("{:?}", r.payment_method_detail.card), None);
    show("number", format!("{:?}", CardNumber::new(CARD)), None);
    show("cvv", format!("{:?}", Cvv::new(CVV)), None);
    let mut bad = r.clone();
    bad.payment_method_detail.card.card_no = format!("{CARD}x").as_str().into();
    let invalid = bad.validate().unwrap_err();
    show("invalid", format!("{invalid:?}"), Some(invalid.to_string()));
    let invalid = Error::from(invalid);
    show(
        "invalid-error",
        format!("{invalid:?}"),
        Some(invalid.to_string()),
    );
    let key = merchant_key();
    show("private", format!("{key:?}"), None);
    show("public", format!("{:?}", key.public_key()), None);
    let signature = signing::sign(&key, b"x");
    show("signature", format!("{signature:?}"), None);
    let header = SignatureHeader::new(signature);
    show("header", format!("{header:?}"), None);
    for text in [
        key_text("gateway_public_spki.pem"),
        key_text("merchant_private_pkcs8.b64")[..200].to_string(),
        "garbage".to_string(),
    ] {
        if let Err(e) = PrivateKey::parse(&text) {
            show("key-error", format!("{e:?}"), Some(e.to_string()));
        }
    }
    if let Err(e) = PublicKey::parse(&key_text("merchant_private_pkcs1.pem")) {
        show("key-error", format!("{e:?}"), Some(e.to_string()));
    }
    let build = Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key_text(&key_text("merchant_public_spki.b64"))
        .alipay_public_key(gateway_public())
        .region(alipay_vaulting::Region::Asia)
        .build()
        .unwrap_err();
    assert!(matches!(build, BuildError::Key { .. }));
    show("build", format!("{build:?}"), Some(build.to_string()));
    for e in [
        Error::NotSent(NotSent::Signing("x".into())),
        Error::OutcomeUnknown(OutcomeUnknown::Timeout),
        Error::ResponseRejected(ResponseRejected::BadSignature),
        Error::ResponseRejected(ResponseRejected::Malformed {
            reason: "not valid JSON at line 1 column 2".into(),
        }),
    ] {
        show("error", format!("{e:?}"), Some(e.to_string()));
    }
    let body = r#"{"notifyType":"VAULTING_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S"},"vaultingRequestId":"n-1","paymentMethodDetail":{"card":{"cardToken":"tok-n"}}}"#;
    let signed =
        notification::sign_notification(&gateway_key(), CLIENT_ID, "/notify", "1", body.as_bytes());
    show("signed-notification", format!("{signed:?}"), None);
    let verifier = NotificationVerifier::new(gateway_public());
    show("verifier", format!("{verifier:?}"), None);
    let ok = verifier.verify("POST", "/notify", &signed.headers(), body.as_bytes());
    show("notification", format!("{ok:?}"), None);
    let forged = verifier.verify("POST", "/other", &signed.headers(), body.as_bytes());
    let forged = forged.unwrap_err();
    show("forged", format!("{forged:?}"), Some(forged.to_string()));
    let outcome = outcome::interpret_vault(
        serde_json::from_str(&vault_response("o-1", "S", "SUCCESS")).unwrap(),
    );
    show("outcome", format!("{outcome:?}"), None);

    // Search everything.
    if std::env::var("SHOW_CAPTURE").is_ok() {
        eprintln!("{}", String::from_utf8_lossy(&capture.0.lock().unwrap()));
    }
    let mut output = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        output.contains("alipay_vaulting.call")
            && output.contains("operation=\"vaultPaymentMethod\"")
            && output.contains("result_status=\"S\"")
            && output.contains("result_code=\"VERIFICATION_FAIL\"")
            && output.contains("call failed"),
        "the tracing capture must hold the calls' spans"
    );
    for line in &printed {
        output.push_str(line);
        output.push('\n');
    }
    assert!(!output.contains(CARD), "card number leaked");
    assert!(!output.contains(&CARD[..12]), "card number prefix leaked");
    // A 3-digit CVV is searched as a run of exactly those digits (not inside a port or a time).
    assert!(!contains_digit_run(&output, CVV), "CVV leaked");
    for file in [
        "merchant_private_pkcs8.b64",
        "merchant_private_pkcs1.b64",
        "gateway_private_pkcs8.b64",
        "gateway_private_pkcs1.b64",
    ] {
        let material: String = key_text(file).split_whitespace().collect();
        let leaked = (0..material.len() - 16)
            .step_by(4)
            .find(|&i| output.contains(&material[i..i + 16]));
        assert_eq!(leaked, None, "{file}: key material leaked");
    }
    // The request bodies never appear either (the crate never logs a body).
    assert!(!output.contains("\"cardNo\""), "a request body leaked");
}

/// Whether `digits` occurs in `text` standing alone (see [`standalone_matches`]).
fn contains_digit_run(text: &str, digits: &str) -> bool {
    standalone_matches(text, digits).next().is_some()
}

#[test]
fn digit_runs_are_matched_whole() {
    assert!(contains_digit_run("cvv: \"837\"", "837"));
    assert!(contains_digit_run("837", "837"));
    assert!(!contains_digit_run("port 38371 at .837106Z", "837"));
    assert!(!contains_digit_run("signature=Xb%2F837rEds", "837"));
    assert!(contains_digit_run("cvv=837;", "837"));
    assert!(contains_digit_run(r#"{"cvv":837}"#, "837"));
    assert!(contains_digit_run("cvv 837.", "837"));
    // Parts of a time or a decimal number (the milliseconds of a timestamp were a false
    // positive in CI).
    assert!(!contains_digit_run("2026-12-02T05:09:55.837+00:00", "837"));
    assert!(!contains_digit_run("took 837.5 ms", "837"));
    assert!(!contains_digit_run("at 10:837", "837"));
}
