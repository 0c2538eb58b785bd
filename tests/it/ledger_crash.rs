//! Crash tests of the ledger: real `alipay-vaulting` processes killed at every step between
//! "intent recorded" and "outcome delivered" (the feature `ledger-failpoints` aborts the
//! process at the step `ALIPAY_VAULTING_FAILPOINT` names; one more is killed with SIGKILL while
//! its request is in flight), then `ledger recover` in a new process, against a simulator that
//! kept its state. For every step: the vaulting ends in the gateway's final state, the gateway
//! saw at most one vaulting for it (exactly one once it was sent), and the service receives it
//! exactly once.
#![cfg(all(feature = "cli", feature = "ledger-failpoints"))]

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use alipay_vaulting::simulator::{Fault, FaultRule, Operation, Simulator};
use serde_json::Value;

use crate::ledger_stores::TempDir;
use crate::support::simulator::{request, sim};

const BIN: &str = env!("CARGO_BIN_EXE_alipay-vaulting");
const CARD: &str = "4111111111111111";
const SIGABRT: i32 = 6;

/// The CLI's settings for the simulator: key files in `dir`.
struct Gateway {
    sim: Simulator,
    dir: TempDir,
}

impl Gateway {
    async fn start(name: &str) -> Gateway {
        let sim = sim().await;
        let dir = TempDir::new(name);
        crate::support::simulator::write_cli_keys(&sim, &dir.0);
        Gateway { sim, dir }
    }

    fn ledger(&self) -> String {
        self.dir.file("ledger.sqlite").display().to_string()
    }

    /// The command with the gateway, the keys and the ledger, and `failpoint` if any.
    fn command(&self, args: &[&str], failpoint: Option<&str>) -> Command {
        let mut command = Command::new(BIN);
        command.args(args).args(["--ledger", &self.ledger()]);
        // Only `vault` and `ledger recover` call the gateway.
        if args.iter().any(|a| *a == "vault" || *a == "recover") {
            command.args([
                "--gateway",
                &self.sim.base_url(),
                "--client-id",
                self.sim.client_id(),
                "--private-key",
                &self
                    .dir
                    .file("merchant_private_pkcs8.pem")
                    .display()
                    .to_string(),
                "--public-key",
                &self
                    .dir
                    .file("gateway_public_spki.pem")
                    .display()
                    .to_string(),
            ]);
        }
        for var in alipay_vaulting::ENV_VARIABLES {
            command.env_remove(var);
        }
        command.env_remove("ALIPAY_LEDGER");
        match failpoint {
            Some(step) => command.env("ALIPAY_VAULTING_FAILPOINT", step),
            None => command.env_remove("ALIPAY_VAULTING_FAILPOINT"),
        };
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    /// `vault --ledger` of `id`, in a child process (on a blocking thread: the simulator runs on
    /// this test's runtime).
    async fn vault(&self, id: &str, failpoint: Option<&'static str>) -> Output {
        let mut command = self.command(&["--json", "vault", "--timeout", "500ms"], failpoint);
        let body = serde_json::to_string(&request(id, CARD)).unwrap();
        tokio::task::spawn_blocking(move || {
            let mut child = command.spawn().unwrap();
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(body.as_bytes())
                .unwrap();
            child.wait_with_output().unwrap()
        })
        .await
        .unwrap()
    }

    /// A ledger command, to its end.
    async fn run(&self, args: &[&str], failpoint: Option<&'static str>) -> Output {
        let mut command = self.command(args, failpoint);
        tokio::task::spawn_blocking(move || command.output().unwrap())
            .await
            .unwrap()
    }

    fn vault_requests(&self, id: &str) -> usize {
        self.sim
            .requests()
            .iter()
            .filter(|r| {
                r.operation == Operation::Vault && r.vaulting_request_id.as_deref() == Some(id)
            })
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

fn aborted(output: &Output) -> bool {
    output.status.signal() == Some(SIGABRT)
}

fn file_holds(path: &Path, needle: &str) -> bool {
    let mut found = false;
    for suffix in ["", "-wal"] {
        let file = format!("{}{suffix}", path.display());
        if let Ok(bytes) = std::fs::read(&file) {
            found |= bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vaulting_killed_at_any_step_is_settled_once_to_the_gateways_truth() {
    let gateway = Gateway::start("crash").await;

    // Killed by a failpoint at each step of `vault --ledger`.
    let steps = [
        "before-intent",
        "after-intent",
        "after-answer",
        "after-outcome",
    ];
    for step in steps {
        let output = gateway.vault(&format!("crash-{step}"), Some(step)).await;
        assert!(aborted(&output), "{step}: {output:?}");
    }

    // Killed (SIGKILL) while its request is in flight: the gateway processes it and answers
    // late.
    gateway
        .sim
        .inject(FaultRule::once(Fault::Latency(Duration::from_secs(5))).on(Operation::Vault));
    let id = "crash-in-flight";
    let mut command = gateway.command(&["--json", "vault", "--timeout", "10s"], None);
    let body = serde_json::to_string(&request(id, CARD)).unwrap();
    let mut child = command.spawn().unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(body.as_bytes())
            .unwrap();
    }
    let started = Instant::now();
    while gateway.vault_requests(id) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the request never arrived"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9));

    // Killed in flight where the gateway registers the vaulting only later (after the
    // client's 500 ms timeout would have passed).
    gateway.sim.inject(
        FaultRule::once(Fault::RegisterDelay(Duration::from_millis(1200))).on(Operation::Vault),
    );
    let late = "crash-registered-late";
    let mut command = gateway.command(&["--json", "vault", "--timeout", "500ms"], None);
    let body = serde_json::to_string(&request(late, CARD)).unwrap();
    let mut child = command.spawn().unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(body.as_bytes())
            .unwrap();
    }
    // Once the intent is recorded, the request leaves at once; kill it well before the
    // gateway registers it.
    {
        use alipay_vaulting::ledger::Store;
        let store =
            alipay_vaulting::ledger::SqliteStore::open(gateway.dir.file("ledger.sqlite")).unwrap();
        let started = Instant::now();
        while store.get(late).await.unwrap().is_none() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "never recorded"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    child.kill().unwrap();
    let _ = child.wait();
    assert!(
        gateway.sim.vaulting(late).is_none(),
        "registered before the kill"
    );

    // What the ledger holds now: every vaulting that reached "intent recorded" is there.
    let listed = json(&gateway.run(&["--json", "ledger", "list"], None).await);
    let rows: BTreeMap<String, String> = listed["vaultings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["vaultingRequestId"].as_str().unwrap().to_owned(),
                r["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(!rows.contains_key("crash-before-intent"), "{rows:?}");
    assert_eq!(rows["crash-after-intent"], "intent");
    assert_eq!(
        rows["crash-after-answer"], "intent",
        "answered, not recorded"
    );
    assert_eq!(rows["crash-after-outcome"], "vaulted");
    assert_eq!(rows[id], "intent");

    // Recovery in a new process: every vaulting final, to the gateway's truth. The window is
    // longer than the late registration.
    let output = gateway
        .run(
            &[
                "--json",
                "ledger",
                "recover",
                "--deadline",
                "20s",
                "--not-found-window",
                "2s",
                "--timeout",
                "500ms",
            ],
            None,
        )
        .await;
    let report = json(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert_eq!(report["pending"], Value::Array(vec![]));

    let listed = json(&gateway.run(&["--json", "ledger", "list"], None).await);
    for row in listed["vaultings"].as_array().unwrap() {
        let id = row["vaultingRequestId"].as_str().unwrap();
        let truth = gateway.sim.vaulting(id);
        let sent = gateway.vault_requests(id);
        match truth {
            Some(snapshot) => {
                assert_eq!(row["state"], "vaulted", "{id}: {row}");
                assert!(snapshot.card_token.is_some(), "{id}");
                assert_eq!(sent, 1, "{id}: the gateway saw one vaulting");
            }
            None => {
                assert_eq!(row["state"], "failed", "{id}: {row}");
                assert_eq!(row["failureCode"], "NOT_FOUND", "{id}");
                assert_eq!(sent, 0, "{id}: never sent");
            }
        }
    }
    assert_eq!(
        gateway.sim.vaulting(late).map(|v| v.vault_calls),
        Some(1),
        "the late registration is found, not vaulted again"
    );

    // The service takes each settled vaulting once: deliveries until acknowledged, then none.
    let first = json(&gateway.run(&["--json", "ledger", "deliveries"], None).await);
    let again = json(&gateway.run(&["--json", "ledger", "deliveries"], None).await);
    assert_eq!(
        first["deliveries"], again["deliveries"],
        "not acknowledged: handed out again"
    );
    let deliveries = first["deliveries"].as_array().unwrap();
    // Every vaulting that reached "intent recorded": all but `before-intent`.
    assert_eq!(deliveries.len(), 5, "{first}");
    let mut ids = Vec::new();
    for delivery in deliveries {
        let id = delivery["vaultingRequestId"].as_str().unwrap();
        if let Some(snapshot) = gateway.sim.vaulting(id) {
            assert_eq!(
                delivery["cardToken"].as_str(),
                snapshot.card_token.as_ref().map(|t| t.expose()),
                "{id}"
            );
        }
        ids.push(id.to_owned());
    }
    let mut ack = vec!["--json", "ledger", "ack"];
    ack.extend(ids.iter().map(String::as_str));
    let acked = json(&gateway.run(&ack, None).await);
    assert_eq!(acked["acknowledged"].as_array().unwrap().len(), 5);
    let after = json(&gateway.run(&["--json", "ledger", "deliveries"], None).await);
    assert_eq!(after["deliveries"], Value::Array(vec![]));

    // No card number, and no token once taken, in the ledger's files (the CLI checkpoints the
    // write-ahead log when it closes the ledger, and SQLite overwrites what it deletes).
    let path = gateway.dir.file("ledger.sqlite");
    assert!(!file_holds(&path, CARD));
    let tokens: Vec<String> = gateway
        .sim
        .vaultings()
        .iter()
        .filter_map(|v| v.card_token.as_ref().map(|t| t.expose().to_owned()))
        .collect();
    assert_eq!(tokens.len(), 4);
    for token in &tokens {
        assert!(
            !file_holds(&path, token),
            "a taken token is still in the ledger's files"
        );
    }
}

/// A recovery killed after claiming, or after inquiring but before writing back, loses
/// nothing: its leases end and the next recovery settles every vaulting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovery_killed_mid_claim_loses_nothing() {
    let gateway = Gateway::start("crash-recovery").await;
    gateway
        .sim
        .inject(FaultRule::always(Fault::DropAfterProcessing).on(Operation::Vault));
    for n in 0..3 {
        let output = gateway.vault(&format!("rec-{n}"), None).await;
        assert_eq!(output.status.code(), Some(30), "{output:?}");
    }
    gateway.sim.clear_faults();
    let recover = |failpoint| {
        gateway.run(
            &[
                "--json",
                "ledger",
                "recover",
                "--deadline",
                "10s",
                "--not-found-window",
                "500ms",
                "--lease",
                "700ms",
            ],
            failpoint,
        )
    };
    for step in ["after-claim", "after-inquiry"] {
        let output = recover(Some(step)).await;
        assert!(aborted(&output), "{step}: {output:?}");
    }
    let listed = json(
        &gateway
            .run(&["--json", "ledger", "list", "--pending"], None)
            .await,
    );
    assert_eq!(listed["vaultings"].as_array().unwrap().len(), 3, "{listed}");

    let output = recover(None).await;
    assert_eq!(output.status.code(), Some(0), "{}", json(&output));
    let listed = json(&gateway.run(&["--json", "ledger", "list"], None).await);
    for row in listed["vaultings"].as_array().unwrap() {
        assert_eq!(row["state"], "vaulted", "{row}");
    }
    assert_eq!(gateway.sim.vaulting_count(), 3);
    for n in 0..3 {
        assert_eq!(gateway.vault_requests(&format!("rec-{n}")), 1);
    }
}
