//! What can go wrong on a call, sorted by what it means for the vaulting.
//!
//! A business answer from Alipay (`F`, `U`, "buyer action required") is not an error: it is an
//! [`Outcome`](crate::outcome). An [`Error`] says how far a call got:
//! - [`Error::NotSent`]: nothing reached the gateway; the vaulting did not happen.
//! - [`Error::OutcomeUnknown`]: the request may have been processed; inquire with the same
//!   `vaultingRequestId` (see [`Client::resolve`](crate::Client::resolve)) before anything else.
//! - [`Error::ResponseRejected`]: an answer came back but cannot be trusted or read; the
//!   gateway may hold any state, so inquire as well.
//!
//! No message contains card data, a key, a signature or a response body.

use std::fmt;

use crate::keys::KeyError;
use crate::outcome::NextStep;
use crate::signing::SignatureHeaderError;
use crate::validate::ValidationError;

/// The error of a call. See the module documentation for what each kind means.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Nothing was sent: the vaulting did not happen.
    NotSent(NotSent),
    /// The request was sent, but whether Alipay processed it is not known.
    OutcomeUnknown(OutcomeUnknown),
    /// A response arrived but was refused: unsigned, tampered, malformed or oversized.
    ResponseRejected(ResponseRejected),
}

/// Why a request was not sent.
#[derive(Debug)]
#[non_exhaustive]
pub enum NotSent {
    /// The request breaks a rule of the spec (the field is named, the value never echoed).
    InvalidRequest(ValidationError),
    /// The request could not be serialised or signed.
    Signing(String),
    /// The connection could not be opened (refused, DNS failure, a TLS failure other than
    /// the ones [`NotSent::Tls`] names).
    Connect(String),
    /// The gateway's TLS certificate was refused: a configuration problem (trusted roots, or
    /// the gateway's name), reported before any byte of the request left.
    Tls(TlsFailure),
    /// The proxy did not open a tunnel to the gateway: nothing reached Alipay.
    Proxy(ProxyFailure),
}

/// Why the gateway's TLS certificate was refused. Each message says what to configure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TlsFailure {
    /// Not issued by a trusted root: a private CA (a TLS-inspecting egress proxy, a staging
    /// gateway) not added, or an image without a CA store.
    UntrustedCertificate,
    /// Issued for another host name than the gateway's.
    WrongHost,
    /// Expired, or not valid yet (check the clock too).
    Expired,
}

/// Why the proxy did not open a tunnel. Each message says what to configure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProxyFailure {
    /// The proxy answered the `CONNECT` with a status other than 200. The HTTP stack names
    /// only 407 (authentication required); for another status the client asks the proxy once
    /// more with a bare `CONNECT` and reports what it answers.
    Refused {
        /// The proxy's status, when known.
        status: Option<u16>,
    },
    /// The proxy closed the connection before answering the `CONNECT`.
    Closed,
    /// The proxy could not be reached (refused, DNS failure).
    Unreachable(String),
}

/// Why the outcome of a sent request is not known.
#[derive(Debug)]
#[non_exhaustive]
pub enum OutcomeUnknown {
    /// No complete response within the configured timeout.
    Timeout,
    /// The connection broke after the request was sent (reset, truncated body).
    ConnectionLost(String),
    /// The gateway answered with an HTTP 5xx status (business answers always come as 200).
    ServerError {
        /// The HTTP status.
        status: u16,
    },
}

/// Why a response was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseRejected {
    /// A success (`S`) response without a `signature` header. Only `F` and `U` may be unsigned.
    MissingSignature,
    /// The `signature` header is present but malformed or partial.
    MalformedSignature(SignatureHeaderError),
    /// The signature does not match the body with Alipay's public key (tampered body or headers,
    /// or the wrong public key configured).
    BadSignature,
    /// A header the signed content needs (`response-time`, `client-id`) is missing.
    MissingHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The response is signed for another client id.
    ClientIdMismatch,
    /// The body is larger than the configured limit.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body is not the JSON the spec describes (the reason never quotes the body).
    Malformed {
        /// What is wrong, without the body's content.
        reason: String,
    },
    /// The response names a different `vaultingRequestId` than the request.
    RequestIdMismatch,
    /// An HTTP status other than 200 or 5xx (for example a proxy's 404).
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
    },
    /// The answer came from another URL than the one called: a redirect was followed.
    Redirected,
    /// An answer without a signature (`F` or `U`), refused by the raw client
    /// ([`Client::raw`](crate::Client::raw)), whose return type could not say it is unsigned.
    /// The typed [`Client`](crate::Client) reads such an answer as an unknown outcome instead.
    Unsigned,
}

/// The three kinds of [`Error`], for callers that only branch on the kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::NotSent`].
    NotSent,
    /// See [`Error::OutcomeUnknown`].
    OutcomeUnknown,
    /// See [`Error::ResponseRejected`].
    ResponseRejected,
}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotSent(_) => ErrorKind::NotSent,
            Error::OutcomeUnknown(_) => ErrorKind::OutcomeUnknown,
            Error::ResponseRejected(_) => ErrorKind::ResponseRejected,
        }
    }

    /// What to do next: the one source of the guidance [`is_safe_to_retry_with_same_id`],
    /// [`should_inquire`] and the command-line tool's exit codes derive from.
    ///
    /// | error | next step |
    /// |---|---|
    /// | `NotSent::InvalidRequest` | [`NextStep::FixRequest`] |
    /// | `NotSent::Signing` | [`NextStep::CheckConfiguration`] |
    /// | `NotSent::Connect` | [`NextStep::SendAgain`] |
    /// | `NotSent::Tls`, `NotSent::Proxy` | [`NextStep::CheckConfiguration`] |
    /// | `OutcomeUnknown`, `ResponseRejected` | [`NextStep::InquireWithSameRequestId`] |
    ///
    /// [`is_safe_to_retry_with_same_id`]: Self::is_safe_to_retry_with_same_id
    /// [`should_inquire`]: Self::should_inquire
    pub fn next_step(&self) -> NextStep {
        match self {
            Error::NotSent(NotSent::InvalidRequest(_)) => NextStep::FixRequest,
            Error::NotSent(NotSent::Signing(_)) => NextStep::CheckConfiguration,
            Error::NotSent(NotSent::Connect(_)) => NextStep::SendAgain,
            Error::NotSent(NotSent::Tls(_) | NotSent::Proxy(_)) => NextStep::CheckConfiguration,
            Error::OutcomeUnknown(_) | Error::ResponseRejected(_) => {
                NextStep::InquireWithSameRequestId
            }
        }
    }

    /// A stable name for scripts and logs (the command-line tool's `errorKind`):
    /// `invalidRequest`, `signing`, `notSent`, `outcomeUnknown` or `responseRejected`.
    pub fn name(&self) -> &'static str {
        match self {
            Error::NotSent(NotSent::InvalidRequest(_)) => "invalidRequest",
            Error::NotSent(NotSent::Signing(_)) => "signing",
            Error::NotSent(_) => "notSent",
            Error::OutcomeUnknown(_) => "outcomeUnknown",
            Error::ResponseRejected(_) => "responseRejected",
        }
    }

    /// Whether sending the same request again, with the same `vaultingRequestId`, is safe.
    ///
    /// True when nothing was sent for a reason that may pass (a refused connection), and after
    /// a sent request too, because `vaultingRequestId` is idempotent on the gateway. False when
    /// the request itself must change first (invalid input, a signing problem). Derived from
    /// [`next_step`](Self::next_step).
    pub fn is_safe_to_retry_with_same_id(&self) -> bool {
        self.next_step().may_retry_with_same_id()
    }

    /// Whether the caller must inquire (same `vaultingRequestId`) to learn what happened before
    /// acting on this vaulting again: true whenever the request may have reached the gateway.
    /// Derived from [`next_step`](Self::next_step).
    pub fn should_inquire(&self) -> bool {
        self.next_step() == NextStep::InquireWithSameRequestId
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotSent(e) => write!(f, "request not sent: {e}"),
            Error::OutcomeUnknown(e) => write!(
                f,
                "outcome unknown: {e}; inquire with the same vaultingRequestId"
            ),
            Error::ResponseRejected(e) => write!(
                f,
                "response rejected: {e}; inquire with the same vaultingRequestId"
            ),
        }
    }
}

impl fmt::Display for NotSent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotSent::InvalidRequest(e) => e.fmt(f),
            NotSent::Signing(reason) => write!(f, "cannot sign the request: {reason}"),
            NotSent::Connect(reason) => write!(f, "cannot connect to the gateway: {reason}"),
            NotSent::Tls(failure) => failure.fmt(f),
            NotSent::Proxy(failure) => failure.fmt(f),
        }
    }
}

impl fmt::Display for TlsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TlsFailure::UntrustedCertificate => {
                "the gateway's TLS certificate is not issued by a trusted root: add the CA that \
                 issued it (ClientBuilder::add_root_certificate, ALIPAY_CA_CERT or --ca-cert; a \
                 TLS-inspecting proxy's CA, for example), or, on an image without a CA store, \
                 enable the `webpki-roots` feature"
            }
            TlsFailure::WrongHost => {
                "the gateway's TLS certificate is for another host name: check the gateway URL \
                 (region or base_url, ALIPAY_GATEWAY or --gateway)"
            }
            TlsFailure::Expired => {
                "the gateway's TLS certificate has expired or is not valid yet: check this \
                 machine's clock, and the gateway URL"
            }
        })
    }
}

impl fmt::Display for ProxyFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxyFailure::Refused { status: Some(407) } => f.write_str(
                "the proxy refused the tunnel to the gateway with HTTP 407 (authentication \
                 required): put the credentials in the proxy URL (http://user:password@host:port)",
            ),
            ProxyFailure::Refused {
                status: Some(status),
            } => write!(
                f,
                "the proxy refused the tunnel to the gateway with HTTP {status}: check that it \
                 allows CONNECT to the gateway's host on port 443"
            ),
            ProxyFailure::Refused { status: None } => f.write_str(
                "the proxy refused the tunnel to the gateway (it answered the CONNECT with a \
                 status other than 200): check that it allows CONNECT to the gateway's host on \
                 port 443",
            ),
            ProxyFailure::Closed => f.write_str(
                "the proxy closed the connection without opening a tunnel to the gateway: check \
                 the proxy URL (ClientBuilder::proxy, ALIPAY_PROXY, --proxy or HTTPS_PROXY)",
            ),
            ProxyFailure::Unreachable(reason) => write!(
                f,
                "cannot connect to the proxy: {reason}: check the proxy URL \
                 (ClientBuilder::proxy, ALIPAY_PROXY, --proxy or HTTPS_PROXY) and NO_PROXY"
            ),
        }
    }
}

impl fmt::Display for OutcomeUnknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutcomeUnknown::Timeout => f.write_str("no response within the timeout"),
            OutcomeUnknown::ConnectionLost(reason) => {
                write!(f, "connection lost after sending: {reason}")
            }
            OutcomeUnknown::ServerError { status } => write!(f, "gateway answered HTTP {status}"),
        }
    }
}

impl fmt::Display for ResponseRejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseRejected::MissingSignature => {
                f.write_str("a success response without a signature header")
            }
            ResponseRejected::MalformedSignature(e) => write!(f, "malformed signature header: {e}"),
            ResponseRejected::BadSignature => f.write_str(
                "the response signature does not verify with the Alipay public key (tampered, or the wrong public key configured)",
            ),
            ResponseRejected::MissingHeader { name } => {
                write!(f, "the signed response lacks the {name} header")
            }
            ResponseRejected::ClientIdMismatch => {
                f.write_str("the response is signed for another client id")
            }
            ResponseRejected::TooLarge { limit } => {
                write!(f, "the response body exceeds {limit} bytes")
            }
            ResponseRejected::Malformed { reason } => write!(f, "malformed response body: {reason}"),
            ResponseRejected::RequestIdMismatch => {
                f.write_str("the response is for a different vaultingRequestId")
            }
            ResponseRejected::UnexpectedStatus { status } => {
                write!(f, "unexpected HTTP status {status}")
            }
            ResponseRejected::Redirected => f.write_str(
                "the answer came from another URL than the one called: the HTTP client followed \
                 a redirect",
            ),
            ResponseRejected::Unsigned => f.write_str(
                "an answer without a signature: the raw client hands on only signed answers \
                 (the typed client reads an unsigned answer as an unknown outcome)",
            ),
        }
    }
}

impl std::error::Error for Error {}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Error::NotSent(NotSent::InvalidRequest(e))
    }
}

impl From<ResponseRejected> for Error {
    fn from(e: ResponseRejected) -> Self {
        Error::ResponseRejected(e)
    }
}

/// A problem building a [`Client`](crate::Client): caught before any request exists.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// A required setting was not given.
    Missing {
        /// The builder method that sets it.
        setting: &'static str,
    },
    /// A key could not be loaded.
    Key {
        /// Which key: `merchant private key` or `Alipay public key`.
        which: &'static str,
        /// Why.
        error: KeyError,
    },
    /// A key file or environment variable could not be read.
    KeySource {
        /// Where the key was looked for (a path or a variable name; never the key).
        source: String,
        /// Why.
        reason: String,
    },
    /// The base URL is not usable.
    BaseUrl {
        /// Why.
        reason: String,
    },
    /// Another setting is out of range.
    Invalid {
        /// The builder method.
        setting: &'static str,
        /// Why.
        reason: String,
    },
    /// The HTTP client could not be created.
    Http(String),
    /// A CA certificate to trust could not be read.
    Certificate {
        /// Why (never the certificate's content).
        reason: String,
    },
    /// A setting read from the environment ([`ClientBuilder::from_env`]) is missing or invalid.
    ///
    /// [`ClientBuilder::from_env`]: crate::ClientBuilder::from_env
    Env {
        /// The variable, e.g. `ALIPAY_PRIVATE_KEY`.
        variable: &'static str,
        /// Why, never with the variable's value.
        reason: String,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Missing { setting } => write!(f, "missing setting: call `{setting}`"),
            BuildError::Key { which, error } => write!(f, "{which}: {error}"),
            BuildError::KeySource { source, reason } => {
                write!(f, "cannot read key from {source}: {reason}")
            }
            BuildError::BaseUrl { reason } => write!(f, "base URL: {reason}"),
            BuildError::Invalid { setting, reason } => write!(f, "`{setting}`: {reason}"),
            BuildError::Http(reason) => write!(f, "cannot create the HTTP client: {reason}"),
            BuildError::Certificate { reason } => write!(f, "CA certificate: {reason}"),
            BuildError::Env { variable, reason } => write!(f, "{variable}: {reason}"),
        }
    }
}

impl std::error::Error for BuildError {}
