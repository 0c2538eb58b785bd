//! Helpers shared by the tests that run the simulator (`crate::support::simulator`, often
//! imported as `util`; no tests of its own).
#![cfg(feature = "simulator")]
#![allow(dead_code)]

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use alipay_vaulting::simulator::{Simulator, SimulatorConfig, SimulatorKeys};
use alipay_vaulting::types;

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
