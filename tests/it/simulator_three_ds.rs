//! The simulated 3-D Secure page, driven by plain HTTP as a browser would.
#![cfg(feature = "simulator")]

use crate::support::simulator as util;

use alipay_vaulting::outcome::{BuyerAction, InquiryOutcome, VaultOutcome};
use alipay_vaulting::simulator::{Simulator, SimulatorError, VaultingState};
use alipay_vaulting::types::VaultingResultCode;
use alipay_vaulting::Open;
use util::{http, request, sim, REDIRECT_URL};

const THREE_DS_CARD: &str = "4000000000003220";

async fn start_challenge(sim: &Simulator, id: &str) -> BuyerAction {
    let outcome = sim
        .client()
        .vault_payment_method(&request(id, THREE_DS_CARD))
        .await
        .unwrap();
    let VaultOutcome::BuyerActionRequired(action) = outcome else {
        panic!("{outcome:?}");
    };
    let inquiry = sim.client().inquire_vaulting(id).await.unwrap();
    assert!(
        matches!(inquiry, InquiryOutcome::Processing(_)),
        "{inquiry:?}"
    );
    action
}

async fn post_decision(url: &str, decision: &str) -> reqwest::Response {
    http()
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("decision={decision}"))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn approving_on_the_page_vaults_the_card() {
    let sim = sim().await;
    let action = start_challenge(&sim, "tds-1").await;
    let page_url = action.urls.normal_url().unwrap().to_string();

    let page = http().get(&page_url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(html.contains("<title>"), "{html}");
    assert!(
        html.contains(r#"<form method="post" action="/sim/3ds/tds-1">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"name="decision" value="approve""#),
        "{html}"
    );
    assert!(
        html.contains(r#"name="decision" value="decline""#),
        "{html}"
    );
    assert!(html.contains("VISA ************3220"), "{html}");
    assert!(!html.contains(THREE_DS_CARD));

    // The applink URL serves the same page.
    let applink = http()
        .get(action.urls.applink_url().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(applink.status(), 200);

    let answer = post_decision(&page_url, "approve").await;
    assert_eq!(answer.status(), 303);
    assert_eq!(answer.headers()["location"], REDIRECT_URL);

    let inquiry = sim.client().inquire_vaulting("tds-1").await.unwrap();
    let InquiryOutcome::Succeeded(card) = inquiry else {
        panic!("{inquiry:?}");
    };
    assert!(card.card_token().starts_with("ALIPAY"));
    assert_eq!(
        card.detail().card.as_ref().unwrap().is3_ds_authentication,
        Some(true.into())
    );
    let snapshot = sim.vaulting("tds-1").unwrap();
    assert_eq!(snapshot.status, VaultingState::Success);
    assert_eq!(
        snapshot.card_token.as_ref().map(|t| t.expose()),
        Some(card.card_token())
    );

    // A second decision is refused, and changes nothing.
    let again = post_decision(&page_url, "decline").await;
    assert_eq!(again.status(), 409);
    assert_eq!(
        sim.vaulting("tds-1").unwrap().status,
        VaultingState::Success
    );
    // The page now says it is over, without buttons.
    let html = http()
        .get(&page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<button"), "{html}");
}

#[tokio::test]
async fn declining_on_the_page_fails_the_vaulting() {
    let sim = sim().await;
    let action = start_challenge(&sim, "tds-2").await;
    let page_url = action.urls.normal_url().unwrap().to_string();

    let answer = post_decision(&page_url, "decline").await;
    assert_eq!(answer.status(), 303);
    assert_eq!(answer.headers()["location"], REDIRECT_URL);

    let inquiry = sim.client().inquire_vaulting("tds-2").await.unwrap();
    let InquiryOutcome::Failed(failed) = inquiry else {
        panic!("{inquiry:?}");
    };
    assert_eq!(
        failed.code,
        Some(Open::Known(VaultingResultCode::DoNotHonor))
    );
    assert_eq!(sim.vaulting("tds-2").unwrap().status, VaultingState::Fail);

    assert_eq!(post_decision(&page_url, "approve").await.status(), 409);
    assert_eq!(
        sim.complete_verification("tds-2", true).await,
        Err(SimulatorError::NotPending {
            status: VaultingState::Fail
        })
    );
}

#[tokio::test]
async fn json_decisions_and_bad_requests() {
    let sim = sim().await;
    let action = start_challenge(&sim, "tds-3").await;
    let page_url = action.urls.normal_url().unwrap().to_string();

    let bad = post_decision(&page_url, "maybe").await;
    assert_eq!(bad.status(), 400);
    let unknown = post_decision(&format!("{}/sim/3ds/nope", sim.base_url()), "approve").await;
    assert_eq!(unknown.status(), 404);
    let missing_page = http()
        .get(format!("{}/sim/3ds/nope", sim.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(missing_page.status(), 404);

    let answer = http()
        .post(&page_url)
        .header("content-type", "application/json")
        .body(r#"{"decision":"approve"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 303);
    assert_eq!(
        sim.vaulting("tds-3").unwrap().status,
        VaultingState::Success
    );
}

#[tokio::test]
async fn complete_verification_is_the_page_without_http() {
    let sim = sim().await;
    start_challenge(&sim, "tds-4").await;
    assert_eq!(
        sim.complete_verification("unknown", true).await,
        Err(SimulatorError::UnknownVaulting)
    );
    sim.complete_verification("tds-4", true).await.unwrap();
    let resolved = sim
        .client()
        .resolve("tds-4", std::time::Duration::from_secs(2))
        .await
        .unwrap();
    assert!(
        matches!(resolved, InquiryOutcome::Succeeded(_)),
        "{resolved:?}"
    );
    // A card that never needed verification cannot be verified.
    sim.client()
        .vault_payment_method(&request("tds-5", "4111111111111111"))
        .await
        .unwrap();
    assert_eq!(
        sim.complete_verification("tds-5", false).await,
        Err(SimulatorError::NotPending {
            status: VaultingState::Success
        })
    );
}
