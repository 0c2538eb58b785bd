//! The cryptographic floor of a call: one RSA-2048 signature (the request) and one
//! verification (the response), measured alone, next to the crate's own work around them
//! (validate + serialise + sign a vault request; verify + parse + interpret a response).
//! Each group prints the ratio of the crate's path to the floor measured in the same run.
//!
//! `full_call` is a whole `Client::vault_payment_method` over loopback against a server that
//! replays one pre-signed response, so the server costs almost nothing: what remains above
//! sign + verify is the crate's overhead (validation, JSON, HTTP, parsing, outcome mapping).
//!
//! Run: `cargo bench --bench crypto`.

use std::time::Duration;

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::outcome::interpret_vault;
use alipay_vaulting::signing::{self, SignatureHeader};
use alipay_vaulting::verification::verify_response;
use alipay_vaulting::{types, Client, Validate};
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

fn key(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const PATH: &str = "/ams/api/v1/vaults/vaultPaymentMethod";
const CLIENT: &str = "SANDBOX_5YEZ1234567890";
const TIME: &str = "1700000000000";

fn request() -> types::VaultPaymentMethodRequest {
    serde_json::from_value(serde_json::json!({
        "vaultingRequestId": "vault-req-0001",
        "vaultingNotificationUrl": "https://merchant.example/notify/vaulting",
        "redirectUrl": "https://merchant.example/return",
        "paymentMethodDetail": {"paymentMethodType": "CARD", "card": {
            "cardNo": "4111111111111111", "brand": "VISA", "expiryYear": "30", "expiryMonth": "12",
            "cvv": "123", "cardholderName": {"firstName": "JOHN", "lastName": "SMITH"}}},
        "env": {"terminalType": "WEB"}
    }))
    .unwrap()
}

const RESPONSE: &str = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},"vaultingRequestId":"vault-req-0001","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"brand":"VISA","cardToken":"ALIPAY9CGwsAeMBug+G2dSKDV6AIsNKTxAFNkOMoj8Gxvt8h0eDUbd6nO5CwMFIjEFERWxCAo/b1OjVTvtl1zspyMGcg==","maskedCardNo":"************1111"}}}"#;

fn median(c: &mut Criterion, group: &str, id: &str) -> Option<f64> {
    let _ = c;
    // criterion writes estimates under target/criterion/<group>/<id>/new/estimates.json.
    let path = format!(
        "{}/target/criterion/{group}/{id}/new/estimates.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn bench(c: &mut Criterion) {
    let merchant = PrivateKey::parse(&key("merchant_private_pkcs8.b64")).unwrap();
    let gateway = PrivateKey::parse(&key("gateway_private_pkcs8.b64")).unwrap();
    let gateway_public = PublicKey::parse(&key("gateway_public_spki.b64")).unwrap();
    let gateway_keys = alipay_vaulting::keys::AlipayPublicKeys::new(gateway_public.clone());
    let body = serde_json::to_vec(&request()).unwrap();
    let content = signing::content_to_sign("POST", PATH, CLIENT, TIME, &body);
    let signature = signing::sign(&merchant, &content);
    let merchant_public = merchant.public_key();
    let response_header =
        signing::sign_message(&gateway, "POST", PATH, CLIENT, TIME, RESPONSE.as_bytes()).encode();
    let response_headers = [
        ("signature", response_header.as_str()),
        ("client-id", CLIENT),
        ("response-time", TIME),
    ];

    let mut group = c.benchmark_group("crypto");
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("sign", |b| {
        b.iter(|| signing::sign(black_box(&merchant), black_box(&content)))
    });
    group.bench_function("verify", |b| {
        b.iter(|| {
            signing::verify(
                black_box(&merchant_public),
                black_box(&content),
                signature.as_bytes(),
            )
        })
    });
    group.bench_function("request_build_validate_serialize_sign", |b| {
        let request = request();
        b.iter(|| {
            let request = black_box(&request);
            request.validate().unwrap();
            let body = serde_json::to_vec(request).unwrap();
            let header: SignatureHeader =
                signing::sign_message(&merchant, "POST", PATH, CLIENT, TIME, &body);
            black_box(header.encode())
        })
    });
    group.bench_function("response_verify_parse_interpret", |b| {
        b.iter(|| {
            verify_response(
                &gateway_keys,
                CLIENT,
                PATH,
                &response_headers,
                black_box(RESPONSE.as_bytes()),
            )
            .unwrap();
            let parsed: types::VaultPaymentMethodResponse =
                serde_json::from_slice(RESPONSE.as_bytes()).unwrap();
            black_box(interpret_vault(parsed))
        })
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(replay_server(&gateway, RESPONSE));
    let client = Client::builder()
        .client_id(CLIENT)
        .merchant_private_key(merchant.clone())
        .alipay_public_key(gateway_public.clone())
        .base_url(format!("http://{server}"))
        .build()
        .unwrap();
    let request = request();
    group.bench_function("full_call", |b| {
        b.to_async(&runtime)
            .iter(|| async { black_box(client.vault_payment_method(&request).await.unwrap()) })
    });
    group.finish();

    let full = median(c, "crypto", "full_call");
    let floor = median(c, "crypto", "sign").zip(median(c, "crypto", "verify"));
    let request = median(c, "crypto", "request_build_validate_serialize_sign");
    let response = median(c, "crypto", "response_verify_parse_interpret");
    if let (Some((sign, verify)), Some(request), Some(response)) = (floor, request, response) {
        println!(
            "\nmedians: sign {:.1} us, verify {:.1} us; request path {:.1} us ({:.3} x sign); response path {:.1} us ({:.3} x verify); both {:.3} x (sign + verify)",
            sign / 1e3,
            verify / 1e3,
            request / 1e3,
            request / sign,
            response / 1e3,
            response / verify,
            (request + response) / (sign + verify)
        );
        if let Some(full) = full {
            println!(
                "full call {:.1} us = {:.3} x (sign + verify) [target <= 1.15]",
                full / 1e3,
                full / (sign + verify)
            );
        }
    }
}

/// A loopback HTTP/1.1 server answering every request with the same pre-signed response.
async fn replay_server(gateway: &PrivateKey, body: &'static str) -> std::net::SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // Sandbox client ids call the sandbox path, which is the one the response is signed over.
    let path = "/ams/sandbox/api/v1/vaults/vaultPaymentMethod";
    let header =
        signing::sign_message(gateway, "POST", path, CLIENT, TIME, body.as_bytes()).encode();
    let reply: &'static [u8] = Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nclient-id: {CLIENT}\r\nresponse-time: {TIME}\r\nsignature: {header}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
        .into_boxed_slice(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut filled = 0;
                loop {
                    let Ok(n) = stream.read(&mut buf[filled..]).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    filled += n;
                    // One request per read batch: head + content-length body.
                    let Some(end) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = std::str::from_utf8(&buf[..end]).unwrap_or("");
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length: "))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if filled < end + 4 + length {
                        continue;
                    }
                    if stream.write_all(reply).await.is_err() {
                        return;
                    }
                    buf.copy_within(end + 4 + length..filled, 0);
                    filled -= end + 4 + length;
                }
            });
        }
    });
    addr
}

criterion_group!(benches, bench);
criterion_main!(benches);
