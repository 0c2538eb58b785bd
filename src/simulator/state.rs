//! What the simulated gateway remembers: vaultings by `vaultingRequestId`, every request, every
//! notification attempt, the active faults; and the shared handle the server tasks use.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::conn::{Connections, ListenerSlot};
use super::faults::FaultQueue;
use super::scenarios::{self, Plan, Scenario};
use super::{
    NotificationAttempt, RecordedRequest, SimulatorError, SimulatorKeys, VaultingSnapshot,
    VaultingState,
};
use crate::types::{self, CardBrand, ResultCode, VaultingResultCode};

/// Everything the server, the 3-D Secure page, the notifier and the [`super::Simulator`] share.
pub(crate) struct Shared {
    pub(crate) keys: SimulatorKeys,
    pub(crate) client_id: String,
    pub(crate) base_url: String,
    pub(crate) time_factor: f64,
    pub(crate) http: reqwest::Client,
    pub(crate) connections: Arc<Connections>,
    pub(crate) listener: Arc<ListenerSlot>,
    store: Mutex<Store>,
    tasks: Mutex<Vec<tokio::task::AbortHandle>>,
    closed: AtomicBool,
}

impl Shared {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        keys: SimulatorKeys,
        client_id: String,
        base_url: String,
        time_factor: f64,
        http: reqwest::Client,
        connections: Arc<Connections>,
        listener: Arc<ListenerSlot>,
        faults: FaultQueue,
    ) -> Self {
        Shared {
            keys,
            client_id,
            base_url,
            time_factor,
            http,
            connections,
            listener,
            store: Mutex::new(Store {
                faults,
                ..Store::default()
            }),
            tasks: Mutex::new(Vec::new()),
            closed: AtomicBool::new(false),
        }
    }

    /// The state, locked (never held across an `.await`).
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    /// Keeps a background task so that shutdown can stop it.
    pub(crate) fn track(&self, task: tokio::task::AbortHandle) {
        let mut tasks = self
            .tasks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        tasks.retain(|t| !t.is_finished());
        tasks.push(task);
        if self.is_closed() {
            for task in tasks.drain(..) {
                task.abort();
            }
        }
    }

    /// Stops everything: the port closes at once, open connections are cut, notifier tasks are
    /// aborted. Idempotent.
    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.listener.close();
        self.connections.cut_all();
        let tasks = std::mem::take(
            &mut *self
                .tasks
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        for task in tasks {
            task.abort();
        }
    }
}

/// The redirect URLs of a pending 3-D Secure verification.
#[derive(Clone, Debug)]
pub(crate) struct Urls {
    pub(crate) normal: String,
    pub(crate) scheme: String,
    pub(crate) applink: String,
}

/// Why a vaulting failed.
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    /// `result.resultCode` of a vaultPaymentMethod answer and of the notification.
    pub(crate) code: ResultCode,
    /// `vaultingResultCode` of the inquiry.
    pub(crate) vaulting_code: Option<VaultingResultCode>,
    pub(crate) message: String,
}

/// One vaulting. Holds no card number: only its fingerprint, BIN and last four.
#[derive(Clone, Debug)]
pub(crate) struct Vaulting {
    pub(crate) id: String,
    pub(crate) client_id: String,
    pub(crate) scenario: Scenario,
    pub(crate) plan: Plan,
    pub(crate) status: VaultingState,
    pub(crate) card_fingerprint: [u8; 32],
    pub(crate) bin: String,
    pub(crate) last_four: String,
    pub(crate) masked: String,
    pub(crate) brand: Option<CardBrand>,
    pub(crate) expiry_month: String,
    pub(crate) expiry_year: String,
    pub(crate) token: Option<String>,
    pub(crate) failure: Option<Failure>,
    pub(crate) urls: Option<Urls>,
    pub(crate) three_ds: bool,
    pub(crate) redirect_url: String,
    pub(crate) notification_url: String,
    pub(crate) metadata: Option<String>,
    pub(crate) created_ms: u64,
    pub(crate) vault_calls: u32,
}

impl Vaulting {
    pub(crate) fn succeed(&mut self) {
        self.status = VaultingState::Success;
        self.token = Some(scenarios::card_token(&self.id));
        self.failure = None;
    }

    pub(crate) fn fail(
        &mut self,
        code: ResultCode,
        vaulting_code: Option<VaultingResultCode>,
        message: &str,
    ) {
        self.status = VaultingState::Fail;
        self.token = None;
        self.failure = Some(Failure {
            code,
            vaulting_code,
            message: message.to_string(),
        });
    }

    fn snapshot(&self) -> VaultingSnapshot {
        VaultingSnapshot {
            vaulting_request_id: self.id.clone(),
            status: self.status,
            card_token: self.token.clone().map(Into::into),
            last_four: self.last_four.clone(),
            scenario: self.scenario,
            vault_calls: self.vault_calls,
            masked_card_no: self.masked.clone(),
            vaulting_result_code: self
                .failure
                .as_ref()
                .and_then(|f| f.vaulting_code)
                .map(|code| code.to_string()),
        }
    }
}

/// A notification to send: the vaulting became final.
#[derive(Clone, Debug)]
pub(crate) struct Notice {
    pub(crate) vaulting_request_id: String,
    pub(crate) url: String,
    pub(crate) client_id: String,
    pub(crate) body: types::NotifyVaultingRequest,
}

/// What a vaultPaymentMethod call did.
pub(crate) enum VaultResult {
    /// A new vaulting was created (its first answer).
    Created,
    /// An existing vaulting with the same card: answer from its state.
    Repeated,
    /// An existing vaulting with another card: `REPEAT_REQ_INCONSISTENT`, nothing changes.
    Inconsistent,
}

/// The mutable state.
#[derive(Debug, Default)]
pub(crate) struct Store {
    vaultings: HashMap<String, Vaulting>,
    order: Vec<String>,
    pub(crate) requests: Vec<RecordedRequest>,
    pub(crate) notifications: Vec<NotificationAttempt>,
    pub(crate) faults: FaultQueue,
}

/// What the vault operation needs from a request (the card number itself stays with the caller).
pub(crate) struct NewVaulting<'a> {
    pub(crate) request: &'a types::VaultPaymentMethodRequest,
    pub(crate) client_id: &'a str,
    pub(crate) base_url: &'a str,
    pub(crate) now_ms: u64,
}

impl Store {
    pub(crate) fn get(&self, id: &str) -> Option<&Vaulting> {
        self.vaultings.get(id)
    }

    pub(crate) fn snapshot(&self, id: &str) -> Option<VaultingSnapshot> {
        self.vaultings.get(id).map(Vaulting::snapshot)
    }

    pub(crate) fn snapshots(&self) -> Vec<VaultingSnapshot> {
        self.order
            .iter()
            .filter_map(|id| self.snapshot(id))
            .collect()
    }

    pub(crate) fn vaulting_count(&self) -> usize {
        self.vaultings.len()
    }

    /// Applies a vaultPaymentMethod call: creates the vaulting, or counts a repeat.
    pub(crate) fn vault(&mut self, new: &NewVaulting<'_>) -> VaultResult {
        let request = new.request;
        let card_no = request.payment_method_detail.card.card_no.expose();
        let fingerprint = scenarios::fingerprint(card_no);
        if let Some(existing) = self.vaultings.get_mut(&request.vaulting_request_id) {
            existing.vault_calls += 1;
            return if existing.card_fingerprint == fingerprint {
                VaultResult::Repeated
            } else {
                VaultResult::Inconsistent
            };
        }
        let scenario = Scenario::for_card(card_no);
        let id = request.vaulting_request_id.clone();
        let card = &request.payment_method_detail.card;
        let mut vaulting = Vaulting {
            id: id.clone(),
            client_id: new.client_id.to_string(),
            scenario,
            plan: scenario.plan(),
            status: VaultingState::Processing,
            card_fingerprint: fingerprint,
            bin: card_no.chars().take(6).collect(),
            last_four: card.card_no.last_four().unwrap_or_default().to_string(),
            masked: scenarios::masked(card_no),
            brand: scenarios::brand_of(card_no),
            expiry_month: card.expiry_month.clone(),
            expiry_year: card.expiry_year.clone(),
            token: None,
            failure: None,
            urls: None,
            three_ds: false,
            redirect_url: request.redirect_url.clone(),
            notification_url: request.vaulting_notification_url.clone(),
            metadata: request.metadata.clone(),
            created_ms: new.now_ms,
            vault_calls: 1,
        };
        match vaulting.plan {
            Plan::Vaulted | Plan::UnknownButVaulted => vaulting.succeed(),
            Plan::Challenge => {
                let segment = path_segment(&id);
                vaulting.urls = Some(Urls {
                    normal: format!("{}/sim/3ds/{segment}", new.base_url),
                    scheme: format!("alipaysim://3ds/{segment}"),
                    applink: format!("{}/sim/applink/{segment}", new.base_url),
                });
            }
            Plan::NoSession => vaulting.fail(
                ResultCode::VerificationFail,
                None,
                "No verification session could be created.",
            ),
            Plan::Refused {
                code,
                vaulting_code,
                message,
            } => vaulting.fail(code, Some(vaulting_code), message),
        }
        self.order.push(id.clone());
        self.vaultings.insert(id, vaulting);
        VaultResult::Created
    }

    /// Settles a pending 3-D Secure verification. Returns the redirect URL.
    pub(crate) fn decide(&mut self, id: &str, approve: bool) -> Result<String, SimulatorError> {
        let vaulting = self
            .vaultings
            .get_mut(id)
            .ok_or(SimulatorError::UnknownVaulting)?;
        if vaulting.status != VaultingState::Processing {
            return Err(SimulatorError::NotPending {
                status: vaulting.status,
            });
        }
        vaulting.three_ds = true;
        vaulting.urls = None;
        if approve {
            vaulting.succeed();
        } else {
            vaulting.fail(
                ResultCode::VerificationFail,
                Some(VaultingResultCode::DoNotHonor),
                "The buyer did not pass the 3-D Secure verification.",
            );
        }
        Ok(vaulting.redirect_url.clone())
    }
}

/// Percent-encodes a `vaultingRequestId` for use as one URL path segment.
pub(crate) fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
