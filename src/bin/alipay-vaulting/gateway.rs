//! The client the API commands call with: a real (or `sim`) gateway from flags and environment,
//! or, when no gateway is given, a simulator started in this process for the one command.

use std::path::Path;

use alipay_vaulting::keys::PrivateKey;
use alipay_vaulting::simulator::{Simulator, SimulatorConfig, SimulatorKeys};
use alipay_vaulting::{BuildError, Client, Region};

use crate::args::GatewayArgs;
use crate::exit::Failure;

/// The client id of the embedded simulator when none is given.
const EMBEDDED_CLIENT_ID: &str = "SANDBOX_SIMULATOR";

/// A client, and the embedded simulator it calls when there is one (kept alive with it).
pub struct Gateway {
    pub client: Client,
    embedded: Option<Simulator>,
}

impl Gateway {
    /// Whether the client calls a simulator started by this process.
    pub fn is_embedded(&self) -> bool {
        self.embedded.is_some()
    }

    /// Stops the embedded simulator, if any.
    pub async fn close(self) {
        if let Some(simulator) = self.embedded {
            simulator.shutdown().await;
        }
    }
}

/// Connects, makes one call with the client, stops any embedded simulator, and turns an error
/// into its report: every API command runs through here.
pub async fn call<T, F, Fut>(args: &GatewayArgs, call: F) -> Result<(T, bool), Failure>
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Result<T, alipay_vaulting::Error>>,
{
    let gateway = connect(args).await?;
    let embedded = gateway.is_embedded();
    let answer = call(gateway.client.clone()).await;
    gateway.close().await;
    answer
        .map(|outcome| (outcome, embedded))
        .map_err(|e| crate::outcomes::error(&e))
}

/// Builds the client from `--gateway`/`ALIPAY_GATEWAY` and the rest, or starts the embedded
/// simulator when no gateway is given.
pub async fn connect(args: &GatewayArgs) -> Result<Gateway, Failure> {
    match non_empty(args.gateway.as_deref()) {
        Some(gateway) => remote(gateway, args).map(|client| Gateway {
            client,
            embedded: None,
        }),
        None => embedded(args).await,
    }
}

fn remote(gateway: &str, args: &GatewayArgs) -> Result<Client, Failure> {
    let client_id = non_empty(args.client_id.as_deref()).ok_or_else(|| {
        missing(
            "client id",
            "--client-id",
            "ALIPAY_CLIENT_ID",
            "the id Alipay assigned",
        )
    })?;
    let private_key = args.private_key.as_deref().ok_or_else(|| {
        missing(
            "merchant private key",
            "--private-key",
            "ALIPAY_PRIVATE_KEY",
            "a file holding it",
        )
    })?;
    let public_key = args.public_key.as_deref().ok_or_else(|| {
        missing(
            "Alipay public key",
            "--public-key",
            "ALIPAY_PUBLIC_KEY",
            "a file holding the gateway's public key",
        )
    })?;
    let builder = Client::builder()
        .timeout(args.timeout)
        .client_id(client_id)
        .merchant_private_key_file(private_key)
        .alipay_public_key_file(public_key);
    let builder = match region(gateway) {
        Some(region) => builder.region(region),
        None => builder.base_url(gateway),
    };
    builder.build().map_err(|error| {
        // Name the file of a key that does not load.
        let file = match &error {
            BuildError::Key { which, .. } if which.starts_with("merchant") => Some(private_key),
            BuildError::Key { .. } => Some(public_key),
            _ => None,
        };
        let mut failure = build_error(error);
        if let Some(file) = file {
            failure.message = format!("{} (file {})", failure.message, file.display());
        }
        failure
    })
}

async fn embedded(args: &GatewayArgs) -> Result<Gateway, Failure> {
    let merchant = match &args.private_key {
        Some(path) => load_private_key(path)?,
        None => PrivateKey::generate().map_err(|e| Failure::config("key", e.to_string()))?,
    };
    let gateway_key = PrivateKey::generate().map_err(|e| Failure::config("key", e.to_string()))?;
    let keys = SimulatorKeys {
        gateway: gateway_key,
        merchant_public: merchant.public_key(),
        merchant_private: Some(merchant),
    };
    let client_id = non_empty(args.client_id.as_deref()).unwrap_or(EMBEDDED_CLIENT_ID);
    let simulator = Simulator::start(SimulatorConfig::new(keys).client_id(client_id))
        .await
        .map_err(|e| Failure::config("simulator", format!("cannot start the simulator: {e}")))?;
    eprintln!(
        "No gateway given (--gateway / ALIPAY_GATEWAY): using an embedded simulator at {} for \
         this command only. It holds no state from earlier commands and its 3-D Secure pages \
         close when the command exits; run `alipay-vaulting sim` for a lasting one.",
        simulator.base_url()
    );
    if args.public_key.is_some() {
        eprintln!(
            "Note: the Alipay public key given is not used: the embedded simulator signs with \
             its own gateway key."
        );
    }
    let client = simulator
        .client_builder()
        .timeout(args.timeout)
        .build()
        .map_err(build_error)?;
    Ok(Gateway {
        client,
        embedded: Some(simulator),
    })
}

/// A region name (`na`, `asia`, `eu`, `us`, any case), if `gateway` is one.
fn region(gateway: &str) -> Option<Region> {
    match gateway.to_ascii_lowercase().as_str() {
        "na" | "north-america" => Some(Region::NorthAmerica),
        "asia" | "sea" => Some(Region::Asia),
        "eu" | "europe" => Some(Region::Europe),
        "us" => Some(Region::UnitedStates),
        _ => None,
    }
}

/// Loads a private key file for the embedded simulator's merchant.
fn load_private_key(path: &Path) -> Result<PrivateKey, Failure> {
    let text = zeroize::Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
        Failure::config(
            "keySource",
            format!(
                "cannot read the merchant private key from {}: {e}",
                path.display()
            ),
        )
    })?);
    PrivateKey::parse(&text).map_err(|e| {
        Failure::config(
            "key",
            format!("merchant private key ({}): {e}", path.display()),
        )
    })
}

fn build_error(error: BuildError) -> Failure {
    let failure = Failure::config("configuration", error.to_string());
    match error {
        BuildError::BaseUrl { .. } => failure.hint(
            "--gateway takes a URL (https, or http on 127.0.0.1 for a simulator) or a region: \
             na, asia, eu, us",
        ),
        _ => failure,
    }
}

fn missing(what: &str, flag: &str, env: &str, value: &str) -> Failure {
    Failure::config(
        "missingSetting",
        format!("no {what}: give {flag} or set {env} ({value})"),
    )
    .hint("without --gateway / ALIPAY_GATEWAY, an embedded simulator needs none of these")
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}
