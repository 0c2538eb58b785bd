//! The metrics a call records: under `metrics-util`'s debugging recorder, a vault against the
//! simulator, a retried inquiry, a resolve and a failed call record exactly the expected series
//! and labels, none holding card data or a token. (The attempt spans of the same scenario are
//! checked in `tests/secrets/spans.rs`, under that binary's global subscriber.)
#![cfg(all(feature = "simulator", feature = "metrics"))]

use std::collections::BTreeMap;

use crate::support::simulator as util;

#[test]
fn the_metrics_of_a_vault_a_retried_inquiry_a_resolve_and_a_failed_call() {
    use metrics_util::debugging::{DebugValue, DebuggingRecorder};
    use metrics_util::MetricKind;

    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let token =
        metrics::with_local_recorder(&recorder, || runtime.block_on(util::telemetry_scenario()));

    // Series -> (kind, samples or count).
    let mut series: BTreeMap<String, (MetricKind, usize)> = BTreeMap::new();
    let mut every_label_value = Vec::new();
    let mut durations = Vec::new();
    for (key, _unit, _description, value) in snapshotter.snapshot().into_vec() {
        let (kind, key) = key.into_parts();
        let mut labels: Vec<String> = key
            .labels()
            .map(|l| {
                every_label_value.push(l.value().to_owned());
                format!("{}={}", l.key(), l.value())
            })
            .collect();
        labels.sort();
        let amount = match value {
            DebugValue::Counter(n) => n as usize,
            DebugValue::Histogram(samples) => {
                durations.extend(samples.iter().map(|s| s.into_inner()));
                samples.len()
            }
            DebugValue::Gauge(_) => 1,
        };
        series.insert(
            format!("{}{{{}}}", key.name(), labels.join(",")),
            (kind, amount),
        );
    }

    use MetricKind::{Counter, Histogram};
    let attempt = |labels: &str| format!("http.client.request.duration{{{labels}}}");
    let expected: BTreeMap<String, (MetricKind, usize)> = [
        // The vault, the inquiry's second attempt and the resolve's inquiry.
        (
            attempt("http.request.method=POST,http.response.status_code=200,server.address=127.0.0.1"),
            (Histogram, 3),
        ),
        // The inquiry's first attempt.
        (
            attempt("error.type=503,http.request.method=POST,http.response.status_code=503,server.address=127.0.0.1"),
            (Histogram, 1),
        ),
        // The call that could not connect.
        (
            attempt("error.type=connect,http.request.method=POST,server.address=127.0.0.1"),
            (Histogram, 1),
        ),
        (
            "alipay_vaulting.calls{operation=vaultPaymentMethod,outcome=vaulted,result_code=SUCCESS}".into(),
            (Counter, 1),
        ),
        (
            "alipay_vaulting.calls{operation=inquireVaulting,outcome=succeeded,result_code=SUCCESS}".into(),
            (Counter, 2),
        ),
        (
            "alipay_vaulting.calls{operation=vaultPaymentMethod,outcome=not_sent,result_code=none}".into(),
            (Counter, 1),
        ),
        (
            "alipay_vaulting.resolve.duration{outcome=succeeded}".into(),
            (Histogram, 1),
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(series, expected);

    assert!(
        durations.iter().all(|d| *d > 0.0 && *d < 30.0),
        "seconds: {durations:?}"
    );
    for value in every_label_value {
        for secret in [util::CARD, &util::CARD[..12], token.as_str(), &token[6..]] {
            assert!(!value.contains(secret), "a label holds a secret: {value}");
        }
        assert_ne!(value, util::CVV);
    }
}

/// `result_code` is a code the spec lists or `other`: a gateway, or whoever forged an unsigned
/// answer, cannot write a card number into a label, nor grow the label without end.
#[test]
fn result_code_labels_are_known_codes_or_other() {
    use crate::support::{RawServer, Reply, CLIENT_ID};
    use metrics_util::debugging::DebuggingRecorder;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let codes = ["4111111111111111", "ZZ_1", "ZZ_2", "PROCESS_FAIL"];
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    metrics::with_local_recorder(&recorder, || {
        runtime.block_on(async {
            let next = std::sync::Arc::new(AtomicUsize::new(0));
            let server = RawServer::start(move |_| {
                let code = codes[next.fetch_add(1, Ordering::SeqCst) % codes.len()];
                Reply::unsigned(&format!(
                    r#"{{"result":{{"resultStatus":"F","resultCode":"{code}"}},"vaultingRequestId":"label-1"}}"#
                ))
            })
            .await;
            let client = alipay_vaulting::Client::builder()
                .client_id(CLIENT_ID)
                .merchant_private_key(crate::support::merchant_key())
                .alipay_public_key(crate::support::gateway_public())
                .base_url(server.base_url())
                .retry_policy(alipay_vaulting::retry::RetryPolicy::default().with_max_attempts(1))
                .build()
                .unwrap();
            for _ in codes {
                let _ = client.inquire_vaulting("label-1").await;
            }
        })
    });
    let mut labels = std::collections::BTreeSet::new();
    for (key, _, _, _) in snapshotter.snapshot().into_vec() {
        let (_, key) = key.into_parts();
        if key.name() == alipay_vaulting::telemetry::CALLS {
            for label in key.labels().filter(|l| l.key() == "result_code") {
                labels.insert(label.value().to_owned());
            }
        }
    }
    assert_eq!(
        labels,
        ["PROCESS_FAIL", "other"]
            .map(String::from)
            .into_iter()
            .collect()
    );
}

/// A request the spec refuses (a buyer's typo) counts as `invalid_request`, never as
/// `not_sent` (the network or the configuration), so an alert on `not_sent` does not page on it.
#[test]
fn an_invalid_request_has_its_own_outcome() {
    use metrics_util::debugging::DebuggingRecorder;
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    metrics::with_local_recorder(&recorder, || {
        runtime.block_on(async {
            let client = alipay_vaulting::Client::builder()
                .client_id(crate::support::CLIENT_ID)
                .merchant_private_key(crate::support::merchant_key())
                .alipay_public_key(crate::support::gateway_public())
                .base_url("http://127.0.0.1:9")
                .build()
                .unwrap();
            let mut request = util::request("typo-1", "4111111111111111");
            request.payment_method_detail.card.expiry_month = "13".into();
            let error = client.vault_payment_method(&request).await.unwrap_err();
            assert_eq!(error.kind(), alipay_vaulting::ErrorKind::NotSent);
        })
    });
    let outcomes: Vec<String> = snapshotter
        .snapshot()
        .into_vec()
        .into_iter()
        .filter(|(key, ..)| key.key().name() == alipay_vaulting::telemetry::CALLS)
        .flat_map(|(key, ..)| {
            key.key()
                .labels()
                .filter(|l| l.key() == "outcome")
                .map(|l| l.value().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(outcomes, ["invalid_request"]);
}
