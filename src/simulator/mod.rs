//! A local simulator of Alipay's vaulting gateway, for tests and for trying the API offline.
//!
//! It serves `vaultPaymentMethod` and `inquireVaulting` (under `/ams/api/...` and
//! `/ams/sandbox/api/...`) on loopback, verifies every request signature with the merchant public
//! key, signs every response with its own gateway key, keeps the state of each vaulting by
//! `vaultingRequestId`, serves a 3-D Secure page, sends signed `notifyVaulting` notifications
//! with the gateway's resend schedule, and breaks on demand ([`Fault`]): transport faults, and
//! the answers the API documents allow that a client must survive (processing later than the
//! client's timeout, scalars sent as strings, the `appLinkUrl` spelling, unsigned answers).
//!
//! # Test cards
//!
//! | card number | vaultPaymentMethod answers | inquireVaulting then says |
//! |---|---|---|
//! | `4111111111111111` (VISA), `5555555555554444` (MASTERCARD), `378282246310005` (AMEX) | `S` / `SUCCESS` with `cardToken`, `maskedCardNo`, `brand` | `SUCCESS` with the same card |
//! | `4000000000003220` | `U` / `VERIFICATION_IN_PROCESS` with `normalUrl`, `schemeUrl`, `applinkUrl` | `PROCESSING` (with the URLs) until the buyer approves or declines on the 3-D Secure page; then `SUCCESS`, or `FAIL` with `DO_NOT_HONOR` |
//! | `4000000000000002` | `F` / `VERIFICATION_FAIL` | `FAIL` with `DO_NOT_HONOR` |
//! | `4000000000000119` | `F` / `PROCESS_FAIL` | `FAIL` with `PROCESS_FAIL` |
//! | `4000000000000127` | `U` / `UNKNOWN_EXCEPTION` (but vaulted inside the gateway) | `SUCCESS` (so `Client::resolve` finds the token) |
//! | `4000000000000135` | `U` / `VERIFICATION_IN_PROCESS` without any URL | `FAIL` |
//! | any other number passing the Luhn check | `S` / `SUCCESS`, brand from the BIN (4 VISA, 51-55 and 2221-2720 MASTERCARD, 34 and 37 AMEX, else no brand) | `SUCCESS` |
//! | a number failing the Luhn check | `F` / `VERIFICATION_FAIL` | `FAIL` with `INVALID_CARD_NUMBER` |
//!
//! Other answers: a missing, malformed or wrong request signature gets `F` / `INVALID_SIGNATURE`;
//! a body that is not JSON or breaks the spec gets `F` / `PARAM_ILLEGAL` naming the field (never
//! its value); the same `vaultingRequestId` with another card gets `F` /
//! `REPEAT_REQ_INCONSISTENT`; an inquiry for an unknown id gets `F` / `VAULTING_NOT_EXIST`. All
//! are HTTP 200 and signed.
//!
//! # Idempotency
//!
//! One vaulting exists per `vaultingRequestId`. Calling vaultPaymentMethod again with the same
//! id and the same card answers from the vaulting's current state: the same token once it
//! succeeded, the same failure code once it failed, and the same `U` with the same URLs while
//! the 3-D Secure verification is pending.
//!
//! # 3-D Secure
//!
//! `normalUrl` is `<base>/sim/3ds/<vaultingRequestId>`, `applinkUrl`
//! `<base>/sim/applink/<vaultingRequestId>` (the same page), `schemeUrl`
//! `alipaysim://3ds/<vaultingRequestId>`. `GET` serves a small HTML page with Approve and Decline
//! buttons; `POST` with the form field `decision=approve|decline` (or the JSON body
//! `{"decision":"approve"}`) settles the vaulting, sends the notification, and answers
//! `303 See Other` to the request's `redirectUrl`, unchanged (like the real gateway: put your own
//! reference in the `redirectUrl` you send). A decision on a vaulting that is no longer pending is
//! refused with `409 Conflict`; an unknown id is `404`. [`Simulator::complete_verification`] does
//! the same without HTTP.
//!
//! # Notifications
//!
//! When a vaulting becomes final (at once for an `S` or `F` answer and for the
//! `UNKNOWN_EXCEPTION` and no-URL cards, or after the 3-D Secure decision), the simulator POSTs a
//! signed `notifyVaulting` to the request's `vaultingNotificationUrl`, and resends it after 0 s,
//! 2 min, 10 min, 10 min, 1 h, 2 h, 6 h and 15 h (times [`SimulatorConfig::time_factor`]) until
//! the receiver answers HTTP 200 with the [`ACKNOWLEDGEMENT`](crate::notification::ACKNOWLEDGEMENT)
//! (compared as JSON): at most 8 attempts, each recorded as a [`NotificationAttempt`]. A URL
//! that is not absolute `http(s)` is recorded as one undeliverable attempt.
//!
//! # Example
//!
//! ```no_run
//! use alipay_vaulting::outcome::VaultOutcome;
//! use alipay_vaulting::simulator::Simulator;
//! use alipay_vaulting::types;
//!
//! #[tokio::test]
//! async fn vaults_a_card() -> Result<(), Box<dyn std::error::Error>> {
//!     let sim = Simulator::start_default().await?;
//!     let client = sim.client();
//!     let request: types::VaultPaymentMethodRequest = types::VaultPaymentMethodRequest::builder()
//!         .vaulting_request_id("order-1")
//!         .vaulting_notification_url("https://merchant.example/notify")
//!         .redirect_url("https://merchant.example/return")
//!         .payment_method_detail(
//!             types::PaymentMethodDetail::builder()
//!                 .payment_method_type(types::PaymentMethodType::Card)
//!                 .card(
//!                     types::Card::builder()
//!                         .card_no("4111111111111111")
//!                         .expiry_year("30")
//!                         .expiry_month("12"),
//!                 ),
//!         )
//!         .env(types::Env::builder().terminal_type("WEB".to_string()))
//!         .try_into()?;
//!     let outcome = client.vault_payment_method(&request).await?;
//!     assert!(matches!(outcome, VaultOutcome::Vaulted(_)));
//!     assert_eq!(sim.vaulting("order-1").unwrap().vault_calls, 1);
//!     Ok(())
//! }
//! ```

mod answers;
mod conn;
mod faults;
mod notifier;
mod params;
mod scenarios;
mod server;
mod state;
mod three_ds;
mod time;

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

pub use faults::{Fault, FaultParseError, FaultRule};
pub use scenarios::Scenario;

use crate::keys::{KeyError, PrivateKey, PublicKey};
use crate::notification::NotificationVerifier;
use crate::{Client, ClientBuilder};

/// The client id [`SimulatorConfig::new`] gives [`Simulator::client`] (a sandbox id, so the
/// client calls `/ams/sandbox/api/...`).
pub const DEFAULT_CLIENT_ID: &str = "SANDBOX_SIMULATOR";

/// Keys the simulator holds: its own gateway key pair (signs responses and notifications) and
/// the merchant public key it verifies requests with (plus the merchant private key when the
/// simulator generated it, so [`Simulator::client`] can sign).
#[derive(Clone)]
pub struct SimulatorKeys {
    /// The simulated gateway's private key; its public half is what clients verify with.
    pub gateway: PrivateKey,
    /// The merchant public key every request signature is verified with.
    pub merchant_public: PublicKey,
    /// The merchant private key, when known (needed by [`Simulator::client`]).
    pub merchant_private: Option<PrivateKey>,
}

impl SimulatorKeys {
    /// Fresh gateway and merchant RSA-2048 pairs.
    ///
    /// # Errors
    /// If key generation fails.
    pub fn generate() -> Result<Self, KeyError> {
        let gateway = PrivateKey::generate()?;
        let merchant = PrivateKey::generate()?;
        Ok(SimulatorKeys {
            gateway,
            merchant_public: merchant.public_key(),
            merchant_private: Some(merchant),
        })
    }

    /// Keys for a merchant that keeps its private key elsewhere: the simulator verifies with
    /// `merchant_public` and cannot build a [`Client`] itself.
    pub fn new(gateway: PrivateKey, merchant_public: PublicKey) -> Self {
        SimulatorKeys {
            gateway,
            merchant_public,
            merchant_private: None,
        }
    }
}

impl fmt::Debug for SimulatorKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimulatorKeys")
            .field(
                "gateway_public",
                &self.gateway.public_key().sha256_fingerprint(),
            )
            .field(
                "merchant_public",
                &self.merchant_public.sha256_fingerprint(),
            )
            .field("merchant_private", &self.merchant_private.is_some())
            .finish()
    }
}

/// How to start a [`Simulator`].
#[derive(Clone, Debug)]
pub struct SimulatorConfig {
    keys: SimulatorKeys,
    bind: SocketAddr,
    client_id: String,
    time_factor: f64,
    faults: Vec<FaultRule>,
    tls: Option<SimulatorTls>,
}

/// The certificate chain and private key the simulator serves HTTPS with. `Debug` shows
/// neither the key nor the certificates.
#[derive(Clone)]
pub(crate) struct SimulatorTls {
    pub(crate) certificate_chain_pem: String,
    pub(crate) private_key_pem: zeroize::Zeroizing<String>,
}

impl fmt::Debug for SimulatorTls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimulatorTls")
            .field(
                "certificate_chain_pem_bytes",
                &self.certificate_chain_pem.len(),
            )
            .finish_non_exhaustive()
    }
}

impl SimulatorConfig {
    /// Binds `127.0.0.1:0` (a free port), time factor 1.0, client id [`DEFAULT_CLIENT_ID`].
    pub fn new(keys: SimulatorKeys) -> Self {
        SimulatorConfig {
            keys,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            client_id: DEFAULT_CLIENT_ID.to_string(),
            time_factor: 1.0,
            faults: Vec::new(),
            tls: None,
        }
    }

    /// Serves HTTPS with this certificate chain (PEM, the server's certificate first) and its
    /// private key (PEM, PKCS#8, PKCS#1 or SEC1), over HTTP/1.1 or HTTP/2 as the client's ALPN
    /// asks, at `https://localhost:<port>`: make the certificate for `localhost`. The client
    /// must trust its CA ([`ClientBuilder::add_root_certificate`]).
    ///
    /// [`ClientBuilder::add_root_certificate`]: crate::ClientBuilder::add_root_certificate
    #[must_use]
    pub fn tls(
        mut self,
        certificate_chain_pem: impl Into<String>,
        private_key_pem: impl Into<String>,
    ) -> Self {
        self.tls = Some(SimulatorTls {
            certificate_chain_pem: certificate_chain_pem.into(),
            private_key_pem: zeroize::Zeroizing::new(private_key_pem.into()),
        });
        self
    }

    /// The address to listen on (port 0 picks a free port).
    #[must_use]
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        self
    }

    /// The client id [`Simulator::client`] uses; requests with any client id are served.
    #[must_use]
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.client_id = id.into();
        self
    }

    /// Scales the notification resend schedule (tests: `0.0001`, so 2 min becomes 12 ms).
    /// Negative or NaN counts as 0.
    #[must_use]
    pub fn time_factor(mut self, factor: f64) -> Self {
        self.time_factor = if factor.is_nan() {
            0.0
        } else {
            factor.max(0.0)
        };
        self
    }

    /// A fault active from the start (standalone configuration).
    #[must_use]
    pub fn fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }
}

pub use crate::operation::Operation;

/// Where a vaulting stands inside the simulator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VaultingState {
    /// Waiting for the buyer's 3-D Secure decision.
    Processing,
    /// Vaulted: a card token exists.
    Success,
    /// Failed.
    Fail,
}

impl fmt::Display for VaultingState {
    /// The wire value: `PROCESSING`, `SUCCESS` or `FAIL`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            VaultingState::Processing => "PROCESSING",
            VaultingState::Success => "SUCCESS",
            VaultingState::Fail => "FAIL",
        })
    }
}

/// One API request as the simulator received it. `Debug` never prints the body.
#[derive(Clone)]
pub struct RecordedRequest {
    /// Which operation.
    pub operation: Operation,
    /// The path as received (`/ams/api/...` or `/ams/sandbox/api/...`).
    pub path: String,
    /// The HTTP version it came over: `HTTP/1.1`, or `HTTP/2.0` (HTTPS with ALPN `h2`).
    pub http_version: String,
    /// The `client-id` header.
    pub client_id: Option<String>,
    /// The `request-time` header.
    pub request_time: Option<String>,
    /// Whether the signature verified with the merchant public key.
    pub signature_valid: bool,
    /// The body's `vaultingRequestId`, when it had one.
    pub vaulting_request_id: Option<String>,
    /// The `resultCode` the simulator answered; for a fault without a business answer,
    /// `DROPPED` (dropped before processing) or `HTTP_<status>`.
    pub result_code: String,
    body: Arc<zeroize::Zeroizing<Vec<u8>>>,
}

impl RecordedRequest {
    /// The raw body as received. It holds the card number and CVV of a vaulting: never log it.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("operation", &self.operation)
            .field("path", &self.path)
            .field("http_version", &self.http_version)
            .field("client_id", &self.client_id)
            .field("request_time", &self.request_time)
            .field("signature_valid", &self.signature_valid)
            .field("vaulting_request_id", &self.vaulting_request_id)
            .field("result_code", &self.result_code)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// One delivery attempt of a notification.
#[derive(Clone, Debug)]
pub struct NotificationAttempt {
    /// The vaulting the notification is about.
    pub vaulting_request_id: String,
    /// The `vaultingNotificationUrl` it was sent to.
    pub url: String,
    /// 1-based.
    pub attempt: u32,
    /// Whether the receiver answered HTTP 200 with the acknowledgement (compared as JSON).
    pub acknowledged: bool,
    /// The HTTP status; `None` when no answer came (connection failed, timeout, or a URL that
    /// is not absolute http(s)).
    pub status: Option<u16>,
}

/// A vaulting as the simulator holds it.
#[derive(Clone, Debug)]
pub struct VaultingSnapshot {
    /// Its id.
    pub vaulting_request_id: String,
    /// Where it stands.
    pub status: VaultingState,
    /// The token, once vaulted.
    pub card_token: Option<crate::card::CardToken>,
    /// The card's last four digits.
    pub last_four: String,
    /// The scenario its card selected.
    pub scenario: Scenario,
    /// How many vaultPaymentMethod calls for this id were processed (the first included; a
    /// repeat with another card counts, a call a `drop-before` or `status` fault swallowed does
    /// not).
    pub vault_calls: u32,
    /// The masked card number, e.g. `************1111`.
    pub masked_card_no: String,
    /// `vaultingResultCode` of a failed vaulting (e.g. `DO_NOT_HONOR`), when there is one.
    pub vaulting_result_code: Option<String>,
}

/// Why [`Simulator::complete_verification`] refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SimulatorError {
    /// No vaulting has this `vaultingRequestId`.
    UnknownVaulting,
    /// The vaulting is not waiting for a verification (already decided, or never was).
    NotPending {
        /// Where it stands.
        status: VaultingState,
    },
}

impl fmt::Display for SimulatorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimulatorError::UnknownVaulting => {
                f.write_str("no vaulting has this vaultingRequestId")
            }
            SimulatorError::NotPending { status } => {
                write!(
                    f,
                    "the vaulting is not waiting for verification (it is {status})"
                )
            }
        }
    }
}

impl std::error::Error for SimulatorError {}

/// A running simulator on loopback; shuts down when dropped (the port closes at once, open
/// connections are cut and pending notifications stop).
pub struct Simulator {
    shared: Arc<state::Shared>,
    addr: SocketAddr,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .field("client_id", &self.shared.client_id)
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// Binds and starts serving (on the current Tokio runtime).
    ///
    /// # Errors
    /// If the address cannot be bound, or the HTTP client for notifications cannot be made.
    pub async fn start(config: SimulatorConfig) -> std::io::Result<Simulator> {
        let (shared, addr, server) = server::start(config).await?;
        Ok(Simulator {
            shared,
            addr,
            server: Some(server),
        })
    }

    /// Generated keys, a free loopback port, notifications on the real schedule: the one-liner
    /// for tests.
    ///
    /// # Errors
    /// As [`start`](Self::start), or if key generation fails.
    pub async fn start_default() -> std::io::Result<Simulator> {
        let keys = SimulatorKeys::generate().map_err(std::io::Error::other)?;
        Simulator::start(SimulatorConfig::new(keys)).await
    }

    /// `http://127.0.0.1:PORT` (a loopback address even when bound to all interfaces).
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The client id [`client`](Self::client) uses.
    pub fn client_id(&self) -> &str {
        &self.shared.client_id
    }

    /// Its keys.
    pub fn keys(&self) -> &SimulatorKeys {
        &self.shared.keys
    }

    /// The gateway public key: what a client verifies responses and notifications with.
    pub fn gateway_public_key(&self) -> PublicKey {
        self.shared.keys.gateway.public_key()
    }

    /// A [`ClientBuilder`] already set with the base URL, client id, merchant private key and
    /// gateway public key (other settings at their defaults).
    ///
    /// # Panics
    /// If the simulator was given no merchant private key ([`SimulatorKeys::new`]).
    pub fn client_builder(&self) -> ClientBuilder {
        let merchant = self
            .shared
            .keys
            .merchant_private
            .clone()
            .expect("the simulator holds no merchant private key: build the client yourself");
        Client::builder()
            .base_url(self.base_url())
            .client_id(self.shared.client_id.clone())
            .merchant_private_key(merchant)
            .alipay_public_key(self.gateway_public_key())
    }

    /// A ready client: `client_builder().build().unwrap()`.
    ///
    /// # Panics
    /// As [`client_builder`](Self::client_builder).
    pub fn client(&self) -> Client {
        self.client_builder()
            .build()
            .expect("the simulator's client settings are valid")
    }

    /// A verifier for the notifications this simulator sends (gateway public key, and the
    /// client id of [`client`](Self::client)).
    pub fn notification_verifier(&self) -> NotificationVerifier {
        NotificationVerifier::new(self.gateway_public_key())
            .expected_client_id(self.shared.client_id.clone())
    }

    /// Every API request received, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.store().requests.clone()
    }

    /// Every notification delivery attempt, in order.
    pub fn notifications(&self) -> Vec<NotificationAttempt> {
        self.shared.store().notifications.clone()
    }

    /// The vaulting with this id, if one exists.
    pub fn vaulting(&self, vaulting_request_id: &str) -> Option<VaultingSnapshot> {
        self.shared.store().snapshot(vaulting_request_id)
    }

    /// Every vaulting, in the order they were created.
    pub fn vaultings(&self) -> Vec<VaultingSnapshot> {
        self.shared.store().snapshots()
    }

    /// How many distinct vaultings exist.
    pub fn vaulting_count(&self) -> usize {
        self.shared.store().vaulting_count()
    }

    /// Adds a fault rule.
    pub fn inject(&self, rule: FaultRule) {
        self.shared.store().faults.push(rule);
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.shared.store().faults.clear();
    }

    /// The active fault rules, with their remaining uses in `times`.
    pub fn faults(&self) -> Vec<FaultRule> {
        self.shared.store().faults.rules()
    }

    /// What the 3-D Secure page's buttons do: approve or decline a pending verification. The
    /// notification is sent as for a decision on the page.
    ///
    /// # Errors
    /// [`SimulatorError::UnknownVaulting`], or [`SimulatorError::NotPending`] when the vaulting
    /// is not waiting for a decision.
    pub async fn complete_verification(
        &self,
        vaulting_request_id: &str,
        approve: bool,
    ) -> Result<(), SimulatorError> {
        three_ds::decide(&self.shared, vaulting_request_id, approve).map(|_redirect| ())
    }

    /// Stops serving and waits until the server task has ended.
    pub async fn shutdown(mut self) {
        self.shared.close();
        if let Some(server) = self.server.take() {
            server.abort();
            let _ = server.await;
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.shared.close();
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
