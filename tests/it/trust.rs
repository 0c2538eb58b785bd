//! Outcomes a service can trust: five answers the API documents allow that once broke the
//! promise (a vaulted card read as an error, a 3-D Secure redirect read as a failure, a card
//! vaulted twice), each end to end against the simulator rule that produces it.
#![cfg(feature = "simulator")]

use crate::support::{self, simulator as util};

use std::time::{Duration, Instant};

use alipay_vaulting::error::{Error, OutcomeUnknown};
use alipay_vaulting::lenient::Lenient;
use alipay_vaulting::outcome::{InquiryOutcome, NextStep, UnknownReason, VaultOutcome};
use alipay_vaulting::simulator::{Fault, FaultRule, Operation};
use alipay_vaulting::{Client, ResolveOptions};
use support::{RawServer, Reply};

const PLAIN: &str = "4111111111111111";
const THREE_DS: &str = "4000000000003220";

/// 1. `"is3DSAuthentication": "true"`: the documents send every scalar as a string.
#[tokio::test]
async fn a_string_typed_boolean_leaves_a_vaulted_card_vaulted() {
    let sim = util::sim().await;
    sim.inject(FaultRule::always(Fault::StringScalars));
    let client = sim.client();

    let outcome = client
        .vault_payment_method(&util::request("strings-1", PLAIN))
        .await
        .unwrap();
    let VaultOutcome::Vaulted(card) = &outcome else {
        panic!("{outcome:?}");
    };
    let detail = card.detail().card.as_ref().unwrap();
    assert_eq!(detail.is3_ds_authentication, Some(Lenient::Value(false)));

    // The inquiry returns the same card: resolve settles it.
    let resolved = client
        .resolve("strings-1", Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(resolved.card_token(), outcome.card_token());

    // After 3-D Secure the flag is "true", as a string, and still reads as true.
    let outcome = client
        .vault_payment_method(&util::request("strings-2", THREE_DS))
        .await
        .unwrap();
    assert!(matches!(outcome, VaultOutcome::BuyerActionRequired(_)));
    sim.complete_verification("strings-2", true).await.unwrap();
    let InquiryOutcome::Succeeded(card) = client.inquire_vaulting("strings-2").await.unwrap()
    else {
        panic!("not vaulted");
    };
    let detail = card.detail().card.as_ref().unwrap();
    assert_eq!(detail.is3_ds_authentication, Some(Lenient::Value(true)));
}

/// 2. `appLinkUrl`: the spelling of the vault document's result-handling rules.
#[tokio::test]
async fn an_app_link_spelled_app_link_url_redirects_the_buyer() {
    let sim = util::sim().await;
    sim.inject(FaultRule::always(Fault::AppLinkUrlSpelling));
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&util::request("applink-1", THREE_DS))
        .await
        .unwrap();
    let VaultOutcome::BuyerActionRequired(action) = &outcome else {
        panic!("{outcome:?}");
    };
    let applink = format!("{}/sim/applink/applink-1", sim.base_url());
    assert_eq!(action.urls.applink_url(), Some(applink.as_str()));
    let InquiryOutcome::Processing(processing) =
        client.inquire_vaulting("applink-1").await.unwrap()
    else {
        panic!("not processing");
    };
    assert_eq!(
        processing.urls.as_ref().and_then(|u| u.applink_url()),
        Some(applink.as_str())
    );
    assert_eq!(sim.vaulting_count(), 1);
}

/// An answer carrying only `appLinkUrl` is a redirect, not a failure.
#[tokio::test]
async fn only_an_app_link_url_is_enough_to_redirect() {
    let gateway = support::gateway_key();
    let server = RawServer::start(move |r| {
        let body = r#"{"result":{"resultStatus":"U","resultCode":"VERIFICATION_IN_PROCESS","resultMessage":"m"},"vaultingRequestId":"applink-2","appLinkUrl":"https://render.example/3ds"}"#;
        Reply::signed(&gateway, support::CLIENT_ID, &r.path, body)
    })
    .await;
    let outcome = raw_client(&server)
        .vault_payment_method(&util::request("applink-2", THREE_DS))
        .await
        .unwrap();
    let VaultOutcome::BuyerActionRequired(action) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(action.urls.first(), "https://render.example/3ds");
}

/// 3. A gateway slower than the client: the vaulting is registered 3 s after a 1 s timeout.
#[tokio::test]
async fn a_vaulting_registered_after_the_timeout_is_found_not_vaulted_twice() {
    let sim = util::sim().await;
    sim.inject(FaultRule::once(Fault::RegisterDelay(Duration::from_secs(3))).on(Operation::Vault));
    let client = sim
        .client_builder()
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let error = client
        .vault_payment_method(&util::request("late-1", PLAIN))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
        "{error:?}"
    );
    assert_eq!(error.next_step(), NextStep::InquireWithSameRequestId);

    let started = Instant::now();
    let resolved = client
        .resolve_with(&ResolveOptions::new("late-1").deadline(Duration::from_secs(20)))
        .await
        .unwrap();
    assert!(
        matches!(resolved, InquiryOutcome::Succeeded(_)),
        "{resolved:?}"
    );
    // The gateway did say "not found" on the way; resolve did not believe it.
    let not_found = sim
        .requests()
        .iter()
        .filter(|r| r.operation == Operation::Inquire && r.result_code == "VAULTING_NOT_EXIST")
        .count();
    assert!(not_found >= 1, "no inquiry came before the registration");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(sim.vaulting_count(), 1);
}

/// 4. An unsigned `U`/`VERIFICATION_IN_PROCESS`: one signed inquiry confirms it.
#[tokio::test]
async fn an_unsigned_three_ds_answer_is_confirmed_by_a_signed_inquiry() {
    let sim = util::sim().await;
    sim.inject(FaultRule::once(Fault::MissingSignature).on(Operation::Vault));
    let outcome = sim
        .client()
        .vault_payment_method(&util::request("unsigned-1", THREE_DS))
        .await
        .unwrap();
    let VaultOutcome::BuyerActionRequired(action) = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(
        action.urls.normal_url(),
        Some(format!("{}/sim/3ds/unsigned-1", sim.base_url()).as_str())
    );
    let operations: Vec<Operation> = sim.requests().iter().map(|r| r.operation).collect();
    assert_eq!(operations, [Operation::Vault, Operation::Inquire]);
}

/// The redirect uses the signed inquiry's URLs, never the unsigned answer's.
#[tokio::test]
async fn the_redirect_uses_the_inquirys_urls_never_the_unsigned_ones() {
    let gateway = support::gateway_key();
    let server = RawServer::start(move |r| {
        if r.path.ends_with("vaultPaymentMethod") {
            Reply::unsigned(
                r#"{"result":{"resultStatus":"U","resultCode":"VERIFICATION_IN_PROCESS","resultMessage":"m"},"vaultingRequestId":"unsigned-2","normalUrl":"https://attacker.example/3ds"}"#,
            )
        } else {
            let body = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success."},"vaultingRequestId":"unsigned-2","vaultingStatus":"PROCESSING","normalUrl":"https://gateway.example/3ds"}"#;
            Reply::signed(&gateway, support::CLIENT_ID, &r.path, body)
        }
    })
    .await;
    let outcome = raw_client(&server)
        .vault_payment_method(&util::request("unsigned-2", THREE_DS))
        .await
        .unwrap();
    let VaultOutcome::BuyerActionRequired(action) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(action.urls.first(), "https://gateway.example/3ds");
    assert_eq!(action.urls.applink_url(), None);
    assert_eq!(server.received().len(), 2);
}

/// When the signed inquiry does not say "processing, with URLs", the answer stays unknown.
#[tokio::test]
async fn an_unconfirmed_unsigned_three_ds_answer_stays_unknown() {
    let gateway = support::gateway_key();
    let server = RawServer::start(move |r| {
        if r.path.ends_with("vaultPaymentMethod") {
            Reply::unsigned(
                r#"{"result":{"resultStatus":"U","resultCode":"VERIFICATION_IN_PROCESS","resultMessage":"m"},"vaultingRequestId":"unsigned-3","normalUrl":"https://attacker.example/3ds"}"#,
            )
        } else {
            let body = r#"{"result":{"resultStatus":"F","resultCode":"VAULTING_NOT_EXIST","resultMessage":"not exist"}}"#;
            Reply::signed(&gateway, support::CLIENT_ID, &r.path, body)
        }
    })
    .await;
    let outcome = raw_client(&server)
        .vault_payment_method(&util::request("unsigned-3", THREE_DS))
        .await
        .unwrap();
    let VaultOutcome::Unknown(unknown) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(unknown.reason, UnknownReason::Unsigned);
    assert_eq!(unknown.next_step, NextStep::InquireWithSameRequestId);
}

/// A client of the raw test server.
fn raw_client(server: &RawServer) -> Client {
    Client::builder()
        .client_id(support::CLIENT_ID)
        .merchant_private_key(support::merchant_key())
        .alipay_public_key(support::gateway_public())
        .base_url(server.base_url())
        .build()
        .unwrap()
}
