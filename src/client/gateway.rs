//! Where a client points: one of Alipay's gateways, this machine, or another host. A service can
//! log it at start-up, and refuse anything but Alipay's in production
//! ([`ClientBuilder::only_alipay_gateways`](super::ClientBuilder::only_alipay_gateways)).

use std::fmt;

use super::builder::Region;

/// Where a client's calls go.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Gateway {
    /// One of Alipay's gateways.
    Alipay {
        /// Which one.
        region: Region,
        /// Whether the client id is a sandbox one (`SANDBOX_...`, paths `/ams/sandbox/api`).
        sandbox: bool,
    },
    /// This machine (a loopback address or `localhost`): a simulator or a local stand-in.
    Local {
        /// `host:port`.
        address: String,
    },
    /// Another host: a staging gateway, a proxy of the service's own.
    Other {
        /// `host:port`.
        address: String,
    },
}

impl Gateway {
    /// Where `base_url` (as the builder checked it) points, for a client id.
    pub(crate) fn of(base_url: &str, client_id: &str) -> Gateway {
        let trimmed = base_url.trim_end_matches('/');
        if let Some(region) = Region::ALL.into_iter().find(|r| r.base_url() == trimmed) {
            return Gateway::Alipay {
                region,
                sandbox: client_id.starts_with("SANDBOX_"),
            };
        }
        let parsed = url::Url::parse(trimmed).ok();
        let address = parsed
            .as_ref()
            .map(|u| {
                format!(
                    "{}:{}",
                    u.host_str().unwrap_or_default(),
                    u.port_or_known_default().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let local = parsed.as_ref().is_some_and(|u| match u.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            None => false,
        });
        if local {
            Gateway::Local { address }
        } else {
            Gateway::Other { address }
        }
    }

    /// Whether this is one of Alipay's gateways (live or sandbox).
    pub fn is_alipay(&self) -> bool {
        matches!(self, Gateway::Alipay { .. })
    }
}

impl fmt::Display for Gateway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Gateway::Alipay { region, sandbox } => write!(
                f,
                "Alipay {region:?} ({}, {})",
                region.base_url(),
                if *sandbox { "sandbox" } else { "live" }
            ),
            Gateway::Local { address } => write!(f, "this machine ({address}): not Alipay"),
            Gateway::Other { address } => write!(f, "another host ({address}): not Alipay"),
        }
    }
}
