//! progenitor's hooks for the generated client: every attempt is signed, every response is
//! size-capped and verified.
//!
//! The generator runs in `HooksMode::Expected`, so the generated client does not compile
//! without this implementation, and [`HookState`] can only be made from a [`Client`] builder's
//! validated keys: there is no way to send an unsigned request.
//!
//! - `pre` rewrites the path for sandbox client ids (`/ams/api` → `/ams/sandbox/api`), then signs
//!   the exact body bytes reqwest will send, over the rewritten path, with a fresh
//!   `request-time` from the injected clock.
//! - `exec` sends, reads at most `max_response_bytes`, and verifies the signature over the raw
//!   bytes. A refused response is replaced by an empty `502` carrying a `Refusal` extension,
//!   so the generated code can never parse it as a success (it fails closed even for callers of
//!   the raw client), and [`Client`] turns the refusal into a typed error.
//!
//! [`Client`]: crate::Client

use std::fmt;
use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use progenitor_client::{ClientHooks, ClientInfo, Error, OperationInfo};
use reqwest::header::{HeaderValue, CONTENT_TYPE};

use crate::clock::Clock;
use crate::error::ResponseRejected;
use crate::generated::Client;
use crate::keys::{PrivateKey, PublicKey};
use crate::signing;
use crate::verification::{verify_response, Verified};

/// The live path prefix, and the one sandbox client ids use instead.
const LIVE_PREFIX: &str = "/ams/api/";
const SANDBOX_PREFIX: &str = "/ams/sandbox/api/";

/// What the hooks need on every call: identity, keys, clock and limits. Built only by
/// [`ClientBuilder`](crate::ClientBuilder).
#[derive(Clone)]
pub struct HookState(Arc<Signer>);

pub(crate) struct Signer {
    pub(crate) client_id: String,
    pub(crate) key_version: String,
    pub(crate) private_key: PrivateKey,
    pub(crate) alipay_public_key: PublicKey,
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
            .field("alipay_public_key", &self.0.alipay_public_key)
            .field("max_response_bytes", &self.0.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// A header the `exec` hook sets on every verified `200` (overwriting any the server sent) to
/// tell [`Client`](crate::Client) whether the answer was signed: an unsigned `F`/`U` is read
/// but never trusted as final.
pub(crate) const VERDICT_HEADER: &str = "x-alipay-vaulting-verdict";

/// Attached to the placeholder response that replaces a refused one.
#[derive(Clone, Debug)]
pub(crate) struct Refusal(pub(crate) ResponseRejected);

impl ClientHooks<HookState> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        let state = self.inner();
        if state.is_sandbox() {
            let path = request.url().path();
            if let Some(rest) = path.strip_prefix(LIVE_PREFIX) {
                let sandbox = format!("{SANDBOX_PREFIX}{rest}");
                request.url_mut().set_path(&sandbox);
            }
        }
        let signer = state.signer();
        let body = request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .ok_or_else(|| Error::InvalidRequest("the request body is not buffered".into()))?;
        let time = signer.clock.now_millis().to_string();
        let mut header = signing::sign_message(
            &signer.private_key,
            request.method().as_str(),
            request.url().path(),
            &signer.client_id,
            &time,
            body,
        );
        header.key_version.clone_from(&signer.key_version);

        let headers = request.headers_mut();
        // progenitor adds `api-version` from the spec's info.version; Alipay does not use it.
        headers.remove("api-version");
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=UTF-8"),
        );
        headers.insert("client-id", header_value(&signer.client_id)?);
        headers.insert("request-time", header_value(&time)?);
        headers.insert("signature", header_value(&header.encode())?);
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let signer = self.inner().signer();
        let path = request.url().path().to_owned();
        let response = self.client().execute(request).await?;
        let status = response.status();
        let version = response.version();
        let headers = response.headers().clone();
        let body = match read_capped(response, signer.max_response_bytes).await? {
            Ok(body) => body,
            Err(limit) => return Ok(refused(ResponseRejected::TooLarge { limit })),
        };
        let mut headers = headers;
        headers.remove(VERDICT_HEADER);
        if status == reqwest::StatusCode::OK {
            match verify_response(
                &signer.alipay_public_key,
                &signer.client_id,
                &path,
                &headers,
                &body,
            ) {
                Ok(verified) => {
                    let verdict = match verified {
                        Verified::Signed => "signed",
                        Verified::UnsignedFailure => "unsigned",
                    };
                    headers.insert(VERDICT_HEADER, HeaderValue::from_static(verdict));
                }
                Err(rejected) => return Ok(refused(rejected)),
            }
        }
        let mut rebuilt = http::Response::new(body);
        *rebuilt.status_mut() = status;
        *rebuilt.version_mut() = version;
        *rebuilt.headers_mut() = headers;
        Ok(reqwest::Response::from(rebuilt))
    }
}

#[allow(clippy::result_large_err)] // progenitor's error type, as the hook signature requires
fn header_value<E>(value: &str) -> Result<HeaderValue, Error<E>> {
    HeaderValue::from_str(value)
        .map_err(|_| Error::InvalidRequest("a signing header is not a valid header value".into()))
}

/// Reads the body, stopping as soon as it passes `limit` bytes (`Err(limit)`).
async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> reqwest::Result<Result<Bytes, usize>> {
    if response
        .content_length()
        .is_some_and(|declared| declared > limit as u64)
    {
        return Ok(Err(limit));
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Ok(Err(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Ok(body.freeze()))
}

/// The placeholder for a refused response: empty, `502`, with the reason attached.
fn refused(reason: ResponseRejected) -> reqwest::Response {
    let mut placeholder = http::Response::new(Bytes::new());
    *placeholder.status_mut() = reqwest::StatusCode::BAD_GATEWAY;
    placeholder.extensions_mut().insert(Refusal(reason));
    reqwest::Response::from(placeholder)
}
