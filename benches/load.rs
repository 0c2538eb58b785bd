//! Load: N concurrent callers vault cards through one shared `Client` for a bounded time, and
//! the throughput is compared with what the machine's RSA can do at most.
//!
//! One vaulting call costs four RSA-2048 operations wherever it runs: the client signs the
//! request, the gateway verifies it, the gateway signs the response, the client verifies it.
//! Just before the load, the bench measures one signature and one verification with one thread
//! per core (all cores busy, the same keys and message sizes), and takes
//!
//! ```text
//! capacity [calls/s] = cores / (2 * t_sign + 2 * t_verify)
//! ```
//!
//! the most calls/s the machine could complete if it did nothing but the RSA of each call.
//! The load then reports calls/s, latency percentiles, CPU seconds per call (`getrusage` of the
//! process over the measured window) and `calls/s / capacity` [target >= 0.8].
//!
//! By default the gateway is the crate's simulator **in this process**, on the same Tokio
//! runtime (one worker thread per core): the CPU figure then covers client + simulator, which
//! is what the capacity formula counts. With `--gateway URL --keys DIR` it calls an external
//! simulator (`alipay-vaulting sim --keys DIR`) instead; the CPU figure is then the client's
//! alone, plus the simulator's when `--sim-pid PID` is given (read from `/proc/PID/stat`).
//!
//! The requests carry `vaultingNotificationUrl = "bench:notifications-off"`: not an http(s)
//! URL, so the simulator records one undeliverable notification and neither signs nor sends
//! it (a deliverable URL would add a fifth RSA operation and an HTTP POST per call).
//!
//! Run: `cargo bench --features simulator --bench load -- [options]`
//!
//! | option | env | default | |
//! |---|---|---|---|
//! | `--callers N` | `BENCH_CALLERS` | 16 | concurrent callers (tasks sharing one `Client`) |
//! | `--seconds S` | `BENCH_SECONDS` | 10 | measured window |
//! | `--cards LIST` | `BENCH_CARDS` | `4111111111111111` | comma-separated card numbers, used in turn |
//! | `--warmup S` | `BENCH_WARMUP` | 1 | unmeasured load before the window (connections, caches) |
//! | `--rsa-seconds S` | `BENCH_RSA_SECONDS` | 2 | per operation, for the capacity measurement |
//! | `--threads N` | `BENCH_THREADS` | cores | Tokio worker threads |
//! | `--gateway URL` | `BENCH_GATEWAY` | in-process simulator | an external simulator (loopback) |
//! | `--keys DIR` | `BENCH_KEYS` | | its key directory (`merchant_private_pkcs8.b64`, `gateway_public_spki.b64`) |
//! | `--client-id ID` | `BENCH_CLIENT_ID` | `SANDBOX_SIMULATOR` | |
//! | `--sim-pid PID` | `BENCH_SIM_PID` | | the external simulator's pid, to report its CPU too |
//! | `--json FILE` | `BENCH_JSON` | | also write the figures as JSON |
//!
//! The process exits non-zero when a call failed or no call completed (the figures would lie).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::outcome::VaultOutcome;
use alipay_vaulting::simulator::{Simulator, SimulatorConfig, SimulatorKeys, DEFAULT_CLIENT_ID};
use alipay_vaulting::{signing, types, Client};

/// The notification URL of every request: not http(s), so the simulator sends nothing.
const NOTIFICATION_URL: &str = "bench:notifications-off";
/// Most calls one caller makes in one phase, whatever the time (a bound besides the clock).
const MAX_CALLS_PER_CALLER: usize = 5_000_000;
/// Extra time allowed after a phase's deadline for the calls in flight (client timeout: 15 s).
const DRAIN_GRACE: Duration = Duration::from_secs(30);
const SANDBOX_PATH: &str = "/ams/sandbox/api/v1/vaults/vaultPaymentMethod";

#[derive(Clone, Debug)]
struct Options {
    callers: usize,
    seconds: f64,
    cards: Vec<String>,
    warmup: f64,
    rsa_seconds: f64,
    threads: usize,
    gateway: Option<String>,
    keys: Option<String>,
    client_id: String,
    sim_pid: Option<u32>,
    json: Option<String>,
}

const USAGE: &str = "usage: load [--callers N] [--seconds S] [--cards N1,N2] [--warmup S] \
[--rsa-seconds S] [--threads N] [--gateway URL --keys DIR [--client-id ID] [--sim-pid PID]] \
[--json FILE]   (or the BENCH_* environment variables; see benches/load.rs)";

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("load: {message}\n{USAGE}");
    std::process::exit(2)
}

fn parse<T: std::str::FromStr>(name: &str, value: &str) -> T {
    value
        .trim()
        .parse()
        .unwrap_or_else(|_| fail(format!("{name}: cannot read {value:?}")))
}

impl Options {
    fn read() -> Options {
        let cores = cores();
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let mut o = Options {
            callers: env("BENCH_CALLERS").map_or(16, |v| parse("BENCH_CALLERS", &v)),
            seconds: env("BENCH_SECONDS").map_or(10.0, |v| parse("BENCH_SECONDS", &v)),
            cards: env("BENCH_CARDS")
                .map_or_else(|| vec!["4111111111111111".into()], |v| cards(&v)),
            warmup: env("BENCH_WARMUP").map_or(1.0, |v| parse("BENCH_WARMUP", &v)),
            rsa_seconds: env("BENCH_RSA_SECONDS").map_or(2.0, |v| parse("BENCH_RSA_SECONDS", &v)),
            threads: env("BENCH_THREADS").map_or(cores, |v| parse("BENCH_THREADS", &v)),
            gateway: env("BENCH_GATEWAY"),
            keys: env("BENCH_KEYS"),
            client_id: env("BENCH_CLIENT_ID").unwrap_or_else(|| DEFAULT_CLIENT_ID.to_string()),
            sim_pid: env("BENCH_SIM_PID").map(|v| parse("BENCH_SIM_PID", &v)),
            json: env("BENCH_JSON"),
        };
        // `cargo bench` passes `--bench`; anything after `--` on its command line comes here.
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            if name == "--bench" {
                continue;
            }
            if name == "--help" || name == "-h" {
                println!("{USAGE}");
                std::process::exit(0);
            }
            let value = inline
                .or_else(|| args.next())
                .unwrap_or_else(|| fail(format!("{name} needs a value")));
            match name.as_str() {
                "--callers" => o.callers = parse(&name, &value),
                "--seconds" => o.seconds = parse(&name, &value),
                "--cards" => o.cards = cards(&value),
                "--warmup" => o.warmup = parse(&name, &value),
                "--rsa-seconds" => o.rsa_seconds = parse(&name, &value),
                "--threads" => o.threads = parse(&name, &value),
                "--gateway" => o.gateway = Some(value),
                "--keys" => o.keys = Some(value),
                "--client-id" => o.client_id = value,
                "--sim-pid" => o.sim_pid = Some(parse(&name, &value)),
                "--json" => o.json = Some(value),
                _ => fail(format!("unknown option {name}")),
            }
        }
        if o.callers == 0 || o.callers > 10_000 {
            fail("callers must be 1..=10000");
        }
        if !(o.seconds > 0.0 && o.seconds <= 3600.0) {
            fail("seconds must be in (0, 3600]");
        }
        if !((0.0..=600.0).contains(&o.warmup) && o.rsa_seconds > 0.0 && o.rsa_seconds <= 60.0) {
            fail("warmup must be in [0, 600] and rsa-seconds in (0, 60]");
        }
        if o.threads == 0 {
            fail("threads must be at least 1");
        }
        if o.cards.is_empty() {
            fail("cards: give at least one card number");
        }
        if o.gateway.is_some() != o.keys.is_some() {
            fail("--gateway and --keys go together");
        }
        if let Some(url) = &o.gateway {
            if !is_loopback_url(url) {
                fail(format!(
                    "--gateway must be a loopback http URL, not {url:?}"
                ));
            }
        }
        o
    }
}

fn cards(list: &str) -> Vec<String> {
    list.split(',')
        .map(|c| c.trim().replace(' ', ""))
        .filter(|c| !c.is_empty())
        .collect()
}

fn is_loopback_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or("");
    host.starts_with("127.")
        || host.starts_with("localhost:")
        || host == "localhost"
        || host.starts_with("[::1]")
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

// --- process CPU time -------------------------------------------------------------------------

#[repr(C)]
struct Timeval {
    tv_sec: std::os::raw::c_long,
    tv_usec: std::os::raw::c_long,
}

#[repr(C)]
struct Rusage {
    ru_utime: Timeval,
    ru_stime: Timeval,
    _rest: [std::os::raw::c_long; 14],
}

#[repr(C)]
struct Timespec {
    tv_sec: std::os::raw::c_long,
    tv_nsec: std::os::raw::c_long,
}

extern "C" {
    fn getrusage(who: std::os::raw::c_int, usage: *mut Rusage) -> std::os::raw::c_int;
    fn sysconf(name: std::os::raw::c_int) -> std::os::raw::c_long;
    fn clock_gettime(clock: std::os::raw::c_int, time: *mut Timespec) -> std::os::raw::c_int;
}

/// CPU seconds of the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
fn thread_cpu_seconds() -> f64 {
    let mut time = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `time` is a valid, writable `struct timespec`; CLOCK_THREAD_CPUTIME_ID is 3.
    let rc = unsafe { clock_gettime(3, &mut time) };
    assert_eq!(rc, 0, "clock_gettime failed");
    time.tv_sec as f64 + time.tv_nsec as f64 / 1e9
}

/// Busy and total jiffies of the whole machine (`/proc/stat`, first line): what every process
/// used, so that the CPU other processes took during the window can be shown.
fn machine_jiffies() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let v: Vec<f64> = line
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal [guest guest_nice, already in user/nice]
    let total: f64 = v.iter().take(8).sum();
    let idle = v.get(3)? + v.get(4).unwrap_or(&0.0);
    Some((total - idle, total))
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf has no preconditions; _SC_CLK_TCK is 2 on Linux.
    let ticks = unsafe { sysconf(2) };
    if ticks > 0 {
        ticks as f64
    } else {
        100.0
    }
}

/// User and system CPU seconds of this process so far (`getrusage(RUSAGE_SELF)`).
fn cpu_seconds() -> (f64, f64) {
    let mut usage = Rusage {
        ru_utime: Timeval {
            tv_sec: 0,
            tv_usec: 0,
        },
        ru_stime: Timeval {
            tv_sec: 0,
            tv_usec: 0,
        },
        _rest: [0; 14],
    };
    // SAFETY: `usage` is a valid, writable `struct rusage` (Linux layout: two timevals and
    // fourteen longs); RUSAGE_SELF is 0.
    let rc = unsafe { getrusage(0, &mut usage) };
    assert_eq!(rc, 0, "getrusage failed");
    let secs = |t: &Timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (secs(&usage.ru_utime), secs(&usage.ru_stime))
}

/// utime + stime of another process, from `/proc/PID/stat` (clock-tick resolution).
fn proc_cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are
    // state (3), ..., utime (14), stime (15).
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / clock_ticks())
}

// --- RSA capacity -----------------------------------------------------------------------------

struct Capacity {
    threads: usize,
    /// Wall seconds per signature, per thread, all threads busy.
    t_sign: f64,
    /// Wall seconds per verification, per thread, all threads busy.
    t_verify: f64,
    /// The same in thread CPU seconds (equal to the wall figures on an idle machine; lower
    /// when other processes took the cores for part of the window).
    cpu_sign: f64,
    cpu_verify: f64,
    signs: u64,
    verifies: u64,
}

impl Capacity {
    /// Calls per second if the machine did only the four RSA operations of each call (the
    /// issue's definition: wall time per operation, one thread per core).
    fn calls_per_second(&self) -> f64 {
        self.threads as f64 / (2.0 * self.t_sign + 2.0 * self.t_verify)
    }

    /// The same from CPU time per operation: the capacity of idle cores.
    fn calls_per_second_cpu(&self) -> f64 {
        self.threads as f64 / (2.0 * self.cpu_sign + 2.0 * self.cpu_verify)
    }
}

/// One thread per core signs for `seconds`, then (after a barrier) verifies for `seconds`.
fn rsa_capacity(threads: usize, seconds: f64, key: &PrivateKey, content: &[u8]) -> Capacity {
    let public: PublicKey = key.public_key();
    let signature = signing::sign(key, content);
    let barrier = Arc::new(Barrier::new(threads));
    let window = Duration::from_secs_f64(seconds);
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (key, public, barrier) = (key.clone(), public.clone(), barrier.clone());
            let (content, signature) = (content.to_vec(), signature.as_bytes().to_vec());
            std::thread::spawn(move || {
                let run = |op: &mut dyn FnMut()| {
                    barrier.wait();
                    let start = Instant::now();
                    let cpu_start = thread_cpu_seconds();
                    let mut count = 0u64;
                    // Bounded by time and by count.
                    while count < 10_000_000 && start.elapsed() < window {
                        op();
                        count += 1;
                    }
                    (
                        count,
                        start.elapsed().as_secs_f64(),
                        thread_cpu_seconds() - cpu_start,
                    )
                };
                let sign = run(&mut || {
                    std::hint::black_box(signing::sign(&key, std::hint::black_box(&content)));
                });
                let verify = run(&mut || {
                    signing::verify(&public, std::hint::black_box(&content), &signature)
                        .expect("the signature verifies");
                });
                (sign, verify)
            })
        })
        .collect();
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("RSA thread"))
        .collect();
    type Phase = (u64, f64, f64);
    let per_op = |pick: fn(&(Phase, Phase)) -> Phase| {
        let (count, wall, cpu) = results
            .iter()
            .map(pick)
            .fold((0, 0.0, 0.0), |(c, w, p), (c2, w2, p2)| {
                (c + c2, w + w2, p + p2)
            });
        let n = count.max(1) as f64;
        (count, wall / n, cpu / n)
    };
    let (signs, t_sign, cpu_sign) = per_op(|r| r.0);
    let (verifies, t_verify, cpu_verify) = per_op(|r| r.1);
    Capacity {
        threads,
        t_sign,
        t_verify,
        cpu_sign,
        cpu_verify,
        signs,
        verifies,
    }
}

// --- the load ---------------------------------------------------------------------------------

fn request_template(card: &str) -> types::VaultPaymentMethodRequest {
    serde_json::from_value(serde_json::json!({
        "vaultingRequestId": "template",
        "vaultingNotificationUrl": NOTIFICATION_URL,
        "redirectUrl": "https://merchant.example/return",
        "paymentMethodDetail": {"paymentMethodType": "CARD", "card": {
            "cardNo": card, "expiryYear": "30", "expiryMonth": "12", "cvv": "123"}},
        "env": {"terminalType": "WEB"}
    }))
    .unwrap_or_else(|e| fail(format!("card {card:?} does not make a valid request: {e}")))
}

#[derive(Default)]
struct CallerStats {
    latencies_us: Vec<u32>,
    vaulted: u64,
    other_outcome: u64,
    errors: u64,
    first_error: Option<String>,
}

/// Runs `callers` tasks until `deadline` (each stops at its first call that would start after
/// it). Returns the merged stats and the instant the last caller finished.
async fn run_phase(
    client: &Client,
    templates: &Arc<Vec<types::VaultPaymentMethodRequest>>,
    callers: usize,
    window: Duration,
    id_prefix: &str,
) -> (CallerStats, Instant, Instant) {
    let started = Instant::now();
    let deadline = started + window;
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..callers)
        .map(|caller| {
            let client = client.clone();
            let templates = templates.clone();
            let prefix = format!("{id_prefix}-{caller}");
            let stop = stop.clone();
            tokio::spawn(async move {
                let mut stats = CallerStats {
                    latencies_us: Vec::with_capacity(4096),
                    ..CallerStats::default()
                };
                let mut request = templates[caller % templates.len()].clone();
                for n in 0..MAX_CALLS_PER_CALLER {
                    if Instant::now() >= deadline || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    if templates.len() > 1 {
                        request = templates[(caller + n) % templates.len()].clone();
                    }
                    request.vaulting_request_id.clear();
                    let _ = write!(request.vaulting_request_id, "{prefix}-{n}");
                    let t0 = Instant::now();
                    let result = client.vault_payment_method(&request).await;
                    let micros = t0.elapsed().as_micros().min(u32::MAX as u128) as u32;
                    match result {
                        Ok(VaultOutcome::Vaulted(_)) => {
                            stats.vaulted += 1;
                            stats.latencies_us.push(micros);
                        }
                        Ok(_) => {
                            stats.other_outcome += 1;
                            stats.latencies_us.push(micros);
                        }
                        Err(e) => {
                            stats.errors += 1;
                            stats.first_error.get_or_insert_with(|| e.to_string());
                            if stats.errors >= 100 {
                                stop.store(true, Ordering::Relaxed);
                            }
                        }
                    }
                }
                (stats, Instant::now())
            })
        })
        .collect();
    let mut merged = CallerStats::default();
    let mut last = started;
    for task in tasks {
        let (stats, finished) = task.await.expect("caller task");
        merged.latencies_us.extend(stats.latencies_us);
        merged.vaulted += stats.vaulted;
        merged.other_outcome += stats.other_outcome;
        merged.errors += stats.errors;
        if merged.first_error.is_none() {
            merged.first_error = stats.first_error;
        }
        last = last.max(finished);
    }
    (merged, started, last)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1e3
}

fn load_keys(dir: &str) -> (PrivateKey, PublicKey) {
    let read = |name: &str| {
        std::fs::read_to_string(std::path::Path::new(dir).join(name))
            .unwrap_or_else(|e| fail(format!("cannot read {dir}/{name}: {e}")))
    };
    let merchant = PrivateKey::parse(&read("merchant_private_pkcs8.b64"))
        .unwrap_or_else(|e| fail(format!("merchant key: {e}")));
    let gateway = PublicKey::parse(&read("gateway_public_spki.b64"))
        .unwrap_or_else(|e| fail(format!("gateway key: {e}")));
    (merchant, gateway)
}

fn main() {
    let o = Options::read();
    let cores = cores();
    let templates: Arc<Vec<_>> = Arc::new(o.cards.iter().map(|c| request_template(c)).collect());

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(o.threads)
        .enable_all()
        .build()
        .expect("tokio runtime");

    // The gateway: the simulator in this process, or an external one.
    let (simulator, client, merchant_key) = runtime.block_on(async {
        match (&o.gateway, &o.keys) {
            (Some(url), Some(dir)) => {
                let (merchant, gateway) = load_keys(dir);
                let client = Client::builder()
                    .base_url(url.clone())
                    .client_id(o.client_id.clone())
                    .merchant_private_key(merchant.clone())
                    .alipay_public_key(gateway)
                    .build()
                    .unwrap_or_else(|e| fail(format!("client: {e}")));
                (None, client, merchant)
            }
            _ => {
                let keys = SimulatorKeys::generate().expect("key generation");
                let merchant = keys.merchant_private.clone().expect("generated");
                let config = SimulatorConfig::new(keys).client_id(o.client_id.clone());
                let sim = Simulator::start(config).await.expect("simulator starts");
                let client = sim.client();
                (Some(sim), client, merchant)
            }
        }
    });
    let gateway_text = match &o.gateway {
        Some(url) => format!("external simulator at {url} (CPU below: this client process only)"),
        None => format!(
            "simulator in this process at {} (CPU below: client + simulator)",
            simulator
                .as_ref()
                .map(Simulator::base_url)
                .unwrap_or_default()
        ),
    };

    // The capacity, with a realistic message: a request as sent (response content is similar
    // in size; SHA-256 of ~600 bytes is noise next to RSA-2048).
    let mut sample = templates[0].clone();
    sample.vaulting_request_id = "load-0000000000-00-000000".into();
    let body = serde_json::to_vec(&sample).expect("serialises");
    let content = signing::content_to_sign(
        "POST",
        SANDBOX_PATH,
        &o.client_id,
        "2025-01-01T00:00:00.000Z",
        &body,
    );
    eprintln!(
        "measuring RSA capacity: {cores} thread(s), {:.1} s sign + {:.1} s verify ...",
        o.rsa_seconds, o.rsa_seconds
    );
    let capacity = rsa_capacity(cores, o.rsa_seconds, &merchant_key, &content);

    let run_id = format!(
        "{:x}{:x}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() % 0xffff_ffff)
    );
    if o.warmup > 0.0 {
        eprintln!("warm-up: {} caller(s), {:.1} s ...", o.callers, o.warmup);
        let (warm, _, _) = runtime.block_on(run_phase(
            &client,
            &templates,
            o.callers,
            Duration::from_secs_f64(o.warmup),
            &format!("w{run_id}"),
        ));
        if warm.errors > 0 {
            eprintln!(
                "warm-up: {} error(s), first: {}",
                warm.errors,
                warm.first_error.unwrap_or_default()
            );
        }
    }
    eprintln!("load: {} caller(s), {:.1} s ...", o.callers, o.seconds);
    let sim_cpu_before = o.sim_pid.and_then(proc_cpu_seconds);
    let machine_before = machine_jiffies();
    let (user0, sys0) = cpu_seconds();
    let window = Duration::from_secs_f64(o.seconds);
    let (mut stats, started, finished) = runtime.block_on(async {
        tokio::time::timeout(
            window + DRAIN_GRACE,
            run_phase(
                &client,
                &templates,
                o.callers,
                window,
                &format!("l{run_id}"),
            ),
        )
        .await
        .unwrap_or_else(|_| fail("the load did not finish within its time bound"))
    });
    let (user1, sys1) = cpu_seconds();
    let machine_after = machine_jiffies();
    let sim_cpu = o
        .sim_pid
        .and_then(proc_cpu_seconds)
        .zip(sim_cpu_before)
        .map(|(after, before)| after - before);
    drop(client);
    if let Some(sim) = simulator {
        runtime.block_on(sim.shutdown());
    }

    let wall = (finished - started).as_secs_f64();
    let calls = stats.vaulted + stats.other_outcome;
    let per_call = |seconds: f64| seconds / calls.max(1) as f64;
    stats.latencies_us.sort_unstable();
    let lat = &stats.latencies_us;
    let (p50, p90, p99) = (
        percentile(lat, 50.0),
        percentile(lat, 90.0),
        percentile(lat, 99.0),
    );
    let max = lat.last().map_or(f64::NAN, |m| *m as f64 / 1e3);
    let mean = lat.iter().map(|&l| l as f64).sum::<f64>() / lat.len().max(1) as f64 / 1e3;
    let throughput = calls as f64 / wall;
    let (user, sys) = (user1 - user0, sys1 - sys0);
    let cpu = user + sys;
    let cpu_per_call = per_call(cpu);
    let rsa_cpu_per_call = 2.0 * capacity.cpu_sign + 2.0 * capacity.cpu_verify;
    let cap = capacity.calls_per_second();
    let cap_cpu = capacity.calls_per_second_cpu();
    let ratio = throughput / cap;
    // Everything that ran on the machine during the window, in CPU seconds, and the part of it
    // that was neither this process nor the external simulator: the noise.
    let machine = machine_before
        .zip(machine_after)
        .map(|((b0, t0), (b1, t1))| {
            let busy = (b1 - b0) / clock_ticks();
            let total = (t1 - t0) / clock_ticks();
            (busy, total)
        });
    let others = machine.map(|(busy, _)| (busy - cpu - sim_cpu.unwrap_or(0.0)).max(0.0));
    // What the gateway side and the client side together spent per call (in-process: all of
    // it is in this process).
    let both_per_call = per_call(cpu + sim_cpu.unwrap_or(0.0));
    let counts_both = o.gateway.is_none() || sim_cpu.is_some();

    let mut t = String::new();
    let _ = writeln!(t, "\nload benchmark: vaultPaymentMethod, {gateway_text}");
    let _ = writeln!(
        t,
        "  {} caller(s) sharing one Client, {} Tokio worker thread(s), {} core(s), cards: {}",
        o.callers,
        o.threads,
        cores,
        o.cards.join(",")
    );
    let _ = writeln!(
        t,
        "  | figure                              | value              |"
    );
    let _ = writeln!(
        t,
        "  |-------------------------------------|--------------------|"
    );
    let mut row = |k: &str, v: String| {
        let _ = writeln!(t, "  | {k:<35} | {v:>18} |");
    };
    row(
        "RSA sign, per op, wall / CPU",
        format!(
            "{:.0} / {:.0} us",
            capacity.t_sign * 1e6,
            capacity.cpu_sign * 1e6
        ),
    );
    row(
        "RSA verify, per op, wall / CPU",
        format!(
            "{:.1} / {:.1} us",
            capacity.t_verify * 1e6,
            capacity.cpu_verify * 1e6
        ),
    );
    row(
        "RSA ops measured (sign / verify)",
        format!("{} / {}", capacity.signs, capacity.verifies),
    );
    row("RSA capacity, wall (calls/s)", format!("{cap:.0}"));
    row(
        "RSA capacity, idle cores (calls/s)",
        format!("{cap_cpu:.0}"),
    );
    row("calls completed", format!("{calls}"));
    row("  of which not Vaulted", format!("{}", stats.other_outcome));
    row("errors", format!("{}", stats.errors));
    row("measured window (wall)", format!("{wall:.2} s"));
    row("throughput (calls/s)", format!("{throughput:.0}"));
    row("latency p50", format!("{p50:.2} ms"));
    row("latency p90", format!("{p90:.2} ms"));
    row("latency p99", format!("{p99:.2} ms"));
    row("latency mean / max", format!("{mean:.2} / {max:.1} ms"));
    row(
        "CPU user + sys, this process",
        format!("{user:.2} + {sys:.2} s"),
    );
    row(
        "CPU per call, this process",
        format!("{:.0} us", cpu_per_call * 1e6),
    );
    if let Some(sim_cpu) = sim_cpu {
        row("CPU of the simulator process", format!("{sim_cpu:.2} s"));
        row(
            "CPU per call, simulator process",
            format!("{:.0} us", per_call(sim_cpu) * 1e6),
        );
        row(
            "CPU per call, client + simulator",
            format!("{:.0} us", both_per_call * 1e6),
        );
    }
    row(
        "RSA CPU per call (2s + 2v)",
        format!("{:.0} us", rsa_cpu_per_call * 1e6),
    );
    if let (Some((busy, total)), Some(others)) = (machine, others) {
        row(
            "machine CPU busy in the window",
            format!("{busy:.1} of {total:.1} s"),
        );
        row("  of which other processes", format!("{others:.1} s"));
    }
    let _ = writeln!(
        t,
        "\nthroughput / RSA capacity = {throughput:.0} / {cap:.0} = {ratio:.3} [target >= 0.8] {}",
        if ratio >= 0.8 { "MET" } else { "MISSED" }
    );
    if counts_both {
        let _ = writeln!(
            t,
            "RSA CPU per call / CPU per call = {:.3}: the share of the call's CPU that is RSA; on \
             idle cores the throughput would approach {:.0} calls/s = {:.3} x the idle capacity",
            rsa_cpu_per_call / both_per_call,
            cores as f64 / both_per_call,
            rsa_cpu_per_call / both_per_call,
        );
    }
    if let Some(others) = others.filter(|o| *o > 0.05 * wall * cores as f64) {
        let _ = writeln!(
            t,
            "NOTE: other processes used {others:.1} CPU s ({:.0} % of the cores) during the window: \
             the wall figures are noisy; rerun on a quiet machine",
            100.0 * others / (wall * cores as f64)
        );
    }
    if let Some(e) = &stats.first_error {
        let _ = writeln!(t, "first error: {e}");
    }
    print!("{t}");

    let json = serde_json::json!({
        "bench": "load",
        "gateway": o.gateway.clone().unwrap_or_else(|| "in-process".into()),
        "callers": o.callers, "threads": o.threads, "cores": cores, "seconds": o.seconds,
        "cards": o.cards,
        "rsa": {"t_sign_us": capacity.t_sign * 1e6, "t_verify_us": capacity.t_verify * 1e6,
                "cpu_sign_us": capacity.cpu_sign * 1e6, "cpu_verify_us": capacity.cpu_verify * 1e6,
                "capacity_calls_per_s": cap, "capacity_idle_calls_per_s": cap_cpu},
        "calls": calls, "not_vaulted": stats.other_outcome, "errors": stats.errors,
        "wall_s": wall, "calls_per_s": throughput,
        "latency_ms": {"p50": p50, "p90": p90, "p99": p99, "mean": mean, "max": max},
        "cpu_s": {"user": user, "sys": sys, "per_call_us": cpu_per_call * 1e6,
                  "simulator": sim_cpu, "others": others},
        "ratio_to_capacity": ratio,
    });
    if let Some(path) = &o.json {
        std::fs::write(path, serde_json::to_string_pretty(&json).expect("json"))
            .unwrap_or_else(|e| fail(format!("cannot write {path}: {e}")));
    }
    if stats.errors > 0 || calls == 0 {
        eprintln!(
            "load: {} error(s), {calls} call(s): the figures above are not valid",
            stats.errors
        );
        std::process::exit(1);
    }
}
