//! What a command prints: a headline, named fields and the next step, readable by default or
//! as one JSON object (`--json`). Only values the commands put here are printed, and none of
//! them is ever a card number or CVV.

use std::io::Write;

use alipay_vaulting::outcome::NextStep;
use serde_json::Value;

use crate::exit::{Exit, Failure};

/// One command's result, printed once at the end.
#[derive(Debug)]
pub struct Report {
    exit: Exit,
    outcome: &'static str,
    headline: String,
    fields: Vec<(&'static str, Value)>,
    /// Fields only `--json` prints (an error's kind and message, which the headline says).
    json_fields: Vec<(&'static str, Value)>,
    next_step: Option<NextStep>,
    notes: Vec<String>,
    is_error: bool,
    silent: bool,
}

impl Report {
    /// A report with the exit code, the JSON `outcome` and the readable headline.
    pub fn new(exit: Exit, outcome: &'static str, headline: impl Into<String>) -> Self {
        Report {
            exit,
            outcome,
            headline: headline.into(),
            fields: Vec::new(),
            json_fields: Vec::new(),
            next_step: None,
            notes: Vec::new(),
            is_error: false,
            silent: false,
        }
    }

    /// A report that prints nothing (the command printed as it went).
    pub fn silent(exit: Exit) -> Self {
        Report {
            silent: true,
            ..Report::new(exit, "", "")
        }
    }

    /// Adds a field; `None` is left out.
    pub fn field<V: Into<Value>>(mut self, name: &'static str, value: Option<V>) -> Self {
        if let Some(value) = value {
            self.fields.push((name, value.into()));
        }
        self
    }

    /// Sets the API's next step.
    pub fn next_step(mut self, step: NextStep) -> Self {
        self.next_step = Some(step);
        self
    }

    /// Adds a line of advice for people (not in the JSON output).
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Replaces the exit code, the JSON `outcome` and the headline.
    pub fn retitle(
        mut self,
        exit: Exit,
        outcome: &'static str,
        headline: impl Into<String>,
    ) -> Self {
        self.exit = exit;
        self.outcome = outcome;
        self.headline = headline.into();
        self
    }

    /// The exit code.
    pub fn exit(&self) -> Exit {
        self.exit
    }

    /// Prints the report: readable to stdout (errors to stderr), or one JSON object to stdout.
    pub fn print(&self, json: bool) {
        if self.silent {
            return;
        }
        // A closed stdout (e.g. `| head`) is not worth a panic; the exit code still tells.
        if json {
            let _ = writeln!(std::io::stdout(), "{}", self.to_json());
        } else if self.is_error {
            let _ = write!(std::io::stderr(), "{}", self.to_text());
        } else {
            let _ = write!(std::io::stdout(), "{}", self.to_text());
        }
    }

    /// The readable form.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.headline);
        let width = self.fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (name, value) in &self.fields {
            let value = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.push_str(&format!("  {name:<width$}  {value}\n"));
        }
        if let Some(step) = self.next_step {
            out.push_str(&format!("Next step: {}\n", next_step_text(step)));
        }
        for note in &self.notes {
            out.push_str(&format!("{note}\n"));
        }
        out
    }

    /// The `--json` form: `outcome`, `nextStep`, the fields, and `exitCode`, in that order.
    pub fn to_json(&self) -> String {
        let mut entries: Vec<(&str, Value)> = vec![("outcome", self.outcome.into())];
        if let Some(step) = self.next_step {
            entries.push(("nextStep", next_step_name(step).into()));
        }
        entries.extend(self.json_fields.iter().map(|(k, v)| (*k, v.clone())));
        entries.extend(self.fields.iter().map(|(k, v)| (*k, v.clone())));
        entries.push(("exitCode", self.exit.code().into()));
        let body: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!("{}:{}", Value::from(*k), v))
            .collect();
        format!("{{{}}}", body.join(","))
    }
}

impl From<Failure> for Report {
    fn from(failure: Failure) -> Self {
        let mut report = Report::new(failure.exit, "error", format!("error: {}", failure.message));
        report.json_fields = vec![
            ("errorKind", failure.kind.into()),
            ("error", failure.message.into()),
        ];
        report.next_step = failure.next_step;
        if let Some(hint) = failure.hint {
            report = report.note(format!("hint: {hint}"));
        }
        report.is_error = true;
        report
    }
}

/// The next step's name in `--json` output: the library's stable name.
pub fn next_step_name(step: NextStep) -> &'static str {
    step.as_str()
}

/// The next step in plain English.
pub fn next_step_text(step: NextStep) -> &'static str {
    match step {
        NextStep::None => "nothing. The card is vaulted: keep the card token for later payments.",
        NextStep::RedirectBuyer => {
            "send the buyer to the normalUrl (or open the applinkUrl / schemeUrl in an app) to \
             verify the card. The result then arrives by notification, or ask with \
             `alipay-vaulting inquire <vaultingRequestId>`."
        }
        NextStep::FixRequest => {
            "fix the request (a field is missing or invalid), then send it again."
        }
        NextStep::RetryWithNewRequestId => {
            "this vaulting is over. To try again, vault with a NEW vaultingRequestId."
        }
        NextStep::DoNotRetry => "do not retry; a person must follow up with Alipay support.",
        NextStep::InquireWithSameRequestId => {
            "the outcome is not known yet. Ask with the SAME vaultingRequestId \
             (`alipay-vaulting resolve <vaultingRequestId>`) before vaulting again: the card \
             may already be vaulted."
        }
        NextStep::CheckConfiguration => {
            "the configuration is at fault, not the card: check the client id, the merchant \
             private key, the Alipay public key and the gateway URL."
        }
        NextStep::CheckRequestId => {
            "no vaulting has this vaultingRequestId: check the id (if it is the one just sent, \
             the vaulting never started)."
        }
        NextStep::SendAgain => {
            "nothing reached the gateway, so nothing happened. Fix the cause (gateway URL, \
             network), then send the same request again: the same vaultingRequestId is safe."
        }
        _ => "see the crate documentation of NextStep.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_order_and_skips_absent_fields() {
        let report = Report::new(Exit::Pending, "buyerActionRequired", "Verify.")
            .field("normalUrl", Some("http://x"))
            .field::<&str>("schemeUrl", None)
            .next_step(NextStep::RedirectBuyer);
        assert_eq!(
            report.to_json(),
            r#"{"outcome":"buyerActionRequired","nextStep":"redirectBuyer","normalUrl":"http://x","exitCode":10}"#
        );
        assert!(report.to_text().contains("normalUrl  http://x"));
    }
}
