//! Every row of the two result-code tables of the API documents (vaultPaymentMethod and
//! inquireVaulting, as data in `tests/fixtures/api/result_codes.json`), plus the values they do
//! not list, through `interpret_vault` and `interpret_inquiry`. Every response is built from a
//! JSON body, so parsing is exercised too.

use alipay_vaulting::card::CardToken;
use alipay_vaulting::outcome::{
    interpret_inquiry, interpret_vault, InquiryOutcome, NextStep, UnknownReason, VaultOutcome,
};
use alipay_vaulting::{types, Open};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The success examples of the vaultPaymentMethod and inquireVaulting documents
/// (`tests/fixtures/api/`).
const VAULT_RESPONSE: &str = "vault_payment_method.response.json";
const INQUIRE_RESPONSE: &str = "inquire_vaulting.response.json";
const VAULT_PATH: &str = "/ams/api/v1/vaults/vaultPaymentMethod";
const INQUIRE_PATH: &str = "/ams/api/v1/vaults/inquireVaulting";

/// The token of both documents' success examples (94 characters).
const DOC_TOKEN: &str = "ALIPAY9CGwsAeMBug+G2dSKDV6AIsNKTxAFNkOMoj8Gxvt8h0eDUbd6nO5CwMFIjEFERWxCAo/b1OjVTvtl1zspyMGcg==";

const NORMAL: &str = "https://open-sea-global.alipay.com/page/vaulting/3ds?vaultingSessionId=1";
const SCHEME: &str = "alipays://platformapi/startapp?appId=20000067";
const APPLINK: &str = "https://render.alipay.com/p/s/vaulting/3ds?vaultingSessionId=1";

// ------------------------------------------------------------------------------------------
// Sources of the bodies: the two documents' ```json blocks (`tests/fixtures/api/`) and the spec's
// examples.
// ------------------------------------------------------------------------------------------

/// An example body of the API documents, from `tests/fixtures/api/` (each file is the text of
/// one ```json block of a document in `shared/api/`; see `tests/fixtures/README.md`).
fn document_json(file: &str) -> Value {
    let path = format!("{}/tests/fixtures/api/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The HTTP 200 response examples of an operation in `spec/vaulting.yaml`, by name.
fn spec_examples(path: &str) -> serde_json::Map<String, Value> {
    let file = format!("{}/spec/vaulting.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let spec: Value = serde_yaml_ng::from_str(&text).unwrap();
    let examples =
        &spec["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]["examples"];
    examples
        .as_object()
        .unwrap_or_else(|| panic!("no response examples for {path}"))
        .iter()
        .map(|(name, example)| (name.clone(), example["value"].clone()))
        .collect()
}

fn spec_example(path: &str, name: &str) -> Value {
    spec_examples(path)
        .remove(name)
        .unwrap_or_else(|| panic!("no example {name} for {path}"))
}

fn result(status: &str, code: &str) -> Value {
    json!({ "resultStatus": status, "resultCode": code, "resultMessage": "message" })
}

/// One row of a document's result/error-code table.
struct DocumentedRow {
    status: String,
    code: String,
    message: String,
}

impl DocumentedRow {
    /// `CODE/STATUS`, as the labels of the rows below start.
    fn key(&self) -> String {
        format!("{}/{}", self.code, self.status)
    }

    /// A response body with the row's `result` (its message included) and `fields`.
    fn body(&self, fields: Value) -> Value {
        let mut body = json!({ "result": {
            "resultStatus": self.status,
            "resultCode": self.code,
            "resultMessage": self.message,
        } });
        for (key, value) in fields.as_object().unwrap() {
            body[key] = value.clone();
        }
        body
    }
}

/// The rows of `operation`'s result-code table, in the document's order, from
/// `tests/fixtures/api/result_codes.json` (`fixtures::fixtures_match_the_documents` compares
/// that file with the tables of the documents).
fn documented_rows(operation: &str) -> Vec<DocumentedRow> {
    let path = format!(
        "{}/tests/fixtures/api/result_codes.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let tables: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let field = |row: &Value, name: &str| -> String {
        row[name]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: {operation}: a row without {name}: {row}"))
            .to_string()
    };
    tables[operation]
        .as_array()
        .unwrap_or_else(|| panic!("{path}: no table for {operation}"))
        .iter()
        .map(|row| DocumentedRow {
            status: field(row, "resultStatus"),
            code: field(row, "resultCode"),
            message: field(row, "resultMessage"),
        })
        .collect()
}

/// Checks that the table's rows are exactly `pinned` (so that a row added to or removed from
/// the document fails here until its outcome is pinned), and that every body a row is tested
/// with carries that row's `resultStatus` and `resultCode`.
fn check_table_rows<A>(
    operation: &str,
    documented: &[DocumentedRow],
    pinned: &[&str],
    rows: &[(&'static str, Value, A, NextStep)],
) {
    let keys: Vec<String> = documented.iter().map(DocumentedRow::key).collect();
    assert_eq!(
        keys, pinned,
        "{operation}: the document's result-code table changed: pin each row's outcome here"
    );
    for (label, body, _, _) in rows {
        let key = format!(
            "{}/{}",
            body["result"]["resultCode"].as_str().unwrap_or_default(),
            body["result"]["resultStatus"].as_str().unwrap_or_default()
        );
        assert!(
            label.starts_with(&key),
            "{label}: the body's result is {key}"
        );
    }
}

fn vault(body: Value) -> VaultOutcome {
    interpret_vault(serde_json::from_value(body).expect("the body parses"))
}

fn inquire(body: Value) -> InquiryOutcome {
    interpret_inquiry(serde_json::from_value(body).expect("the body parses"))
}

// ------------------------------------------------------------------------------------------
// vaultPaymentMethod
// ------------------------------------------------------------------------------------------

/// The arm a vault row must land in.
#[derive(Debug, PartialEq)]
enum V {
    Vaulted,
    BuyerActionRequired,
    Failed,
    Unknown(UnknownReason),
}

fn vault_arm(outcome: &VaultOutcome) -> V {
    match outcome {
        VaultOutcome::Vaulted(_) => V::Vaulted,
        VaultOutcome::BuyerActionRequired(_) => V::BuyerActionRequired,
        VaultOutcome::Failed(_) => V::Failed,
        VaultOutcome::Unknown(unknown) => V::Unknown(unknown.reason.clone()),
        other => panic!("an arm this test does not know: {other:?}"),
    }
}

fn vip(urls: Value) -> Value {
    let mut body = json!({
        "result": result("U", "VERIFICATION_IN_PROCESS"),
        "vaultingRequestId": "vault-req-0001",
    });
    for (key, value) in urls.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

/// The rows of the vaultPaymentMethod document's table, in its order.
const VAULT_TABLE: [&str; 6] = [
    "SUCCESS/S",
    "PARAM_ILLEGAL/F",
    "PROCESS_FAIL/F",
    "UNKNOWN_EXCEPTION/U",
    "VERIFICATION_IN_PROCESS/U",
    "VERIFICATION_FAIL/F",
];

/// (label, body, arm, next step) for each row of the document's table, read from the fixture.
fn vault_table_rows() -> Vec<(&'static str, Value, V, NextStep)> {
    use NextStep::*;
    let documented = documented_rows("vaultPaymentMethod");
    let mut rows = Vec::new();
    for row in &documented {
        let id = |fields: Value| {
            let mut fields = fields;
            fields["vaultingRequestId"] = json!("vault-req-0001");
            row.body(fields)
        };
        rows.extend(match row.key().as_str() {
            "SUCCESS/S" => vec![
                (
                    "SUCCESS/S: the document's example",
                    document_json(VAULT_RESPONSE),
                    V::Vaulted,
                    NextStep::None,
                ),
                (
                    "SUCCESS/S: the spec's document example",
                    spec_example(VAULT_PATH, "document"),
                    V::Vaulted,
                    NextStep::None,
                ),
                (
                    "SUCCESS/S: the signing vector",
                    spec_example(VAULT_PATH, "signingVector"),
                    V::Vaulted,
                    NextStep::None,
                ),
            ],
            "PARAM_ILLEGAL/F" => vec![(
                "PARAM_ILLEGAL/F: the spec's example",
                spec_example(VAULT_PATH, "paramIllegal"),
                V::Failed,
                FixRequest,
            )],
            "PROCESS_FAIL/F" => vec![(
                "PROCESS_FAIL/F",
                row.body(json!({ "vaultingRequestId": "r" })),
                V::Failed,
                DoNotRetry,
            )],
            "VERIFICATION_FAIL/F" => vec![(
                "VERIFICATION_FAIL/F: the spec's example",
                spec_example(VAULT_PATH, "verificationFail"),
                V::Failed,
                RetryWithNewRequestId,
            )],
            "UNKNOWN_EXCEPTION/U" => vec![(
                "UNKNOWN_EXCEPTION/U: unknown, inquire with the same id (house rule)",
                row.body(json!({ "vaultingRequestId": "r" })),
                V::Unknown(UnknownReason::ResultUnknown),
                InquireWithSameRequestId,
            )],
            "VERIFICATION_IN_PROCESS/U" => vec![
                (
                    "VERIFICATION_IN_PROCESS/U: all three URLs (the spec's example)",
                    spec_example(VAULT_PATH, "verificationInProcess"),
                    V::BuyerActionRequired,
                    RedirectBuyer,
                ),
                (
                    "VERIFICATION_IN_PROCESS/U: normalUrl only",
                    id(json!({ "normalUrl": NORMAL })),
                    V::BuyerActionRequired,
                    RedirectBuyer,
                ),
                (
                    "VERIFICATION_IN_PROCESS/U: schemeUrl only",
                    id(json!({ "schemeUrl": SCHEME })),
                    V::BuyerActionRequired,
                    RedirectBuyer,
                ),
                (
                    "VERIFICATION_IN_PROCESS/U: applinkUrl only",
                    id(json!({ "applinkUrl": APPLINK })),
                    V::BuyerActionRequired,
                    RedirectBuyer,
                ),
                (
                    "VERIFICATION_IN_PROCESS/U: no URL: failed, new id",
                    id(json!({})),
                    V::Failed,
                    RetryWithNewRequestId,
                ),
                (
                    "VERIFICATION_IN_PROCESS/U: only empty URLs count as none",
                    id(json!({ "normalUrl": "", "schemeUrl": " ", "applinkUrl": "" })),
                    V::Failed,
                    RetryWithNewRequestId,
                ),
            ],
            other => panic!("the document's table has a row {other} that this test does not pin"),
        });
    }
    check_table_rows("vaultPaymentMethod", &documented, &VAULT_TABLE, &rows);
    rows
}

/// (label, body, arm, next step): the document's table first, then what it does not list.
fn vault_rows() -> Vec<(&'static str, Value, V, NextStep)> {
    use NextStep::*;
    let mut rows = vault_table_rows();
    rows.extend([
        // -- values the table does not list --
        (
            "unrecognised resultStatus",
            json!({ "result": result("X", "SUCCESS"), "vaultingRequestId": "r" }),
            V::Unknown(UnknownReason::UnrecognisedStatus),
            InquireWithSameRequestId,
        ),
        (
            "lower-case resultStatus is not S",
            json!({ "result": result("s", "SUCCESS"), "vaultingRequestId": "r" }),
            V::Unknown(UnknownReason::UnrecognisedStatus),
            InquireWithSameRequestId,
        ),
        (
            "unrecognised F code: safe arm",
            json!({ "result": result("F", "SOME_NEW_FAILURE"), "vaultingRequestId": "r" }),
            V::Failed,
            DoNotRetry,
        ),
        (
            "F with a code of the other API (VAULTING_NOT_EXIST): safe arm",
            json!({ "result": result("F", "VAULTING_NOT_EXIST") }),
            V::Failed,
            DoNotRetry,
        ),
        (
            "unrecognised U code",
            json!({ "result": result("U", "SOME_NEW_PENDING"), "vaultingRequestId": "r" }),
            V::Unknown(UnknownReason::ResultUnknown),
            InquireWithSameRequestId,
        ),
        (
            "REQUEST_TRAFFIC_EXCEED_LIMIT/U",
            json!({ "result": result("U", "REQUEST_TRAFFIC_EXCEED_LIMIT") }),
            V::Unknown(UnknownReason::ResultUnknown),
            InquireWithSameRequestId,
        ),
        (
            "INVALID_SIGNATURE/F (result only)",
            json!({ "result": result("F", "INVALID_SIGNATURE") }),
            V::Failed,
            CheckConfiguration,
        ),
        (
            "KEY_NOT_FOUND/F",
            json!({ "result": result("F", "KEY_NOT_FOUND") }),
            V::Failed,
            CheckConfiguration,
        ),
        (
            "ACCESS_DENIED/F",
            json!({ "result": result("F", "ACCESS_DENIED") }),
            V::Failed,
            CheckConfiguration,
        ),
        (
            "INVALID_CLIENT/F",
            json!({ "result": result("F", "INVALID_CLIENT") }),
            V::Failed,
            CheckConfiguration,
        ),
        (
            "INVALID_API/F",
            json!({ "result": result("F", "INVALID_API") }),
            V::Failed,
            CheckConfiguration,
        ),
        (
            "NO_INTERFACE_DEF/F",
            json!({ "result": result("F", "NO_INTERFACE_DEF") }),
            V::Failed,
            CheckConfiguration,
        ),
        (
            "METHOD_NOT_SUPPORTED/F",
            json!({ "result": result("F", "METHOD_NOT_SUPPORTED") }),
            V::Failed,
            CheckConfiguration,
        ),
        (
            "MEDIA_TYPE_NOT_ACCEPTABLE/F",
            json!({ "result": result("F", "MEDIA_TYPE_NOT_ACCEPTABLE") }),
            V::Failed,
            CheckConfiguration,
        ),
        (
            "S without paymentMethodDetail: malformed success",
            json!({ "result": result("S", "SUCCESS"), "vaultingRequestId": "r" }),
            V::Unknown(UnknownReason::SuccessWithoutToken),
            InquireWithSameRequestId,
        ),
        (
            "S with a card but no cardToken",
            json!({
                "result": result("S", "SUCCESS"),
                "paymentMethodDetail": { "paymentMethodType": "CARD", "card": { "maskedCardNo": "************8764" } }
            }),
            V::Unknown(UnknownReason::SuccessWithoutToken),
            InquireWithSameRequestId,
        ),
        (
            "S with an empty cardToken",
            json!({ "result": result("S", "SUCCESS"), "paymentMethodDetail": { "card": { "cardToken": "" } } }),
            V::Unknown(UnknownReason::SuccessWithoutToken),
            InquireWithSameRequestId,
        ),
    ]);
    rows
}

#[test]
fn every_vault_row_lands_in_its_arm_with_its_next_step() {
    for (label, body, arm, next_step) in vault_rows() {
        let outcome = vault(body);
        assert_eq!(vault_arm(&outcome), arm, "{label}: {outcome:?}");
        assert_eq!(outcome.next_step(), next_step, "{label}");
        let is_final = matches!(arm, V::Vaulted | V::Failed);
        assert_eq!(outcome.is_final(), is_final, "{label}");
        assert_eq!(outcome.card_token().is_some(), arm == V::Vaulted, "{label}");
    }
}

#[test]
fn vault_document_success_keeps_the_card() {
    let outcome = vault(document_json(VAULT_RESPONSE));
    assert_eq!(outcome.card_token(), Some(DOC_TOKEN));
    let VaultOutcome::Vaulted(card) = outcome else {
        panic!("not vaulted")
    };
    assert_eq!(card.card_token(), DOC_TOKEN);
    assert_eq!(card.masked_card_no(), Some("************8764"));
    assert_eq!(card.brand(), Some(&Open::Known(types::CardBrand::Visa)));
    assert_eq!(
        card.detail().payment_method_type,
        Some(Open::Known(types::PaymentMethodType::Card))
    );
    let detail = card.into_detail();
    assert_eq!(
        detail
            .card
            .unwrap()
            .card_token
            .as_ref()
            .map(CardToken::expose),
        Some(DOC_TOKEN)
    );
}

#[test]
fn vault_failures_keep_code_message_and_id() {
    let VaultOutcome::Failed(failure) = vault(spec_example(VAULT_PATH, "paramIllegal")) else {
        panic!("not failed")
    };
    assert_eq!(failure.status, types::ResultStatus::F);
    assert_eq!(failure.code, types::ResultCode::ParamIllegal);
    assert_eq!(
        failure.message.as_deref(),
        Some("Illegal parameters. paymentMethodDetail.card.expiryMonth is invalid.")
    );
    assert_eq!(
        failure.vaulting_request_id.as_deref(),
        Some("vault-req-0004")
    );

    let VaultOutcome::Failed(failure) = vault(vip(json!({}))) else {
        panic!("not failed")
    };
    assert_eq!(failure.status, types::ResultStatus::U);
    assert_eq!(failure.code, types::ResultCode::VerificationInProcess);

    let VaultOutcome::Failed(failure) = vault(json!({ "result": result("F", "SOME_NEW_FAILURE") }))
    else {
        panic!("not failed")
    };
    assert_eq!(failure.code, Open::Unknown("SOME_NEW_FAILURE".into()));
    assert_eq!(failure.vaulting_request_id, None);
}

#[test]
fn vault_unknown_keeps_what_came() {
    let VaultOutcome::Unknown(unknown) = vault(json!({
        "result": { "resultStatus": "PENDING", "resultCode": "NEW" },
        "vaultingRequestId": "r-9"
    })) else {
        panic!("not unknown")
    };
    assert_eq!(unknown.status, Open::Unknown("PENDING".into()));
    assert_eq!(unknown.code, Open::Unknown("NEW".into()));
    assert_eq!(unknown.message, None);
    assert_eq!(unknown.vaulting_request_id.as_deref(), Some("r-9"));
    assert!(unknown.next_step.may_retry_with_same_id());
    assert!(!unknown.next_step.may_retry_with_new_id());
}

#[test]
fn each_single_url_is_kept_and_is_the_one_chosen() {
    let terminals = ["WEB", "WAP", "APP", "MINI_APP", "app", "something"];
    for (key, url) in [
        ("normalUrl", NORMAL),
        ("schemeUrl", SCHEME),
        ("applinkUrl", APPLINK),
    ] {
        let VaultOutcome::BuyerActionRequired(action) = vault(vip(json!({ key: url }))) else {
            panic!("{key}: no buyer action")
        };
        assert_eq!(
            action.vaulting_request_id.as_deref(),
            Some("vault-req-0001")
        );
        let urls = &action.urls;
        assert_eq!(
            urls.normal_url(),
            (key == "normalUrl").then_some(NORMAL),
            "{key}"
        );
        assert_eq!(
            urls.scheme_url(),
            (key == "schemeUrl").then_some(SCHEME),
            "{key}"
        );
        assert_eq!(
            urls.applink_url(),
            (key == "applinkUrl").then_some(APPLINK),
            "{key}"
        );
        assert_eq!(urls.first(), url, "{key}");
        for terminal in terminals {
            assert_eq!(
                urls.preferred(&types::TerminalType(terminal.into())),
                url,
                "{key} {terminal}"
            );
        }
    }
}

#[test]
fn with_all_three_urls_the_choice_follows_the_terminal() {
    let VaultOutcome::BuyerActionRequired(action) =
        vault(spec_example(VAULT_PATH, "verificationInProcess"))
    else {
        panic!("no buyer action")
    };
    let urls = &action.urls;
    assert!(urls.normal_url().unwrap().contains("/page/vaulting/3ds"));
    assert!(urls.scheme_url().unwrap().starts_with("alipays://"));
    assert!(urls
        .applink_url()
        .unwrap()
        .starts_with("https://render.alipay.com/"));
    assert_eq!(urls.first(), urls.normal_url().unwrap());
    for web in ["WEB", "WAP", "web", "unheard-of"] {
        assert_eq!(
            urls.preferred(&types::TerminalType(web.into())),
            urls.normal_url().unwrap()
        );
    }
    for app in ["APP", "MINI_APP", "app", "mini_app"] {
        assert_eq!(
            urls.preferred(&types::TerminalType(app.into())),
            urls.applink_url().unwrap()
        );
    }
}

// ------------------------------------------------------------------------------------------
// inquireVaulting
// ------------------------------------------------------------------------------------------

/// The arm an inquiry row must land in.
#[derive(Debug, PartialEq)]
enum I {
    Succeeded,
    Failed,
    Processing { urls: bool },
    NotFound,
    Unknown(UnknownReason),
}

fn inquiry_arm(outcome: &InquiryOutcome) -> I {
    match outcome {
        InquiryOutcome::Succeeded(_) => I::Succeeded,
        InquiryOutcome::Failed(_) => I::Failed,
        InquiryOutcome::Processing(p) => I::Processing {
            urls: p.urls.is_some(),
        },
        InquiryOutcome::NotFound(_) => I::NotFound,
        InquiryOutcome::Unknown(unknown) => I::Unknown(unknown.reason.clone()),
        other => panic!("an arm this test does not know: {other:?}"),
    }
}

fn s_with(fields: Value) -> Value {
    let mut body =
        json!({ "result": result("S", "SUCCESS"), "vaultingRequestId": "vault-req-0001" });
    for (key, value) in fields.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

/// The rows of the inquireVaulting document's table, in its order.
const INQUIRY_TABLE: [&str; 3] = ["SUCCESS/S", "VAULTING_NOT_EXIST/F", "UNKNOWN_EXCEPTION/U"];

/// (label, body, arm, next step) for each row of the document's table, read from the fixture;
/// SUCCESS/S with each vaultingStatus.
fn inquiry_table_rows() -> Vec<(&'static str, Value, I, NextStep)> {
    use NextStep::*;
    let documented = documented_rows("inquireVaulting");
    let mut rows = Vec::new();
    for row in &documented {
        let id = |fields: Value| {
            let mut fields = fields;
            fields["vaultingRequestId"] = json!("vault-req-0001");
            row.body(fields)
        };
        rows.extend(match row.key().as_str() {
            "SUCCESS/S" => vec![
                (
                    "SUCCESS/S + SUCCESS: the document's example",
                    document_json(INQUIRE_RESPONSE),
                    I::Succeeded,
                    NextStep::None,
                ),
                (
                    "SUCCESS/S + SUCCESS: the spec's document example",
                    spec_example(INQUIRE_PATH, "document"),
                    I::Succeeded,
                    NextStep::None,
                ),
                (
                    "SUCCESS/S + FAIL: the spec's example",
                    spec_example(INQUIRE_PATH, "fail"),
                    I::Failed,
                    RetryWithNewRequestId,
                ),
                (
                    "SUCCESS/S + FAIL without a reason",
                    id(json!({ "vaultingStatus": "FAIL" })),
                    I::Failed,
                    RetryWithNewRequestId,
                ),
                (
                    "SUCCESS/S + PROCESSING with URLs: the spec's example",
                    spec_example(INQUIRE_PATH, "processing"),
                    I::Processing { urls: true },
                    RedirectBuyer,
                ),
                (
                    "SUCCESS/S + PROCESSING with normalUrl only",
                    id(json!({ "vaultingStatus": "PROCESSING", "normalUrl": NORMAL })),
                    I::Processing { urls: true },
                    RedirectBuyer,
                ),
                (
                    "SUCCESS/S + PROCESSING without a URL",
                    id(json!({ "vaultingStatus": "PROCESSING" })),
                    I::Processing { urls: false },
                    InquireWithSameRequestId,
                ),
            ],
            "VAULTING_NOT_EXIST/F" => vec![(
                "VAULTING_NOT_EXIST/F: the spec's example (one inquiry: not confirmed, not final)",
                spec_example(INQUIRE_PATH, "notExist"),
                I::NotFound,
                InquireWithSameRequestId,
            )],
            "UNKNOWN_EXCEPTION/U" => vec![(
                "UNKNOWN_EXCEPTION/U: the spec's example",
                spec_example(INQUIRE_PATH, "unknown"),
                I::Unknown(UnknownReason::ResultUnknown),
                InquireWithSameRequestId,
            )],
            other => panic!("the document's table has a row {other} that this test does not pin"),
        });
    }
    check_table_rows("inquireVaulting", &documented, &INQUIRY_TABLE, &rows);
    rows
}

/// (label, body, arm, next step): the document's table first, then what it does not list.
fn inquiry_rows() -> Vec<(&'static str, Value, I, NextStep)> {
    use NextStep::*;
    let mut rows = inquiry_table_rows();
    rows.extend([
        // -- values the table does not list --
        (
            "S without vaultingStatus",
            s_with(json!({})),
            I::Unknown(UnknownReason::MissingVaultingStatus),
            InquireWithSameRequestId,
        ),
        (
            "S with an unrecognised vaultingStatus",
            s_with(json!({ "vaultingStatus": "CANCELLED" })),
            I::Unknown(UnknownReason::UnrecognisedVaultingStatus(
                "CANCELLED".into(),
            )),
            InquireWithSameRequestId,
        ),
        (
            "S + SUCCESS without a token: malformed success",
            s_with(json!({ "vaultingStatus": "SUCCESS" })),
            I::Unknown(UnknownReason::SuccessWithoutToken),
            InquireWithSameRequestId,
        ),
        (
            "S + SUCCESS with an empty token",
            s_with(
                json!({ "vaultingStatus": "SUCCESS", "paymentMethodDetail": { "card": { "cardToken": "" } } }),
            ),
            I::Unknown(UnknownReason::SuccessWithoutToken),
            InquireWithSameRequestId,
        ),
        (
            "unrecognised resultStatus",
            json!({ "result": result("X", "SUCCESS"), "vaultingStatus": "SUCCESS" }),
            I::Unknown(UnknownReason::UnrecognisedStatus),
            InquireWithSameRequestId,
        ),
        (
            "unrecognised U code",
            json!({ "result": result("U", "SOME_NEW_PENDING") }),
            I::Unknown(UnknownReason::ResultUnknown),
            InquireWithSameRequestId,
        ),
        (
            "PARAM_ILLEGAL/F: the inquiry is wrong",
            json!({ "result": result("F", "PARAM_ILLEGAL") }),
            I::Unknown(UnknownReason::InquiryFailed),
            FixRequest,
        ),
        (
            "INVALID_SIGNATURE/F: configuration",
            json!({ "result": result("F", "INVALID_SIGNATURE") }),
            I::Unknown(UnknownReason::InquiryFailed),
            CheckConfiguration,
        ),
        (
            "KEY_NOT_FOUND/F: configuration",
            json!({ "result": result("F", "KEY_NOT_FOUND") }),
            I::Unknown(UnknownReason::InquiryFailed),
            CheckConfiguration,
        ),
        (
            "REQUEST_TRAFFIC_EXCEED_LIMIT/F: inquire again later",
            json!({ "result": result("F", "REQUEST_TRAFFIC_EXCEED_LIMIT") }),
            I::Unknown(UnknownReason::RateLimited),
            InquireWithSameRequestId,
        ),
        (
            "PROCESS_FAIL/F: the inquiry failed",
            json!({ "result": result("F", "PROCESS_FAIL") }),
            I::Unknown(UnknownReason::InquiryFailed),
            DoNotRetry,
        ),
        (
            "unrecognised F code: safe arm",
            json!({ "result": result("F", "SOME_NEW_FAILURE") }),
            I::Unknown(UnknownReason::InquiryFailed),
            DoNotRetry,
        ),
    ]);
    rows
}

#[test]
fn every_inquiry_row_lands_in_its_arm_with_its_next_step() {
    for (label, body, arm, next_step) in inquiry_rows() {
        let outcome = inquire(body);
        assert_eq!(inquiry_arm(&outcome), arm, "{label}: {outcome:?}");
        assert_eq!(outcome.next_step(), next_step, "{label}");
        // One inquiry's "not found" is not final: only `resolve` confirms it.
        let is_final = matches!(arm, I::Succeeded | I::Failed);
        assert_eq!(outcome.is_final(), is_final, "{label}");
        assert_eq!(
            outcome.card_token().is_some(),
            arm == I::Succeeded,
            "{label}"
        );
    }
}

#[test]
fn inquiry_document_success_keeps_the_card() {
    let InquiryOutcome::Succeeded(card) = inquire(document_json(INQUIRE_RESPONSE)) else {
        panic!("not succeeded")
    };
    assert_eq!(card.card_token(), DOC_TOKEN);
    assert_eq!(card.masked_card_no(), Some("************8764"));
    assert_eq!(card.brand(), Some(&Open::Known(types::CardBrand::Visa)));
}

#[test]
fn inquiry_failure_keeps_the_reason() {
    let InquiryOutcome::Failed(failure) = inquire(spec_example(INQUIRE_PATH, "fail")) else {
        panic!("not failed")
    };
    assert_eq!(
        failure.code,
        Some(Open::Known(types::VaultingResultCode::CardExpired))
    );
    assert_eq!(failure.message.as_deref(), Some("The card has expired."));
    assert_eq!(
        failure.vaulting_request_id.as_deref(),
        Some("vault-req-0003")
    );

    let InquiryOutcome::Failed(failure) = inquire(s_with(
        json!({ "vaultingStatus": "FAIL", "vaultingResultCode": "NEW_DECLINE_REASON" }),
    )) else {
        panic!("not failed")
    };
    assert_eq!(
        failure.code,
        Some(Open::Unknown("NEW_DECLINE_REASON".into()))
    );
}

#[test]
fn processing_keeps_the_urls() {
    let InquiryOutcome::Processing(processing) = inquire(spec_example(INQUIRE_PATH, "processing"))
    else {
        panic!("not processing")
    };
    let urls = processing.urls.expect("urls");
    assert!(
        urls.normal_url().is_some() && urls.scheme_url().is_some() && urls.applink_url().is_some()
    );
    assert_eq!(
        processing.vaulting_request_id.as_deref(),
        Some("vault-req-0001")
    );
}

// ------------------------------------------------------------------------------------------
// Coverage of the spec's examples, redaction, and no panics.
// ------------------------------------------------------------------------------------------

#[test]
fn every_spec_response_example_has_a_pinned_outcome() {
    let vault_expected = [
        ("document", V::Vaulted),
        ("verificationInProcess", V::BuyerActionRequired),
        ("verificationFail", V::Failed),
        ("paramIllegal", V::Failed),
        ("signingVector", V::Vaulted),
    ];
    let examples = spec_examples(VAULT_PATH);
    let mut names: Vec<_> = examples.keys().cloned().collect();
    names.sort();
    let mut pinned: Vec<_> = vault_expected.iter().map(|(n, _)| n.to_string()).collect();
    pinned.sort();
    assert_eq!(
        names, pinned,
        "a vault example was added or removed: pin its outcome here"
    );
    for (name, arm) in vault_expected {
        assert_eq!(vault_arm(&vault(examples[name].clone())), arm, "{name}");
    }

    let inquiry_expected = [
        ("document", I::Succeeded),
        ("processing", I::Processing { urls: true }),
        ("fail", I::Failed),
        ("notExist", I::NotFound),
        ("unknown", I::Unknown(UnknownReason::ResultUnknown)),
    ];
    let examples = spec_examples(INQUIRE_PATH);
    let mut names: Vec<_> = examples.keys().cloned().collect();
    names.sort();
    let mut pinned: Vec<_> = inquiry_expected
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    pinned.sort();
    assert_eq!(
        names, pinned,
        "an inquiry example was added or removed: pin its outcome here"
    );
    for (name, arm) in inquiry_expected {
        assert_eq!(inquiry_arm(&inquire(examples[name].clone())), arm, "{name}");
    }
}

/// The exact `Debug` of the token: its first 6 characters and its length, nothing more.
const PINNED_TOKEN_DEBUG: &str = "VaultedCard { card_token: ALIPAY…(94 chars), \
masked_card_no: Some(\"************8764\"), brand: Some(Known(Visa)), detail: ";

#[test]
fn debug_never_prints_the_card_token() {
    let vaulted = vault(document_json(VAULT_RESPONSE));
    let printed = format!("{vaulted:?}");
    assert!(
        printed.starts_with(&format!("Vaulted({PINNED_TOKEN_DEBUG}")),
        "{printed}"
    );
    assert!(!printed.contains(DOC_TOKEN), "{printed}");
    assert!(!printed.contains("ALIPAY9"), "{printed}");
    // The generated detail inside is redacted the same way.
    assert_eq!(printed.matches("ALIPAY…(94 chars)").count(), 2, "{printed}");
    let pretty = format!("{vaulted:#?}");
    assert!(!pretty.contains("ALIPAY9"), "{pretty}");

    let succeeded = inquire(document_json(INQUIRE_RESPONSE));
    let printed = format!("{succeeded:?}");
    assert!(
        printed.starts_with(&format!("Succeeded({PINNED_TOKEN_DEBUG}")),
        "{printed}"
    );
    assert!(!printed.contains("ALIPAY9"), "{printed}");

    // A short token shows no prefix at all, only its length.
    let short = vault(spec_example(VAULT_PATH, "signingVector"));
    let printed = format!("{short:?}");
    assert!(!printed.contains("ALIPAY9CGws+/="), "{printed}");
    assert!(printed.contains("card_token: …(14 chars)"), "{printed}");
}

fn status() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("S".to_string()),
        Just("F".to_string()),
        Just("U".to_string()),
        ".{0,3}"
    ]
}

fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("SUCCESS".to_string()),
        Just("PARAM_ILLEGAL".to_string()),
        Just("PROCESS_FAIL".to_string()),
        Just("VERIFICATION_FAIL".to_string()),
        Just("UNKNOWN_EXCEPTION".to_string()),
        Just("VERIFICATION_IN_PROCESS".to_string()),
        Just("VAULTING_NOT_EXIST".to_string()),
        Just("INVALID_SIGNATURE".to_string()),
        "[A-Z_]{0,12}"
    ]
}

fn maybe(s: impl Strategy<Value = String>) -> impl Strategy<Value = Option<String>> {
    proptest::option::of(s)
}

proptest! {
    /// Any combination of status, code, vaulting status, token and URLs is interpreted without a
    /// panic, and the token never shows in `Debug`.
    #[test]
    fn any_response_is_interpreted_without_panic_or_token_leak(
        status in status(),
        code in code(),
        vaulting_status in maybe(prop_oneof![
            Just("SUCCESS".to_string()), Just("FAIL".to_string()), Just("PROCESSING".to_string()), ".{0,4}"
        ]),
        token in maybe("[A-Za-z0-9+/=]{0,40}"),
        normal in maybe(".{0,8}"),
        scheme in maybe(".{0,8}"),
        applink in maybe(".{0,8}"),
    ) {
        let mut body = json!({ "result": { "resultStatus": status, "resultCode": code } });
        if let Some(v) = &vaulting_status { body["vaultingStatus"] = json!(v); }
        if let Some(t) = &token { body["paymentMethodDetail"] = json!({ "card": { "cardToken": t } }); }
        if let Some(u) = &normal { body["normalUrl"] = json!(u); }
        if let Some(u) = &scheme { body["schemeUrl"] = json!(u); }
        if let Some(u) = &applink { body["applinkUrl"] = json!(u); }

        let v = vault(body.clone());
        let i = inquire(body);
        for printed in [format!("{v:?}"), format!("{i:?}")] {
            if let Some(t) = token.as_deref().filter(|t| t.len() > 10) {
                prop_assert!(!printed.contains(t), "{}", printed);
            }
        }
        // The outcome and its next step agree; a final outcome never asks to inquire.
        prop_assert!(!(v.is_final() && v.next_step() == NextStep::InquireWithSameRequestId));
        prop_assert!(!(i.is_final() && i.next_step() == NextStep::InquireWithSameRequestId));
        if let VaultOutcome::BuyerActionRequired(action) = &v {
            prop_assert!(!action.urls.first().trim().is_empty());
        }
    }
}
