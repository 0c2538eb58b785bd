//! `vault`: send a vaultPaymentMethod request read from a file or stdin.

use crate::args::VaultArgs;
use crate::exit::Failure;
use crate::report::Report;
use crate::{gateway, input, outcomes};

pub async fn run(args: VaultArgs) -> Result<Report, Failure> {
    // Read and check the request before starting anything: invalid input exits 2 at once.
    let bytes = input::read_source(&args.request, "vault request")?;
    let request = input::vault_request(&bytes)?;
    drop(bytes);
    if let Some(path) = &args.ledger {
        return crate::ledger::vault(path, &args.ledger_schema, &args.gateway, &request).await;
    }
    let sent = &request;
    let (outcome, source) = gateway::call(&args.gateway, |client| async move {
        client.vault_payment_method(sent).await
    })
    .await?;
    Ok(outcomes::vault(
        &request.vaulting_request_id,
        &outcome,
        &source,
    ))
}
