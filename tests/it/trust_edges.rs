//! Trust at the edges: no unsigned answer steers a caller, no "not found" or earlier request is
//! read as final too early, the raw client fails closed, and no key configuration mistake
//! reaches the gateway. Each test fails on the code before issue 17 and passes after.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_vaulting::error::{Error, OutcomeUnknown};
use alipay_vaulting::notification::{interpret_notification, interpret_notification_as};
use alipay_vaulting::outcome::{
    interpret_inquiry, interpret_unsigned_inquiry, interpret_unsigned_vault, interpret_vault,
    InquiryOutcome, NextStep, Trust, UnknownReason, VaultOutcome,
};
use alipay_vaulting::retry::RetryPolicy;
use alipay_vaulting::{types, BuildError, Client, ClientBuilder, ResolveOptions};
use serde_json::{json, Value};

use crate::support::{self, RawServer, Received, Reply, CLIENT_ID};

const ID: &str = "edge-1";
const TOKEN: &str = "ALIPAYedgeTOKEN0123456789";

fn f(code: &str) -> String {
    json!({"result": {"resultStatus": "F", "resultCode": code, "resultMessage": "m"},
           "vaultingRequestId": ID})
    .to_string()
}

fn u(code: &str) -> String {
    json!({"result": {"resultStatus": "U", "resultCode": code, "resultMessage": "m"},
           "vaultingRequestId": ID})
    .to_string()
}

fn u_redirect(url: &str) -> String {
    json!({"result": {"resultStatus": "U", "resultCode": "VERIFICATION_IN_PROCESS",
                      "resultMessage": "m"},
           "vaultingRequestId": ID, "normalUrl": url})
    .to_string()
}

fn s_inquiry(fields: Value) -> String {
    let mut body = json!({"result": {"resultStatus": "S", "resultCode": "SUCCESS",
                                     "resultMessage": "success."},
                          "vaultingRequestId": ID});
    for (key, value) in fields.as_object().unwrap() {
        body[key] = value.clone();
    }
    body.to_string()
}

fn s_succeeded() -> String {
    s_inquiry(json!({"vaultingStatus": "SUCCESS",
                     "paymentMethodDetail": {"paymentMethodType": "CARD",
                                             "card": {"cardToken": TOKEN}}}))
}

fn client(base_url: &str, timeout: Duration) -> Client {
    builder(base_url).timeout(timeout).build().unwrap()
}

fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(support::merchant_key())
        .alipay_public_key(support::gateway_public())
        .base_url(base_url)
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(1)
                .with_base_delay(Duration::from_millis(20))
                .with_max_delay(Duration::from_millis(40)),
        )
}

fn signed(r: &Received, body: &str) -> Reply {
    Reply::signed(&support::gateway_key(), CLIENT_ID, &r.path, body)
}

fn is_inquiry(r: &Received) -> bool {
    r.path.ends_with("inquireVaulting")
}

/// How a scripted server answers one request.
type Answer = Box<dyn Fn(&Received) -> Reply + Send + Sync>;

/// A server answering inquiries with `answers` in turn (the last one from then on), and the
/// number of inquiries it got.
async fn inquiries(answers: Vec<Answer>) -> (RawServer, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let server = RawServer::start(move |r| {
        let n = seen.fetch_add(1, Ordering::SeqCst);
        answers[n.min(answers.len() - 1)](r)
    })
    .await;
    (server, count)
}

fn vault_request() -> types::VaultPaymentMethodRequest {
    crate::support::simulator::request(ID, "4111111111111111")
}

// 1. One table per answer, with trust passed in.

/// Every answer, read unsigned, by each of the three tables: `Unknown`/`Unsigned` with
/// "inquire with the same id", never final, never a redirect, never a step for a person.
#[test]
fn every_unsigned_answer_is_unknown_in_every_table() {
    let bodies = [
        f("PROCESS_FAIL"),
        f("PARAM_ILLEGAL"),
        f("INVALID_SIGNATURE"),
        f("VERIFICATION_FAIL"),
        f("REPEAT_REQ_INCONSISTENT"),
        f("VAULTING_NOT_EXIST"),
        f("REQUEST_TRAFFIC_EXCEED_LIMIT"),
        f("SOMETHING_NEW"),
        u("UNKNOWN_EXCEPTION"),
        u_redirect("https://attacker.example/3ds"),
        s_succeeded(),
        s_inquiry(json!({"vaultingStatus": "FAIL", "vaultingResultCode": "PROCESS_FAIL"})),
        s_inquiry(json!({"vaultingStatus": "PROCESSING", "normalUrl": "https://attacker.example"})),
    ];
    for body in &bodies {
        let check = |reason: &UnknownReason, step: NextStep, final_: bool, what: &str| {
            assert_eq!(reason, &UnknownReason::Unsigned, "{what}: {body}");
            assert_eq!(step, NextStep::InquireWithSameRequestId, "{what}: {body}");
            assert!(!step.needs_manual_action(), "{what}: {body}");
            assert!(!final_, "{what}: {body}");
        };
        let vault = interpret_unsigned_vault(serde_json::from_str(body).unwrap());
        let VaultOutcome::Unknown(unknown) = &vault else {
            panic!("vault: {body}: {vault:?}")
        };
        check(
            &unknown.reason,
            vault.next_step(),
            vault.is_final(),
            "vault",
        );

        let inquiry = interpret_unsigned_inquiry(serde_json::from_str(body).unwrap());
        let InquiryOutcome::Unknown(unknown) = &inquiry else {
            panic!("inquiry: {body}: {inquiry:?}")
        };
        check(
            &unknown.reason,
            inquiry.next_step(),
            inquiry.is_final(),
            "inquiry",
        );

        let notification =
            interpret_notification_as(serde_json::from_str(body).unwrap(), Trust::Unsigned);
        let alipay_vaulting::notification::NotificationOutcome::Unknown(unknown) = &notification
        else {
            panic!("notification: {body}: {notification:?}")
        };
        check(
            &unknown.reason,
            notification.next_step(),
            notification.is_final(),
            "notification",
        );
    }
}

/// An unsigned `F`/`PROCESS_FAIL` once stopped `resolve` at once ("do not retry"); it now
/// inquires on until the signed answer.
#[tokio::test]
async fn an_unsigned_failure_never_stops_resolve() {
    let (server, count) = inquiries(vec![
        Box::new(|_| Reply::unsigned(&f("PROCESS_FAIL"))),
        Box::new(|_| Reply::unsigned(&f("PROCESS_FAIL"))),
        Box::new(|_| Reply::unsigned(&f("PARAM_ILLEGAL"))),
        Box::new(|r| signed(r, &s_succeeded())),
    ])
    .await;
    let client = client(&server.base_url(), Duration::from_millis(500));
    let resolved = client.resolve(ID, Duration::from_secs(10)).await.unwrap();
    assert_eq!(resolved.card_token(), Some(TOKEN), "{resolved:?}");
    assert_eq!(count.load(Ordering::SeqCst), 4);

    // Only unsigned answers: still unknown at the deadline, never final.
    let (server, count) = inquiries(vec![Box::new(|_| Reply::unsigned(&f("PROCESS_FAIL")))]).await;
    let client = self::client(&server.base_url(), Duration::from_millis(500));
    let started = Instant::now();
    let resolved = client
        .resolve(ID, Duration::from_millis(800))
        .await
        .unwrap();
    let InquiryOutcome::Unknown(unknown) = &resolved else {
        panic!("{resolved:?}")
    };
    assert_eq!(unknown.reason, UnknownReason::Unsigned);
    assert!(started.elapsed() >= Duration::from_millis(700));
    assert!(count.load(Ordering::SeqCst) >= 3);
}

// 2. The raw client fails closed.

#[tokio::test]
async fn the_raw_client_refuses_an_unsigned_answer() {
    let server =
        RawServer::start(|_| Reply::unsigned(&u_redirect("https://attacker.example/3ds"))).await;
    let client = client(&server.base_url(), Duration::from_secs(2));
    let error = client
        .raw()
        .vault_payment_method()
        .body(vault_request())
        .send()
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("response rejected"), "{text}");
    assert!(text.contains("without a signature"), "{text}");
    assert!(!text.contains("attacker"), "{text}");

    // A signed answer still comes back as `Ok`.
    let server = RawServer::start(|r| signed(r, &u_redirect("https://gateway.example/3ds"))).await;
    let client = self::client(&server.base_url(), Duration::from_secs(2));
    let answer = client
        .raw()
        .vault_payment_method()
        .body(vault_request())
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.into_inner().normal_url.as_deref(),
        Some("https://gateway.example/3ds")
    );
}

// 4. Blank URLs are dropped before the spellings are merged.

#[test]
fn a_blank_applink_url_never_hides_app_link_url() {
    let app = "https://app.example/3ds";
    let vault = json!({"result": {"resultStatus": "U", "resultCode": "VERIFICATION_IN_PROCESS"},
                       "vaultingRequestId": ID, "applinkUrl": "", "appLinkUrl": app});
    let outcome = interpret_vault(serde_json::from_value(vault).unwrap());
    let VaultOutcome::BuyerActionRequired(action) = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(action.urls.applink_url(), Some(app));

    let inquiry = s_inquiry(json!({"vaultingStatus": "PROCESSING", "applinkUrl": " ",
                                   "appLinkUrl": app}));
    let outcome = interpret_inquiry(serde_json::from_str(&inquiry).unwrap());
    let InquiryOutcome::Processing(processing) = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(
        processing.urls.as_ref().and_then(|u| u.applink_url()),
        Some(app)
    );
    assert_eq!(outcome.next_step(), NextStep::RedirectBuyer);
}

// 5. Finality as the documents and the window allow.

#[test]
fn repeat_req_inconsistent_is_not_a_final_failure() {
    let outcome = interpret_vault(serde_json::from_str(&f("REPEAT_REQ_INCONSISTENT")).unwrap());
    let VaultOutcome::Unknown(unknown) = &outcome else {
        panic!("{outcome:?}")
    };
    assert!(!outcome.is_final());
    assert_eq!(unknown.reason, UnknownReason::RequestIdInUse);
    assert_eq!(outcome.next_step(), NextStep::InquireWithSameRequestId);
}

#[test]
fn one_inquirys_not_found_is_not_final() {
    let outcome = interpret_inquiry(serde_json::from_str(&f("VAULTING_NOT_EXIST")).unwrap());
    let InquiryOutcome::NotFound(not_found) = &outcome else {
        panic!("{outcome:?}")
    };
    assert!(!not_found.is_confirmed());
    assert!(!outcome.is_final());
    assert_eq!(outcome.next_step(), NextStep::InquireWithSameRequestId);
}

/// The vault was sent with a 1.5 s attempt timeout; the resolving client has 200 ms and the
/// options a 100 ms window. "Not found" is believed only after 1.5 s.
#[tokio::test]
async fn the_window_covers_the_time_the_request_may_still_be_in_flight() {
    let (server, _) = inquiries(vec![Box::new(|r| signed(r, &f("VAULTING_NOT_EXIST")))]).await;
    let client = client(&server.base_url(), Duration::from_millis(200));
    let options = ResolveOptions::new(ID)
        .deadline(Duration::from_secs(10))
        .not_found_window(Duration::from_millis(100))
        .in_flight_for(Duration::from_millis(1500));
    assert_eq!(
        options.effective_window(&client),
        Duration::from_millis(1500)
    );
    let started = Instant::now();
    let resolved = client.resolve_with(&options).await.unwrap();
    let took = started.elapsed();
    let InquiryOutcome::NotFound(not_found) = &resolved else {
        panic!("{resolved:?}")
    };
    assert!(not_found.is_confirmed());
    assert!(resolved.is_final());
    assert_eq!(resolved.next_step(), NextStep::CheckRequestId);
    assert_eq!(
        not_found.confirmed_over(),
        Some(Duration::from_millis(1500))
    );
    assert!(took >= Duration::from_millis(1500), "{took:?}");
}

/// An unsigned 3-D Secure answer is confirmed by a signed inquiry; when that inquiry already
/// knows the final state, the vault's outcome is that state.
#[tokio::test]
async fn a_signed_final_answer_of_the_confirming_inquiry_is_used() {
    let server = RawServer::start(|r| {
        if is_inquiry(r) {
            signed(r, &s_succeeded())
        } else {
            Reply::unsigned(&u_redirect("https://attacker.example/3ds"))
        }
    })
    .await;
    let client = client(&server.base_url(), Duration::from_secs(2));
    let outcome = client.vault_payment_method(&vault_request()).await.unwrap();
    assert_eq!(outcome.card_token(), Some(TOKEN), "{outcome:?}");
    assert!(outcome.is_final());

    let server = RawServer::start(|r| {
        if is_inquiry(r) {
            signed(
                r,
                &s_inquiry(
                    json!({"vaultingStatus": "FAIL", "vaultingResultCode": "CARD_EXPIRED",
                                  "vaultingResultMessage": "expired"}),
                ),
            )
        } else {
            Reply::unsigned(&u_redirect("https://attacker.example/3ds"))
        }
    })
    .await;
    let client = self::client(&server.base_url(), Duration::from_secs(2));
    let outcome = client.vault_payment_method(&vault_request()).await.unwrap();
    let VaultOutcome::Failed(failure) = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(failure.code.as_wire(), "CARD_EXPIRED");
    assert_eq!(failure.message.as_deref(), Some("expired"));
    assert_eq!(failure.next_step, NextStep::RetryWithNewRequestId);
}

/// Answers that change between inquiries: at the deadline, the latest one, whichever order.
#[tokio::test]
async fn at_its_deadline_resolve_returns_the_latest_answer() {
    let processing = s_inquiry(json!({"vaultingStatus": "PROCESSING",
                                      "normalUrl": "https://gateway.example/3ds"}));
    let unknown = u("UNKNOWN_EXCEPTION");
    for (first, then, expected) in [
        (processing.clone(), unknown.clone(), "unknown"),
        (unknown, processing, "processing"),
    ] {
        let (server, count) = inquiries(vec![
            Box::new(move |r| signed(r, &first)),
            Box::new(move |r| signed(r, &then)),
        ])
        .await;
        let client = client(&server.base_url(), Duration::from_millis(300));
        let resolved = client
            .resolve(ID, Duration::from_millis(600))
            .await
            .unwrap();
        assert_eq!(resolved.name(), expected, "{resolved:?}");
        assert!(count.load(Ordering::SeqCst) >= 2);
    }
}

/// No inquiry got an answer: the error the inquiries met, not the deadline's own cut.
#[tokio::test]
async fn with_errors_only_resolve_returns_the_error_the_inquiries_met() {
    let server = RawServer::start(|r| {
        // Slow enough that the deadline cuts the last inquiry short.
        std::thread::sleep(Duration::from_millis(if is_inquiry(r) { 50 } else { 0 }));
        Reply::Http {
            status: 503,
            headers: vec![],
            body: b"unavailable".to_vec(),
        }
    })
    .await;
    let client = client(&server.base_url(), Duration::from_millis(300));
    let error = client
        .resolve(ID, Duration::from_millis(500))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown(OutcomeUnknown::ServerError { status: 503 })
        ),
        "{error:?}"
    );

    // Connections refused: that error, not a timeout.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = self::client(
        &format!("http://127.0.0.1:{port}"),
        Duration::from_millis(300),
    );
    let error = client
        .resolve(ID, Duration::from_millis(400))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::NotSent(alipay_vaulting::error::NotSent::Connect(_))
        ),
        "{error:?}"
    );
}

// 6. The merchant's public key as Alipay's is refused before anything is sent.

#[test]
fn the_merchants_public_key_as_alipays_is_refused_by_build() {
    let error = builder("http://127.0.0.1:1")
        .alipay_public_key(support::merchant_public())
        .build()
        .unwrap_err();
    let BuildError::Invalid { setting, reason } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*setting, "alipay_public_key");
    assert!(reason.contains("merchant's own public key"), "{reason}");
    assert!(reason.contains("Alipay public key"), "{reason}");

    // Among rotation keys too.
    let error = builder("http://127.0.0.1:1")
        .add_alipay_public_key(support::merchant_public())
        .build()
        .unwrap_err();
    assert!(matches!(
        error,
        BuildError::Invalid {
            setting: "alipay_public_key",
            ..
        }
    ));

    // From the environment: the variable is named.
    let vars = [
        ("ALIPAY_GATEWAY", "eu".to_string()),
        ("ALIPAY_CLIENT_ID", CLIENT_ID.to_string()),
        (
            "ALIPAY_PRIVATE_KEY",
            support::key_text("merchant_private_pkcs8.pem"),
        ),
        (
            "ALIPAY_PUBLIC_KEY",
            support::key_text("merchant_public_spki.pem"),
        ),
    ];
    let error = ClientBuilder::from_vars(|name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap_err();
    let BuildError::Env { variable, reason } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*variable, "ALIPAY_PUBLIC_KEY");
    assert!(reason.contains("merchant's own public key"), "{reason}");
}

// 8. Notifications: the failure's code is what the notification says.

#[test]
fn a_notification_never_reports_success_as_the_failure_code() {
    let body = json!({"result": {"resultStatus": "S", "resultCode": "SUCCESS",
                                 "resultMessage": "success"},
                      "vaultingRequestId": ID, "vaultingStatus": "FAIL"});
    let outcome = interpret_notification(serde_json::from_value(body).unwrap());
    let alipay_vaulting::notification::NotificationOutcome::Failed(failure) = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(failure.code, None);
    assert_eq!(failure.next_step, NextStep::RetryWithNewRequestId);
}

// 8. TLS roots: OnlyAdded trusts nothing when nothing is added.

#[test]
fn only_added_roots_with_nothing_added_is_a_build_error() {
    let error = builder("https://gateway.example")
        .tls_roots(alipay_vaulting::TlsRoots::OnlyAdded)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            error,
            BuildError::Invalid {
                setting: "tls_roots",
                ..
            }
        ),
        "{error:?}"
    );
}

// 8. The cardholder's personal data never prints.

#[test]
fn the_cardholders_name_email_and_address_never_print() {
    let secrets = [
        "Ada",
        "Augusta",
        "Lovelace",
        "Ada King Lovelace",
        "ada@example.org",
        "12 St James Sq",
        "Flat 3",
        "Wing B",
        "London",
        "SW1Y4JH",
        "LDN",
    ];
    let card: types::Card = serde_json::from_value(json!({
        "cardNo": "4111111111111111", "expiryYear": "30", "expiryMonth": "12",
        "cardholderName": {"firstName": "Ada", "middleName": "Augusta", "lastName": "Lovelace",
                           "fullName": "Ada King Lovelace"},
        "billingAddress": {"region": "GB", "state": "LDN", "city": "London",
                           "address1": "12 St James Sq", "address2": "Flat 3",
                           "address3": "Wing B", "zipCode": "SW1Y4JH"},
        "payerEmail": "ada@example.org"
    }))
    .unwrap();
    let debug = format!("{card:?}");
    for secret in secrets {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(debug.contains("PersonName(***)"), "{debug}");
    // The wire still carries every value.
    let wire = serde_json::to_string(&card).unwrap();
    for secret in secrets {
        assert!(wire.contains(secret), "{secret} not on the wire");
    }

    let detail: types::VaultedPaymentMethodDetail = serde_json::from_value(json!({
        "card": {"cardToken": TOKEN,
                 "cardholderName": {"firstName": "Ada", "lastName": "Lovelace"},
                 "billingAddress": {"city": "London", "address1": "12 St James Sq"}}
    }))
    .unwrap();
    let debug = format!("{detail:?}");
    for secret in ["Ada", "Lovelace", "London", "12 St James Sq", TOKEN] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
}

/// The gateway's `resultMessage` is only what the gateway said: `resolve`'s own explanation of
/// an unconfirmed "not found" is the reason's `Display`, and says the window was not reached.
#[tokio::test]
async fn resolves_own_words_are_never_shown_as_the_gateways() {
    let (server, _) = inquiries(vec![Box::new(|r| signed(r, &f("VAULTING_NOT_EXIST")))]).await;
    let client = client(&server.base_url(), Duration::from_millis(200));
    // A deadline shorter than the window: "not found" can never be confirmed.
    let options = ResolveOptions::new(ID)
        .deadline(Duration::from_millis(400))
        .not_found_window(Duration::from_secs(2));
    let resolved = client.resolve_with(&options).await.unwrap();
    let InquiryOutcome::Unknown(unknown) = &resolved else {
        panic!("{resolved:?}")
    };
    assert_eq!(unknown.reason, UnknownReason::NotFoundUnconfirmed);
    assert_eq!(
        unknown.message, None,
        "the crate's words in the gateway's field"
    );
    assert!(
        unknown.reason.to_string().contains("window"),
        "{}",
        unknown.reason
    );
}

/// One shape: every outcome serializes to the command-line tool's JSON fields, with the next
/// step by its stable name, and never a card token (safe to log).
#[test]
fn outcomes_serialize_without_the_token_and_with_the_stable_next_step() {
    let vaulted = interpret_vault(
        serde_json::from_value(json!({
            "result": {"resultStatus": "S", "resultCode": "SUCCESS"},
            "vaultingRequestId": ID,
            "paymentMethodDetail": {"card": {"cardToken": TOKEN, "maskedCardNo": "****1111",
                                             "brand": "VISA"}}
        }))
        .unwrap(),
    );
    let json = serde_json::to_value(&vaulted).unwrap();
    assert_eq!(
        json,
        json!({"outcome": "vaulted", "nextStep": "none", "maskedCardNo": "****1111",
               "brand": "VISA"})
    );
    assert!(!json.to_string().contains(TOKEN));
    for step in NextStep::ALL {
        assert_eq!(serde_json::to_value(step).unwrap(), step.as_str());
        assert_eq!(step.to_string(), step.as_str());
        assert_eq!(NextStep::parse(step.as_str()), Some(step));
    }
    // The three failures: the same field names, and next_step() on each.
    let inquiry = interpret_inquiry(
        serde_json::from_str(&s_inquiry(
            json!({"vaultingStatus": "FAIL", "vaultingResultCode": "PROCESS_FAIL",
                   "vaultingResultMessage": "m"}),
        ))
        .unwrap(),
    );
    let InquiryOutcome::Failed(failure) = &inquiry else {
        panic!("{inquiry:?}")
    };
    assert_eq!(
        failure.code.as_ref().map(|c| c.as_wire()).as_deref(),
        Some("PROCESS_FAIL")
    );
    assert_eq!(failure.message.as_deref(), Some("m"));
    assert_eq!(failure.next_step(), NextStep::DoNotRetry);
    assert_eq!(failure.next_step, NextStep::DoNotRetry);
    let vault = interpret_vault(serde_json::from_str(&f("VERIFICATION_FAIL")).unwrap());
    let VaultOutcome::Failed(failure) = &vault else {
        panic!("{vault:?}")
    };
    assert_eq!(failure.code.as_wire(), "VERIFICATION_FAIL");
    assert_eq!(failure.next_step(), NextStep::RetryWithNewRequestId);
}
