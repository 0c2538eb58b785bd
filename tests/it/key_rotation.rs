//! Key rotation: with the old and the new Alipay public key configured, answers and
//! notifications signed with either verify (the one the header's `keyVersion` names is tried
//! first); one signed with a third key is refused, with a typed error.

use std::sync::{Arc, Mutex};

use alipay_vaulting::error::ResponseRejected;
use alipay_vaulting::keys::{AlipayPublicKeys, PrivateKey, PublicKey};
use alipay_vaulting::notification::{sign_notification, NotificationError, NotificationVerifier};
use alipay_vaulting::outcome::InquiryOutcome;
use alipay_vaulting::signing;
use alipay_vaulting::{Client, Error};

use crate::support::{self, RawServer, Reply, CLIENT_ID};

const PATH: &str = "/ams/sandbox/api/v1/vaults/inquireVaulting";
const BODY: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success"},"vaultingRequestId":"rotation-1","vaultingStatus":"SUCCESS","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"cardToken":"ALIPAYrotationTOKEN0123456789"}}}"#;

/// The old key (the gateway's fixture), the new one and a stranger's (generated).
fn keys() -> (PrivateKey, PrivateKey, PrivateKey) {
    static KEYS: std::sync::OnceLock<(PrivateKey, PrivateKey)> = std::sync::OnceLock::new();
    let (new, third) = KEYS
        .get_or_init(|| {
            (
                PrivateKey::generate().unwrap(),
                PrivateKey::generate().unwrap(),
            )
        })
        .clone();
    (support::gateway_key(), new, third)
}

/// A gateway whose answers are signed by the key the test chose for the next call, under
/// `keyVersion`.
async fn gateway() -> (RawServer, Arc<Mutex<(PrivateKey, String)>>) {
    let signer = Arc::new(Mutex::new((support::gateway_key(), "1".to_string())));
    let current = signer.clone();
    let server = RawServer::start(move |_| {
        let (key, version) = current.lock().unwrap().clone();
        let time = "2026-12-02T10:00:00+00:00";
        let mut header =
            signing::sign_message(&key, "POST", PATH, CLIENT_ID, time, BODY.as_bytes());
        header.key_version = version;
        Reply::Http {
            status: 200,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("client-id".into(), CLIENT_ID.into()),
                ("response-time".into(), time.into()),
                ("signature".into(), header.encode()),
            ],
            body: BODY.as_bytes().to_vec(),
        }
    })
    .await;
    (server, signer)
}

fn client(
    base_url: &str,
    configure: impl FnOnce(alipay_vaulting::ClientBuilder) -> alipay_vaulting::ClientBuilder,
) -> Client {
    configure(
        Client::builder()
            .base_url(base_url)
            .client_id(CLIENT_ID)
            .merchant_private_key(support::merchant_key())
            .retry_policy(alipay_vaulting::retry::RetryPolicy::default().with_max_attempts(1)),
    )
    .build()
    .unwrap()
}

#[tokio::test]
async fn answers_signed_with_the_old_or_the_new_key_verify_and_a_third_is_refused() {
    let (old, new, third) = keys();
    let (server, signer) = gateway().await;
    let rotated = client(&server.base_url(), |b| {
        b.alipay_public_key(old.public_key())
            .add_alipay_public_key_version("2", new.public_key())
    });
    let only_old = client(&server.base_url(), |b| {
        b.alipay_public_key(old.public_key())
    });

    for (key, version, what) in [
        (&old, "1", "the old key"),
        (&new, "2", "the new key, under its version"),
        (&new, "1", "the new key, under the old version"),
        (&old, "2", "the old key, under the new version"),
    ] {
        *signer.lock().unwrap() = (key.clone(), version.into());
        let outcome = rotated.inquire_vaulting("rotation-1").await;
        assert!(
            matches!(outcome, Ok(InquiryOutcome::Succeeded(_))),
            "{what}: {outcome:?}"
        );
    }

    *signer.lock().unwrap() = (new.clone(), "2".into());
    let refused = only_old.inquire_vaulting("rotation-1").await.unwrap_err();
    assert!(
        matches!(
            refused,
            Error::ResponseRejected(ResponseRejected::BadSignature)
        ),
        "a key not configured: {refused:?}"
    );
    *signer.lock().unwrap() = (third.clone(), "2".into());
    let refused = rotated.inquire_vaulting("rotation-1").await.unwrap_err();
    assert!(
        matches!(
            refused,
            Error::ResponseRejected(ResponseRejected::BadSignature)
        ),
        "a third key: {refused:?}"
    );
    *signer.lock().unwrap() = (third, "3".into());
    let refused = rotated.inquire_vaulting("rotation-1").await.unwrap_err();
    assert!(
        matches!(
            refused,
            Error::ResponseRejected(ResponseRejected::BadSignature)
        ),
        "a third key under a version nobody has: {refused:?}"
    );
}

#[test]
fn notifications_signed_with_either_key_verify_and_a_third_is_refused() {
    let (old, new, third) = keys();
    let body = br#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"vaultingRequestId":"rotation-n"}"#;
    let path = "/notify/vaulting";
    let verifiers = [
        NotificationVerifier::new(old.public_key())
            .add_versioned_public_key("2", new.public_key())
            .expected_client_id(CLIENT_ID),
        NotificationVerifier::with_keys(
            AlipayPublicKeys::new(new.public_key()).with_key(old.public_key()),
        ),
        client("https://localhost:1", |b| {
            b.alipay_public_key(old.public_key())
                .add_alipay_public_key(new.public_key())
        })
        .notification_verifier(),
    ];
    for verifier in &verifiers {
        for (key, expected) in [(&old, true), (&new, true), (&third, false)] {
            let signed = sign_notification(key, CLIENT_ID, path, "1700000000000", body);
            let headers = signed.header_map().unwrap();
            let result = verifier.verify("POST", path, &headers, signed.body());
            if expected {
                assert!(result.is_ok(), "{verifier:?}: {result:?}");
            } else {
                assert_eq!(result.unwrap_err(), NotificationError::BadSignature);
            }
        }
    }
    // The public keys list both, the first one first.
    let keys: Vec<PublicKey> = verifiers[0]
        .public_keys()
        .iter()
        .map(|(_, k)| k.clone())
        .collect();
    assert_eq!(keys, vec![old.public_key(), new.public_key()]);
    assert_eq!(verifiers[0].public_key(), &old.public_key());
}

#[test]
fn the_key_the_version_names_is_tried_first() {
    let (old, new, _) = keys();
    let keys = AlipayPublicKeys::new(old.public_key())
        .with_versioned_key("2", new.public_key())
        .with_key(old.public_key());
    assert_eq!(keys.len(), 2, "the same key twice is kept once");
    let order: Vec<&PublicKey> = keys.candidates("2").collect();
    assert_eq!(order, vec![&new.public_key(), &old.public_key()]);
    let order: Vec<&PublicKey> = keys.candidates("1").collect();
    assert_eq!(order, vec![&old.public_key(), &new.public_key()]);
}

#[test]
fn the_builder_takes_a_whole_key_set_with_its_versions() {
    let (old, new, _) = keys();
    let set = AlipayPublicKeys::new(old.public_key()).with_versioned_key("2", new.public_key());
    let built = client("https://localhost:1", |b| b.alipay_public_keys(set.clone()));
    assert_eq!(built.notification_verifier().public_keys(), &set);
    let versioned_first =
        AlipayPublicKeys::new(new.public_key()).with_versioned_key("2", new.public_key());
    let built = client("https://localhost:1", |b| {
        b.alipay_public_keys(versioned_first.clone())
    });
    assert_eq!(
        built.notification_verifier().public_keys(),
        &versioned_first
    );
}
