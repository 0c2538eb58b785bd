//! The client against a local server: the signature covers exactly the bytes on the wire, and
//! every tampered, unsigned or mis-keyed response gets its typed rejection.

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use alipay_vaulting::clock::FixedClock;
use alipay_vaulting::error::{Error, NotSent, ResponseRejected};
use alipay_vaulting::outcome::{UnknownReason, VaultOutcome};
use alipay_vaulting::signing::{self, SignatureHeader};
use alipay_vaulting::{types, Client};
use support::*;

const SANDBOX_VAULT_PATH: &str = "/ams/sandbox/api/v1/vaults/vaultPaymentMethod";
const NOW: u64 = 1_763_800_000_123;

fn request(id: &str) -> types::VaultPaymentMethodRequest {
    types::VaultPaymentMethodRequest::builder()
        .vaulting_request_id(id)
        .vaulting_notification_url("https://merchant.example/notify/vaulting")
        .redirect_url("https://merchant.example/return?q=é")
        .metadata("{\"note\":\"straße 中文 ✓\"}".to_string())
        .payment_method_detail(
            types::PaymentMethodDetail::builder()
                .payment_method_type(types::PaymentMethodType::Card)
                .card(
                    types::Card::builder()
                        .card_no("4111111111111111")
                        .cvv(Some("123".into()))
                        .expiry_year("30")
                        .expiry_month("12")
                        .cardholder_name(Some(
                            types::UserName::builder()
                                .first_name(Some("José".into()))
                                .last_name(Some("王".into()))
                                .try_into()
                                .unwrap(),
                        )),
                ),
        )
        .env(types::Env::builder().terminal_type("WEB".to_string()))
        .try_into()
        .unwrap()
}

fn vaulted_body(id: &str) -> String {
    format!(
        r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."}},"vaultingRequestId":"{id}","paymentMethodDetail":{{"paymentMethodType":"CARD","card":{{"brand":"VISA","cardToken":"ALIPAYtok+/=","maskedCardNo":"************1111"}}}}}}"#
    )
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url(base_url)
        .clock(Arc::new(FixedClock::new(NOW)))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_signature_covers_exactly_the_bytes_on_the_wire() {
    let gateway = gateway_key();
    let server = RawServer::start(move |r| {
        Reply::signed(&gateway, CLIENT_ID, &r.path, &vaulted_body("wire-1"))
    })
    .await;
    let outcome = client(&server.base_url())
        .vault_payment_method(&request("wire-1"))
        .await
        .unwrap();
    match outcome {
        VaultOutcome::Vaulted(card) => assert_eq!(card.card_token(), "ALIPAYtok+/="),
        other => panic!("expected Vaulted, got {other:?}"),
    }

    let received = server.received();
    assert_eq!(received.len(), 1);
    let r = &received[0];
    // Sandbox client id: the sandbox path is the one sent and signed.
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, SANDBOX_VAULT_PATH);
    assert_eq!(r.header("client-id"), Some(CLIENT_ID));
    assert_eq!(r.header("request-time"), Some(NOW.to_string().as_str()));
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=UTF-8")
    );
    assert_eq!(r.header("api-version"), None);
    // The body on the wire is the UTF-8 JSON of the request, non-ASCII included, unescaped.
    let body = std::str::from_utf8(&r.body).unwrap();
    assert!(body.contains("José") && body.contains("王") && body.contains("straße 中文 ✓"));
    assert_eq!(
        r.body,
        serde_json::to_vec(&request("wire-1")).unwrap(),
        "the body is the serialised request"
    );
    // The content the merchant key signed is exactly method, path, client id, time and these bytes.
    let header = SignatureHeader::parse(r.header("signature").unwrap()).unwrap();
    assert_eq!(header.key_version, "1");
    let content = signing::content_to_sign("POST", &r.path, CLIENT_ID, &NOW.to_string(), &r.body);
    signing::verify(&merchant_public(), &content, header.signature.as_bytes())
        .expect("the signature verifies over the received bytes");
    let expected = signing::sign_message(
        &merchant_key(),
        "POST",
        SANDBOX_VAULT_PATH,
        CLIENT_ID,
        &NOW.to_string(),
        &r.body,
    );
    assert_eq!(r.header("signature"), Some(expected.encode().as_str()));
}

#[tokio::test]
async fn live_client_ids_use_the_live_path() {
    let gateway = gateway_key();
    let server = RawServer::start(move |r| {
        Reply::signed(&gateway, "LIVE_CLIENT", &r.path, &vaulted_body("live-1"))
    })
    .await;
    let client = Client::builder()
        .client_id("LIVE_CLIENT")
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url(server.base_url())
        .build()
        .unwrap();
    let outcome = client
        .vault_payment_method(&request("live-1"))
        .await
        .unwrap();
    assert!(matches!(outcome, VaultOutcome::Vaulted(_)));
    assert_eq!(
        server.received()[0].path,
        "/ams/api/v1/vaults/vaultPaymentMethod"
    );
}

async fn rejection(script: impl Fn(&support::Received) -> Reply + Send + Sync + 'static) -> Error {
    let server = RawServer::start(script).await;
    client(&server.base_url())
        .vault_payment_method(&request("tamper-1"))
        .await
        .expect_err("the response must be refused")
}

#[tokio::test]
async fn a_tampered_body_is_rejected() {
    let gateway = gateway_key();
    let err = rejection(move |r| {
        let mut reply = Reply::signed(&gateway, CLIENT_ID, &r.path, &vaulted_body("tamper-1"));
        if let Reply::Http { body, .. } = &mut reply {
            let text = String::from_utf8(body.clone()).unwrap();
            *body = text.replace("ALIPAYtok", "ATTACKERtok").into_bytes();
        }
        reply
    })
    .await;
    assert!(
        matches!(err, Error::ResponseRejected(ResponseRejected::BadSignature)),
        "{err:?}"
    );
    assert!(err.should_inquire());
}

/// The raw client has no typed verdict to read, and still never parses a refused response:
/// the hook turns it into an error, with no made-up HTTP status.
#[tokio::test]
async fn the_raw_client_fails_closed_on_a_refused_response() {
    let gateway = gateway_key();
    let server = RawServer::start(move |r| {
        let mut reply = Reply::signed(&gateway, CLIENT_ID, &r.path, &vaulted_body("raw-1"));
        if let Reply::Http { body, .. } = &mut reply {
            let text = String::from_utf8(body.clone()).unwrap();
            *body = text.replace("ALIPAYtok", "ATTACKERtok").into_bytes();
        }
        reply
    })
    .await;
    let sent = client(&server.base_url())
        .raw()
        .vault_payment_method()
        .body(request("raw-1"))
        .send()
        .await;
    let Err(error) = sent else {
        panic!("a refused response must not parse");
    };
    assert_eq!(error.status(), None, "{error:?}");
    let text = error.to_string();
    assert!(text.contains("response rejected"), "{text}");
    assert!(text.contains("signature"), "{text}");
    assert!(!text.contains("ATTACKERtok"), "{text}");
}

#[tokio::test]
async fn a_tampered_header_is_rejected() {
    let gateway = gateway_key();
    let err = rejection(move |r| {
        let mut reply = Reply::signed(&gateway, CLIENT_ID, &r.path, &vaulted_body("tamper-1"));
        if let Reply::Http { headers, .. } = &mut reply {
            for (k, v) in headers.iter_mut() {
                if k == "response-time" {
                    *v = "2026-11-22T10:00:01+00:00".into();
                }
            }
        }
        reply
    })
    .await;
    assert!(
        matches!(err, Error::ResponseRejected(ResponseRejected::BadSignature)),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_response_signed_with_another_key_is_rejected() {
    // The most common misconfiguration: the merchant's key where Alipay's belongs.
    let merchant = merchant_key();
    let err =
        rejection(move |r| Reply::signed(&merchant, CLIENT_ID, &r.path, &vaulted_body("tamper-1")))
            .await;
    assert!(
        matches!(err, Error::ResponseRejected(ResponseRejected::BadSignature)),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_unsigned_success_is_rejected_and_an_unsigned_failure_is_not_final() {
    let err = rejection(|_| Reply::unsigned(&vaulted_body("tamper-1"))).await;
    assert!(
        matches!(
            err,
            Error::ResponseRejected(ResponseRejected::MissingSignature)
        ),
        "{err:?}"
    );

    let server = RawServer::start(|_| {
        Reply::unsigned(
            r#"{"result":{"resultCode":"PROCESS_FAIL","resultStatus":"F","resultMessage":"fail"},"vaultingRequestId":"tamper-1"}"#,
        )
    })
    .await;
    let outcome = client(&server.base_url())
        .vault_payment_method(&request("tamper-1"))
        .await
        .unwrap();
    // Read, but never trusted as final: whoever strips a signature could have written the body.
    match &outcome {
        VaultOutcome::Unknown(unknown) => {
            assert_eq!(unknown.reason, UnknownReason::Unsigned);
            assert_eq!(unknown.code, types::ResultCode::ProcessFail);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_response_for_another_request_id_is_rejected() {
    let gateway = gateway_key();
    let err = rejection(move |r| {
        Reply::signed(&gateway, CLIENT_ID, &r.path, &vaulted_body("someone-else"))
    })
    .await;
    assert!(
        matches!(
            err,
            Error::ResponseRejected(ResponseRejected::RequestIdMismatch)
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_invalid_request_is_refused_before_any_io() {
    let server = RawServer::start(|_| Reply::Close).await;
    let mut bad = request("bad-1");
    bad.payment_method_detail.card.expiry_month = "13".into();
    let err = client(&server.base_url())
        .vault_payment_method(&bad)
        .await
        .unwrap_err();
    match &err {
        Error::NotSent(NotSent::InvalidRequest(e)) => {
            assert_eq!(e.field(), "paymentMethodDetail.card.expiryMonth")
        }
        other => panic!("{other:?}"),
    }
    assert!(!err.should_inquire());
    assert!(server.received().is_empty(), "nothing may reach the server");
}
