//! What the client reports about its calls, for dashboards and alerts.
//!
//! **Spans** (always, through `tracing`): each call is a span `alipay_vaulting.call`
//! (`operation`, `vaulting_request_id`, `attempt`, `duration_ms`, `result_status`,
//! `result_code`, `error_kind`), and each attempt a child span `alipay_vaulting.attempt` with
//! OpenTelemetry's HTTP-client attributes: `http.request.method`, `server.address`,
//! `server.port`, `url.path`, `http.response.status_code`, `http.request.resend_count` (from
//! the second attempt on) and `error.type`, plus `otel.name` (`POST`) and `otel.kind`
//! (`client`) for `tracing-opentelemetry`.
//!
//! **Metrics** (feature `metrics`, through the `metrics` facade: install any recorder, e.g. a
//! Prometheus exporter):
//!
//! | name | type | labels |
//! |---|---|---|
//! | [`HTTP_CLIENT_REQUEST_DURATION`] | histogram, seconds, one sample per attempt | `http.request.method`, `server.address`, `http.response.status_code` (when a response arrived), `error.type` (when the attempt failed) |
//! | [`CALLS`] | counter, one per call | `operation`, `outcome`, `result_code` |
//! | [`RESOLVE_DURATION`] | histogram, seconds, one sample per `resolve` | `outcome` |
//!
//! `outcome` is the outcome's [`name`](crate::outcome::VaultOutcome::name) (`vaulted`,
//! `buyer_action_required`, `succeeded`, `processing`, `not_found`, `failed`, `unknown`), or
//! for an error its kind (`invalid_request`: a request the spec refuses, nothing sent;
//! `not_sent`: nothing reached the gateway for another reason; `outcome_unknown`;
//! `response_rejected`). `result_code`
//! is the last answer's `resultCode` when the spec lists it, `other` when it does not (so the
//! label has a bounded set of values, and no answer can write data into it), and `none` when
//! no answer arrived; the span field `result_code` follows the same rule. `error.type` is the HTTP status of a failed attempt, or the error's
//! name (`timeout`, `connect`, `connection_lost`, `bad_signature`, ...). No label or span field
//! ever holds a body, a card number, a CVV or a token.

use std::borrow::Cow;
use std::time::Duration;

use tracing::field::Empty;

use crate::error::{Error, ErrorKind, NotSent, OutcomeUnknown, ResponseRejected};
use crate::open_enum::Open;
use crate::operation::Operation;
use crate::types::ResultCode;

/// Histogram of the duration of each HTTP attempt, in seconds (OpenTelemetry's name).
pub const HTTP_CLIENT_REQUEST_DURATION: &str = "http.client.request.duration";
/// Counter of calls, by operation, outcome and result code.
pub const CALLS: &str = "alipay_vaulting.calls";
/// Histogram of the duration of each `resolve`, in seconds.
pub const RESOLVE_DURATION: &str = "alipay_vaulting.resolve.duration";

/// Where a client sends its calls, as the attempt spans and metrics name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Endpoint {
    address: String,
    port: u16,
    /// The base URL's path, without a trailing `/`.
    base_path: String,
    sandbox: bool,
}

impl Endpoint {
    /// From the client's base URL (only its host, port and path are kept) and whether its
    /// client id is a sandbox one.
    pub(crate) fn new(base_url: &str, sandbox: bool) -> Self {
        let parsed = url::Url::parse(base_url).ok();
        Endpoint {
            address: parsed
                .as_ref()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_default(),
            port: parsed
                .as_ref()
                .and_then(url::Url::port_or_known_default)
                .unwrap_or(0),
            base_path: parsed
                .as_ref()
                .map(|u| u.path().trim_end_matches('/').to_owned())
                .unwrap_or_default(),
            sandbox,
        }
    }

    /// The gateway's host.
    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    /// The gateway's port.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    fn path(&self, operation: Operation) -> String {
        let path = if self.sandbox {
            operation.sandbox_path()
        } else {
            operation.path().to_owned()
        };
        format!("{}{path}", self.base_path)
    }

    /// The span of attempt `number` (1 for the first) of `operation`.
    pub(crate) fn attempt_span(&self, operation: Operation, number: u32) -> tracing::Span {
        let span = tracing::info_span!(
            "alipay_vaulting.attempt",
            otel.name = "POST",
            otel.kind = "client",
            http.request.method = "POST",
            server.address = self.address.as_str(),
            server.port = self.port,
            url.path = self.path(operation).as_str(),
            http.request.resend_count = Empty,
            http.response.status_code = Empty,
            error.type = Empty,
        );
        if number > 1 {
            span.record("http.request.resend_count", number - 1);
        }
        span
    }

    /// Records how an attempt ended on its span, and in the attempt duration histogram.
    pub(crate) fn finish_attempt(
        &self,
        span: &tracing::Span,
        status: Option<u16>,
        error: Option<&Error>,
        elapsed: Duration,
    ) {
        let error_type = error.map(error_type);
        if let Some(status) = status {
            span.record("http.response.status_code", status);
        }
        if let Some(error_type) = &error_type {
            span.record("error.type", error_type.as_ref());
        }
        #[cfg(feature = "metrics")]
        {
            let mut labels = vec![
                metrics::Label::new("http.request.method", "POST"),
                metrics::Label::new("server.address", self.address.clone()),
            ];
            if let Some(status) = status {
                labels.push(metrics::Label::new(
                    "http.response.status_code",
                    status.to_string(),
                ));
            }
            if let Some(error_type) = error_type {
                labels.push(metrics::Label::new("error.type", error_type.into_owned()));
            }
            describe();
            metrics::histogram!(HTTP_CLIENT_REQUEST_DURATION, labels).record(elapsed);
        }
        #[cfg(not(feature = "metrics"))]
        let _ = elapsed;
    }
}

/// The `outcome` label of an error: a request the spec refuses (the caller's input, a typo)
/// is `invalid_request`, apart from `not_sent` (the network, TLS, a proxy, the configuration),
/// so that an alert on `not_sent` does not page on typos.
pub(crate) fn error_outcome(error: &Error) -> &'static str {
    if let Error::NotSent(NotSent::InvalidRequest(_)) = error {
        return "invalid_request";
    }
    match error.kind() {
        ErrorKind::NotSent => "not_sent",
        ErrorKind::OutcomeUnknown => "outcome_unknown",
        ErrorKind::ResponseRejected => "response_rejected",
    }
}

/// Counts one call.
pub(crate) fn record_call(
    operation: Operation,
    outcome: &'static str,
    result_code: Option<Cow<'static, str>>,
) {
    #[cfg(feature = "metrics")]
    {
        describe();
        metrics::counter!(
            CALLS,
            "operation" => operation.api_name(),
            "outcome" => outcome,
            "result_code" => result_code.unwrap_or(Cow::Borrowed("none")),
        )
        .increment(1);
    }
    #[cfg(not(feature = "metrics"))]
    let _ = (operation, outcome, result_code);
}

/// Records the duration of one `resolve`.
pub(crate) fn record_resolve(outcome: &'static str, elapsed: Duration) {
    #[cfg(feature = "metrics")]
    {
        describe();
        metrics::histogram!(RESOLVE_DURATION, "outcome" => outcome).record(elapsed);
    }
    #[cfg(not(feature = "metrics"))]
    let _ = (outcome, elapsed);
}

/// A result code as a label or span field: a code the spec lists, else `other`. Bounded: a
/// gateway (or whoever forged an unsigned answer) cannot write data, a card number say, into
/// a metric or a span, nor grow a label without end.
pub(crate) fn code_label(code: &Open<ResultCode>) -> Cow<'static, str> {
    match code.known() {
        Some(known) => Cow::Owned(known.to_string()),
        None => Cow::Borrowed("other"),
    }
}

/// `error.type`: the HTTP status of a failed exchange, else the error's name.
fn error_type(error: &Error) -> Cow<'static, str> {
    let name = match error {
        Error::NotSent(NotSent::InvalidRequest(_)) => "invalid_request",
        Error::NotSent(NotSent::Signing(_)) => "signing",
        Error::NotSent(NotSent::Connect(_)) => "connect",
        Error::NotSent(NotSent::Tls(_)) => "tls",
        Error::NotSent(NotSent::Proxy(_)) => "proxy",
        Error::OutcomeUnknown(OutcomeUnknown::Timeout) => "timeout",
        Error::OutcomeUnknown(OutcomeUnknown::ConnectionLost(_)) => "connection_lost",
        Error::OutcomeUnknown(OutcomeUnknown::ServerError { status })
        | Error::ResponseRejected(ResponseRejected::UnexpectedStatus { status }) => {
            return Cow::Owned(status.to_string())
        }
        Error::ResponseRejected(rejected) => match rejected {
            ResponseRejected::MissingSignature => "missing_signature",
            ResponseRejected::MalformedSignature(_) => "malformed_signature",
            ResponseRejected::BadSignature => "bad_signature",
            ResponseRejected::MissingHeader { .. } => "missing_header",
            ResponseRejected::ClientIdMismatch => "client_id_mismatch",
            ResponseRejected::TooLarge { .. } => "too_large",
            ResponseRejected::Malformed { .. } => "malformed_response",
            ResponseRejected::RequestIdMismatch => "request_id_mismatch",
            ResponseRejected::Redirected => "redirected",
            ResponseRejected::Unsigned => "unsigned",
            _ => "response_rejected",
        },
    };
    Cow::Borrowed(name)
}

/// Describes the metrics to the recorder (units and help texts), once per process.
#[cfg(feature = "metrics")]
fn describe() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        metrics::describe_histogram!(
            HTTP_CLIENT_REQUEST_DURATION,
            metrics::Unit::Seconds,
            "Duration of each HTTP attempt to the Alipay gateway."
        );
        metrics::describe_counter!(
            CALLS,
            "Vaulting API calls, by operation, outcome and result code."
        );
        metrics::describe_histogram!(
            RESOLVE_DURATION,
            metrics::Unit::Seconds,
            "Duration of resolving an unknown vaulting outcome."
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_codes_become_labels() {
        let code = |text: &str| text.parse::<Open<ResultCode>>().unwrap();
        assert_eq!(code_label(&code("SUCCESS")), "SUCCESS");
        assert_eq!(code_label(&code("PROCESS_FAIL")), "PROCESS_FAIL");
        for odd in ["", "success", "4111111111111111", "ZZ_1", "ACCESS_DENIED_2"] {
            assert_eq!(code_label(&code(odd)), "other", "{odd}");
        }
    }

    #[test]
    fn the_endpoint_keeps_host_port_and_path_only() {
        let endpoint = Endpoint::new("https://user:pw@open-na.example.com/base/", false);
        assert_eq!(endpoint.address, "open-na.example.com");
        assert_eq!(endpoint.port, 443);
        assert_eq!(
            endpoint.path(Operation::Vault),
            "/base/ams/api/v1/vaults/vaultPaymentMethod"
        );
        let sandbox = Endpoint::new("http://127.0.0.1:8080", true);
        assert_eq!(sandbox.port, 8080);
        assert_eq!(
            sandbox.path(Operation::Inquire),
            "/ams/sandbox/api/v1/vaults/inquireVaulting"
        );
    }
}
