//! A ledger of vaultings that survives crashes, deploys and lost answers (feature `ledger`).
//!
//! The client settles one call well; a service's vaulting outlives the call. The ledger records
//! each vaulting **before** it is sent, settles it exactly once whatever happens to the process
//! (recovery resolves what a crash left open, with the same `vaultingRequestId`, never a new
//! one), and hands each settled vaulting to the service once, through an outbox the service
//! acknowledges.
//!
//! ```text
//!             answer: U, timeout, lost          answer: 3-D Secure
//!   Intent ───────────────────────────▶ Unknown ─────────────────▶ AwaitingBuyer
//!     │  (recorded before sending)         │                          │    │
//!     │                                    │ resolve / notification   │    │ abandon-after,
//!     │ answer, resolve, notification      ▼                          │    ▼ or an operator
//!     └──────────────────────────▶ Vaulted │ Failed ◀─────────────────┘  Abandoned
//!                                  (final, one-way: a different later answer is a conflict)
//! ```
//!
//! - [`state`]: the states, what each source says ([`Observation`]) and the one
//!   [`transition`] function every source goes through.
//! - [`RequestIds`]: deterministic `vaultingRequestId`s from the service's own intent key and
//!   an attempt number; [`FingerprintKey`]: the keyed hash the ledger recognises a card by.
//! - [`Store`]: a handful of atomic row operations; [`MemoryStore`] for tests and
//!   `SqliteStore` (feature `ledger-sqlite`) in a file, with versioned, embedded migrations.
//!
//! What the ledger stores: the id, the intent key and attempt, the card's keyed fingerprint,
//! the state, a failure's code and next step, times, and the card token **only until the
//! service acknowledges** the settled vaulting ([`Ledger::acknowledge`]). Never a card number,
//! a CVV, personal data or a message from an answer.

mod failpoint;
mod ids;
mod memory;
#[cfg(feature = "ledger-postgres")]
mod postgres;
mod record;
mod recover;
#[cfg(feature = "ledger-sqlite")]
mod sqlite;
pub mod state;
mod store;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use ids::{FingerprintKey, RequestIds, DEFAULT_NAMESPACE};
pub use memory::MemoryStore;
#[cfg(feature = "ledger-postgres")]
pub use postgres::{PgStore, DEFAULT_SCHEMA};
pub use record::{Settled, Vaulting};
pub use recover::{RecoverOptions, RecoverReport};
#[cfg(feature = "ledger-sqlite")]
pub use sqlite::SqliteStore;
pub use state::{transition, Failure, Observation, State, Transition};
pub use store::{BoxFuture, Filter, Inserted, Store, StoreError};

use crate::error::Error;
use crate::notification::NotificationOutcome;
use crate::outcome::{NextStep, VaultOutcome};
use crate::types;
use crate::validate::Validate;
use crate::Client;

/// Why the ledger refused or failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum LedgerError {
    /// The store failed; nothing is known to be recorded.
    Store(StoreError),
    /// The request breaks the spec: nothing was recorded, nothing sent.
    InvalidRequest(Error),
    /// This `vaultingRequestId` is recorded with **another card**: nothing was sent. A new card
    /// needs a new id (a new intent key, or the next attempt).
    CardMismatch {
        /// The id.
        vaulting_request_id: String,
    },
    /// The request's `vaultingRequestId` is not the one the intent key and attempt derive.
    IdMismatch {
        /// The id the ledger derives ([`RequestIds::id`]).
        expected: String,
    },
    /// No vaulting with this id is in the ledger.
    NotInLedger {
        /// The id.
        vaulting_request_id: String,
    },
    /// The vaulting is not settled yet: there is nothing to acknowledge.
    NotSettled {
        /// The id.
        vaulting_request_id: String,
    },
}

impl std::fmt::Display for LedgerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LedgerError::Store(e) => e.fmt(f),
            LedgerError::InvalidRequest(e) => e.fmt(f),
            LedgerError::CardMismatch {
                vaulting_request_id,
            } => write!(
                f,
                "vaultingRequestId {vaulting_request_id} is recorded with another card: nothing \
                 was sent; vault this card under a new id"
            ),
            LedgerError::IdMismatch { expected } => write!(
                f,
                "the request's vaultingRequestId is not the intent's: expected {expected}"
            ),
            LedgerError::NotInLedger {
                vaulting_request_id,
            } => write!(
                f,
                "vaultingRequestId {vaulting_request_id} is not in the ledger"
            ),
            LedgerError::NotSettled {
                vaulting_request_id,
            } => write!(
                f,
                "vaultingRequestId {vaulting_request_id} is not settled yet: nothing to take"
            ),
        }
    }
}

impl std::error::Error for LedgerError {}

impl From<StoreError> for LedgerError {
    fn from(e: StoreError) -> Self {
        LedgerError::Store(e)
    }
}

/// What [`Ledger::vault`] did.
#[derive(Debug)]
#[non_exhaustive]
pub enum Vault {
    /// The intent was recorded, the request sent, and what came back recorded: `answer` is the
    /// call's (with the buyer's URLs for 3-D Secure), `vaulting` the row after it.
    Sent {
        /// The call's outcome or error.
        answer: Result<VaultOutcome, Error>,
        /// The row, as recorded after the answer.
        vaulting: Vaulting,
    },
    /// The id was already recorded with the same card: nothing was sent again. Not final yet,
    /// recovery settles it; final, the row says how.
    AlreadyRecorded(Vaulting),
}

/// What applying an observation did.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Applied {
    /// The vaulting is settled by this observation (the first final answer).
    Settled(Vaulting),
    /// It moved to a state that is not final.
    Progressed(Vaulting),
    /// Nothing changed (the same answer again, or no news).
    Unchanged(Vaulting),
    /// It was final already and this is another final answer: kept, and reported.
    Conflict(Vaulting),
    /// Recovery's claim was overtaken (another instance claimed or wrote the row since): the
    /// observation was not written.
    Fenced,
}

impl Applied {
    /// The row after the observation, when it was read.
    pub fn vaulting(&self) -> Option<&Vaulting> {
        match self {
            Applied::Settled(v)
            | Applied::Progressed(v)
            | Applied::Unchanged(v)
            | Applied::Conflict(v) => Some(v),
            Applied::Fenced => None,
        }
    }
}

/// How long the ledger waits before it looks again.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Schedule {
    /// The first wait after a check that did not settle a vaulting; doubles on each check.
    pub recheck_base: Duration,
    /// The longest wait between two checks.
    pub recheck_max: Duration,
    /// The wait between two checks of a vaulting awaiting the buyer (3-D Secure).
    pub awaiting_buyer_every: Duration,
    /// After this long awaiting the buyer, the vaulting is abandoned.
    pub abandon_after: Duration,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            recheck_base: Duration::from_secs(5),
            recheck_max: Duration::from_secs(600),
            awaiting_buyer_every: Duration::from_secs(300),
            abandon_after: Duration::from_secs(24 * 3600),
        }
    }
}

impl Schedule {
    /// When a vaulting that is still `state` after `checks` checks is due next.
    fn next_check(&self, state: State, checks: u32, now_ms: i64) -> i64 {
        let wait = match state {
            State::AwaitingBuyer => self.awaiting_buyer_every,
            _ => self
                .recheck_base
                .saturating_mul(1 << checks.min(16))
                .min(self.recheck_max),
        };
        now_ms.saturating_add(wait.as_millis() as i64)
    }
}

/// The ledger: a store, the card fingerprint key, the id scheme and the schedule. Cheap to
/// clone: clones share the store.
#[derive(Clone)]
pub struct Ledger {
    store: Arc<dyn Store>,
    fingerprints: Option<FingerprintKey>,
    /// The key derived from the last client's merchant key, with that client's signing state
    /// (held, so that it is compared by identity, never by an address reused).
    derived: Arc<std::sync::Mutex<Option<(crate::hooks::HookState, FingerprintKey)>>>,
    ids: RequestIds,
    schedule: Schedule,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("ids", &self.ids)
            .field("schedule", &self.schedule)
            .finish_non_exhaustive()
    }
}

/// Now, in milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Ledger {
    /// A ledger over `store`. It recognises cards by a [`FingerprintKey`] derived from the
    /// merchant private key of the client that vaults (every instance signing with that key
    /// derives the same), unless [`with_fingerprint_key`](Self::with_fingerprint_key) gives one.
    pub fn new(store: impl Store) -> Ledger {
        Ledger::with_store(Arc::new(store))
    }

    /// A ledger over a shared store.
    pub fn with_store(store: Arc<dyn Store>) -> Ledger {
        Ledger {
            store,
            fingerprints: None,
            derived: Arc::default(),
            ids: RequestIds::default(),
            schedule: Schedule::default(),
        }
    }

    /// Recognises cards by this key (from the service's secret store) instead of one derived
    /// from the merchant private key.
    #[must_use]
    pub fn with_fingerprint_key(mut self, key: FingerprintKey) -> Ledger {
        self.fingerprints = Some(key);
        self
    }

    /// Ids derived in this scheme (default: namespace `default`).
    #[must_use]
    pub fn with_ids(mut self, ids: RequestIds) -> Ledger {
        self.ids = ids;
        self
    }

    /// Another schedule of checks.
    #[must_use]
    pub fn with_schedule(mut self, schedule: Schedule) -> Ledger {
        self.schedule = schedule;
        self
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The `vaultingRequestId` of `attempt` of `intent_key` ([`RequestIds::id`]).
    pub fn request_id(&self, intent_key: &str, attempt: u32) -> String {
        self.ids.id(intent_key, attempt)
    }

    /// Records the vaulting, sends it, and records what came back; the intent key is the id
    /// itself (attempt 1). See [`vault_attempt`](Self::vault_attempt).
    pub async fn vault(
        &self,
        client: &Client,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<Vault, LedgerError> {
        let key = request.vaulting_request_id.clone();
        self.record_and_send(client, &key, 1, request).await
    }

    /// Records the vaulting of `attempt` of the intent `intent_key` durably, sends it, and
    /// records what came back. The request's `vaultingRequestId` must be
    /// [`request_id(intent_key, attempt)`](Self::request_id).
    ///
    /// Whatever happens once the intent is recorded (the process killed, the answer lost, a
    /// timeout), the vaulting is settled later by [`recover`](Self::recover) with the same id;
    /// the ledger never sends it again under a new one. After a failure whose next step is
    /// [`NextStep::RetryWithNewRequestId`], the service may make the next attempt.
    ///
    /// The same id with the same card again sends nothing ([`Vault::AlreadyRecorded`]); with
    /// another card it is refused ([`LedgerError::CardMismatch`]).
    pub async fn vault_attempt(
        &self,
        client: &Client,
        intent_key: &str,
        attempt: u32,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<Vault, LedgerError> {
        self.check_id(intent_key, attempt, request)?;
        self.record_and_send(client, intent_key, attempt, request)
            .await
    }

    async fn record_and_send(
        &self,
        client: &Client,
        intent_key: &str,
        attempt: u32,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<Vault, LedgerError> {
        let intent = self.new_intent(client, intent_key, attempt, request)?;
        let (id, fingerprint) = (
            intent.vaulting_request_id.clone(),
            intent.card_fingerprint.clone(),
        );
        failpoint::hit("before-intent");
        let inserted = self.store.insert(intent.clone()).await?;
        let recorded = std::time::Instant::now();
        match inserted {
            Inserted::New => {}
            Inserted::Existing(existing) if existing.card_fingerprint == fingerprint => {
                return Ok(Vault::AlreadyRecorded(*existing))
            }
            Inserted::Existing(_) => {
                return Err(LedgerError::CardMismatch {
                    vaulting_request_id: id,
                })
            }
        }
        failpoint::hit("after-intent");
        // Sent only while recovery cannot have started on it (it waits for the time a request
        // may be in flight): a sender paused longer leaves the vaulting to recovery.
        if recorded.elapsed() > client.timeout() / 2 {
            return Ok(Vault::AlreadyRecorded(self.get(&id).await?));
        }
        self.send_and_record(client, request, intent).await
    }

    /// Sends the request whose row is `written` (as this sender last wrote it), and records
    /// what came back over that row.
    async fn send_and_record(
        &self,
        client: &Client,
        request: &types::VaultPaymentMethodRequest,
        written: Vaulting,
    ) -> Result<Vault, LedgerError> {
        let id = written.vaulting_request_id.clone();
        let answer = client.vault_payment_method(request).await;
        failpoint::hit("after-answer");
        // The row as written is the one to write over (no read): only a writer that came in
        // between (a notification, a recovery) makes it read again.
        let applied = self
            .apply_from(
                &id,
                Some(written),
                Observation::of_vault(&answer),
                Write::Relaxed,
                |row, now| {
                    // The sender knows the answer: an unknown one is due for recovery at once,
                    // one awaiting the buyer on the slower schedule.
                    row.next_check_at_ms = if row.state == State::AwaitingBuyer {
                        now.saturating_add(self.schedule.awaiting_buyer_every.as_millis() as i64)
                    } else {
                        now
                    };
                },
            )
            .await?;
        failpoint::hit("after-outcome");
        let vaulting = match applied.vaulting() {
            Some(v) => v.clone(),
            None => self.get(&id).await?,
        };
        Ok(Vault::Sent { answer, vaulting })
    }

    /// The key cards are recognised by: the one given, else the one derived from `client`'s
    /// merchant key (derived once per key).
    fn fingerprint_key(&self, client: &Client) -> FingerprintKey {
        if let Some(key) = &self.fingerprints {
            return key.clone();
        }
        let signer = client.hook_state();
        let mut derived = self
            .derived
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match &*derived {
            Some((for_signer, key)) if for_signer.is(signer) => key.clone(),
            _ => {
                let key = FingerprintKey::from_client(client);
                *derived = Some((signer.clone(), key.clone()));
                key
            }
        }
    }

    /// The intent row of `attempt` of `intent_key` for `request`, as [`vault_attempt`] would
    /// record it (validated, the card fingerprinted, the client's timeout as the time it may be
    /// in flight): for a service that records it in its own transaction
    /// (`PgStore::record_intent_in`), then sends it with [`vault_recorded`](Self::vault_recorded).
    ///
    /// [`vault_attempt`]: Self::vault_attempt
    pub fn intent(
        &self,
        client: &Client,
        intent_key: &str,
        attempt: u32,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<Vaulting, LedgerError> {
        self.check_id(intent_key, attempt, request)?;
        self.new_intent(client, intent_key, attempt, request)
    }

    /// The request's id must be the one `intent_key` and `attempt` derive.
    fn check_id(
        &self,
        intent_key: &str,
        attempt: u32,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<(), LedgerError> {
        let expected = self.request_id(intent_key, attempt);
        if request.vaulting_request_id == expected {
            Ok(())
        } else {
            Err(LedgerError::IdMismatch { expected })
        }
    }

    /// The intent row of a valid request: its id, the card's fingerprint, the time it may be in
    /// flight (the client's timeout), now.
    fn new_intent(
        &self,
        client: &Client,
        intent_key: &str,
        attempt: u32,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<Vaulting, LedgerError> {
        request
            .validate()
            .map_err(|e| LedgerError::InvalidRequest(e.into()))?;
        Ok(Vaulting::intent(
            request.vaulting_request_id.clone(),
            intent_key.to_owned(),
            attempt,
            self.fingerprint(client, request),
            client.timeout().as_millis() as u64,
            self.store.now_ms(),
        ))
    }

    /// The keyed fingerprint of the request's card.
    fn fingerprint(&self, client: &Client, request: &types::VaultPaymentMethodRequest) -> String {
        self.fingerprint_key(client)
            .fingerprint(&request.payment_method_detail.card.card_no)
    }

    /// Sends a vaulting whose intent is already recorded (by [`intent`](Self::intent) in the
    /// service's own transaction), and records what came back. It is sent only while it is
    /// still an intent that nobody has sent or checked, and recent enough that recovery cannot
    /// have started on it; otherwise nothing is sent ([`Vault::AlreadyRecorded`]): recovery
    /// settles it.
    pub async fn vault_recorded(
        &self,
        client: &Client,
        request: &types::VaultPaymentMethodRequest,
    ) -> Result<Vault, LedgerError> {
        request
            .validate()
            .map_err(|e| LedgerError::InvalidRequest(e.into()))?;
        let id = request.vaulting_request_id.clone();
        let row = self.get(&id).await?;
        if row.card_fingerprint != self.fingerprint(client, request) {
            return Err(LedgerError::CardMismatch {
                vaulting_request_id: id,
            });
        }
        let now = self.store.now_ms();
        let young = now.saturating_sub(row.created_at_ms) <= (row.in_flight_ms / 2) as i64;
        if row.state != State::Intent || row.checks > 0 || row.version > 0 || !young {
            return Ok(Vault::AlreadyRecorded(row));
        }
        // Taken for sending: a second sender, or a recovery, now finds version 1.
        let mut sending = row.clone();
        sending.version += 1;
        sending.updated_at_ms = now;
        sending.next_check_at_ms = now.saturating_add(row.in_flight_ms as i64 + 1_000);
        if !self.store.replace(sending.clone()).await? {
            return Ok(Vault::AlreadyRecorded(self.get(&id).await?));
        }
        self.send_and_record(client, request, sending).await
    }

    /// The row of `vaulting_request_id`.
    pub async fn get(&self, vaulting_request_id: &str) -> Result<Vaulting, LedgerError> {
        self.store
            .get(vaulting_request_id)
            .await?
            .ok_or_else(|| LedgerError::NotInLedger {
                vaulting_request_id: vaulting_request_id.to_owned(),
            })
    }

    /// The rows of a kind, oldest first.
    pub async fn list(&self, filter: Filter, limit: usize) -> Result<Vec<Vaulting>, LedgerError> {
        Ok(self.store.list(filter, limit).await?)
    }

    /// Applies what a source says (an inquiry of the service's own, for example).
    pub async fn apply(
        &self,
        vaulting_request_id: &str,
        observation: Observation,
    ) -> Result<Applied, LedgerError> {
        self.apply_with(vaulting_request_id, observation, Write::Durable, |_, _| {})
            .await
    }

    /// Applies a verified notification. Idempotent: the same notification again changes
    /// nothing, and the first final answer wins. A notification that does not settle the
    /// vaulting makes it due for recovery at once. Acknowledge the notification (answer the
    /// gateway) only after this returned `Ok`: the ledger has then committed it.
    ///
    /// With the `axum` feature: the webhook stores the notification through the ledger, and
    /// acknowledges only once the ledger has committed it.
    ///
    /// ```
    /// # #[cfg(feature = "axum")]
    /// # fn main() {
    /// use alipay_vaulting::axum::{Acknowledgement, VerifiedNotification};
    /// use alipay_vaulting::ledger::{Ledger, MemoryStore};
    /// use alipay_vaulting::notification::NotificationVerifier;
    /// use axum::extract::{FromRef, State};
    /// use axum::http::StatusCode;
    /// use axum::routing::post;
    /// use axum::Router;
    ///
    /// #[derive(Clone)]
    /// struct App {
    ///     ledger: Ledger,
    ///     verifier: NotificationVerifier,
    /// }
    ///
    /// impl FromRef<App> for NotificationVerifier {
    ///     fn from_ref(app: &App) -> NotificationVerifier {
    ///         app.verifier.clone()
    ///     }
    /// }
    ///
    /// async fn notify(
    ///     State(app): State<App>,
    ///     notification: VerifiedNotification,
    /// ) -> Result<Acknowledgement, StatusCode> {
    ///     app.ledger
    ///         .apply_notification(&notification.notification, &notification.outcome)
    ///         .await
    ///         // Not committed: no acknowledgement, so the gateway sends it again.
    ///         .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    ///     Ok(Acknowledgement)
    /// }
    ///
    /// # let verifier = NotificationVerifier::new(
    /// #     alipay_vaulting::keys::PrivateKey::generate().unwrap().public_key(),
    /// # );
    /// let app = App { ledger: Ledger::new(MemoryStore::new()), verifier };
    /// let router: Router = Router::new()
    ///     .route("/notify/vaulting", post(notify))
    ///     .with_state(app);
    /// # let _ = router;
    /// # }
    /// # #[cfg(not(feature = "axum"))]
    /// # fn main() {}
    /// ```
    pub async fn apply_notification(
        &self,
        notification: &types::NotifyVaultingRequest,
        outcome: &NotificationOutcome,
    ) -> Result<Applied, LedgerError> {
        let observation = Observation::of_notification(outcome);
        let settles = observation.final_state().is_some();
        let applied = self
            .apply_with(
                &notification.vaulting_request_id,
                observation,
                Write::Durable,
                |row, now| {
                    if !settles && !row.state.is_final() {
                        row.next_check_at_ms = row.next_check_at_ms.min(now);
                    }
                },
            )
            .await?;
        failpoint::hit("after-notification");
        Ok(applied)
    }

    /// An operator's decision: ends a vaulting that is not final as `Abandoned`. A final one
    /// is left as it is ([`Applied::Unchanged`]).
    pub async fn abandon(&self, vaulting_request_id: &str) -> Result<Applied, LedgerError> {
        self.abandon_fenced(vaulting_request_id, None).await
    }

    pub(crate) async fn abandon_fenced(
        &self,
        vaulting_request_id: &str,
        fence: Option<u64>,
    ) -> Result<Applied, LedgerError> {
        loop {
            let row = self.get(vaulting_request_id).await?;
            if fence.is_some_and(|f| f != row.version) {
                return Ok(Applied::Fenced);
            }
            if row.state.is_final() {
                return Ok(Applied::Unchanged(row));
            }
            let now = self.store.now_ms();
            let mut next = row.clone();
            next.state = State::Abandoned;
            next.failure = Some(Failure::new("ABANDONED", NextStep::RetryWithNewRequestId));
            next.settled_at_ms = Some(now);
            next.updated_at_ms = now;
            next.lease_owner = None;
            next.lease_until_ms = 0;
            next.version += 1;
            if self.store.replace(next.clone()).await? {
                return Ok(Applied::Settled(next));
            }
            if fence.is_some() {
                return Ok(Applied::Fenced);
            }
        }
    }

    /// The settled vaultings the service has not acknowledged yet, oldest first: the outbox.
    /// Store each (idempotently, by `vaultingRequestId`), then [`acknowledge`](Self::acknowledge)
    /// it. Until acknowledged, a settled vaulting is handed out again on every call, so a
    /// service that crashed in between receives it again, never loses it.
    pub async fn deliveries(&self, limit: usize) -> Result<Vec<Settled>, LedgerError> {
        Ok(self
            .store
            .list(Filter::Undelivered, limit)
            .await?
            .into_iter()
            .map(Settled::from)
            .collect())
    }

    /// The service has taken the settled vaulting: marks it delivered and **erases its card
    /// token** from the ledger. `false` when it was acknowledged already; an error when it is
    /// not settled (nothing to take yet) or not in the ledger.
    pub async fn acknowledge(&self, vaulting_request_id: &str) -> Result<bool, LedgerError> {
        loop {
            let row = self.get(vaulting_request_id).await?;
            if row.delivered {
                return Ok(false);
            }
            if !row.state.is_final() {
                return Err(LedgerError::NotSettled {
                    vaulting_request_id: vaulting_request_id.to_owned(),
                });
            }
            let mut next = row;
            next.delivered = true;
            next.card_token = None;
            next.updated_at_ms = self.store.now_ms();
            next.version += 1;
            // Lost to a crash, the delivery is only handed out again (and acknowledged again).
            if self.store.replace_relaxed(next).await? {
                return Ok(true);
            }
        }
    }

    /// Hands each settled vaulting to `deliver`, and acknowledges it once `deliver` returned
    /// `Ok` (a failed delivery leaves it to be delivered again). Returns how many were
    /// acknowledged.
    pub async fn deliver<F, Fut, E>(
        &self,
        limit: usize,
        mut deliver: F,
    ) -> Result<usize, LedgerError>
    where
        F: FnMut(Settled) -> Fut,
        Fut: std::future::Future<Output = Result<(), E>>,
    {
        let mut acknowledged = 0;
        for settled in self.deliveries(limit).await? {
            let id = settled.vaulting_request_id.clone();
            if deliver(settled).await.is_ok() {
                failpoint::hit("after-delivery");
                if self.acknowledge(&id).await? {
                    acknowledged += 1;
                }
            }
        }
        Ok(acknowledged)
    }

    /// Folds `observation` into the row through [`transition`], then lets `schedule` set the
    /// next check of a row that is not final; with a `fence`, writes only over that version.
    pub(crate) async fn apply_with(
        &self,
        vaulting_request_id: &str,
        observation: Observation,
        write: Write,
        schedule: impl Fn(&mut Vaulting, i64),
    ) -> Result<Applied, LedgerError> {
        self.apply_from(vaulting_request_id, None, observation, write, schedule)
            .await
    }

    /// [`apply_with`](Self::apply_with), starting from `known` (the row as last written by this
    /// caller) instead of reading it.
    async fn apply_from(
        &self,
        vaulting_request_id: &str,
        mut known: Option<Vaulting>,
        observation: Observation,
        write: Write,
        schedule: impl Fn(&mut Vaulting, i64),
    ) -> Result<Applied, LedgerError> {
        let fence = write.fence();
        loop {
            let row = match known.take() {
                Some(row) => row,
                None => self.get(vaulting_request_id).await?,
            };
            if fence.is_some_and(|f| f != row.version) {
                return Ok(Applied::Fenced);
            }
            let now = self.store.now_ms();
            let mut next = row.clone();
            let step = transition(
                row.state,
                row.card_token.as_ref(),
                row.failure.as_ref(),
                observation.clone(),
            );
            let applied = match step {
                Transition::Unchanged => Applied::Unchanged,
                Transition::Progress(state) => {
                    next.state = state;
                    Applied::Progressed
                }
                Transition::Settle(settled) => {
                    match settled {
                        Observation::Vaulted(token) => {
                            next.state = State::Vaulted;
                            next.card_token = Some(token);
                        }
                        Observation::Failed(failure) => {
                            next.state = State::Failed;
                            next.failure = Some(failure);
                        }
                        Observation::AwaitingBuyer | Observation::Unknown => {}
                    }
                    next.settled_at_ms = Some(now);
                    Applied::Settled
                }
                Transition::Conflict { kept, refused } => {
                    let refused = match &refused {
                        Observation::Vaulted(_) => "vaulted".to_string(),
                        Observation::Failed(failure) => format!("failed {}", failure.code),
                        other => format!("{other:?}"),
                    };
                    tracing::warn!(
                        vaulting_request_id,
                        kept = %kept,
                        refused = %refused,
                        "a second, different final answer for a settled vaulting: kept the first"
                    );
                    next.conflict = Some(format!("kept {kept}; refused {refused}"));
                    Applied::Conflict
                }
            };
            if next.state.is_final() {
                next.lease_owner = None;
                next.lease_until_ms = 0;
            } else {
                schedule(&mut next, now);
            }
            if next == row {
                return Ok(applied(row));
            }
            next.updated_at_ms = now;
            next.version += 1;
            let replaced = match write {
                Write::Durable => self.store.replace(next.clone()).await?,
                Write::Relaxed | Write::Fenced(_) => {
                    self.store.replace_relaxed(next.clone()).await?
                }
            };
            if replaced {
                return Ok(applied(next));
            }
            if fence.is_some() {
                return Ok(Applied::Fenced);
            }
        }
    }
}

/// How a write-back goes to the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Write {
    /// On the disk before it returns: what the gateway or an operator would not say again (a
    /// notification about to be acknowledged).
    Durable,
    /// Committed, maybe not on the disk yet: a crash loses at most a check that recovery does
    /// again (the sender's own answer, which recovery finds anew).
    Relaxed,
    /// Relaxed, and only over the version recovery claimed the row at.
    Fenced(u64),
}

impl Write {
    fn fence(self) -> Option<u64> {
        match self {
            Write::Fenced(version) => Some(version),
            Write::Durable | Write::Relaxed => None,
        }
    }
}
