//! The client the API commands call with: a real (or `sim`) gateway from flags and environment,
//! or, when no gateway is given, a simulator started in this process for the one command.

use std::path::Path;

use alipay_vaulting::keys::PrivateKey;
use alipay_vaulting::simulator::{Simulator, SimulatorConfig, SimulatorKeys};
use alipay_vaulting::{BuildError, Client, Region};

use crate::args::GatewayArgs;
use crate::exit::Failure;
use crate::report::Report;

/// The client id of the embedded simulator when none is given.
const EMBEDDED_CLIENT_ID: &str = "SANDBOX_SIMULATOR";

/// The `--gateway` value that asks for the embedded simulator explicitly.
pub const EMBEDDED: &str = "embedded";

/// A client, and the embedded simulator it calls when there is one (kept alive with it).
pub struct Gateway {
    pub client: Client,
    embedded: Option<Simulator>,
}

impl Gateway {
    /// Who answers this client's calls.
    pub fn source(&self) -> Source {
        let url = self.client.base_url().to_string();
        if self.embedded.is_some() {
            Source::Simulator {
                url,
                embedded: true,
            }
        } else if is_loopback(&url) {
            Source::Simulator {
                url,
                embedded: false,
            }
        } else {
            Source::Alipay
        }
    }

    /// Stops the embedded simulator, if any.
    pub async fn close(self) {
        if let Some(simulator) = self.embedded {
            simulator.shutdown().await;
        }
    }
}

/// Who answered: Alipay, or a simulator (the embedded one, or any gateway on this machine:
/// Alipay is never on loopback). Whatever the tool prints about a simulator's answer says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A gateway that is not on this machine.
    Alipay,
    /// A simulator.
    Simulator {
        /// Its base URL.
        url: String,
        /// Started by this command.
        embedded: bool,
    },
}

impl Source {
    /// The headline of a vaulted card.
    pub fn vaulted(&self, what: &str) -> String {
        match self {
            Source::Alipay => format!("{what}: the card is vaulted with Alipay."),
            Source::Simulator { .. } => format!(
                "{what}, by a simulator: a test answer. No card is stored with Alipay, and the \
                 token works only with this simulator."
            ),
        }
    }

    /// The report, marked as a simulator's answer where it is one.
    pub fn label(&self, report: Report) -> Report {
        match self {
            Source::Alipay => report,
            Source::Simulator { url, embedded } => {
                let which = if *embedded {
                    "the embedded simulator started for this command"
                } else {
                    "a gateway on this machine (a simulator, not Alipay)"
                };
                report
                    .field("answeredBy", Some("simulator"))
                    .note(format!("(This answer came from {which}, at {url}.)"))
            }
        }
    }
}

/// Whether a base URL's host is this machine.
fn is_loopback(url: &str) -> bool {
    url::Url::parse(url)
        .ok()
        .is_some_and(|url| match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            None => false,
        })
}

/// Connects, makes one call with the client, stops any embedded simulator, and turns an error
/// into its report: every API command runs through here.
pub async fn call<T, F, Fut>(args: &GatewayArgs, call: F) -> Result<(T, Source), Failure>
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Result<T, alipay_vaulting::Error>>,
{
    let gateway = connect(args).await?;
    let source = gateway.source();
    let answer = call(gateway.client.clone()).await;
    gateway.close().await;
    match answer {
        Ok(outcome) => Ok((outcome, source)),
        Err(e) => Err(crate::outcomes::error(&e)),
    }
}

/// Builds the client from `--gateway`/`ALIPAY_GATEWAY` and the rest. The embedded simulator
/// starts only when asked for (`--gateway embedded`), or when neither a gateway nor any
/// credential is given: a credential without a gateway is a configuration error, so a
/// forgotten `ALIPAY_GATEWAY` never turns a real vaulting into a simulated one.
pub async fn connect(args: &GatewayArgs) -> Result<Gateway, Failure> {
    match non_empty(args.gateway.as_deref()) {
        Some(gateway) if gateway.eq_ignore_ascii_case(EMBEDDED) => embedded(args).await,
        Some(gateway) => remote(gateway, args).map(|client| Gateway {
            client,
            embedded: None,
        }),
        None => match first_credential(args) {
            Some(given) => Err(Failure::config(
                "missingSetting",
                format!(
                    "{given} is given but no gateway: give --gateway / ALIPAY_GATEWAY (a URL or \
                     a region: na, asia, eu, us)"
                ),
            )
            .hint("for the embedded simulator, give --gateway embedded")),
            None => embedded(args).await,
        },
    }
}

/// The first credential given, by its flag and variable.
fn first_credential(args: &GatewayArgs) -> Option<&'static str> {
    if non_empty(args.client_id.as_deref()).is_some() {
        Some("a client id (--client-id / ALIPAY_CLIENT_ID)")
    } else if args.private_key.is_some() {
        Some("a merchant private key (--private-key / ALIPAY_PRIVATE_KEY)")
    } else if args.public_key.is_some() {
        Some("an Alipay public key (--public-key / ALIPAY_PUBLIC_KEY)")
    } else {
        None
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
        "Using an embedded simulator at {} for this command only, not Alipay: its answers are \
         test answers. It holds no state from earlier commands and its 3-D Secure pages close \
         when the command exits; run `alipay-vaulting sim` for a lasting one.",
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
    .hint("--gateway embedded uses the embedded simulator, which needs none of these")
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}
