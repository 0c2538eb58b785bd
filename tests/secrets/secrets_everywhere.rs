//! Secrets across every public operation: what `secrets.rs` proves for the client,
//! extended to the simulator, notifications and the command-line tool.
//!
//! One test function (it reads the binary's global tracing subscriber at TRACE, which writes
//! to a buffer; see main.rs):
//! 1. an in-process simulator (keys from `tests/fixtures/keys`) through every scenario card,
//!    the 3-D Secure approve (on the page, over HTTP) and decline flows, notifications
//!    delivered to a loopback receiver and verified, every fault kind on both operations, a
//!    wrong merchant key, and signed bodies the simulator must refuse (`PARAM_ILLEGAL`) without
//!    echoing a value;
//! 2. `Debug` (and `Display` where there is one) of the simulator's public types;
//! 3. the CLI binary: `vault` with each card on stdin (embedded simulator), `keys check` on the
//!    shared private keys, and `sim` started, used (`vault`, `inquire`, `resolve`, the 3-D
//!    Secure page) and stopped, stdout and stderr captured;
//! 4. then everything (trace capture, printed values, HTTP answers, CLI output) is searched for
//!    every card number used (full, and its first 12 digits), every CVV (as an isolated digit
//!    run) and every 16-character window of every private key file (merchant and gateway; the
//!    shared vectors and the key directory `sim` wrote);
//! 5. and for every card token the simulators issued (all but the 6-character prefix `Debug`
//!    shows), everywhere except where a token is the answer itself: the gateway's answers and
//!    notifications on the wire, and the CLI's output of `vault`, `inquire`, `resolve` and
//!    `notification verify`.
//!
//! It prints the bytes scanned and the secret bytes found (0).
#![cfg(feature = "cli")]

use crate::support::{self, simulator as util};

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::notification::ACKNOWLEDGEMENT;
use alipay_vaulting::outcome::VaultOutcome;
use alipay_vaulting::signing;
use alipay_vaulting::simulator::{
    Fault, FaultRule, Operation, Scenario, Simulator, SimulatorConfig, SimulatorKeys,
};
use alipay_vaulting::{types, Client, ResolveOptions};
use support::{RawServer, Reply};
use util::eventually;

const BIN: &str = env!("CARGO_BIN_EXE_alipay-vaulting");
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys");
const CLIENT_ID: &str = "SANDBOX_SECRETS_EVERYWHERE";

/// CVVs picked to be unlikely anywhere else as a whole digit run.
const CVV: &str = "837";
const AMEX_CVV: &str = "9173";

const PLAIN: &str = "4111111111111111";
const MASTERCARD: &str = "5555555555554444";
const AMEX: &str = "378282246310005";
const THREE_DS: &str = "4000000000003220";
const FAIL: &str = "4000000000000002";
const PROCESS_FAIL: &str = "4000000000000119";
const UNKNOWN: &str = "4000000000000127";
const NO_URL: &str = "4000000000000135";
/// Luhn-valid, no test scenario of its own: vaulted, no brand.
const OTHER: &str = "6011111111111117";
/// Fails the Luhn check.
const INVALID: &str = "4111111111111112";

/// Every card number used anywhere in this test.
const CARDS: [&str; 10] = [
    PLAIN,
    MASTERCARD,
    AMEX,
    THREE_DS,
    FAIL,
    PROCESS_FAIL,
    UNKNOWN,
    NO_URL,
    OTHER,
    INVALID,
];

const ENV_VARS: [&str; 4] = [
    "ALIPAY_GATEWAY",
    "ALIPAY_CLIENT_ID",
    "ALIPAY_PRIVATE_KEY",
    "ALIPAY_PUBLIC_KEY",
];

fn cvv_for(card: &str) -> &'static str {
    if card.starts_with("34") || card.starts_with("37") {
        AMEX_CVV
    } else {
        CVV
    }
}

/// A `vaultingRequestId` naming the card by its index (an id is logged: never put a card
/// number in one).
fn card_id(card: &str) -> String {
    let n = CARDS
        .iter()
        .position(|c| *c == card)
        .expect("a listed card");
    format!("card-{n}")
}

fn vector(name: &str) -> PathBuf {
    Path::new(VECTORS).join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Everything printed or answered besides the trace capture, each piece labelled.
#[derive(Clone, Default)]
struct Printed(Arc<Mutex<Vec<(String, String)>>>);

impl Printed {
    fn add(&self, label: impl Into<String>, text: impl Into<String>) {
        self.0.lock().unwrap().push((label.into(), text.into()));
    }

    fn debug(&self, label: &str, value: &impl std::fmt::Debug) {
        self.add(label, format!("{value:?}"));
        self.add(label, format!("{value:#?}"));
    }

    fn both(&self, label: &str, value: &(impl std::fmt::Debug + std::fmt::Display)) {
        self.debug(label, value);
        self.add(label, value.to_string());
    }
}

// ---------------------------------------------------------------------------
// The secret search
// ---------------------------------------------------------------------------

/// Length of the private-key windows searched for.
const WINDOW: usize = 16;

struct Secrets {
    /// Card numbers and their first 12 digits.
    plain: Vec<(String, String)>,
    /// CVVs, matched as isolated digit runs.
    cvvs: Vec<String>,
    /// Every 16-character window of every private key's base64 material, with its file.
    windows: HashMap<Vec<u8>, String>,
    key_files: Vec<String>,
}

/// A secret found in the output.
#[derive(Debug)]
struct Finding {
    what: String,
    at: usize,
    len: usize,
}

impl Secrets {
    fn new() -> Self {
        let mut plain = Vec::new();
        // Labelled by index: a failure report must not print the numbers either.
        for (n, card) in CARDS.iter().enumerate() {
            plain.push((format!("card #{n}"), card.to_string()));
            plain.push((
                format!("12-digit prefix of card #{n}"),
                card[..12].to_string(),
            ));
        }
        Secrets {
            plain,
            cvvs: vec![CVV.to_string(), AMEX_CVV.to_string()],
            windows: HashMap::new(),
            key_files: Vec::new(),
        }
    }

    /// Adds every window of a private key file (base64 or PEM: the base64 material without
    /// the armour lines and whitespace).
    fn add_key_file(&mut self, path: &Path) {
        let text = read(path);
        let material: String = text
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .flat_map(|line| line.split_whitespace())
            .collect();
        assert!(
            material.len() > 1000,
            "{}: not a private key file",
            path.display()
        );
        // Sanity: it is a private key.
        PrivateKey::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.display().to_string();
        for window in material.as_bytes().windows(WINDOW) {
            self.windows.insert(window.to_vec(), name.clone());
        }
        self.key_files.push(name);
    }

    fn scan(&self, text: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        for (what, needle) in &self.plain {
            for (at, _) in text.match_indices(needle.as_str()) {
                found.push(Finding {
                    what: what.clone(),
                    at,
                    len: needle.len(),
                });
            }
        }
        let bytes = text.as_bytes();
        for cvv in &self.cvvs {
            for at in support::standalone_matches(text, cvv) {
                found.push(Finding {
                    what: format!("CVV {cvv}"),
                    at,
                    len: cvv.len(),
                });
            }
        }
        for (at, window) in bytes.windows(WINDOW).enumerate() {
            if let Some(file) = self.windows.get(window) {
                found.push(Finding {
                    what: format!("key material of {file}"),
                    at,
                    len: WINDOW,
                });
            }
        }
        found
    }
}

/// Where a card token is the answer itself: the gateway's answers and notifications on the
/// wire, and the CLI's output of the commands that answer with one.
fn token_is_the_answer(label: &str) -> bool {
    const WIRE: [&str; 3] = ["delivery", "cli-delivery", "raw-answer"];
    const ANSWERING: [&str; 4] = ["vault", "inquire ", "resolve ", "notification verify"];
    WIRE.contains(&label)
        || (label.starts_with("cli ")
            && label.ends_with("(stdout)")
            && ANSWERING.iter().any(|command| label.contains(command)))
}

/// Every simulator token (`ALIPAY` and 44 base64 characters) in `text`.
fn tokens_in(text: &str) -> Vec<String> {
    const LEN: usize = "ALIPAY".len() + 44;
    let is_token_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
    text.match_indices("ALIPAY")
        .filter_map(|(at, _)| text.get(at..at + LEN))
        .filter(|candidate| candidate.bytes().all(is_token_char))
        .map(str::to_owned)
        .collect()
}

/// Findings of each token's hidden part (all but the prefix `Debug` shows) in `text`.
fn token_findings(tokens: &[String], text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for (n, token) in tokens.iter().enumerate() {
        let hidden = &token[6..];
        for (at, _) in text.match_indices(hidden) {
            found.push(Finding {
                what: format!("card token #{n}"),
                at,
                len: hidden.len(),
            });
        }
    }
    found
}

/// The number of distinct output bytes covered by findings.
fn secret_bytes(findings: &[Finding], len: usize) -> usize {
    let mut marked = vec![false; len];
    for f in findings {
        for m in &mut marked[f.at..(f.at + f.len).min(len)] {
            *m = true;
        }
    }
    marked.into_iter().filter(|&m| m).count()
}

fn context(text: &str, at: usize) -> String {
    let mut start = at.saturating_sub(60);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 80).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].replace('\n', "⏎")
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

fn request_json(id: &str, card: &str, notify: &str) -> String {
    serde_json::json!({
        "vaultingRequestId": id,
        "vaultingNotificationUrl": notify,
        "redirectUrl": "http://127.0.0.1:9/return",
        "metadata": "{\"order\":\"42\"}",
        "paymentMethodDetail": {"paymentMethodType": "CARD", "card": {
            "cardNo": card, "cvv": cvv_for(card), "expiryYear": "30", "expiryMonth": "12",
            "cardholderName": {"firstName": "JOHN", "lastName": "SMITH"}}},
        "env": {"terminalType": "WEB"}
    })
    .to_string()
}

fn request(id: &str, card: &str, notify: &str) -> types::VaultPaymentMethodRequest {
    serde_json::from_str(&request_json(id, card, notify)).expect("a valid request")
}

fn shared_keys() -> SimulatorKeys {
    let merchant = PrivateKey::parse(&read(&vector("merchant_private_pkcs8.b64"))).unwrap();
    SimulatorKeys {
        gateway: PrivateKey::parse(&read(&vector("gateway_private_pkcs1.pem"))).unwrap(),
        merchant_public: PublicKey::parse(&read(&vector("merchant_public_spki.pem"))).unwrap(),
        merchant_private: Some(merchant),
    }
}

fn acknowledging() -> Reply {
    Reply::Http {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: ACKNOWLEDGEMENT.as_bytes().to_vec(),
    }
}

/// POSTs `body` signed with `key` to the simulator's vault endpoint; returns the answer as text.
async fn signed_post(sim: &Simulator, key: &PrivateKey, body: &str) -> String {
    let path = "/ams/sandbox/api/v1/vaults/vaultPaymentMethod";
    let time = "1700000000000";
    let header = signing::sign_message(key, "POST", path, CLIENT_ID, time, body.as_bytes());
    let response = util::http()
        .post(format!("{}{path}", sim.base_url()))
        .header("content-type", "application/json; charset=UTF-8")
        .header("client-id", CLIENT_ID)
        .header("request-time", time)
        .header("signature", header.encode())
        .body(body.to_string())
        .send()
        .await
        .expect("the simulator answers");
    let status = response.status();
    let headers = format!("{:?}", response.headers());
    let text = response.text().await.unwrap_or_default();
    format!("{status} {headers} {text}")
}

// ---------------------------------------------------------------------------
// Part 1 and 2: the in-process simulator
// ---------------------------------------------------------------------------

/// Returns the card tokens the simulator issued.
async fn exercise_simulator(printed: &Printed) -> Vec<String> {
    let receiver = RawServer::start(|_| acknowledging()).await;
    let notify = format!("{}/notify/vaulting?shop=7", receiver.base_url());
    let config = SimulatorConfig::new(shared_keys())
        .client_id(CLIENT_ID)
        .time_factor(0.0001);
    printed.debug("config", &config);
    let sim = Simulator::start(config)
        .await
        .expect("the simulator starts");
    printed.debug("simulator", &sim);
    printed.debug("keys", sim.keys());
    let client = sim
        .client_builder()
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    printed.debug("client", &client);

    // Every scenario card (and the catch-all ones).
    for scenario in Scenario::ALL {
        printed.add(
            "scenario",
            format!("{scenario} {scenario:?} {}", scenario.description()),
        );
    }
    for card in CARDS {
        let id = card_id(card);
        let outcome = client
            .vault_payment_method(&request(&id, card, &notify))
            .await;
        printed.debug(&id, &outcome);
        let inquiry = client.inquire_vaulting(&id).await;
        printed.debug(&id, &inquiry);
        // A repeat with the same id (idempotent answer) and with another card (inconsistent).
        let repeat = client
            .vault_payment_method(&request(&id, card, &notify))
            .await;
        printed.debug(&id, &repeat);
        let other = if card == PLAIN { MASTERCARD } else { PLAIN };
        let inconsistent = client
            .vault_payment_method(&request(&id, other, &notify))
            .await;
        printed.debug(&id, &inconsistent);
    }
    let resolved = client
        .resolve(&card_id(UNKNOWN), Duration::from_secs(5))
        .await;
    printed.debug("resolved", &resolved);

    // 3-D Secure: approve on the page over HTTP, decline through the API.
    let http = util::http();
    for (id, approve) in [("3ds-approve", true), ("3ds-decline", false)] {
        let outcome = client
            .vault_payment_method(&request(id, THREE_DS, &notify))
            .await
            .unwrap();
        printed.debug(id, &outcome);
        let VaultOutcome::BuyerActionRequired(action) = &outcome else {
            panic!("{id}: {outcome:?}");
        };
        let page_url = action.urls.normal_url().expect("a normalUrl").to_string();
        let page = http.get(&page_url).send().await.unwrap();
        printed.add(id, format!("{} {:?}", page.status(), page.headers()));
        printed.add(id, page.text().await.unwrap());
        if approve {
            let answer = http
                .post(&page_url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("decision=approve")
                .send()
                .await
                .unwrap();
            printed.add(id, format!("{} {:?}", answer.status(), answer.headers()));
            printed.add(id, answer.text().await.unwrap());
            // Deciding twice is refused.
            let again = http
                .post(&page_url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("decision=decline")
                .send()
                .await
                .unwrap();
            printed.add(id, format!("{} {:?}", again.status(), again.headers()));
            printed.add(id, again.text().await.unwrap());
        } else {
            sim.complete_verification(id, false).await.unwrap();
            let error = sim.complete_verification(id, true).await.unwrap_err();
            printed.both("simulator-error", &error);
        }
        let page = http.get(&page_url).send().await.unwrap();
        printed.add(id, page.text().await.unwrap());
        let resolved = client.resolve(id, Duration::from_secs(5)).await;
        printed.debug(id, &resolved);
    }
    let error = sim.complete_verification("no-such-id", true).await;
    printed.debug("simulator-error", &error);
    if let Err(error) = error {
        printed.both("simulator-error", &error);
    }

    // Every fault kind, on vaults and on inquiries.
    let faults = [
        Fault::Latency(Duration::from_millis(700)),
        Fault::DropBeforeProcessing,
        Fault::DropAfterProcessing,
        Fault::Status(503),
        Fault::MalformedBody,
        Fault::MissingSignature,
        Fault::BadSignature,
    ];
    for (n, fault) in faults.iter().enumerate() {
        for card in [PLAIN, FAIL, AMEX] {
            let id = format!("fault-{n}-{}", card_id(card));
            let rule = FaultRule::once(fault.clone()).on(Operation::Vault);
            printed.add("fault-rule", format!("{rule} {rule:?}"));
            sim.inject(rule);
            let outcome = client
                .vault_payment_method(&request(&id, card, &notify))
                .await;
            match &outcome {
                Ok(outcome) => printed.debug(&id, outcome),
                Err(error) => printed.both(&id, error),
            }
            sim.inject(FaultRule::once(fault.clone()).on(Operation::Inquire));
            let inquiry = client.inquire_vaulting(&id).await;
            match &inquiry {
                Ok(outcome) => printed.debug(&id, outcome),
                Err(error) => printed.both(&id, error),
            }
            sim.clear_faults();
            // "Not found" (a fault before processing) is believed after the client's 400 ms
            // attempt timeout, the shortest window there is.
            let options = ResolveOptions::new(id.clone())
                .deadline(Duration::from_secs(5))
                .not_found_window(Duration::ZERO);
            let resolved = client.resolve_with(&options).await;
            printed.debug(&id, &resolved);
        }
    }
    for text in [
        "latency=250ms,op=vault,times=2",
        "status=502",
        "nonsense",
        "latency=x",
    ] {
        match text.parse::<FaultRule>() {
            Ok(rule) => printed.add("fault-rule", format!("{rule} {rule:?}")),
            Err(error) => printed.both("fault-parse-error", &error),
        }
    }

    // A client whose merchant key the simulator does not know: INVALID_SIGNATURE.
    let wrong = Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(PrivateKey::generate().unwrap())
        .alipay_public_key(sim.gateway_public_key())
        .base_url(sim.base_url())
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let refused = wrong
        .vault_payment_method(&request("wrong-key", PLAIN, &notify))
        .await;
    printed.debug("wrong-key", &refused);

    // Signed bodies the simulator refuses: it must name the field, never echo the value.
    let merchant = sim.keys().merchant_private.clone().unwrap();
    let valid: serde_json::Value =
        serde_json::from_str(&request_json("raw-1", PLAIN, &notify)).unwrap();
    let mut hostile = Vec::new();
    let mut as_number = valid.clone();
    as_number["paymentMethodDetail"]["card"]["cardNo"] = serde_json::json!(4111111111111111u64);
    hostile.push(as_number.to_string());
    let mut cvv_number = valid.clone();
    cvv_number["vaultingRequestId"] = "raw-2".into();
    cvv_number["paymentMethodDetail"]["card"]["cvv"] = serde_json::json!(837);
    hostile.push(cvv_number.to_string());
    let mut too_long = valid.clone();
    too_long["vaultingRequestId"] = "raw-3".into();
    too_long["paymentMethodDetail"]["card"]["cardNo"] = format!("{PLAIN}{PLAIN}{PLAIN}").into();
    hostile.push(too_long.to_string());
    let mut bad_cvv = valid.clone();
    bad_cvv["vaultingRequestId"] = "raw-4".into();
    bad_cvv["paymentMethodDetail"]["card"]["cvv"] = format!("{CVV}{CVV}x").into();
    hostile.push(bad_cvv.to_string());
    let mut brand = valid.clone();
    brand["vaultingRequestId"] = "raw-5".into();
    brand["paymentMethodDetail"]["card"]["brand"] = PLAIN.into();
    hostile.push(brand.to_string());
    hostile.push(format!(r#"{{"cardNo": "{PLAIN}", "cvv": "{CVV}""#)); // truncated JSON
    hostile.push(valid.to_string()); // and one valid, for contrast
    for body in &hostile {
        let answer = signed_post(&sim, &merchant, body).await;
        printed.add("raw-answer", answer);
    }

    // Notifications: every delivery verifies; print the verified notifications.
    assert!(
        eventually(Duration::from_secs(10), || {
            let attempts = sim.notifications();
            !attempts.is_empty() && attempts.iter().filter(|a| a.acknowledged).count() >= 20
        })
        .await,
        "notifications acknowledged: {:?}",
        sim.notifications()
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let verifier = sim.notification_verifier();
    printed.debug("verifier", &verifier);
    let received = receiver.received();
    assert!(received.len() >= 20, "{} deliveries", received.len());
    for delivery in &received {
        printed.add(
            "delivery",
            String::from_utf8_lossy(&delivery.body).into_owned(),
        );
        printed.debug("delivery", delivery);
        let verified: types::NotifyVaultingRequest = verifier
            .verify("POST", &delivery.path, &delivery.headers, &delivery.body)
            .expect("the notification verifies");
        printed.debug("notification", &verified);
        let forged = verifier.verify("POST", "/elsewhere", &delivery.headers, &delivery.body);
        if let Err(error) = forged {
            printed.both("notification-error", &error);
        }
    }

    // Debug of every recorded thing. The recorded bodies hold the card data by design
    // (`RecordedRequest::body`): check that, so the search below would catch a leak of them.
    let requests = sim.requests();
    assert!(
        requests
            .iter()
            .any(|r| String::from_utf8_lossy(r.body()).contains(PLAIN)),
        "recorded bodies hold the card number"
    );
    for r in &requests {
        printed.debug("recorded-request", r);
    }
    let mut tokens = Vec::new();
    for v in sim.vaultings() {
        printed.debug("vaulting", &v);
        tokens.extend(v.card_token.map(|t| t.expose().to_owned()));
    }
    for n in sim.notifications() {
        printed.debug("notification-attempt", &n);
    }
    printed.debug("faults", &sim.faults());
    let standalone = SimulatorKeys::new(
        PrivateKey::parse(&read(&vector("gateway_private_pkcs8.pem"))).unwrap(),
        PublicKey::parse(&read(&vector("merchant_public_spki.b64"))).unwrap(),
    );
    printed.debug("keys-standalone", &standalone);
    printed.debug(
        "config-with-faults",
        &SimulatorConfig::new(standalone).fault("drop-after,times=1".parse().unwrap()),
    );
    sim.shutdown().await;
    tokens
}

// ---------------------------------------------------------------------------
// Part 3: the CLI
// ---------------------------------------------------------------------------

/// A temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "alipay-vaulting-secrets-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the binary with `args`, only the `ALIPAY_*` variables in `env`, and `stdin`; records
/// stdout and stderr; returns (exit code, stdout).
fn cli(printed: &Printed, args: &[&str], env: &[(&str, String)], stdin: &str) -> (i32, String) {
    let mut command = Command::new(BIN);
    command.args(args);
    for var in ENV_VARS {
        command.env_remove(var);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let label = format!("cli {}", args.join(" "));
    printed.add(format!("{label} (stdout)"), stdout.clone());
    printed.add(
        format!("{label} (stderr)"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    (output.status.code().unwrap_or(-1), stdout)
}

/// What a pipe reader collected, and its thread.
type Reader = (Arc<Mutex<Vec<u8>>>, std::thread::JoinHandle<()>);

/// Reads a pipe to the end on a thread.
fn drain(mut pipe: impl Read + Send + 'static) -> Reader {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let sink = buffer.clone();
    let thread = std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n @ 1..) = pipe.read(&mut chunk) {
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    (buffer, thread)
}

/// A running `alipay-vaulting sim`, killed if dropped before `stop`.
struct SimProcess {
    child: Child,
    base_url: String,
    first_lines: Vec<String>,
    stdout: Option<Reader>,
    stderr: Option<Reader>,
}

impl SimProcess {
    fn start(dir: &Path) -> SimProcess {
        let mut child = Command::new(BIN)
            .args(["sim", "--port", "0", "--time-factor", "0.001", "--keys"])
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sim starts");
        let stderr = drain(child.stderr.take().unwrap());
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first_lines = Vec::new();
        for _ in 0..3 {
            let mut line = String::new();
            if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "sim exited early:\n{}",
                    String::from_utf8_lossy(&stderr.0.lock().unwrap())
                );
            }
            first_lines.push(line.trim_end().to_string());
        }
        SimProcess {
            child,
            base_url: first_lines[0].clone(),
            first_lines,
            stdout: Some(drain(stdout)),
            stderr: Some(stderr),
        }
    }

    /// SIGTERM (to this child, by its id), wait (bounded), and record everything it printed.
    fn stop(mut self, printed: &Printed) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "sim ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "sim stopped with {status:?}");
        // The pipes close with the process: the readers end by themselves.
        let (stdout, stdout_thread) = self.stdout.take().expect("stdout reader");
        let (stderr, stderr_thread) = self.stderr.take().expect("stderr reader");
        let _ = stdout_thread.join();
        let _ = stderr_thread.join();
        printed.add("cli sim (stdout)", self.first_lines.join("\n"));
        printed.add(
            "cli sim (stdout)",
            String::from_utf8_lossy(&stdout.lock().unwrap()).into_owned(),
        );
        let stderr = String::from_utf8_lossy(&stderr.lock().unwrap()).into_owned();
        assert!(
            stderr.contains("vaultPaymentMethod"),
            "sim logged no request:\n{stderr}"
        );
        assert!(stderr.contains("Simulator stopped"), "{stderr}");
        printed.add("cli sim (stderr)", stderr);
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn field(stdout: &str, label: &str) -> Option<String> {
    stdout
        .lines()
        .find_map(|line| line.trim_start().strip_prefix(label))
        .map(|rest| rest.trim().to_string())
}

/// Runs every CLI part (blocking; called on a blocking thread). Returns the key directory
/// `sim` wrote, kept until the search is done.
fn exercise_cli(printed: &Printed, notify: &str) -> TempDir {
    let merchant_key = vector("merchant_private_pkcs8.b64").display().to_string();

    // vault, embedded simulator, each card on stdin (the merchant key from the vectors).
    for card in CARDS {
        let id = format!("cli-embedded-{}", card_id(card));
        let body = request_json(&id, card, notify);
        let (code, _) = cli(printed, &["vault"], &[], &body);
        assert!(matches!(code, 0 | 10 | 20 | 30), "{id}: exit {code}");
        let (code, _) = cli(
            printed,
            &[
                "--json",
                "vault",
                "--gateway",
                "embedded",
                "--private-key",
                &merchant_key,
            ],
            &[],
            &body,
        );
        assert!(matches!(code, 0 | 10 | 20 | 30), "{id}: exit {code}");
    }
    // Requests the CLI refuses before sending (exit 2): the error must not quote the values.
    let valid: serde_json::Value =
        serde_json::from_str(&request_json("cli-bad", PLAIN, notify)).unwrap();
    let mut as_number = valid.clone();
    as_number["paymentMethodDetail"]["card"]["cardNo"] = serde_json::json!(4111111111111111u64);
    let mut bad_cvv = valid.clone();
    bad_cvv["paymentMethodDetail"]["card"]["cvv"] = format!("{CVV}{CVV}x").into();
    let mut brand = valid.clone();
    brand["paymentMethodDetail"]["card"]["brand"] = PLAIN.into();
    for body in [
        as_number.to_string(),
        bad_cvv.to_string(),
        brand.to_string(),
        format!(r#"{{"cardNo": "{PLAIN}", "cvv": "{CVV}""#),
    ] {
        let (code, _) = cli(printed, &["vault"], &[], &body);
        assert_eq!(code, 2, "an invalid request exits 2");
        cli(printed, &["--json", "vault"], &[], &body);
    }

    // keys check on the shared private keys (alone, and as pairs).
    for role in ["merchant", "gateway"] {
        for file in [
            "private_pkcs8.b64",
            "private_pkcs8.pem",
            "private_pkcs1.b64",
            "private_pkcs1.pem",
        ] {
            let private = vector(&format!("{role}_{file}")).display().to_string();
            let public = vector(&format!("{role}_public_spki.pem"))
                .display()
                .to_string();
            // The other role's public key: not a pair.
            let other_role = if role == "merchant" {
                "gateway"
            } else {
                "merchant"
            };
            let other = vector(&format!("{other_role}_public_spki.b64"))
                .display()
                .to_string();
            let (code, _) = cli(
                printed,
                &["keys", "check", "--private-key", &private],
                &[],
                "",
            );
            assert_eq!(code, 0, "keys check {private}");
            cli(
                printed,
                &[
                    "keys",
                    "check",
                    "--json",
                    "--private-key",
                    &private,
                    "--public-key",
                    &public,
                ],
                &[],
                "",
            );
            cli(
                printed,
                &[
                    "keys",
                    "check",
                    "--private-key",
                    &private,
                    "--public-key",
                    &other,
                ],
                &[],
                "",
            );
            // A private key given where a public key is expected.
            cli(
                printed,
                &["keys", "check", "--public-key", &private],
                &[],
                "",
            );
        }
    }

    // sim: started, used, stopped.
    let dir = TempDir::new("sim-keys");
    let sim = SimProcess::start(&dir.0);
    let env = vec![
        ("ALIPAY_GATEWAY", sim.base_url.clone()),
        ("ALIPAY_CLIENT_ID", CLIENT_ID.to_string()),
        (
            "ALIPAY_PRIVATE_KEY",
            dir.0
                .join("merchant_private_pkcs8.b64")
                .display()
                .to_string(),
        ),
        (
            "ALIPAY_PUBLIC_KEY",
            dir.0.join("gateway_public_spki.b64").display().to_string(),
        ),
    ];
    for card in CARDS {
        let id = format!("cli-sim-{}", card_id(card));
        let body = request_json(&id, card, notify);
        let (code, stdout) = cli(printed, &["vault"], &env, &body);
        assert!(matches!(code, 0 | 10 | 20 | 30), "{id}: exit {code}");
        if card == THREE_DS {
            let url = field(&stdout, "normalUrl").expect("a normalUrl");
            page::fetch(&url, Some("decision=approve"), printed);
        }
        cli(printed, &["--json", "vault"], &env, &body);
        cli(printed, &["inquire", &id], &env, "");
        cli(
            printed,
            &["--json", "resolve", &id, "--deadline", "2s"],
            &env,
            "",
        );
    }
    let (_, stdout) = cli(
        printed,
        &["vault"],
        &env,
        &request_json("cli-sim-decline", THREE_DS, notify),
    );
    let url = field(&stdout, "normalUrl").expect("a normalUrl");
    page::fetch(&url, None, printed);
    page::fetch(&url, Some("decision=decline"), printed);
    cli(
        printed,
        &["resolve", "cli-sim-decline", "--deadline", "2s"],
        &env,
        "",
    );
    // Let the sim's 200 ms log tick print the last requests and notifications.
    std::thread::sleep(Duration::from_millis(600));
    sim.stop(printed);
    dir
}

/// A tiny blocking HTTP/1.1 client over loopback for the 3-D Secure page of the `sim` process
/// (the CLI part runs on a blocking thread).
mod page {
    use super::Printed;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    /// GETs the page (`form` is `None`) or POSTs the form; records the answer.
    pub fn fetch(url: &str, form: Option<&str>, printed: &Printed) {
        {
            let rest = url.strip_prefix("http://").expect("an http URL");
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let mut stream = TcpStream::connect(host).expect("connect to the sim");
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let request = match form {
                None => format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
                Some(form) => format!(
                    "POST {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
                     Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
                    form.len()
                ),
            };
            stream.write_all(request.as_bytes()).unwrap();
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer);
            let answer = String::from_utf8_lossy(&answer).into_owned();
            assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
            printed.add(format!("3ds page {path}"), answer);
        }
    }
}

// ---------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_in_any_output_of_simulator_notifications_or_cli() {
    // The binary's global subscriber at TRACE (see main.rs); this test's turn to read it.
    let (_turn, capture) = crate::trace_capture().await;
    let printed = Printed::default();

    // 1 and 2: the in-process simulator.
    let mut tokens = exercise_simulator(&printed).await;

    // 3: the CLI, on a blocking thread; its notifications go to a loopback receiver here.
    let receiver = RawServer::start(|_| acknowledging()).await;
    let notify = format!("{}/notify/cli", receiver.base_url());
    let cli_printed = printed.clone();
    let sim_dir = tokio::task::spawn_blocking(move || exercise_cli(&cli_printed, &notify))
        .await
        .expect("the CLI part panicked");
    for delivery in receiver.received() {
        printed.debug("cli-delivery", &delivery);
    }

    // 4: the search.
    let mut secrets = Secrets::new();
    for role in ["merchant", "gateway"] {
        for file in [
            "private_pkcs8.b64",
            "private_pkcs8.pem",
            "private_pkcs1.b64",
            "private_pkcs1.pem",
        ] {
            secrets.add_key_file(&vector(&format!("{role}_{file}")));
            let written = sim_dir.0.join(format!("{role}_{file}"));
            assert!(written.exists(), "sim did not write {}", written.display());
            secrets.add_key_file(&written);
        }
    }

    // The search works: planted secrets are found.
    let planted_key = read(&vector("gateway_private_pkcs8.b64"));
    let planted = format!(
        "x {AMEX} y cvv={CVV}; [{AMEX_CVV}] {} {}",
        &INVALID[..12],
        &planted_key[100..100 + WINDOW]
    );
    let found = secrets.scan(&planted);
    assert_eq!(
        secret_bytes(&found, planted.len()),
        AMEX.len() + CVV.len() + AMEX_CVV.len() + 12 + WINDOW,
        "the search misses planted secrets: {found:?}"
    );
    assert!(secrets
        .scan("port 38371 at .837106Z, 19173x, signature=Xb%2F9173rEds+837Q")
        .is_empty());

    let mut output = String::from_utf8_lossy(&capture.0.lock().unwrap()).into_owned();
    assert!(
        output.contains("alipay_vaulting.call") && output.contains("simulator answered"),
        "the trace capture must hold the client's spans and the simulator's events"
    );
    let trace_bytes = output.len();
    let pieces = printed.0.lock().unwrap().clone();
    let mut cli_bytes = 0;
    for (label, text) in &pieces {
        if label.starts_with("cli") {
            cli_bytes += text.len();
        }
        output.push_str(label);
        output.push_str(": ");
        output.push_str(text);
        output.push('\n');
    }
    if std::env::var("SHOW_CAPTURE").is_ok() {
        eprintln!("{output}");
    }
    let mut findings = secrets.scan(&output);

    // 5: card tokens, everywhere but where a token is the answer. The CLI's simulator issued
    // its own: they are read from the answers.
    let mut tokens_hidden_in = String::from_utf8_lossy(&capture.0.lock().unwrap()).into_owned();
    for (label, text) in &pieces {
        if token_is_the_answer(label) {
            tokens.extend(tokens_in(text));
        } else {
            tokens_hidden_in.push_str(label);
            tokens_hidden_in.push_str(": ");
            tokens_hidden_in.push_str(text);
            tokens_hidden_in.push('\n');
        }
    }
    tokens.sort();
    tokens.dedup();
    assert!(
        tokens.len() >= 10,
        "the simulators issued tokens: {} found",
        tokens.len()
    );
    assert_eq!(
        token_findings(&tokens, &format!("x {} y", tokens[0])).len(),
        1,
        "the token search finds a planted token"
    );
    let token_findings = token_findings(&tokens, &tokens_hidden_in);
    let token_report: Vec<String> = token_findings
        .iter()
        .take(20)
        .map(|f| {
            format!(
                "{} at {}: …{}…",
                f.what,
                f.at,
                context(&tokens_hidden_in, f.at)
            )
        })
        .collect();
    assert!(
        token_findings.is_empty(),
        "card tokens found where none was meant to print:\n{}",
        token_report.join("\n")
    );
    findings.sort_by_key(|f| f.at);
    let leaked = secret_bytes(&findings, output.len());
    println!(
        "secrets_everywhere: scanned {} bytes ({trace_bytes} of TRACE output, {} printed pieces \
         of which {cli_bytes} bytes of CLI output) for {} card numbers (+ 12-digit prefixes), \
         {} CVVs and {} windows of {} private key files: {} secret bytes found; {} bytes for \
         {} card tokens: none found",
        output.len(),
        pieces.len(),
        CARDS.len(),
        secrets.cvvs.len(),
        secrets.windows.len(),
        secrets.key_files.len(),
        leaked,
        tokens_hidden_in.len(),
        tokens.len(),
    );
    let report: Vec<String> = findings
        .iter()
        .take(20)
        .map(|f| format!("{} at {}: …{}…", f.what, f.at, context(&output, f.at)))
        .collect();
    assert_eq!(leaked, 0, "secrets found:\n{}", report.join("\n"));
}
