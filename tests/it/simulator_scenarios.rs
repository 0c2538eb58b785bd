//! Every scenario card end to end through the crate's `Client` against the in-process simulator.
#![cfg(feature = "simulator")]

use crate::support::simulator as util;

use std::time::Duration;

use alipay_vaulting::outcome::{InquiryOutcome, NextStep, UnknownReason, VaultOutcome};
use alipay_vaulting::simulator::{Scenario, VaultingState};
use alipay_vaulting::types::{CardBrand, ResultCode, ResultStatus, VaultingResultCode};
use alipay_vaulting::Open;
use util::{request, sim};

#[tokio::test]
async fn success_cards_are_vaulted_and_inquired() {
    let sim = sim().await;
    let client = sim.client();
    let cards = [
        (
            "4111111111111111",
            CardBrand::Visa,
            "************1111",
            Scenario::VisaSuccess,
        ),
        (
            "5555555555554444",
            CardBrand::Mastercard,
            "************4444",
            Scenario::MastercardSuccess,
        ),
        (
            "378282246310005",
            CardBrand::Amex,
            "***********0005",
            Scenario::AmexSuccess,
        ),
        (
            "4242424242424242",
            CardBrand::Visa,
            "************4242",
            Scenario::OtherCard,
        ),
        (
            "2223003122003222",
            CardBrand::Mastercard,
            "************3222",
            Scenario::OtherCard,
        ),
    ];
    for (i, (card_no, brand, masked, scenario)) in cards.into_iter().enumerate() {
        let id = format!("success-{i}");
        let outcome = client
            .vault_payment_method(&request(&id, card_no))
            .await
            .unwrap();
        let VaultOutcome::Vaulted(card) = outcome else {
            panic!("{card_no}: {outcome:?}");
        };
        assert!(card.card_token().starts_with("ALIPAY"), "{card_no}");
        assert!(card.card_token().len() > 20);
        assert_eq!(card.masked_card_no(), Some(masked));
        assert_eq!(card.brand(), Some(&Open::Known(brand)));
        let vaulted = card.detail().card.clone().unwrap();
        assert_eq!(
            vaulted.last_four.as_deref(),
            Some(&card_no[card_no.len() - 4..])
        );
        assert_eq!(vaulted.bin.as_deref(), Some(&card_no[..6]));

        let inquiry = client.inquire_vaulting(&id).await.unwrap();
        let InquiryOutcome::Succeeded(inquired) = inquiry else {
            panic!("{card_no}: {inquiry:?}");
        };
        assert_eq!(inquired.card_token(), card.card_token());
        assert_eq!(inquired.masked_card_no(), Some(masked));
        assert_eq!(inquired.brand(), Some(&Open::Known(brand)));

        let snapshot = sim.vaulting(&id).unwrap();
        assert_eq!(snapshot.status, VaultingState::Success);
        assert_eq!(
            snapshot.card_token.as_ref().map(|t| t.expose()),
            Some(card.card_token())
        );
        assert_eq!(snapshot.scenario, scenario);
        assert_eq!(snapshot.vault_calls, 1);
    }
    // Tokens are unique per vaulting.
    let mut tokens: Vec<_> = sim
        .vaultings()
        .into_iter()
        .map(|v| v.card_token.map(|t| t.expose().to_string()))
        .collect();
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 5);
}

#[tokio::test]
async fn a_card_of_no_known_brand_has_no_brand() {
    let sim = sim().await;
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&request("discover-1", "6011111111111117"))
        .await
        .unwrap();
    let VaultOutcome::Vaulted(card) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(card.brand(), None);
    assert_eq!(card.masked_card_no(), Some("************1117"));
}

#[tokio::test]
async fn three_ds_card_needs_the_buyer() {
    let sim = sim().await;
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&request("3ds-1", "4000000000003220"))
        .await
        .unwrap();
    let VaultOutcome::BuyerActionRequired(action) = outcome else {
        panic!("{outcome:?}");
    };
    let base = sim.base_url();
    assert_eq!(
        action.urls.normal_url(),
        Some(format!("{base}/sim/3ds/3ds-1").as_str())
    );
    assert_eq!(action.urls.scheme_url(), Some("alipaysim://3ds/3ds-1"));
    assert_eq!(
        action.urls.applink_url(),
        Some(format!("{base}/sim/applink/3ds-1").as_str())
    );
    assert_eq!(action.vaulting_request_id.as_deref(), Some("3ds-1"));

    let inquiry = client.inquire_vaulting("3ds-1").await.unwrap();
    let InquiryOutcome::Processing(processing) = inquiry else {
        panic!("{inquiry:?}");
    };
    assert_eq!(processing.urls.as_ref(), Some(&action.urls));
    assert_eq!(
        sim.vaulting("3ds-1").unwrap().status,
        VaultingState::Processing
    );
    // Nothing is final, so nothing is notified.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(sim.notifications().is_empty());
}

#[tokio::test]
async fn do_not_honor_card_fails() {
    let sim = sim().await;
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&request("dnh-1", "4000000000000002"))
        .await
        .unwrap();
    let VaultOutcome::Failed(failure) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(failure.status, ResultStatus::F);
    assert_eq!(failure.code, ResultCode::VerificationFail);
    assert_eq!(failure.next_step, NextStep::RetryWithNewRequestId);
    assert_eq!(failure.vaulting_request_id.as_deref(), Some("dnh-1"));

    let inquiry = client.inquire_vaulting("dnh-1").await.unwrap();
    let InquiryOutcome::Failed(failed) = inquiry else {
        panic!("{inquiry:?}");
    };
    assert_eq!(
        failed.code,
        Some(Open::Known(VaultingResultCode::DoNotHonor))
    );
    assert!(failed.message.is_some());
}

#[tokio::test]
async fn process_fail_card_fails_for_good() {
    let sim = sim().await;
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&request("pf-1", "4000000000000119"))
        .await
        .unwrap();
    let VaultOutcome::Failed(failure) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(failure.code, ResultCode::ProcessFail);
    assert_eq!(failure.next_step, NextStep::DoNotRetry);

    let inquiry = client.inquire_vaulting("pf-1").await.unwrap();
    // Both answers give the same advice for the same failure.
    assert_eq!(inquiry.next_step(), NextStep::DoNotRetry);
    let InquiryOutcome::Failed(failed) = inquiry else {
        panic!("{inquiry:?}");
    };
    assert_eq!(
        failed.code,
        Some(Open::Known(VaultingResultCode::ProcessFail))
    );
}

#[tokio::test]
async fn unknown_exception_card_resolves_to_success() {
    let sim = sim().await;
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&request("unk-1", "4000000000000127"))
        .await
        .unwrap();
    let VaultOutcome::Unknown(unknown) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(unknown.status, ResultStatus::U);
    assert_eq!(unknown.code, ResultCode::UnknownException);
    assert_eq!(unknown.reason, UnknownReason::ResultUnknown);
    assert_eq!(unknown.next_step, NextStep::InquireWithSameRequestId);

    let resolved = client
        .resolve("unk-1", Duration::from_secs(5))
        .await
        .unwrap();
    let InquiryOutcome::Succeeded(card) = resolved else {
        panic!("{resolved:?}");
    };
    let snapshot = sim.vaulting("unk-1").unwrap();
    assert_eq!(
        snapshot.card_token.as_ref().map(|t| t.expose()),
        Some(card.card_token())
    );
    assert_eq!(card.masked_card_no(), Some("************0127"));
    assert_eq!(sim.vaulting_count(), 1);
}

#[tokio::test]
async fn verification_without_url_fails() {
    let sim = sim().await;
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&request("nourl-1", "4000000000000135"))
        .await
        .unwrap();
    let VaultOutcome::Failed(failure) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(failure.status, ResultStatus::U);
    assert_eq!(failure.code, ResultCode::VerificationInProcess);
    assert_eq!(failure.next_step, NextStep::RetryWithNewRequestId);

    let inquiry = client.inquire_vaulting("nourl-1").await.unwrap();
    assert!(matches!(inquiry, InquiryOutcome::Failed(_)), "{inquiry:?}");
    assert_eq!(sim.vaulting("nourl-1").unwrap().status, VaultingState::Fail);
}

#[tokio::test]
async fn luhn_failure_is_an_invalid_card_number() {
    let sim = sim().await;
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&request("luhn-1", "4111111111111112"))
        .await
        .unwrap();
    let VaultOutcome::Failed(failure) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(failure.code, ResultCode::VerificationFail);
    let inquiry = client.inquire_vaulting("luhn-1").await.unwrap();
    let InquiryOutcome::Failed(failed) = inquiry else {
        panic!("{inquiry:?}");
    };
    assert_eq!(
        failed.code,
        Some(Open::Known(VaultingResultCode::InvalidCardNumber))
    );
}

#[tokio::test]
async fn live_and_sandbox_paths_are_both_served() {
    let sandbox = sim().await;
    sandbox
        .client()
        .vault_payment_method(&request("p-1", "4111111111111111"))
        .await
        .unwrap();
    assert_eq!(
        sandbox.requests()[0].path,
        "/ams/sandbox/api/v1/vaults/vaultPaymentMethod"
    );

    let live = util::sim_with(|c| c.client_id("2188120000000001")).await;
    assert_eq!(live.client_id(), "2188120000000001");
    let outcome = live
        .client()
        .vault_payment_method(&request("p-2", "4111111111111111"))
        .await
        .unwrap();
    assert!(matches!(outcome, VaultOutcome::Vaulted(_)));
    let inquiry = live.client().inquire_vaulting("p-2").await.unwrap();
    assert!(matches!(inquiry, InquiryOutcome::Succeeded(_)));
    let requests = live.requests();
    assert_eq!(requests[0].path, "/ams/api/v1/vaults/vaultPaymentMethod");
    assert_eq!(requests[1].path, "/ams/api/v1/vaults/inquireVaulting");
    assert!(requests.iter().all(|r| r.signature_valid));
    assert_eq!(requests[0].client_id.as_deref(), Some("2188120000000001"));
    assert_eq!(requests[0].result_code, "SUCCESS");
}

#[tokio::test]
async fn the_scenario_table_maps_back() {
    for scenario in Scenario::ALL {
        if let Some(card) = scenario.test_card() {
            assert_eq!(Scenario::for_card(card), scenario);
        }
        assert!(!scenario.description().is_empty());
    }
}
