//! The fault matrix against a scriptable raw TCP server: each fault gives its typed error, its
//! retry guidance, and no call outlives the configured timeout.

use crate::support;

use std::time::{Duration, Instant};

use alipay_vaulting::error::{Error, NotSent, OutcomeUnknown, ResponseRejected};
use alipay_vaulting::retry::RetryPolicy;
use alipay_vaulting::signing::SignatureHeaderError;
use alipay_vaulting::{types, Client};
use support::*;

const TIMEOUT: Duration = Duration::from_millis(400);
/// Slack on top of the timeout for scheduling and teardown on a loaded 2-core machine.
const SLACK: Duration = Duration::from_millis(1500);
const ID: &str = "fault-1";

fn request() -> types::VaultPaymentMethodRequest {
    serde_json::from_value(serde_json::json!({
        "vaultingRequestId": ID,
        "vaultingNotificationUrl": "https://merchant.example/n",
        "redirectUrl": "https://merchant.example/r",
        "paymentMethodDetail": {"paymentMethodType": "CARD", "card": {
            "cardNo": "4111111111111111", "expiryYear": "30", "expiryMonth": "12"}},
        "env": {"terminalType": "WEB"}
    }))
    .unwrap()
}

fn success(id: &str) -> String {
    format!(
        r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S"}},"vaultingRequestId":"{id}","paymentMethodDetail":{{"card":{{"cardToken":"tok"}}}}}}"#
    )
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url(base_url)
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .max_response_bytes(1024 * 1024)
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(2)
                .with_base_delay(Duration::from_millis(5))
                .with_max_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap()
}

/// What a fault must produce.
struct Expect {
    check: fn(&Error) -> bool,
    describe: &'static str,
    safe_to_retry_same_id: bool,
    should_inquire: bool,
    /// Attempts the client makes (a vault is resent only when nothing was sent).
    attempts: usize,
}

async fn run(
    name: &str,
    script: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    expect: Expect,
) {
    let server = RawServer::start(script).await;
    let started = Instant::now();
    let err = client(&server.base_url())
        .vault_payment_method(&request())
        .await
        .expect_err(name);
    let elapsed = started.elapsed();
    assert!(
        (expect.check)(&err),
        "{name}: expected {}, got {err:?}",
        expect.describe
    );
    assert_eq!(
        err.is_safe_to_retry_with_same_id(),
        expect.safe_to_retry_same_id,
        "{name}: retry guidance"
    );
    assert_eq!(
        err.should_inquire(),
        expect.should_inquire,
        "{name}: inquire guidance"
    );
    assert_eq!(server.received().len(), expect.attempts, "{name}: attempts");
    let bound = TIMEOUT * expect.attempts.max(1) as u32 + SLACK;
    assert!(elapsed < bound, "{name}: took {elapsed:?}, bound {bound:?}");
    // No message carries the card number or a body.
    let text = format!("{err} {err:?}");
    assert!(
        !text.contains("4111111111111111") && !text.contains("cardToken"),
        "{name}: {text}"
    );
}

fn unknown(check: fn(&Error) -> bool, describe: &'static str) -> Expect {
    Expect {
        check,
        describe,
        safe_to_retry_same_id: true,
        should_inquire: true,
        attempts: 1,
    }
}

fn signed_with(
    body: String,
    edit: impl Fn(&mut Vec<(String, String)>) + Send + Sync + 'static,
) -> impl Fn(&Received) -> Reply + Send + Sync + 'static {
    let gateway = gateway_key();
    move |r: &Received| {
        let mut reply = Reply::signed(&gateway, CLIENT_ID, &r.path, &body);
        if let Reply::Http { headers, .. } = &mut reply {
            edit(headers);
        }
        reply
    }
}

fn set(headers: &mut [(String, String)], name: &str, value: &str) {
    for (k, v) in headers.iter_mut() {
        if k == name {
            *v = value.to_string();
        }
    }
}

#[tokio::test]
async fn connection_refused() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let err = client(&format!("http://127.0.0.1:{port}"))
        .vault_payment_method(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotSent(NotSent::Connect(_))),
        "{err:?}"
    );
    assert!(err.is_safe_to_retry_with_same_id() && !err.should_inquire());
    assert!(started.elapsed() < TIMEOUT * 2 + SLACK);
}

#[tokio::test]
async fn timeout_with_no_answer() {
    run(
        "stall",
        |_| Reply::Stall,
        unknown(
            |e| matches!(e, Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
            "Timeout",
        ),
    )
    .await;
}

#[tokio::test]
async fn slow_drip_response_is_cut_at_the_timeout() {
    let gateway = gateway_key();
    run(
        "drip",
        move |r| {
            let Reply::Http { headers, body, .. } =
                Reply::signed(&gateway, CLIENT_ID, &r.path, &success(ID))
            else {
                unreachable!()
            };
            Reply::Drip {
                headers,
                body,
                every: Duration::from_millis(50),
            }
        },
        unknown(
            |e| matches!(e, Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
            "Timeout",
        ),
    )
    .await;
}

#[tokio::test]
async fn connection_reset_mid_body() {
    run(
        "reset",
        |_| Reply::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 500\r\ncontent-type: application/json\r\n\r\n{\"result\":".to_vec()),
        unknown(|e| matches!(e, Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(_))), "ConnectionLost"),
    )
    .await;
}

#[tokio::test]
async fn connection_closed_before_any_answer() {
    run(
        "close",
        |_| Reply::Close,
        unknown(
            |e| matches!(e, Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(_))),
            "ConnectionLost",
        ),
    )
    .await;
}

#[tokio::test]
async fn server_errors_are_outcome_unknown() {
    for status in [500u16, 502, 503, 504] {
        run(
            &format!("http {status}"),
            move |_| Reply::Http {
                status,
                headers: vec![],
                body: b"upstream trouble".to_vec(),
            },
            unknown(
                |e| matches!(e, Error::OutcomeUnknown(OutcomeUnknown::ServerError { .. })),
                "ServerError",
            ),
        )
        .await;
    }
}

#[tokio::test]
async fn client_errors_are_rejected_with_their_status() {
    for status in [400u16, 401, 404, 429] {
        run(
            &format!("http {status}"),
            move |_| Reply::Http {
                status,
                headers: vec![],
                body: b"{}".to_vec(),
            },
            unknown(
                |e| {
                    matches!(
                        e,
                        Error::ResponseRejected(ResponseRejected::UnexpectedStatus { .. })
                    )
                },
                "UnexpectedStatus",
            ),
        )
        .await;
    }
}

#[tokio::test]
async fn empty_truncated_and_non_json_bodies() {
    run(
        "empty unsigned",
        |_| Reply::unsigned(""),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::MissingSignature)
                )
            },
            "MissingSignature",
        ),
    )
    .await;
    run(
        "empty signed",
        signed_with(String::new(), |_| {}),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::Malformed { .. })
                )
            },
            "Malformed",
        ),
    )
    .await;
    run("truncated json", signed_with(success(ID)[..40].to_string(), |_| {}), unknown(|e| matches!(e, Error::ResponseRejected(ResponseRejected::Malformed { reason }) if reason.contains("truncated")), "Malformed(truncated)")).await;
    run("html", signed_with("<html>maintenance</html>".into(), |_| {}), unknown(|e| matches!(e, Error::ResponseRejected(ResponseRejected::Malformed { reason }) if reason.contains("not valid JSON")), "Malformed(not JSON)")).await;
    run(
        "wrong shape",
        signed_with(r#"{"result":"yes"}"#.into(), |_| {}),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::Malformed { .. })
                )
            },
            "Malformed(shape)",
        ),
    )
    .await;
}

#[tokio::test]
async fn a_ten_mebibyte_body_is_refused() {
    let huge = format!(
        r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S"}},"pad":"{}"}}"#,
        "x".repeat(10 * 1024 * 1024)
    );
    run(
        "10 MiB",
        signed_with(huge, |_| {}),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::TooLarge { limit: 1048576 })
                )
            },
            "TooLarge",
        ),
    )
    .await;
}

#[tokio::test]
async fn signature_header_faults() {
    run(
        "missing",
        signed_with(success(ID), |h| h.retain(|(k, _)| k != "signature")),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::MissingSignature)
                )
            },
            "MissingSignature",
        ),
    )
    .await;
    run(
        "partial",
        signed_with(success(ID), |h| {
            set(h, "signature", "algorithm=RSA256,keyVersion=1")
        }),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::MalformedSignature(
                        SignatureHeaderError::MissingSignature
                    ))
                )
            },
            "MalformedSignature(MissingSignature)",
        ),
    )
    .await;
    run(
        "truncated value",
        signed_with(success(ID), |h| {
            let v = h.iter().find(|(k, _)| k == "signature").unwrap().1.clone();
            set(h, "signature", &v[..v.len() / 2]);
        }),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::MalformedSignature(_))
                )
            },
            "MalformedSignature",
        ),
    )
    .await;
    run(
        "unknown algorithm",
        signed_with(success(ID), |h| {
            let v = h
                .iter()
                .find(|(k, _)| k == "signature")
                .unwrap()
                .1
                .replace("RSA256", "SM2");
            set(h, "signature", &v);
        }),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::MalformedSignature(
                        SignatureHeaderError::UnsupportedAlgorithm { .. }
                    ))
                )
            },
            "UnsupportedAlgorithm",
        ),
    )
    .await;
    run(
        "bad",
        signed_with(success(ID), |h| {
            // Change the first base64 character of the signature: same length, wrong value.
            let v = h.iter().find(|(k, _)| k == "signature").unwrap().1.clone();
            let at = v.find("signature=").unwrap() + "signature=".len();
            let replacement = if v[at..].starts_with('A') { "B" } else { "A" };
            let flipped = format!("{}{replacement}{}", &v[..at], &v[at + 1..]);
            set(h, "signature", &flipped);
        }),
        unknown(
            |e| matches!(e, Error::ResponseRejected(ResponseRejected::BadSignature)),
            "BadSignature",
        ),
    )
    .await;
    run(
        "other client id",
        signed_with(success(ID), |h| set(h, "client-id", "SANDBOX_OTHER")),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::ClientIdMismatch)
                )
            },
            "ClientIdMismatch",
        ),
    )
    .await;
}

#[tokio::test]
async fn a_response_for_another_vaulting_request_id() {
    run(
        "other id",
        signed_with(success("someone-else"), |_| {}),
        unknown(
            |e| {
                matches!(
                    e,
                    Error::ResponseRejected(ResponseRejected::RequestIdMismatch)
                )
            },
            "RequestIdMismatch",
        ),
    )
    .await;
}
