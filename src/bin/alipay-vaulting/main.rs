//! `alipay-vaulting`: vault cards, inquire, resolve, verify webhooks and check keys against
//! Alipay Global's card-vaulting API, or serve a local gateway simulator. See `--help`.

mod args;
mod duration;
mod exit;
mod gateway;
mod input;
mod inquire;
mod keydir;
mod keyfile;
mod keys_check;
mod ledger;
mod notify;
mod outcomes;
mod report;
mod sim;
mod vault;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command, KeysCommand, LedgerCommand, NotificationCommand};
use crate::exit::Failure;
use crate::report::Report;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2.
    let cli = Cli::parse();
    let report = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime
            .block_on(run(cli.command))
            .unwrap_or_else(Report::from),
        Err(e) => Report::from(Failure::config(
            "runtime",
            format!("cannot start the async runtime: {e}"),
        )),
    };
    report.print(cli.json);
    ExitCode::from(report.exit().code())
}

async fn run(command: Command) -> Result<Report, Failure> {
    match command {
        Command::Sim(args) => sim::run(args).await,
        Command::Vault(args) => vault::run(args).await,
        Command::Inquire(args) => inquire::inquire(args).await,
        Command::Resolve(args) => inquire::resolve(args).await,
        Command::Notification(NotificationCommand::Verify(args)) => notify::verify(args),
        Command::Keys(KeysCommand::Check(args)) => keys_check::run(args),
        Command::Ledger(LedgerCommand::List(args)) => ledger::list(args).await,
        Command::Ledger(LedgerCommand::Recover(args)) => ledger::recover(args).await,
        Command::Ledger(LedgerCommand::Deliveries(args)) => ledger::deliveries(args).await,
        Command::Ledger(LedgerCommand::Ack(args)) => ledger::ack(args).await,
        Command::Ledger(LedgerCommand::Abandon(args)) => ledger::abandon(args).await,
    }
}
