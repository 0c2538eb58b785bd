//! A bounded soak: 64 concurrent clients (one task and one `Client` each) against one
//! in-process simulator over loopback. Each task vaults a fresh id with the plain card, then
//! inquires it, until the duration is over. Zero errors are allowed; afterwards every vaulting
//! must be final, made once, and match what its task was told.
//!
//! Duration: `SOAK_SECONDS` (default 5, for CI). The heavy run is
//! `SOAK_SECONDS=60 cargo test --release --all-features --test soak -- --nocapture`.
//!
//! Printed: calls completed, calls/s, errors, p50/p99 latency, resident memory (VmRSS) at the
//! start, mid-run and the end, and open file descriptors before and after.
//!
//! Bounds asserted:
//! - Memory growth from mid-run to the end is bounded by 32 MiB of fixed slack (allocator
//!   arenas of new worker threads, TLS/HTTP buffers, pools reaching their high-water mark)
//!   plus 8 KiB per call completed in the second half. The simulator keeps, by design, every
//!   request it received (`requests()`, body included, about 0.7 KiB for a vault request), a
//!   vaulting per id and a notification record, so its memory grows linearly with the calls:
//!   measured at 1.5–2.5 KiB per call. 8 KiB per call is 3–5 times that; a leak of even one
//!   connection's buffers (tens of KiB) per call would break it. At 5 s this allows about
//!   32 MiB + a few MiB.
//! - File descriptors return to within 8 of the starting count once the clients, the
//!   simulator and the notification receiver are dropped and a short settle time has passed:
//!   a leak of one socket per client or per call would leave 64 or thousands open.
//!
//! Every loop is bounded both in time and in count, and stops by itself.
#![cfg(feature = "simulator")]

// A binary of its own (not a module of `tests/it`): other tests' sockets, threads and memory
// in the same process would blur the descriptor and memory bounds.
#[path = "it/support/mod.rs"]
mod support;

use support::simulator as util;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_vaulting::notification::ACKNOWLEDGEMENT;
use alipay_vaulting::outcome::{InquiryOutcome, VaultOutcome};
use alipay_vaulting::retry::RetryPolicy;
use alipay_vaulting::simulator::VaultingState;
use support::{RawServer, Reply};
use util::request_to;

const TASKS: usize = 64;
const CARD: &str = "4111111111111111";
/// A hard cap per task, so that the loop ends even if the clock misbehaves.
const MAX_ITERATIONS_PER_TASK: usize = 100_000;
/// Fixed slack for memory growth between mid-run and the end (see the module docs).
const MEMORY_SLACK_BYTES: u64 = 32 * 1024 * 1024;
/// Allowed memory growth per call completed in the second half (see the module docs).
const MEMORY_PER_CALL_BYTES: u64 = 8 * 1024;
/// How far the descriptor count may stay above its starting value after teardown.
const FD_MARGIN: usize = 8;

fn soak_duration() -> Duration {
    let seconds = std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(5.0);
    Duration::from_secs_f64(seconds.min(24.0 * 3600.0))
}

/// The resident set size, from `/proc/self/status` (`VmRSS: N kB`), in bytes.
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .expect("VmRSS in /proc/self/status")
}

/// The number of open file descriptors of this process.
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .expect("/proc/self/fd")
        .count()
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// What one task did.
#[derive(Default)]
struct TaskReport {
    /// (id, card token) of every vaulting it made.
    vaulted: Vec<(String, String)>,
    /// Latency of every call (vault and inquire).
    latencies: Vec<Duration>,
    /// Calls completed in the second half of the run.
    second_half_calls: u64,
    /// Every unexpected answer, described.
    errors: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bounded_soak() {
    let duration = soak_duration();
    let fds_start = open_fds();
    let rss_start = rss_bytes();

    let receiver = RawServer::start(|_| Reply::Http {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: ACKNOWLEDGEMENT.as_bytes().to_vec(),
    })
    .await;
    let notify = format!("{}/notify/vaulting", receiver.base_url());
    let sim = util::sim().await;
    let clients: Vec<_> = (0..TASKS)
        .map(|_| {
            sim.client_builder()
                .timeout(Duration::from_secs(10))
                .retry_policy(
                    RetryPolicy::default()
                        .with_max_attempts(3)
                        .with_base_delay(Duration::from_millis(20))
                        .with_max_delay(Duration::from_millis(200)),
                )
                .build()
                .expect("client settings are valid")
        })
        .collect();

    let started = Instant::now();
    let halfway = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::with_capacity(TASKS);
    for (number, client) in clients.iter().cloned().enumerate() {
        let notify = notify.clone();
        let halfway = halfway.clone();
        tasks.push(tokio::spawn(async move {
            let mut report = TaskReport::default();
            for iteration in 0..MAX_ITERATIONS_PER_TASK {
                if started.elapsed() >= duration {
                    break;
                }
                let id = format!("soak-{number}-{iteration}");
                let request = request_to(&id, CARD, &notify);
                let t0 = Instant::now();
                let token = match client.vault_payment_method(&request).await {
                    Ok(VaultOutcome::Vaulted(card)) => card.card_token().to_string(),
                    other => {
                        report.errors.push(format!("{id}: vault: {other:?}"));
                        continue;
                    }
                };
                report.latencies.push(t0.elapsed());
                let t1 = Instant::now();
                match client.inquire_vaulting(&id).await {
                    Ok(InquiryOutcome::Succeeded(card)) if card.card_token() == token => {}
                    other => report.errors.push(format!("{id}: inquire: {other:?}")),
                }
                report.latencies.push(t1.elapsed());
                if halfway.load(Ordering::Relaxed) {
                    report.second_half_calls += 2;
                }
                report.vaulted.push((id, token));
            }
            report
        }));
    }

    // Mid-run sample: memory at half the duration (bounded wait).
    tokio::time::sleep(duration / 2).await;
    let rss_mid = rss_bytes();
    halfway.store(true, Ordering::Relaxed);

    let mut reports = Vec::with_capacity(TASKS);
    for task in tasks {
        // Each task stops by itself at the deadline; a stuck call would hit its 10 s timeout.
        let report = tokio::time::timeout(duration + Duration::from_secs(60), task)
            .await
            .expect("a soak task did not stop")
            .expect("a soak task panicked");
        reports.push(report);
    }
    let elapsed = started.elapsed();
    let rss_end = rss_bytes();

    let errors: Vec<&String> = reports.iter().flat_map(|r| &r.errors).collect();
    let mut latencies: Vec<Duration> = reports
        .iter()
        .flat_map(|r| r.latencies.iter().copied())
        .collect();
    latencies.sort_unstable();
    let calls = latencies.len() as u64;
    let second_half_calls: u64 = reports.iter().map(|r| r.second_half_calls).sum();
    let vaulted: Vec<&(String, String)> = reports.iter().flat_map(|r| &r.vaulted).collect();

    // Every vaulting final and consistent with what its task was told; made once.
    assert_eq!(sim.vaulting_count(), vaulted.len(), "one vaulting per id");
    for (id, token) in &vaulted {
        let snapshot = sim.vaulting(id).unwrap_or_else(|| panic!("{id}: missing"));
        assert_eq!(snapshot.status, VaultingState::Success, "{id}");
        assert_eq!(
            snapshot.card_token.as_ref().map(|t| t.expose()),
            Some(token.as_str()),
            "{id}"
        );
        assert_eq!(snapshot.vault_calls, 1, "{id}");
    }
    // And each notification acknowledged once (bounded wait for the last deliveries).
    let acknowledged = util::eventually(Duration::from_secs(10), || {
        sim.notifications()
            .iter()
            .filter(|n| n.acknowledged)
            .count()
            >= vaulted.len()
    })
    .await;
    let notifications = sim.notifications();
    assert!(
        acknowledged,
        "{} of {} notifications acknowledged",
        notifications.iter().filter(|n| n.acknowledged).count(),
        vaulted.len()
    );

    println!(
        "soak: {TASKS} clients, {:.1?} (SOAK_SECONDS={}): {calls} calls completed ({} vaultings, \
         {} notifications), {:.0} calls/s, {} errors, latency p50 {:.1?} p99 {:.1?} max {:.1?}",
        elapsed,
        duration.as_secs_f64(),
        vaulted.len(),
        notifications.len(),
        calls as f64 / elapsed.as_secs_f64(),
        errors.len(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or_default(),
    );
    let growth = rss_end.saturating_sub(rss_mid);
    let bound = MEMORY_SLACK_BYTES + MEMORY_PER_CALL_BYTES * second_half_calls;
    println!(
        "soak: VmRSS start {:.1} MiB, mid {:.1} MiB, end {:.1} MiB; growth mid->end {:.1} MiB \
         over {second_half_calls} calls ({:.2} KiB/call), bound {:.1} MiB",
        mib(rss_start),
        mib(rss_mid),
        mib(rss_end),
        mib(growth),
        growth as f64 / 1024.0 / second_half_calls.max(1) as f64,
        mib(bound),
    );
    assert!(
        errors.is_empty(),
        "{} errors: {:?}",
        errors.len(),
        &errors[..errors.len().min(10)]
    );
    assert!(calls > 0, "no call completed");
    assert!(
        growth < bound,
        "memory grew {:.1} MiB from mid-run to the end (bound {:.1} MiB)",
        mib(growth),
        mib(bound)
    );

    // Tear down, settle, and count descriptors again.
    let fds_loaded = open_fds();
    drop(clients);
    drop(sim);
    drop(receiver);
    // A short settle time: aborted tasks and cut connections close their sockets when the
    // runtime next polls them.
    let settle = Instant::now();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fds_end = open_fds();
    while fds_end > fds_start + FD_MARGIN && settle.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        fds_end = open_fds();
    }
    println!(
        "soak: open file descriptors: start {fds_start}, under load {fds_loaded}, after teardown \
         {fds_end} (settled in {:.1?})",
        settle.elapsed()
    );
    assert!(
        fds_end <= fds_start + FD_MARGIN,
        "leaked descriptors: {fds_start} at the start, {fds_end} after teardown"
    );
}
