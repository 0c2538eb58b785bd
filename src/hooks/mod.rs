//! progenitor's hooks for the generated client: every attempt is signed, every response is
//! size-capped and verified, and the verdict reaches the typed layer as a value.
//!
//! The generator runs in `HooksMode::Expected`, so the generated client does not compile
//! without this implementation, and [`HookState`] can only be made from a [`Client`] builder's
//! validated keys: there is no way to send an unsigned request.
//!
//! - `pre` (`sign`): rewrites the path for sandbox client ids, then signs the exact
//!   body bytes reqwest will send.
//! - `exec`: sends, reads at most `max_response_bytes` (`capped`), verifies a `200` over the
//!   raw bytes ([`crate::verification::verify_response`]) and attaches the
//!   typed verdict to the response.
//! - `post` (`verdict`): hands the verdict to the [`Client`] call that is waiting for it, and
//!   turns a refused response into an error, so callers of the raw client fail closed too.
//!
//! [`Client`]: crate::Client

mod capped;
mod sign;
pub(crate) mod verdict;

use std::fmt;
use std::sync::Arc;

use progenitor_client::{ClientHooks, ClientInfo, Error, OperationInfo};

use crate::clock::Clock;
use crate::error::ResponseRejected;
use crate::generated::Client;
use crate::keys::{AlipayPublicKeys, PrivateKey};
use crate::verification::{verify_response, Verified};
use verdict::Verdict;

/// What the hooks need on every call: identity, keys, clock and limits. Built only by
/// [`ClientBuilder`](crate::ClientBuilder).
#[derive(Clone)]
pub struct HookState(Arc<Signer>);

pub(crate) struct Signer {
    pub(crate) client_id: String,
    pub(crate) key_version: String,
    pub(crate) private_key: PrivateKey,
    pub(crate) alipay_public_keys: AlipayPublicKeys,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) max_response_bytes: usize,
}

impl HookState {
    pub(crate) fn new(signer: Signer) -> Self {
        Self(Arc::new(signer))
    }

    pub(crate) fn signer(&self) -> &Signer {
        &self.0
    }

    /// Whether `other` is this state or a clone of it (the same merchant key).
    #[cfg(feature = "ledger")]
    pub(crate) fn is(&self, other: &HookState) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// Whether the client id is a sandbox one (`SANDBOX_...`), whose calls use `/ams/sandbox/api`.
    pub fn is_sandbox(&self) -> bool {
        self.0.client_id.starts_with("SANDBOX_")
    }
}

impl fmt::Debug for HookState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookState")
            .field("client_id", &self.0.client_id)
            .field("key_version", &self.0.key_version)
            .field("private_key", &self.0.private_key)
            .field("alipay_public_keys", &self.0.alipay_public_keys)
            .field("max_response_bytes", &self.0.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl ClientHooks<HookState> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        sign::sign_request(self.inner(), request).map_err(Error::InvalidRequest)
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let signer = self.inner().signer();
        let url = request.url().clone();
        let response = self.client().execute(request).await?;
        let status = response.status();
        verdict::note_status(status.as_u16());
        let version = response.version();
        if response.url() != &url {
            // Only a client given to `http_client` follows redirects; the answer is another
            // server's, whatever it says.
            return Ok(refused(status, version, ResponseRejected::Redirected));
        }
        let path = url.path();
        let headers = response.headers().clone();
        let (body, verdict) = match capped::read(response, signer.max_response_bytes).await? {
            Err(limit) => {
                let rejected = ResponseRejected::TooLarge { limit };
                return Ok(refused(status, version, rejected));
            }
            Ok(body) if status == reqwest::StatusCode::OK => {
                let verdict = match verify_response(
                    &signer.alipay_public_keys,
                    &signer.client_id,
                    path,
                    &headers,
                    &body,
                ) {
                    Ok(Verified::Signed) => Verdict::Signed,
                    Ok(Verified::UnsignedFailure) => Verdict::UnsignedFailure,
                    // A refused body is not handed on, not even to the raw client.
                    Err(rejected) => return Ok(refused(status, version, rejected)),
                };
                (body, Some(verdict))
            }
            // Not a 200: there is no answer to verify; the status decides.
            Ok(body) => (body, None),
        };
        Ok(rebuilt(status, version, headers, body, verdict))
    }

    async fn post<E>(
        &self,
        result: &reqwest::Result<reqwest::Response>,
        _info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        let verdict = result
            .as_ref()
            .ok()
            .and_then(|response| response.extensions().get::<Verdict>());
        verdict::hand_out(verdict)
            .map_err(|rejected| Error::Custom(format!("response rejected: {rejected}")))
    }
}

/// The response handed on: what arrived, with the body read and the verdict attached for `post`.
fn rebuilt(
    status: reqwest::StatusCode,
    version: http::Version,
    headers: http::HeaderMap,
    body: bytes::Bytes,
    verdict: Option<Verdict>,
) -> reqwest::Response {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    *response.version_mut() = version;
    *response.headers_mut() = headers;
    if let Some(verdict) = verdict {
        response.extensions_mut().insert(verdict);
    }
    reqwest::Response::from(response)
}

/// An empty response with the status that arrived, carrying the refusal for `post`.
fn refused(
    status: reqwest::StatusCode,
    version: http::Version,
    rejected: ResponseRejected,
) -> reqwest::Response {
    let verdict = Some(Verdict::Refused(rejected));
    rebuilt(
        status,
        version,
        http::HeaderMap::new(),
        bytes::Bytes::new(),
        verdict,
    )
}
