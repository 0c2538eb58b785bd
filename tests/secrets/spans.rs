//! Each attempt is a child span of `alipay_vaulting.call` with OpenTelemetry's HTTP-client
//! attributes, and no span field holds card data or a token. Here because it reads the spans
//! the binary's global subscriber records (see main.rs): a scoped subscriber misses spans
//! whose callsites other test threads registered first.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[cfg(feature = "simulator")]
use crate::support::simulator as util;

/// A span the global subscriber saw: name, parent name, and fields.
#[derive(Clone, Debug, Default)]
#[cfg_attr(not(feature = "simulator"), allow(dead_code))]
pub struct SpanRecord {
    name: &'static str,
    parent: Option<&'static str>,
    fields: BTreeMap<String, String>,
}

/// The layer of the global subscriber that records every span (see main.rs).
#[derive(Clone, Default)]
pub struct Spans(pub Arc<Mutex<Vec<SpanRecord>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S> tracing_subscriber::Layer<S> for Spans
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        id: &tracing::span::Id,
        ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut record = SpanRecord {
            name: attrs.metadata().name(),
            parent: ctx.span(id).and_then(|s| s.parent()).map(|p| p.name()),
            fields: BTreeMap::new(),
        };
        attrs.record(&mut Fields(&mut record.fields));
        let mut spans = self.0.lock().unwrap();
        spans.push(record);
        let index = spans.len() - 1;
        drop(spans);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(index);
        }
    }

    fn on_record(
        &self,
        id: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let Some(index) = ctx
            .span(id)
            .and_then(|s| s.extensions().get::<usize>().copied())
        else {
            return;
        };
        let mut spans = self.0.lock().unwrap();
        values.record(&mut Fields(&mut spans[index].fields));
    }
}

#[cfg(feature = "simulator")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_attempt_is_a_child_span_with_the_http_client_attributes() {
    let (_turn, _capture) = crate::trace_capture().await;
    let token = util::telemetry_scenario().await;

    let spans: Vec<SpanRecord> = crate::spans()
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.name.starts_with("alipay_vaulting."))
        .cloned()
        .collect();
    let attempts: Vec<&SpanRecord> = spans
        .iter()
        .filter(|s| s.name == "alipay_vaulting.attempt")
        .collect();
    // The vault (1), the inquiry (2), the resolve's inquiry (1), the failed call (1).
    assert_eq!(attempts.len(), 5, "{attempts:#?}");
    for attempt in &attempts {
        assert_eq!(attempt.parent, Some("alipay_vaulting.call"), "{attempt:?}");
        assert_eq!(attempt.fields["otel.kind"], "client");
        assert_eq!(attempt.fields["otel.name"], "POST");
        assert_eq!(attempt.fields["http.request.method"], "POST");
        assert_eq!(attempt.fields["server.address"], "127.0.0.1");
        assert!(attempt.fields["server.port"].parse::<u16>().unwrap() > 0);
        for value in attempt.fields.values() {
            assert!(
                !value.contains(util::CARD) && !value.contains(&token[6..]),
                "{value}"
            );
        }
    }
    let sandbox = |path: &str| format!("/ams/sandbox/api/v1/vaults/{path}");
    // (url.path, http.response.status_code, http.request.resend_count, error.type)
    type Summary<'a> = (String, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let summary: Vec<Summary> = attempts
        .iter()
        .map(|a| {
            (
                a.fields["url.path"].clone(),
                a.fields
                    .get("http.response.status_code")
                    .map(String::as_str),
                a.fields
                    .get("http.request.resend_count")
                    .map(String::as_str),
                a.fields.get("error.type").map(String::as_str),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (sandbox("vaultPaymentMethod"), Some("200"), None, None),
            (sandbox("inquireVaulting"), Some("503"), None, Some("503")),
            (sandbox("inquireVaulting"), Some("200"), Some("1"), None),
            (sandbox("inquireVaulting"), Some("200"), None, None),
            (sandbox("vaultPaymentMethod"), None, None, Some("connect")),
        ]
    );
    let calls = spans
        .iter()
        .filter(|s| s.name == "alipay_vaulting.call")
        .count();
    assert_eq!(calls, 4);
}
