//! The `alipay-vaulting` binary, run as a process: `sim` and its key directory, `vault`,
//! `inquire` and `resolve` against it (and against the embedded simulator), `keys check` and
//! `notification verify`. Every output is checked for card numbers.
#![cfg(feature = "cli")]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::notification::sign_notification;
use base64::Engine as _;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_alipay-vaulting");
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys");

const PLAIN_CARD: &str = "4111111111111111";
const THREE_DS_CARD: &str = "4000000000003220";
const FAIL_CARD: &str = "4000000000000002";
const UNKNOWN_CARD: &str = "4000000000000127";
/// Card numbers that must never show up in any output.
const CARDS: [&str; 4] = [PLAIN_CARD, THREE_DS_CARD, FAIL_CARD, UNKNOWN_CARD];

/// The proxy variables, cleared for each run with every `ALIPAY_*` setting the library reads
/// (`alipay_vaulting::ENV_VARIABLES`): the test's own environment must not leak in.
const PROXY_VARS: [&str; 7] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
];

fn vector(name: &str) -> String {
    format!("{VECTORS}/{name}")
}

fn assert_no_card_numbers(what: &str, text: &str) {
    for card in CARDS {
        assert!(!text.contains(card), "{what} shows a card number:\n{text}");
    }
}

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

/// A temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("alipay-vaulting-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One finished run of the binary.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("--json output does not parse ({e}):\n{}", self.stdout))
    }

    fn expect(self, code: i32) -> Run {
        assert_eq!(self.code, code, "unexpected exit code: {self:#?}");
        self
    }
}

/// Runs the binary with `args`, only the `ALIPAY_*` variables in `env`, and `stdin`.
fn cli<S: AsRef<std::ffi::OsStr>>(args: &[S], env: &[(&str, &str)], stdin: &str) -> Run {
    let mut command = Command::new(BIN);
    command.args(args);
    for var in alipay_vaulting::ENV_VARIABLES.iter().chain(&PROXY_VARS) {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let run = Run {
        code: output.status.code().expect("exited normally"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert_no_card_numbers("stdout", &run.stdout);
    assert_no_card_numbers("stderr", &run.stderr);
    run
}

/// Reads a pipe to the end on a thread.
fn drain(mut pipe: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let sink = buffer.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n @ 1..) = pipe.read(&mut chunk) {
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    buffer
}

/// A running `alipay-vaulting sim`; killed when dropped.
struct Sim {
    child: Child,
    base_url: String,
    lines: Vec<String>,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Sim {
    fn start(dir: &Path) -> Sim {
        Sim::start_with(dir, &[])
    }

    fn start_with(dir: &Path, extra: &[&str]) -> Sim {
        let mut child = Command::new(BIN)
            .args(["sim", "--port", "0", "--keys"])
            .arg(dir)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = drain(child.stderr.take().unwrap());
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut lines = Vec::new();
        for _ in 0..3 {
            let mut line = String::new();
            if stdout.read_line(&mut line).unwrap() == 0 {
                let _ = child.wait();
                panic!(
                    "sim exited early:\n{}",
                    String::from_utf8_lossy(&stderr.lock().unwrap())
                );
            }
            lines.push(line.trim_end().to_string());
        }
        let stdout = drain(stdout);
        Sim {
            child,
            base_url: lines[0].clone(),
            lines,
            stdout,
            stderr,
        }
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    /// The stderr captured so far, once it contains `needle` or 10 s have passed (a thread
    /// drains the pipe, so a line the simulator wrote may not be captured yet).
    fn stderr_once_it_says(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = self.stderr();
            if text.contains(needle) || Instant::now() > deadline {
                return text;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the simulator with SIGTERM and checks everything it printed.
    fn stop(mut self) -> ExitStatus {
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
        std::thread::sleep(Duration::from_millis(100)); // let the drain threads finish
        assert_no_card_numbers("sim stdout", &self.lines.join("\n"));
        assert_no_card_numbers(
            "sim stdout",
            &String::from_utf8_lossy(&self.stdout.lock().unwrap()),
        );
        assert_no_card_numbers("sim stderr", &self.stderr());
        status
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The environment that points the CLI at a `sim` with its generated merchant key.
fn sim_env(sim: &Sim, dir: &TempDir) -> Vec<(&'static str, String)> {
    vec![
        ("ALIPAY_GATEWAY", sim.base_url.clone()),
        ("ALIPAY_CLIENT_ID", "SANDBOX_CLI_TEST".to_string()),
        (
            "ALIPAY_PRIVATE_KEY",
            dir.file("merchant_private_pkcs8.b64").display().to_string(),
        ),
        (
            "ALIPAY_PUBLIC_KEY",
            dir.file("gateway_public_spki.b64").display().to_string(),
        ),
    ]
}

fn borrowed<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A vault request in wire format, as the API document shows it.
fn request(id: &str, card: &str) -> String {
    format!(
        r#"{{
  "vaultingRequestId": "{id}",
  "vaultingNotificationUrl": "http://127.0.0.1:9/notify/vaulting",
  "redirectUrl": "http://127.0.0.1:9/return",
  "paymentMethodDetail": {{
    "paymentMethodType": "CARD",
    "card": {{
      "cardNo": "{card}",
      "expiryYear": "30",
      "expiryMonth": "12",
      "cvv": "123",
      "cardholderName": {{"firstName": "JOHN", "lastName": "SMITH"}}
    }}
  }},
  "env": {{"terminalType": "WEB"}}
}}"#
    )
}

/// The value printed after `label` in readable output.
fn field(stdout: &str, label: &str) -> String {
    stdout
        .lines()
        .find_map(|line| line.trim_start().strip_prefix(label))
        .map(|rest| rest.trim().to_string())
        .unwrap_or_else(|| panic!("no {label} in:\n{stdout}"))
}

// ---------------------------------------------------------------------------
// sim and its key directory
// ---------------------------------------------------------------------------

fn b64_der(text: &str) -> Vec<u8> {
    assert!(!text.contains("-----"), "a .b64 file holds bare base64");
    assert_eq!(text.trim().lines().count(), 1, "a .b64 file is one line");
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .unwrap()
}

/// The six files of `role` exist in their formats and hold one key pair; returns its public key.
fn check_key_files(dir: &TempDir, role: &str) -> PublicKey {
    let pkcs8 =
        PrivateKey::from_pkcs8_der(&b64_der(&dir.read(&format!("{role}_private_pkcs8.b64"))))
            .unwrap();
    let pkcs1 =
        PrivateKey::from_pkcs1_der(&b64_der(&dir.read(&format!("{role}_private_pkcs1.b64"))))
            .unwrap();
    let spki =
        PublicKey::from_spki_der(&b64_der(&dir.read(&format!("{role}_public_spki.b64")))).unwrap();
    for (file, label) in [
        ("private_pkcs8.pem", "PRIVATE KEY"),
        ("private_pkcs1.pem", "RSA PRIVATE KEY"),
        ("public_spki.pem", "PUBLIC KEY"),
    ] {
        let text = dir.read(&format!("{role}_{file}"));
        assert!(
            text.starts_with(&format!("-----BEGIN {label}-----\n")),
            "{role}_{file}"
        );
        assert!(text.trim_end().ends_with(&format!("-----END {label}-----")));
        assert!(text.lines().all(|line| line.len() <= 64), "{role}_{file}");
    }
    let pkcs8_pem = PrivateKey::parse(&dir.read(&format!("{role}_private_pkcs8.pem"))).unwrap();
    let pkcs1_pem = PrivateKey::parse(&dir.read(&format!("{role}_private_pkcs1.pem"))).unwrap();
    let spki_pem = PublicKey::parse(&dir.read(&format!("{role}_public_spki.pem"))).unwrap();
    for public in [
        pkcs1.public_key(),
        pkcs8_pem.public_key(),
        pkcs1_pem.public_key(),
        spki.clone(),
        spki_pem,
    ] {
        assert_eq!(
            public,
            pkcs8.public_key(),
            "{role}: the files hold one pair"
        );
    }
    assert_eq!(pkcs8.modulus_bits(), 2048);
    spki
}

#[test]
fn sim_creates_its_key_files_then_reuses_them() {
    let dir = TempDir::new("keydir");
    let sim = Sim::start(dir.path());
    let port = sim
        .base_url
        .strip_prefix("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("first line is the base URL: {:?}", sim.lines));
    assert!(port.parse::<u16>().unwrap() > 0);
    assert!(
        sim.lines[1].contains(&*dir.path().to_string_lossy()),
        "{:?}",
        sim.lines
    );
    assert_eq!(sim.lines[2], "client id: SANDBOX_SIMULATOR");
    let gateway = check_key_files(&dir, "gateway");
    let merchant = check_key_files(&dir, "merchant");
    assert_ne!(gateway, merchant);
    let status = sim.stop();
    assert!(
        status.success(),
        "SIGTERM stops the simulator cleanly: {status:?}"
    );

    let sim = Sim::start(dir.path());
    assert_eq!(
        check_key_files(&dir, "gateway"),
        gateway,
        "the gateway key is reused"
    );
    assert_eq!(
        check_key_files(&dir, "merchant"),
        merchant,
        "the merchant key is reused"
    );
    let stderr = sim.stderr_once_it_says("reused");
    assert!(stderr.contains("reused"), "{stderr}");
    sim.stop();
}

#[test]
fn sim_honours_an_existing_merchant_public_key() {
    let dir = TempDir::new("own-merchant-key");
    let own_public = std::fs::read_to_string(vector("merchant_public_spki.pem")).unwrap();
    std::fs::write(dir.file("merchant_public_spki.pem"), &own_public).unwrap();
    let sim = Sim::start(dir.path());
    check_key_files(&dir, "gateway");
    for file in [
        "private_pkcs8.b64",
        "private_pkcs8.pem",
        "private_pkcs1.b64",
        "private_pkcs1.pem",
    ] {
        assert!(
            !dir.file(&format!("merchant_{file}")).exists(),
            "merchant_{file} was made"
        );
    }
    assert_eq!(
        dir.read("merchant_public_spki.pem"),
        own_public,
        "left as it was"
    );

    // Signed with the matching private key (the user's own): accepted.
    let gateway_public = dir.file("gateway_public_spki.pem").display().to_string();
    let vault_signed_with = |private: &str| {
        [
            "vault",
            "-",
            "--gateway",
            &sim.base_url,
            "--client-id",
            "SANDBOX_OWN_KEY",
            "--private-key",
            private,
            "--public-key",
            &gateway_public,
        ]
        .map(String::from)
    };
    let own = vault_signed_with(&vector("merchant_private_pkcs1.pem"));
    cli(&own, &[], &request("own-key-1", PLAIN_CARD)).expect(0);

    // Signed with another key: the simulator refuses the signature, a configuration error.
    let other = vault_signed_with(&vector("gateway_private_pkcs8.b64"));
    let run = cli(&other, &[], &request("own-key-2", PLAIN_CARD)).expect(1);
    assert!(run.stdout.contains("INVALID_SIGNATURE"), "{run:#?}");
    sim.stop();
}

// ---------------------------------------------------------------------------
// vault, inquire, resolve
// ---------------------------------------------------------------------------

#[test]
fn vault_inquire_and_resolve_against_a_running_sim() {
    let dir = TempDir::new("calls");
    let sim = Sim::start(dir.path());
    let env = sim_env(&sim, &dir);
    let env = borrowed(&env);

    // A plain card: vaulted, exit 0, the token printed.
    let run = cli(&["vault"], &env, &request("cli-plain", PLAIN_CARD)).expect(0);
    assert!(run.stdout.starts_with("Vaulted"), "{}", run.stdout);
    let token = field(&run.stdout, "cardToken");
    assert!(!token.is_empty());
    assert!(field(&run.stdout, "maskedCardNo").ends_with("1111"));
    assert!(run.stdout.contains("Next step: nothing"), "{}", run.stdout);

    // The same with --json: one object with outcome, nextStep and the fields.
    let json = cli(
        &["vault", "--json", "-"],
        &env,
        &request("cli-plain-json", PLAIN_CARD),
    )
    .expect(0)
    .json();
    assert_eq!(json["outcome"], "vaulted");
    assert_eq!(json["nextStep"], "none");
    assert_eq!(json["vaultingRequestId"], "cli-plain-json");
    assert!(!json["cardToken"].as_str().unwrap().is_empty());
    assert_eq!(json["brand"], "VISA");
    assert_eq!(json["exitCode"], 0);

    // 3-D Secure: buyer action, exit 10, the normalUrl on the simulator.
    let run = cli(&["vault"], &env, &request("cli-3ds", THREE_DS_CARD)).expect(10);
    assert!(
        field(&run.stdout, "normalUrl").starts_with(&sim.base_url),
        "{}",
        run.stdout
    );
    let json = cli(
        &["--json", "vault"],
        &env,
        &request("cli-3ds-json", THREE_DS_CARD),
    )
    .expect(10)
    .json();
    assert_eq!(json["outcome"], "buyerActionRequired");
    assert_eq!(json["nextStep"], "redirectBuyer");
    assert!(json["normalUrl"]
        .as_str()
        .unwrap()
        .starts_with(&sim.base_url));

    // A declined card: exit 20. An unknown outcome: exit 30, and the advice to resolve.
    let json = cli(&["vault", "--json"], &env, &request("cli-fail", FAIL_CARD))
        .expect(20)
        .json();
    assert_eq!(json["outcome"], "failed");
    assert_eq!(json["resultCode"], "VERIFICATION_FAIL");
    let run = cli(&["vault"], &env, &request("cli-unknown", UNKNOWN_CARD)).expect(30);
    assert!(
        run.stdout.contains("alipay-vaulting resolve"),
        "{}",
        run.stdout
    );

    // inquire: the flags work as well as the environment.
    let flags = [
        "inquire",
        "cli-plain",
        "--gateway",
        &sim.base_url,
        "--client-id",
        "SANDBOX_CLI_TEST",
        "--private-key",
        env[2].1,
        "--public-key",
        env[3].1,
        "--merchant-account-id",
        "M-1",
    ];
    let run = cli(&flags, &[], "").expect(0);
    assert!(run.stdout.starts_with("Succeeded"), "{}", run.stdout);
    assert_eq!(field(&run.stdout, "cardToken"), token, "the same token");
    let json = cli(&["inquire", "cli-3ds", "--json"], &env, "")
        .expect(10)
        .json();
    assert_eq!(json["outcome"], "processing");
    cli(&["inquire", "cli-fail"], &env, "").expect(20);
    // One inquiry's "not found" is not final: a request still in flight may land.
    let json = cli(&["inquire", "no-such-vaulting", "--json"], &env, "")
        .expect(30)
        .json();
    assert_eq!(json["outcome"], "notFoundYet");
    assert_eq!(json["nextStep"], "inquireWithSameRequestId");

    // resolve: the unknown vaulting did succeed; the 3-D Secure one is still waiting.
    let run = cli(&["resolve", "cli-unknown"], &env, "").expect(0);
    assert!(!field(&run.stdout, "cardToken").is_empty());
    let run = cli(&["resolve", "cli-3ds", "--deadline", "1s"], &env, "").expect(10);
    assert!(run.stdout.starts_with("Processing"), "{}", run.stdout);
    sim.stop();
}

#[test]
fn timeouts_and_rejected_responses_are_unknown_outcomes() {
    let dir = TempDir::new("faults");
    let sim = Sim::start_with(
        dir.path(),
        &[
            "--fault",
            "latency=3s,op=vault,times=1",
            "--fault",
            "bad-signature,op=inquire",
        ],
    );
    let env = sim_env(&sim, &dir);
    let env = borrowed(&env);

    // No answer within the timeout: unknown, resolve with the same id.
    let started = Instant::now();
    let json = cli(
        &["vault", "--timeout", "300ms", "--json"],
        &env,
        &request("fault-timeout", PLAIN_CARD),
    )
    .expect(30)
    .json();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "--timeout applies"
    );
    assert_eq!(json["outcome"], "error");
    assert_eq!(json["errorKind"], "outcomeUnknown");
    assert_eq!(json["nextStep"], "inquireWithSameRequestId");

    // An answer whose signature does not verify: unknown as well.
    cli(&["vault"], &env, &request("fault-signature", PLAIN_CARD)).expect(0);
    let run = cli(&["inquire", "fault-signature"], &env, "").expect(30);
    assert!(run.stderr.contains("response rejected"), "{}", run.stderr);

    // A fault rule that does not parse: a usage error.
    let run = cli(
        &[
            "sim",
            "--keys",
            &dir.path().display().to_string(),
            "--fault",
            "sometimes",
        ],
        &[],
        "",
    )
    .expect(2);
    assert!(run.stderr.contains("invalid fault rule"), "{}", run.stderr);
    sim.stop();
}

/// No line of a simulator's answer claims a vaulting with Alipay, and the answer says whose
/// it is.
fn assert_labelled_as_simulator(run: &Run) {
    for line in run.stdout.lines().chain(run.stderr.lines()) {
        assert!(
            !line.contains("with Alipay") || line.contains("No card is stored with Alipay"),
            "a simulator's answer claims Alipay: {line}\n{run:#?}"
        );
    }
    assert!(
        run.stdout.contains("simulator"),
        "the answer does not say it came from a simulator: {run:#?}"
    );
}

#[test]
fn without_a_gateway_or_credentials_the_embedded_simulator_answers_and_says_so() {
    let run = cli(&["vault"], &[], &request("embedded-1", PLAIN_CARD)).expect(0);
    assert!(run.stderr.contains("embedded simulator"), "{}", run.stderr);
    assert!(!field(&run.stdout, "cardToken").is_empty());
    assert!(
        run.stdout.starts_with("Vaulted, by a simulator"),
        "{}",
        run.stdout
    );
    assert_labelled_as_simulator(&run);

    // Asked for explicitly, with credentials: the same.
    let key = vector("merchant_private_pkcs8.pem");
    let run = cli(
        &[
            "vault",
            "--gateway",
            "embedded",
            "--client-id",
            "SANDBOX_X",
            "--private-key",
            &key,
        ],
        &[],
        &request("embedded-2", PLAIN_CARD),
    )
    .expect(0);
    assert_labelled_as_simulator(&run);
    let json = cli(
        &["--json", "vault", "--gateway", "embedded"],
        &[],
        &request("e-3", PLAIN_CARD),
    )
    .expect(0)
    .json();
    assert_eq!(json["answeredBy"], "simulator");

    // A new process holds no state: inquiring it would answer "not found", which a script or a
    // tired person reads as "safe to vault again". `inquire` and `resolve` refuse it (exit 1),
    // naming the setting and the standalone simulator.
    for command in [vec!["inquire", "embedded-1"], vec!["resolve", "embedded-1"]] {
        for gateway in [None, Some("embedded")] {
            let mut args = command.clone();
            if let Some(gateway) = gateway {
                args.extend(["--gateway", gateway]);
            }
            let run = cli(&args, &[], "").expect(1);
            let text = run.stdout.clone() + &run.stderr;
            assert!(text.contains("ALIPAY_GATEWAY"), "{args:?}: {text}");
            assert!(text.contains("alipay-vaulting sim"), "{args:?}: {text}");
        }
    }
}

#[test]
fn a_credential_without_a_gateway_is_a_configuration_error_and_nothing_is_vaulted() {
    let key = vector("merchant_private_pkcs8.pem");
    let public = vector("gateway_public_spki.pem");
    for env in [
        vec![("ALIPAY_CLIENT_ID", "SANDBOX_5YEZ1234567890")],
        vec![("ALIPAY_PRIVATE_KEY", key.as_str())],
        vec![("ALIPAY_PUBLIC_KEY", public.as_str())],
        vec![
            ("ALIPAY_CLIENT_ID", "SANDBOX_5YEZ1234567890"),
            ("ALIPAY_PRIVATE_KEY", key.as_str()),
            ("ALIPAY_PUBLIC_KEY", public.as_str()),
        ],
    ] {
        let run = cli(&["vault"], &env, &request("no-gateway-1", PLAIN_CARD)).expect(1);
        assert!(run.stderr.contains("no gateway"), "{run:#?}");
        assert!(
            !run.stderr.contains("Using an embedded simulator"),
            "{run:#?}"
        );
        assert!(run.stdout.is_empty(), "{run:#?}");
        assert!(!run.stderr.to_lowercase().contains("vaulted"), "{run:#?}");
    }
}

#[test]
fn answers_the_documents_allow_are_read_from_a_sim() {
    // Booleans as strings and the app link spelled appLinkUrl, on every answer.
    let dir = TempDir::new("documents-allow");
    let sim = Sim::start_with(
        dir.path(),
        &["--fault", "string-scalars", "--fault", "app-link-url"],
    );
    let env = sim_env(&sim, &dir);
    let env = borrowed(&env);
    let run = cli(&["vault"], &env, &request("allow-1", PLAIN_CARD)).expect(0);
    assert_labelled_as_simulator(&run);
    let json = cli(
        &["--json", "vault"],
        &env,
        &request("allow-2", THREE_DS_CARD),
    )
    .expect(10)
    .json();
    assert!(
        json["applinkUrl"]
            .as_str()
            .is_some_and(|url| url.contains("/sim/applink/")),
        "{json}"
    );
    sim.stop();

    // An unsigned 3-D Secure answer: confirmed by a signed inquiry, the buyer is redirected.
    let dir = TempDir::new("unsigned-3ds");
    let sim = Sim::start_with(dir.path(), &["--fault", "no-signature,op=vault,times=1"]);
    let env = sim_env(&sim, &dir);
    let env = borrowed(&env);
    let json = cli(
        &["--json", "vault"],
        &env,
        &request("unsigned-3ds", THREE_DS_CARD),
    )
    .expect(10)
    .json();
    assert_eq!(json["nextStep"], "redirectBuyer", "{json}");
    sim.stop();
}

#[test]
fn a_vaulting_registered_after_the_timeout_resolves_to_the_card() {
    let dir = TempDir::new("register-delay");
    let sim = Sim::start_with(
        dir.path(),
        &["--fault", "register-delay=2s,op=vault,times=1"],
    );
    let env = sim_env(&sim, &dir);
    let env = borrowed(&env);
    let run = cli(
        &["vault", "--timeout", "500ms"],
        &env,
        &request("late-1", PLAIN_CARD),
    )
    .expect(30);
    assert!(run.stderr.contains("outcome unknown"), "{run:#?}");
    let run = cli(&["resolve", "late-1", "--deadline", "20s"], &env, "").expect(0);
    assert!(
        run.stdout.starts_with("Succeeded, by a simulator"),
        "{run:#?}"
    );
    assert_labelled_as_simulator(&run);
    sim.stop();
}

#[test]
fn a_request_breaking_the_spec_exits_2_naming_the_field() {
    let long_name = "J".repeat(40);
    let bad = request("bad-1", PLAIN_CARD).replace("\"JOHN\"", &format!("\"{long_name}\""));
    let run = cli(&["vault"], &[], &bad).expect(2);
    assert!(
        run.stderr
            .contains("paymentMethodDetail.card.cardholderName.firstName"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(&long_name), "the value is not echoed");
    assert!(
        !run.stderr.contains("embedded simulator"),
        "checked before anything starts"
    );
    let json = cli(&["vault", "--json"], &[], &bad).expect(2).json();
    assert_eq!(json["outcome"], "error");
    assert_eq!(json["errorKind"], "invalidRequest");
    assert_eq!(json["nextStep"], "fixRequest");

    // Not the request model at all: still exit 2, and the card number is not quoted.
    let wrong_type = request("bad-2", PLAIN_CARD).replace(&format!("\"{PLAIN_CARD}\""), PLAIN_CARD);
    let run = cli(&["vault"], &[], &wrong_type).expect(2);
    assert!(run.stderr.contains("line"), "{}", run.stderr);
    cli(&["vault"], &[], "{ not json").expect(2);
    cli(&["vault", "/no/such/file.json"], &[], "").expect(2);

    // A gateway given without the rest: a configuration error.
    let run = cli(
        &["vault"],
        &[("ALIPAY_GATEWAY", "na")],
        &request("cfg-1", PLAIN_CARD),
    )
    .expect(1);
    assert!(run.stderr.contains("ALIPAY_CLIENT_ID"), "{}", run.stderr);
    // Plain http to a remote host is refused.
    let env = [
        ("ALIPAY_GATEWAY", "http://example.com"),
        ("ALIPAY_CLIENT_ID", "SANDBOX_X"),
        ("ALIPAY_PRIVATE_KEY", &*vector("merchant_private_pkcs8.b64")),
        ("ALIPAY_PUBLIC_KEY", &*vector("gateway_public_spki.b64")),
    ];
    cli(&["vault"], &env, &request("cfg-2", PLAIN_CARD)).expect(1);
}

#[test]
fn help_documents_the_exit_codes() {
    let run = cli(&["--help"], &[], "").expect(0);
    for line in [
        "Exit codes (each follows from the next step",
        "  10  buyer action required",
        "  30  outcome unknown",
        "  40  not sent",
    ] {
        assert!(run.stdout.contains(line), "{}", run.stdout);
    }
    cli(&["no-such-command"], &[], "").expect(2);
}

// ---------------------------------------------------------------------------
// keys check
// ---------------------------------------------------------------------------

#[test]
fn keys_check_describes_keys_and_checks_pairs() {
    let private = vector("merchant_private_pkcs8.b64");
    let public = vector("merchant_public_spki.pem");
    let run = cli(
        &[
            "keys",
            "check",
            "--private-key",
            &private,
            "--public-key",
            &public,
        ],
        &[],
        "",
    )
    .expect(0);
    assert!(
        field(&run.stdout, "privateKeyFormat").contains("PKCS#8, base64"),
        "{}",
        run.stdout
    );
    assert!(field(&run.stdout, "publicKeyFormat").contains("SubjectPublicKeyInfo, PEM"));
    assert_eq!(field(&run.stdout, "privateKeyBits"), "2048");
    let fingerprint = field(&run.stdout, "publicKeyFingerprint");
    assert_eq!(fingerprint.len(), 64);
    assert_eq!(field(&run.stdout, "privateKeyFingerprint"), fingerprint);
    assert_eq!(field(&run.stdout, "pair"), "match");

    let json = cli(
        &[
            "keys",
            "check",
            "--json",
            "--private-key",
            &vector("gateway_private_pkcs1.pem"),
        ],
        &[],
        "",
    )
    .expect(0)
    .json();
    assert_eq!(json["privateKeyFormat"], "PKCS#1, PEM");

    // Not a pair: the merchant private key and the gateway public key.
    let run = cli(
        &[
            "keys",
            "check",
            "--private-key",
            &private,
            "--public-key",
            &vector("gateway_public_spki.b64"),
        ],
        &[],
        "",
    )
    .expect(1);
    assert_eq!(field(&run.stdout, "pair"), "mismatch");

    // Keys in the wrong place: typed errors naming what was found.
    let run = cli(
        &[
            "keys",
            "check",
            "--private-key",
            &vector("merchant_public_spki.b64"),
        ],
        &[],
        "",
    )
    .expect(1);
    assert!(run.stderr.contains("found a public key"), "{}", run.stderr);
    let run = cli(
        &[
            "keys",
            "check",
            "--public-key",
            &vector("merchant_private_pkcs1.pem"),
        ],
        &[],
        "",
    )
    .expect(1);
    assert!(run.stderr.contains("found a private key"), "{}", run.stderr);
    let json = cli(
        &[
            "keys",
            "check",
            "--json",
            "--public-key",
            &vector("merchant_private_pkcs8.b64"),
        ],
        &[],
        "",
    )
    .expect(1)
    .json();
    assert_eq!(json["errorKind"], "key");
    cli(&["keys", "check", "--private-key", "/no/such/key"], &[], "").expect(1);
    cli(&["keys", "check"], &[], "").expect(2);
}

// ---------------------------------------------------------------------------
// notification verify
// ---------------------------------------------------------------------------

#[test]
fn notification_verify_accepts_a_signed_notification_and_rejects_a_tampered_one() {
    let dir = TempDir::new("notification");
    let gateway =
        PrivateKey::parse(&std::fs::read_to_string(vector("gateway_private_pkcs8.b64")).unwrap())
            .unwrap();
    let body = br#"{"notifyType":"VAULTING_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"vaultingRequestId":"cli-notify-1","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"cardToken":"tok_cli_123","maskedCardNo":"************1111","brand":"VISA"}},"vaultingCreateTime":"2024-05-01T10:00:00+08:00"}"#;
    let signed = sign_notification(
        &gateway,
        "SANDBOX_CLI",
        "/notify/vaulting",
        "1714528800000",
        body,
    );
    std::fs::write(dir.file("body.json"), body).unwrap();
    let body_file = dir.file("body.json").display().to_string();
    let all_headers: Vec<(&str, String)> = signed.headers();
    // `notification verify` with these headers, the body from `body` (a file or -) and `extra`.
    let verify = |skip_header: Option<&str>, body: &str, extra: &[&str]| -> Vec<String> {
        let mut args = [
            "notification",
            "verify",
            "--path",
            "/notify/vaulting",
            "--body",
            body,
        ]
        .map(String::from)
        .to_vec();
        for (name, value) in &all_headers {
            if Some(*name) != skip_header {
                args.extend(["--header".to_string(), format!("{name}: {value}")]);
            }
        }
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    };
    let public = vector("gateway_public_spki.pem");
    let env = [("ALIPAY_PUBLIC_KEY", public.as_str())];

    let run = cli(&verify(None, &body_file, &[]), &env, "").expect(0);
    assert!(run.stdout.starts_with("Verified"), "{}", run.stdout);
    assert_eq!(field(&run.stdout, "vaultingRequestId"), "cli-notify-1");
    assert_eq!(field(&run.stdout, "cardToken"), "tok_cli_123");
    assert_eq!(field(&run.stdout, "resultStatus"), "S");
    // What it says, by the library's NotificationOutcome.
    assert_eq!(field(&run.stdout, "notificationOutcome"), "vaulted");

    // The body from stdin, with the expected client id, as JSON.
    let from_stdin = verify(None, "-", &["--client-id", "SANDBOX_CLI", "--json"]);
    let json = cli(&from_stdin, &env, std::str::from_utf8(body).unwrap())
        .expect(0)
        .json();
    assert_eq!(json["outcome"], "verified");
    assert_eq!(json["vaultingRequestId"], "cli-notify-1");
    assert_eq!(json["notifyType"], "VAULTING_RESULT");
    assert_eq!(json["notificationOutcome"], "vaulted");

    // Tampered: one character of the token changed.
    let tampered = std::str::from_utf8(body)
        .unwrap()
        .replace("tok_cli_123", "tok_cli_124");
    let json = cli(&from_stdin, &env, &tampered).expect(20).json();
    assert_eq!(json["outcome"], "rejected");
    assert_eq!(json["errorKind"], "badSignature");
    assert!(json["error"]
        .as_str()
        .unwrap()
        .contains("signature does not match"));
    let run = cli(&verify(None, "-", &[]), &env, &tampered).expect(20);
    assert!(run.stdout.starts_with("Rejected"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("tok_cli_124"),
        "the rejected body is not shown"
    );

    // Another client id, a missing header, the wrong key.
    let other_client = verify(
        None,
        &body_file,
        &["--client-id", "SANDBOX_OTHER", "--json"],
    );
    let json = cli(&other_client, &env, "").expect(20).json();
    assert_eq!(json["errorKind"], "clientIdMismatch");
    let no_signature = verify(Some("signature"), &body_file, &["--json"]);
    let json = cli(&no_signature, &env, "").expect(20).json();
    assert_eq!(json["errorKind"], "missingHeader");
    let merchant_public = vector("merchant_public_spki.pem");
    let wrong_key = [("ALIPAY_PUBLIC_KEY", merchant_public.as_str())];
    cli(&verify(None, &body_file, &[]), &wrong_key, "").expect(20);

    // No public key at all: a configuration error. A header without a colon: a usage error.
    cli(&verify(None, &body_file, &[]), &[], "").expect(1);
    let no_colon = [
        "notification",
        "verify",
        "--path",
        "/n",
        "--header",
        "no colon",
    ];
    cli(&no_colon, &env, "").expect(2);
}

// ---------------------------------------------------------------------------
// The production path: HTTPS with a private CA, proxies
// ---------------------------------------------------------------------------

/// An HTTPS simulator with a test CA, and the files the CLI needs to call it.
struct HttpsGateway {
    sim: alipay_vaulting::simulator::Simulator,
    ca: crate::support::certs::TestCa,
    dir: TempDir,
}

impl HttpsGateway {
    async fn start(name: &str) -> HttpsGateway {
        let ca = crate::support::certs::TestCa::new("cli test CA");
        let certificate = ca.server(&["localhost"]);
        let sim = crate::support::simulator::sim_with(|config| {
            config.tls(&certificate.chain_pem, &certificate.key_pem)
        })
        .await;
        let dir = TempDir::new(name);
        crate::support::simulator::write_cli_keys(&sim, dir.path());
        std::fs::write(dir.file("ca.pem"), &ca.pem).unwrap();
        HttpsGateway { sim, ca, dir }
    }

    /// The settings of a real gateway, through the environment.
    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ALIPAY_GATEWAY", self.sim.base_url().to_string()),
            ("ALIPAY_CLIENT_ID", self.sim.client_id().to_string()),
            (
                "ALIPAY_PRIVATE_KEY",
                self.dir
                    .file("merchant_private_pkcs8.pem")
                    .display()
                    .to_string(),
            ),
            (
                "ALIPAY_PUBLIC_KEY",
                self.dir
                    .file("gateway_public_spki.pem")
                    .display()
                    .to_string(),
            ),
        ]
    }

    fn ca_file(&self) -> String {
        self.dir.file("ca.pem").display().to_string()
    }
}

/// `vault` with one card, in a blocking thread (the simulator runs on this test's runtime).
async fn vault_over(args: Vec<String>, env: Vec<(&'static str, String)>, id: &str) -> Run {
    let body = format!(
        r#"{{"vaultingRequestId":"{id}","vaultingNotificationUrl":"https://merchant.example/n","redirectUrl":"https://merchant.example/r","paymentMethodDetail":{{"paymentMethodType":"CARD","card":{{"cardNo":"{PLAIN_CARD}","cvv":"123","expiryYear":"30","expiryMonth":"12"}}}},"env":{{"terminalType":"WEB"}}}}"#
    );
    tokio::task::spawn_blocking(move || {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut all = vec!["--json".to_string(), "vault".to_string()];
        all.extend(args);
        cli(&all, &env, &body)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_calls_an_https_gateway_with_its_ca_from_the_flag_or_the_environment() {
    let gateway = HttpsGateway::start("https").await;

    // --ca-cert
    let run = vault_over(
        vec!["--ca-cert".into(), gateway.ca_file()],
        gateway.env(),
        "cli-https-1",
    )
    .await
    .expect(0);
    assert_eq!(run.json()["outcome"], "vaulted", "{run:?}");

    // ALIPAY_CA_CERT
    let mut env = gateway.env();
    env.push(("ALIPAY_CA_CERT", gateway.ca_file()));
    let run = vault_over(vec![], env, "cli-https-2").await.expect(0);
    assert_eq!(run.json()["outcome"], "vaulted", "{run:?}");

    // No CA: a configuration error (exit 1) that says what to set, and nothing was sent.
    let before = gateway.sim.requests().len();
    let run = vault_over(vec![], gateway.env(), "cli-https-3")
        .await
        .expect(1);
    let json = run.json();
    assert_eq!(json["nextStep"], "checkConfiguration", "{run:?}");
    let error = json["error"].as_str().unwrap_or_default().to_string() + &run.stdout;
    assert!(error.contains("not issued by a trusted root"), "{run:?}");
    assert!(error.contains("--ca-cert"), "{run:?}");
    assert_eq!(gateway.sim.requests().len(), before);

    // A CA file that is not one names the flag and the variable.
    let run = vault_over(
        vec![
            "--ca-cert".into(),
            gateway
                .dir
                .file("gateway_public_spki.pem")
                .display()
                .to_string(),
        ],
        gateway.env(),
        "cli-https-4",
    )
    .await
    .expect(1);
    assert!(run.stdout.contains("--ca-cert / ALIPAY_CA_CERT"), "{run:?}");
    let _ = &gateway.ca;
    gateway.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_goes_through_a_proxy_from_the_flag_or_the_environment_or_not_at_all() {
    use crate::support::proxy::{ConnectProxy, ProxyMode};
    let gateway = HttpsGateway::start("proxy").await;
    let proxy = ConnectProxy::start(ProxyMode::Tunnel).await;
    let ca = vec!["--ca-cert".to_string(), gateway.ca_file()];
    let target = format!(
        "localhost:{}",
        url::Url::parse(&gateway.sim.base_url())
            .unwrap()
            .port()
            .unwrap()
    );

    // --proxy
    let mut args = ca.clone();
    args.extend(["--proxy".to_string(), proxy.url()]);
    let run = vault_over(args, gateway.env(), "cli-proxy-1")
        .await
        .expect(0);
    assert_eq!(run.json()["outcome"], "vaulted", "{run:?}");
    assert_eq!(proxy.tunnels().len(), 1);
    assert_eq!(proxy.tunnels()[0].target, target);

    // HTTPS_PROXY, the standard variable.
    let mut env = gateway.env();
    env.push(("HTTPS_PROXY", proxy.url()));
    let run = vault_over(ca.clone(), env.clone(), "cli-proxy-2")
        .await
        .expect(0);
    assert_eq!(run.json()["outcome"], "vaulted", "{run:?}");
    assert_eq!(proxy.tunnels().len(), 2, "HTTPS_PROXY was not used");

    // --no-proxy bypasses HTTPS_PROXY.
    let mut args = ca.clone();
    args.push("--no-proxy".into());
    let run = vault_over(args, env, "cli-proxy-3").await.expect(0);
    assert_eq!(run.json()["outcome"], "vaulted", "{run:?}");
    assert_eq!(
        proxy.tunnels().len(),
        2,
        "--no-proxy went through the proxy"
    );

    // NO_PROXY naming the gateway's host bypasses HTTPS_PROXY too.
    let mut env = gateway.env();
    env.push(("HTTPS_PROXY", proxy.url()));
    env.push(("NO_PROXY", "localhost".to_string()));
    let run = vault_over(ca.clone(), env, "cli-proxy-5").await.expect(0);
    assert_eq!(run.json()["outcome"], "vaulted", "{run:?}");
    assert_eq!(proxy.tunnels().len(), 2, "NO_PROXY was not honoured");

    // A proxy that refuses: a configuration error, with the status.
    let refusing = ConnectProxy::start(ProxyMode::Status(407)).await;
    let mut args = ca;
    args.extend(["--proxy".to_string(), refusing.url()]);
    let run = vault_over(args, gateway.env(), "cli-proxy-4")
        .await
        .expect(1);
    assert!(run.stdout.contains("407"), "{run:?}");
    gateway.sim.shutdown().await;
}

#[test]
fn sim_serves_https_and_vault_trusts_it_with_ca_cert() {
    let dir = TempDir::new("sim-tls");
    let ca = crate::support::certs::TestCa::new("cli sim CA");
    let certificate = ca.server(&["localhost"]);
    std::fs::write(dir.file("tls_chain.pem"), &certificate.chain_pem).unwrap();
    std::fs::write(dir.file("tls_key.pem"), &certificate.key_pem).unwrap();
    std::fs::write(dir.file("ca.pem"), &ca.pem).unwrap();
    let cert = dir.file("tls_chain.pem").display().to_string();
    let key = dir.file("tls_key.pem").display().to_string();
    let sim = Sim::start_with(dir.path(), &["--tls-cert", &cert, "--tls-key", &key]);
    assert!(
        sim.base_url.starts_with("https://localhost:"),
        "{:?}",
        sim.lines
    );

    let env = sim_env(&sim, &dir);
    let body = format!(
        r#"{{"vaultingRequestId":"cli-sim-tls-1","vaultingNotificationUrl":"https://merchant.example/n","redirectUrl":"https://merchant.example/r","paymentMethodDetail":{{"paymentMethodType":"CARD","card":{{"cardNo":"{PLAIN_CARD}","cvv":"123","expiryYear":"30","expiryMonth":"12"}}}},"env":{{"terminalType":"WEB"}}}}"#
    );
    let ca_file = dir.file("ca.pem").display().to_string();
    let run = cli(
        &["--json", "vault", "--ca-cert", ca_file.as_str()],
        &borrowed(&env),
        &body,
    )
    .expect(0);
    let json = run.json();
    assert_eq!(json["outcome"], "vaulted", "{run:?}");
    assert_eq!(
        json["answeredBy"], "simulator",
        "an HTTPS simulator is still labelled"
    );

    // Without the CA: a configuration error, nothing sent.
    let run = cli(&["--json", "vault"], &borrowed(&env), &body).expect(1);
    assert_eq!(run.json()["nextStep"], "checkConfiguration", "{run:?}");
    assert!(sim.stop().success());
}

// ---------------------------------------------------------------------------
// Trust at the edges (issue 17)
// ---------------------------------------------------------------------------

/// The subcommand paths of the tool, from its own `--help` (recursively).
fn subcommands(path: &[String]) -> Vec<Vec<String>> {
    let mut args = path.to_vec();
    args.push("--help".into());
    let run = cli(&args, &[], "");
    let mut found = vec![path.to_vec()];
    let Some(commands) = run.stdout.split("Commands:\n").nth(1) else {
        return found;
    };
    for line in commands.lines() {
        if line.trim().is_empty() || !line.starts_with("  ") {
            break;
        }
        let name = line.split_whitespace().next().unwrap_or_default();
        if name == "help" {
            continue;
        }
        let mut next = path.to_vec();
        next.push(name.to_string());
        found.extend(subcommands(&next));
    }
    found
}

/// `--help` of every subcommand, with every key variable holding key text (the README allows
/// it) and the proxy variable holding a password: no key byte and no password is shown.
#[test]
fn help_text_never_shows_a_secret() {
    let private = std::fs::read_to_string(vector("merchant_private_pkcs8.pem")).unwrap();
    let public = std::fs::read_to_string(vector("gateway_public_spki.pem")).unwrap();
    let proxy = "http://svc:hunter2-proxy-pa55@127.0.0.1:3128";
    let env = [
        ("ALIPAY_PRIVATE_KEY", private.as_str()),
        ("ALIPAY_PUBLIC_KEY", public.as_str()),
        ("ALIPAY_PROXY", proxy),
    ];
    // Key bytes: each base64 line of both PEM texts.
    let secrets: Vec<&str> = private
        .lines()
        .chain(public.lines())
        .filter(|l| !l.starts_with("-----") && l.len() > 16)
        .chain(["hunter2-proxy-pa55"])
        .collect();
    let paths = subcommands(&[]);
    assert!(paths.len() >= 8, "{paths:?}");
    for path in paths {
        let mut args = path.clone();
        args.push("--help".into());
        let run = cli(&args, &env, "").expect(0);
        for secret in &secrets {
            assert!(
                !run.stdout.contains(secret) && !run.stderr.contains(secret),
                "`{}` shows a secret:\n{}",
                args.join(" "),
                run.stdout
            );
        }
    }
}

/// The merchant's own public key given as Alipay's: a configuration error (exit 1) that says
/// which key is which, and nothing reaches the gateway.
#[test]
fn the_merchants_public_key_as_alipays_is_refused_before_anything_is_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let gateway = format!("http://{}", listener.local_addr().unwrap());
    let env = [
        ("ALIPAY_GATEWAY", gateway.as_str()),
        ("ALIPAY_CLIENT_ID", "SANDBOX_5YEZ1234567890"),
    ];
    let key = vector("merchant_private_pkcs8.pem");
    let merchant_public = vector("merchant_public_spki.pem");
    let args = [
        "--json",
        "vault",
        "--private-key",
        key.as_str(),
        "--public-key",
        merchant_public.as_str(),
    ];
    let run = cli(&args, &env, &request("mk-1", PLAIN_CARD)).expect(1);
    let json = run.json();
    let error = json.to_string();
    assert!(error.contains("merchant's own public key"), "{run:?}");
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "a connection reached the gateway"
    );
}

/// With the `webpki-roots` feature on (the tests build with every feature), the system's store
/// still counts: a gateway whose CA is only in the system's store (`SSL_CERT_FILE`) is trusted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mozillas_roots_are_added_to_the_systems_never_in_their_place() {
    let gateway = HttpsGateway::start("system-store").await;
    let mut env = gateway.env();
    env.push(("SSL_CERT_FILE", gateway.ca_file()));
    let run = vault_over(vec![], env, "cli-system-store-1")
        .await
        .expect(0);
    assert_eq!(run.json()["outcome"], "vaulted", "{run:?}");
    gateway.sim.shutdown().await;
}

/// `notification verify`'s usage line shows only what is required: the client id and the public
/// key may come from the environment.
#[test]
fn the_verify_usage_line_shows_only_what_is_required() {
    let run = cli(&["notification", "verify", "--help"], &[], "").expect(0);
    let usage = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Usage:"))
        .unwrap_or_default()
        .to_string();
    assert!(usage.contains("--path"), "{usage}");
    assert!(!usage.contains("--client-id"), "{usage}");
    assert!(!usage.contains("--public-key"), "{usage}");
}

/// The README's install line keeps the lock file's versions (`--locked`).
#[test]
fn the_readme_installs_with_the_lock_file() {
    let readme = include_str!("../../README.md");
    let install = readme
        .lines()
        .find(|l| l.starts_with("cargo install"))
        .expect("an install line");
    assert!(install.contains("--locked"), "{install}");
}
