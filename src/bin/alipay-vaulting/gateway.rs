//! The client the API commands call with: a real (or `sim`) gateway from flags and environment,
//! or, when no gateway is given, a simulator started in this process for the one command.

use std::path::Path;

use alipay_vaulting::keys::PrivateKey;
use alipay_vaulting::simulator::{Simulator, SimulatorConfig, SimulatorKeys};
use alipay_vaulting::{BuildError, Client, ClientBuilder};

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

/// A real gateway, or a configuration error for the commands whose answer would mean nothing
/// from the embedded simulator (it knows no vaulting from an earlier command: its "not found"
/// would read as "safe to vault again").
pub fn require_real(args: &GatewayArgs, command: &str) -> Result<(), Failure> {
    let named = non_empty(args.gateway.as_deref());
    let embedded = match named {
        Some(gateway) => gateway.trim().eq_ignore_ascii_case(EMBEDDED),
        None => first_credential(args).is_none(),
    };
    if embedded {
        return Err(Failure::config(
            "noGateway",
            format!(
                "`{command}` needs a gateway: give --gateway / ALIPAY_GATEWAY (a URL or a region: \
                 na, asia, eu, us), or start `alipay-vaulting sim` and point --gateway at it. The \
                 embedded simulator serves `vault` only: it knows no vaulting from an earlier \
                 command, so its \"not found\" would mean nothing"
            ),
        ));
    }
    Ok(())
}

/// Builds the client from `--gateway`/`ALIPAY_GATEWAY` and the rest. The embedded simulator
/// starts only when asked for (`--gateway embedded`), or when neither a gateway nor any
/// credential is given: a credential without a gateway is a configuration error, so a
/// forgotten `ALIPAY_GATEWAY` never turns a real vaulting into a simulated one.
pub async fn connect(args: &GatewayArgs) -> Result<Gateway, Failure> {
    match non_empty(args.gateway.as_deref()) {
        Some(gateway) if gateway.eq_ignore_ascii_case(EMBEDDED) => embedded(args).await,
        Some(_) => remote(args).map(|client| Gateway {
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

/// The client of a real (or `sim`) gateway: `ClientBuilder::from_vars`, the reading of the
/// `ALIPAY_*` settings services use, fed with the flags (clap has already merged each flag with
/// its variable).
fn remote(args: &GatewayArgs) -> Result<Client, Failure> {
    let path = |p: &Option<std::path::PathBuf>| p.as_ref().map(|p| p.display().to_string());
    let lookup = |variable: &str| -> Option<String> {
        match variable {
            "ALIPAY_GATEWAY" => args.gateway.clone(),
            "ALIPAY_CLIENT_ID" => args.client_id.clone(),
            "ALIPAY_PRIVATE_KEY" => path(&args.private_key),
            "ALIPAY_PUBLIC_KEY" => path(&args.public_key),
            "ALIPAY_CA_CERT" => path(&args.ca_cert),
            "ALIPAY_PROXY" if args.no_proxy => Some("none".into()),
            "ALIPAY_PROXY" => args.proxy.clone(),
            "ALIPAY_TIMEOUT" => Some(format!("{}ms", args.timeout.as_millis().max(1))),
            // No flag: the environment only.
            other => std::env::var(other).ok(),
        }
    };
    ClientBuilder::from_vars(lookup)
        .and_then(ClientBuilder::build)
        .map_err(build_error)
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
    match &error {
        BuildError::Env { variable, reason } => {
            let setting = match flag(variable) {
                Some(flag) => format!("{flag} / {variable}"),
                None => variable.to_string(),
            };
            let kind = if reason == "not set" {
                "missingSetting"
            } else {
                "configuration"
            };
            let failure = Failure::config(kind, format!("{setting}: {reason}"));
            if reason == "not set" {
                failure.hint(
                    "--gateway embedded uses the embedded simulator, which needs none of these",
                )
            } else {
                failure
            }
        }
        BuildError::BaseUrl { .. } => Failure::config("configuration", error.to_string()).hint(
            "--gateway takes a URL (https, or http on 127.0.0.1 for a simulator) or a region: \
             na, asia, eu, us",
        ),
        _ => Failure::config("configuration", error.to_string()),
    }
}

/// The flag of a setting that has one.
fn flag(variable: &str) -> Option<&'static str> {
    Some(match variable {
        "ALIPAY_GATEWAY" => "--gateway",
        "ALIPAY_CLIENT_ID" => "--client-id",
        "ALIPAY_PRIVATE_KEY" => "--private-key",
        "ALIPAY_PUBLIC_KEY" => "--public-key",
        "ALIPAY_CA_CERT" => "--ca-cert",
        "ALIPAY_PROXY" => "--proxy",
        "ALIPAY_TIMEOUT" => "--timeout",
        _ => return None,
    })
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}
