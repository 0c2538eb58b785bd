//! progenitor's hooks for the generated client.
//!
//! The generator runs in `HooksMode::Expected`: the generated `Client` does not compile unless
//! this crate implements `ClientHooks` for it. Until the signing layer exists, the
//! implementation refuses every request before it leaves the process: an unsigned request is
//! never sent.

use progenitor_client::{ClientHooks, Error, OperationInfo};

use crate::generated::Client;

/// State the generated client hands to its hooks on every call.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct HookState {}

impl HookState {
    /// Hook state without signing keys: every request is refused before it is sent.
    pub fn unsigned() -> Self {
        Self {}
    }
}

/// The message of the error every request gets while no signing is configured.
pub const UNSIGNED_REFUSAL: &str =
    "request signing is not configured: refusing to send an unsigned request";

impl ClientHooks<HookState> for Client {
    async fn pre<E>(
        &self,
        _request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        Err(Error::InvalidRequest(UNSIGNED_REFUSAL.to_string()))
    }
}
