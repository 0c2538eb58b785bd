//! Settings of the production path that are not TLS or proxies: a timeout for one call without
//! a second client, and a `reqwest::Client` the service built (what the crate still enforces on
//! it: the attempt timeout, and no followed redirect).

use std::time::{Duration, Instant};

use alipay_vaulting::error::{OutcomeUnknown, ResponseRejected};
use alipay_vaulting::{BuildError, Client, ClientBuilder, Error};

use crate::support::{self, RawServer, Reply, CLIENT_ID};

fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .client_id(CLIENT_ID)
        .merchant_private_key(support::merchant_key())
        .alipay_public_key(support::gateway_public())
        .retry_policy(alipay_vaulting::retry::RetryPolicy::default().with_max_attempts(1))
}

#[tokio::test]
async fn one_call_can_have_its_own_timeout() {
    let server = RawServer::start(|_| Reply::Stall).await;
    let client = builder(&server.base_url())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let quick = client.with_timeout(Duration::from_millis(300));
    assert_eq!(quick.timeout(), Duration::from_millis(300));
    assert_eq!(
        client.timeout(),
        Duration::from_secs(30),
        "the client is unchanged"
    );

    let started = Instant::now();
    let error = quick.inquire_vaulting("timeout-1").await.unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(error, Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
        "{error:?}"
    );
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert!(
        took < Duration::from_secs(5),
        "the 30 s timeout applied: {took:?}"
    );
}

#[tokio::test]
async fn the_attempt_timeout_applies_to_a_client_the_service_built() {
    let server = RawServer::start(|_| Reply::Stall).await;
    // A client without any timeout of its own.
    let own = reqwest::Client::builder().no_proxy();
    let client = builder(&server.base_url())
        .http_client(own)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.inquire_vaulting("timeout-2").await.unwrap_err();
    assert!(
        matches!(error, Error::OutcomeUnknown(OutcomeUnknown::Timeout)),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// A service's own client builder follows redirects by default (reqwest re-POSTs the body on a
/// 307): the crate turns that off before building, so the signed body, card number and CVV
/// included, never reaches the redirect's target.
#[cfg(feature = "simulator")]
#[tokio::test]
async fn a_redirect_never_carries_card_data_even_with_the_services_own_client() {
    let elsewhere = RawServer::start(|_| Reply::unsigned("{}")).await;
    let target = format!("{}/steal", elsewhere.base_url());
    let gateway = RawServer::start(move |_| Reply::Http {
        status: 307,
        headers: vec![("location".into(), target.clone())],
        body: Vec::new(),
    })
    .await;
    // The service's builder, left with reqwest's default redirect policy.
    let following = reqwest::Client::builder().no_proxy();
    let client = builder(&gateway.base_url())
        .http_client(following)
        .build()
        .unwrap();
    let request = crate::support::simulator::request("redirect-1", "4111111111111111");
    let error = client.vault_payment_method(&request).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseRejected(ResponseRejected::UnexpectedStatus { status: 307 })
        ),
        "{error:?}"
    );
    assert_eq!(gateway.received().len(), 1);
    assert!(
        elsewhere.received().is_empty(),
        "the redirect's target received: {:?}",
        elsewhere.received()
    );

    // The builder's own client never follows one either.
    let error = builder(&gateway.base_url())
        .build()
        .unwrap()
        .inquire_vaulting("redirect-1")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseRejected(ResponseRejected::UnexpectedStatus { status: 307 })
        ),
        "{error:?}"
    );
    assert!(elsewhere.received().is_empty());
}

#[test]
fn tls_or_proxy_settings_beside_a_given_client_are_a_build_error() {
    let own = reqwest::Client::builder;
    for builder in [
        builder("https://localhost:1")
            .http_client(own())
            .proxy("http://127.0.0.1:3128"),
        builder("https://localhost:1").http_client(own()).no_proxy(),
        builder("https://localhost:1")
            .http_client(own())
            .tls_roots(alipay_vaulting::TlsRoots::OnlyAdded),
    ] {
        let error = builder.build().unwrap_err();
        assert!(
            matches!(
                error,
                BuildError::Invalid {
                    setting: "http_client",
                    ..
                }
            ),
            "{error:?}"
        );
    }
}

/// The client says where it points, and a production start-up can refuse anything but Alipay.
#[test]
fn the_client_says_where_it_points_and_can_refuse_anything_but_alipay() {
    use alipay_vaulting::{Gateway, Region};
    let region = |region: Region, id: &str| {
        Client::builder()
            .client_id(id)
            .merchant_private_key(support::merchant_key())
            .alipay_public_key(support::gateway_public())
            .region(region)
    };
    assert_eq!(
        region(Region::Europe, "2188120000000000")
            .build()
            .unwrap()
            .gateway(),
        Gateway::Alipay {
            region: Region::Europe,
            sandbox: false
        }
    );
    let sandbox = region(Region::NorthAmerica, CLIENT_ID)
        .only_alipay_gateways()
        .build()
        .unwrap();
    assert_eq!(
        sandbox.gateway(),
        Gateway::Alipay {
            region: Region::NorthAmerica,
            sandbox: true
        }
    );
    assert!(sandbox.gateway().to_string().contains("sandbox"));

    let local = builder("http://127.0.0.1:8080").build().unwrap();
    assert_eq!(
        local.gateway(),
        Gateway::Local {
            address: "127.0.0.1:8080".into()
        }
    );
    assert!(!local.gateway().is_alipay());
    let other = builder("https://staging.example.com").build().unwrap();
    assert_eq!(
        other.gateway(),
        Gateway::Other {
            address: "staging.example.com:443".into()
        }
    );
    // The same URL as a region's is Alipay's, however it was given.
    assert!(builder("https://open-na-global.alipay.com/")
        .build()
        .unwrap()
        .gateway()
        .is_alipay());

    for url in ["http://127.0.0.1:8080", "https://staging.example.com"] {
        let error = builder(url).only_alipay_gateways().build().unwrap_err();
        let BuildError::Invalid { setting, reason } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(*setting, "only_alipay_gateways");
        assert!(reason.contains("not Alipay"), "{reason}");
    }
}

/// A gateway whose name does not resolve: the error names the host.
#[tokio::test]
async fn a_dns_failure_names_the_host() {
    let error = builder("https://no-such-gateway.invalid")
        .build()
        .unwrap()
        .inquire_vaulting("dns-1")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::NotSent(alipay_vaulting::error::NotSent::Connect(_))
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("no-such-gateway.invalid"),
        "{error}"
    );
}
