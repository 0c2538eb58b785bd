//! The production path over TLS: the simulator behind HTTPS with a certificate signed by a CA
//! made in the test. With the CA added, the whole flow works over HTTP/2 (ALPN) and over
//! HTTP/1.1; with it not trusted, for another name or expired, the call fails before anything
//! is sent, with the typed `NotSent::Tls` error that says what to configure.
#![cfg(feature = "simulator")]

use std::time::Duration;

use alipay_vaulting::error::{NotSent, TlsFailure};
use alipay_vaulting::outcome::{InquiryOutcome, NextStep, VaultOutcome};
use alipay_vaulting::simulator::Simulator;
use alipay_vaulting::{Client, ClientBuilder, Error, TlsRoots};

use crate::support::certs::{ServerCert, TestCa};
use crate::support::simulator as util;

async fn https_sim(certificate: &ServerCert) -> Simulator {
    util::sim_with(|config| config.tls(&certificate.chain_pem, &certificate.key_pem)).await
}

/// The simulator's client, without the environment's proxies (these tests are about TLS).
fn builder(sim: &Simulator) -> ClientBuilder {
    sim.client_builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
}

async fn vault_and_inquire(client: &Client, id: &str) {
    match client
        .vault_payment_method(&util::request(id, "4111111111111111"))
        .await
        .unwrap()
    {
        VaultOutcome::Vaulted(_) => {}
        other => panic!("{other:?}"),
    }
    match client.inquire_vaulting(id).await.unwrap() {
        InquiryOutcome::Succeeded(_) => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn with_the_ca_added_the_flow_works_over_http2_and_http1() {
    let ca = TestCa::new("alipay-vaulting test CA");
    let sim = https_sim(&ca.server(&["localhost"])).await;
    assert!(sim.base_url().starts_with("https://localhost:"));

    // HTTP/2, negotiated by ALPN, with the CA added to the default roots.
    let client = builder(&sim)
        .add_root_certificate(ca.root())
        .build()
        .unwrap();
    vault_and_inquire(&client, "https-h2-1").await;

    // The system's roots (the platform verifier) and the CA.
    let system = builder(&sim)
        .tls_roots(TlsRoots::System)
        .add_root_certificate(ca.root())
        .build()
        .unwrap();
    vault_and_inquire(&system, "https-h2-s").await;

    // Only the added roots, from PEM text.
    let only = builder(&sim)
        .tls_roots(TlsRoots::OnlyAdded)
        .add_root_certificates_pem(&ca.pem)
        .build()
        .unwrap();
    vault_and_inquire(&only, "https-h2-2").await;

    // HTTP/1.1: a service's own client that offers only HTTP/1.1.
    let http1 = reqwest::Client::builder()
        .http1_only()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_only([reqwest::Certificate::from_pem(ca.pem.as_bytes()).unwrap()])
        .no_proxy();
    let client = sim.client_builder().http_client(http1).build().unwrap();
    vault_and_inquire(&client, "https-h1-1").await;

    let versions: Vec<(String, String)> = sim
        .requests()
        .into_iter()
        .map(|r| (r.vaulting_request_id.unwrap(), r.http_version))
        .collect();
    let h2 = "HTTP/2.0".to_string();
    let h1 = "HTTP/1.1".to_string();
    assert_eq!(
        versions,
        vec![
            ("https-h2-1".into(), h2.clone()),
            ("https-h2-1".into(), h2.clone()),
            ("https-h2-s".into(), h2.clone()),
            ("https-h2-s".into(), h2.clone()),
            ("https-h2-2".into(), h2.clone()),
            ("https-h2-2".into(), h2),
            ("https-h1-1".into(), h1.clone()),
            ("https-h1-1".into(), h1),
        ]
    );
    sim.shutdown().await;
}

/// Calls once with `client` and returns the TLS failure; nothing may reach the gateway.
async fn refused(sim: &Simulator, client: Client) -> TlsFailure {
    let error = client
        .vault_payment_method(&util::request("https-refused", "4111111111111111"))
        .await
        .unwrap_err();
    assert!(sim.requests().is_empty(), "a request reached the gateway");
    assert_eq!(error.next_step(), NextStep::CheckConfiguration, "{error}");
    match error {
        Error::NotSent(NotSent::Tls(failure)) => failure,
        other => panic!("expected a TLS failure, got {other:?}"),
    }
}

#[tokio::test]
async fn an_untrusted_ca_is_refused_before_anything_is_sent() {
    let ca = TestCa::new("a CA nobody added");
    let sim = https_sim(&ca.server(&["localhost"])).await;

    // The default roots (the system's, or Mozilla's with the webpki-roots feature).
    let failure = refused(&sim, builder(&sim).build().unwrap()).await;
    assert_eq!(failure, TlsFailure::UntrustedCertificate);
    let message = Error::NotSent(NotSent::Tls(failure)).to_string();
    assert!(message.contains("add_root_certificate"), "{message}");
    assert!(message.contains("ALIPAY_CA_CERT"), "{message}");

    // The system's roots, explicitly (the default without the feature).
    let client = builder(&sim).tls_roots(TlsRoots::System).build().unwrap();
    assert_eq!(
        refused(&sim, client).await,
        TlsFailure::UntrustedCertificate
    );

    // Only another CA.
    let other = TestCa::new("another CA");
    let client = builder(&sim)
        .tls_roots(TlsRoots::OnlyAdded)
        .add_root_certificate(other.root())
        .build()
        .unwrap();
    assert_eq!(
        refused(&sim, client).await,
        TlsFailure::UntrustedCertificate
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_certificate_for_another_name_is_refused() {
    let ca = TestCa::new("alipay-vaulting test CA");
    let sim = https_sim(&ca.server(&["gateway.other.example"])).await;
    let client = builder(&sim)
        .add_root_certificate(ca.root())
        .build()
        .unwrap();
    assert_eq!(refused(&sim, client).await, TlsFailure::WrongHost);
    sim.shutdown().await;
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let ca = TestCa::new("alipay-vaulting test CA");
    let sim = https_sim(&ca.expired_server(&["localhost"])).await;
    let client = builder(&sim)
        .add_root_certificate(ca.root())
        .build()
        .unwrap();
    assert_eq!(refused(&sim, client).await, TlsFailure::Expired);
    sim.shutdown().await;
}

#[test]
fn certificates_that_do_not_load_are_build_errors() {
    for (what, pem) in [
        ("no block", "not a certificate".to_string()),
        (
            "not base64",
            "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n".to_string(),
        ),
        (
            "not a certificate",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_string(),
        ),
    ] {
        let error = Client::builder()
            .client_id("SANDBOX_X")
            .merchant_private_key(crate::support::merchant_key())
            .alipay_public_key(crate::support::gateway_public())
            .base_url("https://localhost:1")
            .add_root_certificates_pem(pem)
            .build()
            .unwrap_err();
        assert!(
            matches!(error, alipay_vaulting::BuildError::Certificate { .. }),
            "{what}: {error:?}"
        );
    }
}
