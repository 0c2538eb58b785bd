//! The ledger for a fleet, on a real PostgreSQL (`ALIPAY_VAULTING_TEST_POSTGRES`; CI starts
//! one): several `alipay-vaulting ledger recover` processes at once settle every pending
//! vaulting once; one killed mid-claim loses nothing; one paused past its lease cannot write
//! over the newer answer.
#![cfg(all(
    feature = "cli",
    feature = "ledger-postgres",
    feature = "ledger-failpoints"
))]

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_vaulting::ledger::{Filter, PgStore, State, Store, Vaulting};
use alipay_vaulting::simulator::{Fault, FaultRule, Operation, Simulator};
use serde_json::Value;

use crate::ledger_stores::{postgres_url, TempDir};
use crate::support::simulator::{request, sim};

const BIN: &str = env!("CARGO_BIN_EXE_alipay-vaulting");

/// A simulator, its key files for the CLI, a PostgreSQL ledger in a schema of its own.
struct Fleet {
    sim: Simulator,
    dir: TempDir,
    url: String,
    schema: String,
    store: Arc<PgStore>,
}

impl Fleet {
    async fn start(name: &str) -> Option<Fleet> {
        let url = postgres_url()?;
        let sim = sim().await;
        let dir = TempDir::new(name);
        crate::support::simulator::write_cli_keys(&sim, &dir.0);
        let schema = format!("fleet_{name}_{}", std::process::id());
        let store = Arc::new(PgStore::connect_with(&url, &schema, 2).await.unwrap());
        store.truncate().await.unwrap();
        Some(Fleet {
            sim,
            dir,
            url,
            schema,
            store,
        })
    }

    /// `count` vaultings the gateway holds (vaulted), whose answers the ledger lost.
    async fn pending(&self, prefix: &str, count: usize) -> Vec<String> {
        let client = self.sim.client();
        let mut ids = Vec::new();
        for n in 0..count {
            let id = format!("{prefix}-{n:03}");
            client
                .vault_payment_method(&request(&id, "4111111111111111"))
                .await
                .unwrap();
            let mut row = Vaulting::intent(id.clone(), id.clone(), 1, "fp".into(), 500, 0);
            row.state = State::Unknown;
            row.next_check_at_ms = 0;
            self.store.insert(row).await.unwrap();
            ids.push(id);
        }
        ids
    }

    fn recover(&self, extra: &[&str], failpoint: Option<&str>) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(["--json", "ledger", "recover", "--ledger", &self.url])
            .args(["--ledger-schema", &self.schema])
            .args(["--gateway", &self.sim.base_url()])
            .args(["--client-id", self.sim.client_id()])
            .arg("--private-key")
            .arg(self.dir.file("merchant_private_pkcs8.pem"))
            .arg("--public-key")
            .arg(self.dir.file("gateway_public_spki.pem"))
            .args(["--not-found-window", "1s", "--timeout", "3s"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for var in alipay_vaulting::ENV_VARIABLES {
            command.env_remove(var);
        }
        command
            .env_remove("ALIPAY_LEDGER")
            .env_remove("ALIPAY_LEDGER_SCHEMA");
        match failpoint {
            Some(step) => command.env("ALIPAY_VAULTING_FAILPOINT", step),
            None => command.env_remove("ALIPAY_VAULTING_FAILPOINT"),
        };
        command
    }

    fn inquiries(&self) -> usize {
        self.sim
            .requests()
            .iter()
            .filter(|r| r.operation == Operation::Inquire)
            .count()
    }
}

fn json(output: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {stdout} / {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

async fn wait_output(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

/// Three recovery processes at once over 300 pending vaultings: every one final, to the
/// gateway's truth, with at most 1.1 inquiries per vaulting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_recovery_processes_settle_300_vaultings_once() {
    let Some(fleet) = Fleet::start("three").await else {
        return;
    };
    let ids = fleet.pending("three", 300).await;
    let before = fleet.inquiries();
    let started = Instant::now();
    let runs: Vec<_> = (0..3)
        .map(|_| wait_output(fleet.recover(&["--deadline", "60s", "--rate", "500"], None)))
        .collect();
    let mut settled = 0;
    for run in runs {
        let output = run.await;
        let report = json(&output);
        assert_eq!(output.status.code(), Some(0), "{report}");
        settled += report["settled"].as_u64().unwrap();
    }
    assert_eq!(settled, 300, "each vaulting settled by exactly one process");
    for id in &ids {
        let row = fleet.store.get(id).await.unwrap().unwrap();
        assert_eq!(row.state, State::Vaulted, "{id}");
        let truth = fleet.sim.vaulting(id).unwrap();
        assert_eq!(
            row.card_token.as_ref().map(|t| t.expose()),
            truth.card_token.as_ref().map(|t| t.expose())
        );
        assert_eq!(truth.vault_calls, 1);
    }
    let per_vaulting = (fleet.inquiries() - before) as f64 / 300.0;
    eprintln!(
        "three processes settled 300 vaultings in {:.2} s, {per_vaulting:.3} inquiries per vaulting",
        started.elapsed().as_secs_f64()
    );
    assert!(per_vaulting <= 1.1, "{per_vaulting} inquiries per vaulting");
}

/// A recovery process killed after claiming loses nothing: its leases end and the next one
/// settles every vaulting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovery_killed_mid_claim_loses_nothing_on_postgres() {
    let Some(fleet) = Fleet::start("killed").await else {
        return;
    };
    let ids = fleet.pending("killed", 20).await;
    let killed = wait_output(fleet.recover(&["--lease", "700ms"], Some("after-claim"))).await;
    assert_eq!(killed.status.signal(), Some(6), "{killed:?}");
    let claimed = fleet.store.list(Filter::Pending, 100).await.unwrap();
    assert_eq!(claimed.len(), 20);
    assert!(
        claimed.iter().all(|r| r.lease_owner.is_some()),
        "claimed, then killed"
    );

    let output = wait_output(fleet.recover(&["--deadline", "20s"], None)).await;
    assert_eq!(output.status.code(), Some(0), "{}", json(&output));
    for id in &ids {
        assert_eq!(
            fleet.store.get(id).await.unwrap().unwrap().state,
            State::Vaulted
        );
    }
}

/// A recovery process paused (SIGSTOP) while it inquires, past its lease: another process
/// claims the vaulting and settles it; the paused one, resumed, cannot write over it (fenced).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_recovery_cannot_overwrite_after_its_lease() {
    let Some(fleet) = Fleet::start("paused").await else {
        return;
    };
    let ids = fleet.pending("paused", 1).await;
    let id = ids[0].clone();
    // The paused process's inquiry is answered late.
    fleet
        .sim
        .inject(FaultRule::once(Fault::Latency(Duration::from_secs(2))).on(Operation::Inquire));
    let mut paused = fleet
        .recover(&["--lease", "500ms", "--deadline", "30s"], None)
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let row = fleet.store.get(&id).await.unwrap().unwrap();
        if row.lease_owner.is_some() && fleet.inquiries() > 0 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "never claimed");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    signal("-STOP", paused.id());
    let claimed_version = fleet.store.get(&id).await.unwrap().unwrap().version;
    tokio::time::sleep(Duration::from_millis(800)).await;

    let other = wait_output(fleet.recover(&["--deadline", "10s"], None)).await;
    assert_eq!(other.status.code(), Some(0), "{}", json(&other));
    let settled = fleet.store.get(&id).await.unwrap().unwrap();
    assert_eq!(settled.state, State::Vaulted);
    assert!(settled.version > claimed_version);

    signal("-CONT", paused.id());
    let output = tokio::task::spawn_blocking(move || {
        let status = paused.wait().unwrap();
        let mut stdout = String::new();
        use std::io::Read;
        paused
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        (status, stdout)
    })
    .await
    .unwrap();
    let report: Value = serde_json::from_str(output.1.trim()).unwrap();
    assert_eq!(output.0.code(), Some(0), "{report}");
    assert_eq!(report["fenced"], 1, "{report}");
    assert_eq!(report["settled"], 0, "{report}");
    let after = fleet.store.get(&id).await.unwrap().unwrap();
    assert_eq!(
        after.version, settled.version,
        "the paused process wrote nothing"
    );
}

fn signal(which: &str, pid: u32) {
    let status = Command::new("kill")
        .args([which, &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The intent and the service's own row in one transaction: committed together, then sent;
/// rolled back together, nothing recorded and nothing sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_intent_commits_or_rolls_back_with_the_services_own_row() {
    let Some(fleet) = Fleet::start("own_tx").await else {
        return;
    };
    let ledger = alipay_vaulting::ledger::Ledger::with_store(fleet.store.clone());
    let client = fleet.sim.client();
    let (mut own, connection) = tokio_postgres::connect(&fleet.url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let table = format!("\"{}\".card_setups", fleet.schema);
    own.batch_execute(&format!(
        "CREATE TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, state TEXT NOT NULL)"
    ))
    .await
    .unwrap();

    for (key, commit) in [("setup-rolled-back", false), ("setup-committed", true)] {
        let id = ledger.request_id(key, 1);
        let request = request(&id, "4111111111111111");
        let intent = ledger.intent(&client, key, 1, &request).unwrap();
        let transaction = own.transaction().await.unwrap();
        transaction
            .execute(
                &format!("INSERT INTO {table} VALUES ($1, 'vaulting')"),
                &[&key],
            )
            .await
            .unwrap();
        fleet
            .store
            .record_intent_in(&transaction, &intent)
            .await
            .unwrap();
        if commit {
            transaction.commit().await.unwrap();
        } else {
            transaction.rollback().await.unwrap();
        }
        let own_row = own
            .query_opt(&format!("SELECT state FROM {table} WHERE id = $1"), &[&key])
            .await
            .unwrap();
        let recorded = fleet.store.get(&id).await.unwrap();
        assert_eq!(own_row.is_some(), commit, "{key}");
        assert_eq!(recorded.is_some(), commit, "{key}");
        if commit {
            let sent = ledger.vault_recorded(&client, &request).await.unwrap();
            let alipay_vaulting::ledger::Vault::Sent { vaulting, .. } = sent else {
                panic!("not sent")
            };
            assert_eq!(vaulting.state, State::Vaulted);
            assert_eq!(vaulting.intent_key, key);
            // Sent once: a second call sends nothing.
            let again = ledger.vault_recorded(&client, &request).await.unwrap();
            assert!(matches!(
                again,
                alipay_vaulting::ledger::Vault::AlreadyRecorded(_)
            ));
        } else {
            let error = ledger.vault_recorded(&client, &request).await.unwrap_err();
            assert!(
                matches!(
                    error,
                    alipay_vaulting::ledger::LedgerError::NotInLedger { .. }
                ),
                "{error:?}"
            );
        }
    }
    let vaults = fleet
        .sim
        .requests()
        .iter()
        .filter(|r| r.operation == Operation::Vault)
        .count();
    assert_eq!(vaults, 1, "only the committed intent was sent, once");
}
