//! `resolve` and the retry rules on a live connection: an unknown vaulting is resolved by
//! inquiring with the same id; a vault call is never resent once it may have been processed.

use crate::support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_vaulting::error::{Error, NotSent, OutcomeUnknown};
use alipay_vaulting::outcome::{InquiryOutcome, VaultOutcome};
use alipay_vaulting::retry::RetryPolicy;
use alipay_vaulting::{types, Client};
use support::*;

fn client(base_url: &str) -> Client {
    Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url(base_url)
        .timeout(Duration::from_millis(500))
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(40),
        })
        .build()
        .unwrap()
}

const PROCESSING: &str = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"vaultingRequestId":"r-1","vaultingStatus":"PROCESSING","normalUrl":"https://3ds.example/r-1"}"#;
const SUCCEEDED: &str = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"vaultingRequestId":"r-1","vaultingStatus":"SUCCESS","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"cardToken":"tok-1","brand":"VISA"}}}"#;
const UNKNOWN: &str =
    r#"{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U"},"vaultingRequestId":"r-1"}"#;

#[tokio::test]
async fn resolve_inquires_with_the_same_id_until_final() {
    let gateway = gateway_key();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let server = RawServer::start(move |r| {
        let body = match seen.fetch_add(1, Ordering::SeqCst) {
            0 => UNKNOWN,
            1 | 2 => PROCESSING,
            _ => SUCCEEDED,
        };
        Reply::signed(&gateway, CLIENT_ID, &r.path, body)
    })
    .await;
    let outcome = client(&server.base_url())
        .resolve("r-1", Duration::from_secs(10))
        .await
        .unwrap();
    match outcome {
        InquiryOutcome::Succeeded(card) => assert_eq!(card.card_token(), "tok-1"),
        other => panic!("{other:?}"),
    }
    let received = server.received();
    assert_eq!(received.len(), 4);
    for r in &received {
        assert_eq!(r.path, "/ams/sandbox/api/v1/vaults/inquireVaulting");
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body, serde_json::json!({"vaultingRequestId": "r-1"}));
    }
}

#[tokio::test]
async fn resolve_returns_the_last_answer_at_the_deadline() {
    let gateway = gateway_key();
    let server =
        RawServer::start(move |r| Reply::signed(&gateway, CLIENT_ID, &r.path, PROCESSING)).await;
    let started = Instant::now();
    let outcome = client(&server.base_url())
        .resolve("r-1", Duration::from_millis(300))
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    match outcome {
        InquiryOutcome::Processing(p) => {
            assert_eq!(
                p.urls.as_ref().map(|u| u.first().to_string()),
                Some("https://3ds.example/r-1".to_string())
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(!server.received().is_empty());
}

fn vault_request() -> types::VaultPaymentMethodRequest {
    serde_json::from_value(serde_json::json!({
        "vaultingRequestId": "r-1",
        "vaultingNotificationUrl": "https://merchant.example/n",
        "redirectUrl": "https://merchant.example/r",
        "paymentMethodDetail": {"paymentMethodType": "CARD", "card": {
            "cardNo": "4111111111111111", "expiryYear": "30", "expiryMonth": "12"}},
        "env": {"terminalType": "WEB"}
    }))
    .unwrap()
}

#[tokio::test]
async fn a_vault_that_may_have_been_processed_is_not_resent() {
    let server = RawServer::start(|_| Reply::Stall).await;
    let started = Instant::now();
    let err = client(&server.base_url())
        .vault_payment_method(&vault_request())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
        "{err:?}"
    );
    assert!(err.should_inquire() && err.is_safe_to_retry_with_same_id());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "bounded by the timeout"
    );
    assert_eq!(server.received().len(), 1, "one attempt only");

    let server = RawServer::start(|_| Reply::Http {
        status: 503,
        headers: vec![],
        body: b"busy".to_vec(),
    })
    .await;
    let err = client(&server.base_url())
        .vault_payment_method(&vault_request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::OutcomeUnknown(OutcomeUnknown::ServerError { status: 503 })
        ),
        "{err:?}"
    );
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_u_vault_result_is_unknown_not_failed() {
    let gateway = gateway_key();
    let server =
        RawServer::start(move |r| Reply::signed(&gateway, CLIENT_ID, &r.path, UNKNOWN)).await;
    let outcome = client(&server.base_url())
        .vault_payment_method(&vault_request())
        .await
        .unwrap();
    assert!(matches!(outcome, VaultOutcome::Unknown(_)), "{outcome:?}");
    assert!(!outcome.is_final());
    assert_eq!(server.received().len(), 1, "a U vault is not resent");
}

#[tokio::test]
async fn a_u_inquiry_is_retried_with_the_same_id() {
    let gateway = gateway_key();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let server = RawServer::start(move |r| {
        let body = if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            UNKNOWN
        } else {
            SUCCEEDED
        };
        Reply::signed(&gateway, CLIENT_ID, &r.path, body)
    })
    .await;
    let outcome = client(&server.base_url())
        .inquire_vaulting("r-1")
        .await
        .unwrap();
    assert!(
        matches!(outcome, InquiryOutcome::Succeeded(_)),
        "{outcome:?}"
    );
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_not_sent_and_is_retried() {
    // Bind then drop a listener: the port refuses connections.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let err = client(&format!("http://127.0.0.1:{port}"))
        .vault_payment_method(&vault_request())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotSent(NotSent::Connect(_))),
        "{err:?}"
    );
    assert!(!err.should_inquire() && err.is_safe_to_retry_with_same_id());
    // Three attempts with 10-40 ms backoff.
    assert!(started.elapsed() >= Duration::from_millis(20));
}

const NOT_FOUND: &str = r#"{"result":{"resultCode":"VAULTING_NOT_EXIST","resultStatus":"F","resultMessage":"not exist"}}"#;

async fn resolve_with(answers: &'static [&'static str]) -> (InquiryOutcome, usize) {
    let gateway = gateway_key();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let server = RawServer::start(move |r| {
        let n = seen.fetch_add(1, Ordering::SeqCst);
        let body = answers[n.min(answers.len() - 1)];
        Reply::signed(&gateway, CLIENT_ID, &r.path, body)
    })
    .await;
    let outcome = client(&server.base_url())
        .resolve("r-1", Duration::from_secs(10))
        .await
        .unwrap();
    (outcome, server.received().len())
}

#[tokio::test]
async fn not_found_counts_only_when_confirmed() {
    // A vaulting that lands just after the first inquiry is found, not given up on.
    let (outcome, calls) = resolve_with(&[NOT_FOUND, SUCCEEDED]).await;
    assert!(
        matches!(outcome, InquiryOutcome::Succeeded(_)),
        "{outcome:?}"
    );
    assert_eq!(calls, 2);
    // Two answers in a row: the id really is unknown to the gateway.
    let (outcome, calls) = resolve_with(&[NOT_FOUND, NOT_FOUND, SUCCEEDED]).await;
    assert!(matches!(outcome, InquiryOutcome::NotFound), "{outcome:?}");
    assert_eq!(calls, 2);
}
