//! The axum extractor, driven with `tower::ServiceExt::oneshot`: a notification signed as the
//! gateway signs it reaches the handler and gets exactly the acknowledgement; every forgery,
//! a wrong path, missing headers, an oversized or malformed body gets its status, no
//! acknowledgement, and never reaches the handler.
#![cfg(feature = "axum")]

use std::sync::{Arc, Mutex};

use alipay_vaulting::axum::{Acknowledgement, NotificationRejection, VerifiedNotification};
use alipay_vaulting::keys::PrivateKey;
use alipay_vaulting::notification::{
    sign_notification, NotificationError, NotificationOutcome, NotificationVerifier,
    SignedNotification, ACKNOWLEDGEMENT,
};
use axum::body::{Body, Bytes};
use axum::extract::FromRef;
use axum::http::{header, Request, StatusCode};
use axum::routing::post;
use axum::Router;
use tower::ServiceExt;

use crate::support::{self, CLIENT_ID};

const PATH: &str = "/notify/vaulting";
const TIME: &str = "2026-12-02T09:15:00+08:00";
const TOKEN: &str = "ALIPAYwebhookTOKEN0123456789abcdef";
const LIMIT: usize = 2048;

fn notification_body(id: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "notifyType": "VAULTING_RESULT",
        "result": { "resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success" },
        "vaultingRequestId": id,
        "paymentMethodDetail": {
            "paymentMethodType": "CARD",
            "card": { "cardToken": TOKEN, "maskedCardNo": "************1111", "brand": "VISA" }
        }
    }))
    .unwrap()
}

fn signed(key: &PrivateKey, client_id: &str, path: &str, body: &[u8]) -> SignedNotification {
    sign_notification(key, client_id, path, TIME, body)
}

fn verifier() -> NotificationVerifier {
    NotificationVerifier::new(support::gateway_public())
        .expected_client_id(CLIENT_ID)
        .max_body_bytes(LIMIT)
}

/// The notifications that reached the handler.
type Seen = Arc<Mutex<Vec<VerifiedNotification>>>;

/// A router whose handler records what reached it and acknowledges.
fn router(verifier: NotificationVerifier) -> (Router, Seen) {
    let seen = Seen::default();
    let sink = seen.clone();
    let router = Router::new()
        .route(
            PATH,
            post(move |notification: VerifiedNotification| {
                let sink = sink.clone();
                async move {
                    sink.lock().unwrap().push(notification);
                    Acknowledgement
                }
            }),
        )
        .with_state(verifier);
    (router, seen)
}

/// A POST as an HTTP client sends it: the signed headers, and the body's length.
fn post_to(uri: &str, notification: &SignedNotification, body: Vec<u8>) -> Request<Body> {
    let mut request = Request::post(uri).header(header::CONTENT_LENGTH, body.len());
    for (name, value) in notification.headers() {
        request = request.header(name, value);
    }
    request.body(Body::from(body)).unwrap()
}

struct Answer {
    status: StatusCode,
    content_type: Option<String>,
    body: String,
}

async fn send(router: Router, request: Request<Body>) -> Answer {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    Answer {
        status,
        content_type,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

#[tokio::test]
async fn a_signed_notification_reaches_the_handler_and_gets_the_exact_acknowledgement() {
    let (router, seen) = router(verifier());
    let body = notification_body("webhook-ok-1");
    let notification = signed(&support::gateway_key(), CLIENT_ID, PATH, &body);
    let answer = send(router, post_to(PATH, &notification, body)).await;

    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type.as_deref(), Some("application/json"));
    assert_eq!(answer.body, ACKNOWLEDGEMENT);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].notification.vaulting_request_id, "webhook-ok-1");
    match &seen[0].outcome {
        NotificationOutcome::Vaulted(card) => assert_eq!(card.card_token(), TOKEN),
        other => panic!("{other:?}"),
    }
    let debug = format!("{:?}", seen[0]);
    assert!(!debug.contains(TOKEN), "{debug}");
}

/// Each forged or broken request: its expected status and typed error.
#[tokio::test]
async fn every_forgery_gets_its_status_and_never_reaches_the_handler() {
    let gateway = support::gateway_key();
    let body = notification_body("webhook-forged-1");
    let good = signed(&gateway, CLIENT_ID, PATH, &body);

    let mut tampered = body.clone();
    let at = tampered.len() - 5;
    tampered[at] ^= 0x01;
    let wrong_key = signed(&support::merchant_key(), CLIENT_ID, PATH, &body);
    let other_client = signed(&gateway, "SANDBOX_SOMEONE_ELSE", PATH, &body);
    let other_path = signed(&gateway, CLIENT_ID, "/notify/other", &body);
    let not_json = b"{\"vaultingRequestId\": not json".to_vec();
    let malformed = signed(&gateway, CLIENT_ID, PATH, &not_json);
    let oversized: Vec<u8> = [body.as_slice(), &vec![b' '; LIMIT]].concat();
    let big = signed(&gateway, CLIENT_ID, PATH, &oversized);

    type Case = (&'static str, Request<Body>, StatusCode, NotificationError);
    let without = |name: &str| {
        let mut request = Request::post(PATH).header(header::CONTENT_LENGTH, body.len());
        for (header, value) in good.headers() {
            if header != name {
                request = request.header(header, value);
            }
        }
        request.body(Body::from(body.clone())).unwrap()
    };
    let cases: Vec<Case> = vec![
        (
            "tampered body",
            post_to(PATH, &good, tampered),
            StatusCode::UNAUTHORIZED,
            NotificationError::BadSignature,
        ),
        (
            "wrong key",
            post_to(PATH, &wrong_key, body.clone()),
            StatusCode::UNAUTHORIZED,
            NotificationError::BadSignature,
        ),
        (
            "another client id",
            post_to(PATH, &other_client, body.clone()),
            StatusCode::UNAUTHORIZED,
            NotificationError::ClientIdMismatch,
        ),
        (
            "signed for another path",
            post_to(PATH, &other_path, body.clone()),
            StatusCode::UNAUTHORIZED,
            NotificationError::BadSignature,
        ),
        (
            "no client-id",
            without("client-id"),
            StatusCode::UNAUTHORIZED,
            NotificationError::MissingHeader { name: "client-id" },
        ),
        (
            "no request-time",
            without("request-time"),
            StatusCode::UNAUTHORIZED,
            NotificationError::MissingHeader {
                name: "request-time",
            },
        ),
        (
            "no signature",
            without("signature"),
            StatusCode::UNAUTHORIZED,
            NotificationError::MissingHeader { name: "signature" },
        ),
        (
            "signed, but not a notification",
            post_to(PATH, &malformed, not_json.clone()),
            StatusCode::BAD_REQUEST,
            NotificationError::MalformedBody {
                reason: "syntax error at line 1 column 24".into(),
            },
        ),
        (
            "oversized, with content-length",
            post_to(PATH, &big, oversized.clone()),
            StatusCode::PAYLOAD_TOO_LARGE,
            NotificationError::BodyTooLarge {
                len: oversized.len(),
                limit: LIMIT,
            },
        ),
    ];

    for (what, request, status, error) in cases {
        let (router, seen) = router(verifier());
        let answer = send(router, request).await;
        assert_eq!(answer.status, status, "{what}: {}", answer.body);
        assert_ne!(answer.body, ACKNOWLEDGEMENT, "{what}");
        assert_eq!(
            answer.body,
            NotificationRejection::Rejected(error).to_string(),
            "{what}"
        );
        assert!(!answer.body.contains(TOKEN), "{what}");
        assert!(seen.lock().unwrap().is_empty(), "{what}: the handler ran");
    }
}

#[tokio::test]
async fn an_oversized_streamed_body_is_refused_without_reading_it_all() {
    let gateway = support::gateway_key();
    let body = notification_body("webhook-stream-1");
    let notification = signed(&gateway, CLIENT_ID, PATH, &body);
    // No content-length: chunks of 1 KiB, far more of them than the limit allows.
    let chunks = (0..64).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b' '; 1024])));
    let mut request = Request::post(PATH);
    for (name, value) in notification.headers() {
        request = request.header(name, value);
    }
    let request = request
        .body(Body::from_stream(futures_stream(chunks)))
        .unwrap();
    let (router, seen) = router(verifier());
    let answer = send(router, request).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        answer.body,
        NotificationRejection::Rejected(NotificationError::BodyTooLarge {
            len: 3 * 1024,
            limit: LIMIT
        })
        .to_string(),
        "it stops at the first chunk past the limit"
    );
    assert!(seen.lock().unwrap().is_empty());
}

/// A `Stream` over an iterator.
fn futures_stream<I: Iterator + Unpin>(items: I) -> IterStream<I> {
    IterStream(items)
}

struct IterStream<I>(I);

impl<I: Iterator + Unpin> futures_core::Stream for IterStream<I> {
    type Item = I::Item;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

#[tokio::test]
async fn the_path_is_the_one_the_request_arrived_on_or_the_configured_public_one() {
    let gateway = support::gateway_key();

    // Nested under /hooks: the gateway signed the full path.
    let body = notification_body("webhook-nested-1");
    let notification = signed(&gateway, CLIENT_ID, "/hooks/notify/vaulting", &body);
    let (inner, seen) = router(verifier());
    let app = Router::new().nest("/hooks", inner);
    let answer = send(app, post_to("/hooks/notify/vaulting", &notification, body)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(seen.lock().unwrap().len(), 1);

    // Behind a proxy that rewrote /notify/vaulting to /internal/alipay.
    let body = notification_body("webhook-proxied-1");
    let notification = signed(&gateway, CLIENT_ID, PATH, &body);
    let seen = Seen::default();
    let sink = seen.clone();
    let app = Router::new()
        .route(
            "/internal/alipay",
            post(move |n: VerifiedNotification| {
                let sink = sink.clone();
                async move {
                    sink.lock().unwrap().push(n);
                    Acknowledgement
                }
            }),
        )
        .with_state(verifier().public_path(PATH));
    let answer = send(
        app.clone(),
        post_to("/internal/alipay", &notification, body.clone()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(seen.lock().unwrap().len(), 1);

    // Without the public path, the rewritten path does not verify.
    let (plain, seen) = router(verifier());
    let plain = Router::new().nest("/internal", plain);
    let answer = send(
        plain,
        post_to("/internal/notify/vaulting", &notification, body),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(seen.lock().unwrap().is_empty());
}

/// An application state the verifier is taken from (`NotificationVerifier: FromRef<AppState>`).
#[derive(Clone)]
struct AppState {
    verifier: NotificationVerifier,
    name: &'static str,
}

impl FromRef<AppState> for NotificationVerifier {
    fn from_ref(state: &AppState) -> Self {
        state.verifier.clone()
    }
}

#[tokio::test]
async fn the_verifier_can_come_from_a_larger_state() {
    async fn handler(
        axum::extract::State(state): axum::extract::State<AppState>,
        notification: VerifiedNotification,
    ) -> (StatusCode, Acknowledgement) {
        assert_eq!(state.name, "payments");
        assert!(notification.outcome.is_final());
        (StatusCode::OK, Acknowledgement)
    }
    let app = Router::new()
        .route(PATH, post(handler))
        .with_state(AppState {
            verifier: verifier(),
            name: "payments",
        });
    let body = notification_body("webhook-state-1");
    let notification = signed(&support::gateway_key(), CLIENT_ID, PATH, &body);
    let answer = send(app, post_to(PATH, &notification, body)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, ACKNOWLEDGEMENT);
}
