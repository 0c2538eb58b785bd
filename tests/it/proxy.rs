//! Calls through an HTTP CONNECT proxy started by the test: an explicit proxy opens a tunnel to
//! the HTTPS gateway (with credentials too, which never print); a proxy that answers 407,
//! refuses, closes the connection or is not there gives the typed `NotSent::Proxy` error, and
//! nothing reaches the gateway. (The environment's `HTTPS_PROXY` and `--no-proxy` are tested
//! through the command-line tool, in its own process: `cli_https`.)
#![cfg(feature = "simulator")]

use std::time::Duration;

use alipay_vaulting::error::{NotSent, ProxyFailure};
use alipay_vaulting::outcome::{NextStep, VaultOutcome};
use alipay_vaulting::simulator::Simulator;
use alipay_vaulting::{Client, Error};

use crate::support::certs::TestCa;
use crate::support::proxy::{ConnectProxy, ProxyMode};
use crate::support::simulator as util;

const PASSWORD: &str = "s3cret-proxy-pa55";

async fn https_sim(ca: &TestCa) -> Simulator {
    let certificate = ca.server(&["localhost"]);
    util::sim_with(|config| config.tls(&certificate.chain_pem, &certificate.key_pem)).await
}

fn client(sim: &Simulator, ca: &TestCa, proxy: &str) -> Client {
    sim.client_builder()
        .add_root_certificate(ca.root())
        .proxy(proxy)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn port(sim: &Simulator) -> u16 {
    url::Url::parse(&sim.base_url()).unwrap().port().unwrap()
}

#[tokio::test]
async fn an_explicit_proxy_tunnels_to_the_gateway() {
    let ca = TestCa::new("proxy test CA");
    let sim = https_sim(&ca).await;
    let proxy = ConnectProxy::start(ProxyMode::Tunnel).await;
    let client = client(&sim, &ca, &proxy.url());
    let outcome = client
        .vault_payment_method(&util::request("proxy-1", "4111111111111111"))
        .await
        .unwrap();
    assert!(matches!(outcome, VaultOutcome::Vaulted(_)), "{outcome:?}");
    let tunnels = proxy.tunnels();
    assert_eq!(tunnels.len(), 1, "{tunnels:?}");
    assert_eq!(tunnels[0].target, format!("localhost:{}", port(&sim)));
    assert!(tunnels[0].opened);
    assert_eq!(sim.requests().len(), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn proxy_credentials_are_sent_and_never_printed() {
    let ca = TestCa::new("proxy test CA");
    let sim = https_sim(&ca).await;
    let proxy = ConnectProxy::start(ProxyMode::RequireAuth {
        user: "svc".into(),
        password: PASSWORD.into(),
    })
    .await;
    let url = proxy.url_with("svc", PASSWORD);
    let builder = sim
        .client_builder()
        .add_root_certificate(ca.root())
        .proxy(&url);
    let debug = format!("{builder:?}");
    assert!(!debug.contains(PASSWORD), "{debug}");
    assert!(debug.contains("http://***@127.0.0.1:"), "{debug}");
    let client = builder.build().unwrap();
    assert!(!format!("{client:?}").contains(PASSWORD));
    let outcome = client
        .vault_payment_method(&util::request("proxy-auth-1", "4111111111111111"))
        .await
        .unwrap();
    assert!(matches!(outcome, VaultOutcome::Vaulted(_)), "{outcome:?}");
    assert!(proxy.tunnels()[0]
        .authorization
        .as_deref()
        .unwrap()
        .starts_with("Basic "));

    // Wrong credentials: 407, typed, and the message holds no password.
    let wrong = proxy.url_with("svc", "wrong-pa55word");
    let error = sim
        .client_builder()
        .add_root_certificate(ca.root())
        .proxy(&wrong)
        .build()
        .unwrap()
        .vault_payment_method(&util::request("proxy-auth-2", "4111111111111111"))
        .await
        .unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(
        !text.contains("wrong-pa55word") && !text.contains(PASSWORD),
        "{text}"
    );
    assert!(
        matches!(
            error,
            Error::NotSent(NotSent::Proxy(ProxyFailure::Refused { status: Some(407) }))
        ),
        "{error:?}"
    );
    assert!(text.contains("407"), "{text}");
    sim.shutdown().await;
}

/// Calls once through a proxy answering with `mode` and returns the proxy failure.
async fn refused_by(mode: ProxyMode) -> (ProxyFailure, usize) {
    let ca = TestCa::new("proxy test CA");
    let sim = https_sim(&ca).await;
    let proxy = ConnectProxy::start(mode).await;
    let error = client(&sim, &ca, &proxy.url())
        .vault_payment_method(&util::request("proxy-refused", "4111111111111111"))
        .await
        .unwrap_err();
    assert!(sim.requests().is_empty(), "a request reached the gateway");
    assert_eq!(error.next_step(), NextStep::CheckConfiguration, "{error}");
    let tunnels = proxy.tunnels().len();
    sim.shutdown().await;
    match error {
        Error::NotSent(NotSent::Proxy(failure)) => (failure, tunnels),
        other => panic!("expected a proxy failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_proxy_that_refuses_or_closes_gives_the_typed_error_and_is_not_retried() {
    assert_eq!(
        refused_by(ProxyMode::Status(407)).await,
        (ProxyFailure::Refused { status: Some(407) }, 1)
    );
    // Any other status: the client asks the proxy once more (a bare CONNECT) to learn it.
    assert_eq!(
        refused_by(ProxyMode::Status(403)).await,
        (ProxyFailure::Refused { status: Some(403) }, 2)
    );
    assert_eq!(
        refused_by(ProxyMode::Close).await,
        (ProxyFailure::Closed, 1)
    );
}

/// The probe that learns a refusal's status runs inside the attempt timeout: a proxy that
/// refuses and then never answers the probe cannot make a 300 ms call take 2 s.
#[tokio::test]
async fn the_refusal_probe_fits_in_the_attempt_timeout() {
    let ca = TestCa::new("proxy test CA");
    let sim = https_sim(&ca).await;
    let proxy = ConnectProxy::start(ProxyMode::StatusThenStall(403)).await;
    let client = sim
        .client_builder()
        .add_root_certificate(ca.root())
        .proxy(proxy.url())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let error = client
        .vault_payment_method(&util::request("proxy-probe", "4111111111111111"))
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(
            error,
            Error::NotSent(NotSent::Proxy(ProxyFailure::Refused { status: None }))
        ),
        "{error:?}"
    );
    assert!(took < Duration::from_millis(1500), "{took:?}");
    // The probe asked the proxy the client was built with.
    assert_eq!(proxy.tunnels().len(), 2);
    assert!(sim.requests().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_proxy_gives_the_typed_error() {
    let ca = TestCa::new("proxy test CA");
    let sim = https_sim(&ca).await;
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let error = sim
        .client_builder()
        .add_root_certificate(ca.root())
        .proxy(format!("http://svc:{PASSWORD}@127.0.0.1:{port}"))
        .retry_policy(alipay_vaulting::retry::RetryPolicy::default().with_max_attempts(1))
        .build()
        .unwrap()
        .vault_payment_method(&util::request("proxy-gone", "4111111111111111"))
        .await
        .unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(!text.contains(PASSWORD), "{text}");
    assert!(
        matches!(
            error,
            Error::NotSent(NotSent::Proxy(ProxyFailure::Unreachable(_)))
        ),
        "{error:?}"
    );
    assert!(text.contains("cannot connect to the proxy"), "{text}");
    assert!(sim.requests().is_empty());
    sim.shutdown().await;
}

#[test]
fn a_proxy_url_that_is_not_one_is_a_build_error_without_the_url() {
    for bad in [
        "socks5://u:s3cret@host:1080",
        "not a url s3cret",
        "http://:s3cret@",
    ] {
        let error = Client::builder()
            .client_id("SANDBOX_X")
            .merchant_private_key(crate::support::merchant_key())
            .alipay_public_key(crate::support::gateway_public())
            .base_url("https://localhost:1")
            .proxy(bad)
            .build()
            .unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(text.contains("proxy"), "{bad}: {text}");
        assert!(!text.contains("s3cret"), "{bad}: {text}");
    }
}
