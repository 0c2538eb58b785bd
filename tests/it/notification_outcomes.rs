//! `NotificationOutcome` for every combination of `result` and `vaultingStatus` the documents
//! name (S, F, U by absent, SUCCESS, FAIL, PROCESSING), plus values they do not name; and the
//! client id check on the easy path (`verify_notification`, `Client::notification_verifier`).

use std::collections::BTreeSet;

use alipay_vaulting::notification::{
    interpret_notification, sign_notification, verify_notification, NotificationError,
    NotificationOutcome,
};
use alipay_vaulting::outcome::{NextStep, UnknownReason};
use alipay_vaulting::{types, Client};
use serde_json::json;

use crate::support::{self, CLIENT_ID};

const TOKEN: &str = "ALIPAYnotifTOKEN0123456789abcdefXYZ";
const ID: &str = "vault-notify-0001";

fn notification(
    status: &str,
    code: &str,
    vaulting_status: Option<&str>,
    token: bool,
) -> types::NotifyVaultingRequest {
    let mut body = json!({
        "notifyType": "VAULTING_RESULT",
        "result": { "resultStatus": status, "resultCode": code, "resultMessage": "m" },
        "vaultingRequestId": ID,
        "paymentMethodDetail": { "paymentMethodType": "CARD", "card": { "maskedCardNo": "************1111" } }
    });
    if token {
        body["paymentMethodDetail"]["card"]["cardToken"] = json!(TOKEN);
    }
    if let Some(vaulting_status) = vaulting_status {
        body["vaultingStatus"] = json!(vaulting_status);
    }
    serde_json::from_value(body).unwrap()
}

/// What a row expects: the outcome's name, the unknown reason (for `unknown`), the next step.
type Want = (&'static str, Option<UnknownReason>, NextStep);

fn vaulted() -> Want {
    ("vaulted", None, NextStep::None)
}
fn failed(step: NextStep) -> Want {
    ("failed", None, step)
}
fn unknown(reason: UnknownReason) -> Want {
    ("unknown", Some(reason), NextStep::InquireWithSameRequestId)
}

#[test]
fn every_documented_combination_of_result_and_vaulting_status() {
    use NextStep::{DoNotRetry, RetryWithNewRequestId};
    use UnknownReason::*;
    let unrecognised = || UnrecognisedVaultingStatus("PAUSED".into());
    // (resultStatus, resultCode, vaultingStatus, token, expected)
    let rows: Vec<(&str, &str, Option<&str>, bool, Want)> = vec![
        ("S", "SUCCESS", None, true, vaulted()),
        ("S", "SUCCESS", None, false, unknown(SuccessWithoutToken)),
        ("S", "SUCCESS", Some("SUCCESS"), true, vaulted()),
        (
            "S",
            "SUCCESS",
            Some("SUCCESS"),
            false,
            unknown(SuccessWithoutToken),
        ),
        (
            "S",
            "SUCCESS",
            Some("FAIL"),
            false,
            failed(RetryWithNewRequestId),
        ),
        ("S", "PROCESS_FAIL", Some("FAIL"), false, failed(DoNotRetry)),
        (
            "S",
            "SUCCESS",
            Some("PROCESSING"),
            false,
            unknown(StillProcessing),
        ),
        (
            "S",
            "SUCCESS",
            Some("PAUSED"),
            true,
            unknown(unrecognised()),
        ),
        (
            "F",
            "VERIFICATION_FAIL",
            None,
            false,
            failed(RetryWithNewRequestId),
        ),
        ("F", "PROCESS_FAIL", None, false, failed(DoNotRetry)),
        (
            "F",
            "CARD_EXPIRED_NEW",
            None,
            false,
            failed(RetryWithNewRequestId),
        ),
        (
            "F",
            "VERIFICATION_FAIL",
            Some("FAIL"),
            false,
            failed(RetryWithNewRequestId),
        ),
        ("F", "PROCESS_FAIL", Some("FAIL"), false, failed(DoNotRetry)),
        (
            "F",
            "VERIFICATION_FAIL",
            Some("SUCCESS"),
            true,
            unknown(Inconsistent),
        ),
        (
            "F",
            "VERIFICATION_FAIL",
            Some("PROCESSING"),
            false,
            unknown(Inconsistent),
        ),
        (
            "F",
            "VERIFICATION_FAIL",
            Some("PAUSED"),
            false,
            unknown(unrecognised()),
        ),
        (
            "U",
            "UNKNOWN_EXCEPTION",
            None,
            false,
            unknown(ResultUnknown),
        ),
        (
            "U",
            "UNKNOWN_EXCEPTION",
            Some("SUCCESS"),
            true,
            unknown(ResultUnknown),
        ),
        (
            "U",
            "UNKNOWN_EXCEPTION",
            Some("FAIL"),
            false,
            unknown(ResultUnknown),
        ),
        (
            "U",
            "UNKNOWN_EXCEPTION",
            Some("PROCESSING"),
            false,
            unknown(ResultUnknown),
        ),
        (
            "U",
            "UNKNOWN_EXCEPTION",
            Some("PAUSED"),
            false,
            unknown(ResultUnknown),
        ),
        ("X", "SUCCESS", None, true, unknown(UnrecognisedStatus)),
        (
            "X",
            "SUCCESS",
            Some("SUCCESS"),
            true,
            unknown(UnrecognisedStatus),
        ),
        (
            "X",
            "SUCCESS",
            Some("PAUSED"),
            true,
            unknown(UnrecognisedStatus),
        ),
    ];

    let mut covered = BTreeSet::new();
    for (status, code, vaulting_status, token, (name, reason, step)) in &rows {
        let label = format!("{status}/{code}/{vaulting_status:?}/token={token}");
        let outcome = interpret_notification(notification(status, code, *vaulting_status, *token));
        assert_eq!(outcome.name(), *name, "{label}: {outcome:?}");
        assert_eq!(outcome.next_step(), *step, "{label}");
        assert_eq!(outcome.is_final(), *name != "unknown", "{label}");
        match &outcome {
            NotificationOutcome::Vaulted(card) => {
                assert_eq!(card.card_token(), TOKEN, "{label}");
                assert_eq!(outcome.card_token(), Some(TOKEN));
            }
            NotificationOutcome::Failed(failure) => {
                // The failure's code is what the notification says, never SUCCESS.
                let expected = Some(*code).filter(|c| *c != "SUCCESS");
                assert_eq!(
                    failure.code.as_ref().map(|c| c.as_wire()).as_deref(),
                    expected,
                    "{label}"
                );
                assert_eq!(failure.vaulting_request_id, ID);
                assert_eq!(failure.message.as_deref(), Some("m"));
                assert_eq!(outcome.card_token(), None);
            }
            NotificationOutcome::Unknown(unknown) => {
                assert_eq!(Some(&unknown.reason), reason.as_ref(), "{label}");
                assert_eq!(unknown.vaulting_request_id.as_deref(), Some(ID));
                assert_eq!(unknown.status.as_wire(), *status);
                assert_eq!(
                    outcome.card_token(),
                    None,
                    "{label}: never a token when unknown"
                );
            }
            other => panic!("{label}: {other:?}"),
        }
        covered.insert((*status, *vaulting_status));
    }
    for status in ["S", "F", "U"] {
        for vaulting_status in [None, Some("SUCCESS"), Some("FAIL"), Some("PROCESSING")] {
            assert!(
                covered.contains(&(status, vaulting_status)),
                "the table misses {status} with {vaulting_status:?}"
            );
        }
    }
}

#[test]
fn string_typed_and_lowercase_spellings_do_not_turn_a_vaulted_card_into_an_error() {
    // Every scalar may travel as a string; an unknown extra field is kept out of the way.
    let body = json!({
        "notifyType": "VAULTING_RESULT",
        "result": { "resultStatus": "S", "resultCode": "SUCCESS" },
        "vaultingRequestId": ID,
        "vaultingStatus": "SUCCESS",
        "paymentMethodDetail": {
            "paymentMethodType": "CARD",
            "card": { "cardToken": TOKEN, "is3DSAuthentication": "true", "somethingNew": 1 }
        }
    });
    let parsed: types::NotifyVaultingRequest = serde_json::from_value(body).unwrap();
    assert_eq!(
        interpret_notification(parsed).card_token(),
        Some(TOKEN),
        "a string-typed boolean must not hide the token"
    );
}

#[test]
fn the_easy_path_checks_the_client_id() {
    let body = serde_json::to_vec(&json!({
        "result": { "resultStatus": "S", "resultCode": "SUCCESS" },
        "vaultingRequestId": ID,
    }))
    .unwrap();
    let path = "/notify/vaulting";
    let time = "1700000000000";
    let ours = sign_notification(&support::gateway_key(), CLIENT_ID, path, time, &body);
    let theirs = sign_notification(&support::gateway_key(), "SANDBOX_OTHER", path, time, &body);
    let public = support::gateway_public();

    let verified = verify_notification(
        &public,
        CLIENT_ID,
        "POST",
        path,
        &ours.header_map().unwrap(),
        ours.body(),
    )
    .unwrap();
    assert_eq!(verified.vaulting_request_id, ID);
    let refused = verify_notification(
        &public,
        CLIENT_ID,
        "POST",
        path,
        &theirs.header_map().unwrap(),
        theirs.body(),
    );
    assert_eq!(refused.unwrap_err(), NotificationError::ClientIdMismatch);

    // A verifier made from a client carries its client id and the Alipay public key.
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .client_id(CLIENT_ID)
        .merchant_private_key(support::merchant_key())
        .alipay_public_key(public)
        .build()
        .unwrap();
    assert_eq!(client.client_id(), CLIENT_ID);
    let verifier = client.notification_verifier();
    assert_eq!(verifier.client_id(), Some(CLIENT_ID));
    let headers = ours.header_map().unwrap();
    assert!(verifier.verify("POST", path, &headers, ours.body()).is_ok());
    let headers = theirs.header_map().unwrap();
    assert_eq!(
        verifier
            .verify("POST", path, &headers, theirs.body())
            .unwrap_err(),
        NotificationError::ClientIdMismatch
    );
}

/// A body that is not the exact bytes received (a trailing newline added): the rejection says
/// that the body must be the exact bytes.
#[test]
fn an_altered_body_is_rejected_with_the_exact_bytes_hint() {
    use alipay_vaulting::notification::{sign_notification, NotificationVerifier};
    let key = crate::support::gateway_key();
    let body =
        br#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"vaultingRequestId":"bytes-1"}"#;
    let signed = sign_notification(
        &key,
        crate::support::CLIENT_ID,
        "/notify",
        "1700000000000",
        body,
    );
    let headers = signed.headers();
    let verifier = NotificationVerifier::new(key.public_key());
    assert!(verifier.verify("POST", "/notify", &headers, body).is_ok());
    let mut altered = body.to_vec();
    altered.push(b'\n');
    let error = verifier
        .verify("POST", "/notify", &headers, &altered)
        .unwrap_err();
    assert!(error.to_string().contains("exact bytes"), "{error}");
}
