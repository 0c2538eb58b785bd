//! One source of truth for guidance: for every outcome and every error kind, the library's
//! next step (`outcome.next_step()`, `Error::next_step()`), the error's
//! `is_safe_to_retry_with_same_id()` and `should_inquire()`, the command-line tool's
//! `nextStep` and exit code, and the README's exit-code table all agree with one table.
#![cfg(feature = "cli")]

use crate::support::{self, simulator as util};

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use alipay_vaulting::outcome::NextStep;
use alipay_vaulting::retry::RetryPolicy;
use alipay_vaulting::{types, Client, Error};
use support::{RawServer, Reply};

const BIN: &str = env!("CARGO_BIN_EXE_alipay-vaulting");
const KEYS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys");
const README: &str = include_str!("../../README.md");
const ID: &str = "guide-1";
const TIMEOUT: Duration = Duration::from_millis(400);

/// What the gateway does in a case.
#[derive(Clone, Copy, Debug)]
enum Gateway {
    /// Answers this body, signed by the gateway key.
    Signed(&'static str),
    /// Answers this body without a signature.
    Unsigned(&'static str),
    /// Answers this body signed by the wrong key.
    BadSignature(&'static str),
    /// Answers HTTP 503.
    Unavailable,
    /// Accepts the request and never answers.
    Stall,
    /// Refuses the connection.
    Refused,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call {
    Vault,
    /// A vault request that breaks the spec: refused before anything is sent.
    InvalidVault,
    Inquire,
}

const S_VAULTED: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success."},"vaultingRequestId":"guide-1","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"cardToken":"ALIPAYguidetoken0000001","brand":"VISA"}}}"#;
const U_REDIRECT: &str = r#"{"result":{"resultStatus":"U","resultCode":"VERIFICATION_IN_PROCESS","resultMessage":"m"},"vaultingRequestId":"guide-1","normalUrl":"https://gateway.example/3ds"}"#;
const U_NO_URL: &str = r#"{"result":{"resultStatus":"U","resultCode":"VERIFICATION_IN_PROCESS","resultMessage":"m"},"vaultingRequestId":"guide-1"}"#;
const U_UNKNOWN: &str = r#"{"result":{"resultStatus":"U","resultCode":"UNKNOWN_EXCEPTION","resultMessage":"m"},"vaultingRequestId":"guide-1"}"#;
const S_SUCCEEDED: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success."},"vaultingRequestId":"guide-1","vaultingStatus":"SUCCESS","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"cardToken":"ALIPAYguidetoken0000001","brand":"VISA"}}}"#;
const S_FAILED: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success."},"vaultingRequestId":"guide-1","vaultingStatus":"FAIL","vaultingResultCode":"CARD_EXPIRED"}"#;
const S_FAILED_PROCESS: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success."},"vaultingRequestId":"guide-1","vaultingStatus":"FAIL","vaultingResultCode":"PROCESS_FAIL"}"#;
const S_PROCESSING: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success."},"vaultingRequestId":"guide-1","vaultingStatus":"PROCESSING","normalUrl":"https://gateway.example/3ds"}"#;

/// `F` with this code.
macro_rules! f {
    ($code:literal) => {
        concat!(
            r#"{"result":{"resultStatus":"F","resultCode":""#,
            $code,
            r#"","resultMessage":"m"},"vaultingRequestId":"guide-1"}"#
        )
    };
}

/// (case, call, gateway, expected next step, expected exit code)
const TABLE: &[(&str, Call, Gateway, NextStep, u8)] = &[
    (
        "vault S",
        Call::Vault,
        Gateway::Signed(S_VAULTED),
        NextStep::None,
        0,
    ),
    (
        "vault U/VERIFICATION_IN_PROCESS with a URL",
        Call::Vault,
        Gateway::Signed(U_REDIRECT),
        NextStep::RedirectBuyer,
        10,
    ),
    (
        "vault U/VERIFICATION_IN_PROCESS without a URL",
        Call::Vault,
        Gateway::Signed(U_NO_URL),
        NextStep::RetryWithNewRequestId,
        20,
    ),
    (
        "vault U/UNKNOWN_EXCEPTION",
        Call::Vault,
        Gateway::Signed(U_UNKNOWN),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "vault F/PARAM_ILLEGAL",
        Call::Vault,
        Gateway::Signed(f!("PARAM_ILLEGAL")),
        NextStep::FixRequest,
        2,
    ),
    (
        "vault F/VERIFICATION_FAIL",
        Call::Vault,
        Gateway::Signed(f!("VERIFICATION_FAIL")),
        NextStep::RetryWithNewRequestId,
        20,
    ),
    (
        "vault F/PROCESS_FAIL",
        Call::Vault,
        Gateway::Signed(f!("PROCESS_FAIL")),
        NextStep::DoNotRetry,
        20,
    ),
    (
        "vault F/INVALID_SIGNATURE",
        Call::Vault,
        Gateway::Signed(f!("INVALID_SIGNATURE")),
        NextStep::CheckConfiguration,
        1,
    ),
    (
        "vault F/REPEAT_REQ_INCONSISTENT: the id is an earlier request's, which may have vaulted",
        Call::Vault,
        Gateway::Signed(f!("REPEAT_REQ_INCONSISTENT")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "vault F/PROCESS_FAIL, unsigned",
        Call::Vault,
        Gateway::Unsigned(f!("PROCESS_FAIL")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "vault F/INVALID_SIGNATURE, unsigned",
        Call::Vault,
        Gateway::Unsigned(f!("INVALID_SIGNATURE")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "vault U/VERIFICATION_IN_PROCESS with a URL, unsigned (the confirming inquiry is too)",
        Call::Vault,
        Gateway::Unsigned(U_REDIRECT),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "inquire F/PROCESS_FAIL, unsigned",
        Call::Inquire,
        Gateway::Unsigned(f!("PROCESS_FAIL")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "inquire F/PARAM_ILLEGAL, unsigned",
        Call::Inquire,
        Gateway::Unsigned(f!("PARAM_ILLEGAL")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "inquire F/VAULTING_NOT_EXIST, unsigned",
        Call::Inquire,
        Gateway::Unsigned(f!("VAULTING_NOT_EXIST")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "vault F/REQUEST_TRAFFIC_EXCEED_LIMIT",
        Call::Vault,
        Gateway::Signed(f!("REQUEST_TRAFFIC_EXCEED_LIMIT")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "inquire S/SUCCESS",
        Call::Inquire,
        Gateway::Signed(S_SUCCEEDED),
        NextStep::None,
        0,
    ),
    (
        "inquire S/FAIL",
        Call::Inquire,
        Gateway::Signed(S_FAILED),
        NextStep::RetryWithNewRequestId,
        20,
    ),
    (
        "inquire S/FAIL with PROCESS_FAIL",
        Call::Inquire,
        Gateway::Signed(S_FAILED_PROCESS),
        NextStep::DoNotRetry,
        20,
    ),
    (
        "inquire S/PROCESSING with a URL",
        Call::Inquire,
        Gateway::Signed(S_PROCESSING),
        NextStep::RedirectBuyer,
        10,
    ),
    (
        "inquire F/VAULTING_NOT_EXIST: one inquiry's not found is not final",
        Call::Inquire,
        Gateway::Signed(f!("VAULTING_NOT_EXIST")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "inquire F/PARAM_ILLEGAL",
        Call::Inquire,
        Gateway::Signed(f!("PARAM_ILLEGAL")),
        NextStep::FixRequest,
        2,
    ),
    (
        "inquire F/REPEAT_REQ_INCONSISTENT",
        Call::Inquire,
        Gateway::Signed(f!("REPEAT_REQ_INCONSISTENT")),
        NextStep::FixRequest,
        2,
    ),
    (
        "inquire F/REQUEST_TRAFFIC_EXCEED_LIMIT",
        Call::Inquire,
        Gateway::Signed(f!("REQUEST_TRAFFIC_EXCEED_LIMIT")),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "inquire F/INVALID_SIGNATURE",
        Call::Inquire,
        Gateway::Signed(f!("INVALID_SIGNATURE")),
        NextStep::CheckConfiguration,
        1,
    ),
    (
        "inquire F/PROCESS_FAIL",
        Call::Inquire,
        Gateway::Signed(f!("PROCESS_FAIL")),
        NextStep::DoNotRetry,
        20,
    ),
    (
        "inquire U",
        Call::Inquire,
        Gateway::Signed(U_UNKNOWN),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "error: connection refused",
        Call::Vault,
        Gateway::Refused,
        NextStep::SendAgain,
        40,
    ),
    (
        "error: timeout",
        Call::Vault,
        Gateway::Stall,
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "error: HTTP 503",
        Call::Vault,
        Gateway::Unavailable,
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "error: bad signature",
        Call::Vault,
        Gateway::BadSignature(S_VAULTED),
        NextStep::InquireWithSameRequestId,
        30,
    ),
    (
        "error: invalid request",
        Call::InvalidVault,
        Gateway::Signed(S_VAULTED),
        NextStep::FixRequest,
        2,
    ),
];

/// A server for `gateway`, or the address of a closed port.
async fn serve(gateway: Gateway) -> (Option<RawServer>, String) {
    let gateway_key = support::gateway_key();
    let merchant_key = support::merchant_key();
    let script = move |r: &support::Received| match gateway {
        Gateway::Signed(body) => Reply::signed(&gateway_key, support::CLIENT_ID, &r.path, body),
        Gateway::Unsigned(body) => Reply::unsigned(body),
        Gateway::BadSignature(body) => {
            Reply::signed(&merchant_key, support::CLIENT_ID, &r.path, body)
        }
        Gateway::Unavailable => Reply::Http {
            status: 503,
            headers: vec![],
            body: b"unavailable".to_vec(),
        },
        Gateway::Stall => Reply::Stall,
        Gateway::Refused => unreachable!(),
    };
    if let Gateway::Refused = gateway {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        return (None, url);
    }
    let server = RawServer::start(script).await;
    let url = server.base_url();
    (Some(server), url)
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .client_id(support::CLIENT_ID)
        .merchant_private_key(support::merchant_key())
        .alipay_public_key(support::gateway_public())
        .base_url(base_url)
        .timeout(TIMEOUT)
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(2)
                .with_base_delay(Duration::from_millis(5))
                .with_max_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap()
}

/// The request as the wire carries it; for `InvalidVault`, with a card number too short.
fn request_json(call: Call) -> String {
    let mut json = serde_json::to_value(util::request(ID, "4111111111111111")).unwrap();
    if call == Call::InvalidVault {
        json["paymentMethodDetail"]["card"]["cardNo"] = "4111".into();
    }
    json.to_string()
}

/// The library's answer: the next step, and for an error its two guidance methods.
/// The library's answer: the next step, for an error its two guidance methods, and the
/// answer's JSON (`Serialize`).
async fn library(
    call: Call,
    base_url: &str,
) -> (NextStep, Option<(bool, bool)>, serde_json::Value) {
    let client = client(base_url);
    let answer = match call {
        Call::Vault | Call::InvalidVault => {
            let request: types::VaultPaymentMethodRequest =
                serde_json::from_str(&request_json(call)).unwrap();
            client
                .vault_payment_method(&request)
                .await
                .map(|o| (o.next_step(), serde_json::to_value(&o).unwrap()))
        }
        Call::Inquire => client
            .inquire_vaulting(ID)
            .await
            .map(|o| (o.next_step(), serde_json::to_value(&o).unwrap())),
    };
    match answer {
        Ok((step, json)) => (step, None, json),
        Err(error) => (
            error.next_step(),
            Some(guidance(&error)),
            serde_json::to_value(&error).unwrap(),
        ),
    }
}

fn guidance(error: &Error) -> (bool, bool) {
    (
        error.is_safe_to_retry_with_same_id(),
        error.should_inquire(),
    )
}

/// The command-line tool's `nextStep` and exit code, with `--json`.
fn cli(call: Call, base_url: &str) -> (String, u8, serde_json::Value) {
    let mut args = vec!["--json".to_string()];
    match call {
        Call::Vault | Call::InvalidVault => args.push("vault".into()),
        Call::Inquire => args.extend(["inquire".into(), ID.into()]),
    }
    args.extend([
        "--gateway".into(),
        base_url.into(),
        "--client-id".into(),
        support::CLIENT_ID.into(),
        "--private-key".into(),
        format!("{KEYS}/merchant_private_pkcs8.pem"),
        "--public-key".into(),
        format!("{KEYS}/gateway_public_spki.pem"),
        "--timeout".into(),
        "400ms".into(),
    ]);
    let mut child = Command::new(BIN)
        .args(&args)
        .env_remove("ALIPAY_GATEWAY")
        .env_remove("ALIPAY_CLIENT_ID")
        .env_remove("ALIPAY_PRIVATE_KEY")
        .env_remove("ALIPAY_PUBLIC_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = if call == Call::Inquire {
        String::new()
    } else {
        request_json(call)
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json: serde_json::Value =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    let code = output.status.code().unwrap() as u8;
    assert_eq!(json["exitCode"], code, "{json}");
    (
        json["nextStep"].as_str().unwrap_or("").to_string(),
        code,
        json,
    )
}

/// The README's exit-code table: each next step's name and its code.
fn readme_exit_codes() -> Vec<(String, u8)> {
    let table = README
        .split("### Exit codes")
        .nth(1)
        .expect("the README has an exit-code table");
    let mut codes = Vec::new();
    for row in table.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let Ok(code) = cells[1].parse::<u8>() else {
            continue;
        };
        for step in cells[2].split('`').skip(1).step_by(2) {
            codes.push((step.to_string(), code));
        }
    }
    codes
}

/// The `--json` name of a next step.
fn name(step: NextStep) -> &'static str {
    match step {
        NextStep::None => "none",
        NextStep::RedirectBuyer => "redirectBuyer",
        NextStep::FixRequest => "fixRequest",
        NextStep::RetryWithNewRequestId => "retryWithNewRequestId",
        NextStep::DoNotRetry => "doNotRetry",
        NextStep::InquireWithSameRequestId => "inquireWithSameRequestId",
        NextStep::CheckConfiguration => "checkConfiguration",
        NextStep::CheckRequestId => "checkRequestId",
        NextStep::SendAgain => "sendAgain",
        _ => unreachable!("a next step this test does not know: add it to the table"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_outcome_and_error_gets_one_guidance_everywhere() {
    let readme = readme_exit_codes();
    let mut problems = Vec::new();
    for &(case, call, gateway, step, exit) in TABLE {
        let (server, url) = serve(gateway).await;

        let (library_step, error_guidance, library_json) = library(call, &url).await;
        if library_step != step {
            problems.push(format!(
                "{case}: the library says {library_step:?}, the table {step:?}"
            ));
        }
        if let Some((safe, inquire)) = error_guidance {
            let expected = (
                matches!(
                    step,
                    NextStep::InquireWithSameRequestId | NextStep::SendAgain
                ),
                step == NextStep::InquireWithSameRequestId,
            );
            if (safe, inquire) != expected {
                problems.push(format!(
                    "{case}: is_safe_to_retry_with_same_id/should_inquire are {safe}/{inquire}, \
                     the step {step:?} says {expected:?}"
                ));
            }
        }

        let cli_url = url.clone();
        let (cli_step, cli_exit, cli_json) =
            tokio::task::spawn_blocking(move || cli(call, &cli_url))
                .await
                .unwrap();
        // One shape: every field of the library's JSON is the CLI's, with the same value (the
        // CLI adds its own: the token the user asked for, exitCode, answeredBy; an error's
        // message is worded for the shell).
        for (key, value) in library_json.as_object().unwrap() {
            if key == "error" {
                continue;
            }
            if cli_json.get(key) != Some(value) {
                problems.push(format!(
                    "{case}: the library's JSON has {key}={value}, the CLI's {:?}",
                    cli_json.get(key)
                ));
            }
        }
        if cli_step != name(step) || cli_exit != exit {
            problems.push(format!(
                "{case}: the CLI says {cli_step}/exit {cli_exit}, the table {}/exit {exit}",
                name(step)
            ));
        }

        let documented: Vec<u8> = readme
            .iter()
            .filter(|(documented, _)| documented == name(step))
            .map(|(_, code)| *code)
            .collect();
        if documented != [exit] {
            problems.push(format!(
                "{case}: the README gives {} exit {documented:?}, the table {exit}",
                name(step)
            ));
        }
        drop(server);
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
