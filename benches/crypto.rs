//! The cryptographic floor of a call: one RSA-2048 signature (the request) and one
//! verification (the response), measured alone, next to the crate's own work around them
//! (validate + serialise + sign a vault request; verify + parse + interpret a response).
//! Each group prints the ratio of the crate's path to the floor measured in the same run.
//!
//! Run: `cargo bench --bench crypto`.

use std::time::Duration;

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::outcome::interpret_vault;
use alipay_vaulting::signing::{self, SignatureHeader};
use alipay_vaulting::verification::verify_response;
use alipay_vaulting::{types, Validate};
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

fn key(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../shared/vectors/keys/{name}",
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
                &gateway_public,
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
    group.finish();

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
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
