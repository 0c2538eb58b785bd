//! The client services use: validated, signed, verified calls that return typed outcomes.

mod budget;
mod builder;
mod call;
mod classify;
mod env;
mod gateway;
pub(crate) mod operation;
mod proxy;
mod resolve;

use std::sync::Arc;
use std::time::Duration;

pub use budget::InquiryBudget;
pub use env::ENV_VARIABLES;
pub use gateway::Gateway;
use resolve::is_unsigned_buyer_action;
pub use resolve::{ResolveOptions, DEFAULT_NOT_FOUND_WINDOW, DEFAULT_RESOLVE_DEADLINE};

pub use builder::{
    ClientBuilder, Region, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};

use crate::error::Error;
use crate::notification::NotificationVerifier;
use crate::outcome::{InquiryOutcome, VaultOutcome};
use crate::retry::RetryPolicy;
use crate::telemetry::Endpoint;
use crate::types;
use crate::RawClient;
use operation::{InquireVaulting, VaultPaymentMethod};
use progenitor_client::ClientInfo;

/// A client for the vaulting API. Cheap to clone; share one per process.
///
/// Every call validates the request against the spec, signs it (progenitor hooks), verifies
/// the response signature, and interprets the result per the API documents. Build one with
/// [`Client::builder`].
#[derive(Clone, Debug)]
pub struct Client {
    raw: RawClient,
    retry: RetryPolicy,
    /// The timeout of one attempt: the shortest time `resolve` waits before believing that a
    /// vaulting does not exist.
    timeout: Duration,
    /// Host, port and path prefix, as spans and metrics name them.
    endpoint: Arc<Endpoint>,
    /// The proxy calls go through, to learn the status of a refused tunnel.
    proxy: proxy::ProxyRoute,
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn from_parts(
        raw: RawClient,
        retry: RetryPolicy,
        timeout: Duration,
        proxy: proxy::ProxyRoute,
    ) -> Self {
        let endpoint = Endpoint::new(
            progenitor_client::ClientInfo::baseurl(&raw),
            raw.inner().is_sandbox(),
        );
        Self {
            raw,
            retry,
            timeout,
            endpoint: Arc::new(endpoint),
            proxy,
        }
    }

    /// The generated client underneath, for calls this layer does not wrap. It signs and
    /// verifies like this one, but returns progenitor's untyped errors, and it **fails
    /// closed**: its `Ok` is only ever a signed answer. Every answer refused by verification,
    /// and every answer without a signature (which this client reads as an unknown outcome),
    /// is an error there (`progenitor_client::Error::Custom`, whose text starts with
    /// "response rejected"), because its return type cannot say that an answer is unsigned.
    pub fn raw(&self) -> &RawClient {
        &self.raw
    }

    /// The gateway base URL this client calls.
    pub fn base_url(&self) -> &str {
        progenitor_client::ClientInfo::baseurl(&self.raw)
    }

    /// Where this client points: one of Alipay's gateways (which, live or sandbox), this
    /// machine, or another host. Log it at start-up; refuse anything but Alipay's with
    /// [`ClientBuilder::only_alipay_gateways`].
    ///
    /// ```
    /// # fn run() -> Result<(), alipay_vaulting::BuildError> {
    /// use alipay_vaulting::{Client, Gateway, Region};
    /// # let key = alipay_vaulting::keys::PrivateKey::generate().unwrap();
    /// # let alipay = alipay_vaulting::keys::PrivateKey::generate().unwrap().public_key();
    /// let client = Client::builder()
    ///     .client_id("SANDBOX_5YEZ1234567890")
    ///     .merchant_private_key(key)
    ///     .alipay_public_key(alipay)
    ///     .region(Region::NorthAmerica)
    ///     .only_alipay_gateways()
    ///     .build()?;
    /// assert_eq!(
    ///     client.gateway(),
    ///     Gateway::Alipay { region: Region::NorthAmerica, sandbox: true }
    /// );
    /// # Ok(()) }
    /// # run().unwrap();
    /// ```
    pub fn gateway(&self) -> Gateway {
        Gateway::of(self.base_url(), self.client_id())
    }

    /// The same client with another attempt timeout, for one call or a few: a cheap copy that
    /// shares the connection pool, keys and settings.
    ///
    /// ```no_run
    /// # async fn run(client: alipay_vaulting::Client) -> Result<(), alipay_vaulting::Error> {
    /// use std::time::Duration;
    /// // A buyer is waiting: give this vaulting 5 s per attempt instead of the default.
    /// let quick = client.with_timeout(Duration::from_secs(5));
    /// let outcome = quick.inquire_vaulting("vault-req-0001").await?;
    /// # let _ = outcome;
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client {
            timeout: timeout.max(Duration::from_millis(1)),
            ..self.clone()
        }
    }

    /// The timeout of one attempt.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The merchant private key this client signs with (for keys derived from it).
    #[cfg(feature = "ledger")]
    pub(crate) fn merchant_private_key(&self) -> &crate::keys::PrivateKey {
        &self.raw.inner().signer().private_key
    }

    /// The signing state this client (and its clones) use.
    #[cfg(feature = "ledger")]
    pub(crate) fn hook_state(&self) -> &crate::hooks::HookState {
        self.raw.inner()
    }

    /// The client id this client signs with (`client-id`).
    pub fn client_id(&self) -> &str {
        &self.raw.inner().signer().client_id
    }

    /// A verifier for the notifications meant for this client: it checks them with the Alipay
    /// public key this client verifies responses with, and refuses a notification signed for
    /// another client id (another merchant, or the sandbox). Set
    /// [`max_age`](NotificationVerifier::max_age) or
    /// [`public_path`](NotificationVerifier::public_path) on it as needed.
    pub fn notification_verifier(&self) -> NotificationVerifier {
        let signer = self.raw.inner().signer();
        NotificationVerifier::with_keys(signer.alipay_public_keys.clone())
            .expected_client_id(signer.client_id.clone())
    }

    /// Stores a card (`vaultPaymentMethod`).
    ///
    /// The request is validated first (an invalid field is [`Error::NotSent`] naming the
    /// field). Only attempts that never reached the gateway are retried; when the outcome is
    /// unknown the call returns, and the caller resolves it with [`Client::resolve`] using the
    /// same `vaultingRequestId` instead of vaulting again.
    ///
    /// An **unsigned** answer is never final and never sends anyone anywhere: it is
    /// [`VaultOutcome::Unknown`] with [`UnknownReason::Unsigned`](crate::outcome::UnknownReason::Unsigned).
    /// An unsigned `U`/`VERIFICATION_IN_PROCESS` (Alipay may leave `U` unsigned) cannot be
    /// trusted to send the buyer anywhere: its URLs could have been written by whoever removed
    /// the signature. The call then confirms at once with one signed inquiry: when it answers
    /// `PROCESSING` with URLs, the outcome is [`VaultOutcome::BuyerActionRequired`] with the
    /// **inquiry's** URLs; when it answers a final state (signed `SUCCESS` or `FAIL`), the
    /// outcome is that state ([`VaultOutcome::Vaulted`], [`VaultOutcome::Failed`] with the
    /// inquiry's `vaultingResultCode`); otherwise it stays [`VaultOutcome::Unknown`].
    pub async fn vault_payment_method(
        &self,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<VaultOutcome, Error> {
        let outcome = self.call::<VaultPaymentMethod>(request).await?;
        Ok(match outcome {
            VaultOutcome::Unknown(unknown) if is_unsigned_buyer_action(&unknown) => {
                self.confirm_buyer_action(request, unknown).await
            }
            outcome => outcome,
        })
    }

    /// Asks where a vaulting stands (`inquireVaulting`), by its `vaultingRequestId`.
    ///
    /// Read-only, so transport failures and `U` answers are retried per the retry policy.
    pub async fn inquire_vaulting(
        &self,
        vaulting_request_id: &str,
    ) -> Result<InquiryOutcome, Error> {
        let request = types::InquireVaultingRequest {
            vaulting_request_id: vaulting_request_id.to_string(),
            merchant_account_id: None,
        };
        self.inquire(&request).await
    }

    /// [`inquire_vaulting`](Self::inquire_vaulting) with a full request (e.g. a
    /// `merchantAccountId`).
    pub async fn inquire(
        &self,
        request: &types::InquireVaultingRequest,
    ) -> Result<InquiryOutcome, Error> {
        self.call::<InquireVaulting>(request).await
    }
}
