//! The ledger example's steps, run in-process with the command-line tool as the process that is
//! killed mid-flight (`vault --ledger`): the vaulting survives, is recovered with the same id and
//! delivered once, and the card number and the whole token are never printed.
#![cfg(all(feature = "cli", feature = "ledger-sqlite"))]

#[allow(dead_code, clippy::module_inception)]
#[path = "../../examples/ledger.rs"]
mod ledger;

use std::io::Write as _;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_alipay-vaulting");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ledger_example_survives_a_kill_and_delivers_once() {
    let mut out = Vec::new();
    let result = ledger::run(&mut out, |settings| {
        let store = alipay_vaulting::ledger::MemoryStore::new();
        let request = ledger::request(&alipay_vaulting::ledger::Ledger::new(store))?;
        let mut command = Command::new(BIN);
        command
            .args(["vault", "--timeout", "2s", "--gateway", &settings.gateway])
            .args(["--client-id", &settings.client_id])
            .arg("--private-key")
            .arg(&settings.private_key)
            .arg("--public-key")
            .arg(&settings.public_key)
            .arg("--ledger")
            .arg(&settings.ledger)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for var in alipay_vaulting::ENV_VARIABLES {
            command.env_remove(var);
        }
        let mut child = command.spawn()?;
        child
            .stdin
            .take()
            .ok_or("no stdin")?
            .write_all(serde_json::to_string(&request)?.as_bytes())?;
        Ok(child)
    })
    .await;
    let text = String::from_utf8(out).unwrap();
    if let Err(error) = result {
        panic!("the example failed: {error}\n{text}");
    }
    for step in [
        "3. The gateway received it and vaulted the card; the process was killed",
        "4. After the restart the ledger holds 1 vaulting(s) not final: ",
        "(intent)",
        "recovered: 1 settled, state vaulted; the gateway saw 1 vaulting request(s) for it",
        "5. Delivered to the service: ",
        "acknowledged: 1",
        "the ledger keeps the token no longer: erased",
    ] {
        assert!(text.contains(step), "missing {step:?} in:\n{text}");
    }
    assert!(!text.contains("4111111111111111"));
    assert!(
        text.contains("(card token ALIPAY…("),
        "the token is elided: {text}"
    );
}
