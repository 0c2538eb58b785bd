//! Faults on demand: what they are, their text form, and which one a request gets.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use super::Operation;

/// Something going wrong on purpose, on one API request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Waits this long after processing, before answering (a slow gateway; beyond the
    /// client's timeout it is a timeout, with the state changed).
    Latency(Duration),
    /// Closes the connection without any HTTP answer, before processing: no state changes.
    DropBeforeProcessing,
    /// Processes the request (the state changes), then closes the connection without any HTTP
    /// answer.
    DropAfterProcessing,
    /// Answers this HTTP status (e.g. 500, 502, 503) with a short plain-text body, unsigned,
    /// without processing the request.
    Status(u16),
    /// Processes the request, then answers a signed HTTP 200 whose body is not JSON.
    MalformedBody,
    /// Processes the request, then answers it without the `signature` header.
    MissingSignature,
    /// Processes the request, then answers it with a well-formed signature that does not
    /// match the response.
    BadSignature,
    /// A gateway slower than the client: the request is processed (a vaulting registered) only
    /// after this long, and answered then; inquiries meanwhile answer `VAULTING_NOT_EXIST`.
    /// Processing goes on when the client gives up. Combines with the other faults.
    RegisterDelay(Duration),
    /// The answer sends its booleans and numbers as JSON strings (`"true"`, `"20"`), as the API
    /// documents say every scalar travels. Combines with the other faults.
    StringScalars,
    /// The answer spells the app link `appLinkUrl`, as the vaultPaymentMethod document's
    /// result-handling rules do, instead of `applinkUrl`. Combines with the other faults.
    AppLinkUrlSpelling,
}

/// A fault, the operation it applies to, and how many times.
///
/// Text form (for the command line and standalone configuration): the fault, then optional
/// `,op=vault|inquire` and `,times=N`; e.g. `latency=250ms`, `drop-before,op=vault,times=1`,
/// `drop-after`, `status=503`, `malformed`, `no-signature`, `bad-signature`,
/// `register-delay=3s`, `string-scalars`, `app-link-url`. Durations take
/// `ms` or `s` (`1.5s`); a bare number is milliseconds.
///
/// When several rules match a request, every matching latency and register delay applies (they
/// add up), so do `string-scalars` and `app-link-url`, and of the other rules the first one
/// added applies; each rule that applied counts one use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    /// The operation it applies to; `None` for both.
    pub operation: Option<Operation>,
    /// How many requests it applies to; `None` for every request until cleared.
    pub times: Option<u32>,
    /// What goes wrong.
    pub fault: Fault,
}

impl FaultRule {
    /// `fault` on every request of both operations, until cleared.
    pub fn always(fault: Fault) -> Self {
        FaultRule {
            operation: None,
            times: None,
            fault,
        }
    }

    /// `fault` on the next request only (of either operation, unless narrowed with `on`).
    pub fn once(fault: Fault) -> Self {
        FaultRule {
            operation: None,
            times: Some(1),
            fault,
        }
    }

    /// The same rule, limited to `operation`.
    #[must_use]
    pub fn on(mut self, operation: Operation) -> Self {
        self.operation = Some(operation);
        self
    }

    /// The same rule, limited to the next `times` matching requests.
    #[must_use]
    pub fn times(mut self, times: u32) -> Self {
        self.times = Some(times);
        self
    }
}

/// Why a fault rule's text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultParseError(String);

impl From<crate::operation::UnknownOperation> for FaultParseError {
    fn from(unknown: crate::operation::UnknownOperation) -> Self {
        FaultParseError(unknown.to_string())
    }
}

impl fmt::Display for FaultParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid fault rule: {} (expected e.g. `latency=250ms`, `drop-before`, `drop-after`, \
             `status=503`, `malformed`, `no-signature`, `bad-signature`, `register-delay=3s`, \
             `string-scalars` or `app-link-url`, then optional `,op=vault|inquire` and \
             `,times=N`)",
            self.0
        )
    }
}

impl std::error::Error for FaultParseError {}

fn parse_duration(text: &str) -> Option<Duration> {
    let (number, scale) = if let Some(n) = text.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1.0)
    } else {
        (text, 0.001)
    };
    let value: f64 = number.trim().parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    Duration::try_from_secs_f64(value * scale).ok()
}

fn parse_fault(name: &str, value: Option<&str>) -> Result<Fault, FaultParseError> {
    let bad = |why: &str| FaultParseError(why.to_string());
    let no_value = |fault: Fault| match value {
        None => Ok(fault),
        Some(_) => Err(bad(&format!("`{name}` takes no value"))),
    };
    match name {
        "latency" | "delay" => {
            let value = value.ok_or_else(|| bad("`latency` needs a duration, e.g. 250ms"))?;
            parse_duration(value)
                .map(Fault::Latency)
                .ok_or_else(|| bad("the latency is not a duration such as 250ms or 1.5s"))
        }
        "status" | "http" => {
            let value = value.ok_or_else(|| bad("`status` needs an HTTP status, e.g. 503"))?;
            match value.parse::<u16>() {
                Ok(status @ 100..=599) => Ok(Fault::Status(status)),
                _ => Err(bad("the status must be a number from 100 to 599")),
            }
        }
        "drop-before" | "drop" => no_value(Fault::DropBeforeProcessing),
        "drop-after" => no_value(Fault::DropAfterProcessing),
        "malformed" | "malformed-body" => no_value(Fault::MalformedBody),
        "no-signature" | "missing-signature" => no_value(Fault::MissingSignature),
        "bad-signature" => no_value(Fault::BadSignature),
        "register-delay" => {
            let value = value.ok_or_else(|| bad("`register-delay` needs a duration, e.g. 3s"))?;
            parse_duration(value)
                .map(Fault::RegisterDelay)
                .ok_or_else(|| bad("the register delay is not a duration such as 250ms or 3s"))
        }
        "string-scalars" => no_value(Fault::StringScalars),
        "app-link-url" | "applink-spelling" => no_value(Fault::AppLinkUrlSpelling),
        _ => Err(bad("unknown fault")),
    }
}

impl FromStr for FaultRule {
    type Err = FaultParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| FaultParseError(why.to_string());
        let mut parts = text.split(',').map(str::trim);
        let first = parts
            .next()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| bad("empty"))?;
        let (name, value) = match first.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.trim())),
            None => (first, None),
        };
        let mut rule = FaultRule::always(parse_fault(&name.to_ascii_lowercase(), value)?);
        for part in parts.filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim()))
                .ok_or_else(|| bad("an option must be `op=...` or `times=...`"))?;
            match key.as_str() {
                "op" | "operation" => {
                    rule.operation = Some(value.parse()?);
                }
                "times" => {
                    rule.times = Some(
                        value
                            .parse()
                            .map_err(|_| bad("`times` must be a whole number"))?,
                    );
                }
                _ => return Err(bad("unknown option")),
            }
        }
        Ok(rule)
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Latency(d) => write!(f, "latency={}ms", d.as_millis()),
            Fault::DropBeforeProcessing => f.write_str("drop-before"),
            Fault::DropAfterProcessing => f.write_str("drop-after"),
            Fault::Status(status) => write!(f, "status={status}"),
            Fault::MalformedBody => f.write_str("malformed"),
            Fault::MissingSignature => f.write_str("no-signature"),
            Fault::BadSignature => f.write_str("bad-signature"),
            Fault::RegisterDelay(d) => write!(f, "register-delay={}ms", d.as_millis()),
            Fault::StringScalars => f.write_str("string-scalars"),
            Fault::AppLinkUrlSpelling => f.write_str("app-link-url"),
        }
    }
}

impl fmt::Display for FaultRule {
    /// The text form [`FromStr`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fault)?;
        if let Some(op) = self.operation {
            write!(f, ",op={op}")?;
        }
        if let Some(times) = self.times {
            write!(f, ",times={times}")?;
        }
        Ok(())
    }
}

/// The faults one request gets.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    /// Every matching latency, added up.
    pub(crate) latency: Duration,
    /// Every matching register delay, added up.
    pub(crate) register_delay: Duration,
    /// Booleans and numbers go out as strings.
    pub(crate) string_scalars: bool,
    /// The app link goes out as `appLinkUrl`.
    pub(crate) app_link_spelling: bool,
    /// The first matching fault of the others.
    pub(crate) fault: Option<Fault>,
}

/// The active rules, in the order they were added, with their remaining uses.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    rules: Vec<FaultRule>,
}

impl FaultQueue {
    pub(crate) fn push(&mut self, rule: FaultRule) {
        if rule.times != Some(0) {
            self.rules.push(rule);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    pub(crate) fn rules(&self) -> Vec<FaultRule> {
        self.rules.clone()
    }

    /// The faults for one request of `operation`, counting one use of each rule applied.
    pub(crate) fn take(&mut self, operation: Operation) -> Applied {
        let mut applied = Applied::default();
        for rule in &mut self.rules {
            if rule.operation.is_some_and(|op| op != operation) {
                continue;
            }
            let used = match &rule.fault {
                Fault::Latency(d) => {
                    applied.latency += *d;
                    true
                }
                Fault::RegisterDelay(d) => {
                    applied.register_delay += *d;
                    true
                }
                Fault::StringScalars => {
                    applied.string_scalars = true;
                    true
                }
                Fault::AppLinkUrlSpelling => {
                    applied.app_link_spelling = true;
                    true
                }
                other if applied.fault.is_none() => {
                    applied.fault = Some(other.clone());
                    true
                }
                _ => false,
            };
            if used {
                if let Some(times) = rule.times.as_mut() {
                    *times = times.saturating_sub(1);
                }
            }
        }
        self.rules.retain(|rule| rule.times != Some(0));
        applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_applies_latencies_and_one_fault() {
        let mut queue = FaultQueue::default();
        queue.push(FaultRule::always(Fault::Latency(Duration::from_millis(5))));
        queue.push(FaultRule::once(Fault::Status(503)).on(Operation::Vault));
        queue.push(FaultRule::once(Fault::MalformedBody));
        let first = queue.take(Operation::Inquire);
        assert_eq!(first.fault, Some(Fault::MalformedBody));
        let second = queue.take(Operation::Vault);
        assert_eq!(second.fault, Some(Fault::Status(503)));
        assert_eq!(second.latency, Duration::from_millis(5));
        assert_eq!(queue.take(Operation::Vault).fault, None);
        assert_eq!(queue.rules().len(), 1);
    }
}
