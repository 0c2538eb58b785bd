//! Each fault gives the client the typed error it promises; dropped connections look like
//! broken connections, not HTTP answers.
#![cfg(feature = "simulator")]

use crate::support::simulator as util;

use std::time::Duration;

use alipay_vaulting::error::{Error, ErrorKind, OutcomeUnknown, ResponseRejected};
use alipay_vaulting::outcome::{InquiryOutcome, NextStep, UnknownReason, VaultOutcome};
use alipay_vaulting::simulator::{Fault, FaultRule, Operation, Simulator};
use alipay_vaulting::types::ResultCode;
use alipay_vaulting::ResolveOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use util::{request, sim, sim_with};

const CARD: &str = "4111111111111111";

async fn vault(sim: &Simulator, id: &str) -> Result<VaultOutcome, Error> {
    sim.client().vault_payment_method(&request(id, CARD)).await
}

#[tokio::test]
async fn latency_beyond_the_timeout_is_a_timeout() {
    let sim = sim().await;
    sim.inject(FaultRule::once(Fault::Latency(Duration::from_millis(1500))).on(Operation::Vault));
    let client = sim
        .client_builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let error = client
        .vault_payment_method(&request("lat-1", CARD))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
        "{error:?}"
    );
    // The gateway processed it before stalling: resolving finds the card.
    let resolved = client
        .resolve("lat-1", Duration::from_secs(5))
        .await
        .unwrap();
    assert!(
        matches!(resolved, InquiryOutcome::Succeeded(_)),
        "{resolved:?}"
    );
    assert_eq!(sim.vaulting_count(), 1);
}

#[tokio::test]
async fn latency_within_the_timeout_only_slows_down() {
    let sim = sim().await;
    sim.inject("latency=200ms,op=vault,times=1".parse().unwrap());
    let started = std::time::Instant::now();
    let outcome = vault(&sim, "lat-2").await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert!(matches!(outcome, VaultOutcome::Vaulted(_)));
    assert!(sim.faults().is_empty());
}

#[tokio::test]
async fn drop_before_processing_is_a_lost_connection_and_nothing_happened() {
    let sim = sim().await;
    sim.inject(FaultRule::once(Fault::DropBeforeProcessing).on(Operation::Vault));
    let error = vault(&sim, "drop-1").await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(_))
        ),
        "{error:?}"
    );
    assert_ne!(error.kind(), ErrorKind::NotSent);
    assert!(sim.vaulting("drop-1").is_none());
    assert_eq!(sim.requests()[0].result_code, "DROPPED");
    // "Not found" is believed after the confirmation window (here the 1 s attempt timeout).
    let client = sim
        .client_builder()
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let options = ResolveOptions::new("drop-1")
        .deadline(Duration::from_secs(5))
        .not_found_window(Duration::from_secs(1));
    let resolved = client.resolve_with(&options).await.unwrap();
    assert!(
        matches!(&resolved, InquiryOutcome::NotFound(nf) if nf.is_confirmed()),
        "{resolved:?}"
    );
}

#[tokio::test]
async fn drop_after_processing_is_a_lost_connection_and_resolve_finds_the_card() {
    let sim = sim().await;
    sim.inject(FaultRule::once(Fault::DropAfterProcessing).on(Operation::Vault));
    let error = vault(&sim, "drop-2").await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(_))
        ),
        "{error:?}"
    );
    let resolved = sim
        .client()
        .resolve("drop-2", Duration::from_secs(5))
        .await
        .unwrap();
    let InquiryOutcome::Succeeded(card) = resolved else {
        panic!("{resolved:?}");
    };
    let snapshot = sim.vaulting("drop-2").unwrap();
    assert_eq!(
        snapshot.card_token.as_ref().map(|t| t.expose()),
        Some(card.card_token())
    );
    assert_eq!(snapshot.vault_calls, 1);
    assert_eq!(sim.vaulting_count(), 1);
}

#[tokio::test]
async fn a_drop_sends_no_http_at_all_on_the_wire() {
    for rule in ["drop-before", "drop-after"] {
        let sim = sim().await;
        sim.inject(rule.parse().unwrap());
        // Plain reqwest: a connection-level error with no HTTP status.
        let error = reqwest::Client::new()
            .post(format!(
                "{}/ams/sandbox/api/v1/vaults/inquireVaulting",
                sim.base_url()
            ))
            .body("{}")
            .send()
            .await
            .unwrap_err();
        assert!(error.status().is_none(), "{rule}: {error:?}");
        assert!(
            !error.is_timeout() && !error.is_connect(),
            "{rule}: {error:?}"
        );
        // Raw TCP: the connection closes without a single byte.
        let mut stream = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
        stream
            .write_all(
                b"POST /ams/api/v1/vaults/inquireVaulting HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
            )
            .await
            .unwrap();
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
            .await
            .expect("the connection closes");
        assert!(read.is_ok() || answer.is_empty(), "{rule}: {read:?}");
        assert!(
            answer.is_empty(),
            "{rule}: {}",
            String::from_utf8_lossy(&answer)
        );
    }
}

#[tokio::test]
async fn a_503_is_a_server_error() {
    let sim = sim().await;
    sim.inject(FaultRule::once(Fault::Status(503)).on(Operation::Vault));
    let error = vault(&sim, "s503").await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown(OutcomeUnknown::ServerError { status: 503 })
        ),
        "{error:?}"
    );
    // Not processed: the vaulting does not exist, and the same id works afterwards.
    assert!(sim.vaulting("s503").is_none());
    assert_eq!(sim.requests()[0].result_code, "HTTP_503");
    assert!(matches!(
        vault(&sim, "s503").await,
        Ok(VaultOutcome::Vaulted(_))
    ));
}

#[tokio::test]
async fn inquiries_retry_through_server_errors() {
    let sim = sim().await;
    vault(&sim, "s502").await.unwrap();
    sim.inject("status=502,op=inquire,times=2".parse().unwrap());
    let inquiry = sim.client().inquire_vaulting("s502").await.unwrap();
    assert!(
        matches!(inquiry, InquiryOutcome::Succeeded(_)),
        "{inquiry:?}"
    );
    let codes: Vec<_> = sim.requests().into_iter().map(|r| r.result_code).collect();
    assert_eq!(codes, ["SUCCESS", "HTTP_502", "HTTP_502", "SUCCESS"]);
}

#[tokio::test]
async fn a_malformed_body_is_rejected_as_malformed() {
    let sim = sim().await;
    sim.inject(FaultRule::once(Fault::MalformedBody));
    let error = vault(&sim, "mal-1").await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseRejected(ResponseRejected::Malformed { .. })
        ),
        "{error:?}"
    );
    // Processed before the answer was garbled.
    assert!(sim.vaulting("mal-1").is_some());
}

#[tokio::test]
async fn a_missing_signature_on_a_success_is_rejected() {
    let sim = sim().await;
    sim.inject(FaultRule::once(Fault::MissingSignature));
    let error = vault(&sim, "nosig-1").await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseRejected(ResponseRejected::MissingSignature)
        ),
        "{error:?}"
    );
    // The policy lets an F come unsigned: it is read, but not trusted as final (anyone who can
    // strip a signature could have written it), so the caller resolves it by inquiring.
    sim.inject(FaultRule::once(Fault::MissingSignature));
    let client = sim.client();
    let outcome = client
        .vault_payment_method(&request("nosig-2", "4000000000000002"))
        .await
        .unwrap();
    let VaultOutcome::Unknown(unknown) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(unknown.code, ResultCode::VerificationFail);
    assert_eq!(unknown.reason, UnknownReason::Unsigned);
    assert_eq!(unknown.next_step, NextStep::InquireWithSameRequestId);
    // The signed inquiry gives the final answer.
    let resolved = client
        .resolve("nosig-2", Duration::from_secs(5))
        .await
        .unwrap();
    assert!(
        matches!(resolved, InquiryOutcome::Failed(_)),
        "{resolved:?}"
    );
}

#[tokio::test]
async fn a_bad_signature_is_rejected() {
    let sim = sim().await;
    sim.inject(FaultRule::always(Fault::BadSignature).on(Operation::Vault));
    for card in [CARD, "4000000000000002"] {
        let error = sim
            .client()
            .vault_payment_method(&request(&format!("bad-{card}"), card))
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::ResponseRejected(ResponseRejected::BadSignature)
            ),
            "{error:?}"
        );
    }
    sim.clear_faults();
    assert!(matches!(
        vault(&sim, "bad-ok").await,
        Ok(VaultOutcome::Vaulted(_))
    ));
}

#[tokio::test]
async fn configured_faults_apply_from_the_start() {
    let sim = sim_with(|c| c.fault("status=500,times=1".parse().unwrap())).await;
    assert_eq!(sim.faults().len(), 1);
    let error = vault(&sim, "cfg-1").await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown(OutcomeUnknown::ServerError { status: 500 })
        ),
        "{error:?}"
    );
    assert!(sim.faults().is_empty());
}

#[tokio::test]
async fn dropping_the_simulator_closes_the_port() {
    let sim = sim().await;
    let client = sim.client();
    client
        .vault_payment_method(&request("life-1", CARD))
        .await
        .unwrap();
    let addr = sim.addr();
    drop(sim);
    let refused = tokio::net::TcpStream::connect(addr).await.unwrap_err();
    assert_eq!(refused.kind(), std::io::ErrorKind::ConnectionRefused);
    // The client's pooled connection is gone too.
    let error = client
        .vault_payment_method(&request("life-2", CARD))
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::NotSent | ErrorKind::OutcomeUnknown),
        "{error:?}"
    );
}

#[tokio::test]
async fn shutdown_closes_the_port() {
    let sim = sim().await;
    let addr = sim.addr();
    sim.shutdown().await;
    let refused = tokio::net::TcpStream::connect(addr).await.unwrap_err();
    assert_eq!(refused.kind(), std::io::ErrorKind::ConnectionRefused);
}
