//! Memory: does the client's resident memory stay flat over many sequential calls?
//!
//! Each mode runs in a fresh process (this binary re-executed), makes `BENCH_MEMORY_CALLS`
//! sequential `vault_payment_method` calls (default 100,000; each with a fresh
//! `vaultingRequestId` except in `replay`) on a current-thread Tokio runtime, and reads `VmRSS`
//! (resident now) and `VmHWM` (peak resident) from `/proc/self/status` after the first call and
//! after 1 %, 10 % and 100 % of the calls (1k, 10k and 100k by default). The figure that
//! matters is the growth between 10 % and 100 % [target < 1 MiB].
//!
//! | mode | gateway | what the process holds |
//! |---|---|---|
//! | `sim` | the crate's simulator in the same process | client **and** simulator; the simulator keeps every request and every vaulting (by design: `Simulator::requests()`), so this figure grows with the call count |
//! | `sim-process` | the same simulator in a child process (this binary again) | the client only; the simulator's own RSS is read from `/proc/<pid>/status` and shown beside it |
//! | `replay` | an in-process loopback server that replays one pre-signed response | the client only (the server keeps nothing); every call sends the same `vaultingRequestId`, which the response must echo |
//!
//! Run: `cargo bench --features simulator --bench memory`
//! (`BENCH_MEMORY_CALLS=20000` to shorten, `BENCH_MEMORY_MODES=sim-process,replay` to choose
//! modes, `BENCH_MEMORY_MAX_SECONDS` bounds each mode, default 1200; `--json FILE` or
//! `BENCH_JSON` writes the figures as JSON).

use std::io::{BufRead, BufReader, Write as _};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::outcome::VaultOutcome;
use alipay_vaulting::signing;
use alipay_vaulting::simulator::{Simulator, SimulatorConfig, SimulatorKeys};
use alipay_vaulting::{types, Client};
use base64::Engine as _;

const ROLE_VAR: &str = "ALIPAY_VAULTING_BENCH_MEMORY_ROLE";
const MODES: [&str; 3] = ["sim", "sim-process", "replay"];
const CLIENT_ID: &str = "SANDBOX_MEMORY_BENCH";
const REPLAY_ID: &str = "memory-replay";
const REPLAY_TIME: &str = "2025-01-01T00:00:00.000Z";
/// Not http(s): the simulator records one undeliverable notification and sends nothing.
const NOTIFICATION_URL: &str = "bench:notifications-off";
/// A simulator child stops by itself after this long even if its parent never closes stdin.
const SIM_MAX_LIFETIME: Duration = Duration::from_secs(3 * 3600);

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v.trim().parse().unwrap_or_else(|_| {
            eprintln!("memory: {name}: cannot read {v:?}");
            std::process::exit(2)
        }),
        _ => default,
    }
}

fn main() {
    match std::env::var(ROLE_VAR).as_deref() {
        Ok("client") => client_role(),
        Ok("sim") => sim_role(),
        _ => orchestrate(),
    }
}

// --- /proc ------------------------------------------------------------------------------------

/// `(VmRSS, VmHWM)` in KiB of `/proc/<who>/status` (`who` = `self` or a pid).
fn vm_kib(who: &str) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{who}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

// --- the orchestrator -------------------------------------------------------------------------

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
struct Checkpoint {
    calls: u64,
    elapsed_s: f64,
    rss_kib: u64,
    hwm_kib: u64,
    sim_rss_kib: Option<u64>,
    sim_hwm_kib: Option<u64>,
}

fn orchestrate() {
    let mut calls = env_number("BENCH_MEMORY_CALLS", 100_000);
    let mut modes: Vec<String> = std::env::var("BENCH_MEMORY_MODES")
        .ok()
        .filter(|m| !m.trim().is_empty())
        .map_or_else(
            || MODES.iter().map(|m| m.to_string()).collect(),
            |m| m.split(',').map(|s| s.trim().to_string()).collect(),
        );
    let mut json_path = std::env::var("BENCH_JSON").ok().filter(|p| !p.is_empty());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {}
            "--calls" => calls = args.next().and_then(|v| v.parse().ok()).unwrap_or(calls),
            "--modes" => {
                if let Some(m) = args.next() {
                    modes = m.split(',').map(|s| s.trim().to_string()).collect();
                }
            }
            "--json" => json_path = args.next(),
            other => {
                eprintln!(
                    "memory: unknown argument {other:?} (use --calls N, --modes {}, --json FILE)",
                    MODES.join(",")
                );
                std::process::exit(2);
            }
        }
    }
    if let Some(bad) = modes.iter().find(|m| !MODES.contains(&m.as_str())) {
        eprintln!("memory: unknown mode {bad:?}; modes: {}", MODES.join(", "));
        std::process::exit(2);
    }
    if !(100..=10_000_000).contains(&calls) {
        eprintln!("memory: BENCH_MEMORY_CALLS must be 100..=10000000");
        std::process::exit(2);
    }
    let max_seconds = env_number("BENCH_MEMORY_MAX_SECONDS", 1200);
    let exe = std::env::current_exe().expect("own path");

    let mut results: Vec<(String, Vec<Checkpoint>, Option<String>)> = Vec::new();
    for mode in &modes {
        eprintln!("memory: mode {mode}: {calls} sequential calls in a fresh process ...");
        let mut child = Command::new(&exe)
            .env(ROLE_VAR, "client")
            .env("BENCH_MEMORY_MODE", mode)
            .env("BENCH_MEMORY_CALLS", calls.to_string())
            .env("BENCH_MEMORY_MAX_SECONDS", max_seconds.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("re-executing the bench binary");
        let child_pid = child.id();
        // The child bounds itself by max_seconds; this watchdog ends it (by its pid) if not.
        let watchdog = std::thread::spawn(move || {
            let limit = Instant::now() + Duration::from_secs(max_seconds + 120);
            while Instant::now() < limit {
                std::thread::sleep(Duration::from_millis(500));
                if !std::path::Path::new(&format!("/proc/{child_pid}")).exists() {
                    return;
                }
            }
            let _ = Command::new("kill").arg(child_pid.to_string()).status();
        });
        let mut checkpoints = Vec::new();
        let mut note = None;
        for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
            let Ok(line) = line else { break };
            if let Some(json) = line.strip_prefix("CHECKPOINT ") {
                if let Ok(c) = serde_json::from_str::<Checkpoint>(json) {
                    eprintln!(
                        "  {:>9} calls {:>7.1} s  VmRSS {:>8} KiB  VmHWM {:>8} KiB{}",
                        c.calls,
                        c.elapsed_s,
                        c.rss_kib,
                        c.hwm_kib,
                        c.sim_rss_kib
                            .map(|r| format!("  (simulator process VmRSS {r} KiB)"))
                            .unwrap_or_default()
                    );
                    checkpoints.push(c);
                }
            } else if let Some(text) = line.strip_prefix("NOTE ") {
                note = Some(text.to_string());
            } else {
                eprintln!("  {line}");
            }
        }
        let status = child.wait().expect("child");
        let _ = watchdog.join();
        if !status.success() {
            note.get_or_insert_with(|| format!("the run failed ({status})"));
        }
        results.push((mode.clone(), checkpoints, note));
    }

    // The table.
    let marks = marks(calls);
    let mut out = String::new();
    out.push_str(&format!(
        "\nmemory benchmark: {calls} sequential vault_payment_method calls per mode, one fresh \
         process per mode (KiB, from /proc/self/status)\n\n"
    ));
    out.push_str(
        "| mode | what the figure holds | after | VmRSS | VmHWM | simulator process VmRSS |\n",
    );
    out.push_str("|---|---|---:|---:|---:|---:|\n");
    let mut verdicts = Vec::new();
    let mut json_modes = serde_json::Map::new();
    for (mode, checkpoints, note) in &results {
        let holds = match mode.as_str() {
            "sim" => "client + in-process simulator",
            "sim-process" => "client only (simulator in a child process)",
            _ => "client only (replay server, no state)",
        };
        for c in checkpoints {
            out.push_str(&format!(
                "| {mode} | {holds} | {} | {} | {} | {} |\n",
                c.calls,
                c.rss_kib,
                c.hwm_kib,
                c.sim_rss_kib.map_or("-".to_string(), |r| r.to_string())
            ));
        }
        let at = |n: u64| checkpoints.iter().find(|c| c.calls == n);
        let growth = at(marks[2]).zip(at(marks[3])).map(|(a, b)| {
            (
                b.rss_kib as i64 - a.rss_kib as i64,
                b.hwm_kib as i64 - a.hwm_kib as i64,
                b.sim_rss_kib
                    .zip(a.sim_rss_kib)
                    .map(|(b, a)| b as i64 - a as i64),
                b.elapsed_s - a.elapsed_s,
            )
        });
        let verdict = match growth {
            Some((rss, hwm, sim, secs)) => {
                let met = rss < 1024 && hwm < 1024;
                // The in-process simulator's own state is in this figure: the client target
                // is judged on the modes that hold the client alone.
                let judged = if mode == "sim" {
                    "(not the client's figure: the simulator keeps every request)"
                } else if met {
                    "MET"
                } else {
                    "MISSED"
                };
                format!(
                    "{mode}: growth {}→{} calls: VmRSS {rss:+} KiB, VmHWM {hwm:+} KiB{} [target < 1024 KiB] {} ({:.0} calls/s)",
                    marks[2],
                    marks[3],
                    sim.map(|s| format!(" (simulator process VmRSS {s:+} KiB)")).unwrap_or_default(),
                    judged,
                    (marks[3] - marks[2]) as f64 / secs.max(1e-9),
                )
            }
            None => format!(
                "{mode}: incomplete{}",
                note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
            ),
        };
        verdicts.push(verdict);
        json_modes.insert(
            mode.clone(),
            serde_json::json!({
                "checkpoints": checkpoints,
                "growth_kib": growth.map(|(rss, hwm, sim, _)| serde_json::json!({"rss": rss, "hwm": hwm, "simulator_rss": sim})),
                "note": note,
            }),
        );
    }
    out.push('\n');
    for v in &verdicts {
        out.push_str(v);
        out.push('\n');
    }
    print!("{out}");
    if let Some(path) = json_path {
        let json = serde_json::json!({"bench": "memory", "calls": calls, "modes": json_modes});
        if let Err(e) = std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()) {
            eprintln!("memory: cannot write {path}: {e}");
        }
    }
    if results
        .iter()
        .any(|(_, c, note)| c.is_empty() || note.is_some())
    {
        std::process::exit(1);
    }
}

/// After the first call, 1 %, 10 % and 100 % of `calls`.
fn marks(calls: u64) -> [u64; 4] {
    [1, (calls / 100).max(2), (calls / 10).max(3), calls]
}

// --- the client process -----------------------------------------------------------------------

fn request(id: &str) -> types::VaultPaymentMethodRequest {
    serde_json::from_value(serde_json::json!({
        "vaultingRequestId": id,
        "vaultingNotificationUrl": NOTIFICATION_URL,
        "redirectUrl": "https://merchant.example/return",
        "paymentMethodDetail": {"paymentMethodType": "CARD", "card": {
            "cardNo": "4111111111111111", "expiryYear": "30", "expiryMonth": "12", "cvv": "123"}},
        "env": {"terminalType": "WEB"}
    }))
    .expect("a valid request")
}

/// The simulator child: the gateway for `sim-process`.
struct SimChild {
    child: Child,
    base_url: String,
    merchant: PrivateKey,
    gateway: PublicKey,
}

impl SimChild {
    fn spawn() -> SimChild {
        let exe = std::env::current_exe().expect("own path");
        let mut child = Command::new(exe)
            .env(ROLE_VAR, "sim")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting the simulator process");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let mut next = |prefix: &str| -> String {
            let line = lines
                .next()
                .and_then(Result::ok)
                .unwrap_or_else(|| panic!("the simulator process said nothing ({prefix})"));
            line.strip_prefix(prefix)
                .unwrap_or_else(|| panic!("unexpected line from the simulator process: {line}"))
                .to_string()
        };
        let base_url = next("BASE_URL ");
        let merchant = PrivateKey::parse(&next("MERCHANT_PRIVATE_PKCS8 ")).expect("merchant key");
        let gateway = PublicKey::parse(&next("GATEWAY_PUBLIC_SPKI ")).expect("gateway key");
        SimChild {
            child,
            base_url,
            merchant,
            gateway,
        }
    }
}

impl Drop for SimChild {
    fn drop(&mut self) {
        // Closing its stdin tells it to stop; wait briefly, then end it by its pid.
        drop(self.child.stdin.take());
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client_role() {
    let mode = std::env::var("BENCH_MEMORY_MODE").unwrap_or_else(|_| "sim".into());
    let calls = env_number("BENCH_MEMORY_CALLS", 100_000);
    let max = Duration::from_secs(env_number("BENCH_MEMORY_MAX_SECONDS", 1200));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let mut _simulator = None;
        let mut sim_child = None;
        let client = match mode.as_str() {
            "sim" => {
                let keys = SimulatorKeys::generate().expect("keys");
                let sim = Simulator::start(SimulatorConfig::new(keys).client_id(CLIENT_ID))
                    .await
                    .expect("simulator starts");
                let client = sim.client();
                _simulator = Some(sim);
                client
            }
            "sim-process" => {
                let child = SimChild::spawn();
                let client = Client::builder()
                    .base_url(child.base_url.clone())
                    .client_id(CLIENT_ID)
                    .merchant_private_key(child.merchant.clone())
                    .alipay_public_key(child.gateway.clone())
                    .build()
                    .expect("client");
                sim_child = Some(child);
                client
            }
            _ => {
                let gateway = PrivateKey::generate().expect("key");
                let merchant = PrivateKey::generate().expect("key");
                let addr = replay_server(&gateway).await;
                Client::builder()
                    .base_url(format!("http://{addr}"))
                    .client_id(CLIENT_ID)
                    .merchant_private_key(merchant)
                    .alipay_public_key(gateway.public_key())
                    .build()
                    .expect("client")
            }
        };
        let sim_pid = sim_child.as_ref().map(|c| c.child.id().to_string());
        let marks = marks(calls);
        let started = Instant::now();
        let mut request = request(REPLAY_ID);
        for n in 1..=calls {
            if mode != "replay" {
                request.vaulting_request_id = format!("mem-{n}");
            }
            match client.vault_payment_method(&request).await {
                Ok(VaultOutcome::Vaulted(_)) => {}
                Ok(other) => {
                    println!(
                        "NOTE call {n} answered {:?}, not Vaulted",
                        other.next_step()
                    );
                    std::process::exit(1);
                }
                Err(e) => {
                    println!("NOTE call {n} failed: {e}");
                    std::process::exit(1);
                }
            }
            if marks.contains(&n) {
                let (rss, hwm) = vm_kib("self").expect("/proc/self/status");
                let sim = sim_pid.as_deref().and_then(vm_kib);
                let c = Checkpoint {
                    calls: n,
                    elapsed_s: started.elapsed().as_secs_f64(),
                    rss_kib: rss,
                    hwm_kib: hwm,
                    sim_rss_kib: sim.map(|s| s.0),
                    sim_hwm_kib: sim.map(|s| s.1),
                };
                println!("CHECKPOINT {}", serde_json::to_string(&c).expect("json"));
                let _ = std::io::stdout().flush();
            }
            if started.elapsed() > max {
                println!(
                    "NOTE stopped after {n} calls: BENCH_MEMORY_MAX_SECONDS ({} s) reached",
                    max.as_secs()
                );
                break;
            }
        }
        drop(sim_child);
    });
}

// --- the simulator process --------------------------------------------------------------------

fn sim_role() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let keys = SimulatorKeys::generate().expect("keys");
        let merchant = keys.merchant_private.clone().expect("generated");
        let gateway = keys.gateway.public_key();
        let sim = Simulator::start(SimulatorConfig::new(keys).client_id(CLIENT_ID))
            .await
            .expect("simulator starts");
        let b64 = base64::engine::general_purpose::STANDARD;
        println!("BASE_URL {}", sim.base_url());
        println!(
            "MERCHANT_PRIVATE_PKCS8 {}",
            b64.encode(merchant.export_pkcs8_der().as_slice())
        );
        println!("GATEWAY_PUBLIC_SPKI {}", gateway.to_base64());
        let _ = std::io::stdout().flush();
        // Serve until the parent closes our stdin (or dies), at most SIM_MAX_LIFETIME.
        let eof = tokio::task::spawn_blocking(|| {
            let mut sink = String::new();
            while std::io::stdin().read_line(&mut sink).is_ok_and(|n| n > 0) {
                sink.clear();
            }
        });
        let _ = tokio::time::timeout(SIM_MAX_LIFETIME, eof).await;
        sim.shutdown().await;
    });
    // The blocking stdin reader may still be parked after a timeout: do not wait for it.
    std::process::exit(0);
}

// --- the replay server ------------------------------------------------------------------------

/// A loopback HTTP/1.1 server answering every request with one pre-signed vault response
/// (for `REPLAY_ID`), reading each request fully (head + content-length body) first.
async fn replay_server(gateway: &PrivateKey) -> std::net::SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = format!(
        r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."}},"vaultingRequestId":"{REPLAY_ID}","paymentMethodDetail":{{"paymentMethodType":"CARD","card":{{"brand":"VISA","cardToken":"ALIPAYmemorybenchtoken0000000000000000","maskedCardNo":"************1111"}}}}}}"#
    );
    let path = "/ams/sandbox/api/v1/vaults/vaultPaymentMethod";
    let header = signing::sign_message(
        gateway,
        "POST",
        path,
        CLIENT_ID,
        REPLAY_TIME,
        body.as_bytes(),
    )
    .encode();
    let reply: &'static [u8] = Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nclient-id: {CLIENT_ID}\r\nresponse-time: {REPLAY_TIME}\r\nsignature: {header}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
        .into_boxed_slice(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut filled = 0;
                loop {
                    if filled == buf.len() {
                        return; // a request larger than the buffer: not ours
                    }
                    let Ok(n) = stream.read(&mut buf[filled..]).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    filled += n;
                    let Some(end) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = std::str::from_utf8(&buf[..end]).unwrap_or("");
                    let length: usize = head
                        .lines()
                        .find_map(|l| {
                            let (name, value) = l.split_once(':')?;
                            name.eq_ignore_ascii_case("content-length")
                                .then(|| value.trim().parse().ok())?
                        })
                        .unwrap_or(0);
                    if filled < end + 4 + length {
                        continue;
                    }
                    if stream.write_all(reply).await.is_err() {
                        return;
                    }
                    buf.copy_within(end + 4 + length..filled, 0);
                    filled -= end + 4 + length;
                }
            });
        }
    });
    addr
}
