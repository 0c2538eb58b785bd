//! The axum extractor logs why it refused a notification (WARN, the typed reason and the
//! status), and nothing of the body, the token or the signature. Here because it reads the
//! binary's global subscriber (see main.rs).
#![cfg(feature = "axum")]

use alipay_vaulting::axum::{Acknowledgement, VerifiedNotification};
use alipay_vaulting::notification::{sign_notification, NotificationVerifier};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::post;
use tower::ServiceExt;

use crate::support::{self, CLIENT_ID};

const TOKEN: &str = "ALIPAYwebhookLOGTOKEN0123456789abcdef";

#[tokio::test]
async fn a_refusal_is_logged_with_its_reason_and_nothing_of_the_body() {
    let (_turn, capture) = crate::trace_capture().await;

    let body = serde_json::to_vec(&serde_json::json!({
        "result": { "resultStatus": "S", "resultCode": "SUCCESS" },
        "vaultingRequestId": "webhook-logged-1",
        "paymentMethodDetail": { "card": { "cardToken": TOKEN } }
    }))
    .unwrap();
    // Signed with the merchant's key, not the gateway's: refused.
    let forged = sign_notification(
        &support::merchant_key(),
        CLIENT_ID,
        "/notify/vaulting",
        "1700000000000",
        &body,
    );
    let verifier =
        NotificationVerifier::new(support::gateway_public()).expected_client_id(CLIENT_ID);
    let app = axum::Router::new()
        .route(
            "/notify/vaulting",
            post(|_: VerifiedNotification| async { Acknowledgement }),
        )
        .with_state(verifier);
    let mut request = Request::post("/notify/vaulting");
    for (name, value) in forged.headers() {
        request = request.header(name, value);
    }
    let response = app
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("WARN"), "{log}");
    assert!(log.contains("notifyVaulting refused"), "{log}");
    assert!(log.contains("status=401"), "{log}");
    assert!(log.contains("the signature does not match"), "{log}");
    assert!(!log.contains(TOKEN), "{log}");
    assert!(!log.contains(forged.signature_header()), "{log}");
}
