//! `Debug` of every generated model that holds a card number, a CVV, a card token or the
//! cardholder's personal data (the card password digest, the CPF, the date of birth), and of
//! the outcomes built from them: none of those values appears, and the whole output is pinned,
//! so a new field that prints one fails here.

use alipay_vaulting::notification::interpret_notification;
use alipay_vaulting::outcome::{interpret_inquiry, interpret_vault};
use alipay_vaulting::types;
use serde_json::{json, Value};

const CARD_NO: &str = "4111111111111111";
const CVV: &str = "837";
const TOKEN: &str = "ALIPAYpinnedTOKEN0123456789abcdefXYZ";
const ACQUIRER_TOKEN: &str = "ACQpinnedTOKEN0123456789";
const PASSWORD_DIGEST: &str = "47";
const CPF: &str = "52998224725";
const DATE_OF_BIRTH: &str = "1987-06-05";

fn request_card() -> Value {
    json!({
        "cardNo": CARD_NO, "cvv": CVV, "expiryYear": "30", "expiryMonth": "12",
        "cardPasswordDigest": PASSWORD_DIGEST, "cpf": CPF, "dateOfBirth": DATE_OF_BIRTH
    })
}

fn vaulted_detail() -> Value {
    json!({
        "paymentMethodType": "CARD",
        "card": { "cardToken": TOKEN, "maskedCardNo": "************1111", "brand": "VISA" }
    })
}

fn acquirer_info() -> Value {
    json!({ "acquirerName": "ACQ", "acquirerCardToken": ACQUIRER_TOKEN })
}

fn response(extra: Value) -> Value {
    let mut body = json!({
        "result": { "resultStatus": "S", "resultCode": "SUCCESS" },
        "vaultingRequestId": "pin-1",
        "paymentMethodDetail": vaulted_detail(),
        "acquirerInfo": acquirer_info()
    });
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

fn parse<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// Every value printed, by name.
fn printed() -> Vec<(&'static str, String)> {
    let card: types::Card = parse(request_card());
    let method: types::PaymentMethodDetail =
        parse(json!({ "paymentMethodType": "CARD", "card": request_card() }));
    let request: types::VaultPaymentMethodRequest = parse(json!({
        "vaultingRequestId": "pin-1",
        "vaultingNotificationUrl": "https://merchant.example/notify",
        "redirectUrl": "https://merchant.example/back",
        "paymentMethodDetail": { "paymentMethodType": "CARD", "card": request_card() },
        "env": { "terminalType": "WEB" }
    }));
    let vaulted_card: types::VaultedCard = parse(vaulted_detail()["card"].clone());
    let detail: types::VaultedPaymentMethodDetail = parse(vaulted_detail());
    let acquirer: types::AcquirerInfo = parse(acquirer_info());
    let vault: types::VaultPaymentMethodResponse = parse(response(json!({})));
    let inquiry: types::InquireVaultingResponse =
        parse(response(json!({ "vaultingStatus": "SUCCESS" })));
    let notification: types::NotifyVaultingRequest =
        parse(response(json!({ "notifyType": "VAULTING_RESULT" })));
    vec![
        ("types::Card", format!("{card:?}")),
        ("types::PaymentMethodDetail", format!("{method:?}")),
        ("types::VaultPaymentMethodRequest", format!("{request:?}")),
        ("types::VaultedCard", format!("{vaulted_card:?}")),
        ("types::VaultedPaymentMethodDetail", format!("{detail:?}")),
        ("types::AcquirerInfo", format!("{acquirer:?}")),
        ("types::VaultPaymentMethodResponse", format!("{vault:?}")),
        ("types::InquireVaultingResponse", format!("{inquiry:?}")),
        ("types::NotifyVaultingRequest", format!("{notification:?}")),
        ("VaultOutcome", format!("{:?}", interpret_vault(vault))),
        (
            "InquiryOutcome",
            format!("{:?}", interpret_inquiry(inquiry)),
        ),
        (
            "NotificationOutcome",
            format!("{:?}", interpret_notification(notification)),
        ),
    ]
}

// The pinned outputs, the leaves first; the models that hold them are pinned by composition.

const CARD: &str = "Card { billing_address: None, brand: None, business_no: None, \
    business_registration_no: None, card_no: CardNumber(\"****1111\"), \
    card_password_digest: Some(CardPasswordDigest(***)), cardholder_name: None, \
    cpf: Some(Cpf(***)), cvv: Some(Cvv(\"***\")), date_of_birth: Some(DateOfBirth(***)), \
    expiry_month: \"12\", expiry_year: \"30\", payer_email: None }";

const VAULTED_CARD: &str = "VaultedCard { authentication_flow: None, avs_result_raw: None, \
    billing_address: None, bin: None, brand: Some(Known(Visa)), card_issuer: None, \
    card_token: Some(CardToken(ALIPAY…(36 chars))), cardholder_name: None, country_issue: None, \
    cvv_result_raw: None, expiry_month: None, expiry_year: None, fingerprint: None, \
    funding: None, inst_user_name: None, is3_ds_authentication: None, issuer_name: None, \
    issuing_country: None, last4: None, last_four: None, mask: None, \
    masked_card_no: Some(\"************1111\"), network_transaction_id: None, \
    payment_method_detail_metadata: None, selected_card_brand: None, supported_brands: [] }";

const ACQUIRER: &str = "AcquirerInfo { acquirer_account_name: None, \
    acquirer_card_token: Some(CardToken(ACQpin…(24 chars))), acquirer_fingerprint: None, \
    acquirer_merchant_id: None, acquirer_merchant_name: None, acquirer_name: Some(\"ACQ\"), \
    acquirer_reason_description: None, acquirer_result_code: None, \
    acquirer_result_message: None, acquirer_transaction_id: None, ptsp_transaction_id: None, \
    reference_request_id: None }";

const ENV: &str = "Env { browser_info: None, client_ip: None, color_depth: None, \
    cookie_id: None, device_brand: None, device_id: None, device_language: None, \
    device_model: None, device_token_id: None, extend_info: None, os_type: None, \
    os_version: None, screen_height: None, screen_width: None, store_terminal_id: None, \
    store_terminal_request_time: None, terminal_type: TerminalType(\"WEB\"), \
    time_zone_offset: None, user_agent: None }";

const SUCCESS: &str =
    "Result { result_code: Known(Success), result_message: None, result_status: Known(S) }";

fn expected() -> Vec<(&'static str, String)> {
    let method = format!("PaymentMethodDetail {{ card: {CARD}, payment_method_type: Card }}");
    let detail = format!(
        "VaultedPaymentMethodDetail {{ card: Some({VAULTED_CARD}), \
         payment_method_type: Some(Known(Card)) }}"
    );
    let outcome_card = format!(
        "VaultedCard {{ card_token: ALIPAY…(36 chars), masked_card_no: Some(\"************1111\"), \
         brand: Some(Known(Visa)), detail: {detail} }}"
    );
    vec![
        ("types::Card", CARD.to_owned()),
        ("types::PaymentMethodDetail", method.clone()),
        (
            "types::VaultPaymentMethodRequest",
            format!(
                "VaultPaymentMethodRequest {{ customized_info: None, env: {ENV}, \
                 merchant_account_id: None, merchant_region: None, metadata: None, \
                 payment_method_detail: {method}, \
                 redirect_url: \"https://merchant.example/back\", vaulting_currency: None, \
                 vaulting_notification_url: \"https://merchant.example/notify\", \
                 vaulting_request_id: \"pin-1\" }}"
            ),
        ),
        ("types::VaultedCard", VAULTED_CARD.to_owned()),
        ("types::VaultedPaymentMethodDetail", detail.clone()),
        ("types::AcquirerInfo", ACQUIRER.to_owned()),
        (
            "types::VaultPaymentMethodResponse",
            format!(
                "VaultPaymentMethodResponse {{ acquirer_info: Some({ACQUIRER}), \
                 app_link_url: None, applink_url: None, normal_url: None, \
                 payment_method_detail: Some({detail}), result: {SUCCESS}, scheme_url: None, \
                 vaulting_request_id: Some(\"pin-1\") }}"
            ),
        ),
        (
            "types::InquireVaultingResponse",
            format!(
                "InquireVaultingResponse {{ acquirer_info: Some({ACQUIRER}), \
                 app_link_url: None, applink_url: None, metadata: None, normal_url: None, \
                 payment_method_detail: Some({detail}), result: {SUCCESS}, scheme_url: None, \
                 vaulting_request_id: Some(\"pin-1\"), vaulting_result_code: None, \
                 vaulting_result_message: None, vaulting_status: Some(Known(Success)) }}"
            ),
        ),
        (
            "types::NotifyVaultingRequest",
            format!(
                "NotifyVaultingRequest {{ acquirer_info: Some({ACQUIRER}), \
                 customized_info: None, metadata: None, notify_type: Some(\"VAULTING_RESULT\"), \
                 payment_method_detail: Some({detail}), result: {SUCCESS}, \
                 vaulting_create_time: None, vaulting_request_id: \"pin-1\", \
                 vaulting_status: None }}"
            ),
        ),
        ("VaultOutcome", format!("Vaulted({outcome_card})")),
        ("InquiryOutcome", format!("Succeeded({outcome_card})")),
        ("NotificationOutcome", format!("Vaulted({outcome_card})")),
    ]
}

#[test]
fn debug_of_every_model_with_card_data_or_a_token_is_pinned() {
    let printed = printed();
    let expected = expected();
    assert_eq!(printed.len(), expected.len());
    for ((name, got), (want_name, want)) in printed.iter().zip(&expected) {
        assert_eq!(name, want_name);
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn no_secret_appears_in_any_debug_output() {
    let secrets = [
        CARD_NO,
        &CARD_NO[..12],
        TOKEN,
        &TOKEN[6..],
        ACQUIRER_TOKEN,
        &ACQUIRER_TOKEN[6..],
        CPF,
        DATE_OF_BIRTH,
    ];
    for (name, text) in printed() {
        for secret in secrets {
            assert!(!text.contains(secret), "{name} prints a secret: {text}");
        }
        // Short values: as whole digit runs only.
        for short in [CVV, PASSWORD_DIGEST] {
            assert_eq!(
                crate::support::standalone_matches(&text, short).count(),
                0,
                "{name}: {text}"
            );
        }
    }
    // Serialized, every value is the real one: it is what the gateway needs.
    let card: types::Card = parse(request_card());
    let wire = serde_json::to_value(&card).unwrap();
    assert_eq!(wire, request_card());
}

#[test]
fn the_personal_data_types_keep_the_specs_limits_and_name_the_field() {
    use alipay_vaulting::card::{CardPasswordDigest, Cpf, DateOfBirth};
    use alipay_vaulting::Validate;

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/vaulting.yaml");
    let spec: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let max = |name: &str| {
        spec["components"]["schemas"][name]["maxLength"]
            .as_u64()
            .unwrap_or_else(|| panic!("{name} has no maxLength")) as usize
    };
    assert_eq!(max("CardPasswordDigest"), CardPasswordDigest::MAX_CHARS);
    assert_eq!(max("Cpf"), Cpf::MAX_CHARS);
    assert_eq!(max("DateOfBirth"), DateOfBirth::MAX_CHARS);

    for (field, value) in [
        ("cardPasswordDigest", "123"),
        ("cpf", "529982247250"),
        ("dateOfBirth", "1987-06-05T"),
    ] {
        let mut card = request_card();
        card[field] = json!(value);
        let method: types::PaymentMethodDetail =
            parse(json!({ "paymentMethodType": "CARD", "card": card }));
        let error = method.validate().unwrap_err();
        assert_eq!(error.field(), format!("card.{field}"));
        assert!(!error.to_string().contains(value), "{error}");
    }
}
