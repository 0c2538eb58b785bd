//! `vault --ledger` and the `ledger` commands: the library's SQLite ledger, from the shell.

use std::path::Path;
use std::time::Duration;

use alipay_vaulting::ledger::{
    Filter, Ledger, LedgerError, PgStore, RecoverOptions, SqliteStore, State, Vault, Vaulting,
};
use alipay_vaulting::outcome::NextStep;
use alipay_vaulting::{types, InquiryBudget};
use serde_json::{json, Value};

use crate::args::{GatewayArgs, LedgerAckArgs, LedgerFileArgs, LedgerListArgs, LedgerRecoverArgs};
use crate::exit::{Exit, Failure};
use crate::gateway::{self, Gateway};
use crate::outcomes;
use crate::report::Report;

/// Opens (or creates) the ledger: a `postgres://` URL (the fleet's store), else a SQLite file.
async fn open(path: &Path, schema: &str) -> Result<Ledger, Failure> {
    let text = path.to_string_lossy();
    let failed = |e: alipay_vaulting::ledger::StoreError| Failure::config("ledger", e.to_string());
    if text.starts_with("postgres://") || text.starts_with("postgresql://") {
        PgStore::connect_with(&text, schema, 4)
            .await
            .map(Ledger::new)
            .map_err(failed)
    } else {
        SqliteStore::open(path).map(Ledger::new).map_err(failed)
    }
}

/// The client of a real gateway: a ledger outlives the command, the embedded simulator does not
/// (recovering against it would find nothing and call every vaulting "not found").
async fn real_gateway(args: &GatewayArgs) -> Result<Gateway, Failure> {
    let named = args
        .gateway
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty() && !g.eq_ignore_ascii_case(gateway::EMBEDDED));
    if named.is_none() {
        return Err(Failure::config(
            "ledgerNeedsGateway",
            "a ledger needs a real gateway: give --gateway / ALIPAY_GATEWAY (a URL, a region, or \
             a running `alipay-vaulting sim`); the embedded simulator forgets every vaulting \
             when the command ends",
        ));
    }
    gateway::connect(args).await
}

fn ledger_error(error: LedgerError) -> Failure {
    match error {
        LedgerError::InvalidRequest(e) => outcomes::error(&e),
        LedgerError::CardMismatch { .. } => {
            Failure::usage("cardMismatch", error.to_string()).next_step(NextStep::FixRequest)
        }
        LedgerError::NotInLedger { .. }
        | LedgerError::NotSettled { .. }
        | LedgerError::IdMismatch { .. } => Failure::usage("notInLedger", error.to_string()),
        other => Failure::config("ledger", other.to_string()),
    }
}

/// `vault --ledger`: recorded before sending, and the answer recorded after.
pub async fn vault(
    path: &Path,
    schema: &str,
    args: &GatewayArgs,
    request: &types::VaultPaymentMethodRequest,
) -> Result<Report, Failure> {
    let ledger = open(path, schema).await?;
    let gateway = real_gateway(args).await?;
    let source = gateway.source();
    let vaulted = ledger.vault(&gateway.client, request).await;
    gateway.close().await;
    let id = &request.vaulting_request_id;
    match vaulted.map_err(ledger_error)? {
        Vault::Sent {
            answer: Ok(outcome),
            vaulting,
        } => Ok(outcomes::vault(id, &outcome, &source)
            .field("ledgerState", Some(vaulting.state.as_str()))),
        Vault::Sent {
            answer: Err(error),
            vaulting,
        } => Err(outcomes::error(&error).hint(format!(
            "recorded in the ledger as {}: `alipay-vaulting ledger recover` settles it with the \
             same vaultingRequestId",
            vaulting.state
        ))),
        Vault::AlreadyRecorded(vaulting) => Ok(row_report(
            &vaulting,
            "Already in the ledger with this card: nothing was sent again.",
        )),
        _ => Err(Failure::with_exit(
            Exit::Unknown,
            "unknown",
            "an answer this tool does not know",
        )),
    }
}

/// What a row means for the exit code and the next step.
fn row_exit(vaulting: &Vaulting) -> (Exit, Option<NextStep>) {
    match vaulting.state {
        State::Vaulted => (Exit::Ok, Some(NextStep::None)),
        State::AwaitingBuyer => (Exit::Pending, None),
        State::Failed | State::Abandoned => {
            (Exit::Failed, vaulting.failure.as_ref().map(|f| f.next_step))
        }
        _ => (Exit::Unknown, Some(NextStep::InquireWithSameRequestId)),
    }
}

fn row_report(vaulting: &Vaulting, headline: &str) -> Report {
    let (exit, step) = row_exit(vaulting);
    let report = Report::new(exit, "ledger", headline)
        .field(
            "vaultingRequestId",
            Some(vaulting.vaulting_request_id.as_str()),
        )
        .field("ledgerState", Some(vaulting.state.as_str()))
        .field(
            "failureCode",
            vaulting.failure.as_ref().map(|f| f.code.as_str()),
        )
        .field("conflict", vaulting.conflict.as_deref());
    match step {
        Some(step) => report.next_step(step),
        None => report,
    }
}

/// A row as `list` prints it: never the token.
fn row_json(v: &Vaulting) -> Value {
    json!({
        "vaultingRequestId": v.vaulting_request_id,
        "intentKey": v.intent_key,
        "attempt": v.attempt,
        "state": v.state.as_str(),
        "failureCode": v.failure.as_ref().map(|f| f.code.clone()),
        "nextStep": v.failure.as_ref().map(|f| f.next_step.as_str()),
        "conflict": v.conflict,
        "checks": v.checks,
        "delivered": v.delivered,
        "createdAtMs": v.created_at_ms,
    })
}

/// `ledger list`.
pub async fn list(args: LedgerListArgs) -> Result<Report, Failure> {
    let ledger = open(&args.file.ledger, &args.file.ledger_schema).await?;
    let filter = if args.pending {
        Filter::Pending
    } else {
        Filter::All
    };
    let rows = ledger
        .list(filter, usize::MAX)
        .await
        .map_err(ledger_error)?;
    let mut report = Report::new(
        Exit::Ok,
        "ledger",
        format!(
            "{} vaulting(s){}",
            rows.len(),
            if args.pending { " not final" } else { "" }
        ),
    );
    for row in &rows {
        report = report.note(format!(
            "  {}  {}{}",
            row.vaulting_request_id,
            row.state,
            row.failure
                .as_ref()
                .map(|f| format!(" ({})", f.code))
                .unwrap_or_default()
        ));
    }
    Ok(report.field(
        "vaultings",
        Some(Value::Array(rows.iter().map(row_json).collect())),
    ))
}

/// `ledger recover`.
pub async fn recover(args: LedgerRecoverArgs) -> Result<Report, Failure> {
    let ledger = open(&args.file.ledger, &args.file.ledger_schema).await?;
    let gateway = real_gateway(&args.gateway).await?;
    let mut options = RecoverOptions::default()
        .wait(args.deadline)
        .not_found_window(args.not_found_window)
        .resolve_deadline(args.deadline.max(Duration::from_secs(1)))
        .budget(InquiryBudget::per_second(args.rate));
    if let Some(lease) = args.lease {
        options = options.lease(lease);
    }
    let recovered = ledger.recover(&gateway.client, &options).await;
    gateway.close().await;
    let report = recovered.map_err(ledger_error)?;
    let (exit, outcome, headline) = if report.pending.is_empty() {
        (
            Exit::Ok,
            "recovered",
            "Every vaulting in the ledger is final.",
        )
    } else {
        (
            Exit::Unknown,
            "pending",
            "Some vaultings are still not final: run `ledger recover` again later.",
        )
    };
    let mut out = Report::new(exit, outcome, headline)
        .field("settled", Some(report.settled))
        .field("abandoned", Some(report.abandoned))
        .field("conflicts", Some(report.conflicts))
        .field("fenced", Some(report.fenced))
        .field(
            "pending",
            Some(Value::Array(
                report
                    .pending
                    .iter()
                    .map(|id| Value::from(id.as_str()))
                    .collect(),
            )),
        );
    if !report.pending.is_empty() {
        out = out.next_step(NextStep::InquireWithSameRequestId);
    }
    Ok(out)
}

/// `ledger deliveries`: the settled vaultings not taken yet, with their tokens.
pub async fn deliveries(args: LedgerFileArgs) -> Result<Report, Failure> {
    let ledger = open(&args.ledger, &args.ledger_schema).await?;
    let settled = ledger.deliveries(usize::MAX).await.map_err(ledger_error)?;
    let items: Vec<Value> = settled
        .iter()
        .map(|s| {
            json!({
                "vaultingRequestId": s.vaulting_request_id,
                "intentKey": s.intent_key,
                "attempt": s.attempt,
                "state": s.state.as_str(),
                "cardToken": s.card_token.as_ref().map(|t| t.expose()),
                "failureCode": s.failure.as_ref().map(|f| f.code.clone()),
                "nextStep": s.failure.as_ref().map(|f| f.next_step.as_str()),
            })
        })
        .collect();
    let mut report = Report::new(
        Exit::Ok,
        "deliveries",
        format!(
            "{} settled vaulting(s) not taken yet (`ledger ack ID...` once stored)",
            items.len()
        ),
    );
    for s in &settled {
        report = report.note(format!(
            "  {}  {}  {}",
            s.vaulting_request_id,
            s.state,
            s.card_token
                .as_ref()
                .map(|t| t.expose().to_string())
                .or_else(|| s.failure.as_ref().map(|f| f.code.clone()))
                .unwrap_or_default()
        ));
    }
    Ok(report.field("deliveries", Some(Value::Array(items))))
}

/// `ledger ack`: taken; the tokens are erased.
pub async fn ack(args: LedgerAckArgs) -> Result<Report, Failure> {
    let ledger = open(&args.file.ledger, &args.file.ledger_schema).await?;
    let mut acknowledged = Vec::new();
    for id in &args.ids {
        if ledger.acknowledge(id).await.map_err(ledger_error)? {
            acknowledged.push(Value::from(id.as_str()));
        }
    }
    Ok(Report::new(
        Exit::Ok,
        "acknowledged",
        format!(
            "{} acknowledged; their card tokens are erased from the ledger",
            acknowledged.len()
        ),
    )
    .field("acknowledged", Some(Value::Array(acknowledged))))
}

/// `ledger abandon`.
pub async fn abandon(args: LedgerAckArgs) -> Result<Report, Failure> {
    let ledger = open(&args.file.ledger, &args.file.ledger_schema).await?;
    let mut states = Vec::new();
    for id in &args.ids {
        let applied = ledger.abandon(id).await.map_err(ledger_error)?;
        let state = applied.vaulting().map_or("unknown", |v| v.state.as_str());
        states.push(json!({ "vaultingRequestId": id, "state": state }));
    }
    Ok(Report::new(
        Exit::Ok,
        "abandoned",
        "Abandoned (final ones left as they were)",
    )
    .field("vaultings", Some(Value::Array(states))))
}
