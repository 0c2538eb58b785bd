//! The generated models checked against the two API documents: their examples, the spec's
//! request limits, lenient parsing of responses, and redaction of card data.

use alipay_vaulting::card::CardToken;
use alipay_vaulting::types;
use alipay_vaulting::validate::Problem;
use alipay_vaulting::{Open, Validate};
use serde_json::{json, Value};

/// The examples of the vaultPaymentMethod and inquireVaulting documents (`tests/fixtures/api/`).
const VAULT_REQUEST: &str = "vault_payment_method.request.json";
const VAULT_RESPONSE: &str = "vault_payment_method.response.json";
const INQUIRE_REQUEST: &str = "inquire_vaulting.request.json";
const INQUIRE_RESPONSE: &str = "inquire_vaulting.response.json";

/// An example body of the API documents, from `tests/fixtures/api/` (each file is the text of
/// one ```json block of a document in `shared/api/`; see `tests/fixtures/README.md`).
fn document_json(file: &str) -> Value {
    let path = format!("{}/tests/fixtures/api/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The vaultPaymentMethod document's request, built through the generated builders.
fn document_request() -> types::VaultPaymentMethodRequest {
    let card = types::Card::builder()
        .card_no("4112273146798764")
        .brand(types::CardBrand::Visa)
        .cardholder_name(Some(
            types::UserName::builder()
                .first_name(Some("xu".into()))
                .middle_name(Some("fang".into()))
                .last_name(Some("jie".into()))
                .full_name(Some("xufangjie".into()))
                .try_into()
                .unwrap(),
        ))
        .billing_address(Some(
            types::Address::builder()
                .region("CN".to_string())
                .address1(Some("gongzhuan Road".into()))
                .city(Some("hangzhou".into()))
                .state(Some("zhejiang".into()))
                .zip_code(Some("310000".into()))
                .try_into()
                .unwrap(),
        ))
        .cvv(Some("123".into()))
        .expiry_year("26")
        .expiry_month("08")
        .business_registration_no("96".to_string());
    types::VaultPaymentMethodRequest::builder()
        .vaulting_request_id("123456789206")
        .vaulting_notification_url("www.test.com")
        .redirect_url("www.test.com")
        .payment_method_detail(
            types::PaymentMethodDetail::builder()
                .payment_method_type(types::PaymentMethodType::Card)
                .card(card),
        )
        .env(types::Env::builder().terminal_type("app".to_string()))
        .try_into()
        .unwrap()
}

#[test]
fn document_request_serializes_to_the_documents_example() {
    let request = document_request();
    request.validate().unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        document_json(VAULT_REQUEST)
    );
}

#[test]
fn vault_document_response_parses_with_every_field_reachable() {
    let response: types::VaultPaymentMethodResponse =
        serde_json::from_value(document_json(VAULT_RESPONSE)).unwrap();
    assert_eq!(
        response.vaulting_request_id.as_deref(),
        Some("123487889889")
    );
    assert_eq!(response.result.result_status, types::ResultStatus::S);
    assert_eq!(response.result.result_code, types::ResultCode::Success);
    assert_eq!(response.result.result_message.as_deref(), Some("success."));
    let detail = response.payment_method_detail.expect("paymentMethodDetail");
    assert_eq!(
        detail.payment_method_type.as_ref().map(|t| t.to_string()),
        Some("CARD".to_string())
    );
    let card = detail.card.expect("card");
    assert_eq!(card.brand, Some(Open::Known(types::CardBrand::Visa)));
    assert_eq!(
        card.card_token.as_ref().map(CardToken::expose),
        Some("ALIPAY9CGwsAeMBug+G2dSKDV6AIsNKTxAFNkOMoj8Gxvt8h0eDUbd6nO5CwMFIjEFERWxCAo/b1OjVTvtl1zspyMGcg==")
    );
    assert_eq!(card.masked_card_no.as_deref(), Some("************8764"));
    assert_eq!(response.normal_url, None);
}

#[test]
fn inquire_document_response_parses_with_every_field_reachable() {
    let request: types::InquireVaultingRequest =
        serde_json::from_value(document_json(INQUIRE_REQUEST)).unwrap();
    assert_eq!(request.vaulting_request_id, "123456789206");
    request.validate().unwrap();

    let response: types::InquireVaultingResponse =
        serde_json::from_value(document_json(INQUIRE_RESPONSE)).unwrap();
    assert_eq!(
        response.vaulting_request_id.as_deref(),
        Some("123487889889")
    );
    assert_eq!(
        response.vaulting_status,
        Some(Open::Known(types::VaultingStatus::Success))
    );
    assert_eq!(response.result.result_status, types::ResultStatus::S);
    assert_eq!(response.result.result_code, types::ResultCode::Success);
    let card = response
        .payment_method_detail
        .and_then(|d| d.card)
        .expect("card");
    assert_eq!(card.brand, Some(Open::Known(types::CardBrand::Visa)));
    assert_eq!(card.masked_card_no.as_deref(), Some("************8764"));
    assert!(card
        .card_token
        .unwrap()
        .expose()
        .starts_with("ALIPAY9CGwsAeMBug"));
}

#[test]
fn unknown_fields_and_values_parse_and_are_kept() {
    let body = json!({
        "result": {"resultCode": "SOME_NEW_CODE", "resultStatus": "X", "resultMessage": "new", "traceId": "t-1"},
        "vaultingRequestId": "r-1",
        "vaultingStatus": "PAUSED",
        "vaultingResultCode": "NEW_DECLINE_REASON",
        "paymentMethodDetail": {
            "paymentMethodType": "CARD",
            "card": {"brand": "NEWBRAND", "cardToken": "tok", "futureField": {"nested": [1, 2]}}
        },
        "someFutureTopLevelField": true
    });
    let response: types::InquireVaultingResponse = serde_json::from_value(body).unwrap();
    assert_eq!(
        response.result.result_code,
        Open::Unknown("SOME_NEW_CODE".into())
    );
    assert_eq!(response.result.result_status, Open::Unknown("X".into()));
    assert_eq!(
        response.vaulting_status,
        Some(Open::Unknown("PAUSED".into()))
    );
    assert_eq!(
        response.vaulting_result_code,
        Some(Open::Unknown("NEW_DECLINE_REASON".into()))
    );
    let card = response.payment_method_detail.and_then(|d| d.card).unwrap();
    assert_eq!(card.brand, Some(Open::Unknown("NEWBRAND".into())));
    // The unknown value goes back on the wire as it came.
    assert_eq!(
        serde_json::to_value(&card.brand).unwrap(),
        json!("NEWBRAND")
    );

    let vault: types::VaultPaymentMethodResponse = serde_json::from_value(json!({
        "result": {"resultCode": "BRAND_NEW", "resultStatus": "U"},
        "vaultingRequestId": "r-2",
        "extra": 1
    }))
    .unwrap();
    assert_eq!(vault.result.result_code, Open::Unknown("BRAND_NEW".into()));
    assert_eq!(vault.result.result_status, types::ResultStatus::U);
}

#[test]
fn card_debug_is_redacted_exactly() {
    let card: types::Card = types::Card::builder()
        .card_no("4111111111111111")
        .cvv(Some("123".into()))
        .expiry_year("30")
        .expiry_month("12")
        .try_into()
        .unwrap();
    let printed = format!("{card:?}");
    assert!(!printed.contains("4111111111111111"), "{printed}");
    assert!(!printed.contains("123"), "{printed}");
    assert!(!printed.contains("411111"), "{printed}");
    assert_eq!(printed, PINNED_CARD_DEBUG);
    // The wire form carries the real values.
    let wire = serde_json::to_value(&card).unwrap();
    assert_eq!(wire["cardNo"], "4111111111111111");
    assert_eq!(wire["cvv"], "123");
}

const PINNED_CARD_DEBUG: &str = "Card { billing_address: None, brand: None, \
business_no: None, business_registration_no: None, card_no: CardNumber(\"****1111\"), \
card_password_digest: None, cardholder_name: None, cpf: None, cvv: Some(Cvv(\"***\")), \
date_of_birth: None, expiry_month: \"12\", expiry_year: \"30\", payer_email: None }";

#[test]
fn a_bad_expiry_month_is_rejected_naming_the_field() {
    let mut request = document_request();
    request.payment_method_detail.card.expiry_month = "13".into();
    let err = request.validate().unwrap_err();
    assert_eq!(err.field(), "paymentMethodDetail.card.expiryMonth");
    assert!(matches!(err.problem(), Problem::Pattern { .. }));
    assert!(!err.to_string().contains("13"), "{err}");
}

#[test]
fn a_card_number_with_letters_is_rejected_without_echoing_it() {
    let mut request = document_request();
    request.payment_method_detail.card.card_no = "4111abcd11111111".into();
    let err = request.validate().unwrap_err();
    assert_eq!(err.field(), "paymentMethodDetail.card.cardNo");
    assert_eq!(err.problem(), &Problem::NotDigits);
    assert!(!format!("{err} {err:?}").contains("4111"));
}

#[test]
fn the_generated_models_have_json_schemas() {
    let schema = schemars::schema_for!(types::VaultPaymentMethodRequest);
    let text = serde_json::to_string(&schema).unwrap();
    assert!(text.contains("\"vaultingRequestId\""));
    assert!(text.contains("\"cardNo\""));
}
