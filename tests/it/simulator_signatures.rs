//! Request signatures are verified (failures are signed business answers, never 500s), requests
//! that break the spec name the field, and responses are signed as the gateway signs them.
#![cfg(feature = "simulator")]

use crate::support::simulator as util;
use alipay_vaulting::keys::AlipayPublicKeys;

use alipay_vaulting::keys::PrivateKey;
use alipay_vaulting::outcome::{NextStep, VaultOutcome};
use alipay_vaulting::signing;
use alipay_vaulting::simulator::Simulator;
use alipay_vaulting::types::{ResultCode, ResultStatus};
use alipay_vaulting::verification::{verify_response, Verified};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use util::{request, sim};

const VAULT_PATH: &str = "/ams/sandbox/api/v1/vaults/vaultPaymentMethod";
const CARD: &str = "4111111111111111";

/// Sends `body` to `path` signed with the simulator's merchant key (or with `signature` as
/// given), and returns the verified response's JSON.
async fn raw_call(
    sim: &Simulator,
    path: &str,
    body: &str,
    signature: Option<Option<&str>>,
) -> serde_json::Value {
    let time = "1700000000000";
    let merchant = sim.keys().merchant_private.clone().unwrap();
    let signed = signing::sign_message(
        &merchant,
        "POST",
        path,
        sim.client_id(),
        time,
        body.as_bytes(),
    )
    .encode();
    let mut call = util::http()
        .post(format!("{}{path}", sim.base_url()))
        .header("content-type", "application/json; charset=UTF-8")
        .header("client-id", sim.client_id())
        .header("request-time", time)
        .body(body.to_string());
    match signature {
        None => call = call.header("signature", signed),
        Some(Some(given)) => call = call.header("signature", given),
        Some(None) => {}
    }
    let response = call.send().await.unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap();
    let verified = verify_response(
        &AlipayPublicKeys::new(sim.gateway_public_key()),
        sim.client_id(),
        path,
        &headers,
        &bytes,
    );
    assert_eq!(verified, Ok(Verified::Signed));
    serde_json::from_slice(&bytes).unwrap()
}

fn body_without(field: &str) -> String {
    let mut value = serde_json::to_value(request("raw-1", CARD)).unwrap();
    let card = value["paymentMethodDetail"]["card"]
        .as_object_mut()
        .unwrap();
    card.remove(field);
    serde_json::to_string(&value).unwrap()
}

#[tokio::test]
async fn the_wrong_merchant_key_gets_invalid_signature() {
    let sim = sim().await;
    let client = sim
        .client_builder()
        .merchant_private_key(PrivateKey::generate().unwrap())
        .build()
        .unwrap();
    let outcome = client
        .vault_payment_method(&request("sig-1", CARD))
        .await
        .expect("a business answer, not a transport error");
    let VaultOutcome::Failed(failure) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(failure.status, ResultStatus::F);
    assert_eq!(failure.code, ResultCode::InvalidSignature);
    assert_eq!(failure.next_step, NextStep::CheckConfiguration);
    let recorded = &sim.requests()[0];
    assert!(!recorded.signature_valid);
    assert_eq!(recorded.result_code, "INVALID_SIGNATURE");
    assert_eq!(sim.vaulting_count(), 0);
}

#[tokio::test]
async fn missing_and_malformed_signatures_get_invalid_signature() {
    let sim = sim().await;
    let body = serde_json::to_string(&request("sig-2", CARD)).unwrap();
    for signature in [
        Some(None),
        Some(Some("algorithm=RSA256,keyVersion=1")),
        Some(Some("garbage")),
        Some(Some("algorithm=RSA256,keyVersion=1,signature=AAAA")),
    ] {
        let answer = raw_call(&sim, VAULT_PATH, &body, signature).await;
        assert_eq!(answer["result"]["resultStatus"], "F", "{signature:?}");
        assert_eq!(answer["result"]["resultCode"], "INVALID_SIGNATURE");
    }
    assert_eq!(sim.vaulting_count(), 0);
}

#[tokio::test]
async fn a_missing_field_is_named_in_param_illegal() {
    let sim = sim().await;
    let answer = raw_call(&sim, VAULT_PATH, &body_without("expiryYear"), None).await;
    assert_eq!(answer["result"]["resultStatus"], "F");
    assert_eq!(answer["result"]["resultCode"], "PARAM_ILLEGAL");
    let message = answer["result"]["resultMessage"].as_str().unwrap();
    assert!(
        message.contains("paymentMethodDetail.card.expiryYear"),
        "{message}"
    );
    assert_eq!(answer["vaultingRequestId"], "raw-1");
    assert_eq!(sim.vaulting_count(), 0);
    assert!(sim.requests()[0].signature_valid);
    assert_eq!(sim.requests()[0].result_code, "PARAM_ILLEGAL");
}

#[tokio::test]
async fn a_rule_break_names_the_field_and_never_the_card() {
    let sim = sim().await;
    // A card number of the wrong type: the message names the field, not the value.
    let body = serde_json::to_string(&request("raw-2", CARD))
        .unwrap()
        .replace(&format!("\"{CARD}\""), CARD);
    let answer = raw_call(&sim, VAULT_PATH, &body, None).await;
    assert_eq!(answer["result"]["resultCode"], "PARAM_ILLEGAL");
    let message = answer["result"]["resultMessage"].as_str().unwrap();
    assert!(
        message.contains("paymentMethodDetail.card.cardNo"),
        "{message}"
    );
    assert!(!message.contains("4111"), "{message}");

    // A field over its limit: the validator's message.
    let mut value = serde_json::to_value(request("raw-3", CARD)).unwrap();
    value["paymentMethodDetail"]["card"]["expiryMonth"] = "123".into();
    let answer = raw_call(&sim, VAULT_PATH, &value.to_string(), None).await;
    let message = answer["result"]["resultMessage"].as_str().unwrap();
    assert!(
        message.contains("paymentMethodDetail.card.expiryMonth"),
        "{message}"
    );

    // Not JSON at all.
    let answer = raw_call(&sim, VAULT_PATH, "cardNo=4111111111111111", None).await;
    assert_eq!(answer["result"]["resultCode"], "PARAM_ILLEGAL");
    assert!(!answer.to_string().contains("4111"));

    // An inquiry without its id.
    let answer = raw_call(
        &sim,
        "/ams/sandbox/api/v1/vaults/inquireVaulting",
        "{}",
        None,
    )
    .await;
    assert_eq!(answer["result"]["resultCode"], "PARAM_ILLEGAL");
    assert!(answer["result"]["resultMessage"]
        .as_str()
        .unwrap()
        .contains("vaultingRequestId"));

    // Nothing printable about the requests shows the card.
    let printed = format!("{:?}", sim.requests());
    assert!(!printed.contains("4111111111111111"), "{printed}");
}

#[tokio::test]
async fn responses_carry_lower_case_signed_headers_on_the_wire() {
    let sim = sim().await;
    let body = serde_json::to_string(&request("wire-1", CARD)).unwrap();
    let time = "1700000000000";
    let signature = signing::sign_message(
        sim.keys().merchant_private.as_ref().unwrap(),
        "POST",
        VAULT_PATH,
        sim.client_id(),
        time,
        body.as_bytes(),
    )
    .encode();
    let mut stream = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
    let head = format!(
        "POST {VAULT_PATH} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json; charset=UTF-8\r\nClient-Id: {}\r\nRequest-Time: {time}\r\nSignature: {signature}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        sim.addr(),
        sim.client_id(),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8(response).unwrap();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.contains("\r\nsignature: algorithm=RSA256,keyVersion=1,signature="));
    assert!(text.contains(&format!("\r\nclient-id: {}\r\n", sim.client_id())));
    assert!(text.contains("\r\nresponse-time: "));
    assert!(text.contains("\"resultCode\":\"SUCCESS\""));
}
