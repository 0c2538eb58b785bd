//! Helpers shared by the tests that run the simulator (`crate::support::simulator`, often
//! imported as `util`; no tests of its own).
#![cfg(feature = "simulator")]
#![allow(dead_code)]

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use alipay_vaulting::outcome::{InquiryOutcome, VaultOutcome};
use alipay_vaulting::retry::RetryPolicy;
use alipay_vaulting::simulator::{
    Fault, FaultRule, Operation, Simulator, SimulatorConfig, SimulatorKeys,
};
use alipay_vaulting::{types, Client, Error};

pub const NOTIFY_URL: &str = "https://merchant.example/notify/vaulting";
pub const REDIRECT_URL: &str = "https://merchant.example/return?order=42";

/// One pair of generated key sets per test binary (key generation is the slow part).
pub fn keys() -> SimulatorKeys {
    static KEYS: OnceLock<SimulatorKeys> = OnceLock::new();
    KEYS.get_or_init(|| SimulatorKeys::generate().expect("key generation"))
        .clone()
}

/// A simulator with the shared keys and a tiny resend schedule (2 min -> 12 ms).
pub async fn sim() -> Simulator {
    sim_with(|config| config).await
}

pub async fn sim_with(configure: impl FnOnce(SimulatorConfig) -> SimulatorConfig) -> Simulator {
    let config = configure(SimulatorConfig::new(keys()).time_factor(0.0001));
    Simulator::start(config).await.expect("simulator starts")
}

pub fn request(id: &str, card_no: &str) -> types::VaultPaymentMethodRequest {
    request_to(id, card_no, NOTIFY_URL)
}

pub fn request_to(id: &str, card_no: &str, notify_url: &str) -> types::VaultPaymentMethodRequest {
    types::VaultPaymentMethodRequest::builder()
        .vaulting_request_id(id)
        .vaulting_notification_url(notify_url)
        .redirect_url(REDIRECT_URL)
        .metadata(Some(r#"{"order":"42"}"#.to_string()))
        .payment_method_detail(
            types::PaymentMethodDetail::builder()
                .payment_method_type(types::PaymentMethodType::Card)
                .card(
                    types::Card::builder()
                        .card_no(card_no)
                        .cvv(Some("123".into()))
                        .expiry_year("30")
                        .expiry_month("12"),
                ),
        )
        .env(types::Env::builder().terminal_type("WEB".to_string()))
        .try_into()
        .expect("a valid request")
}

/// Polls `check` every 5 ms until it holds or `within` passes.
pub async fn eventually(within: Duration, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if check() {
            return true;
        }
        if start.elapsed() > within {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// A plain HTTP client that does not follow redirects.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The card the telemetry scenario vaults.
pub const CARD: &str = "4111111111111111";
/// The CVV every request of [`request`] carries.
pub const CVV: &str = "123";

fn telemetry_policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(2))
}

fn telemetry_client(sim: &Simulator) -> Client {
    sim.client_builder()
        .retry_policy(telemetry_policy())
        .build()
        .unwrap()
}

/// A client whose gateway refuses connections (a port nothing listens on).
fn unreachable_client(sim: &Simulator) -> Client {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    sim.client_builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(telemetry_policy().with_max_attempts(1))
        .build()
        .unwrap()
}

/// The telemetry tests' scenario (metrics in `it`, spans in `secrets`): a vault, an inquiry
/// retried after an HTTP 503, a resolve, and a vault that cannot connect. Returns the card token
/// it got, for the leak checks.
pub async fn telemetry_scenario() -> String {
    let sim = sim().await;
    let client = telemetry_client(&sim);

    // 1. A vault: one attempt, vaulted.
    let token = match client
        .vault_payment_method(&request("telemetry-vault-1", CARD))
        .await
        .unwrap()
    {
        VaultOutcome::Vaulted(card) => card.card_token().to_owned(),
        other => panic!("{other:?}"),
    };

    // 2. An inquiry retried once after an HTTP 503.
    sim.inject(FaultRule::once(Fault::Status(503)).on(Operation::Inquire));
    let inquiry = client.inquire_vaulting("telemetry-vault-1").await.unwrap();
    assert!(
        matches!(inquiry, InquiryOutcome::Succeeded(_)),
        "{inquiry:?}"
    );

    // 3. A resolve: one inquiry, final at once.
    let resolved = client
        .resolve("telemetry-vault-1", Duration::from_secs(5))
        .await
        .unwrap();
    assert!(matches!(resolved, InquiryOutcome::Succeeded(_)));

    // 4. A call that fails: nothing listens.
    let error = unreachable_client(&sim)
        .vault_payment_method(&request("telemetry-vault-2", CARD))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::NotSent(_)), "{error:?}");
    sim.shutdown().await;
    token
}

/// Writes the key files the command-line tool calls `sim` with into `dir`: the merchant's
/// private key (`merchant_private_pkcs8.pem` and the other formats) and the gateway's public key
/// (`gateway_public_spki.pem` and `.b64`).
pub fn write_cli_keys(sim: &Simulator, dir: &std::path::Path) {
    let keys = sim.keys();
    alipay_vaulting::keys::write_key_files(
        dir,
        "merchant",
        keys.merchant_private
            .as_ref()
            .expect("the simulator's merchant key"),
    )
    .unwrap();
    alipay_vaulting::keys::write_public_files(dir, "gateway", &keys.gateway.public_key()).unwrap();
}
