//! The fields and values the official SDKs know (Python 1.7.1, Java 2.2.8, Go 1.3.5) beyond the
//! API documents: every one parses, is reachable through the types, and lands in the right
//! outcome; the acquirer's card token never prints.

use alipay_vaulting::card::CardToken;
use alipay_vaulting::outcome::{interpret_inquiry, InquiryOutcome, NextStep};
use alipay_vaulting::types::{self, Funding, VaultingResultCode};
use alipay_vaulting::{Open, Validate};
use serde_json::json;

const ACQUIRER_TOKEN: &str = "ACQtok_4vS9xQ2mZr81LkPw0dTnY6";

fn acquirer_info() -> serde_json::Value {
    json!({
        "acquirerName": "ACQ",
        "ptspTransactionId": "ptsp-0001",
        "acquirerCardToken": ACQUIRER_TOKEN,
        "acquirerFingerprint": "fp-0001",
        "acquirerAccountName": "JOHN SMITH"
    })
}

fn card() -> serde_json::Value {
    json!({
        "cardToken": "ALIPAY9CGwsAeMBug+G2dSKDV6AIsNKTxAFNkOMoj8Gxvt8h0eDUbd6nO5",
        "brand": "VISA",
        "funding": "DEFERRED_DEBIT",
        "instUserName": { "firstName": "JOHN", "lastName": "SMITH", "fullName": "JOHN SMITH" },
        "supportedBrands": ["VISA", "CARTES_BANCAIRES"],
        "billingAddress": { "region": "FR", "address3": "Bâtiment C", "country": "France" }
    })
}

#[test]
fn an_inquiry_with_every_new_field_parses_and_each_is_reachable() {
    let body = json!({
        "result": { "resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success." },
        "vaultingRequestId": "sdk-1",
        "vaultingStatus": "SUCCESS",
        "vaultingResultCode": "SUCCESS",
        "vaultingResultMessage": "success.",
        "paymentMethodDetail": { "paymentMethodType": "CARD", "card": card() },
        "acquirerInfo": acquirer_info()
    });
    let response: types::InquireVaultingResponse = serde_json::from_value(body).unwrap();
    assert_eq!(
        response.vaulting_result_code,
        Some(Open::Known(VaultingResultCode::Success))
    );
    assert_eq!(
        response.vaulting_result_message.as_deref(),
        Some("success.")
    );
    let acquirer = response.acquirer_info.as_ref().unwrap();
    assert_eq!(acquirer.ptsp_transaction_id.as_deref(), Some("ptsp-0001"));
    assert_eq!(
        acquirer.acquirer_card_token.as_ref().map(CardToken::expose),
        Some(ACQUIRER_TOKEN)
    );
    assert_eq!(acquirer.acquirer_fingerprint.as_deref(), Some("fp-0001"));
    assert_eq!(
        acquirer.acquirer_account_name.as_deref(),
        Some("JOHN SMITH")
    );

    let card = response
        .payment_method_detail
        .as_ref()
        .and_then(|d| d.card.as_ref())
        .unwrap();
    assert_eq!(card.funding, Some(Open::Known(Funding::DeferredDebit)));
    assert_eq!(
        card.inst_user_name
            .as_ref()
            .and_then(|n| n.full_name.as_ref().map(|n| n.expose())),
        Some("JOHN SMITH")
    );
    assert_eq!(card.supported_brands, ["VISA", "CARTES_BANCAIRES"]);
    let address = card.billing_address.as_ref().unwrap();
    assert_eq!(
        address.address3.as_ref().map(|a| a.expose()),
        Some("Bâtiment C")
    );
    assert_eq!(address.country.as_deref(), Some("France"));

    // The interpretation keeps it all.
    let InquiryOutcome::Succeeded(vaulted) = interpret_inquiry(response) else {
        panic!("not vaulted");
    };
    assert_eq!(
        vaulted.detail().card.as_ref().unwrap().funding,
        Some(Open::Known(Funding::DeferredDebit))
    );
}

#[test]
fn every_funding_value_is_known_and_others_are_kept() {
    for (wire, known) in [
        ("CREDIT", Funding::Credit),
        ("DEBIT", Funding::Debit),
        ("PREPAID", Funding::Prepaid),
        ("CHARGE", Funding::Charge),
        ("DEFERRED_DEBIT", Funding::DeferredDebit),
    ] {
        let card: types::VaultedCard = serde_json::from_value(json!({ "funding": wire })).unwrap();
        assert_eq!(card.funding, Some(Open::Known(known)), "{wire}");
    }
    let card: types::VaultedCard =
        serde_json::from_value(json!({ "funding": "STORE_CREDIT" })).unwrap();
    assert_eq!(card.funding, Some(Open::Unknown("STORE_CREDIT".into())));
}

#[test]
fn a_vault_response_and_a_notification_carry_the_new_fields() {
    let vault: types::VaultPaymentMethodResponse = serde_json::from_value(json!({
        "result": { "resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success." },
        "vaultingRequestId": "sdk-2",
        "paymentMethodDetail": { "paymentMethodType": "CARD", "card": card() },
        "acquirerInfo": acquirer_info()
    }))
    .unwrap();
    assert_eq!(
        vault
            .acquirer_info
            .as_ref()
            .and_then(|a| a.acquirer_card_token.as_ref())
            .map(CardToken::expose),
        Some(ACQUIRER_TOKEN)
    );

    let notification: types::NotifyVaultingRequest = serde_json::from_value(json!({
        "notifyType": "A_TYPE_NO_SOURCE_NAMES",
        "result": { "resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success." },
        "vaultingRequestId": "sdk-2",
        "vaultingStatus": "PROCESSING",
        "paymentMethodDetail": { "paymentMethodType": "CARD", "card": card() },
        "acquirerInfo": acquirer_info(),
        "customizedInfo": { "customizedField1": "order-42", "customizedField5": "five" }
    }))
    .unwrap();
    assert_eq!(
        notification.notify_type.as_deref(),
        Some("A_TYPE_NO_SOURCE_NAMES")
    );
    let custom = notification.customized_info.as_ref().unwrap();
    assert_eq!(custom.customized_field1.as_deref(), Some("order-42"));
    assert_eq!(custom.customized_field5.as_deref(), Some("five"));
    assert_eq!(
        notification.vaulting_status,
        Some(Open::Known(types::VaultingStatus::Processing))
    );
}

#[test]
fn the_request_address_takes_address3_and_country_within_limits() {
    let address: types::Address = serde_json::from_value(json!({
        "region": "FR", "address3": "Bâtiment C", "country": "France"
    }))
    .unwrap();
    address.validate().unwrap();
    assert_eq!(
        serde_json::to_value(&address).unwrap(),
        json!({ "region": "FR", "address3": "Bâtiment C", "country": "France" })
    );
    let long: types::Address =
        serde_json::from_value(json!({ "address3": "x".repeat(257) })).unwrap();
    let error = long.validate().unwrap_err().to_string();
    assert!(error.contains("address3"), "{error}");
}

/// An inquiry answering `S` with each `vaultingResultCode` the SDKs know.
#[test]
fn an_inquiry_answering_s_with_each_vaulting_result_code_gives_the_right_outcome() {
    let failures = [
        "ACCESS_DENIED",
        "ACCOUNT_CLOSED",
        "AUTHENTICATION_REQUIRED",
        "BLOCKED_FIRST_USED",
        "CARD_EXPIRED",
        "CARD_NOT_SUPPORTED",
        "DO_NOT_HONOR",
        "FRAUD_REJECT",
        "INVALID_CARD_NUMBER",
        "INVALID_CVV",
        "INVALID_EXPIRATION_DATE",
        "LOST_CARD",
        "NO_SELECTED_ACCOUNT",
        "ORDER_IS_CLOSED",
        "PAYMENT_AMOUNT_EXCEED_LIMIT",
        "PAYMENT_COUNT_EXCEED_LIMIT",
        "PICKUP_CARD",
        "POLICY",
        "PROCESS_FAIL",
        "RESTRICTED_CARD",
        "STOLEN_CARD",
        "USER_BALANCE_NOT_ENOUGH",
        "USER_PAYMENT_VERIFICATION_FAILED",
        "VERIFY_TIMES_EXCEED_LIMIT",
    ];
    let inquiry = |status: &str, code: &str| {
        let mut body = json!({
            "result": { "resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success." },
            "vaultingRequestId": "sdk-3",
            "vaultingStatus": status,
            "vaultingResultCode": code,
            "vaultingResultMessage": "m"
        });
        if status == "SUCCESS" {
            body["paymentMethodDetail"] = json!({ "card": { "cardToken": "tok" } });
        }
        if status == "PROCESSING" {
            body["normalUrl"] = json!("https://gateway.example/3ds");
        }
        interpret_inquiry(serde_json::from_value(body).unwrap())
    };
    for code in failures {
        let outcome = inquiry("FAIL", code);
        let InquiryOutcome::Failed(failure) = &outcome else {
            panic!("{code}: {outcome:?}");
        };
        let known = failure.code.as_ref().and_then(Open::known);
        assert!(known.is_some(), "{code} is not a known VaultingResultCode");
        assert_eq!(failure.code.as_ref().unwrap().as_wire(), code);
        let step = if code == "PROCESS_FAIL" {
            NextStep::DoNotRetry
        } else {
            NextStep::RetryWithNewRequestId
        };
        assert_eq!(outcome.next_step(), step, "{code}");
    }
    assert!(matches!(
        inquiry("SUCCESS", "SUCCESS"),
        InquiryOutcome::Succeeded(_)
    ));
    assert!(matches!(
        inquiry("PROCESSING", "VERIFICATION_IN_PROCESS"),
        InquiryOutcome::Processing(_)
    ));
}

#[test]
fn the_acquirer_card_token_never_prints() {
    let info: types::AcquirerInfo = serde_json::from_value(acquirer_info()).unwrap();
    let debug = format!("{info:?}");
    assert!(!debug.contains(ACQUIRER_TOKEN), "{debug}");
    assert!(!debug.contains("4vS9xQ2mZr81"), "{debug}");
    assert!(
        debug.contains("acquirer_card_token: Some(CardToken(ACQtok…(29 chars)))"),
        "{debug}"
    );
    // Serialized, it is the real value (it is what the gateway sent).
    assert_eq!(
        serde_json::to_value(&info).unwrap()["acquirerCardToken"],
        ACQUIRER_TOKEN
    );
    let response: types::InquireVaultingResponse = serde_json::from_value(json!({
        "result": { "resultStatus": "S", "resultCode": "SUCCESS" },
        "acquirerInfo": acquirer_info()
    }))
    .unwrap();
    let debug = format!("{response:?}");
    assert!(!debug.contains(ACQUIRER_TOKEN), "{debug}");
}

/// The card token of every generated model that carries one (the responses, the notification,
/// `VaultedCard::detail()`) prints as a prefix and a length only.
#[test]
fn the_card_token_never_prints_from_the_generated_models() {
    const TOKEN: &str = "ALIPAY9CGwsAeMBug+G2dSKDV6AIsNKTxAFNkOMoj8Gxvt8h0eDUbd6nO5";
    let card: types::VaultedCard = serde_json::from_value(json!({
        "cardToken": TOKEN, "maskedCardNo": "************8764", "brand": "VISA"
    }))
    .unwrap();
    let debug = format!("{card:?}");
    assert!(
        debug.contains("card_token: Some(CardToken(ALIPAY…(58 chars)))"),
        "{debug}"
    );
    assert!(!debug.contains("9CGwsAeMBug"), "{debug}");
    assert_eq!(serde_json::to_value(&card).unwrap()["cardToken"], TOKEN);

    let notification: types::NotifyVaultingRequest = serde_json::from_value(json!({
        "result": { "resultStatus": "S", "resultCode": "SUCCESS" },
        "vaultingRequestId": "tok-1",
        "paymentMethodDetail": { "card": { "cardToken": TOKEN } }
    }))
    .unwrap();
    assert!(!format!("{notification:?}").contains("9CGwsAeMBug"));
    let response: types::InquireVaultingResponse = serde_json::from_value(json!({
        "result": { "resultStatus": "S", "resultCode": "SUCCESS" },
        "vaultingStatus": "SUCCESS",
        "paymentMethodDetail": { "card": { "cardToken": TOKEN } }
    }))
    .unwrap();
    assert!(!format!("{response:?}").contains("9CGwsAeMBug"));
    let InquiryOutcome::Succeeded(vaulted) = interpret_inquiry(response) else {
        panic!("not vaulted");
    };
    assert_eq!(vaulted.card_token(), TOKEN);
    assert!(!format!("{:?}", vaulted.detail()).contains("9CGwsAeMBug"));
    assert!(!format!("{vaulted:?}").contains("9CGwsAeMBug"));
}
