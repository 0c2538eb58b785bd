//! `ClientBuilder::from_vars` (what `from_env` and the command-line tool use): every variable
//! set builds a client that works; each required one missing, and each one invalid, gives an
//! error naming the variable and never its value.
#![cfg(feature = "simulator")]

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use alipay_vaulting::outcome::VaultOutcome;
use alipay_vaulting::{BuildError, ClientBuilder, ENV_VARIABLES};

use crate::support::certs::TestCa;
use crate::support::simulator as util;

/// A directory for the files the variables point at, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let path =
            std::env::temp_dir().join(format!("alipay-from-env-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Dir(path)
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// DER as PEM with `label`.
fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

fn build(vars: &HashMap<&str, String>) -> Result<ClientBuilder, BuildError> {
    ClientBuilder::from_vars(|name| vars.get(name).cloned())
}

/// The variable an error names, or a panic.
fn variable(error: BuildError) -> &'static str {
    match error {
        BuildError::Env { variable, .. } => variable,
        other => panic!("not an Env error: {other:?}"),
    }
}

#[tokio::test]
async fn every_variable_set_builds_a_client_that_works() {
    let ca = TestCa::new("from_env CA");
    let certificate = ca.server(&["localhost"]);
    let sim = util::sim_with(|c| c.tls(&certificate.chain_pem, &certificate.key_pem)).await;
    let dir = Dir::new("all");
    let keys = sim.keys();
    let merchant = keys.merchant_private.as_ref().unwrap();
    let vars: HashMap<&str, String> = HashMap::from([
        ("ALIPAY_GATEWAY", sim.base_url().to_string()),
        ("ALIPAY_CLIENT_ID", sim.client_id().to_string()),
        // A file for one key, the key itself (PEM) for the other.
        (
            "ALIPAY_PRIVATE_KEY",
            dir.write(
                "merchant.pem",
                &pem("PRIVATE KEY", &merchant.export_pkcs8_der()),
            ),
        ),
        (
            "ALIPAY_PUBLIC_KEY",
            pem("PUBLIC KEY", keys.gateway.public_key().spki_der()),
        ),
        ("ALIPAY_KEY_VERSION", "1".into()),
        ("ALIPAY_CA_CERT", dir.write("ca.pem", &ca.pem)),
        ("ALIPAY_TLS_ROOTS", "only-added".into()),
        ("ALIPAY_PROXY", "none".into()),
        ("ALIPAY_TIMEOUT", "7s".into()),
        ("ALIPAY_CONNECT_TIMEOUT", "1500ms".into()),
    ]);
    for name in ENV_VARIABLES {
        assert!(vars.contains_key(name), "the test misses {name}");
    }
    let client = build(&vars).unwrap().build().unwrap();
    assert_eq!(client.timeout(), Duration::from_secs(7));
    assert_eq!(client.client_id(), sim.client_id());
    let outcome = client
        .vault_payment_method(&util::request("from-env-1", "4111111111111111"))
        .await
        .unwrap();
    assert!(matches!(outcome, VaultOutcome::Vaulted(_)), "{outcome:?}");
    sim.shutdown().await;
}

#[test]
fn each_missing_or_invalid_variable_is_named_and_its_value_never_shown() {
    let dir = Dir::new("bad");
    let merchant = dir.write(
        "merchant.b64",
        &crate::support::key_text("merchant_private_pkcs8.b64"),
    );
    let gateway_public = crate::support::key_text("gateway_public_spki.pem");
    let valid: HashMap<&str, String> = HashMap::from([
        ("ALIPAY_GATEWAY", "na".to_string()),
        ("ALIPAY_CLIENT_ID", "SANDBOX_5YEZ1234567890".to_string()),
        ("ALIPAY_PRIVATE_KEY", merchant.clone()),
        ("ALIPAY_PUBLIC_KEY", gateway_public.clone()),
    ]);
    build(&valid).unwrap().build().unwrap();

    for required in [
        "ALIPAY_GATEWAY",
        "ALIPAY_CLIENT_ID",
        "ALIPAY_PRIVATE_KEY",
        "ALIPAY_PUBLIC_KEY",
    ] {
        for unset in [None, Some("  ")] {
            let mut vars = valid.clone();
            match unset {
                None => vars.remove(required),
                Some(blank) => vars.insert(required, blank.to_string()),
            };
            let error = build(&vars).unwrap_err();
            assert_eq!(error.to_string(), format!("{required}: not set"));
            assert_eq!(variable(error), required);
        }
    }

    // (variable, an invalid value holding a marker that must never be echoed)
    let marker = "M4RK3R";
    let invalid: Vec<(&str, String)> = vec![
        ("ALIPAY_GATEWAY", format!("ftp://{marker}.example")),
        ("ALIPAY_GATEWAY", format!("http://{marker}.example")),
        ("ALIPAY_PRIVATE_KEY", format!("/no/such/{marker}.pem")),
        ("ALIPAY_PRIVATE_KEY", gateway_public.clone()),
        ("ALIPAY_PUBLIC_KEY", format!("/no/such/{marker}.pem")),
        (
            "ALIPAY_PUBLIC_KEY",
            format!("-----BEGIN PUBLIC KEY-----\n{marker}\n-----END PUBLIC KEY-----"),
        ),
        ("ALIPAY_CA_CERT", format!("/no/such/{marker}.pem")),
        ("ALIPAY_CA_CERT", merchant.clone()),
        ("ALIPAY_TLS_ROOTS", marker.to_string()),
        ("ALIPAY_PROXY", format!("socks5://user:{marker}@proxy:1080")),
        ("ALIPAY_TIMEOUT", marker.to_string()),
        ("ALIPAY_TIMEOUT", "0s".into()),
        ("ALIPAY_CONNECT_TIMEOUT", "5h".into()),
        ("ALIPAY_KEY_VERSION", format!("{marker} with spaces")),
    ];
    for (name, value) in invalid {
        let mut vars = valid.clone();
        vars.insert(name, value.clone());
        let error = match build(&vars) {
            Err(error) => error,
            // Settings checked by `build` (the key version) name the setting instead.
            Ok(builder) => builder.build().unwrap_err(),
        };
        let text = format!("{error} {error:?}");
        assert!(!text.contains(marker), "{name}: the value is shown: {text}");
        assert!(
            !text.contains("MII") && !text.contains(&merchant),
            "{name}: key material or a path in: {text}"
        );
        match error {
            BuildError::Env { variable, .. } => assert_eq!(variable, name, "{text}"),
            BuildError::Invalid { setting, .. } => {
                assert_eq!((name, setting), ("ALIPAY_KEY_VERSION", "key_version"))
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn a_public_key_file_with_two_keys_configures_both() {
    let dir = Dir::new("two");
    let old = crate::support::gateway_public();
    // A new key of Alipay's (not the merchant's own public key, which is refused).
    let new = alipay_vaulting::keys::PrivateKey::generate()
        .unwrap()
        .public_key();
    let both = format!(
        "{}\n{}",
        pem("PUBLIC KEY", old.spki_der()),
        pem("PUBLIC KEY", new.spki_der())
    );
    let vars: HashMap<&str, String> = HashMap::from([
        ("ALIPAY_GATEWAY", "eu".to_string()),
        ("ALIPAY_CLIENT_ID", "SANDBOX_5YEZ1234567890".to_string()),
        (
            "ALIPAY_PRIVATE_KEY",
            crate::support::key_text("merchant_private_pkcs1.pem"),
        ),
        ("ALIPAY_PUBLIC_KEY", dir.write("alipay_public.pem", &both)),
    ]);
    let client = build(&vars).unwrap().build().unwrap();
    let keys: Vec<_> = client
        .notification_verifier()
        .public_keys()
        .iter()
        .map(|(_, key)| key.clone())
        .collect();
    assert_eq!(keys, vec![old, new]);
}
