//! The ledger on PostgreSQL, each figure against a baseline measured in the same run.
//!
//! 1. **Intents recorded per second**, 16 callers, PostgreSQL against SQLite (a file): the
//!    durable write every vaulting makes before it is sent.
//! 2. **Drain time** of `--pending` (10,000) vaultings the gateway holds and the ledger lost the
//!    answers of, with 1 and with 3 recovery instances sharing the PostgreSQL ledger (each its
//!    own `Ledger`, store connections and owner name, in this process).
//! 3. **The cost of a claim** (64 due rows) with 10,000 and with 1,000,000 settled rows in the
//!    table: it must not grow with the table (the partial index holds only rows not final).
//!
//! Needs a PostgreSQL: `eval "$(bash .ci/postgres.sh start /tmp/pg)"` starts one and sets
//! `ALIPAY_VAULTING_TEST_POSTGRES`; `bash .ci/postgres.sh stop /tmp/pg` stops it.
//!
//! Run: `cargo bench --features simulator,ledger-sqlite,ledger-postgres --bench ledger_fleet --
//! [--seconds S] [--pending N] [--rate N] [--big N]`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_vaulting::ledger::{
    Ledger, PgStore, RecoverOptions, SqliteStore, State, Store, Vaulting,
};
use alipay_vaulting::simulator::{Operation, Simulator, SimulatorConfig, SimulatorKeys};
use alipay_vaulting::{types, Client, InquiryBudget};

struct Options {
    seconds: f64,
    pending: usize,
    rate: f64,
    big: usize,
}

fn options() -> Options {
    let mut o = Options {
        seconds: 3.0,
        pending: 10_000,
        rate: 5_000.0,
        big: 1_000_000,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--seconds" => o.seconds = value.parse().expect("--seconds S"),
            "--pending" => o.pending = value.parse().expect("--pending N"),
            "--rate" => o.rate = value.parse().expect("--rate N"),
            "--big" => o.big = value.parse().expect("--big N"),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

fn intent(id: String) -> Vaulting {
    Vaulting::intent(id.clone(), id, 1, "fingerprint".into(), 15_000, 0)
}

/// Intents recorded per second by 16 callers for `seconds`.
async fn intents_per_second(store: Arc<dyn Store>, prefix: &str, seconds: f64) -> f64 {
    let done = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for caller in 0..16 {
        let (store, done, prefix) = (store.clone(), done.clone(), prefix.to_owned());
        tasks.spawn(async move {
            let mut n = 0;
            while Instant::now() < deadline {
                store
                    .insert(intent(format!("{prefix}-{caller}-{n}")))
                    .await
                    .expect("recorded");
                done.fetch_add(1, Ordering::Relaxed);
                n += 1;
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn request(id: &str) -> types::VaultPaymentMethodRequest {
    types::VaultPaymentMethodRequest::builder()
        .vaulting_request_id(id)
        .vaulting_notification_url("bench:notifications-off")
        .redirect_url("https://merchant.example/return")
        .payment_method_detail(
            types::PaymentMethodDetail::builder()
                .payment_method_type(types::PaymentMethodType::Card)
                .card(
                    types::Card::builder()
                        .card_no("4111111111111111")
                        .expiry_year("30")
                        .expiry_month("12"),
                ),
        )
        .env(types::Env::builder().terminal_type("WEB".to_string()))
        .try_into()
        .expect("a valid request")
}

/// Drains `pending` lost answers with `instances` recovery instances; seconds and inquiries per
/// vaulting.
async fn drain(
    url: &str,
    schema: &str,
    sim: &Simulator,
    client: &Client,
    o: &Options,
    instances: usize,
) -> (f64, f64) {
    let store = Arc::new(PgStore::connect_with(url, schema, 4).await.expect("pg"));
    store.truncate().await.expect("truncate");
    let prefix = format!("drain{instances}");
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in 0..32 {
        let (client, store, prefix) = (client.clone(), store.clone(), prefix.clone());
        let count = o.pending;
        tasks.spawn(async move {
            for n in (chunk..count).step_by(32) {
                let id = format!("{prefix}-{n}");
                client
                    .vault_payment_method(&request(&id))
                    .await
                    .expect("vaulted");
                let mut row = intent(id);
                row.state = State::Unknown;
                store.insert(row).await.expect("recorded");
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    let before = inquiries(sim);
    let budget = InquiryBudget::per_second(o.rate);
    let started = Instant::now();
    let mut recoverers = tokio::task::JoinSet::new();
    for instance in 0..instances {
        let store = PgStore::connect_with(url, schema, 4).await.expect("pg");
        let ledger = Ledger::new(store);
        let client = client.clone();
        let options = RecoverOptions::default()
            .owner(format!("instance-{instance}"))
            .concurrency(64)
            .batch(128)
            // The fleet's budget, shared out.
            .budget(InquiryBudget::per_second(o.rate / instances as f64));
        recoverers
            .spawn(async move { ledger.recover(&client, &options).await.expect("recovered") });
    }
    let mut settled = 0;
    while let Some(report) = recoverers.join_next().await {
        settled += report.expect("joined").settled;
    }
    let took = started.elapsed().as_secs_f64();
    assert_eq!(settled, o.pending);
    let _ = budget;
    (took, (inquiries(sim) - before) as f64 / o.pending as f64)
}

fn inquiries(sim: &Simulator) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.operation == Operation::Inquire)
        .count()
}

/// The median time of a claim of 64 due rows (then put back), with `settled` final rows in
/// the table.
async fn claim_cost(url: &str, schema: &str, settled: usize) -> Duration {
    let store = PgStore::connect_with(url, schema, 1).await.expect("pg");
    store.truncate().await.expect("truncate");
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .expect("connect");
    tokio::spawn(connection);
    client
        .batch_execute(&format!(
            "INSERT INTO \"{schema}\".vaultings SELECT 'settled-' || n, 'k', 1, 'fp', 'vaulted', \
             NULL, NULL, NULL, 15000, 0, 0, 0, 1, 0, true, 2, NULL, NULL, 0 \
             FROM generate_series(1, {settled}) AS n; ANALYZE \"{schema}\".vaultings;"
        ))
        .await
        .expect("settled rows");
    for n in 0..64 {
        store
            .insert(intent(format!("due-{n}")))
            .await
            .expect("due row");
    }
    let mut times = Vec::new();
    for round in 0..50 {
        let now = store.now_ms();
        let started = Instant::now();
        let claimed = store
            .claim_due("bench", now, now + 1, 64)
            .await
            .expect("claimed");
        times.push(started.elapsed());
        assert_eq!(claimed.len(), 64, "round {round}");
        // Their one-millisecond leases end before the next round.
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let o = options();
    let Some(url) = std::env::var("ALIPAY_VAULTING_TEST_POSTGRES").ok() else {
        eprintln!(
            "ledger_fleet: no PostgreSQL. Start one with \
             eval \"$(bash .ci/postgres.sh start /tmp/pg)\" and run again."
        );
        std::process::exit(2);
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let schema = format!("bench_{}", std::process::id());
        let dir = std::env::temp_dir().join(format!(
            "alipay-vaulting-bench-fleet-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");

        let pg: Arc<dyn Store> =
            Arc::new(PgStore::connect_with(&url, &schema, 4).await.expect("pg"));
        let sqlite: Arc<dyn Store> =
            Arc::new(SqliteStore::open(dir.join("intents.sqlite")).expect("sqlite"));
        let on_sqlite = intents_per_second(sqlite, "sqlite", o.seconds).await;
        let on_pg = intents_per_second(pg, "pg", o.seconds).await;
        println!(
            "intents recorded per second, 16 callers, {:.0} s each: SQLite {on_sqlite:.0}/s, \
             PostgreSQL {on_pg:.0}/s, PostgreSQL / SQLite {:.2}",
            o.seconds,
            on_pg / on_sqlite
        );

        let keys = SimulatorKeys::generate().expect("keys");
        let sim = Simulator::start(SimulatorConfig::new(keys))
            .await
            .expect("sim");
        let client = sim.client();
        let (one, one_inquiries) = drain(&url, &schema, &sim, &client, &o, 1).await;
        let (three, three_inquiries) = drain(&url, &schema, &sim, &client, &o, 3).await;
        println!(
            "drain of {} pending vaultings (a fleet budget of {:.0} inquiries/s): 1 instance \
             {one:.2} s ({one_inquiries:.3} inquiries per vaulting), 3 instances {three:.2} s \
             ({three_inquiries:.3}), 3 / 1 = {:.2}",
            o.pending,
            o.rate,
            three / one
        );

        let small = claim_cost(&url, &schema, 10_000).await;
        let big = claim_cost(&url, &schema, o.big).await;
        println!(
            "a claim of 64 due rows (median of 50): {:.2} ms with 10,000 settled rows, {:.2} ms \
             with {} settled rows, ratio {:.2} [target: flat]",
            small.as_secs_f64() * 1e3,
            big.as_secs_f64() * 1e3,
            o.big,
            big.as_secs_f64() / small.as_secs_f64()
        );
        sim.shutdown().await;
        let _ = std::fs::remove_dir_all(&dir);
        let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
            .await
            .expect("connect");
        tokio::spawn(connection);
        let _ = client
            .batch_execute(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
            .await;
    });
}
