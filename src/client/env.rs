//! A [`ClientBuilder`] from `ALIPAY_*` variables: the one reading of them, shared by services
//! ([`ClientBuilder::from_env`]) and the command-line tool (which passes its flags in through
//! [`ClientBuilder::from_vars`]).

use std::path::Path;
use std::time::Duration;

use super::{ClientBuilder, Region};
use crate::error::BuildError;
use crate::keys::{PrivateKey, PublicKey};
use crate::tls::{RootCertificate, TlsRoots};

/// Every variable [`ClientBuilder::from_env`] reads, in the README's order.
pub const ENV_VARIABLES: &[&str] = &[
    "ALIPAY_GATEWAY",
    "ALIPAY_CLIENT_ID",
    "ALIPAY_PRIVATE_KEY",
    "ALIPAY_PUBLIC_KEY",
    "ALIPAY_KEY_VERSION",
    "ALIPAY_CA_CERT",
    "ALIPAY_TLS_ROOTS",
    "ALIPAY_PROXY",
    "ALIPAY_TIMEOUT",
    "ALIPAY_CONNECT_TIMEOUT",
];

/// The shortest value read as a base64 key itself rather than as a file's path.
const MIN_INLINE_KEY_LEN: usize = 200;

impl ClientBuilder {
    /// A builder from the process environment: see [`from_vars`](Self::from_vars) for the
    /// variables. Settings can still be changed on the builder before
    /// [`build`](Self::build) (a clock, a retry policy...).
    ///
    /// # Errors
    /// [`BuildError::Env`] naming the first variable that is missing or invalid; never its
    /// value.
    pub fn from_env() -> Result<ClientBuilder, BuildError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// A builder from `ALIPAY_*` settings looked up with `lookup` (an empty value counts as
    /// unset):
    ///
    /// | variable | required | what it holds |
    /// |---|---|---|
    /// | `ALIPAY_GATEWAY` | yes | the gateway: a region (`na`, `asia`, `eu`, `us`) or a base URL |
    /// | `ALIPAY_CLIENT_ID` | yes | the client id (`SANDBOX_...` for the sandbox) |
    /// | `ALIPAY_PRIVATE_KEY` | yes | the merchant private key: a file, or the key itself (PEM, or base64 as the dashboard gives it) |
    /// | `ALIPAY_PUBLIC_KEY` | yes | the Alipay public key, as above; a PEM file may hold several keys (a rotation) |
    /// | `ALIPAY_KEY_VERSION` | no | the `keyVersion` requests are signed under (default `1`) |
    /// | `ALIPAY_CA_CERT` | no | a PEM file of CA certificates to trust besides the roots |
    /// | `ALIPAY_TLS_ROOTS` | no | `system`, `mozilla` (feature `webpki-roots`) or `only-added` |
    /// | `ALIPAY_PROXY` | no | a proxy URL, or `none` to ignore `HTTPS_PROXY` |
    /// | `ALIPAY_TIMEOUT` | no | the attempt timeout: `15s`, `500ms`, `2m` or seconds (default 15 s) |
    /// | `ALIPAY_CONNECT_TIMEOUT` | no | the connect timeout, as above (default 5 s) |
    ///
    /// Without `ALIPAY_PROXY`, the standard `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` apply.
    ///
    /// # Errors
    /// [`BuildError::Env`] naming the first variable that is missing or invalid; never its
    /// value.
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<ClientBuilder, BuildError> {
        let get = |variable: &'static str| lookup(variable).filter(|v| !v.trim().is_empty());
        let required = |variable: &'static str| {
            get(variable).ok_or_else(|| env_error(variable, "not set".into()))
        };

        let mut builder = ClientBuilder::default();
        builder = gateway(builder, &required("ALIPAY_GATEWAY")?)?;
        builder = builder.client_id(required("ALIPAY_CLIENT_ID")?.trim());

        let private = key_text("ALIPAY_PRIVATE_KEY", &required("ALIPAY_PRIVATE_KEY")?)?;
        let private = PrivateKey::parse(&private)
            .map_err(|e| env_error("ALIPAY_PRIVATE_KEY", e.to_string()))?;
        let merchant_public = private.public_key();
        builder = builder.merchant_private_key(private);

        let public = key_text("ALIPAY_PUBLIC_KEY", &required("ALIPAY_PUBLIC_KEY")?)?;
        let mut public_keys = pem_blocks(&public).into_iter().map(|text| {
            let key = PublicKey::parse(text)
                .map_err(|e| env_error("ALIPAY_PUBLIC_KEY", e.to_string()))?;
            if key == merchant_public {
                return Err(env_error(
                    "ALIPAY_PUBLIC_KEY",
                    super::builder::MERCHANT_KEY_AS_ALIPAYS.into(),
                ));
            }
            Ok(key)
        });
        let first = public_keys
            .next()
            .unwrap_or_else(|| Err(env_error("ALIPAY_PUBLIC_KEY", "no key".into())))?;
        builder = builder.alipay_public_key(first);
        for key in public_keys {
            builder = builder.add_alipay_public_key(key?);
        }

        if let Some(version) = get("ALIPAY_KEY_VERSION") {
            builder = builder.key_version(version.trim());
        }
        if let Some(path) = get("ALIPAY_CA_CERT") {
            let pem = std::fs::read(Path::new(path.trim())).map_err(|e| {
                env_error(
                    "ALIPAY_CA_CERT",
                    format!("cannot read the file: {}", e.kind()),
                )
            })?;
            for certificate in RootCertificate::from_pem(pem)
                .map_err(|e| env_error("ALIPAY_CA_CERT", e.to_string()))?
            {
                builder = builder.add_root_certificate(certificate);
            }
        }
        if let Some(roots) = get("ALIPAY_TLS_ROOTS") {
            let roots = TlsRoots::parse(&roots).ok_or_else(|| {
                env_error(
                    "ALIPAY_TLS_ROOTS",
                    "must be system, mozilla (with the webpki-roots feature) or only-added".into(),
                )
            })?;
            builder = builder.tls_roots(roots);
        }
        if let Some(proxy) = get("ALIPAY_PROXY") {
            let proxy = proxy.trim();
            builder = if proxy.eq_ignore_ascii_case("none") {
                builder.no_proxy()
            } else {
                super::proxy::parse_proxy_url(proxy)
                    .map_err(|reason| env_error("ALIPAY_PROXY", format!("{reason} (or none)")))?;
                builder.proxy(proxy)
            };
        }
        if let Some(timeout) = get("ALIPAY_TIMEOUT") {
            builder = builder.timeout(duration("ALIPAY_TIMEOUT", &timeout)?);
        }
        if let Some(timeout) = get("ALIPAY_CONNECT_TIMEOUT") {
            builder = builder.connect_timeout(duration("ALIPAY_CONNECT_TIMEOUT", &timeout)?);
        }
        Ok(builder)
    }
}

fn env_error(variable: &'static str, reason: String) -> BuildError {
    BuildError::Env { variable, reason }
}

/// `na`, `asia`, `eu`, `us` (or the enum's names), else a base URL.
fn gateway(builder: ClientBuilder, value: &str) -> Result<ClientBuilder, BuildError> {
    let value = value.trim();
    if let Some(region) = region(value) {
        return Ok(builder.region(region));
    }
    super::builder::check_base_url(value).map_err(|e| match e {
        BuildError::BaseUrl { reason } => env_error(
            "ALIPAY_GATEWAY",
            format!("not a region (na, asia, eu, us) or a usable base URL: {reason}"),
        ),
        other => other,
    })?;
    Ok(builder.base_url(value))
}

/// A region by its short or long name.
pub(crate) fn region(name: &str) -> Option<Region> {
    match name.to_ascii_lowercase().as_str() {
        "na" | "north-america" | "northamerica" => Some(Region::NorthAmerica),
        "asia" | "sea" => Some(Region::Asia),
        "eu" | "europe" | "de" => Some(Region::Europe),
        "us" | "united-states" | "unitedstates" => Some(Region::UnitedStates),
        _ => None,
    }
}

/// A key given as itself (PEM, or long base64) or as the path of a file holding it.
fn key_text(variable: &'static str, value: &str) -> Result<zeroize::Zeroizing<String>, BuildError> {
    let trimmed = value.trim();
    let inline = trimmed.contains("-----BEGIN ")
        || (trimmed.len() >= MIN_INLINE_KEY_LEN
            && trimmed.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'\n' | b'\r')
            }));
    if inline {
        return Ok(zeroize::Zeroizing::new(trimmed.to_owned()));
    }
    std::fs::read_to_string(Path::new(trimmed))
        .map(zeroize::Zeroizing::new)
        .map_err(|e| {
            env_error(
                variable,
                format!(
                    "neither a key (PEM, or base64 as the dashboard gives it) nor a readable file \
                     ({})",
                    e.kind()
                ),
            )
        })
}

/// Each PEM block of a text holding several (a rotation's keys in one file), or the text.
fn pem_blocks(text: &str) -> Vec<&str> {
    match crate::tls::pem_sections(text) {
        Ok(sections) if !sections.is_empty() => sections.into_iter().map(|s| s.text).collect(),
        // No block, or a broken one: the key reader says what is wrong with the text.
        _ => vec![text],
    }
}

/// `15s`, `500ms`, `2m`, or a number of seconds.
fn duration(variable: &'static str, value: &str) -> Result<Duration, BuildError> {
    let value = value.trim();
    let (number, unit) = match value.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => value.split_at(i),
        None => (value, "s"),
    };
    let invalid = || {
        env_error(
            variable,
            "must be a duration above zero such as 15s, 500ms or 2m".into(),
        )
    };
    let n: u64 = number.parse().map_err(|_| invalid())?;
    let duration = match unit.trim() {
        "ms" => Duration::from_millis(n),
        "s" => Duration::from_secs(n),
        "m" | "min" => Duration::from_secs(n.saturating_mul(60)),
        _ => return Err(invalid()),
    };
    if duration.is_zero() {
        return Err(invalid());
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("X", "15").unwrap(), Duration::from_secs(15));
        assert_eq!(duration("X", "15s").unwrap(), Duration::from_secs(15));
        assert_eq!(duration("X", "500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(duration("X", "2m").unwrap(), Duration::from_secs(120));
        for bad in ["", "0", "0s", "1.5s", "ten", "5h", "-1"] {
            assert!(duration("X", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pem_blocks_split_a_rotation_file() {
        let two = "-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n\n-----BEGIN PUBLIC KEY-----\nBBB\n-----END PUBLIC KEY-----\n";
        let blocks = pem_blocks(two);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].contains("AAA") && !blocks[0].contains("BBB"));
        assert!(blocks[1].contains("BBB"));
        assert_eq!(pem_blocks("MIIBIj"), vec!["MIIBIj"]);
    }
}
