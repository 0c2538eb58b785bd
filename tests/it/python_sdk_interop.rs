//! Interoperability with the official Alipay Python SDK, `global-open-sdk-python` 1.7.1.
//!
//! Two directions, one Python process each:
//! - ours to the SDK: hundreds of messages signed by this crate (requests with the merchant key,
//!   notifications by `sign_notification` with the gateway key) are checked by the SDK's
//!   `signature_tool.verify` and `webhook_tool.check_signature` (`tests/interop/sdk_verify.py`);
//! - the SDK to ours: messages signed by the SDK's `signature_tool.sign`
//!   (`tests/interop/sdk_sign.py`) verify with `signing::verify_message` and
//!   `NotificationVerifier`, and are byte-identical to our signatures.
//!
//! The Python environment is made on first use: a virtualenv at
//! `<target dir>/interop-venv` with the pinned SDK, reused while its marker matches the pins.
//! `ALIPAY_INTEROP_PYTHON=/path/to/python` uses an interpreter that already has the SDK instead.
//! If the environment cannot be made, the tests fail (they never skip).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::notification::{sign_notification, NotificationError, NotificationVerifier};
use alipay_vaulting::signing::{sign_message, verify_message, SignatureHeader};
use serde_json::{json, Value};

const KEYS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys");
const SCRIPTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop");

/// What the virtualenv gets; also the content of its ready marker.
const PINS: [&str; 2] = ["global-open-sdk-python==1.7.1", "cryptography==44.0.3"];
const READY_MARKER: &str = ".alipay-interop-ready";
/// Set to an interpreter with the SDK installed to skip making the virtualenv.
const PYTHON_ENV: &str = "ALIPAY_INTEROP_PYTHON";

const REQUEST_PATHS: [&str; 4] = [
    "/ams/api/v1/vaults/vaultPaymentMethod",
    "/ams/sandbox/api/v1/vaults/vaultPaymentMethod",
    "/ams/api/v1/vaults/inquireVaulting",
    "/ams/sandbox/api/v1/vaults/inquireVaulting",
];
const NOTIFY_PATHS: [&str; 3] = [
    "/notify/vaulting",
    "/ams/sandbox/notify/vaulting",
    "/webhooks/alipay/vaulting-result",
];
const CLIENT_IDS: [&str; 4] = [
    "SANDBOX_5YEZ1234567890",
    "2188120000000001",
    "SANDBOX_2YCA8K2Z9A1B0C",
    "T_1",
];

// ---------------------------------------------------------------------------
// Python environment
// ---------------------------------------------------------------------------

/// The interpreter with the SDK, made once per test process (other tests wait for it).
fn python() -> &'static Path {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match PYTHON.get_or_init(setup_python) {
        Ok(path) => path,
        Err(message) => panic!("Python SDK interop environment unavailable: {message}"),
    }
}

fn setup_python() -> Result<PathBuf, String> {
    if let Some(given) = std::env::var_os(PYTHON_ENV).filter(|v| !v.is_empty()) {
        let given = PathBuf::from(given);
        let versions = probe(&given).map_err(|e| {
            format!(
                "{PYTHON_ENV}={} cannot import the SDK ({e}); install {} into it, or unset \
                 {PYTHON_ENV} to let the test make a virtualenv",
                given.display(),
                PINS.join(" ")
            )
        })?;
        eprintln!(
            "interop: using {PYTHON_ENV}={} ({versions})",
            given.display()
        );
        return Ok(given);
    }

    let target = target_dir();
    let venv = target.join("interop-venv");
    if ready(&venv) {
        if let Ok(versions) = probe(&venv_python(&venv)) {
            eprintln!("interop: reusing {} ({versions})", venv.display());
            return Ok(venv_python(&venv));
        }
    }

    // Build in a private directory, then move it into place: concurrent test processes
    // (e.g. nextest) never see a half-made environment.
    let started = Instant::now();
    std::fs::create_dir_all(&target)
        .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    let tmp = target.join(format!("interop-venv.tmp-{}", unique()));
    let result = build_venv(&tmp);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if venv.exists() && !ready(&venv) {
        // A stale or half-made environment from an older run: move it aside, then delete it.
        let old = target.join(format!("interop-venv.old-{}", unique()));
        if std::fs::rename(&venv, &old).is_ok() {
            let _ = std::fs::remove_dir_all(&old);
        }
    }
    let made = if std::fs::rename(&tmp, &venv).is_ok() {
        "made"
    } else {
        // Another process put its environment in place first; use that one.
        let _ = std::fs::remove_dir_all(&tmp);
        if !ready(&venv) {
            return Err(format!(
                "could not move the new virtualenv to {}",
                venv.display()
            ));
        }
        "made (another test process's copy won)"
    };
    let python = venv_python(&venv);
    let versions = probe(&python).map_err(|e| format!("the new virtualenv is broken: {e}"))?;
    eprintln!(
        "interop: {made} {} in {:.1} s ({versions})",
        venv.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(python)
}

fn build_venv(dir: &Path) -> Result<(), String> {
    let base = if cfg!(windows) { "python" } else { "python3" };
    run_setup(
        Command::new(base).args(["-m", "venv"]).arg(dir),
        &format!("`{base} -m venv` (is Python 3 with the venv module installed?)"),
    )?;
    run_setup(
        Command::new(venv_python(dir))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-input",
            ])
            .args(PINS),
        &format!(
            "`pip install {}` (is PyPI reachable? set {PYTHON_ENV} to an interpreter that has \
             the SDK to skip the install)",
            PINS.join(" ")
        ),
    )?;
    std::fs::write(dir.join(READY_MARKER), PINS.join("\n"))
        .map_err(|e| format!("cannot write the ready marker: {e}"))
}

fn run_setup(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{what} could not start: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed with {}:\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn ready(venv: &Path) -> bool {
    std::fs::read_to_string(venv.join(READY_MARKER)).is_ok_and(|m| m == PINS.join("\n"))
        && venv_python(venv).exists()
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// Imports the SDK's signing modules and returns the installed versions.
fn probe(python: &Path) -> Result<String, String> {
    const SCRIPT: &str = "import importlib.metadata as m\n\
        import com.alipay.ams.api.tools.signature_tool, com.alipay.ams.api.tools.webhook_tool\n\
        print(', '.join(p + ' ' + m.version(p) for p in \
        ('global-open-sdk-python', 'cryptography', 'rsa')))";
    let output = Command::new(python)
        .args(["-c", SCRIPT])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

/// `CARGO_TARGET_DIR`, else the target directory this test binary was built into.
fn target_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").filter(|v| !v.is_empty()) {
        return manifest.join(dir);
    }
    // <target>/<profile>/deps/<test binary>
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| manifest.join("target"))
}

fn unique() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// Runs one helper script, feeding it `input` on stdin; returns its stdout lines as JSON.
fn run_script(script: &str, args: &[&str], input: String) -> Vec<Value> {
    let path = Path::new(SCRIPTS).join(script);
    let mut child = Command::new(python())
        .arg(&path)
        .args(args)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUTF8", "1")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
    // Write from another thread so a full stdout pipe cannot deadlock us.
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        output.status.success(),
        "{script} failed with {}:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{script}: {e}: {line}")))
        .collect()
}

// ---------------------------------------------------------------------------
// Keys and generated inputs
// ---------------------------------------------------------------------------

fn read_key(name: &str) -> String {
    let path = format!("{KEYS}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

struct Keys {
    merchant: PrivateKey,
    gateway: PrivateKey,
    merchant_public: PublicKey,
    gateway_public: PublicKey,
    /// SPKI base64, as the SDK takes public keys.
    merchant_public_b64: String,
    gateway_public_b64: String,
}

fn keys() -> Keys {
    let merchant_public_b64 = read_key("merchant_public_spki.b64").trim().to_owned();
    let gateway_public_b64 = read_key("gateway_public_spki.b64").trim().to_owned();
    Keys {
        merchant: PrivateKey::parse(&read_key("merchant_private_pkcs8.b64")).unwrap(),
        gateway: PrivateKey::parse(&read_key("gateway_private_pkcs8.b64")).unwrap(),
        merchant_public: PublicKey::parse(&merchant_public_b64).unwrap(),
        gateway_public: PublicKey::parse(&gateway_public_b64).unwrap(),
        merchant_public_b64,
        gateway_public_b64,
    }
}

/// xorshift64*: deterministic inputs without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const ALPHABETS: [&str; 6] = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:/?&=+%#@",
    "中文测试支付宝卡号绑定结果通知",
    "éèêëàâäôöûüçñÉÀøß",
    "😀🎉💳🔒🚀𝄞",
    "\"\\/\u{8}\u{c}\n\r\t\u{1}\u{1f}",
    "\u{a0}\u{2028}\u{2029}\u{200b}\u{feff}\u{7f}",
];

fn rand_text(rng: &mut Rng, max_len: usize) -> String {
    (0..rng.below(max_len + 1))
        .map(|_| {
            let alphabet: Vec<char> = ALPHABETS[rng.below(ALPHABETS.len())].chars().collect();
            alphabet[rng.below(alphabet.len())]
        })
        .collect()
}

/// Writes JSON by hand so bodies vary the way real ones do: raw UTF-8 or `\u` escapes
/// (surrogate pairs for emoji), escaped `/`, and optional whitespace between tokens.
struct JsonWriter<'r> {
    rng: &'r mut Rng,
    out: String,
    spaces: bool,
    ascii_only: bool,
}

impl JsonWriter<'_> {
    fn ws(&mut self) {
        if self.spaces && self.rng.chance(30) {
            let ws = [" ", "  ", "\n", "\r\n", "\t"];
            let pick = self.rng.pick(&ws);
            self.out.push_str(pick);
        }
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '/' if self.rng.chance(50) => self.out.push_str("\\/"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if (c as u32) < 0x20 => self.out.push_str(&format!("\\u{:04x}", c as u32)),
                c if !c.is_ascii() && (self.ascii_only || self.rng.chance(30)) => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        if self.rng.chance(50) {
                            self.out.push_str(&format!("\\u{unit:04x}"));
                        } else {
                            self.out.push_str(&format!("\\u{unit:04X}"));
                        }
                    }
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn value(&mut self, depth: usize) {
        self.ws();
        match self.rng.below(if depth < 3 { 8 } else { 5 }) {
            0 => {
                let n = self.rng.next() as i64 >> self.rng.below(64);
                self.out.push_str(&n.to_string());
            }
            1 => {
                let lit = ["true", "false", "null", "-0.5", "1e10", "3.25E-3"];
                let pick = self.rng.pick(&lit);
                self.out.push_str(pick);
            }
            2..=4 => {
                let s = rand_text(self.rng, 30);
                self.string(&s);
            }
            5 => {
                self.out.push('[');
                let n = self.rng.below(4);
                for i in 0..n {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.value(depth + 1);
                }
                self.ws();
                self.out.push(']');
            }
            _ => {
                self.out.push('{');
                let n = self.rng.below(5);
                for i in 0..n {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.ws();
                    let key = rand_text(self.rng, 10);
                    self.string(&key);
                    self.ws();
                    self.out.push(':');
                    self.value(depth + 1);
                }
                self.ws();
                self.out.push('}');
            }
        }
        self.ws();
    }

    /// An object with the given string members first, then random members.
    fn object(&mut self, members: &[(&str, String)]) {
        self.ws();
        self.out.push('{');
        for (i, (key, value)) in members.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.ws();
            self.string(key);
            self.ws();
            self.out.push(':');
            self.ws();
            if value.starts_with('{') {
                self.out.push_str(value); // a nested object, already JSON
            } else {
                self.string(value);
            }
            self.ws();
        }
        for _ in 0..self.rng.below(4) {
            self.out.push(',');
            self.ws();
            let key = format!("x{}", rand_text(self.rng, 8));
            self.string(&key);
            self.out.push(':');
            self.value(1);
        }
        self.out.push('}');
        self.ws();
    }
}

fn writer(rng: &mut Rng) -> JsonWriter<'_> {
    let spaces = rng.chance(50);
    let ascii_only = rng.chance(25);
    JsonWriter {
        rng,
        out: String::new(),
        spaces,
        ascii_only,
    }
}

fn request_body(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => String::new(),
        1 => rand_text(rng, 80), // not JSON at all: the body is opaque to signing
        _ => {
            let request_id = format!("vault-{}", rand_text(rng, 12));
            let redirect = format!("https://merchant.example/return?q={}", rand_text(rng, 8));
            let metadata = rand_text(rng, 60);
            let mut w = writer(rng);
            w.object(&[
                ("vaultingRequestId", request_id),
                (
                    "vaultingNotificationUrl",
                    "https://merchant.example/notify/vaulting".into(),
                ),
                ("redirectUrl", redirect),
                (
                    "paymentMethodDetail",
                    r#"{"paymentMethodType":"CARD","card":{"cardNo":"4111111111111111","brand":"VISA","expiryYear":"30","expiryMonth":"12"}}"#.into(),
                ),
                ("metadata", metadata),
            ]);
            w.out
        }
    }
}

fn notification_body(rng: &mut Rng, id: usize) -> String {
    let token = format!("ALIPAY{}", rand_text(rng, 16));
    let metadata = rand_text(rng, 60);
    let mut w = writer(rng);
    let mut card = writer(w.rng);
    card.object(&[
        ("cardToken", token),
        ("maskedCardNo", "************1111".into()),
        ("brand", "VISA".into()),
    ]);
    let card = card.out;
    w.object(&[
        ("notifyType", "VAULTING_RESULT".into()),
        ("vaultingRequestId", format!("vault-req-{id:04}")),
        (
            "result",
            r#"{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}"#.into(),
        ),
        (
            "paymentMethodDetail",
            format!(r#"{{"paymentMethodType":"CARD","card":{card}}}"#),
        ),
        ("vaultingCreateTime", "2024-03-14T19:07:40+08:00".into()),
        ("metadata", metadata),
    ]);
    w.out
}

fn request_time(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => (1_500_000_000_000 + rng.next() % 400_000_000_000).to_string(),
        1 => "2019-07-12T12:08:56.253+05:30".into(),
        2 => "2024-01-01T00:00:00Z".into(),
        _ => format!(
            "20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
            10 + rng.below(20),
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(24),
            rng.below(60),
            rng.below(60),
            ["+08:00", "-05:00", "+00:00", "+05:45"][rng.below(4)]
        ),
    }
}

// ---------------------------------------------------------------------------
// Ours to the SDK
// ---------------------------------------------------------------------------

struct Case {
    line: Value,
    expect_ok: bool,
    what: String,
}

#[allow(clippy::too_many_arguments)]
fn case(
    id: usize,
    mode: &str,
    path: &str,
    client_id: &str,
    time: &str,
    body: &str,
    header: &str,
    public_key_b64: &str,
    expect_ok: bool,
    what: String,
) -> Case {
    Case {
        line: json!({
            "id": id,
            "mode": mode,
            "method": "POST",
            "path": path,
            "client_id": client_id,
            "request_time": time,
            "body": body,
            "signature_header": header,
            "public_key": public_key_b64,
        }),
        expect_ok,
        what,
    }
}

#[test]
fn sdk_accepts_our_request_and_notification_signatures() {
    let keys = keys();
    let mut rng = Rng(0x5eed_0001_a11c_e5ed);
    let mut cases: Vec<Case> = Vec::new();

    // 240 requests signed with the merchant key, checked with signature_tool.verify.
    for i in 0..240 {
        let path = REQUEST_PATHS[i % REQUEST_PATHS.len()];
        let client_id = CLIENT_IDS[rng.below(CLIENT_IDS.len())];
        let time = request_time(&mut rng);
        let body = request_body(&mut rng);
        let header = sign_message(
            &keys.merchant,
            "POST",
            path,
            client_id,
            &time,
            body.as_bytes(),
        );
        let header = header.encode();
        let id = cases.len();
        cases.push(case(
            id,
            "verify",
            path,
            client_id,
            &time,
            &body,
            &header,
            &keys.merchant_public_b64,
            true,
            format!("request {path} {client_id} {time}"),
        ));
    }
    // 80 notifications from sign_notification with the gateway key, checked with the SDK's
    // webhook_tool.check_signature.
    for i in 0..80 {
        let path = NOTIFY_PATHS[i % NOTIFY_PATHS.len()];
        let client_id = CLIENT_IDS[rng.below(CLIENT_IDS.len())];
        let time = request_time(&mut rng);
        let body = notification_body(&mut rng, i);
        let signed = sign_notification(&keys.gateway, client_id, path, &time, body.as_bytes());
        let id = cases.len();
        cases.push(case(
            id,
            "webhook",
            path,
            client_id,
            &time,
            &body,
            signed.signature_header(),
            &keys.gateway_public_b64,
            true,
            format!("notification {path} {client_id} {time}"),
        ));
    }
    let genuine = cases.len();

    // Controls the SDK must reject, so this test can fail.
    let body = r#"{"vaultingRequestId":"vault-req-0001","metadata":"é中😀"}"#;
    let path = REQUEST_PATHS[0];
    let header = sign_message(
        &keys.merchant,
        "POST",
        path,
        CLIENT_IDS[0],
        "1",
        body.as_bytes(),
    );
    let header = header.encode();
    let tampered = body.replace("0001", "0002");
    let signed = sign_notification(
        &keys.gateway,
        CLIENT_IDS[0],
        NOTIFY_PATHS[0],
        "1",
        body.as_bytes(),
    );
    #[rustfmt::skip]
    let controls = [
        ("verify", path, CLIENT_IDS[0], "1", body, header.as_str(), &keys.merchant_public_b64, true, "control: genuine"),
        ("verify", path, CLIENT_IDS[0], "1", tampered.as_str(), header.as_str(), &keys.merchant_public_b64, false, "control: body changed"),
        ("verify", REQUEST_PATHS[1], CLIENT_IDS[0], "1", body, header.as_str(), &keys.merchant_public_b64, false, "control: path changed"),
        ("verify", path, CLIENT_IDS[1], "1", body, header.as_str(), &keys.merchant_public_b64, false, "control: client id changed"),
        ("verify", path, CLIENT_IDS[0], "2", body, header.as_str(), &keys.merchant_public_b64, false, "control: time changed"),
        ("verify", path, CLIENT_IDS[0], "1", body, header.as_str(), &keys.gateway_public_b64, false, "control: wrong public key"),
        ("webhook", NOTIFY_PATHS[0], CLIENT_IDS[0], "1", body, signed.signature_header(), &keys.gateway_public_b64, true, "control: genuine notification"),
        ("webhook", NOTIFY_PATHS[1], CLIENT_IDS[0], "1", body, signed.signature_header(), &keys.gateway_public_b64, false, "control: notification path swap"),
        ("webhook", NOTIFY_PATHS[0], CLIENT_IDS[0], "1", tampered.as_str(), signed.signature_header(), &keys.gateway_public_b64, false, "control: notification body changed"),
        ("webhook", NOTIFY_PATHS[0], CLIENT_IDS[0], "1", body, signed.signature_header(), &keys.merchant_public_b64, false, "control: notification, merchant key"),
        ("webhook", NOTIFY_PATHS[0], CLIENT_IDS[0], "1", body, "algorithm=RSA256,keyVersion=1", &keys.gateway_public_b64, false, "control: no signature part"),
    ];
    for (mode, path, client_id, time, body, header, key, expect, what) in controls {
        let id = cases.len();
        cases.push(case(
            id,
            mode,
            path,
            client_id,
            time,
            body,
            header,
            key,
            expect,
            what.to_owned(),
        ));
    }
    assert!(genuine >= 300);

    let input: String = cases.iter().map(|c| format!("{}\n", c.line)).collect();
    let started = Instant::now();
    let results = run_script("sdk_verify.py", &[], input);
    eprintln!(
        "interop: the SDK checked {} signatures in {:.2} s",
        cases.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(results.len(), cases.len(), "one result per case");

    let mut failures = Vec::new();
    for (case, result) in cases.iter().zip(&results) {
        assert_eq!(result["id"], case.line["id"], "results in order");
        let ok = result["ok"].as_bool().expect("ok is a boolean");
        if ok != case.expect_ok {
            failures.push(format!(
                "#{} {}: expected {}, the SDK said {} ({}); body {:?}",
                case.line["id"],
                case.what,
                if case.expect_ok { "accept" } else { "reject" },
                if ok { "accept" } else { "reject" },
                result["error"].as_str().unwrap_or(""),
                case.line["body"].as_str().unwrap_or(""),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree with the SDK:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// The SDK to ours
// ---------------------------------------------------------------------------

#[test]
fn we_accept_sdk_request_and_notification_signatures_byte_for_byte() {
    let keys = keys();
    let started = Instant::now();
    let signed = run_script("sdk_sign.py", &[KEYS, "330", "20240314"], String::new());
    eprintln!(
        "interop: the SDK signed {} messages in {:.2} s",
        signed.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(signed.len(), 330);

    let verifier = NotificationVerifier::new(keys.gateway_public.clone());
    let text = |v: &Value, key: &str| -> String {
        v[key]
            .as_str()
            .unwrap_or_else(|| panic!("{key} missing in {v}"))
            .to_owned()
    };
    let (mut requests, mut notifications) = (0, 0);
    let mut key_forms = std::collections::BTreeSet::new();
    for message in &signed {
        let id = message["id"].as_u64().unwrap();
        let (kind, signer) = (text(message, "kind"), text(message, "signer"));
        let (path, client_id) = (text(message, "path"), text(message, "client_id"));
        let (time, body) = (text(message, "request_time"), text(message, "body"));
        let sdk_header = text(message, "signature_header");
        assert_eq!(
            sdk_header,
            format!(
                "algorithm=RSA256,keyVersion=1,signature={}",
                text(message, "signature")
            )
        );
        key_forms.insert((signer.clone(), text(message, "key_form")));
        let context = format!("#{id} {kind} {path} {client_id} {time} body {body:?}");

        let (private, public) = match signer.as_str() {
            "merchant" => (&keys.merchant, &keys.merchant_public),
            "gateway" => (&keys.gateway, &keys.gateway_public),
            other => panic!("unknown signer {other}"),
        };
        let parsed = SignatureHeader::parse(&sdk_header)
            .unwrap_or_else(|e| panic!("{context}: header does not parse: {e}"));
        verify_message(
            public,
            "POST",
            &path,
            &client_id,
            &time,
            body.as_bytes(),
            &parsed,
        )
        .unwrap_or_else(|e| panic!("{context}: {e}"));

        // PKCS#1 v1.5 is deterministic: our signature and header are the SDK's, byte for byte.
        let ours = sign_message(private, "POST", &path, &client_id, &time, body.as_bytes());
        assert_eq!(
            ours.signature.as_bytes(),
            parsed.signature.as_bytes(),
            "{context}"
        );
        assert_eq!(ours.encode(), sdk_header, "{context}");

        match kind.as_str() {
            "request" => {
                assert_eq!(signer, "merchant");
                requests += 1;
            }
            "notification" => {
                assert_eq!(signer, "gateway");
                notifications += 1;
                let headers = [
                    ("client-id", client_id.as_str()),
                    ("request-time", time.as_str()),
                    ("signature", sdk_header.as_str()),
                ];
                let n = verifier
                    .verify("POST", &path, &headers, body.as_bytes())
                    .unwrap_or_else(|e| panic!("{context}: {e}"));
                assert_eq!(n.vaulting_request_id, format!("vault-req-{id:04}"));
                assert!(n
                    .payment_method_detail
                    .and_then(|d| d.card)
                    .and_then(|c| c.card_token)
                    .is_some_and(|t| t.expose().starts_with("ALIPAY")));
                let ours = sign_notification(private, &client_id, &path, &time, body.as_bytes());
                assert_eq!(ours.signature_header(), sdk_header, "{context}");

                // Control: the same notification on another path, or with a changed body.
                assert_eq!(
                    verifier.verify("POST", "/elsewhere", &headers, body.as_bytes()),
                    Err(NotificationError::BadSignature),
                    "{context}"
                );
                let mut changed = body.clone().into_bytes();
                changed.push(b' ');
                assert_eq!(
                    verifier.verify("POST", &path, &headers, &changed),
                    Err(NotificationError::BadSignature),
                    "{context}"
                );
            }
            other => panic!("unknown kind {other}"),
        }
    }
    assert!(requests >= 200, "{requests} requests");
    assert!(notifications >= 100, "{notifications} notifications");
    // The SDK signed with every key form it takes (PKCS#1 and PKCS#8 base64, PKCS#1 PEM).
    assert_eq!(key_forms.len(), 6, "{key_forms:?}");
}
