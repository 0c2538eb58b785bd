//! Which certificate authorities the client trusts for the gateway's TLS certificate.
//!
//! By default the operating system's store ([`TlsRoots::System`]). A slim container image
//! (distroless, scratch) has none: the `webpki-roots` feature compiles in Mozilla's roots and
//! **adds** them to the system's store, so a service's corporate CA in that store stays trusted
//! whichever crate of the dependency graph turned the feature on (`TlsRoots::Mozilla` is
//! Mozilla's alone, on request). A private CA (a TLS-inspecting egress proxy, a staging gateway,
//! a local HTTPS stand-in) is added with [`ClientBuilder::add_root_certificate`] or
//! `ALIPAY_CA_CERT`; [`TlsRoots::OnlyAdded`] trusts nothing else (and needs one added).
//!
//! [`ClientBuilder::add_root_certificate`]: crate::ClientBuilder::add_root_certificate

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;

use crate::error::BuildError;

/// The roots the gateway's certificate may chain to, besides the certificates added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum TlsRoots {
    /// The operating system's store (through `rustls-platform-verifier`), with Mozilla's roots
    /// added when the `webpki-roots` feature is on. The default.
    #[default]
    System,
    /// Mozilla's roots alone, compiled in (feature `webpki-roots`): the system's store is not
    /// consulted.
    #[cfg(feature = "webpki-roots")]
    Mozilla,
    /// Only the certificates added with `add_root_certificate` (or `ALIPAY_CA_CERT`); building
    /// a client with none added is an error.
    OnlyAdded,
}

impl TlsRoots {
    /// Reads `system`, `mozilla` (with the feature) or `only-added`, as in `ALIPAY_TLS_ROOTS`.
    pub fn parse(text: &str) -> Option<TlsRoots> {
        match text.trim().to_ascii_lowercase().as_str() {
            "system" => Some(TlsRoots::System),
            #[cfg(feature = "webpki-roots")]
            "mozilla" | "webpki" => Some(TlsRoots::Mozilla),
            "only-added" | "only_added" | "ca-cert-only" => Some(TlsRoots::OnlyAdded),
            _ => None,
        }
    }
}

/// A CA certificate to trust, in DER. Certificates are public: `Debug` shows the length only
/// for brevity.
#[derive(Clone, PartialEq, Eq)]
pub struct RootCertificate(Vec<u8>);

impl fmt::Debug for RootCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RootCertificate({} bytes)", self.0.len())
    }
}

/// The largest PEM input read (a bundle of a few hundred certificates).
const MAX_PEM_BYTES: usize = 4 * 1024 * 1024;

impl RootCertificate {
    /// A certificate in DER (checked to be an X.509 certificate rustls can use as a root).
    ///
    /// # Errors
    /// [`BuildError::Certificate`] when it is not.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<RootCertificate, BuildError> {
        let certificate = RootCertificate(der.into());
        let mut store = rustls::RootCertStore::empty();
        store
            .add(rustls::pki_types::CertificateDer::from(
                certificate.0.as_slice(),
            ))
            .map_err(|e| certificate_error(format!("not an X.509 CA certificate ({e})")))?;
        Ok(certificate)
    }

    /// Every `CERTIFICATE` block of a PEM text (one or more; other blocks are skipped).
    ///
    /// # Errors
    /// [`BuildError::Certificate`] when there is none, or one does not decode.
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Vec<RootCertificate>, BuildError> {
        let certificates = pem_blocks(pem.as_ref())
            .map_err(certificate_error)?
            .into_iter()
            .filter(|(label, _)| label == "CERTIFICATE")
            .map(|(_, der)| RootCertificate::from_der(der))
            .collect::<Result<Vec<_>, _>>()?;
        if certificates.is_empty() {
            return Err(certificate_error("no PEM CERTIFICATE block".into()));
        }
        Ok(certificates)
    }

    /// The DER bytes.
    #[must_use]
    pub fn der(&self) -> &[u8] {
        &self.0
    }
}

/// One PEM block of a text, as written.
pub(crate) struct PemSection<'a> {
    /// What follows `-----BEGIN `, e.g. `CERTIFICATE`.
    pub(crate) label: &'a str,
    /// The base64 between the two lines.
    body: &'a str,
    /// The whole block, from `-----BEGIN` to the end of its `-----END ...-----` line.
    pub(crate) text: &'a str,
}

/// Every PEM block of a text, in order (the one PEM scanner of the crate but for the key
/// reader's, which reads the first block only).
pub(crate) fn pem_sections(text: &str) -> Result<Vec<PemSection<'_>>, String> {
    let mut sections = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = &rest[start..];
        let after = &block["-----BEGIN ".len()..];
        let label_end = after
            .find("-----")
            .ok_or_else(|| "a PEM BEGIN line is not terminated".to_string())?;
        let label = &after[..label_end];
        let end_marker = format!("-----END {label}-----");
        let body_start = label_end + "-----".len();
        let body_len = after[body_start..]
            .find(&end_marker)
            .ok_or_else(|| format!("a PEM {label} block has no END line"))?;
        let block_len = "-----BEGIN ".len() + body_start + body_len + end_marker.len();
        sections.push(PemSection {
            label,
            body: &after[body_start..body_start + body_len],
            text: &block[..block_len],
        });
        rest = &block[block_len..];
    }
    Ok(sections)
}

/// Every PEM block of a text: its label and its decoded content.
pub(crate) fn pem_blocks(pem: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    if pem.len() > MAX_PEM_BYTES {
        return Err("longer than 4 MiB".into());
    }
    let text = std::str::from_utf8(pem).map_err(|_| "not PEM text (not UTF-8)".to_string())?;
    pem_sections(text)?
        .into_iter()
        .map(|section| {
            let body: String = section.body.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(body)
                .map(|der| (section.label.to_owned(), der))
                .map_err(|_| format!("a PEM {} block is not base64", section.label))
        })
        .collect()
}

fn certificate_error(reason: String) -> BuildError {
    BuildError::Certificate { reason }
}

/// The rustls configuration of [`TlsRoots::OnlyAdded`] and [`TlsRoots::Mozilla`]: those roots
/// (and the added ones), aws-lc-rs, TLS 1.2 and 1.3, ALPN `h2` then `http/1.1`.
pub(crate) fn rustls_config(
    roots: TlsRoots,
    added: &[RootCertificate],
) -> Result<rustls::ClientConfig, BuildError> {
    let mut store = rustls::RootCertStore::empty();
    #[cfg(feature = "webpki-roots")]
    if roots == TlsRoots::Mozilla {
        store.add_parsable_certificates(mozilla_roots());
    }
    let _ = roots;
    for certificate in added {
        store
            .add(rustls::pki_types::CertificateDer::from(
                certificate.0.clone(),
            ))
            .map_err(|e| certificate_error(format!("not an X.509 CA certificate ({e})")))?;
    }
    let mut config = rustls::ClientConfig::builder_with_provider(crypto_provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| BuildError::Http(e.to_string()))?
        .with_root_certificates(store)
        .with_no_client_auth();
    config.alpn_protocols = alpn_protocols();
    Ok(config)
}

/// Mozilla's root certificates (feature `webpki-roots`).
#[cfg(feature = "webpki-roots")]
pub(crate) fn mozilla_roots() -> Vec<rustls::pki_types::CertificateDer<'static>> {
    webpki_root_certs::TLS_SERVER_ROOT_CERTS.to_vec()
}

/// The certificates added to the system's store: the added ones, and Mozilla's roots with the
/// `webpki-roots` feature.
pub(crate) fn merged_with_system(added: &[RootCertificate]) -> Vec<Vec<u8>> {
    #[allow(unused_mut)]
    let mut certificates: Vec<Vec<u8>> = added.iter().map(|c| c.0.clone()).collect();
    #[cfg(feature = "webpki-roots")]
    certificates.extend(mozilla_roots().iter().map(|c| c.as_ref().to_vec()));
    certificates
}

/// The crypto of every rustls configuration the crate makes (client and simulator alike).
pub(crate) fn crypto_provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// The protocols offered (client) and accepted (simulator) by ALPN: HTTP/2, then HTTP/1.1.
pub(crate) fn alpn_protocols() -> Vec<Vec<u8>> {
    vec![b"h2".to_vec(), b"http/1.1".to_vec()]
}
