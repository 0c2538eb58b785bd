//! Sorting what progenitor returns into this crate's [`Error`] kinds, and errors into the
//! [`Attempt`] classes the retry policy decides on.

use std::error::Error as _;

use progenitor_client::ResponseValue;

use crate::error::{Error, NotSent, OutcomeUnknown, ProxyFailure, ResponseRejected, TlsFailure};
use crate::hooks::verdict::Verdict;
use crate::retry::Attempt;

/// A verified answer, and whether it was signed.
pub(super) struct Answer<T> {
    pub(super) body: T,
    /// False for an unsigned `F`/`U` (accepted by the policy, never trusted as final).
    pub(super) signed: bool,
}

/// The typed body of a verified `200`, or the kind of failure. `verdict` is what the hooks
/// said of the response ([`crate::hooks::verdict::capture`]); a refusal wins over anything
/// progenitor made of it.
pub(super) fn response<T>(
    sent: Result<ResponseValue<T>, progenitor_client::Error<()>>,
    verdict: Option<Verdict>,
) -> Result<Answer<T>, Error> {
    use progenitor_client::Error as P;
    if let Some(Verdict::Refused(rejected)) = verdict {
        return Err(Error::ResponseRejected(rejected));
    }
    match sent {
        Ok(value) => Ok(Answer {
            body: value.into_inner(),
            // No verdict on a 200 cannot happen; if it did, the answer would not be trusted.
            signed: verdict == Some(Verdict::Signed),
        }),
        // Raised by our `pre` hook before anything is sent.
        Err(P::InvalidRequest(reason) | P::Custom(reason)) => {
            Err(Error::NotSent(NotSent::Signing(reason)))
        }
        Err(P::CommunicationError(e) | P::InvalidUpgrade(e)) => Err(transport(&e)),
        Err(P::ResponseBodyError(e)) => Err(Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(
            describe(&e),
        ))),
        Err(P::InvalidResponsePayload(_body, e)) => {
            Err(Error::ResponseRejected(ResponseRejected::Malformed {
                reason: json_reason(&e),
            }))
        }
        Err(P::UnexpectedResponse(response)) => Err(status(&response)),
        Err(P::ErrorResponse(value)) => Err(Error::ResponseRejected(
            ResponseRejected::UnexpectedStatus {
                status: value.status().as_u16(),
            },
        )),
    }
}

fn status(response: &reqwest::Response) -> Error {
    let status = response.status().as_u16();
    if response.status().is_server_error() {
        Error::OutcomeUnknown(OutcomeUnknown::ServerError { status })
    } else {
        Error::ResponseRejected(ResponseRejected::UnexpectedStatus { status })
    }
}

/// A reqwest failure: before the connection existed (not sent) or after (unknown).
fn transport(e: &reqwest::Error) -> Error {
    if e.is_connect() {
        let not_sent = if let Some(failure) = tls_failure(e) {
            NotSent::Tls(failure)
        } else if let Some(failure) = proxy_failure(e) {
            NotSent::Proxy(failure)
        } else {
            // The host first: a DNS failure's message alone does not name it.
            let host = e.url().and_then(|url| url.host_str()).map(str::to_owned);
            NotSent::Connect(match host {
                Some(host) => format!("{host}: {}", describe(e)),
                None => describe(e),
            })
        };
        Error::NotSent(not_sent)
    } else if e.is_timeout() {
        Error::OutcomeUnknown(OutcomeUnknown::Timeout)
    } else {
        Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(describe(e)))
    }
}

/// The error and every cause under it, the error inside an `io::Error` included (its
/// `source()` skips that one).
fn causes<'a>(e: &'a reqwest::Error) -> Vec<&'a (dyn std::error::Error + 'static)> {
    let mut found = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = e.source();
    while let Some(cause) = next {
        found.push(cause);
        next = match cause
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner),
            None => cause.source(),
        };
    }
    found
}

/// A refused server certificate, as rustls reports it (with the system verifier or the
/// crate's own roots alike).
fn tls_failure(e: &reqwest::Error) -> Option<TlsFailure> {
    use rustls::CertificateError as C;
    causes(e).into_iter().find_map(|cause| {
        let rustls::Error::InvalidCertificate(certificate) =
            cause.downcast_ref::<rustls::Error>()?
        else {
            return None;
        };
        match certificate {
            C::UnknownIssuer | C::BadSignature | C::UnhandledCriticalExtension => {
                Some(TlsFailure::UntrustedCertificate)
            }
            C::NotValidForName | C::NotValidForNameContext { .. } => Some(TlsFailure::WrongHost),
            C::Expired
            | C::ExpiredContext { .. }
            | C::NotValidYet
            | C::NotValidYetContext { .. } => Some(TlsFailure::Expired),
            _ => None,
        }
    })
}

/// A proxy that did not open the tunnel. hyper-util's tunnel error type is private, so its
/// messages are matched (pinned by the proxy tests).
fn proxy_failure(e: &reqwest::Error) -> Option<ProxyFailure> {
    causes(e).into_iter().find_map(|cause| {
        let message = cause.to_string();
        let what = message.strip_prefix("tunnel error: ")?;
        Some(match what {
            "proxy authorization required" => ProxyFailure::Refused { status: Some(407) },
            "unsuccessful" | "proxy response headers too long" => {
                ProxyFailure::Refused { status: None }
            }
            "unexpected end of file" | "io error establishing tunnel" => ProxyFailure::Closed,
            _ => ProxyFailure::Unreachable(describe(e)),
        })
    })
}

/// The error and its causes, without the URL (it carries no secret, but keeps messages short).
fn describe(e: &reqwest::Error) -> String {
    let mut text = String::new();
    let mut source: Option<&dyn std::error::Error> = e.source();
    while let Some(cause) = source {
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    if text.is_empty() {
        text = "transport error".into();
    }
    text
}

/// serde_json's error category and position; its message may quote the input, so it is not used.
fn json_reason(e: &serde_json::Error) -> String {
    let category = match e.classify() {
        serde_json::error::Category::Io => "I/O error",
        serde_json::error::Category::Syntax => "not valid JSON",
        serde_json::error::Category::Data => "JSON that does not match the response schema",
        serde_json::error::Category::Eof => "truncated JSON",
    };
    format!("{category} at line {} column {}", e.line(), e.column())
}

/// The retry class of an error.
pub(super) fn attempt(error: &Error) -> Attempt {
    match error {
        // An unreachable proxy may come back; a refused certificate or tunnel will not.
        Error::NotSent(NotSent::Connect(_) | NotSent::Proxy(ProxyFailure::Unreachable(_))) => {
            Attempt::NotSent
        }
        Error::NotSent(_) => Attempt::InvalidRequest,
        Error::OutcomeUnknown(OutcomeUnknown::Timeout) => Attempt::TimedOut,
        Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(_)) => Attempt::ConnectionLost,
        Error::OutcomeUnknown(OutcomeUnknown::ServerError { status }) => {
            Attempt::ServerError(*status)
        }
        Error::ResponseRejected(ResponseRejected::UnexpectedStatus { status }) => {
            Attempt::HttpStatus(*status)
        }
        Error::ResponseRejected(_) => Attempt::Rejected,
    }
}
