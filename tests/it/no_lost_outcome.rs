//! "Never lose an outcome": a table-driven property over every simulator fault × every
//! final-state scenario card.
//!
//! For each fault that strikes AFTER the gateway processed the vaulting (latency beyond the
//! client timeout, drop-after, malformed body, missing signature, bad signature), the first
//! answer must not be a final verdict the client made up: an error or outcome whose guidance is
//! "inquire with the same id", or, for an unsigned 3-D Secure answer, a redirect to the URLs of
//! the signed inquiry the client confirmed it with. Then `Client::resolve` must find exactly the state the simulator
//! holds (status and card token), and the simulator must hold exactly one vaulting for the id,
//! created by exactly one vault request (the client never resent the vaulting).
//!
//! For each fault that strikes BEFORE processing (drop-before, HTTP 5xx: the simulator answers
//! a status without processing, see `src/simulator/faults.rs`), the error must say "unknown",
//! `resolve` must answer `NotFound` only once inquiries said so for the whole confirmation
//! window, no vaulting may exist,
//! and vaulting again with the SAME id must then work exactly once.
//!
//! An unsigned `F` or `U` answer (which Alipay's policy allows) is read but never trusted as
//! final or as a redirect: `an_unsigned_answer_is_never_final_and_never_redirects` pins that a
//! forged unsigned failure or 3-D Secure URL comes back as "inquire with the same id".
#![cfg(feature = "simulator")]

use crate::support::{self, simulator as util};

use std::time::Duration;

use alipay_vaulting::error::{Error, ErrorKind, OutcomeUnknown};
use alipay_vaulting::notification::ACKNOWLEDGEMENT;
use alipay_vaulting::outcome::{InquiryOutcome, NextStep, VaultOutcome};
use alipay_vaulting::retry::RetryPolicy;
use alipay_vaulting::simulator::{
    Fault, FaultRule, Operation, Simulator, VaultingSnapshot, VaultingState,
};
use alipay_vaulting::{Client, ResolveOptions};
use support::{RawServer, Reply};
use util::request_to;

/// The client's per-attempt timeout: short, so the matrix stays fast.
const TIMEOUT: Duration = Duration::from_millis(300);
/// The latency fault: well beyond the timeout, so the client gives up while the simulator has
/// already processed the vaulting.
const SLOW: Duration = Duration::from_millis(700);
/// How long `resolve` may keep inquiring (generous for a loaded 2-core machine; a clean run
/// resolves in a few tens of milliseconds).
const RESOLVE_DEADLINE: Duration = Duration::from_secs(5);

/// A card and the final state it must reach.
#[derive(Clone, Copy, Debug)]
struct Card {
    name: &'static str,
    number: &'static str,
    /// `Some(approve)` for the 3-D Secure card: the buyer's decision, made after the fault.
    three_ds: Option<bool>,
    /// The simulator's final state.
    final_state: VaultingState,
}

const CARDS: [Card; 5] = [
    Card {
        name: "plain",
        number: "4111111111111111",
        three_ds: None,
        final_state: VaultingState::Success,
    },
    Card {
        name: "fail",
        number: "4000000000000002",
        three_ds: None,
        final_state: VaultingState::Fail,
    },
    Card {
        name: "unknown-but-vaulted",
        number: "4000000000000127",
        three_ds: None,
        final_state: VaultingState::Success,
    },
    Card {
        name: "3ds-approved",
        number: "4000000000003220",
        three_ds: Some(true),
        final_state: VaultingState::Success,
    },
    Card {
        name: "3ds-declined",
        number: "4000000000003220",
        three_ds: Some(false),
        final_state: VaultingState::Fail,
    },
];

/// Faults the simulator applies after processing the request (the state changed).
fn after_processing() -> Vec<Fault> {
    vec![
        Fault::Latency(SLOW),
        Fault::DropAfterProcessing,
        Fault::MalformedBody,
        Fault::MissingSignature,
        Fault::BadSignature,
    ]
}

/// Faults the simulator applies before processing (no state changes). `Fault::Status` answers
/// without processing: the simulator has no "5xx after processing".
fn before_processing() -> Vec<Fault> {
    vec![
        Fault::DropBeforeProcessing,
        Fault::Status(500),
        Fault::Status(502),
        Fault::Status(503),
        Fault::Status(504),
    ]
}

/// The client under test, with the short timeout.
fn client(sim: &Simulator) -> Client {
    client_with_timeout(sim, TIMEOUT)
}

/// A client with a long timeout, for the calls that must not time out even on a loaded
/// machine (the clean re-vault, the "still pending" check).
fn patient(sim: &Simulator) -> Client {
    client_with_timeout(sim, Duration::from_secs(5))
}

fn client_with_timeout(sim: &Simulator, timeout: Duration) -> Client {
    sim.client_builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(10))
                .with_max_delay(Duration::from_millis(40)),
        )
        .build()
        .expect("client settings are valid")
}

/// What the property allowed as the first answer.
#[derive(Debug, PartialEq, Eq)]
enum FirstAnswer {
    /// An error that says "inquire" (the request may have been processed).
    InquireError,
    /// A non-final outcome whose next step is "inquire with the same id".
    InquireOutcome,
    /// An unsigned 3-D Secure answer, confirmed by a signed inquiry: redirect the buyer.
    ConfirmedRedirect,
}

/// Checks the first answer after a fault that struck after processing.
fn check_first_after(
    label: &str,
    fault: &Fault,
    card: Card,
    answer: &Result<VaultOutcome, Error>,
) -> FirstAnswer {
    match answer {
        Ok(VaultOutcome::BuyerActionRequired(_))
            if *fault == Fault::MissingSignature && card.three_ds.is_some() =>
        {
            FirstAnswer::ConfirmedRedirect
        }
        Err(error) => {
            assert!(
                error.should_inquire(),
                "{label}: the error must say inquire: {error:?}"
            );
            assert_ne!(
                error.kind(),
                ErrorKind::NotSent,
                "{label}: the request was processed, yet the error says not sent: {error:?}"
            );
            if let Fault::Latency(_) = fault {
                assert!(
                    matches!(error, Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
                    "{label}: {error:?}"
                );
            }
            FirstAnswer::InquireError
        }
        Ok(outcome)
            if !outcome.is_final() && outcome.next_step() == NextStep::InquireWithSameRequestId =>
        {
            FirstAnswer::InquireOutcome
        }
        Ok(outcome) => panic!(
            "{label}: after a fault the first answer must say inquire, got a {} outcome \
             (next step {:?}): {outcome:?}",
            if outcome.is_final() {
                "FINAL"
            } else {
                "non-final"
            },
            outcome.next_step()
        ),
    }
}

/// The resolved outcome must be exactly what the simulator holds.
fn check_resolved(label: &str, resolved: &InquiryOutcome, snapshot: &VaultingSnapshot) {
    match (snapshot.status, resolved) {
        (VaultingState::Success, InquiryOutcome::Succeeded(card)) => {
            let token = snapshot
                .card_token
                .as_ref()
                .map(|t| t.expose())
                .unwrap_or_else(|| panic!("{label}: a vaulted snapshot without a token"));
            assert_eq!(card.card_token(), token, "{label}: another card token");
            assert_eq!(
                card.masked_card_no(),
                Some(snapshot.masked_card_no.as_str()),
                "{label}"
            );
        }
        (VaultingState::Fail, InquiryOutcome::Failed(failure)) => {
            assert!(snapshot.card_token.is_none(), "{label}: {snapshot:?}");
            let code = failure.code.as_ref().map(|c| c.as_wire().to_string());
            assert_eq!(code, snapshot.vaulting_result_code, "{label}");
        }
        (state, outcome) => {
            panic!("{label}: resolve answered {outcome:?} while the simulator holds {state:?}")
        }
    }
}

/// Exactly one vaulting for `id`, processed once, after `vault_requests` vault requests.
fn check_exactly_one(label: &str, sim: &Simulator, id: &str, vault_requests: usize) {
    let snapshot = sim
        .vaulting(id)
        .unwrap_or_else(|| panic!("{label}: no vaulting"));
    assert_eq!(snapshot.vault_calls, 1, "{label}: {snapshot:?}");
    let entries = sim
        .vaultings()
        .into_iter()
        .filter(|v| v.vaulting_request_id == id)
        .count();
    assert_eq!(entries, 1, "{label}: vaultings() entries for the id");
    let sent = sim
        .requests()
        .into_iter()
        .filter(|r| r.operation == Operation::Vault && r.vaulting_request_id.as_deref() == Some(id))
        .count();
    assert_eq!(
        sent, vault_requests,
        "{label}: vault requests the simulator received for the id"
    );
}

/// Settles a 3-D Secure vaulting (when the card is one) and resolves it.
async fn settle_and_resolve(
    label: &str,
    sim: &Simulator,
    client: &Client,
    id: &str,
    card: Card,
) -> InquiryOutcome {
    if let Some(approve) = card.three_ds {
        assert_eq!(
            sim.vaulting(id).map(|v| v.status),
            Some(VaultingState::Processing),
            "{label}: the 3-D Secure vaulting waits for the buyer"
        );
        // Before the buyer decides, resolving must not invent a verdict.
        let pending = patient(sim)
            .resolve(id, Duration::from_millis(50))
            .await
            .unwrap_or_else(|e| panic!("{label}: resolve while pending: {e:?}"));
        assert!(
            matches!(pending, InquiryOutcome::Processing(_)),
            "{label}: {pending:?}"
        );
        sim.complete_verification(id, approve)
            .await
            .unwrap_or_else(|e| panic!("{label}: complete_verification: {e}"));
    }
    let resolved = client
        .resolve(id, RESOLVE_DEADLINE)
        .await
        .unwrap_or_else(|e| panic!("{label}: resolve failed: {e:?}"));
    assert!(resolved.is_final(), "{label}: not final: {resolved:?}");
    resolved
}

#[derive(Default)]
struct Tally {
    survived: usize,
    inquire_error: usize,
    inquire_outcome: usize,
    confirmed_redirect: usize,
}

async fn after_processing_case(
    sim: &Simulator,
    client: &Client,
    notify: &str,
    fault: Fault,
    card: Card,
    tally: &mut Tally,
) {
    let id = format!("after-{}-{}", fault_name(&fault), card.name);
    let label = format!("[{fault} × {}]", card.name);
    let before = sim.vaulting_count();
    sim.inject(FaultRule::once(fault.clone()).on(Operation::Vault));

    let answer = client
        .vault_payment_method(&request_to(&id, card.number, notify))
        .await;
    // On a loaded machine the client may give up before the simulator processed the request:
    // wait (bounded) until it has.
    let processed = util::eventually(Duration::from_secs(3), || {
        sim.faults().is_empty() && sim.vaulting(&id).is_some()
    })
    .await;
    assert!(
        processed,
        "{label}: the simulator did not process the vaulting"
    );
    assert!(sim.vaulting(&id).is_some(), "{label}: processed");
    match check_first_after(&label, &fault, card, &answer) {
        FirstAnswer::InquireError => tally.inquire_error += 1,
        FirstAnswer::InquireOutcome => tally.inquire_outcome += 1,
        FirstAnswer::ConfirmedRedirect => {
            // The redirect's URLs come from a signed inquiry, made at once.
            assert_eq!(
                inquiries_for(sim, &id),
                ["SUCCESS"],
                "{label}: one signed inquiry confirmed the unsigned answer"
            );
            tally.confirmed_redirect += 1;
        }
    }

    let resolved = settle_and_resolve(&label, sim, client, &id, card).await;
    let snapshot = sim.vaulting(&id).expect("still there");
    assert_eq!(snapshot.status, card.final_state, "{label}");
    check_resolved(&label, &resolved, &snapshot);
    check_exactly_one(&label, sim, &id, 1);
    assert_eq!(sim.vaulting_count(), before + 1, "{label}: vaulting count");
    tally.survived += 1;
}

async fn before_processing_case(
    sim: &Simulator,
    client: &Client,
    notify: &str,
    fault: Fault,
    card: Card,
    tally: &mut Tally,
) {
    let id = format!("before-{}-{}", fault_name(&fault), card.name);
    let label = format!("[{fault} × {}]", card.name);
    let before = sim.vaulting_count();
    sim.inject(FaultRule::once(fault.clone()).on(Operation::Vault));
    let request = request_to(&id, card.number, notify);

    let error = client
        .vault_payment_method(&request)
        .await
        .expect_err(&label);
    assert!(sim.faults().is_empty(), "{label}: the fault was not used");
    // The client cannot know the request was not processed: "unknown", inquire.
    assert!(error.should_inquire(), "{label}: {error:?}");
    match fault {
        Fault::Status(status) => assert!(
            matches!(error, Error::OutcomeUnknown(OutcomeUnknown::ServerError { status: s }) if s == status),
            "{label}: {error:?}"
        ),
        _ => assert!(
            matches!(
                error,
                Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(_))
            ),
            "{label}: {error:?}"
        ),
    }
    assert!(sim.vaulting(&id).is_none(), "{label}: processed after all");

    // resolve: NotFound, and only after inquiries said so for the whole window (the client's
    // attempt timeout here, the shortest window there is).
    let inquiries_before = inquiries_for(sim, &id).len();
    let started = std::time::Instant::now();
    let options = ResolveOptions::new(id.clone())
        .deadline(RESOLVE_DEADLINE)
        .not_found_window(TIMEOUT);
    let resolved = client
        .resolve_with(&options)
        .await
        .unwrap_or_else(|e| panic!("{label}: resolve failed: {e:?}"));
    assert!(
        matches!(&resolved, InquiryOutcome::NotFound(nf) if nf.is_confirmed()),
        "{label}: {resolved:?}"
    );
    assert!(
        started.elapsed() >= TIMEOUT,
        "{label}: NotFound before the window"
    );
    let inquiries = inquiries_for(sim, &id);
    let new = &inquiries[inquiries_before..];
    assert!(
        new.len() >= 2 && new.iter().all(|code| code == "VAULTING_NOT_EXIST"),
        "{label}: NotFound must be confirmed by inquiries over the window: {new:?}"
    );
    assert!(sim.vaulting(&id).is_none(), "{label}: resolve created it");
    assert_eq!(sim.vaulting_count(), before, "{label}");

    // The same id again: processed exactly once now.
    let again = patient(sim)
        .vault_payment_method(&request)
        .await
        .unwrap_or_else(|e| panic!("{label}: the second vault failed: {e:?}"));
    let expected_first = match (card.three_ds, card.final_state) {
        (Some(_), _) => matches!(again, VaultOutcome::BuyerActionRequired(_)),
        (None, _) if card.number == "4000000000000127" => {
            again.next_step() == NextStep::InquireWithSameRequestId && !again.is_final()
        }
        (None, VaultingState::Success) => matches!(again, VaultOutcome::Vaulted(_)),
        (None, _) => matches!(again, VaultOutcome::Failed(_)),
    };
    assert!(expected_first, "{label}: second vault answered {again:?}");
    if let VaultOutcome::Vaulted(card) = &again {
        assert_eq!(
            Some(card.card_token()),
            sim.vaulting(&id)
                .and_then(|v| v.card_token)
                .as_ref()
                .map(|t| t.expose()),
            "{label}"
        );
    }
    let resolved = settle_and_resolve(&label, sim, client, &id, card).await;
    let snapshot = sim.vaulting(&id).expect("vaulted now");
    assert_eq!(snapshot.status, card.final_state, "{label}");
    check_resolved(&label, &resolved, &snapshot);
    // Two vault requests reached the simulator (the swallowed one and the retry by the
    // caller), but only one was processed.
    check_exactly_one(&label, sim, &id, 2);
    assert_eq!(sim.vaulting_count(), before + 1, "{label}: vaulting count");
    tally.survived += 1;
}

/// The `resultCode`s the simulator answered the inquiries for `id`, in order.
fn inquiries_for(sim: &Simulator, id: &str) -> Vec<String> {
    sim.requests()
        .into_iter()
        .filter(|r| {
            r.operation == Operation::Inquire && r.vaulting_request_id.as_deref() == Some(id)
        })
        .map(|r| r.result_code)
        .collect()
}

fn fault_name(fault: &Fault) -> String {
    fault.to_string().replace('=', "")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_fault_loses_an_outcome() {
    // Notifications go to a loopback receiver that acknowledges at once (one attempt each).
    let receiver = RawServer::start(|_| Reply::Http {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: ACKNOWLEDGEMENT.as_bytes().to_vec(),
    })
    .await;
    let notify = format!("{}/notify/vaulting", receiver.base_url());
    let sim = util::sim().await;
    let client = client(&sim);
    let started = std::time::Instant::now();

    let mut after = Tally::default();
    for fault in after_processing() {
        for card in CARDS {
            after_processing_case(&sim, &client, &notify, fault.clone(), card, &mut after).await;
        }
    }
    let mut before = Tally::default();
    for fault in before_processing() {
        for card in CARDS {
            before_processing_case(&sim, &client, &notify, fault.clone(), card, &mut before).await;
        }
    }

    let total = after_processing().len() * CARDS.len() + before_processing().len() * CARDS.len();
    assert_eq!(after.survived + before.survived, total);
    assert_eq!(sim.vaulting_count(), total, "one vaulting per combination");
    println!(
        "no_lost_outcome: {} of {total} fault × card combinations survived in {:.1?} \
         ({} after processing: {} inquire-errors, {} inquire-outcomes, {} redirects confirmed \
         by a signed inquiry; {} before processing)",
        after.survived + before.survived,
        started.elapsed(),
        after.survived,
        after.inquire_error,
        after.inquire_outcome,
        after.confirmed_redirect,
        before.survived,
    );
}

/// An unsigned answer (allowed by Alipay's policy for `F` and `U`) is never final and never
/// redirects: whoever can strip a signature could have written the body, so a forged failure
/// or a forged 3-D Secure URL must come back as "inquire with the same id".
#[tokio::test]

async fn an_unsigned_answer_is_never_final_and_never_redirects() {
    const ID: &str = "unsigned-1";
    let bodies = [
        format!(
            r#"{{"result":{{"resultStatus":"F","resultCode":"VERIFICATION_FAIL","resultMessage":"forged"}},"vaultingRequestId":"{ID}"}}"#
        ),
        format!(
            r#"{{"result":{{"resultStatus":"U","resultCode":"VERIFICATION_IN_PROCESS","resultMessage":"forged"}},"vaultingRequestId":"{ID}","normalUrl":"https://attacker.example/3ds"}}"#
        ),
    ];
    let mut violations = Vec::new();
    for body in bodies {
        let reply = body.clone();
        let server = RawServer::start(move |_| Reply::unsigned(&reply)).await;
        let client = Client::builder()
            .client_id(support::CLIENT_ID)
            .merchant_private_key(support::merchant_key())
            .alipay_public_key(support::gateway_public())
            .base_url(server.base_url())
            .timeout(TIMEOUT)
            .build()
            .unwrap();
        let request = request_to(ID, "4111111111111111", "http://127.0.0.1:9/notify");
        match client.vault_payment_method(&request).await {
            Err(error) if error.should_inquire() => {}
            Ok(outcome)
                if !outcome.is_final()
                    && outcome.next_step() == NextStep::InquireWithSameRequestId => {}
            other => violations.push(format!("unsigned {body} was trusted: {other:?}")),
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
