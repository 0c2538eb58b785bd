//! `inquire` and `resolve`: where a vaulting stands, by its vaultingRequestId.

use alipay_vaulting::types::InquireVaultingRequest;

use crate::args::{InquireArgs, ResolveArgs};
use crate::exit::Failure;
use crate::gateway;
use crate::outcomes;
use crate::report::Report;

/// One inquiry.
pub async fn inquire(args: InquireArgs) -> Result<Report, Failure> {
    let request = InquireVaultingRequest {
        vaulting_request_id: args.vaulting_request_id,
        merchant_account_id: args.merchant_account_id,
    };
    let sent = &request;
    let (outcome, embedded) =
        gateway::call(
            &args.gateway,
            |client| async move { client.inquire(sent).await },
        )
        .await?;
    warn_if_embedded(embedded);
    Ok(outcomes::inquiry(&request.vaulting_request_id, &outcome))
}

/// Inquiries until the vaulting is final or the deadline passes.
pub async fn resolve(args: ResolveArgs) -> Result<Report, Failure> {
    let id = args.vaulting_request_id;
    let (sent, deadline) = (&id, args.deadline);
    let (outcome, embedded) = gateway::call(&args.gateway, |client| async move {
        client.resolve(sent, deadline).await
    })
    .await?;
    warn_if_embedded(embedded);
    let report = outcomes::inquiry(&id, &outcome);
    Ok(if outcome.is_final() {
        report
    } else {
        report.note(format!(
            "(Still not final after the {:?} deadline.)",
            args.deadline
        ))
    })
}

fn warn_if_embedded(embedded: bool) {
    if embedded {
        eprintln!(
            "Note: the embedded simulator was just started and knows no vaulting from an earlier \
             command, so expect \"not found\"."
        );
    }
}
