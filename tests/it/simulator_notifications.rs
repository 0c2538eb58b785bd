//! notifyVaulting: signed, verifiable, resent on the schedule until acknowledged.
#![cfg(feature = "simulator")]

use crate::support::{self, simulator as util};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use alipay_vaulting::notification::ACKNOWLEDGEMENT;
use alipay_vaulting::outcome::VaultOutcome;
use alipay_vaulting::types::{self, ResultCode, ResultStatus, VaultingStatus};
use support::{RawServer, Reply};
use util::{eventually, request_to, sim, sim_with};

fn reply(status: u16, body: &str) -> Reply {
    Reply::Http {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.as_bytes().to_vec(),
    }
}

/// A receiver that answers 500, then 200 with the wrong body, then the acknowledgement.
async fn flaky_receiver() -> RawServer {
    let calls = Arc::new(AtomicUsize::new(0));
    RawServer::start(move |_| match calls.fetch_add(1, Ordering::SeqCst) {
        0 => reply(500, "oops"),
        1 => reply(
            200,
            r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#,
        ),
        _ => reply(200, ACKNOWLEDGEMENT),
    })
    .await
}

fn acknowledging_receiver() -> impl std::future::Future<Output = RawServer> {
    RawServer::start(|_| reply(200, ACKNOWLEDGEMENT))
}

#[tokio::test]
async fn resends_until_acknowledged_and_every_delivery_verifies() {
    let receiver = flaky_receiver().await;
    let sim = sim().await;
    let url = format!("{}/notify/vaulting?shop=7", receiver.base_url());
    let outcome = sim
        .client()
        .vault_payment_method(&request_to("note-1", "4111111111111111", &url))
        .await
        .unwrap();
    let VaultOutcome::Vaulted(card) = outcome else {
        panic!("{outcome:?}");
    };

    assert!(
        eventually(Duration::from_secs(5), || sim
            .notifications()
            .iter()
            .any(|a| a.acknowledged))
        .await,
        "{:?}",
        sim.notifications()
    );
    // Nothing more after the acknowledgement (the next resend would be 10 min * 0.0001 = 60 ms).
    tokio::time::sleep(Duration::from_millis(150)).await;
    let attempts = sim.notifications();
    assert_eq!(attempts.len(), 3, "{attempts:?}");
    assert_eq!(
        attempts.iter().map(|a| a.attempt).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(
        attempts.iter().map(|a| a.status).collect::<Vec<_>>(),
        [Some(500), Some(200), Some(200)]
    );
    assert_eq!(
        attempts.iter().map(|a| a.acknowledged).collect::<Vec<_>>(),
        [false, false, true]
    );
    assert!(attempts
        .iter()
        .all(|a| a.url == url && a.vaulting_request_id == "note-1"));

    let received = receiver.received();
    assert_eq!(received.len(), 3);
    let verifier = sim.notification_verifier();
    for delivery in &received {
        assert_eq!(delivery.method, "POST");
        assert_eq!(delivery.path, "/notify/vaulting?shop=7");
        let notification: types::NotifyVaultingRequest = verifier
            .verify("POST", &delivery.path, &delivery.headers, &delivery.body)
            .expect("the notification verifies");
        assert_eq!(notification.vaulting_request_id, "note-1");
        assert_eq!(
            notification.notify_type,
            Some("VAULTING_RESULT".to_string())
        );
        assert_eq!(notification.result.result_status, ResultStatus::S);
        assert_eq!(notification.result.result_code, ResultCode::Success);
        assert_eq!(
            notification.vaulting_status,
            Some(VaultingStatus::Success.into())
        );
        assert_eq!(notification.metadata.as_deref(), Some(r#"{"order":"42"}"#));
        let create_time = notification.vaulting_create_time.unwrap();
        assert!(create_time.ends_with("+00:00") && create_time.contains('T'));
        let token = notification
            .payment_method_detail
            .and_then(|d| d.card)
            .and_then(|c| c.card_token);
        assert_eq!(token.as_ref().map(|t| t.expose()), Some(card.card_token()));
        assert!(!String::from_utf8_lossy(&delivery.body).contains("4111111111111111"));
    }
    // Resends are the same signed message.
    assert_eq!(received[0].body, received[2].body);
    assert_eq!(
        received[0].header("signature"),
        received[2].header("signature")
    );
}

#[tokio::test]
async fn a_failure_is_notified_as_f() {
    let receiver = acknowledging_receiver().await;
    let sim = sim().await;
    let url = format!("{}/notify", receiver.base_url());
    sim.client()
        .vault_payment_method(&request_to("note-2", "4000000000000002", &url))
        .await
        .unwrap();
    assert!(eventually(Duration::from_secs(5), || !receiver.received().is_empty()).await);
    let delivery = &receiver.received()[0];
    let notification = sim
        .notification_verifier()
        .verify("POST", &delivery.path, &delivery.headers, &delivery.body)
        .unwrap();
    assert_eq!(notification.result.result_status, ResultStatus::F);
    assert_eq!(
        notification.result.result_code,
        ResultCode::VerificationFail
    );
    assert_eq!(
        notification.vaulting_status,
        Some(VaultingStatus::Fail.into())
    );
    assert!(notification.payment_method_detail.is_none());
}

#[tokio::test]
async fn three_ds_is_notified_after_the_decision_only() {
    let receiver = acknowledging_receiver().await;
    let sim = sim().await;
    let url = format!("{}/notify", receiver.base_url());
    sim.client()
        .vault_payment_method(&request_to("note-3", "4000000000003220", &url))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(receiver.received().is_empty());
    sim.complete_verification("note-3", true).await.unwrap();
    assert!(eventually(Duration::from_secs(5), || !receiver.received().is_empty()).await);
    let delivery = &receiver.received()[0];
    let notification = sim
        .notification_verifier()
        .verify("POST", &delivery.path, &delivery.headers, &delivery.body)
        .unwrap();
    assert_eq!(notification.result.result_status, ResultStatus::S);
    assert_eq!(
        notification
            .payment_method_detail
            .and_then(|d| d.card)
            .and_then(|c| c.card_token)
            .map(|t| t.expose().to_string()),
        sim.vaulting("note-3")
            .unwrap()
            .card_token
            .map(|t| t.expose().to_string())
    );
}

#[tokio::test]
async fn the_unknown_exception_card_is_notified_as_vaulted() {
    let receiver = acknowledging_receiver().await;
    let sim = sim().await;
    let url = format!("{}/notify", receiver.base_url());
    sim.client()
        .vault_payment_method(&request_to("note-4", "4000000000000127", &url))
        .await
        .unwrap();
    assert!(eventually(Duration::from_secs(5), || sim.notifications().len() == 1).await);
    assert!(sim.notifications()[0].acknowledged);
}

#[tokio::test]
async fn a_relative_url_is_one_undeliverable_attempt() {
    let sim = sim().await;
    sim.client()
        .vault_payment_method(&request_to(
            "note-5",
            "4111111111111111",
            "/notify/vaulting",
        ))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let attempts = sim.notifications();
    assert_eq!(attempts.len(), 1, "{attempts:?}");
    assert_eq!(attempts[0].attempt, 1);
    assert_eq!(attempts[0].status, None);
    assert!(!attempts[0].acknowledged);
}

#[tokio::test]
async fn an_unreachable_receiver_gets_eight_attempts() {
    // A port that refuses connections.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/notify", closed.local_addr().unwrap());
    drop(closed);
    // The whole schedule (about 24.5 h) in about 0.9 s.
    let sim = sim_with(|c| c.time_factor(0.00001)).await;
    sim.client()
        .vault_payment_method(&request_to("note-6", "4111111111111111", &url))
        .await
        .unwrap();
    assert!(eventually(Duration::from_secs(10), || sim.notifications().len() == 8).await);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let attempts = sim.notifications();
    assert_eq!(attempts.len(), 8);
    assert!(attempts
        .iter()
        .all(|a| a.status.is_none() && !a.acknowledged));
    assert_eq!(attempts.last().unwrap().attempt, 8);
}

#[tokio::test]
async fn shutdown_stops_the_resends() {
    let receiver = RawServer::start(|_| reply(500, "no")).await;
    // 2 min * 0.005 = 600 ms before the second attempt.
    let sim = sim_with(|c| c.time_factor(0.005)).await;
    let url = format!("{}/notify", receiver.base_url());
    sim.client()
        .vault_payment_method(&request_to("note-7", "4111111111111111", &url))
        .await
        .unwrap();
    assert!(eventually(Duration::from_secs(5), || receiver.received().len() == 1).await);
    drop(sim);
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(receiver.received().len(), 1);
}
