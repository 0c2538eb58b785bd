//! Configuration of a [`Client`]: identity, keys, gateway, TLS roots, proxy, timeouts. Every
//! setting is checked in [`ClientBuilder::build`], before any request exists.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::proxy::{parse_proxy_url, redacted_proxy, ProxyRoute};
use crate::clock::{Clock, SystemClock};
use crate::error::BuildError;
use crate::hooks::{HookState, Signer};
use crate::keys::{AlipayPublicKeys, PrivateKey, PublicKey};
use crate::retry::RetryPolicy;
use crate::signing::DEFAULT_KEY_VERSION;
use crate::tls::{RootCertificate, TlsRoots};
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
    /// Every region.
    pub const ALL: [Region; 4] = [
        Region::NorthAmerica,
        Region::Asia,
        Region::Europe,
        Region::UnitedStates,
    ];

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
    /// Keys added beside `public_key` (rotation), with their `keyVersion` when given.
    more_public_keys: Vec<Result<(Option<String>, PublicKey), BuildError>>,
    base_url: Option<String>,
    key_version: String,
    timeout: Duration,
    connect_timeout: Duration,
    max_response_bytes: usize,
    clock: Arc<dyn Clock>,
    retry: RetryPolicy,
    roots: TlsRoots,
    root_certificates: Vec<Result<RootCertificate, BuildError>>,
    proxy: ProxyRoute,
    http_client: Option<reqwest::ClientBuilder>,
    only_alipay: bool,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("client_id", &self.client_id)
            .field("base_url", &self.base_url)
            .field("key_version", &self.key_version)
            .field("timeout", &self.timeout)
            .field("roots", &self.roots)
            .field("root_certificates", &self.root_certificates.len())
            .field("proxy", &self.proxy)
            .field("http_client", &self.http_client.is_some())
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            client_id: None,
            private_key: None,
            public_key: None,
            more_public_keys: Vec::new(),
            base_url: None,
            key_version: DEFAULT_KEY_VERSION.to_string(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            clock: Arc::new(SystemClock),
            retry: RetryPolicy::default(),
            roots: TlsRoots::default(),
            root_certificates: Vec::new(),
            proxy: ProxyRoute::Environment,
            http_client: None,
            only_alipay: false,
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

    /// Another Alipay public key, for a key rotation: responses (and the notification verifier
    /// made by [`Client::notification_verifier`]) verify with any configured key, the one the
    /// signature header's `keyVersion` names first. Keep the old key until the new one is in
    /// use and 24 hours have passed (Alipay resends notifications with their first signature).
    pub fn add_alipay_public_key(mut self, key: PublicKey) -> Self {
        self.more_public_keys.push(Ok((None, key)));
        self
    }

    /// [`add_alipay_public_key`](Self::add_alipay_public_key) for a key that signs under
    /// `keyVersion=<version>`: tried first for those signatures.
    pub fn add_alipay_public_key_version(
        mut self,
        version: impl Into<String>,
        key: PublicKey,
    ) -> Self {
        self.more_public_keys.push(Ok((Some(version.into()), key)));
        self
    }

    /// Every Alipay public key at once (replaces the ones set before).
    pub fn alipay_public_keys(mut self, keys: AlipayPublicKeys) -> Self {
        self.public_key = Some(Ok(keys.first().clone()));
        // The first key comes again with its version: `AlipayPublicKeys` keeps a key once,
        // with the version if either entry had one.
        self.more_public_keys = keys
            .iter()
            .map(|(version, key)| Ok((version.map(str::to_owned), key.clone())))
            .collect();
        self
    }

    /// Trusts this CA certificate for the gateway's TLS certificate, besides the
    /// [`tls_roots`](Self::tls_roots) (repeatable): a TLS-inspecting egress proxy's CA, a
    /// staging gateway's, a local HTTPS stand-in's.
    pub fn add_root_certificate(mut self, certificate: RootCertificate) -> Self {
        self.root_certificates.push(Ok(certificate));
        self
    }

    /// Trusts every certificate of a PEM text (one or more `CERTIFICATE` blocks).
    pub fn add_root_certificates_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        match RootCertificate::from_pem(pem) {
            Ok(certificates) => self
                .root_certificates
                .extend(certificates.into_iter().map(Ok)),
            Err(error) => self.root_certificates.push(Err(error)),
        }
        self
    }

    /// Trusts every certificate of a PEM file (as `ALIPAY_CA_CERT` and `--ca-cert`).
    pub fn ca_cert_file(self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        match std::fs::read(path) {
            Ok(pem) => self.add_root_certificates_pem(pem),
            Err(e) => {
                let mut builder = self;
                builder.root_certificates.push(Err(BuildError::Certificate {
                    reason: format!("cannot read {}: {}", path.display(), e.kind()),
                }));
                builder
            }
        }
    }

    /// Which roots the gateway's certificate may chain to besides the added ones (default:
    /// the system's, with Mozilla's added by the `webpki-roots` feature).
    /// [`TlsRoots::OnlyAdded`] trusts only the certificates added (at least one).
    pub fn tls_roots(mut self, roots: TlsRoots) -> Self {
        self.roots = roots;
        self
    }

    /// Sends every call through this proxy (`http://` or `https://`; credentials in the URL,
    /// `http://user:password@host:port`, are sent as `Proxy-Authorization` and never printed).
    /// The environment's proxy variables are then ignored.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxyRoute::Url(url.into().into());
        self
    }

    /// Calls the gateway directly, whatever `HTTPS_PROXY` or `ALL_PROXY` say. Without
    /// [`proxy`](Self::proxy) or this, the environment's proxy variables apply (`HTTPS_PROXY`,
    /// `ALL_PROXY`, `NO_PROXY`, upper or lower case).
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxyRoute::Disabled;
        self
    }

    /// Sends through a `reqwest::Client` built from the service's own `builder` (its pool, TLS
    /// and proxy settings, its tuning). Before building it, this crate sets on it what no
    /// vaulting call may do without: **no redirects** (a followed redirect would re-send the
    /// signed body, card number and CVV included, to wherever the redirect points) and the
    /// connect timeout ([`connect_timeout`](Self::connect_timeout)). This crate still enforces,
    /// on every call: the attempt timeout ([`timeout`](Self::timeout)), signing, the response
    /// size limit, signature verification, the id check, and the retry policy. The TLS and
    /// proxy settings of this builder do not apply to it: setting both is an error.
    ///
    /// ```
    /// let builder = reqwest::Client::builder().pool_max_idle_per_host(32);
    /// let client = alipay_vaulting::Client::builder().http_client(builder);
    /// # let _ = client;
    /// ```
    pub fn http_client(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http_client = Some(builder);
        self
    }

    /// The gateway of a region. One of `region` or `base_url` is required.
    pub fn region(mut self, region: Region) -> Self {
        self.base_url = Some(region.base_url().to_string());
        self
    }

    /// Refuses, at [`build`](Self::build), any gateway but Alipay's ([`Region`]): for a
    /// production start-up, so that a leftover simulator or staging URL fails before serving.
    pub fn only_alipay_gateways(mut self) -> Self {
        self.only_alipay = true;
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
    /// Enforced by this crate on every attempt, whatever HTTP client sends it; one call can
    /// use another with [`Client::with_timeout`].
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
        let mut alipay_public_keys =
            AlipayPublicKeys::new(self.public_key.ok_or(BuildError::Missing {
                setting: "alipay_public_key",
            })??);
        for key in self.more_public_keys {
            alipay_public_keys = match key? {
                (None, key) => alipay_public_keys.with_key(key),
                (Some(version), key) => alipay_public_keys.with_versioned_key(version, key),
            };
        }
        check_not_the_merchants_key(&private_key, &alipay_public_keys)?;
        let base_url = check_base_url(&self.base_url.ok_or(BuildError::Missing {
            setting: "region or base_url",
        })?)?;
        let gateway = super::Gateway::of(&base_url, &client_id);
        if self.only_alipay && !gateway.is_alipay() {
            return Err(BuildError::Invalid {
                setting: "only_alipay_gateways",
                reason: format!(
                    "the gateway is {gateway}; only Alipay's are allowed (a region, or one of \
                     their base URLs)"
                ),
            });
        }
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
        let root_certificates = self
            .root_certificates
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        let route = match self.http_client {
            Some(_) => ProxyRoute::Unknown,
            None => self.proxy.as_built(),
        };
        let http = match self.http_client {
            Some(builder) => {
                if !root_certificates.is_empty()
                    || self.roots != TlsRoots::default()
                    || self.proxy != ProxyRoute::Environment
                {
                    return Err(BuildError::Invalid {
                        setting: "http_client",
                        reason: "the TLS roots and the proxy of a client given to http_client \
                                 are set on that reqwest::Client, not here"
                            .into(),
                    });
                }
                builder
                    .redirect(reqwest::redirect::Policy::none())
                    .connect_timeout(self.connect_timeout)
                    .build()
                    .map_err(|e| BuildError::Http(e.to_string()))?
            }
            None => http_client(
                self.connect_timeout,
                self.roots,
                &root_certificates,
                &self.proxy,
            )?,
        };
        let state = HookState::new(Signer {
            client_id,
            key_version: self.key_version,
            private_key,
            alipay_public_keys,
            clock: self.clock,
            max_response_bytes: self.max_response_bytes,
        });
        Ok(Client::from_parts(
            crate::RawClient::new_with_client(&base_url, http, state),
            self.retry,
            self.timeout,
            route,
        ))
    }
}

/// Why the merchant's own public key is refused as Alipay's.
pub(super) const MERCHANT_KEY_AS_ALIPAYS: &str = "this is the merchant's own public key (the \
    pair of the merchant private key, which the merchant uploads to Alipay), not Alipay's: \
    configure the Alipay public key shown beside it in the Alipay dashboard, which verifies the \
    gateway's answers";

/// Refuses the merchant's own public key configured as Alipay's: every answer would then be
/// refused as a bad signature while every vaulting really happens at the gateway, and `resolve`
/// would inquire until its deadline. The client holds both keys, so it can tell before sending.
fn check_not_the_merchants_key(
    private_key: &PrivateKey,
    alipay_public_keys: &AlipayPublicKeys,
) -> Result<(), BuildError> {
    let merchant_public = private_key.public_key();
    if alipay_public_keys
        .iter()
        .any(|(_, key)| *key == merchant_public)
    {
        return Err(BuildError::Invalid {
            setting: "alipay_public_key",
            reason: MERCHANT_KEY_AS_ALIPAYS.into(),
        });
    }
    Ok(())
}

/// The HTTP client the builder makes: no redirects, the connect timeout (the attempt timeout is
/// enforced per attempt by the client itself), the TLS roots and the proxy.
fn http_client(
    connect_timeout: Duration,
    roots: TlsRoots,
    added: &[RootCertificate],
    proxy: &ProxyRoute,
) -> Result<reqwest::Client, BuildError> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("alipay-vaulting/", env!("CARGO_PKG_VERSION")));
    if roots == TlsRoots::OnlyAdded && added.is_empty() {
        return Err(BuildError::Invalid {
            setting: "tls_roots",
            reason: "TlsRoots::OnlyAdded trusts only the certificates added, and none was \
                     (add_root_certificate, ALIPAY_CA_CERT or --ca-cert)"
                .into(),
        });
    }
    builder = if roots == TlsRoots::System {
        let certificates = crate::tls::merged_with_system(added)
            .iter()
            .map(|der| reqwest::Certificate::from_der(der))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| BuildError::Certificate {
                reason: e.to_string(),
            })?;
        builder.tls_certs_merge(certificates)
    } else {
        builder.tls_backend_preconfigured(crate::tls::rustls_config(roots, added)?)
    };
    builder = match proxy {
        ProxyRoute::Environment | ProxyRoute::Unknown => builder,
        ProxyRoute::Disabled => builder.no_proxy(),
        ProxyRoute::Url(url) => {
            let invalid = |reason: &str| BuildError::Invalid {
                setting: "proxy",
                reason: format!("{reason} ({})", redacted_proxy(url)),
            };
            let parsed = parse_proxy_url(url).map_err(invalid)?;
            let proxy = reqwest::Proxy::all(parsed.as_str())
                .map_err(|_| invalid("not a usable proxy URL"))?;
            builder.proxy(proxy)
        }
    };
    builder.build().map_err(|e| BuildError::Http(e.to_string()))
}

/// Accepts `https` anywhere and plain `http` on loopback only; returns the URL without a
/// trailing slash (the generated client appends `/ams/api/...`).
pub(super) fn check_base_url(text: &str) -> Result<String, BuildError> {
    let bad = |reason: &str| BuildError::BaseUrl {
        reason: reason.to_string(),
    };
    let url = reqwest::Url::parse(text).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => bad(&format!(
            "not a URL: give the scheme too, e.g. https://{}",
            text.trim()
        )),
        e => bad(&format!("not a URL ({e})")),
    })?;
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
        // A bare host: the message suggests the URL.
        let Err(BuildError::BaseUrl { reason }) = check_base_url("open-na-global.alipay.com")
        else {
            panic!("a bare host is not a URL")
        };
        assert!(
            reason.contains("https://open-na-global.alipay.com"),
            "{reason}"
        );
    }
}
