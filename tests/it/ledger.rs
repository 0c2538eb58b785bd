//! The vaulting ledger against the simulator: recorded before sending, settled once by every
//! source in any order, recovered with the same id after a lost answer, delivered once with the
//! token erased on acknowledgement, and a budget that keeps recovery from flooding the gateway.
#![cfg(feature = "ledger-sqlite")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_vaulting::card::CardToken;
use alipay_vaulting::ledger::{
    Applied, Filter, Ledger, LedgerError, MemoryStore, Observation, RecoverOptions, Schedule,
    SqliteStore, State, Store, Vault, Vaulting,
};
use alipay_vaulting::notification::interpret_notification;
use alipay_vaulting::outcome::VaultOutcome;
use alipay_vaulting::simulator::{Fault, FaultRule, Operation};
use alipay_vaulting::{types, InquiryBudget};
use proptest::prelude::*;
use serde_json::json;

use crate::ledger_stores::TempDir;
use crate::support::simulator::{request, sim};

const PLAIN: &str = "4111111111111111";
const THREE_DS: &str = "4000000000003220";
const REFUSED: &str = "4000000000000002";
const UNKNOWN_BUT_VAULTED: &str = "4000000000000127";

fn quick() -> RecoverOptions {
    RecoverOptions::default()
        .not_found_window(Duration::from_millis(300))
        .resolve_deadline(Duration::from_secs(5))
        .budget(InquiryBudget::per_second(500.0))
}

fn notification(id: &str, body: serde_json::Value) -> types::NotifyVaultingRequest {
    let mut body = body;
    body["vaultingRequestId"] = id.into();
    serde_json::from_value(body).unwrap()
}

fn vaulted_notification(id: &str, token: &str) -> types::NotifyVaultingRequest {
    notification(
        id,
        json!({"result": {"resultStatus": "S", "resultCode": "SUCCESS"},
               "paymentMethodDetail": {"card": {"cardToken": token}}}),
    )
}

fn failed_notification(id: &str) -> types::NotifyVaultingRequest {
    notification(
        id,
        json!({"result": {"resultStatus": "F", "resultCode": "VERIFICATION_FAIL"}}),
    )
}

#[tokio::test]
async fn a_vaulting_is_recorded_sent_recorded_and_delivered_once() {
    let sim = sim().await;
    let client = sim.client();
    let dir = TempDir::new("deliver");
    let ledger = Ledger::new(SqliteStore::open(dir.file("l.sqlite")).unwrap());

    let Vault::Sent { answer, vaulting } = ledger
        .vault(&client, &request("led-1", PLAIN))
        .await
        .unwrap()
    else {
        panic!("not sent")
    };
    let token = answer.unwrap().card_token().unwrap().to_owned();
    assert_eq!(vaulting.state, State::Vaulted);
    assert_eq!(
        vaulting.card_token.as_ref().map(CardToken::expose),
        Some(token.as_str())
    );
    assert!(!vaulting.card_fingerprint.contains("4111"));

    // The outbox hands it out until it is acknowledged; then the token is gone from the ledger.
    for _ in 0..2 {
        let deliveries = ledger.deliveries(10).await.unwrap();
        assert_eq!(deliveries.len(), 1);
        assert_eq!(
            deliveries[0].card_token.as_ref().map(CardToken::expose),
            Some(token.as_str())
        );
    }
    assert!(ledger.acknowledge("led-1").await.unwrap());
    assert!(!ledger.acknowledge("led-1").await.unwrap());
    assert!(ledger.deliveries(10).await.unwrap().is_empty());
    let row = ledger.get("led-1").await.unwrap();
    assert_eq!(row.card_token, None);
    assert!(row.delivered);
    // Nothing of the token in the file either.
    drop(ledger);
    let bytes = std::fs::read(dir.file("l.sqlite")).unwrap();
    let wal = std::fs::read(dir.file("l.sqlite-wal")).unwrap_or_default();
    for file in [&bytes, &wal] {
        assert!(
            !contains(file, PLAIN.as_bytes()),
            "a card number in the ledger's files"
        );
    }
    assert_eq!(sim.vaulting_count(), 1);
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn the_same_id_is_never_sent_twice_nor_with_another_card() {
    let sim = sim().await;
    let client = sim.client();
    let ledger = Ledger::new(MemoryStore::new());
    ledger
        .vault(&client, &request("twice-1", PLAIN))
        .await
        .unwrap();
    let again = ledger
        .vault(&client, &request("twice-1", PLAIN))
        .await
        .unwrap();
    assert!(matches!(again, Vault::AlreadyRecorded(v) if v.state == State::Vaulted));
    let other = ledger
        .vault(&client, &request("twice-1", "5555555555554444"))
        .await
        .unwrap_err();
    assert!(
        matches!(&other, LedgerError::CardMismatch { vaulting_request_id } if vaulting_request_id == "twice-1"),
        "{other:?}"
    );
    assert!(!other.to_string().contains("5555"));
    assert_eq!(sim.requests().len(), 1, "only the first was sent");

    // Ids derived from the intent key: a request naming another id is refused, nothing sent.
    let key = "customer-42/card-setup-7";
    let id = ledger.request_id(key, 1);
    let error = ledger
        .vault_attempt(&client, key, 2, &request(&id, PLAIN))
        .await
        .unwrap_err();
    assert!(matches!(error, LedgerError::IdMismatch { .. }), "{error:?}");
    let sent = ledger
        .vault_attempt(&client, key, 1, &request(&id, PLAIN))
        .await
        .unwrap();
    let Vault::Sent { vaulting, .. } = sent else {
        panic!("not sent")
    };
    assert_eq!(vaulting.intent_key, key);
    assert_eq!(vaulting.attempt, 1);
    assert_eq!(sim.requests().len(), 2);

    // An invalid request records nothing.
    let mut invalid = request("invalid-1", PLAIN);
    invalid.payment_method_detail.card.expiry_month = "13".into();
    let error = ledger.vault(&client, &invalid).await.unwrap_err();
    assert!(matches!(error, LedgerError::InvalidRequest(_)), "{error:?}");
    assert!(ledger.get("invalid-1").await.is_err());
}

/// A lost answer (the gateway processed it, the connection dropped): the row is unknown, and
/// recovery settles it with the same id, the gateway seeing one vaulting.
#[tokio::test]
async fn a_lost_answer_is_recovered_with_the_same_id() {
    let sim = sim().await;
    sim.inject(FaultRule::once(Fault::DropAfterProcessing).on(Operation::Vault));
    let client = sim.client();
    let ledger = Ledger::new(MemoryStore::new());
    let Vault::Sent { answer, vaulting } = ledger
        .vault(&client, &request("lost-1", PLAIN))
        .await
        .unwrap()
    else {
        panic!("not sent")
    };
    assert!(answer.is_err());
    assert_eq!(vaulting.state, State::Unknown);
    assert_eq!(ledger.deliveries(10).await.unwrap().len(), 0);

    let report = ledger.recover(&client, &quick()).await.unwrap();
    assert_eq!(report.settled, 1, "{report:?}");
    assert!(report.pending.is_empty());
    let row = ledger.get("lost-1").await.unwrap();
    assert_eq!(row.state, State::Vaulted);
    assert_eq!(
        row.card_token.as_ref().map(CardToken::expose),
        sim.vaulting("lost-1")
            .unwrap()
            .card_token
            .as_ref()
            .map(|t| t.expose())
    );
    assert_eq!(sim.vaulting_count(), 1);
    let vaults = sim
        .requests()
        .iter()
        .filter(|r| r.operation == Operation::Vault)
        .count();
    assert_eq!(vaults, 1, "never sent again");

    // A `U` whose card was in fact vaulted: the same.
    let Vault::Sent { vaulting, .. } = ledger
        .vault(&client, &request("lost-2", UNKNOWN_BUT_VAULTED))
        .await
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(vaulting.state, State::Unknown);
    ledger.recover(&client, &quick()).await.unwrap();
    assert_eq!(ledger.get("lost-2").await.unwrap().state, State::Vaulted);
}

/// Recorded but never sent (the process died in between): recovery waits out the window and
/// settles it as failed, "not found"; the gateway never saw it.
#[tokio::test]
async fn an_intent_never_sent_settles_as_not_found() {
    let sim = sim().await;
    let client = sim.client().with_timeout(Duration::from_millis(200));
    let store = Arc::new(MemoryStore::new());
    let ledger = Ledger::with_store(store.clone());
    let mut intent = Vaulting::intent(
        "never-sent-1".into(),
        "never-sent-1".into(),
        1,
        "fp".into(),
        200,
        0,
    );
    intent.next_check_at_ms = 0;
    store.insert(intent).await.unwrap();
    let started = Instant::now();
    let report = ledger.recover(&client, &quick()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(report.settled, 1, "{report:?}");
    let row = ledger.get("never-sent-1").await.unwrap();
    assert_eq!(row.state, State::Failed);
    assert_eq!(row.failure.unwrap().code, "NOT_FOUND");
    assert_eq!(sim.vaulting_count(), 0);
}

/// 3-D Secure: awaiting the buyer; the notification settles it; the same notification again
/// changes nothing; a different final answer later is kept out and reported.
#[tokio::test]
async fn notifications_settle_once_and_a_second_final_answer_is_a_conflict() {
    let sim = sim().await;
    let client = sim.client();
    let ledger = Ledger::new(MemoryStore::new());
    let Vault::Sent { answer, vaulting } = ledger
        .vault(&client, &request("3ds-1", THREE_DS))
        .await
        .unwrap()
    else {
        panic!()
    };
    assert!(matches!(answer, Ok(VaultOutcome::BuyerActionRequired(_))));
    assert_eq!(vaulting.state, State::AwaitingBuyer);

    let vaulted = vaulted_notification("3ds-1", "ALIPAYnotifiedTOKEN01");
    let applied = ledger
        .apply_notification(&vaulted, &interpret_notification(vaulted.clone()))
        .await
        .unwrap();
    assert!(matches!(applied, Applied::Settled(ref v) if v.state == State::Vaulted));
    let again = ledger
        .apply_notification(&vaulted, &interpret_notification(vaulted.clone()))
        .await
        .unwrap();
    assert!(matches!(again, Applied::Unchanged(_)), "{again:?}");
    let failed = failed_notification("3ds-1");
    let conflict = ledger
        .apply_notification(&failed, &interpret_notification(failed.clone()))
        .await
        .unwrap();
    let Applied::Conflict(row) = conflict else {
        panic!("{conflict:?}")
    };
    assert_eq!(row.state, State::Vaulted);
    assert_eq!(
        row.card_token.as_ref().map(CardToken::expose),
        Some("ALIPAYnotifiedTOKEN01")
    );
    assert!(row
        .conflict
        .as_deref()
        .unwrap()
        .contains("VERIFICATION_FAIL"));
    assert!(!format!("{row:?}").contains("ALIPAYnotifiedTOKEN01"));

    // A refused card through the ledger: failed, with the gateway's code.
    let Vault::Sent { vaulting, .. } = ledger
        .vault(&client, &request("refused-1", REFUSED))
        .await
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(vaulting.state, State::Failed);
    assert_eq!(vaulting.failure.unwrap().code, "VERIFICATION_FAIL");
}

/// A buyer who never comes back: checked on the slower schedule, then abandoned.
#[tokio::test]
async fn a_buyer_who_never_returns_is_abandoned() {
    let sim = sim().await;
    let client = sim.client();
    let ledger = Ledger::new(MemoryStore::new()).with_schedule({
        let mut schedule = Schedule::default();
        schedule.awaiting_buyer_every = Duration::from_millis(50);
        schedule.abandon_after = Duration::from_millis(400);
        schedule
    });
    ledger
        .vault(&client, &request("away-1", THREE_DS))
        .await
        .unwrap();
    let report = ledger
        .recover(&client, &quick().wait(Duration::from_secs(5)))
        .await
        .unwrap();
    assert_eq!(report.abandoned, 1, "{report:?}");
    assert!(report.claimed >= 2, "checked before abandoning: {report:?}");
    let row = ledger.get("away-1").await.unwrap();
    assert_eq!(row.state, State::Abandoned);
    assert_eq!(ledger.deliveries(10).await.unwrap().len(), 1);
}

/// Recovery spends at most its budget, and a traffic-limit answer pauses it.
#[tokio::test]
async fn recovery_keeps_to_its_inquiry_budget() {
    let sim = sim().await;
    sim.inject(FaultRule::always(Fault::DropAfterProcessing).on(Operation::Vault));
    let client = sim.client();
    let ledger = Ledger::new(MemoryStore::new());
    for n in 0..12 {
        ledger
            .vault(&client, &request(&format!("budget-{n}"), PLAIN))
            .await
            .unwrap();
    }
    sim.clear_faults();
    let started = Instant::now();
    let report = ledger
        .recover(&client, &quick().budget(InquiryBudget::per_second(10.0)))
        .await
        .unwrap();
    let took = started.elapsed();
    assert_eq!(report.settled, 12, "{report:?}");
    // 10 at once, then 2 more at 10 per second.
    assert!(took >= Duration::from_millis(150), "{took:?}");
    let inquiries = sim
        .requests()
        .iter()
        .filter(|r| r.operation == Operation::Inquire)
        .count();
    assert_eq!(inquiries, 12, "one inquiry per vaulting");
}

/// Every order of the four sources: the first final answer wins, a later different one is a
/// conflict, and a final state is never left.
fn observation() -> impl Strategy<Value = Observation> {
    prop_oneof![
        Just(Observation::Unknown),
        Just(Observation::AwaitingBuyer),
        Just(Observation::Vaulted(CardToken::new("ALIPAYpropTOKEN1"))),
        Just(Observation::Vaulted(CardToken::new("ALIPAYpropTOKEN2"))),
        Just(Observation::Failed(failure("VERIFICATION_FAIL"))),
        Just(Observation::Failed(failure("PROCESS_FAIL"))),
    ]
}

fn failure(code: &str) -> alipay_vaulting::ledger::Failure {
    // The one way to make a Failure outside the crate: from an observation of a source.
    let outcome = interpret_notification(notification(
        "x",
        json!({"result": {"resultStatus": "F", "resultCode": code}}),
    ));
    match Observation::of_notification(&outcome) {
        Observation::Failed(failure) => failure,
        other => panic!("{other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_order_of_sources_settles_once(observations in prop::collection::vec(observation(), 1..8)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let store = Arc::new(MemoryStore::new());
            let ledger = Ledger::with_store(store.clone());
            store.insert(Vaulting::intent("p-1".into(), "p-1".into(), 1, "fp".into(), 100, 0)).await.unwrap();
            let mut first_final: Option<Observation> = None;
            for observation in &observations {
                let before = ledger.get("p-1").await.unwrap();
                let applied = ledger.apply("p-1", observation.clone()).await.unwrap();
                let after = ledger.get("p-1").await.unwrap();
                if before.state.is_final() {
                    prop_assert_eq!(after.state, before.state);
                    prop_assert_eq!(&after.card_token, &before.card_token);
                    prop_assert_eq!(&after.failure, &before.failure);
                }
                match (&first_final, observation.final_state()) {
                    (None, Some(state)) => {
                        prop_assert!(matches!(applied, Applied::Settled(_)));
                        prop_assert_eq!(after.state, state);
                        first_final = Some(observation.clone());
                    }
                    (Some(first), Some(_)) if first != observation => {
                        prop_assert!(matches!(applied, Applied::Conflict(_)));
                    }
                    (Some(_), _) => prop_assert!(matches!(applied, Applied::Unchanged(_))),
                    (None, None) => prop_assert!(!after.state.is_final()),
                }
            }
            let end = ledger.get("p-1").await.unwrap();
            match first_final {
                Some(Observation::Vaulted(token)) => {
                    prop_assert_eq!(end.state, State::Vaulted);
                    prop_assert_eq!(end.card_token, Some(token));
                }
                Some(Observation::Failed(failure)) => {
                    prop_assert_eq!(end.state, State::Failed);
                    prop_assert_eq!(end.failure, Some(failure));
                }
                _ => prop_assert!(!end.state.is_final()),
            }
            let delivered = ledger.deliveries(10).await.unwrap().len();
            prop_assert_eq!(delivered, usize::from(end.state.is_final()));
            Ok(())
        })?;
    }
}

#[tokio::test]
async fn lists_show_what_is_pending() {
    let sim = sim().await;
    let client = sim.client();
    let ledger = Ledger::new(MemoryStore::new());
    ledger
        .vault(&client, &request("list-1", PLAIN))
        .await
        .unwrap();
    ledger
        .vault(&client, &request("list-2", THREE_DS))
        .await
        .unwrap();
    let pending = ledger.list(Filter::Pending, 10).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].vaulting_request_id, "list-2");
    assert_eq!(ledger.list(Filter::All, 10).await.unwrap().len(), 2);
}

/// The simulator's faults through the ledger: a dropped answer, a 5xx (not processed), an
/// unsigned success, a registration slower than the client. Each ends in the gateway's truth,
/// vaulted at most once.
#[tokio::test]
async fn every_fault_ends_in_the_gateways_truth() {
    let sim = sim().await;
    let client = sim.client().with_timeout(Duration::from_millis(300));
    let ledger = Ledger::new(MemoryStore::new());
    let faults = [
        ("fault-drop", Fault::DropAfterProcessing, true),
        ("fault-503", Fault::Status(503), false),
        ("fault-unsigned", Fault::MissingSignature, true),
        (
            "fault-late",
            Fault::RegisterDelay(Duration::from_millis(700)),
            true,
        ),
    ];
    for (id, fault, _) in &faults {
        sim.inject(FaultRule::once(fault.clone()).on(Operation::Vault));
        let Vault::Sent { vaulting, .. } =
            ledger.vault(&client, &request(id, PLAIN)).await.unwrap()
        else {
            panic!("{id}: not sent")
        };
        assert!(!vaulting.state.is_final(), "{id}: {vaulting:?}");
    }
    let report = ledger
        .recover(
            &client,
            &quick()
                .not_found_window(Duration::from_millis(1500))
                .wait(Duration::from_secs(10)),
        )
        .await
        .unwrap();
    assert!(report.pending.is_empty(), "{report:?}");
    for (id, _, vaulted) in faults {
        let row = ledger.get(id).await.unwrap();
        let truth = sim.vaulting(id);
        assert_eq!(truth.is_some(), vaulted, "{id}");
        if vaulted {
            assert_eq!(row.state, State::Vaulted, "{id}");
            assert_eq!(truth.unwrap().vault_calls, 1, "{id}");
        } else {
            assert_eq!(row.state, State::Failed, "{id}");
            assert_eq!(row.failure.unwrap().code, "NOT_FOUND", "{id}");
        }
    }
}

/// A traffic-limit answer pauses every holder of the recovery's budget.
#[tokio::test]
async fn a_traffic_limit_answer_pushes_recovery_back() {
    use crate::support::{RawServer, Reply, CLIENT_ID};
    use std::sync::atomic::{AtomicUsize, Ordering};
    let answered = Arc::new(AtomicUsize::new(0));
    let count = answered.clone();
    let server = RawServer::start(move |r| {
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        let id = body["vaultingRequestId"].as_str().unwrap().to_owned();
        let answer = if count.fetch_add(1, Ordering::SeqCst) == 0 {
            json!({"result": {"resultStatus": "F", "resultCode": "REQUEST_TRAFFIC_EXCEED_LIMIT"},
                   "vaultingRequestId": id})
        } else {
            json!({"result": {"resultStatus": "S", "resultCode": "SUCCESS"},
                   "vaultingRequestId": id, "vaultingStatus": "SUCCESS",
                   "paymentMethodDetail": {"card": {"cardToken": format!("ALIPAYtok{id}")}}})
        };
        Reply::signed(
            &crate::support::gateway_key(),
            CLIENT_ID,
            &r.path,
            &answer.to_string(),
        )
    })
    .await;
    let client = alipay_vaulting::Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(crate::support::merchant_key())
        .alipay_public_key(crate::support::gateway_public())
        .base_url(server.base_url())
        .retry_policy(
            alipay_vaulting::retry::RetryPolicy::default()
                .with_max_attempts(1)
                .with_base_delay(Duration::from_millis(10))
                .with_max_delay(Duration::from_millis(20)),
        )
        .build()
        .unwrap();
    let store = Arc::new(MemoryStore::new());
    for n in 0..3 {
        let id = format!("limited-{n}");
        let mut row = Vaulting::intent(id.clone(), id, 1, "fp".into(), 100, 0);
        row.state = State::Unknown;
        row.next_check_at_ms = 0;
        store.insert(row).await.unwrap();
    }
    let ledger = Ledger::with_store(store);
    let started = Instant::now();
    let report = ledger
        .recover(&client, &quick().concurrency(1))
        .await
        .unwrap();
    assert_eq!(report.settled, 3, "{report:?}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "not paused: {:?}",
        started.elapsed()
    );
    assert_eq!(answered.load(Ordering::SeqCst), 4);
}
