//! One vaulting as the ledger holds it, and what the service receives once it is settled.

use crate::card::CardToken;

use super::state::{Failure, State};

/// One vaulting as the ledger holds it. Never a card number or a CVV: the card is known by a
/// keyed fingerprint only, and the token is held only until the service acknowledges it.
/// `Debug` shows the token as [`CardToken`] does (a short prefix and the length).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Vaulting {
    /// The `vaultingRequestId`.
    pub vaulting_request_id: String,
    /// The service's key for the "add a card" intent (the id itself when none was given).
    pub intent_key: String,
    /// The attempt number of the intent (1 for the first).
    pub attempt: u32,
    /// The keyed fingerprint of the card number (see [`FingerprintKey`](super::FingerprintKey)).
    pub card_fingerprint: String,
    /// Where the vaulting stands.
    pub state: State,
    /// The card token, from the moment the vaulting is vaulted until the service acknowledges
    /// it; then erased.
    pub card_token: Option<CardToken>,
    /// Why it failed, when it failed.
    pub failure: Option<Failure>,
    /// A second, different final answer that was not applied (its state and code; never a
    /// token), for a person to look at.
    pub conflict: Option<String>,
    /// The attempt timeout the vault was sent with, in milliseconds: how long it may still be
    /// in flight (recovery's "not found" window is never shorter).
    pub in_flight_ms: u64,
    /// When the intent was recorded (milliseconds since the Unix epoch, the store's clock).
    pub created_at_ms: i64,
    /// When the row last changed.
    pub updated_at_ms: i64,
    /// When recovery may check it next.
    pub next_check_at_ms: i64,
    /// How many times recovery checked it.
    pub checks: u32,
    /// When it reached its final state.
    pub settled_at_ms: Option<i64>,
    /// Whether the service acknowledged the settled vaulting.
    pub delivered: bool,
    /// Bumped by every write and every claim: a write applies only over the version it read
    /// (the fence of a claim).
    pub version: u64,
    /// Who holds the row for recovery, until when.
    pub lease_owner: Option<String>,
    /// The end of the lease (milliseconds since the Unix epoch); 0 when none.
    pub lease_until_ms: i64,
}

impl Vaulting {
    /// A new intent, not sent yet: the ledger's first row of a vaulting. (A store of its own
    /// reads its rows by starting from this and setting each field.)
    pub fn intent(
        vaulting_request_id: String,
        intent_key: String,
        attempt: u32,
        card_fingerprint: String,
        in_flight_ms: u64,
        now_ms: i64,
    ) -> Vaulting {
        Vaulting {
            vaulting_request_id,
            intent_key,
            attempt,
            card_fingerprint,
            state: State::Intent,
            card_token: None,
            failure: None,
            conflict: None,
            in_flight_ms,
            created_at_ms: now_ms,
            updated_at_ms: now_ms,
            // A sender alive and waiting for its answer settles it itself; recovery looks
            // once the answer could no longer be on its way.
            next_check_at_ms: now_ms.saturating_add(in_flight_ms as i64 + 1_000),
            checks: 0,
            settled_at_ms: None,
            delivered: false,
            version: 0,
            lease_owner: None,
            lease_until_ms: 0,
        }
    }
}

/// A settled vaulting, as the service receives it from the outbox, until it acknowledges it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settled {
    /// The `vaultingRequestId`.
    pub vaulting_request_id: String,
    /// The service's intent key.
    pub intent_key: String,
    /// The attempt number.
    pub attempt: u32,
    /// `Vaulted`, `Failed` or `Abandoned`.
    pub state: State,
    /// The card token, for a vaulted card.
    pub card_token: Option<CardToken>,
    /// Why it failed.
    pub failure: Option<Failure>,
}

impl From<Vaulting> for Settled {
    fn from(v: Vaulting) -> Self {
        Settled {
            vaulting_request_id: v.vaulting_request_id,
            intent_key: v.intent_key,
            attempt: v.attempt,
            state: v.state,
            card_token: v.card_token,
            failure: v.failure,
        }
    }
}
