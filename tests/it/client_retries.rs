//! The client's retry decision is the table's: for answers where an earlier client and the
//! table disagreed (an unsigned `F`, `F/REQUEST_TRAFFIC_EXCEED_LIMIT`, an `S` without
//! `vaultingStatus`) and their neighbours, the number of attempts the client makes equals the
//! number `retry::decide` gives when each answer is classified by `Attempt::of_vault` /
//! `Attempt::of_inquiry`.

use std::time::Duration;

use alipay_vaulting::outcome::{
    interpret_inquiry, interpret_unsigned_inquiry, interpret_unsigned_vault, interpret_vault,
};
use alipay_vaulting::retry::{decide, Attempt, Decision, Operation, RetryPolicy};
use alipay_vaulting::{types, Client};

use crate::support::{gateway_key, gateway_public, merchant_key, RawServer, Reply, CLIENT_ID};

const ID: &str = "retry-table-0001";

fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_base_delay(Duration::from_millis(2))
        .with_max_delay(Duration::from_millis(2))
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(merchant_key())
        .alipay_public_key(gateway_public())
        .base_url(base_url)
        .retry_policy(policy())
        .build()
        .unwrap()
}

/// How many attempts the table allows when every attempt gets the same answer.
fn attempts_by_the_table(operation: Operation, class: Attempt) -> usize {
    let mut number = 1;
    while let Decision::Retry { .. } = decide(operation, number, class, &policy(), 0.0) {
        number += 1;
    }
    number as usize
}

fn body(status: &str, code: &str, extra: &str) -> String {
    format!(
        r#"{{"result":{{"resultStatus":"{status}","resultCode":"{code}","resultMessage":"m"}},"vaultingRequestId":"{ID}"{extra}}}"#
    )
}

fn vault_request() -> types::VaultPaymentMethodRequest {
    serde_json::from_value(serde_json::json!({
        "vaultingRequestId": ID,
        "vaultingNotificationUrl": "https://merchant.example/notify",
        "redirectUrl": "https://merchant.example/back",
        "paymentMethodDetail": {
            "paymentMethodType": "CARD",
            "card": {
                "cardNo": "4111111111111111",
                "brand": "VISA",
                "cvv": "123",
                "expiryYear": "30",
                "expiryMonth": "12",
                "cardholderName": { "firstName": "A", "lastName": "B" }
            }
        },
        "env": { "terminalType": "WEB" }
    }))
    .unwrap()
}

#[tokio::test]
async fn the_client_makes_the_attempts_the_table_decides() {
    let by_processing = r#","vaultingStatus":"PROCESSING""#;
    // (operation, signed, status, code, extra fields)
    let cases: &[(Operation, bool, &str, &str, &str)] = &[
        (Operation::Inquire, true, "S", "SUCCESS", ""),
        (
            Operation::Inquire,
            true,
            "F",
            "REQUEST_TRAFFIC_EXCEED_LIMIT",
            "",
        ),
        (Operation::Inquire, false, "F", "PROCESS_FAIL", ""),
        (Operation::Inquire, true, "F", "PROCESS_FAIL", ""),
        (Operation::Inquire, true, "F", "VAULTING_NOT_EXIST", ""),
        (Operation::Inquire, true, "U", "UNKNOWN_EXCEPTION", ""),
        (Operation::Inquire, true, "S", "SUCCESS", by_processing),
        (Operation::Vault, true, "U", "UNKNOWN_EXCEPTION", ""),
        (Operation::Vault, false, "F", "PROCESS_FAIL", ""),
        (Operation::Vault, true, "F", "PROCESS_FAIL", ""),
    ];
    for &(operation, signed, status, code, extra) in cases {
        let answer = body(status, code, extra);
        let response = answer.clone();
        let gateway = gateway_key();
        let server = RawServer::start(move |r| {
            if signed {
                Reply::signed(&gateway, CLIENT_ID, &r.path, &response)
            } else {
                Reply::unsigned(&response)
            }
        })
        .await;
        let client = client(&server.base_url());
        let class = match operation {
            Operation::Inquire => {
                let parsed = serde_json::from_str(&answer).unwrap();
                let outcome = if signed {
                    interpret_inquiry(parsed)
                } else {
                    interpret_unsigned_inquiry(parsed)
                };
                let got = client.inquire_vaulting(ID).await.unwrap();
                assert_eq!(got, outcome, "{status}/{code}{extra} signed={signed}");
                Attempt::of_inquiry(&outcome)
            }
            _ => {
                let parsed = serde_json::from_str(&answer).unwrap();
                let outcome = if signed {
                    interpret_vault(parsed)
                } else {
                    interpret_unsigned_vault(parsed)
                };
                let got = client.vault_payment_method(&vault_request()).await.unwrap();
                assert_eq!(got, outcome, "{status}/{code} signed={signed}");
                Attempt::of_vault(&outcome)
            }
        };
        assert_eq!(
            server.received().len(),
            attempts_by_the_table(operation, class),
            "{operation:?} {status}/{code}{extra} signed={signed}: attempts"
        );
    }
    // The three answers an earlier client misjudged are retried by the table.
    assert_eq!(
        attempts_by_the_table(Operation::Inquire, Attempt::ResultUnknown),
        3
    );
}
