//! Which proxy a client's calls go through: the setting, its check, how it prints (never with
//! its credentials), and the status of a refused tunnel.
//!
//! hyper-util's tunnel names only 407; for any other refusal the client asks the proxy once more
//! with a bare `CONNECT` of its own and reads the status line. It only completes the error
//! message: nothing is decided on it, and nothing is sent through the proxy.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long the probe may take, connect and answer together.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Which proxy a client's calls go through. Holds the proxy URL, which may hold credentials:
/// `Debug` shows the URL without them.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) enum ProxyRoute {
    /// The environment's (`HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, upper or lower case), as
    /// reqwest reads it.
    #[default]
    Environment,
    /// None, whatever the environment says.
    Disabled,
    /// This URL.
    Url(Arc<str>),
    /// Unknown: the service's own HTTP client.
    Unknown,
}

/// A proxy URL without its credentials, for `Debug` and messages.
pub(crate) fn redacted_proxy(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) => format!(
            "{}://{}{}",
            parsed.scheme(),
            if parsed.username().is_empty() && parsed.password().is_none() {
                ""
            } else {
                "***@"
            },
            match (parsed.host_str(), parsed.port()) {
                (Some(host), Some(port)) => format!("{host}:{port}"),
                (Some(host), None) => host.to_string(),
                _ => String::new(),
            }
        ),
        Err(_) => "(not a URL)".to_string(),
    }
}

/// A proxy URL the client can use (`http://` or `https://`, with a host), or why not.
pub(crate) fn parse_proxy_url(url: &str) -> Result<url::Url, &'static str> {
    let parsed = url::Url::parse(url).map_err(|_| "not a URL")?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err("must be an http:// or https:// URL with a host");
    }
    Ok(parsed)
}

impl fmt::Debug for ProxyRoute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxyRoute::Environment => f.write_str("Environment"),
            ProxyRoute::Disabled => f.write_str("Disabled"),
            ProxyRoute::Url(url) => write!(f, "Url({:?})", redacted_proxy(url)),
            ProxyRoute::Unknown => f.write_str("Unknown"),
        }
    }
}

impl ProxyRoute {
    /// The route as the HTTP client took it when it was built: the environment's proxy is read
    /// once, then (as reqwest reads it once), so a later change of the environment cannot make
    /// the refusal probe ask another proxy than the one the calls go through.
    pub(crate) fn as_built(&self) -> ProxyRoute {
        self.as_built_from(|name| std::env::var(name).ok())
    }

    /// [`as_built`](Self::as_built), with the environment read through `lookup`.
    fn as_built_from(&self, lookup: impl Fn(&str) -> Option<String>) -> ProxyRoute {
        match self {
            ProxyRoute::Environment => ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
                .iter()
                .find_map(|name| lookup(name).filter(|v| !v.trim().is_empty()))
                .map_or(ProxyRoute::Disabled, |url| ProxyRoute::Url(url.into())),
            other => other.clone(),
        }
    }

    /// The proxy URL an HTTPS call takes, when it can be told.
    /// A client's route was resolved when it was built ([`as_built`](Self::as_built)), so the
    /// environment is never read again here.
    fn url(&self) -> Option<String> {
        match self {
            ProxyRoute::Url(url) => Some(url.to_string()),
            ProxyRoute::Environment | ProxyRoute::Disabled | ProxyRoute::Unknown => None,
        }
    }

    /// The status the proxy answers a `CONNECT` to `host:port` with, if it can be learnt
    /// within [`PROBE_TIMEOUT`] (an `http://` proxy only).
    pub(crate) async fn refusal_status(&self, host: &str, port: u16) -> Option<u16> {
        let proxy = url::Url::parse(&self.url()?).ok()?;
        if proxy.scheme() != "http" {
            return None;
        }
        let address = (proxy.host_str()?.to_owned(), proxy.port_or_known_default()?);
        tokio::time::timeout(PROBE_TIMEOUT, ask(address, &proxy, host, port))
            .await
            .ok()
            .flatten()
    }
}

async fn ask(address: (String, u16), proxy: &url::Url, host: &str, port: u16) -> Option<u16> {
    let mut stream = tokio::net::TcpStream::connect(address).await.ok()?;
    let target = format!("{host}:{port}");
    let mut request = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if !proxy.username().is_empty() || proxy.password().is_some() {
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8_lossy()
                .into_owned()
        };
        let credentials = zeroize::Zeroizing::new(format!(
            "{}:{}",
            decode(proxy.username()),
            decode(proxy.password().unwrap_or(""))
        ));
        let encoded = base64::engine::general_purpose::STANDARD.encode(credentials.as_bytes());
        request.push_str(&format!("Proxy-Authorization: Basic {encoded}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut head = Vec::new();
    let mut chunk = [0u8; 256];
    while !head.windows(2).any(|w| w == b"\r\n") && head.len() < 1024 {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let line = String::from_utf8_lossy(&head);
    let mut parts = line.split(' ');
    let version = parts.next()?;
    if !version.starts_with("HTTP/1.") {
        return None;
    }
    parts
        .next()?
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|s| (100..600).contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environments_proxy_is_taken_once_when_the_client_is_built() {
        let env = |name: &str| (name == "https_proxy").then(|| "http://a.example:3128".into());
        let built = ProxyRoute::Environment.as_built_from(env);
        assert_eq!(built, ProxyRoute::Url("http://a.example:3128".into()));
        // Whatever the environment says later, the built route names the same proxy.
        assert_eq!(built.url().as_deref(), Some("http://a.example:3128"));
        assert_eq!(
            ProxyRoute::Environment.as_built_from(|_| None),
            ProxyRoute::Disabled
        );
        let explicit = ProxyRoute::Url("http://b.example:1".into());
        assert_eq!(explicit.as_built_from(env), explicit);
    }
}
