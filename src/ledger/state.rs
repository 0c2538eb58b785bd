//! The ledger's state machine: where a vaulting stands, what one source says of it, and the one
//! pure function that folds the second into the first.
//!
//! Four sources feed it, in any order: the vault call's answer (or error), a verified
//! notification, an inquiry, and `resolve`. Each is first read as an [`Observation`]; then
//! [`transition`] decides. Final states are one-way: a later, different final answer is never
//! applied, it is kept as a [`Transition::Conflict`] for a person to look at.

use std::fmt;

use crate::card::CardToken;
use crate::error::Error;
use crate::notification::NotificationOutcome;
use crate::outcome::{InquiryOutcome, NextStep, VaultOutcome};

/// Where a vaulting stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum State {
    /// Recorded before sending; nothing is known of the gateway's side yet.
    Intent,
    /// Sent (or maybe sent); the outcome is not known. Recovery resolves it.
    Unknown,
    /// The gateway holds a vaulting session waiting for the buyer (3-D Secure).
    AwaitingBuyer,
    /// Final: the card is vaulted; the token is held until the service acknowledges it.
    Vaulted,
    /// Final: this `vaultingRequestId` will not vault the card (refused, failed, never
    /// registered, or not sent at all).
    Failed,
    /// Final: an operator (or the abandon-after time of a buyer who never came back) ended it.
    Abandoned,
}

impl State {
    /// Every state, in the order of the diagram.
    pub const ALL: [State; 6] = [
        State::Intent,
        State::Unknown,
        State::AwaitingBuyer,
        State::Vaulted,
        State::Failed,
        State::Abandoned,
    ];

    /// Whether the state is final (one-way).
    pub fn is_final(self) -> bool {
        matches!(self, State::Vaulted | State::Failed | State::Abandoned)
    }

    /// The stable name stores and the CLI use: `intent`, `unknown`, `awaiting_buyer`,
    /// `vaulted`, `failed`, `abandoned`.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Intent => "intent",
            State::Unknown => "unknown",
            State::AwaitingBuyer => "awaiting_buyer",
            State::Vaulted => "vaulted",
            State::Failed => "failed",
            State::Abandoned => "abandoned",
        }
    }

    /// The state of a stable name.
    pub fn parse(name: &str) -> Option<State> {
        State::ALL.into_iter().find(|state| state.as_str() == name)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a vaulting failed, as the ledger keeps it (codes only: never a message from an answer).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Failure {
    /// The gateway's code (`resultCode` or `vaultingResultCode`), or the ledger's own:
    /// `NOT_FOUND` (confirmed over `resolve`'s window), `NOT_SENT`, `ABANDONED`.
    pub code: String,
    /// What the service may do next (a new attempt needs a new id).
    pub next_step: NextStep,
}

impl Failure {
    pub(crate) fn new(code: impl Into<String>, next_step: NextStep) -> Failure {
        Failure {
            code: code.into(),
            next_step,
        }
    }
}

/// What one source says of a vaulting.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Observation {
    /// The card is vaulted, with this token.
    Vaulted(CardToken),
    /// The vaulting failed for good.
    Failed(Failure),
    /// The buyer must act (3-D Secure), or the gateway is still processing.
    AwaitingBuyer,
    /// Nothing settled: a timeout, an unknown or unsigned answer, a "not found" not yet
    /// confirmed.
    Unknown,
}

impl Observation {
    /// The final state this observation settles a vaulting in, if any.
    pub fn final_state(&self) -> Option<State> {
        match self {
            Observation::Vaulted(_) => Some(State::Vaulted),
            Observation::Failed(_) => Some(State::Failed),
            Observation::AwaitingBuyer | Observation::Unknown => None,
        }
    }

    /// The answer of the vault call, or its error.
    pub fn of_vault(answer: &Result<VaultOutcome, Error>) -> Observation {
        match answer {
            Ok(VaultOutcome::Vaulted(card)) => {
                Observation::Vaulted(CardToken::new(card.card_token()))
            }
            Ok(VaultOutcome::BuyerActionRequired(_)) => Observation::AwaitingBuyer,
            Ok(VaultOutcome::Failed(failure)) => {
                Observation::Failed(Failure::new(failure.code.as_wire(), failure.next_step))
            }
            // Nothing reached the gateway: nothing happened, and the ledger does not send again
            // (it keeps no card data). A new attempt is the service's to make.
            Err(Error::NotSent(_)) => {
                Observation::Failed(Failure::new("NOT_SENT", NextStep::RetryWithNewRequestId))
            }
            _ => Observation::Unknown,
        }
    }

    /// The answer of an inquiry or of `resolve`, or its error.
    pub fn of_inquiry(answer: &Result<InquiryOutcome, Error>) -> Observation {
        match answer {
            Ok(InquiryOutcome::Succeeded(card)) => {
                Observation::Vaulted(CardToken::new(card.card_token()))
            }
            Ok(outcome @ InquiryOutcome::Failed(failure)) => Observation::Failed(Failure::new(
                failure
                    .code
                    .as_ref()
                    .map_or_else(|| "FAIL".into(), |code| code.as_wire().into_owned()),
                outcome.next_step(),
            )),
            Ok(InquiryOutcome::Processing(_)) => Observation::AwaitingBuyer,
            // Confirmed by `resolve` over its window: the id was never registered.
            Ok(outcome @ InquiryOutcome::NotFound(_)) if outcome.is_final() => {
                Observation::Failed(Failure::new("NOT_FOUND", NextStep::RetryWithNewRequestId))
            }
            _ => Observation::Unknown,
        }
    }

    /// What a verified notification says.
    pub fn of_notification(outcome: &NotificationOutcome) -> Observation {
        match outcome {
            NotificationOutcome::Vaulted(card) => {
                Observation::Vaulted(CardToken::new(card.card_token()))
            }
            NotificationOutcome::Failed(failure) => Observation::Failed(Failure::new(
                failure
                    .code
                    .as_ref()
                    .map_or_else(|| "FAIL".into(), |code| code.as_wire().into_owned()),
                failure.next_step,
            )),
            _ => Observation::Unknown,
        }
    }
}

/// What applying an observation does to a vaulting.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Transition {
    /// Nothing changes (the same answer again, or no news).
    Unchanged,
    /// The vaulting moves to a state that is not final.
    Progress(State),
    /// The vaulting is settled: it moves to this final state, once.
    Settle(Observation),
    /// The vaulting was already final and this is a **different** final answer: kept as it is,
    /// and reported.
    Conflict {
        /// The final state the vaulting keeps.
        kept: State,
        /// The final answer that was not applied.
        refused: Observation,
    },
}

/// The one rule every source goes through.
///
/// | current | observation | result |
/// |---|---|---|
/// | not final | `Vaulted` / `Failed` | `Settle` |
/// | `Intent`, `Unknown` | `AwaitingBuyer` | `Progress(AwaitingBuyer)` |
/// | `Intent` | `Unknown` | `Progress(Unknown)` |
/// | `Unknown`, `AwaitingBuyer` | `Unknown` | `Unchanged` |
/// | `AwaitingBuyer` | `AwaitingBuyer` | `Unchanged` |
/// | final | not final | `Unchanged` |
/// | final | the same final answer (same state, same token or code) | `Unchanged` |
/// | final | another final answer | `Conflict` |
pub fn transition(
    current: State,
    token: Option<&CardToken>,
    failure: Option<&Failure>,
    observation: Observation,
) -> Transition {
    if current.is_final() {
        let same = match (&observation, current) {
            (Observation::Vaulted(new), State::Vaulted) => {
                // The token may already be erased (delivered): any token is then the same.
                token.is_none_or(|kept| kept == new)
            }
            (Observation::Failed(new), State::Failed) => failure.is_none_or(|kept| kept == new),
            (Observation::AwaitingBuyer | Observation::Unknown, _) => true,
            _ => false,
        };
        return if same {
            Transition::Unchanged
        } else {
            Transition::Conflict {
                kept: current,
                refused: observation,
            }
        };
    }
    match observation {
        Observation::Vaulted(_) | Observation::Failed(_) => Transition::Settle(observation),
        Observation::AwaitingBuyer if current != State::AwaitingBuyer => {
            Transition::Progress(State::AwaitingBuyer)
        }
        Observation::Unknown if current == State::Intent => Transition::Progress(State::Unknown),
        Observation::AwaitingBuyer | Observation::Unknown => Transition::Unchanged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(code: &str) -> Observation {
        Observation::Failed(Failure::new(code, NextStep::RetryWithNewRequestId))
    }

    #[test]
    fn final_states_are_one_way() {
        let token = CardToken::new("tok-1");
        for current in [State::Vaulted, State::Failed, State::Abandoned] {
            for observation in [Observation::Unknown, Observation::AwaitingBuyer] {
                assert_eq!(
                    transition(current, None, None, observation),
                    Transition::Unchanged
                );
            }
        }
        assert_eq!(
            transition(
                State::Vaulted,
                Some(&token),
                None,
                Observation::Vaulted(token.clone())
            ),
            Transition::Unchanged
        );
        assert!(matches!(
            transition(State::Vaulted, Some(&token), None, failed("X")),
            Transition::Conflict {
                kept: State::Vaulted,
                ..
            }
        ));
        assert!(matches!(
            transition(
                State::Vaulted,
                Some(&token),
                None,
                Observation::Vaulted(CardToken::new("tok-2"))
            ),
            Transition::Conflict { .. }
        ));
        assert!(matches!(
            transition(
                State::Abandoned,
                None,
                None,
                Observation::Vaulted(token.clone())
            ),
            Transition::Conflict {
                kept: State::Abandoned,
                ..
            }
        ));
    }

    #[test]
    fn states_round_trip_their_names() {
        for state in State::ALL {
            assert_eq!(State::parse(state.as_str()), Some(state));
        }
        assert_eq!(State::parse("other"), None);
    }
}
