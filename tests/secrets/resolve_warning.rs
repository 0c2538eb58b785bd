//! `resolve` warns when its deadline is shorter than its "not found" window (it can then never
//! confirm "not found"). Here because it reads the binary's global subscriber (see main.rs).

use std::time::Duration;

use alipay_vaulting::{Client, ResolveOptions};

use crate::support::{self, RawServer, Reply, CLIENT_ID};

#[tokio::test]
async fn a_deadline_shorter_than_the_window_is_warned() {
    let (_turn, capture) = crate::trace_capture().await;
    let server = RawServer::start(|r| {
        Reply::signed(
            &support::gateway_key(),
            CLIENT_ID,
            &r.path,
            r#"{"result":{"resultStatus":"F","resultCode":"VAULTING_NOT_EXIST"},"vaultingRequestId":"warn-1"}"#,
        )
    })
    .await;
    let client = Client::builder()
        .client_id(CLIENT_ID)
        .merchant_private_key(support::merchant_key())
        .alipay_public_key(support::gateway_public())
        .base_url(server.base_url())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let short = ResolveOptions::new("warn-1")
        .deadline(Duration::from_millis(300))
        .not_found_window(Duration::from_secs(2));
    let _ = client.resolve_with(&short).await;
    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    let warned = log
        .lines()
        .any(|l| l.contains("WARN") && l.contains("shorter than its"));
    assert!(warned, "{log}");

    // A deadline longer than the window: no such warning.
    capture.0.lock().unwrap().clear();
    let long = ResolveOptions::new("warn-1")
        .deadline(Duration::from_millis(300))
        .not_found_window(Duration::from_millis(100));
    let _ = client.resolve_with(&long).await;
    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(!log.contains("shorter than its"), "{log}");
}
