//! The ledger's costs, each against a baseline measured in the same run.
//!
//! 1. **Throughput**: 16 callers vault cards through one `Client`, plain, then through a
//!    `Ledger` on SQLite (a file in a temporary folder: every vaulting is two durable commits,
//!    which the store's writer thread groups). Phases alternate, `--rounds` times each; the
//!    medians and `ledger / plain` are printed [target >= 0.8].
//! 2. **Recovery**: `--pending` vaultings (10,000) whose answers were lost (the simulator
//!    vaulted them; the ledger holds them as unknown) are recovered; the time and the inquiries
//!    per vaulting are printed [target <= 1.05], median over `--rounds`.
//!
//! The gateway is the crate's simulator in this process. Requests carry a notification URL
//! that is not http(s), so the simulator sends no notification.
//!
//! Run: `cargo bench --features simulator,ledger-sqlite --bench ledger -- [--callers N]
//! [--seconds S] [--rounds R] [--pending N] [--rate N]`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_vaulting::ledger::{Ledger, RecoverOptions, SqliteStore, State, Store, Vaulting};
use alipay_vaulting::simulator::{Operation, Simulator, SimulatorConfig, SimulatorKeys};
use alipay_vaulting::{types, Client, InquiryBudget};

const NOTIFICATION_URL: &str = "bench:notifications-off";

struct Options {
    callers: usize,
    seconds: f64,
    rounds: usize,
    pending: usize,
    rate: f64,
}

fn options() -> Options {
    let mut o = Options {
        callers: 16,
        seconds: 3.0,
        rounds: 3,
        pending: 10_000,
        rate: 5_000.0,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--callers" => o.callers = value.parse().expect("--callers N"),
            "--seconds" => o.seconds = value.parse().expect("--seconds S"),
            "--rounds" => o.rounds = value.parse().expect("--rounds R"),
            "--pending" => o.pending = value.parse().expect("--pending N"),
            "--rate" => o.rate = value.parse().expect("--rate N"),
            // `cargo bench` passes `--bench`.
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

fn request(id: &str) -> types::VaultPaymentMethodRequest {
    types::VaultPaymentMethodRequest::builder()
        .vaulting_request_id(id)
        .vaulting_notification_url(NOTIFICATION_URL)
        .redirect_url("https://merchant.example/return")
        .payment_method_detail(
            types::PaymentMethodDetail::builder()
                .payment_method_type(types::PaymentMethodType::Card)
                .card(
                    types::Card::builder()
                        .card_no("4111111111111111")
                        .cvv(Some("123".into()))
                        .expiry_year("30")
                        .expiry_month("12"),
                ),
        )
        .env(types::Env::builder().terminal_type("WEB".to_string()))
        .try_into()
        .expect("a valid request")
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

/// Vaultings per second of `callers` callers for `seconds`, each call through `vault`.
async fn phase<F, Fut>(callers: usize, seconds: f64, prefix: &str, vault: F) -> f64
where
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let vault = Arc::new(vault);
    let done = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for caller in 0..callers {
        let (vault, done, prefix) = (vault.clone(), done.clone(), prefix.to_owned());
        tasks.spawn(async move {
            let mut n = 0usize;
            while Instant::now() < deadline {
                assert!(
                    vault(format!("{prefix}-{caller}-{n}")).await,
                    "a vaulting failed"
                );
                done.fetch_add(1, Ordering::Relaxed);
                n += 1;
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

async fn throughput(sim: &Simulator, client: &Client, o: &Options, dir: &std::path::Path) {
    let store = SqliteStore::open(dir.join("throughput.sqlite")).expect("ledger");
    let ledger = Ledger::new(store);
    let (mut plain, mut through) = (Vec::new(), Vec::new());
    for round in 0..o.rounds {
        let c = client.clone();
        plain.push(
            phase(o.callers, o.seconds, &format!("plain-{round}"), move |id| {
                let c = c.clone();
                async move { c.vault_payment_method(&request(&id)).await.is_ok() }
            })
            .await,
        );
        let (c, l) = (client.clone(), ledger.clone());
        through.push(
            phase(
                o.callers,
                o.seconds,
                &format!("ledger-{round}"),
                move |id| {
                    let (c, l) = (c.clone(), l.clone());
                    async move { l.vault(&c, &request(&id)).await.is_ok() }
                },
            )
            .await,
        );
    }
    let (plain, through) = (median(&mut plain), median(&mut through));
    println!(
        "throughput, {} callers, median of {} rounds of {:.0} s: plain client {:.0}/s, through \
         the SQLite ledger {:.0}/s, ratio {:.2} [target >= 0.8]",
        o.callers,
        o.rounds,
        o.seconds,
        plain,
        through,
        through / plain
    );
    let _ = sim;
}

async fn recovery(sim: &Simulator, client: &Client, o: &Options, dir: &std::path::Path) {
    let (mut times, mut per_vaulting) = (Vec::new(), Vec::new());
    for round in 0..o.rounds {
        let store = Arc::new(
            SqliteStore::open(dir.join(format!("recovery-{round}.sqlite"))).expect("ledger"),
        );
        // The simulator vaults them; the ledger holds them as unknown (the answers were lost).
        let ids: Vec<String> = (0..o.pending).map(|n| format!("rec-{round}-{n}")).collect();
        let mut tasks = tokio::task::JoinSet::new();
        for chunk in ids.chunks(o.pending.div_ceil(32).max(1)) {
            let (client, store, chunk) = (client.clone(), store.clone(), chunk.to_vec());
            tasks.spawn(async move {
                for id in chunk {
                    client
                        .vault_payment_method(&request(&id))
                        .await
                        .expect("vaulted");
                    let mut row = Vaulting::intent(id.clone(), id, 1, "fp".into(), 15_000, 0);
                    row.state = State::Unknown;
                    row.next_check_at_ms = 0;
                    store.insert(row).await.expect("recorded");
                }
            });
        }
        while tasks.join_next().await.is_some() {}
        let before = inquiries(sim);
        let ledger = Ledger::with_store(store);
        let started = Instant::now();
        let report = ledger
            .recover(
                client,
                &RecoverOptions::default()
                    .concurrency(64)
                    .batch(256)
                    .budget(InquiryBudget::per_second(o.rate)),
            )
            .await
            .expect("recovered");
        let took = started.elapsed().as_secs_f64();
        assert_eq!(report.settled, o.pending, "{report:?}");
        assert!(report.pending.is_empty());
        times.push(took);
        per_vaulting.push((inquiries(sim) - before) as f64 / o.pending as f64);
    }
    println!(
        "recovery of {} pending vaultings, median of {} rounds: {:.2} s ({:.0} vaultings/s at a \
         budget of {:.0} inquiries/s), {:.3} inquiries per vaulting [target <= 1.05]",
        o.pending,
        o.rounds,
        median(&mut times),
        o.pending as f64 / median(&mut times),
        o.rate,
        median(&mut per_vaulting)
    );
}

fn inquiries(sim: &Simulator) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.operation == Operation::Inquire)
        .count()
}

fn main() {
    let o = options();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let keys = SimulatorKeys::generate().expect("keys");
        let sim = Simulator::start(SimulatorConfig::new(keys))
            .await
            .expect("simulator");
        let client = sim.client();
        let dir = std::env::temp_dir().join(format!(
            "alipay-vaulting-bench-ledger-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        throughput(&sim, &client, &o, &dir).await;
        recovery(&sim, &client, &o, &dir).await;
        let _ = std::fs::remove_dir_all(&dir);
        sim.shutdown().await;
    });
}
