//! Never lose a vaulting: a process records a vaulting in the ledger, sends it, and is killed
//! while the request is in flight; a new process opens the same ledger, recovers the vaulting
//! with the same `vaultingRequestId`, and delivers the card token to the service once.
//!
//! ```sh
//! cargo run --example ledger --features simulator,ledger-sqlite
//! ```
//!
//! All local: the gateway simulator stands in for Alipay, the ledger is a SQLite file in a
//! temporary folder. The steps:
//!
//! 1. the simulator starts (it will answer the next vaulting only after 5 s);
//! 2. a child process (this program again, as `ledger child`) records the vaulting in the
//!    ledger and sends it; the simulator vaults the card;
//! 3. the child is killed (`SIGKILL`) before the answer arrives: the ledger holds an intent;
//! 4. "the service restarts": this process opens the ledger and recovers: one inquiry with the
//!    same id finds the card vaulted;
//! 5. the service takes the settled vaulting from the outbox and acknowledges it: the token is
//!    erased from the ledger.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use alipay_vaulting::ledger::{Filter, Ledger, RecoverOptions, SqliteStore, State};
use alipay_vaulting::simulator::{Fault, FaultRule, Operation, Simulator};
use alipay_vaulting::{types, Client};

type Result<T, E = Box<dyn std::error::Error + Send + Sync>> = std::result::Result<T, E>;

/// The service's own key for this "add a card" intent.
pub const INTENT_KEY: &str = "customer-42/card-setup-1";
/// The card (the simulator vaults it).
const CARD: &str = "4111111111111111";

/// What the child needs to reach the same gateway and ledger.
pub struct Settings {
    /// The simulator's base URL.
    pub gateway: String,
    /// Its client id.
    pub client_id: String,
    /// The merchant private key file.
    pub private_key: PathBuf,
    /// The gateway public key file.
    pub public_key: PathBuf,
    /// The ledger file.
    pub ledger: PathBuf,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let result = if std::env::args().nth(1).as_deref() == Some("child") {
        child().await
    } else {
        run(&mut std::io::stdout(), |settings| {
            let mut command = Command::new(std::env::current_exe()?);
            command
                .arg("child")
                .env("EXAMPLE_GATEWAY", &settings.gateway)
                .env("EXAMPLE_CLIENT_ID", &settings.client_id)
                .env("EXAMPLE_PRIVATE_KEY", &settings.private_key)
                .env("EXAMPLE_PUBLIC_KEY", &settings.public_key)
                .env("EXAMPLE_LEDGER", &settings.ledger);
            Ok(command.spawn()?)
        })
        .await
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ledger example failed: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The vaulting request of the intent's first attempt.
pub fn request(ledger: &Ledger) -> Result<types::VaultPaymentMethodRequest> {
    Ok(types::VaultPaymentMethodRequest::builder()
        .vaulting_request_id(ledger.request_id(INTENT_KEY, 1))
        .vaulting_notification_url("https://merchant.example/notify/vaulting")
        .redirect_url("https://merchant.example/cards")
        .payment_method_detail(
            types::PaymentMethodDetail::builder()
                .payment_method_type(types::PaymentMethodType::Card)
                .card(
                    types::Card::builder()
                        .card_no(CARD)
                        .cvv(Some("123".into()))
                        .expiry_year("30")
                        .expiry_month("12"),
                ),
        )
        .env(types::Env::builder().terminal_type("WEB".to_string()))
        .try_into()?)
}

/// The child: records and sends the vaulting, then waits for an answer it will not live to see.
async fn child() -> Result<()> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
    let client = Client::builder()
        .client_id(var("EXAMPLE_CLIENT_ID")?)
        .merchant_private_key_file(var("EXAMPLE_PRIVATE_KEY")?)
        .alipay_public_key_file(var("EXAMPLE_PUBLIC_KEY")?)
        .base_url(var("EXAMPLE_GATEWAY")?)
        .timeout(Duration::from_secs(2))
        .build()?;
    let ledger = Ledger::new(SqliteStore::open(var("EXAMPLE_LEDGER")?)?);
    let request = request(&ledger)?;
    ledger
        .vault_attempt(&client, INTENT_KEY, 1, &request)
        .await?;
    Ok(())
}

/// Every step, printed to `out`; `spawn` starts the child that vaults.
pub async fn run(
    out: &mut impl Write,
    spawn: impl FnOnce(&Settings) -> Result<Child>,
) -> Result<()> {
    writeln!(
        out,
        "Never lose a vaulting (all local: a simulator stands in for Alipay)\n"
    )?;

    // 1. The gateway, slow to answer the next vaulting.
    let sim = Simulator::start_default().await?;
    sim.inject(FaultRule::once(Fault::Latency(Duration::from_secs(5))).on(Operation::Vault));
    let dir = TempDir::new()?;
    let keys = sim.keys();
    let merchant = keys
        .merchant_private
        .as_ref()
        .ok_or("the simulator made no merchant key")?;
    alipay_vaulting::keys::write_key_files(dir.path(), "merchant", merchant)?;
    alipay_vaulting::keys::write_public_files(dir.path(), "gateway", &keys.gateway.public_key())?;
    let settings = Settings {
        gateway: sim.base_url(),
        client_id: sim.client_id().to_owned(),
        private_key: dir.path().join("merchant_private_pkcs8.pem"),
        public_key: dir.path().join("gateway_public_spki.pem"),
        ledger: dir.path().join("ledger.sqlite"),
    };
    writeln!(
        out,
        "1. Started the gateway simulator at {}",
        settings.gateway
    )?;

    // 2. The child records the vaulting and sends it.
    let mut child = spawn(&settings)?;
    writeln!(
        out,
        "2. Started a process that records the vaulting, then sends it"
    )?;
    let started = Instant::now();
    while sim.requests().is_empty() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            return Err("the vaulting never reached the gateway".into());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // 3. Killed mid-flight.
    child.kill()?;
    child.wait()?;
    writeln!(
        out,
        "3. The gateway received it and vaulted the card; the process was killed before the \
         answer came back"
    )?;

    // 4. The service restarts: the same ledger, recovery with the same id.
    let client = sim.client();
    let ledger = Ledger::new(SqliteStore::open(&settings.ledger)?);
    let pending = ledger.list(Filter::Pending, 10).await?;
    let id = ledger.request_id(INTENT_KEY, 1);
    writeln!(
        out,
        "4. After the restart the ledger holds {} vaulting(s) not final: {} ({})",
        pending.len(),
        id,
        pending
            .first()
            .map_or("none".to_string(), |v| v.state.to_string())
    )?;
    let report = ledger
        .recover(
            &client,
            &RecoverOptions::default().wait(Duration::from_secs(20)),
        )
        .await?;
    let row = ledger.get(&id).await?;
    writeln!(
        out,
        "   recovered: {} settled, state {}; the gateway saw {} vaulting request(s) for it",
        report.settled,
        row.state,
        sim.requests()
            .iter()
            .filter(|r| r.operation == Operation::Vault)
            .count()
    )?;
    if row.state != State::Vaulted {
        return Err(format!("expected a vaulted card, the ledger says {}", row.state).into());
    }

    // 5. The service takes it once, then acknowledges: the token leaves the ledger.
    let mut taken = Vec::new();
    let acknowledged = ledger
        .deliver(10, |settled| {
            taken.push(settled);
            async { Ok::<(), ()>(()) }
        })
        .await?;
    for settled in &taken {
        let token = settled
            .card_token
            .as_ref()
            .map(|t| elide(t.expose()))
            .unwrap_or_default();
        writeln!(
            out,
            "5. Delivered to the service: {} {} (card token {token}), acknowledged: {}",
            settled.vaulting_request_id, settled.state, acknowledged
        )?;
    }
    let row = ledger.get(&id).await?;
    writeln!(
        out,
        "   the ledger keeps the token no longer: {}",
        if row.card_token.is_none() {
            "erased"
        } else {
            "STILL THERE"
        }
    )?;
    writeln!(
        out,
        "\nDone: the vaulting survived the crash and was delivered once."
    )?;
    drop(ledger);
    sim.shutdown().await;
    Ok(())
}

/// A token as printed here: its first 6 characters and its length (it is a credential).
fn elide(token: &str) -> String {
    let prefix: String = token.chars().take(6).collect();
    format!("{prefix}…({} chars)", token.chars().count())
}

/// A temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let path = std::env::temp_dir().join(format!(
            "alipay-vaulting-ledger-example-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
