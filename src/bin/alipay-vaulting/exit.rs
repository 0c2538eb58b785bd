//! Exit codes, and the error every command returns when it cannot produce an outcome.

use std::fmt;

use alipay_vaulting::outcome::NextStep;

/// The process exit codes, as `--help` documents them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Vaulted / succeeded (also: notification verified, keys match, simulator stopped).
    Ok = 0,
    /// A configuration or key error.
    Config = 1,
    /// A usage error or invalid input (including a request that breaks the spec).
    Usage = 2,
    /// The buyer must act (3-D Secure) / the vaulting is still processing.
    Pending = 10,
    /// Failed / not found (also: notification rejected).
    Failed = 20,
    /// The outcome is unknown (timeouts, lost connections, rejected responses).
    Unknown = 30,
    /// Nothing reached the gateway: nothing happened, and sending again is safe.
    NotSent = 40,
}

impl Exit {
    /// The numeric code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The exit code of an answer or error whose next step is `step`: the one mapping every
    /// command uses, so the code and the printed next step always agree.
    pub fn for_step(step: NextStep) -> Exit {
        match step {
            NextStep::None => Exit::Ok,
            NextStep::RedirectBuyer => Exit::Pending,
            NextStep::RetryWithNewRequestId | NextStep::DoNotRetry | NextStep::CheckRequestId => {
                Exit::Failed
            }
            NextStep::FixRequest => Exit::Usage,
            NextStep::CheckConfiguration => Exit::Config,
            NextStep::SendAgain => Exit::NotSent,
            // InquireWithSameRequestId, and any step added later: find out before acting.
            _ => Exit::Unknown,
        }
    }
}

/// The exit-code table printed at the end of `--help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes (each follows from the next step printed with the answer):
   0  vaulted / succeeded (next step: none; also: notification verified, keys match)
  10  buyer action required, e.g. 3-D Secure (next step: redirectBuyer)
  20  failed or not found (next steps: retryWithNewRequestId, doNotRetry, checkRequestId; also:
      notification rejected)
  30  outcome unknown: timeout, connection lost, HTTP 5xx, response rejected (bad or missing
      signature, malformed body), a U answer, a vaulting still processing without a URL (next
      step: inquireWithSameRequestId); `resolve` with the same vaultingRequestId before vaulting
      again
  40  not sent: nothing reached the gateway (connection refused, gateway down), so nothing
      happened; sending the same request again is safe (next step: sendAgain)
   2  usage error or invalid input, including a request that breaks the spec (the field is named),
      a gateway PARAM_ILLEGAL and REPEAT_REQ_INCONSISTENT (next step: fixRequest)
   1  configuration or key error: missing setting, unreadable or wrong key, a request that cannot
      be signed, or the gateway refusing the signature, key or client id (next step:
      checkConfiguration)";

/// Why a command stopped without an outcome: what went wrong, and the exit code it maps to.
/// The message never holds card data, key material or a response body.
#[derive(Debug)]
pub struct Failure {
    /// The exit code.
    pub exit: Exit,
    /// A stable name for scripts (`--json` prints it as `errorKind`).
    pub kind: &'static str,
    /// What went wrong.
    pub message: String,
    /// What to do about it, in plain English (optional).
    pub hint: Option<String>,
    /// The API's next step, when one applies.
    pub next_step: Option<NextStep>,
}

impl Failure {
    fn new(exit: Exit, kind: &'static str, message: impl Into<String>) -> Self {
        Failure {
            exit,
            kind,
            message: message.into(),
            hint: None,
            next_step: None,
        }
    }

    /// A usage error or invalid input (exit 2).
    pub fn usage(kind: &'static str, message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, kind, message)
    }

    /// A configuration or key error (exit 1).
    pub fn config(kind: &'static str, message: impl Into<String>) -> Self {
        Self::new(Exit::Config, kind, message)
    }

    /// Any other exit code.
    pub fn with_exit(exit: Exit, kind: &'static str, message: impl Into<String>) -> Self {
        Self::new(exit, kind, message)
    }

    /// Adds advice.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds the API's next step.
    pub fn next_step(mut self, step: NextStep) -> Self {
        self.next_step = Some(step);
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
