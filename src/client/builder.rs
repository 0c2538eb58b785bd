//! Configuration of a [`Client`]: identity, keys, gateway, timeouts. Every setting is checked in
//! [`ClientBuilder::build`], before any request exists.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::{Clock, SystemClock};
use crate::error::BuildError;
use crate::hooks::{HookState, Signer};
use crate::keys::{PrivateKey, PublicKey};
use crate::retry::RetryPolicy;
use crate::signing::DEFAULT_KEY_VERSION;
use crate::Client;

/// Alipay's gateways. Sandbox client ids (`SANDBOX_...`) use the same hosts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// North America: `https://open-na-global.alipay.com`.
    NorthAmerica,
    /// Asia: `https://open-sea-global.alipay.com`.
    Asia,
    /// Europe: `https://open-de-global.alipay.com`.
    Europe,
    /// Merchants contracted in the United States: `https://open.antglobal-us.com`.
    UnitedStates,
}

impl Region {
    /// The gateway's base URL.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::NorthAmerica => "https://open-na-global.alipay.com",
            Region::Asia => "https://open-sea-global.alipay.com",
            Region::Europe => "https://open-de-global.alipay.com",
            Region::UnitedStates => "https://open.antglobal-us.com",
        }
    }
}

/// The default limit on a response body. Real responses are a few kilobytes.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 1024 * 1024;
/// The default timeout of one attempt, as in Alipay's official SDKs.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// The default timeout for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Builds a [`Client`]. Start with [`Client::builder`].
#[must_use]
pub struct ClientBuilder {
    client_id: Option<String>,
    private_key: Option<Result<PrivateKey, BuildError>>,
    public_key: Option<Result<PublicKey, BuildError>>,
    base_url: Option<String>,
    key_version: String,
    timeout: Duration,
    connect_timeout: Duration,
    max_response_bytes: usize,
    clock: Arc<dyn Clock>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("client_id", &self.client_id)
            .field("base_url", &self.base_url)
            .field("key_version", &self.key_version)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            client_id: None,
            private_key: None,
            public_key: None,
            base_url: None,
            key_version: DEFAULT_KEY_VERSION.to_string(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            clock: Arc::new(SystemClock),
            retry: RetryPolicy::default(),
        }
    }
}

fn read_file(path: &Path) -> Result<String, BuildError> {
    std::fs::read_to_string(path).map_err(|e| BuildError::KeySource {
        source: path.display().to_string(),
        reason: e.kind().to_string(),
    })
}

fn read_env(var: &str) -> Result<String, BuildError> {
    std::env::var(var).map_err(|e| BuildError::KeySource {
        source: format!("environment variable {var}"),
        reason: match e {
            std::env::VarError::NotPresent => "not set".into(),
            std::env::VarError::NotUnicode(_) => "not valid UTF-8".into(),
        },
    })
}

const MERCHANT_KEY: &str = "merchant private key";
const ALIPAY_KEY: &str = "Alipay public key";

fn private(text: Result<String, BuildError>) -> Result<PrivateKey, BuildError> {
    let text = zeroize::Zeroizing::new(text?);
    PrivateKey::parse(&text).map_err(|error| BuildError::Key {
        which: MERCHANT_KEY,
        error,
    })
}

fn public(text: Result<String, BuildError>) -> Result<PublicKey, BuildError> {
    PublicKey::parse(&text?).map_err(|error| BuildError::Key {
        which: ALIPAY_KEY,
        error,
    })
}

impl ClientBuilder {
    /// The client id Alipay assigned (`SANDBOX_...` for the sandbox). Required.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// The merchant private key that signs requests. Required (or one of the variants below).
    pub fn merchant_private_key(mut self, key: PrivateKey) -> Self {
        self.private_key = Some(Ok(key));
        self
    }

    /// The merchant private key as text: PKCS#8 or PKCS#1, base64 (as the dashboard gives it)
    /// or PEM.
    pub fn merchant_private_key_text(mut self, text: &str) -> Self {
        self.private_key = Some(private(Ok(text.to_string())));
        self
    }

    /// The merchant private key from a file holding it as text.
    pub fn merchant_private_key_file(mut self, path: impl AsRef<Path>) -> Self {
        self.private_key = Some(private(read_file(path.as_ref())));
        self
    }

    /// The merchant private key from an environment variable holding it as text.
    pub fn merchant_private_key_env(mut self, var: &str) -> Self {
        self.private_key = Some(private(read_env(var)));
        self
    }

    /// The Alipay (gateway) public key that verifies responses. Not the merchant's public key.
    pub fn alipay_public_key(mut self, key: PublicKey) -> Self {
        self.public_key = Some(Ok(key));
        self
    }

    /// The Alipay public key as text: X.509 SubjectPublicKeyInfo in base64 or PEM.
    pub fn alipay_public_key_text(mut self, text: &str) -> Self {
        self.public_key = Some(public(Ok(text.to_string())));
        self
    }

    /// The Alipay public key from a file.
    pub fn alipay_public_key_file(mut self, path: impl AsRef<Path>) -> Self {
        self.public_key = Some(public(read_file(path.as_ref())));
        self
    }

    /// The Alipay public key from an environment variable.
    pub fn alipay_public_key_env(mut self, var: &str) -> Self {
        self.public_key = Some(public(read_env(var)));
        self
    }

    /// The gateway of a region. One of `region` or `base_url` is required.
    pub fn region(mut self, region: Region) -> Self {
        self.base_url = Some(region.base_url().to_string());
        self
    }

    /// A custom gateway, e.g. a local simulator. Must be `https`, or plain `http` on a loopback
    /// address (`127.0.0.0/8`, `::1`, `localhost`) only; no path, query or credentials.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The key version sent in the `signature` header (default `1`).
    pub fn key_version(mut self, version: impl Into<String>) -> Self {
        self.key_version = version.into();
        self
    }

    /// The timeout of one attempt, from sending to the last byte of the response (default 15 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The timeout for opening a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The largest response body accepted (default 1 MiB); a larger one is refused unread.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The clock that stamps `request-time` (tests inject a [`FixedClock`](crate::clock::FixedClock)).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// When calls are retried (only what is safe; see [`crate::retry`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Checks every setting and builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        let client_id = self.client_id.ok_or(BuildError::Missing {
            setting: "client_id",
        })?;
        if client_id.is_empty()
            || client_id.len() > 128
            || !client_id.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(BuildError::Invalid {
                setting: "client_id",
                reason: "must be 1 to 128 visible ASCII characters".into(),
            });
        }
        if self.key_version.is_empty()
            || !self
                .key_version
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-')
        {
            return Err(BuildError::Invalid {
                setting: "key_version",
                reason: "must be letters, digits, '.', '_' or '-'".into(),
            });
        }
        let private_key = self.private_key.ok_or(BuildError::Missing {
            setting: "merchant_private_key",
        })??;
        let alipay_public_key = self.public_key.ok_or(BuildError::Missing {
            setting: "alipay_public_key",
        })??;
        let base_url = check_base_url(&self.base_url.ok_or(BuildError::Missing {
            setting: "region or base_url",
        })?)?;
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(BuildError::Invalid {
                setting: "timeout",
                reason: "must be above zero".into(),
            });
        }
        if self.retry.max_attempts == 0 {
            return Err(BuildError::Invalid {
                setting: "retry_policy",
                reason: "max_attempts must be at least 1".into(),
            });
        }
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("alipay-vaulting/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| BuildError::Http(e.to_string()))?;
        let state = HookState::new(Signer {
            client_id,
            key_version: self.key_version,
            private_key,
            alipay_public_key,
            clock: self.clock,
            max_response_bytes: self.max_response_bytes,
        });
        Ok(Client::from_parts(
            crate::RawClient::new_with_client(&base_url, http, state),
            self.retry,
            self.timeout,
        ))
    }
}

/// Accepts `https` anywhere and plain `http` on loopback only; returns the URL without a
/// trailing slash (the generated client appends `/ams/api/...`).
fn check_base_url(text: &str) -> Result<String, BuildError> {
    let bad = |reason: &str| BuildError::BaseUrl {
        reason: reason.to_string(),
    };
    let url = reqwest::Url::parse(text).map_err(|e| bad(&format!("not a URL ({e})")))?;
    match url.scheme() {
        "https" => {}
        "http" => {
            let loopback = match url.host() {
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
                None => false,
            };
            if !loopback {
                return Err(bad(
                    "plain http is allowed only for loopback addresses; use https",
                ));
            }
        }
        other => return Err(bad(&format!("scheme {other} is not http or https"))),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("must not carry credentials"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(bad(
            "must be scheme, host and port only; the client adds the API path",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("https://open-na-global.alipay.com/").unwrap(),
            "https://open-na-global.alipay.com"
        );
        assert_eq!(
            check_base_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(check_base_url("http://[::1]:8080").is_ok());
        assert!(check_base_url("http://localhost:1").is_ok());
        for bad in [
            "http://10.0.0.1:8080",
            "http://example.com",
            "ftp://127.0.0.1",
            "https://u:p@example.com",
            "https://example.com/ams/api",
            "https://example.com/?x=1",
            "not a url",
        ] {
            assert!(
                matches!(check_base_url(bad), Err(BuildError::BaseUrl { .. })),
                "{bad}"
            );
        }
    }
}
