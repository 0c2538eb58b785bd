//! The command line, as clap derives it. Every command and flag is documented here; `--help`
//! shows it.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::duration::parse_duration;
use crate::exit::EXIT_CODES_HELP;

/// Alipay Global card vaulting from the command line: vault a card, ask where a vaulting
/// stands, check webhooks and keys, or run a local gateway simulator.
#[derive(Debug, Parser)]
#[command(name = "alipay-vaulting", version, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Print one JSON object (outcome, nextStep, the fields, exitCode) instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the gateway simulator on 127.0.0.1 until Ctrl-C or SIGTERM (exit 0).
    ///
    /// In the key directory, the gateway key pair and a merchant test key pair are created on
    /// first use (the six files per role of tests/fixtures/keys: <role>_private_pkcs8.{b64,pem},
    /// <role>_private_pkcs1.{b64,pem}, <role>_public_spki.{b64,pem}) and reused afterwards. To
    /// use your own merchant key, put only merchant_public_spki.b64 (or .pem) there. Prints the
    /// base URL (first line), the key directory and the client id; logs each request and
    /// notification attempt to stderr.
    Sim(SimArgs),

    /// Vault a card (vaultPaymentMethod) from a request in wire-format JSON.
    ///
    /// The request is the API document's body, e.g. {"vaultingRequestId": "...",
    /// "vaultingNotificationUrl": "...", "redirectUrl": "...", "paymentMethodDetail":
    /// {"paymentMethodType": "CARD", "card": {"cardNo": "...", "expiryYear": "30",
    /// "expiryMonth": "12", "cvv": "..."}}, "env": {"terminalType": "WEB"}}. It is checked
    /// against the spec before anything is sent. The card number and CVV are never printed.
    ///
    /// Without --gateway / ALIPAY_GATEWAY, an embedded simulator is started for this one call.
    #[command(after_help = EXIT_CODES_HELP)]
    Vault(VaultArgs),

    /// Ask where a vaulting stands (inquireVaulting), by its vaultingRequestId.
    ///
    /// Needs a gateway (--gateway / ALIPAY_GATEWAY): a region, a URL, or a running
    /// `alipay-vaulting sim`. The embedded simulator serves `vault` only.
    #[command(after_help = EXIT_CODES_HELP)]
    Inquire(InquireArgs),

    /// Inquire until the vaulting is final or the deadline passes (after an unknown outcome).
    ///
    /// Uses the same vaultingRequestId; never vaults again. Needs a gateway (see `inquire`).
    #[command(after_help = EXIT_CODES_HELP)]
    Resolve(ResolveArgs),

    /// Webhook tools.
    #[command(subcommand)]
    Notification(NotificationCommand),

    /// Key tools.
    #[command(subcommand)]
    Keys(KeysCommand),

    /// The vaulting ledger (a SQLite file): what it holds, recovery, deliveries.
    ///
    /// `vault --ledger PATH` records each vaulting before sending it. After a crash, a lost
    /// answer or a timeout, `ledger recover` settles every vaulting not final with the same
    /// vaultingRequestId (never a new one); `ledger deliveries` shows the settled ones not taken
    /// yet (with their card tokens) and `ledger ack` marks them taken, erasing the tokens.
    #[command(subcommand)]
    Ledger(LedgerCommand),
}

/// Where the gateway is and who calls it: flags, or the environment.
#[derive(Debug, Args)]
pub struct GatewayArgs {
    /// The gateway: a URL (https, or http on loopback, e.g. a `sim`), a region (na, asia, eu,
    /// us), or `embedded` for a simulator started for the one call. Without it, the embedded
    /// simulator starts only when no credential is given either.
    #[arg(long, env = "ALIPAY_GATEWAY", value_name = "URL|REGION")]
    pub gateway: Option<String>,

    /// The client id Alipay assigned (SANDBOX_... for the sandbox).
    #[arg(long, env = "ALIPAY_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,

    /// A file holding the merchant private key (PKCS#8 or PKCS#1, base64 or PEM).
    #[arg(
        long,
        env = "ALIPAY_PRIVATE_KEY",
        value_name = "FILE",
        hide_env_values = true
    )]
    pub private_key: Option<PathBuf>,

    /// A file holding the Alipay (gateway) public key, not the merchant's public key.
    #[arg(
        long,
        env = "ALIPAY_PUBLIC_KEY",
        value_name = "FILE",
        hide_env_values = true
    )]
    pub public_key: Option<PathBuf>,

    /// The timeout of one attempt, e.g. 15s or 500ms (as the official SDKs: 15s).
    #[arg(long, env = "ALIPAY_TIMEOUT", value_name = "DURATION", default_value = "15s", value_parser = parse_duration)]
    pub timeout: Duration,

    /// A PEM file of CA certificates to trust for the gateway's TLS certificate, besides the
    /// system's (a TLS-inspecting proxy's CA, a staging gateway's).
    #[arg(long, env = "ALIPAY_CA_CERT", value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// A proxy for every call (http://[user:password@]host:port). Without it, HTTPS_PROXY,
    /// ALL_PROXY and NO_PROXY apply.
    #[arg(long, env = "ALIPAY_PROXY", value_name = "URL", hide_env_values = true)]
    pub proxy: Option<String>,

    /// Call the gateway directly, whatever --proxy, ALIPAY_PROXY or HTTPS_PROXY say.
    #[arg(long)]
    pub no_proxy: bool,
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// The key directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub keys: PathBuf,

    /// The client id printed for callers (requests with any client id are served).
    #[arg(long, value_name = "ID", default_value = "SANDBOX_SIMULATOR")]
    pub client_id: String,

    /// Scales the notification resend schedule (e.g. 0.001 turns 2 minutes into 0.12 s).
    #[arg(long, value_name = "F", default_value_t = 1.0, value_parser = parse_time_factor)]
    pub time_factor: f64,

    /// A fault to inject, e.g. latency=250ms, drop-after, status=503, malformed, no-signature,
    /// bad-signature, or an answer the documents allow: register-delay=3s (processed late),
    /// string-scalars, app-link-url; optional ,op=vault|inquire and ,times=N. Repeatable.
    #[arg(long, value_name = "RULE")]
    pub fault: Vec<String>,

    /// Serve HTTPS (HTTP/1.1 and HTTP/2) at https://localhost:PORT with this certificate chain
    /// (PEM, made for `localhost`); callers trust its CA with --ca-cert. Needs --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// The private key of --tls-cert (PEM).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VaultArgs {
    /// The request file, or - for stdin.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub request: String,

    /// Record the vaulting in this ledger (a SQLite file, created on first use, or a
    /// PostgreSQL URL, postgres://...) before sending it, and what came back after: whatever
    /// happens to this process, `ledger recover` settles it. Needs a real gateway (not the
    /// embedded simulator).
    #[arg(
        long,
        env = "ALIPAY_LEDGER",
        value_name = "PATH|URL",
        hide_env_values = true
    )]
    pub ledger: Option<PathBuf>,

    /// The PostgreSQL schema of the ledger's tables.
    #[arg(
        long,
        env = "ALIPAY_LEDGER_SCHEMA",
        value_name = "NAME",
        default_value = "alipay_vaulting"
    )]
    pub ledger_schema: String,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

#[derive(Debug, Args)]
pub struct InquireArgs {
    /// The vaultingRequestId of the vaulting.
    #[arg(value_name = "ID")]
    pub vaulting_request_id: String,

    /// The merchant account the vaulting belongs to.
    #[arg(long, value_name = "X")]
    pub merchant_account_id: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The vaultingRequestId of the vaulting.
    #[arg(value_name = "ID")]
    pub vaulting_request_id: String,

    /// How long to keep inquiring, e.g. 60s, 500ms, 2m (a bare number is seconds).
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub deadline: Duration,

    /// How long inquiries must keep answering "not found" before it is believed (default 30s,
    /// never less than --timeout): a request still in flight may land meanwhile.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub not_found_window: Option<Duration>,

    /// The merchant account the vaulting belongs to (merchants with one client id for several).
    #[arg(long, value_name = "ID")]
    pub merchant_account_id: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// List the vaultings the ledger holds (card tokens never shown; `deliveries` does).
    #[command(after_help = EXIT_CODES_HELP)]
    List(LedgerListArgs),

    /// Settle every vaulting not final: resolve each with its own vaultingRequestId, waiting
    /// within --deadline for those whose check is not due yet (an intent whose sender may still
    /// be alive). Exit 0 when every vaulting is final, 30 (with the ids) when some are not.
    #[command(after_help = EXIT_CODES_HELP)]
    Recover(LedgerRecoverArgs),

    /// The settled vaultings not taken yet, with their card tokens (the answer you ask for):
    /// store them, then `ledger ack` them.
    #[command(after_help = EXIT_CODES_HELP)]
    Deliveries(LedgerFileArgs),

    /// Mark settled vaultings as taken: their card tokens are erased from the ledger.
    #[command(after_help = EXIT_CODES_HELP)]
    Ack(LedgerAckArgs),

    /// End a vaulting that is not final as abandoned (an operator's decision).
    #[command(after_help = EXIT_CODES_HELP)]
    Abandon(LedgerAckArgs),
}

/// The ledger file.
#[derive(Debug, Args)]
pub struct LedgerFileArgs {
    /// The ledger: a SQLite file, or a PostgreSQL URL (postgres://...) shared by a fleet.
    #[arg(
        long,
        env = "ALIPAY_LEDGER",
        value_name = "PATH|URL",
        hide_env_values = true
    )]
    pub ledger: PathBuf,

    /// The PostgreSQL schema of the ledger's tables.
    #[arg(
        long,
        env = "ALIPAY_LEDGER_SCHEMA",
        value_name = "NAME",
        default_value = "alipay_vaulting"
    )]
    pub ledger_schema: String,
}

#[derive(Debug, Args)]
pub struct LedgerListArgs {
    #[command(flatten)]
    pub file: LedgerFileArgs,

    /// Only the vaultings that are not final.
    #[arg(long)]
    pub pending: bool,
}

#[derive(Debug, Args)]
pub struct LedgerAckArgs {
    #[command(flatten)]
    pub file: LedgerFileArgs,

    /// The vaultingRequestIds.
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LedgerRecoverArgs {
    #[command(flatten)]
    pub file: LedgerFileArgs,

    /// How long to go on, waiting for vaultings whose check is not due yet, e.g. 60s, 2m.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub deadline: Duration,

    /// How long inquiries must keep answering "not found" before it is believed (never less
    /// than the timeout the vaulting was sent with, which the ledger keeps).
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub not_found_window: Duration,

    /// Inquiries per second at most (a traffic-limit answer pauses them).
    #[arg(long, value_name = "N", default_value_t = 20.0)]
    pub rate: f64,

    /// How long a claim holds a vaulting before another recovery may take it (default: the
    /// deadline or the window, whichever is longer, plus 30s). A recovery killed mid-claim
    /// loses nothing: its vaultings come back when their leases end.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub lease: Option<Duration>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

#[derive(Debug, Subcommand)]
pub enum NotificationCommand {
    /// Verify a captured notifyVaulting webhook (method POST) with the Alipay public key.
    ///
    /// Prints the typed notification when the signature verifies, else the typed reason.
    /// Example: alipay-vaulting notification verify --path /notify/vaulting
    ///   --header 'client-id: SANDBOX_...' --header 'request-time: 1700000000000'
    ///   --header 'signature: algorithm=RSA256,keyVersion=1,signature=...' --body body.json
    #[command(after_help = EXIT_CODES_HELP)]
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The path the notification was posted to, raw as received (e.g. /notify/vaulting).
    #[arg(long, value_name = "P")]
    pub path: String,

    /// A request header as 'name: value'. Repeatable; client-id, request-time and signature
    /// are needed.
    #[arg(long = "header", short = 'H', value_name = "'NAME: VALUE'")]
    pub headers: Vec<String>,

    /// The raw body as received: a file, or - for stdin.
    #[arg(long, value_name = "FILE|-", default_value = "-")]
    pub body: String,

    /// Also require this client id.
    #[arg(long, env = "ALIPAY_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,

    /// A file holding the Alipay (gateway) public key.
    #[arg(
        long,
        env = "ALIPAY_PUBLIC_KEY",
        value_name = "FILE",
        hide_env_values = true
    )]
    pub public_key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Load keys (any format) and print format, size and fingerprint; with both keys, check
    /// that they are a pair (sign with the private key, verify with the public key).
    ///
    /// Reads only the files given here, not the ALIPAY_* environment. To check a merchant key
    /// pair: --private-key merchant_private_pkcs8.b64 --public-key merchant_public_spki.b64.
    #[command(after_help = EXIT_CODES_HELP)]
    Check(KeysCheckArgs),
}

#[derive(Debug, Args)]
pub struct KeysCheckArgs {
    /// A private key file (PKCS#8 or PKCS#1; base64, PEM or binary DER).
    #[arg(long, value_name = "FILE")]
    pub private_key: Option<PathBuf>,

    /// A public key file (X.509 SubjectPublicKeyInfo or PKCS#1; base64, PEM or binary DER).
    #[arg(long, value_name = "FILE")]
    pub public_key: Option<PathBuf>,
}

fn parse_time_factor(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() && f > 0.0 => Ok(f),
        _ => Err("expected a number above 0, e.g. 1 or 0.001".into()),
    }
}
