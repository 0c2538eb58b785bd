//! One vaulting per `vaultingRequestId`: repeats answer from its state, another card is refused.
#![cfg(feature = "simulator")]

use crate::support::simulator as util;

use alipay_vaulting::outcome::{InquiryOutcome, NextStep, UnknownReason, VaultOutcome};
use alipay_vaulting::types::ResultCode;
use util::{request, sim};

#[tokio::test]
async fn the_same_id_twice_returns_the_same_token() {
    let sim = sim().await;
    let client = sim.client();
    let first = client
        .vault_payment_method(&request("idem-1", "4111111111111111"))
        .await
        .unwrap();
    let second = client
        .vault_payment_method(&request("idem-1", "4111111111111111"))
        .await
        .unwrap();
    assert!(first.card_token().is_some());
    assert_eq!(first.card_token(), second.card_token());
    let snapshot = sim.vaulting("idem-1").unwrap();
    assert_eq!(snapshot.vault_calls, 2);
    assert_eq!(sim.vaulting_count(), 1);
}

#[tokio::test]
async fn the_same_id_with_another_card_is_refused() {
    let sim = sim().await;
    let client = sim.client();
    let first = client
        .vault_payment_method(&request("idem-2", "4111111111111111"))
        .await
        .unwrap();
    let second = client
        .vault_payment_method(&request("idem-2", "5555555555554444"))
        .await
        .unwrap();
    // Not a final failure: the id is the earlier request's, which vaulted a card. Inquiring
    // with it gives that request's outcome; this card needs a new id.
    let VaultOutcome::Unknown(unknown) = &second else {
        panic!("{second:?}");
    };
    assert!(!second.is_final());
    assert_eq!(unknown.code, ResultCode::RepeatReqInconsistent);
    assert_eq!(unknown.reason, UnknownReason::RequestIdInUse);
    assert_eq!(unknown.next_step, NextStep::InquireWithSameRequestId);
    assert_eq!(unknown.vaulting_request_id.as_deref(), Some("idem-2"));
    // The first vaulting is untouched.
    let snapshot = sim.vaulting("idem-2").unwrap();
    assert_eq!(
        snapshot.card_token.as_ref().map(|t| t.expose()),
        first.card_token()
    );
    assert_eq!(snapshot.last_four, "1111");
    assert_eq!(snapshot.vault_calls, 2);
    assert_eq!(sim.vaulting_count(), 1);
    assert_eq!(sim.requests()[1].result_code, "REPEAT_REQ_INCONSISTENT");
}

#[tokio::test]
async fn a_failed_id_repeats_its_failure() {
    let sim = sim().await;
    let client = sim.client();
    for _ in 0..2 {
        let outcome = client
            .vault_payment_method(&request("idem-3", "4000000000000002"))
            .await
            .unwrap();
        let VaultOutcome::Failed(failure) = outcome else {
            panic!("{outcome:?}");
        };
        assert_eq!(failure.code, ResultCode::VerificationFail);
    }
    assert_eq!(sim.vaulting("idem-3").unwrap().vault_calls, 2);
    assert_eq!(sim.vaulting_count(), 1);
}

#[tokio::test]
async fn a_pending_verification_repeats_the_same_urls() {
    let sim = sim().await;
    let client = sim.client();
    let first = client
        .vault_payment_method(&request("idem-4", "4000000000003220"))
        .await
        .unwrap();
    let second = client
        .vault_payment_method(&request("idem-4", "4000000000003220"))
        .await
        .unwrap();
    let (VaultOutcome::BuyerActionRequired(a), VaultOutcome::BuyerActionRequired(b)) =
        (&first, &second)
    else {
        panic!("{first:?} {second:?}");
    };
    assert_eq!(a.urls, b.urls);
    assert_eq!(sim.vaulting_count(), 1);

    // Once approved, a repeat returns the token.
    sim.complete_verification("idem-4", true).await.unwrap();
    let third = client
        .vault_payment_method(&request("idem-4", "4000000000003220"))
        .await
        .unwrap();
    assert_eq!(
        third.card_token(),
        sim.vaulting("idem-4")
            .unwrap()
            .card_token
            .as_ref()
            .map(|t| t.expose())
    );
    assert!(third.card_token().is_some());
    assert_eq!(sim.vaulting("idem-4").unwrap().vault_calls, 3);
}

#[tokio::test]
async fn an_unknown_id_is_not_found() {
    let sim = sim().await;
    let client = sim.client();
    let inquiry = client.inquire_vaulting("never-sent").await.unwrap();
    assert!(
        matches!(&inquiry, InquiryOutcome::NotFound(nf) if !nf.is_confirmed()),
        "{inquiry:?}"
    );
    assert!(!inquiry.is_final());
    assert_eq!(sim.requests()[0].result_code, "VAULTING_NOT_EXIST");
    assert_eq!(sim.vaulting_count(), 0);
}
