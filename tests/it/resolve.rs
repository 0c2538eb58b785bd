//! `resolve` and the retry rules on a live connection: an unknown vaulting is resolved by
//! inquiring with the same id; a vault call is never resent once it may have been processed.

use crate::support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_vaulting::error::{Error, NotSent, OutcomeUnknown};
use alipay_vaulting::outcome::{InquiryOutcome, NextStep, UnknownReason, VaultOutcome};
use alipay_vaulting::retry::RetryPolicy;
use alipay_vaulting::{types, Client, ResolveOptions};
use support::*;

fn client(base_url: &str) -> Client {
    Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url(base_url)
        .timeout(Duration::from_millis(500))
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(10))
                .with_max_delay(Duration::from_millis(40)),
        )
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

/// Resolves "r-1" against a gateway that answers `answers` in turn (the last one forever).
async fn resolve_with(
    answers: &'static [&'static str],
    options: ResolveOptions,
) -> (Result<InquiryOutcome, Error>, usize, Duration) {
    let gateway = gateway_key();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let server = RawServer::start(move |r| {
        let n = seen.fetch_add(1, Ordering::SeqCst);
        let body = answers[n.min(answers.len() - 1)];
        Reply::signed(&gateway, CLIENT_ID, &r.path, body)
    })
    .await;
    let started = Instant::now();
    let outcome = client(&server.base_url()).resolve_with(&options).await;
    (outcome, server.received().len(), started.elapsed())
}

fn options() -> ResolveOptions {
    ResolveOptions::new("r-1")
        .deadline(Duration::from_secs(10))
        .not_found_window(Duration::from_millis(800))
}

#[tokio::test]
async fn not_found_counts_only_after_the_confirmation_window() {
    // A vaulting that lands after "not found" answers shorter than the window is found.
    for answers in [
        &[NOT_FOUND, SUCCEEDED][..],
        &[NOT_FOUND, NOT_FOUND, SUCCEEDED][..],
    ] {
        let (outcome, calls, _) = resolve_with(answers, options()).await;
        assert!(
            matches!(outcome, Ok(InquiryOutcome::Succeeded(_))),
            "{outcome:?}"
        );
        assert_eq!(calls, answers.len());
    }
    // A gateway that never knows the id: "not found", but only once the window has passed.
    let (outcome, calls, took) = resolve_with(&[NOT_FOUND], options()).await;
    assert!(
        matches!(&outcome, Ok(InquiryOutcome::NotFound(nf)) if nf.is_confirmed()),
        "{outcome:?}"
    );
    assert!(took >= Duration::from_millis(800), "{took:?}");
    assert!(calls >= 3, "{calls}");
    // Any other answer in between starts the window again.
    let (outcome, _, took) =
        resolve_with(&[NOT_FOUND, NOT_FOUND, UNKNOWN, NOT_FOUND], options()).await;
    assert!(
        matches!(&outcome, Ok(InquiryOutcome::NotFound(nf)) if nf.is_confirmed()),
        "{outcome:?}"
    );
    assert!(took >= Duration::from_millis(800), "{took:?}");
}

#[tokio::test]
async fn the_window_is_never_shorter_than_the_attempt_timeout() {
    // The client's attempt timeout is 500 ms: a 10 ms window still waits that long.
    let short = options().not_found_window(Duration::from_millis(10));
    let (outcome, _, took) = resolve_with(&[NOT_FOUND], short).await;
    assert!(
        matches!(&outcome, Ok(InquiryOutcome::NotFound(nf)) if nf.is_confirmed()),
        "{outcome:?}"
    );
    assert!(took >= Duration::from_millis(500), "{took:?}");
}

#[tokio::test]
async fn an_unconfirmed_not_found_at_the_deadline_is_not_final() {
    let short = options().deadline(Duration::from_millis(400));
    let (outcome, _, took) = resolve_with(&[NOT_FOUND], short).await;
    let Ok(InquiryOutcome::Unknown(unknown)) = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(unknown.reason, UnknownReason::NotFoundUnconfirmed);
    assert_eq!(unknown.next_step, NextStep::InquireWithSameRequestId);
    assert!(!outcome.as_ref().unwrap().is_final());
    assert!(took < Duration::from_millis(900), "{took:?}");
}

#[tokio::test]
async fn an_answer_that_needs_a_person_ends_resolve_at_once() {
    const REFUSED: &str = r#"{"result":{"resultCode":"INVALID_SIGNATURE","resultStatus":"F","resultMessage":"bad signature"}}"#;
    const ILLEGAL: &str =
        r#"{"result":{"resultCode":"PARAM_ILLEGAL","resultStatus":"F","resultMessage":"bad"}}"#;
    for (answer, step) in [
        (REFUSED, NextStep::CheckConfiguration),
        (ILLEGAL, NextStep::FixRequest),
    ] {
        let answers: &'static [&'static str] = Box::leak(Box::new([answer]));
        let (outcome, calls, took) = resolve_with(answers, options()).await;
        let outcome = outcome.unwrap();
        assert_eq!(outcome.next_step(), step, "{outcome:?}");
        assert_eq!(calls, 1);
        assert!(took < Duration::from_millis(500), "{took:?}");
    }
}

#[tokio::test]
async fn the_deadline_bounds_inquiries_in_flight() {
    // A gateway that accepts the inquiry and never answers; the attempt timeout (15 s by
    // default) is far beyond the deadline.
    let server = RawServer::start(|_| Reply::Stall).await;
    let client = Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url(server.base_url())
        .build()
        .unwrap();
    let started = Instant::now();
    let outcome = client.resolve("r-1", Duration::from_secs(2)).await;
    let took = started.elapsed();
    assert!(took < Duration::from_millis(2500), "{took:?}");
    assert!(took >= Duration::from_secs(2), "{took:?}");
    assert!(
        matches!(outcome, Err(Error::OutcomeUnknown(OutcomeUnknown::Timeout))),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn resolve_sends_the_merchant_account_id() {
    let gateway = gateway_key();
    let server =
        RawServer::start(move |r| Reply::signed(&gateway, CLIENT_ID, &r.path, SUCCEEDED)).await;
    let options = ResolveOptions::new("r-1").merchant_account_id("M-7");
    let outcome = client(&server.base_url()).resolve_with(&options).await;
    assert!(
        matches!(outcome, Ok(InquiryOutcome::Succeeded(_))),
        "{outcome:?}"
    );
    let body: serde_json::Value = serde_json::from_slice(&server.received()[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"vaultingRequestId": "r-1", "merchantAccountId": "M-7"})
    );
}
