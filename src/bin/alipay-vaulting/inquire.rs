//! `inquire` and `resolve`: where a vaulting stands, by its vaultingRequestId.

use std::time::Instant;

use alipay_vaulting::types::InquireVaultingRequest;
use alipay_vaulting::ResolveOptions;

use crate::args::{InquireArgs, ResolveArgs};
use crate::exit::Failure;
use crate::gateway;
use crate::outcomes;
use crate::report::Report;

/// One inquiry.
pub async fn inquire(args: InquireArgs) -> Result<Report, Failure> {
    gateway::require_real(&args.gateway, "inquire")?;
    let request = InquireVaultingRequest {
        vaulting_request_id: args.vaulting_request_id,
        merchant_account_id: args.merchant_account_id,
    };
    let sent = &request;
    let (outcome, source) =
        gateway::call(
            &args.gateway,
            |client| async move { client.inquire(sent).await },
        )
        .await?;
    Ok(outcomes::inquiry(
        &request.vaulting_request_id,
        &outcome,
        &source,
    ))
}

/// Inquiries until the vaulting is final or the deadline passes.
pub async fn resolve(args: ResolveArgs) -> Result<Report, Failure> {
    gateway::require_real(&args.gateway, "resolve")?;
    let mut options = ResolveOptions::new(args.vaulting_request_id.clone()).deadline(args.deadline);
    if let Some(id) = args.merchant_account_id {
        options = options.merchant_account_id(id);
    }
    if let Some(window) = args.not_found_window {
        options = options.not_found_window(window);
    }
    let started = Instant::now();
    let sent = &options;
    let (outcome, source) = gateway::call(&args.gateway, |client| async move {
        client.resolve_with(sent).await
    })
    .await?;
    let took = started.elapsed();
    let report = outcomes::inquiry(&args.vaulting_request_id, &outcome, &source);
    Ok(if outcome.is_final() {
        report
    } else {
        report.note(format!(
            "(Not final yet: still not settled after {:.1} s of the {:?} deadline.)",
            took.as_secs_f64(),
            args.deadline
        ))
    })
}
