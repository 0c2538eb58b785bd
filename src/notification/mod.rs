//! Receiving the `notifyVaulting` webhook: verify the gateway's signature, parse the body, answer.
//!
//! The gateway POSTs the final result of a vaulting to the `vaultingNotificationUrl` of the
//! request, signed with the **Alipay gateway** key over
//! `POST <path of the notification URL>\n<client-id>.<request-time>.<raw body>`. Anyone can
//! reach that URL, so a notification must be verified over the exact bytes received before its
//! `cardToken` is stored. [`NotificationVerifier`] does that for any web framework: it takes the
//! method, the path, anything implementing [`Headers`] and the raw body.
//!
//! After a notification verifies (and the merchant has stored the result), answer HTTP 200 with
//! `content-type: application/json` and the body [`ACKNOWLEDGEMENT`]; the gateway resends
//! anything else up to 8 times over about 24 hours. Handle notifications idempotently by
//! `vaultingRequestId`: resends and replays of the same notification are normal.
//!
//! ```
//! use alipay_vaulting::keys::PublicKey;
//! use alipay_vaulting::notification::{NotificationVerifier, ACKNOWLEDGEMENT};
//!
//! /// A handler for any framework that gives an `http::Request` with the body read.
//! fn on_notify_vaulting(
//!     verifier: &NotificationVerifier,
//!     request: &http::Request<Vec<u8>>,
//! ) -> http::Response<String> {
//!     let verified = verifier.verify(
//!         request.method().as_str(),
//!         request.uri().path(), // the raw path: /notify/vaulting
//!         request.headers(),
//!         request.body(),
//!     );
//!     match verified {
//!         Ok(notification) => {
//!             // Store the outcome, idempotently by vaulting_request_id, then acknowledge.
//!             let _token = notification
//!                 .payment_method_detail
//!                 .and_then(|detail| detail.card)
//!                 .and_then(|card| card.card_token);
//!             http::Response::builder()
//!                 .status(200)
//!                 .header("content-type", "application/json")
//!                 .body(ACKNOWLEDGEMENT.to_owned())
//!                 .unwrap()
//!         }
//!         // Not from the gateway, or not for us: no acknowledgement. The error message holds
//!         // no body, card data or signature, so it is safe to log.
//!         Err(error) => http::Response::builder()
//!             .status(400)
//!             .body(error.to_string())
//!             .unwrap(),
//!     }
//! }
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let gateway_public_key_b64 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq0gu0jWphBHdQfWOQkmuGO2v8Z1PCNVkCrBRs8hJ7qnZ702TeVWFaQ57zYt7XkwCfxhZAPHmJPgDvP0/CH3cl5mPSIAuXge/ePqb9xxVW5lVQAfDdQhE5TTmS6Q9fJyFDk1GLkg7lGcj2gi487Qf/gPgRHXZ9vNfSu6FZmFsXlVPxw8XKKjl4U+sBldVptxZzxxqLwN5hPyL7ZzIapDEk9IdUthxVP1IjUSHnlxwX9kei/5gM91AsBaTZr/5xeTw+tpjegfc9qYYU9j7k/baSmoPvtG4EaytaOt22ydqxCtpvdQxsUSl48Nav8fhCkk7KvUUhnHSX2T717fv2dgEYwIDAQAB";
//! // The Alipay gateway public key from the dashboard: not the merchant's own public key.
//! let verifier = NotificationVerifier::new(PublicKey::parse(gateway_public_key_b64)?)
//!     .expected_client_id("SANDBOX_5YEZ1234567890");
//! let request = http::Request::post("https://merchant.example/notify/vaulting")
//!     .header("client-id", "SANDBOX_5YEZ1234567890")
//!     .header("request-time", "1700000000000")
//!     .header("signature", "algorithm=RSA256,keyVersion=1,signature=forged")
//!     .body(br#"{"vaultingRequestId":"v1"}"#.to_vec())?;
//! let response = on_notify_vaulting(&verifier, &request);
//! assert_eq!(response.status(), 400); // forged: rejected
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::{Clock, SystemClock};
use crate::headers::Headers;
use crate::keys::{AlipayPublicKeys, PrivateKey, PublicKey};
use crate::signing::{self, SignatureHeader, SignatureHeaderError};
use crate::types;

mod outcome;
mod request_time;

pub use outcome::{
    interpret_notification, interpret_notification_as, NotificationFailure, NotificationOutcome,
};
use request_time::parse_request_time;

/// The exact body to answer a verified notification with (HTTP 200,
/// `content-type: application/json`, unsigned). Anything else makes the gateway resend.
pub const ACKNOWLEDGEMENT: &str =
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

/// The `content-type` to send with [`ACKNOWLEDGEMENT`].
pub const ACKNOWLEDGEMENT_CONTENT_TYPE: &str = "application/json";

/// Default for [`NotificationVerifier::max_body_bytes`]: 64 KiB, far above any notification
/// (a few KB at most), low enough that an oversized post is refused before any parsing.
pub const DEFAULT_MAX_BODY_BYTES: usize = 64 * 1024;

/// The `content-type` the gateway sends with a notification (and [`sign_notification`] too).
pub const NOTIFICATION_CONTENT_TYPE: &str = "application/json; charset=UTF-8";

/// The acknowledgement as the typed model, for code that builds responses from models.
///
/// Serialised it equals [`ACKNOWLEDGEMENT`] as JSON, but with the keys in the model's order
/// (`resultCode`, `resultMessage`, `resultStatus`); send [`ACKNOWLEDGEMENT`] to answer with the
/// documented bytes.
#[must_use]
pub fn acknowledgement() -> types::NotifyVaultingAcknowledgement {
    types::NotifyVaultingAcknowledgement {
        result: types::Result {
            result_code: types::ResultCode::Success.into(),
            result_message: Some("success".to_owned()),
            result_status: types::ResultStatus::S.into(),
        },
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a notification was rejected.
///
/// No message (`Display` or `Debug`) contains the body, card data, the signature or key
/// material, so errors are safe to log. Variants after [`BadSignature`](Self::BadSignature) in
/// the check order ([`ClientIdMismatch`](Self::ClientIdMismatch), [`Stale`](Self::Stale),
/// [`MalformedRequestTime`](Self::MalformedRequestTime), [`NotUtf8`](Self::NotUtf8),
/// [`MalformedBody`](Self::MalformedBody)) concern a notification whose signature is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotificationError {
    /// The request method is not POST (the only method the gateway uses).
    WrongMethod,
    /// The path is empty or not absolute (pass the request's path, e.g. `/notify/vaulting`).
    InvalidPath,
    /// The body is longer than [`NotificationVerifier::max_body_bytes`].
    BodyTooLarge {
        /// Length received, in bytes.
        len: usize,
        /// The configured limit, in bytes.
        limit: usize,
    },
    /// A required header is absent, empty, or not readable as text.
    MissingHeader {
        /// The header's name: `client-id`, `request-time` or `signature`.
        name: &'static str,
    },
    /// The `signature` header could not be parsed (partial header, unknown algorithm...).
    MalformedSignatureHeader(SignatureHeaderError),
    /// The signature does not match the content: forged or altered, signed for another path,
    /// or verified with the wrong key (notifications verify with the gateway public key).
    BadSignature,
    /// Validly signed, but for another client id than [`NotificationVerifier::expected_client_id`].
    ClientIdMismatch,
    /// Validly signed, but `request-time` is further from now than
    /// [`NotificationVerifier::max_age`] (either way).
    Stale,
    /// Validly signed, but `request-time` is neither milliseconds since the epoch nor ISO-8601
    /// with an offset, so freshness cannot be checked (only when a max age is set).
    MalformedRequestTime,
    /// Validly signed, but the body is not UTF-8.
    NotUtf8,
    /// Validly signed, but the body is not a notifyVaulting notification.
    MalformedBody {
        /// The JSON error's category and position (e.g. `syntax error at line 1 column 7`), or
        /// the missing field's name; never the input itself.
        reason: String,
    },
}

impl fmt::Display for NotificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongMethod => f.write_str("notification rejected: the method must be POST"),
            Self::InvalidPath => f.write_str(
                "notification rejected: the path must be absolute, e.g. /notify/vaulting (the \
                 path of the notification URL, which is part of the signed content)",
            ),
            Self::BodyTooLarge { len, limit } => write!(
                f,
                "notification rejected: the body is {len} bytes, more than the {limit} accepted"
            ),
            Self::MissingHeader { name } => write!(
                f,
                "notification rejected: the `{name}` header is missing, empty or not text"
            ),
            Self::MalformedSignatureHeader(e) => write!(f, "notification rejected: {e}"),
            Self::BadSignature => f.write_str(
                "notification rejected: the signature does not match (forged or altered, signed \
                 for another path, or checked with the wrong key: notifications verify with the \
                 Alipay gateway public key, not the merchant's). The body must be the exact \
                 bytes received: re-encoded JSON or an added trailing newline breaks the \
                 signature",
            ),
            Self::ClientIdMismatch => f.write_str(
                "notification rejected: it is signed for another client id than the one \
                 configured (a sandbox notification on a production endpoint, or vice versa?)",
            ),
            Self::Stale => f.write_str(
                "notification rejected: its request-time is further from now than the maximum \
                 age configured",
            ),
            Self::MalformedRequestTime => f.write_str(
                "notification rejected: its request-time is neither milliseconds since the \
                 epoch nor ISO-8601 with an offset, so its age cannot be checked",
            ),
            Self::NotUtf8 => f.write_str("notification rejected: the body is not UTF-8"),
            Self::MalformedBody { reason } => write!(
                f,
                "notification rejected: the body is not a notifyVaulting notification ({reason})"
            ),
        }
    }
}

impl std::error::Error for NotificationError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::MalformedSignatureHeader(e) => Some(e),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Verifier
// ---------------------------------------------------------------------------

/// Verifies and parses `notifyVaulting` notifications; build one at start-up and share it.
///
/// Checks, in order: the method (POST), the body size, the path, the `client-id`,
/// `request-time` and `signature` headers, the RSA256 signature over
/// `POST <path>\n<client-id>.<request-time>.<raw body>` with the gateway public key, then the
/// optional client id and freshness checks, then the body's JSON.
///
/// Freshness is **off by default**: the gateway resends a notification with its original
/// signature for about 24 hours when it gets no [`ACKNOWLEDGEMENT`], so a short
/// [`max_age`](Self::max_age) would refuse genuine resends. Replays of a genuine notification
/// are harmless when handling is idempotent by `vaultingRequestId`.
#[derive(Clone, Debug)]
pub struct NotificationVerifier {
    public_keys: AlipayPublicKeys,
    expected_client_id: Option<String>,
    clock: Option<Arc<dyn Clock>>,
    max_age: Option<Duration>,
    max_body_bytes: usize,
    public_path: Option<String>,
}

impl NotificationVerifier {
    /// A verifier for notifications signed with the key whose public half is
    /// `gateway_public_key`: the **Alipay gateway** public key, not the merchant's.
    #[must_use]
    pub fn new(gateway_public_key: PublicKey) -> Self {
        Self::with_keys(AlipayPublicKeys::new(gateway_public_key))
    }

    /// A verifier for notifications signed with any of `keys` (during a key rotation, the old
    /// and the new Alipay public key: Alipay resends a notification with its original
    /// signature for 24 hours). The key the header's `keyVersion` names is tried first.
    #[must_use]
    pub fn with_keys(keys: AlipayPublicKeys) -> Self {
        NotificationVerifier {
            public_keys: keys,
            expected_client_id: None,
            clock: None,
            max_age: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            public_path: None,
        }
    }

    /// Rejects notifications whose `client-id` is not `client_id` (e.g. sandbox notifications
    /// reaching a production endpoint that shares the gateway key). Compared exactly.
    #[must_use]
    pub fn expected_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.expected_client_id = Some(client_id.into());
        self
    }

    /// The clock the freshness check reads (default [`SystemClock`]); has no effect without
    /// [`max_age`](Self::max_age). Tests inject a [`FixedClock`](crate::clock::FixedClock).
    #[must_use]
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Rejects notifications whose `request-time` (milliseconds since the epoch, or ISO-8601
    /// with an offset such as `2019-07-12T12:08:56.253+05:30`) is more than `max_age` before or
    /// after now. Off by default; if used, allow at least 25 hours, as the gateway resends a
    /// notification with its original `request-time` and signature for about 24 hours.
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// The largest body accepted, in bytes (default [`DEFAULT_MAX_BODY_BYTES`]). Checked on the
    /// body given; also cap the body size in the web framework so a large post is never read.
    #[must_use]
    pub fn max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = max_body_bytes;
        self
    }

    /// The path of the notification URL as Alipay calls it (e.g. `/notify/vaulting`), for a
    /// service behind a proxy that rewrites paths: the signature covers the public path, so
    /// [`verify`](Self::verify) and the axum extractor check against this path instead of the
    /// one the request arrived on. Unset by default.
    #[must_use]
    pub fn public_path(mut self, path: impl Into<String>) -> Self {
        self.public_path = Some(path.into());
        self
    }

    /// The limit set by [`max_body_bytes`](Self::max_body_bytes).
    #[must_use]
    pub fn body_limit(&self) -> usize {
        self.max_body_bytes
    }

    /// The client id set by [`expected_client_id`](Self::expected_client_id), if any.
    #[must_use]
    pub fn client_id(&self) -> Option<&str> {
        self.expected_client_id.as_deref()
    }

    /// Adds another Alipay public key, tried after the others (see
    /// [`AlipayPublicKeys::with_key`]).
    #[must_use]
    pub fn add_public_key(mut self, key: PublicKey) -> Self {
        self.public_keys = self.public_keys.with_key(key);
        self
    }

    /// Adds another Alipay public key, tried first for `keyVersion=<version>` (see
    /// [`AlipayPublicKeys::with_versioned_key`]).
    #[must_use]
    pub fn add_versioned_public_key(mut self, version: impl Into<String>, key: PublicKey) -> Self {
        self.public_keys = self.public_keys.with_versioned_key(version, key);
        self
    }

    /// The first gateway public key notifications are verified with.
    #[must_use]
    pub fn public_key(&self) -> &PublicKey {
        self.public_keys.first()
    }

    /// Every gateway public key notifications are verified with.
    #[must_use]
    pub fn public_keys(&self) -> &AlipayPublicKeys {
        &self.public_keys
    }

    /// Verifies a received notification and parses its body.
    ///
    /// - `method`: the request method; must be POST (any letter case).
    /// - `path`: the path the request arrived on, raw as received (not percent-decoded), e.g.
    ///   `/notify/vaulting`. A full URL is accepted and reduced to its path. A query string is
    ///   not part of the signed path (as in the SDKs, which sign the request URI); if the
    ///   signature fails without it, the path with the query string is tried too. Ignored when
    ///   a [`public_path`](Self::public_path) is set.
    /// - `headers`: the request headers, looked up case-insensitively.
    /// - `body`: the raw bytes received, before any JSON parsing.
    ///
    /// # Errors
    /// A [`NotificationError`] naming the first check that failed.
    pub fn verify<H: Headers + ?Sized>(
        &self,
        method: &str,
        path: &str,
        headers: &H,
        body: &[u8],
    ) -> Result<types::NotifyVaultingRequest, NotificationError> {
        self.verify_signature(method, path, headers, body)?;
        parse_body(body)
    }

    /// Runs every check of [`verify`](Self::verify) except parsing the body into the typed
    /// notification, for callers that parse it into their own type. The body is authentic
    /// when this returns `Ok`.
    ///
    /// # Errors
    /// As [`verify`](Self::verify), except [`NotificationError::NotUtf8`] and
    /// [`NotificationError::MalformedBody`].
    pub fn verify_signature<H: Headers + ?Sized>(
        &self,
        method: &str,
        path: &str,
        headers: &H,
        body: &[u8],
    ) -> Result<(), NotificationError> {
        if !method.eq_ignore_ascii_case("POST") {
            return Err(NotificationError::WrongMethod);
        }
        if body.len() > self.max_body_bytes {
            return Err(NotificationError::BodyTooLarge {
                len: body.len(),
                limit: self.max_body_bytes,
            });
        }
        let path = self.public_path.as_deref().unwrap_or(path);
        let target = RequestTarget::parse(path).ok_or(NotificationError::InvalidPath)?;
        let client_id = required(headers, "client-id")?;
        let request_time = required(headers, "request-time")?;
        let signature = SignatureHeader::parse(required(headers, "signature")?)
            .map_err(NotificationError::MalformedSignatureHeader)?;

        let verify_with = |signed_path: &str| {
            self.public_keys.verify_message(
                "POST",
                signed_path,
                client_id,
                request_time,
                body,
                &signature,
            )
        };
        let verified = verify_with(target.path).is_ok()
            || target
                .path_and_query
                .is_some_and(|with_query| verify_with(with_query).is_ok());
        if !verified {
            return Err(NotificationError::BadSignature);
        }

        if let Some(expected) = &self.expected_client_id {
            if client_id != expected {
                return Err(NotificationError::ClientIdMismatch);
            }
        }
        if let Some(max_age) = self.max_age {
            let sent =
                parse_request_time(request_time).ok_or(NotificationError::MalformedRequestTime)?;
            let now = match &self.clock {
                Some(clock) => clock.now_millis(),
                None => SystemClock.now_millis(),
            };
            let skew = i128::from(now) - i128::from(sent);
            if skew.unsigned_abs() > max_age.as_millis() {
                return Err(NotificationError::Stale);
            }
        }
        Ok(())
    }
}

/// Verifies a notification for `expected_client_id` with `gateway_public_key`, and default
/// options otherwise (no freshness check, [`DEFAULT_MAX_BODY_BYTES`]); see
/// [`NotificationVerifier::verify`]. A notification signed for another client id (another
/// merchant, or the sandbox) is refused with [`NotificationError::ClientIdMismatch`].
///
/// # Errors
/// As [`NotificationVerifier::verify`].
pub fn verify_notification<H: Headers + ?Sized>(
    gateway_public_key: &PublicKey,
    expected_client_id: &str,
    method: &str,
    path: &str,
    headers: &H,
    body: &[u8],
) -> Result<types::NotifyVaultingRequest, NotificationError> {
    NotificationVerifier::new(gateway_public_key.clone())
        .expected_client_id(expected_client_id)
        .verify(method, path, headers, body)
}

fn required<'h, H: Headers + ?Sized>(
    headers: &'h H,
    name: &'static str,
) -> Result<&'h str, NotificationError> {
    match headers.header(name) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(NotificationError::MissingHeader { name }),
    }
}

/// Parses the body, reporting JSON errors without any of the input.
fn parse_body(body: &[u8]) -> Result<types::NotifyVaultingRequest, NotificationError> {
    let text = std::str::from_utf8(body).map_err(|_| NotificationError::NotUtf8)?;
    serde_json::from_str(text).map_err(|e| NotificationError::MalformedBody {
        reason: json_error_reason(&e),
    })
}

/// A JSON error's category and position; serde's own message can quote input values (e.g.
/// `invalid type: string "4111..."`), so it is used only for a missing field, whose name
/// comes from the model rather than the input.
fn json_error_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let category = match e.classify() {
        Category::Io => "I/O error",
        Category::Syntax => "syntax error",
        Category::Data => "unexpected or missing value",
        Category::Eof => "unexpected end of input",
    };
    let message = e.to_string();
    if let Some(rest) = message.strip_prefix("missing field `") {
        if let Some((field, _)) = rest.split_once('`') {
            if field
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return format!(
                    "missing field `{field}` at line {} column {}",
                    e.line(),
                    e.column()
                );
            }
        }
    }
    format!("{category} at line {} column {}", e.line(), e.column())
}

/// The path to sign, from a path or full URL as given to [`NotificationVerifier::verify`].
struct RequestTarget<'a> {
    /// Path without query string or fragment.
    path: &'a str,
    /// Path with the query string, when there is one.
    path_and_query: Option<&'a str>,
}

impl<'a> RequestTarget<'a> {
    fn parse(target: &'a str) -> Option<Self> {
        // A full URL: drop the scheme and authority; an authority alone means the path `/`.
        let target = match target.find("://") {
            Some(i) if target[..i].bytes().all(|b| b.is_ascii_alphanumeric()) => {
                let after = &target[i + 3..];
                match after.find(['/', '?', '#']) {
                    Some(j) if after.as_bytes()[j] == b'/' => &after[j..],
                    _ => "/",
                }
            }
            _ => target,
        };
        let target = target.split('#').next().unwrap_or(target);
        if !target.starts_with('/') {
            return None;
        }
        Some(match target.split_once('?') {
            Some((path, _)) => RequestTarget {
                path,
                path_and_query: Some(target),
            },
            None => RequestTarget {
                path: target,
                path_and_query: None,
            },
        })
    }
}

// ---------------------------------------------------------------------------
// Signing (tests and simulators)
// ---------------------------------------------------------------------------

/// A notification signed as the gateway signs it: the headers to send with the body.
///
/// `Debug` shows the header names, the client id and the request time, never the body.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedNotification {
    client_id: String,
    request_time: String,
    signature: String,
    body: Vec<u8>,
}

impl SignedNotification {
    /// The headers to send: `client-id`, `request-time`, `signature` and `content-type`.
    #[must_use]
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        vec![
            ("client-id", self.client_id.clone()),
            ("request-time", self.request_time.clone()),
            ("signature", self.signature.clone()),
            ("content-type", NOTIFICATION_CONTENT_TYPE.to_owned()),
        ]
    }

    /// The same headers as an [`http::HeaderMap`], for HTTP clients and framework tests.
    ///
    /// # Errors
    /// If the client id or request time holds a character a header value cannot.
    pub fn header_map(&self) -> Result<http::HeaderMap, http::header::InvalidHeaderValue> {
        let mut map = http::HeaderMap::with_capacity(4);
        for (name, value) in self.headers() {
            map.insert(name, http::HeaderValue::from_str(&value)?);
        }
        Ok(map)
    }

    /// The `signature` header value, `algorithm=RSA256,keyVersion=1,signature=<...>`.
    #[must_use]
    pub fn signature_header(&self) -> &str {
        &self.signature
    }

    /// The `client-id` header value.
    #[must_use]
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The `request-time` header value.
    #[must_use]
    pub fn request_time(&self) -> &str {
        &self.request_time
    }

    /// The body that was signed, to send as is.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for SignedNotification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedNotification")
            .field("client_id", &self.client_id)
            .field("request_time", &self.request_time)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// Signs a notification the way the gateway does, for webhook tests and simulators.
///
/// `gateway_key` is the key the verifier's public key belongs to (in tests, a key pair made
/// for the test: the real gateway key is Alipay's). `path` is the path of the notification
/// URL, or the URL itself (reduced to its path, without the query string, as
/// [`NotificationVerifier::verify`] reads it). `request_time` is sent and signed as given
/// (milliseconds since the epoch, or ISO-8601 as the gateway sends it).
#[must_use]
pub fn sign_notification(
    gateway_key: &PrivateKey,
    client_id: &str,
    path: &str,
    request_time: &str,
    body: &[u8],
) -> SignedNotification {
    let signed_path = RequestTarget::parse(path).map_or(path, |target| target.path);
    let header = signing::sign_message(
        gateway_key,
        "POST",
        signed_path,
        client_id,
        request_time,
        body,
    );
    SignedNotification {
        client_id: client_id.to_owned(),
        request_time: request_time.to_owned(),
        signature: header.encode(),
        body: body.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acknowledgement_serialises_to_the_documented_json() {
        let ours = serde_json::to_value(acknowledgement()).unwrap();
        let documented: serde_json::Value = serde_json::from_str(ACKNOWLEDGEMENT).unwrap();
        assert_eq!(ours, documented);
        let parsed: types::NotifyVaultingAcknowledgement =
            serde_json::from_str(ACKNOWLEDGEMENT).unwrap();
        assert_eq!(parsed, acknowledgement());
        // Same members, in the model's key order.
        assert_eq!(
            serde_json::to_string(&acknowledgement()).unwrap(),
            r#"{"result":{"resultCode":"SUCCESS","resultMessage":"success","resultStatus":"S"}}"#
        );
    }

    #[test]
    fn acknowledgement_is_the_documented_bytes() {
        assert_eq!(
            ACKNOWLEDGEMENT,
            "{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}"
        );
    }

    #[test]
    fn request_target_paths() {
        type Want<'a> = Option<(&'a str, Option<&'a str>)>;
        let cases: &[(&str, Want)] = &[
            ("/notify/vaulting", Some(("/notify/vaulting", None))),
            (
                "/notify/vaulting?a=1",
                Some(("/notify/vaulting", Some("/notify/vaulting?a=1"))),
            ),
            ("/notify#frag", Some(("/notify", None))),
            (
                "https://merchant.example/notify/vaulting",
                Some(("/notify/vaulting", None)),
            ),
            (
                "https://merchant.example:8443/n?x=y#z",
                Some(("/n", Some("/n?x=y"))),
            ),
            ("https://merchant.example", Some(("/", None))),
            ("https://merchant.example?x=1", Some(("/", None))),
            ("/", Some(("/", None))),
            ("", None),
            ("notify/vaulting", None),
            ("?x=1", None),
        ];
        for (input, want) in cases {
            let got = RequestTarget::parse(input).map(|t| (t.path, t.path_and_query));
            assert_eq!(got, *want, "{input}");
        }
    }

    #[test]
    fn json_reasons_never_quote_input() {
        let secret = "4111111111111111";
        let bodies = [
            format!(r#"{{"vaultingRequestId":{secret},"result":{{}}}}"#),
            format!(r#"{{"vaultingRequestId":"{secret}"}}"#),
            format!(r#"{{"vaultingRequestId":"{secret}","result":"{secret}"}}"#),
            format!(r#"{{"vaultingRequestId":"{secret}""#),
            format!(r#"{secret}x"#),
            format!(r#"{{"{secret}"}}"#),
        ];
        for body in &bodies {
            let err = parse_body(body.as_bytes()).unwrap_err();
            let text = format!("{err} {err:?}");
            assert!(!text.contains("4111"), "{text}");
            assert!(matches!(err, NotificationError::MalformedBody { .. }));
        }
        let err = parse_body(br#"{"vaultingRequestId":"x"}"#).unwrap_err();
        assert_eq!(
            err,
            NotificationError::MalformedBody {
                reason: "missing field `result` at line 1 column 25".into()
            }
        );
        assert_eq!(
            parse_body(b"{\"a\":\"\xff\"}"),
            Err(NotificationError::NotUtf8)
        );
    }
}
