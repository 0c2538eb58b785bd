//! Loads every key file in `tests/fixtures/keys` (copies of `shared/vectors/keys`) in every
//! supported way and checks the error for each kind of wrong input.

use std::fs;
use std::path::PathBuf;

use alipay_vaulting::keys::{ExpectedKey, KeyError, PrivateKey, PublicKey};
use alipay_vaulting::signing::{content_to_sign, sign, verify, SignatureError};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

fn keys_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys"))
}

fn read(name: &str) -> String {
    let path = keys_dir().join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// DER from a `.b64` file.
fn der(name: &str) -> Vec<u8> {
    STANDARD.decode(read(name).trim()).unwrap()
}

const ROLES: [&str; 2] = ["merchant", "gateway"];
const PRIVATE_FORMS: [&str; 4] = ["pkcs1.b64", "pkcs1.pem", "pkcs8.b64", "pkcs8.pem"];
const PUBLIC_FORMS: [&str; 2] = ["spki.b64", "spki.pem"];

fn private_files() -> Vec<String> {
    ROLES
        .iter()
        .flat_map(|r| {
            PRIVATE_FORMS
                .iter()
                .map(move |f| format!("{r}_private_{f}"))
        })
        .collect()
}

fn public_files() -> Vec<String> {
    ROLES
        .iter()
        .flat_map(|r| PUBLIC_FORMS.iter().map(move |f| format!("{r}_public_{f}")))
        .collect()
}

/// 16-character windows of a key's base64: none may appear in any output.
fn key_chunks(text: &str) -> Vec<String> {
    let b64: String = text
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .concat();
    let bytes = b64.as_bytes();
    (0..bytes.len().saturating_sub(16))
        .step_by(8)
        .map(|i| String::from_utf8(bytes[i..i + 16].to_vec()).unwrap())
        .collect()
}

fn assert_no_key_material(output: &str, key_text: &str) {
    for chunk in key_chunks(key_text) {
        assert!(
            !output.contains(&chunk),
            "output leaks key material: {output}"
        );
    }
}

const MESSAGE: &[u8] = b"POST /ams/api/v1/vaults/inquireVaulting\nSANDBOX_X.1700000000000.{}";

#[test]
fn there_are_twelve_key_files() {
    let mut names: Vec<String> = fs::read_dir(keys_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut expected: Vec<String> = private_files().into_iter().chain(public_files()).collect();
    expected.sort();
    assert_eq!(names, expected);
}

#[test]
fn every_private_file_parses_and_its_der_loads_with_the_matching_constructor() {
    for name in private_files() {
        let key = PrivateKey::parse(&read(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.modulus_bits(), 2048, "{name}");
        assert_eq!(key.signature_len(), 256, "{name}");
        if name.ends_with(".b64") {
            let der = der(&name);
            PrivateKey::from_der(&der).unwrap();
            if name.contains("pkcs8") {
                PrivateKey::from_pkcs8_der(&der).unwrap();
                assert!(matches!(
                    PrivateKey::from_pkcs1_der(&der),
                    Err(KeyError::WrongFormat {
                        expected: ExpectedKey::Pkcs1PrivateDer,
                        ..
                    })
                ));
            } else {
                PrivateKey::from_pkcs1_der(&der).unwrap();
                assert!(matches!(
                    PrivateKey::from_pkcs8_der(&der),
                    Err(KeyError::WrongFormat {
                        expected: ExpectedKey::Pkcs8Der,
                        ..
                    })
                ));
            }
        }
    }
}

#[test]
fn every_public_file_parses_and_its_der_loads_with_the_matching_constructor() {
    for name in public_files() {
        let key = PublicKey::parse(&read(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.modulus_bits(), 2048, "{name}");
        assert_eq!(key.signature_len(), 256);
        if name.ends_with(".b64") {
            let der = der(&name);
            assert_eq!(PublicKey::from_spki_der(&der).unwrap(), key);
            assert_eq!(PublicKey::from_der(&der).unwrap(), key);
            assert_eq!(key.spki_der(), &der[..]);
            assert_eq!(key.to_base64(), read(&name).trim());
            assert!(matches!(
                PublicKey::from_pkcs1_der(&der),
                Err(KeyError::WrongFormat { .. })
            ));
        }
    }
}

#[test]
fn halves_match_and_every_private_form_gives_the_same_signature() {
    for role in ROLES {
        let other = if role == "merchant" {
            "gateway"
        } else {
            "merchant"
        };
        let publics: Vec<PublicKey> = PUBLIC_FORMS
            .iter()
            .map(|f| PublicKey::parse(&read(&format!("{role}_public_{f}"))).unwrap())
            .collect();
        let other_public = PublicKey::parse(&read(&format!("{other}_public_spki.b64"))).unwrap();
        let mut signatures = Vec::new();
        for form in PRIVATE_FORMS {
            let private = PrivateKey::parse(&read(&format!("{role}_private_{form}"))).unwrap();
            assert_eq!(private.public_key(), publics[0], "{role} {form}");
            let sig = sign(&private, MESSAGE);
            assert_eq!(sig.as_bytes().len(), 256);
            for public in &publics {
                verify(public, MESSAGE, sig.as_bytes()).unwrap();
            }
            assert_eq!(
                verify(&other_public, MESSAGE, sig.as_bytes()),
                Err(SignatureError::Mismatch)
            );
            signatures.push(sig);
        }
        assert!(signatures.windows(2).all(|w| w[0] == w[1]), "{role}");
    }
}

#[test]
fn public_key_given_as_private_is_named() {
    for name in public_files() {
        let err = PrivateKey::parse(&read(&name)).unwrap_err();
        assert_eq!(err, KeyError::PublicKeyGivenAsPrivate, "{name}");
        assert_eq!(
            err.to_string(),
            "expected an RSA private key (PKCS#8 or PKCS#1, base64 or PEM), found a public key"
        );
    }
    let der = der("merchant_public_spki.b64");
    assert_eq!(
        PrivateKey::from_pkcs8_der(&der).unwrap_err(),
        KeyError::PublicKeyGivenAsPrivate
    );
    assert_eq!(
        PrivateKey::parse(MERCHANT_RSA_PUBLIC_PKCS1).unwrap_err(),
        KeyError::PublicKeyGivenAsPrivate
    );
}

#[test]
fn private_key_given_as_public_is_named() {
    for name in private_files() {
        let err = PublicKey::parse(&read(&name)).unwrap_err();
        assert_eq!(err, KeyError::PrivateKeyGivenAsPublic, "{name}");
        assert!(err.to_string().starts_with("expected an RSA public key"));
        assert!(err.to_string().contains("found a private key"));
    }
    for name in ["merchant_private_pkcs8.b64", "merchant_private_pkcs1.b64"] {
        assert_eq!(
            PublicKey::from_spki_der(&der(name)).unwrap_err(),
            KeyError::PrivateKeyGivenAsPublic
        );
    }
}

#[test]
fn truncated_keys_are_reported_as_truncated() {
    for name in private_files().into_iter().chain(public_files()) {
        let text = read(&name);
        let text = text.trim();
        // Half, and half plus one and two characters (base64 cut mid-quantum).
        for cut in [text.len() / 2, text.len() / 2 + 1, text.len() / 2 + 2] {
            let cut_text = &text[..cut];
            let err = if name.contains("private") {
                PrivateKey::parse(cut_text).unwrap_err()
            } else {
                PublicKey::parse(cut_text).unwrap_err()
            };
            assert!(
                matches!(err, KeyError::Truncated { .. }),
                "{name} cut at {cut}: {err:?}"
            );
            assert!(err.to_string().contains("truncated"), "{err}");
            assert_no_key_material(&err.to_string(), text);
            assert_no_key_material(&format!("{err:?}"), text);
        }
    }
    let der = der("merchant_private_pkcs8.b64");
    assert!(matches!(
        PrivateKey::from_pkcs8_der(&der[..der.len() - 1]),
        Err(KeyError::Truncated { .. })
    ));
}

#[test]
fn garbage_is_not_base64_and_empty_is_empty() {
    for garbage in [
        "this is not a key!",
        "/etc/alipay/merchant_private_key.pem",
        "{\"privateKey\": null}",
        "MIIEvQIBADANBg#kqhkiG9w0BAQEFAASC",
        "\\t",
    ] {
        assert!(
            matches!(
                PrivateKey::parse(garbage),
                Err(KeyError::NotBase64 {
                    expected: ExpectedKey::PrivateKey
                })
            ),
            "{garbage}"
        );
        assert!(matches!(
            PublicKey::parse(garbage),
            Err(KeyError::NotBase64 {
                expected: ExpectedKey::PublicKey
            })
        ));
    }
    // Valid base64 that is not DER, of every length remainder.
    for junk in ["garbage", "garbag", "garbagee", "AAAA"] {
        assert!(
            matches!(PrivateKey::parse(junk), Err(KeyError::Malformed { .. })),
            "{junk}: {:?}",
            PrivateKey::parse(junk)
        );
    }
    for empty in ["", "   \n\t ", "\\n\\n"] {
        assert!(matches!(
            PrivateKey::parse(empty),
            Err(KeyError::Empty { .. })
        ));
        assert!(matches!(
            PublicKey::parse(empty),
            Err(KeyError::Empty { .. })
        ));
    }
    assert!(matches!(
        PrivateKey::from_der(&[]),
        Err(KeyError::Malformed { .. })
    ));
}

#[test]
fn non_rsa_keys_are_not_rsa() {
    for (pem, oid) in [
        (EC_P256_PKCS8, "EC (1.2.840.10045.2.1)"),
        (ED25519_PKCS8, "Ed25519 (1.3.101.112)"),
    ] {
        match PrivateKey::parse(pem) {
            Err(KeyError::NotRsa { algorithm, .. }) => assert_eq!(algorithm, oid),
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        PrivateKey::parse(EC_P256_SEC1),
        Err(KeyError::NotRsa { .. })
    ));
    let sec1_der = STANDARD
        .decode(
            EC_P256_SEC1
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect::<String>(),
        )
        .unwrap();
    assert!(matches!(
        PrivateKey::from_der(&sec1_der),
        Err(KeyError::NotRsa { .. })
    ));
    let err = PublicKey::parse(EC_P256_PUBLIC).unwrap_err();
    assert_eq!(
        err,
        KeyError::NotRsa {
            expected: ExpectedKey::PublicKey,
            algorithm: "EC (1.2.840.10045.2.1)".into()
        }
    );
    assert!(err
        .to_string()
        .contains("found a key of type EC (1.2.840.10045.2.1)"));
    assert!(err.to_string().contains("rsaEncryption"));
    match PublicKey::parse(RSA_PSS_PUBLIC) {
        Err(KeyError::NotRsa { algorithm, .. }) => {
            assert_eq!(
                algorithm,
                "RSASSA-PSS (restricted RSA) (1.2.840.113549.1.1.10)"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn small_rsa_keys_are_refused_with_their_size() {
    assert_eq!(
        PrivateKey::parse(RSA1024_PKCS8).unwrap_err(),
        KeyError::UnsupportedKeySize {
            expected: ExpectedKey::PrivateKey,
            bits: 1024
        }
    );
    assert_eq!(
        PublicKey::parse(RSA1024_PUBLIC).unwrap_err(),
        KeyError::UnsupportedKeySize {
            expected: ExpectedKey::PublicKey,
            bits: 1024
        }
    );
}

#[test]
fn encrypted_keys_and_certificates_are_named() {
    assert!(matches!(
        PrivateKey::parse(MERCHANT_PKCS8_ENCRYPTED),
        Err(KeyError::Encrypted { .. })
    ));
    let body: String = MERCHANT_PKCS8_ENCRYPTED
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    assert!(matches!(
        PrivateKey::parse(&body),
        Err(KeyError::Encrypted { .. })
    ));
    assert_eq!(
        PublicKey::parse(MERCHANT_PKCS8_ENCRYPTED).unwrap_err(),
        KeyError::PrivateKeyGivenAsPublic
    );
    assert!(matches!(
        PublicKey::parse(EC_CERTIFICATE),
        Err(KeyError::WrongFormat { .. })
    ));
    let cert_body: String = EC_CERTIFICATE
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    assert!(matches!(
        PublicKey::parse(&cert_body),
        Err(KeyError::WrongFormat { .. })
    ));
    assert_eq!(
        PrivateKey::parse(EC_CERTIFICATE).unwrap_err(),
        KeyError::UnsupportedPemLabel {
            expected: ExpectedKey::PrivateKey,
            label: "CERTIFICATE".into()
        }
    );
}

#[test]
fn pkcs1_rsa_public_key_pem_loads() {
    let from_pkcs1 = PublicKey::parse(MERCHANT_RSA_PUBLIC_PKCS1).unwrap();
    let from_spki = PublicKey::parse(&read("merchant_public_spki.pem")).unwrap();
    assert_eq!(from_pkcs1, from_spki);
    let private = PrivateKey::parse(&read("merchant_private_pkcs8.b64")).unwrap();
    verify(&from_pkcs1, MESSAGE, sign(&private, MESSAGE).as_bytes()).unwrap();
}

#[test]
fn forgiving_text_forms_all_load_the_same_key() {
    let b64 = read("merchant_private_pkcs8.b64").trim().to_owned();
    let pem = read("merchant_private_pkcs8.pem");
    let wrapped: String = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let forms = [
        format!("  \n{b64}\n\n"),
        wrapped.clone(),
        wrapped.replace('\n', "\r\n"),
        wrapped.replace('\n', "\\n"),
        b64.trim_end_matches('=').to_owned(),
        pem.replace('\n', "\r\n"),
        pem.replace('\n', "\\n"),
        format!("Bag Attributes\n    localKeyID: 01\n{pem}"),
        format!("{pem}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
    ];
    let reference = PrivateKey::parse(&b64).unwrap().public_key();
    for form in &forms {
        let key = PrivateKey::parse(form).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(key.public_key(), reference);
    }
    let pub_b64 = read("merchant_public_spki.b64").trim().to_owned();
    let pub_wrapped = pub_b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(PublicKey::parse(&pub_wrapped).unwrap(), reference);
}

#[test]
fn unknown_pem_labels_are_reported() {
    let err = PrivateKey::parse(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----",
    )
    .unwrap_err();
    assert_eq!(
        err,
        KeyError::UnsupportedPemLabel {
            expected: ExpectedKey::PrivateKey,
            label: "OPENSSH PRIVATE KEY".into()
        }
    );
    assert!(err.to_string().contains("OPENSSH PRIVATE KEY"));
}

#[test]
fn debug_output_carries_no_key_material() {
    for name in private_files() {
        let text = read(&name);
        let key = PrivateKey::parse(&text).unwrap();
        assert_eq!(
            format!("{key:?}"),
            r#"PrivateKey { algorithm: "RSA", bits: 2048, .. }"#
        );
        assert_no_key_material(&format!("{key:?}"), &text);
        assert_no_key_material(&format!("{key:#?}"), &text);
        assert_no_key_material(&format!("{:?}", key.public_key()), &text);
    }
    let public = PublicKey::parse(&read("merchant_public_spki.b64")).unwrap();
    let fingerprint = public.sha256_fingerprint();
    let expected_fp = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, public.spki_der());
    let expected_hex: String = expected_fp
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(fingerprint, expected_hex);
    assert_eq!(
        format!("{public:?}"),
        format!(
            r#"PublicKey {{ algorithm: "RSA", bits: 2048, sha256: "{}" }}"#,
            &fingerprint[..16]
        )
    );
}

#[test]
fn key_types_are_cheap_shared_handles() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<PrivateKey>();
    assert_send_sync::<PublicKey>();
    assert_send_sync::<KeyError>();
    let key = PrivateKey::parse(&read("gateway_private_pkcs1.pem")).unwrap();
    let copy = key.clone();
    assert_eq!(sign(&key, MESSAGE), sign(&copy, MESSAGE));
    let content = content_to_sign("POST", "/x", "c", "t", b"{}");
    let handle = std::thread::spawn(move || sign(&copy, &content));
    verify(
        &key.public_key(),
        &content_to_sign("POST", "/x", "c", "t", b"{}"),
        handle.join().unwrap().as_bytes(),
    )
    .unwrap();
}

#[test]
fn error_messages_name_the_expected_format_and_leak_nothing() {
    let private_text = read("merchant_private_pkcs8.b64");
    let half = &private_text.trim()[..private_text.len() / 2];
    let errors = [
        PrivateKey::parse(half).unwrap_err(),
        PublicKey::parse(&private_text).unwrap_err(),
        PrivateKey::parse(&read("merchant_public_spki.b64")).unwrap_err(),
        PrivateKey::parse("not a key!").unwrap_err(),
    ];
    for err in &errors {
        let msg = err.to_string();
        assert!(msg.starts_with("expected an RSA "), "{msg}");
        assert!(msg.contains("found"), "{msg}");
        assert_no_key_material(&msg, &private_text);
        assert_no_key_material(&format!("{err:?}"), &private_text);
        let _: &dyn std::error::Error = err;
    }
}

#[test]
fn mutated_and_cut_real_keys_never_panic() {
    for name in [
        "merchant_private_pkcs8.b64",
        "merchant_private_pkcs1.b64",
        "merchant_public_spki.b64",
    ] {
        let der = der(name);
        for pos in 0..der.len() {
            let mut m = der.clone();
            m[pos] ^= 0x5a;
            let _ = PrivateKey::from_der(&m);
            let _ = PublicKey::from_der(&m);
            let _ = PrivateKey::from_der(&der[..pos]);
            let _ = PublicKey::from_der(&der[..pos]);
        }
        // Every truncation of the base64 text is an error, never a panic.
        let text = read(name);
        let text = text.trim();
        for cut in (0..text.len()).step_by(7) {
            assert!(PrivateKey::parse(&text[..cut]).is_err());
            assert!(PublicKey::parse(&text[..cut]).is_err());
        }
    }
}

// Fixtures made once with OpenSSL 3.0 (throwaway keys, not used anywhere else).
/// EC P-256 private key, PKCS#8 (`openssl genpkey -algorithm EC`).
const EC_P256_PKCS8: &str = r"-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg4AQ5WZk0El87NxoC
Kl7WhFeKP59UVWhCPV8AMTOlpZyhRANCAAQ67l7GOF6JhRgJZqpUmP8ys227DFQ+
GtjYdWQrkLhm1bh3UhmYV3Q3P60mGTbJbzHlbcZrqvqcvc9PL99lDpO1
-----END PRIVATE KEY-----
";

/// The same EC key as SEC1 `EC PRIVATE KEY`.
const EC_P256_SEC1: &str = r"-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIOAEOVmZNBJfOzcaAipe1oRXij+fVFVoQj1fADEzpaWcoAoGCCqGSM49
AwEHoUQDQgAEOu5exjheiYUYCWaqVJj/MrNtuwxUPhrY2HVkK5C4ZtW4d1IZmFd0
Nz+tJhk2yW8x5W3Ga6r6nL3PTy/fZQ6TtQ==
-----END EC PRIVATE KEY-----
";

/// The same EC key's SPKI public key.
const EC_P256_PUBLIC: &str = r"-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEOu5exjheiYUYCWaqVJj/MrNtuwxU
PhrY2HVkK5C4ZtW4d1IZmFd0Nz+tJhk2yW8x5W3Ga6r6nL3PTy/fZQ6TtQ==
-----END PUBLIC KEY-----
";

/// An Ed25519 private key, PKCS#8.
const ED25519_PKCS8: &str = r"-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINsDyqr5gd67EGDSX4c40mvKOsz2bR8u3/AUpMHn8Dpi
-----END PRIVATE KEY-----
";

/// A 1024-bit RSA private key (too small).
const RSA1024_PKCS8: &str = r"-----BEGIN PRIVATE KEY-----
MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBANws4TzGz4ggB4Om
m6CDEgP0SWdwHP0+2FjvwDSWp4sd09n3XeVTEEvnt4uR+r5a6J8syD8ygwMZKiQ5
pQZua1uAU1XCbp63+62cXg4J6inN2sOFCLDLaQwSv0QCsy0ToLYjIMIerJEdVnDk
B/W7OFl7Ca7DpnWj8Df7Aql4n4SnAgMBAAECgYEA0A+NLWzGcuGpmCwaRt11ac0w
jJHyoxH/SlQNsuRnIVyndQOAdJRBAynOVhM1+ypXRwv/k1D9YzEllKPwoZo40bYV
Lwo5d81PHgllCwN/N7j1JjuekD1ju0m+g7o5JsumJtz5VPO6kji54gNDmjjGXuY1
t4p5esdNeNZ+bxBhBiECQQD/XrEO3b+VZW3Ksq2LhZNOdvUFmPYAyJjhaGSlTePV
3lqpxT6zsXOI8+pVBmzdKryXHwJtk/+eKo4HqEFORbu3AkEA3Lf0/c3I44l1WgEs
RGWoV38oeK3FnRHyzeSqpDSM7RmP/Lk4DrD3dlD+93KsnhyYMB4fFLgj3hR3hCty
T2VekQJAQyJUr9DSBed1Vp1kjFJgaHdTcNZGjewubMux8dcpN1dORGVrV3gmJHHj
P9kBk58hlyT60W3f/Ge5kP/Fs1sXvwJBAMQ82hl+CQokgK3RNSZqq81/ROBmv7fy
6Umd8Qmln1Z+z8IGe4y0UpBjWw1ua4L4MWc2oLOvNFSTJd/hMPTeT8ECQAdhjTLP
ppHTWjUNZxQ4pfjJg0eq41vXkVVoe+uG0ivac4pAWR2ujyd9lPTRpJXfpuQQC+Jm
W4pEojLAFAegazc=
-----END PRIVATE KEY-----
";

/// Its public key.
const RSA1024_PUBLIC: &str = r"-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDcLOE8xs+IIAeDppuggxID9Eln
cBz9PthY78A0lqeLHdPZ913lUxBL57eLkfq+WuifLMg/MoMDGSokOaUGbmtbgFNV
wm6et/utnF4OCeopzdrDhQiwy2kMEr9EArMtE6C2IyDCHqyRHVZw5Af1uzhZewmu
w6Z1o/A3+wKpeJ+EpwIDAQAB
-----END PUBLIC KEY-----
";

/// A self-signed certificate for the EC key.
const EC_CERTIFICATE: &str = r"-----BEGIN CERTIFICATE-----
MIIBbjCCAROgAwIBAgIUZO+UWJBTPVP/l4tOvlCBUB4tuW8wCgYIKoZIzj0EAwIw
DDEKMAgGA1UEAwwBdDAeFw0yNjExMjIwNDAyNTNaFw0yNjExMjMwNDAyNTNaMAwx
CjAIBgNVBAMMAXQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ67l7GOF6JhRgJ
ZqpUmP8ys227DFQ+GtjYdWQrkLhm1bh3UhmYV3Q3P60mGTbJbzHlbcZrqvqcvc9P
L99lDpO1o1MwUTAdBgNVHQ4EFgQU8xgm2e0GdlpPYj5lTDZA0Xg//VMwHwYDVR0j
BBgwFoAU8xgm2e0GdlpPYj5lTDZA0Xg//VMwDwYDVR0TAQH/BAUwAwEB/zAKBggq
hkjOPQQDAgNJADBGAiEAntJyLmOm9G1RApG7xGYhYb99pbbRAS7g7qtKqujpm28C
IQDQNqxRCzNgGysCyPonalZ//B7BtKKgGlgD2Si/PEY9Ng==
-----END CERTIFICATE-----
";

/// The merchant key as encrypted PKCS#8 (password `x`).
const MERCHANT_PKCS8_ENCRYPTED: &str = r"-----BEGIN ENCRYPTED PRIVATE KEY-----
MIIFLTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIlinFKvrEgpUCAggA
MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBDg+Rg5cl45VRHnyMiVOVSwBIIE
0IwZDGNfMx3eCDTBcsUI5PIB7i4oLjdrmp/UbmwjZl5cOjLUmCfKTOrikaqBw0Hq
eo8ErWIcvihuFCL87hYQqAc0AI/yVuX6kTSwuhQa6iIRNY5q7HvuyJ96ezFuZedH
sulF4XWSUZ5uHUTu3YQeBfVlL+S1/GGcJHzez3fXEgK55w3cEai+2x6u0By4nqPc
xgbdWfceixwVhHduifX6jVc/i10NuBcUqWNy7B852DCUdLCRtJKKKzxVHMRvs8AD
K1LoUO3R8+InO2bjTUgffhZ3g8mk4JBvuWFfnZgWQqTCUICP8COqPreMaChk1keu
WRbMxsf/uY1wl5fLCWKGJJPFzH/aCdObWxVcp+T93tyZDcoP45d+Buw77IV06pHf
UrclFHD0FBgqjkMQKpye2apN2wGSIRcwrWxGVHyfJk0rNwGfmtBHIPGwibx/zcFd
BQBmRIDuuIJ444HO/pPvuqRbC3Ks6PG+dRMfhp1I32k1eEOMS3Rx1zkGgtVg35y2
DgvP4t0hHLYe7pVGp8mQ1+q+dP4LcmSXUwRSfN6/I3WCYSgooc7RYUnk42NSowrz
L8byuCrkCrwQtt26rTRSDFv5+9NJ1WlJKfOtj56iQTQVyYloMkc1NBH0Nb6ZwYY+
VcLceMtkY6ub/Vz3gGlTpgL71qMHAGhTvjARhXUPkOg9sWKdxBzu6UmanldVg7X2
XvsvlIEr87gtTPaCD069T/vNiJaW4Nd6f9uX4MAtgHC+svxTd6xrM9LWq+EnSPcV
Bk+ETyYxv/63TL/meOKNYBU3KZ1LkaTOqYf6aTSFtD860ffRBWJ2J+/L9CZMcArX
jqz6bDjFMMYpgWh6lOJpqxNg9P1nor+3jhMOYGNUs01RqWN6wyhUc5OGCP724NuB
jCDPly83dzGIZMCk04uJnIDeb9aM8Cr5vx7nqFxIeC/8TfZx92zv/9RNHra2/45w
4Dfd63QltA4bI7L4HpdYsHIWpB03lTSITSfYa1M5NRPll31qumCCovxEnFc8pgVp
aCoqDj9TPmtZ+itkIAuwjmLUOENslKyc1tW19I+w+R9ogal9ghoYqMd87MRjUyEP
LwddWMZpyY9oOs3oea1C5h5odyeGiKAWxsPUvSA0Lc7XNuXdFle+bHXMruakpgOD
8lxj57HtQdRGVmxoyne9wEQ2Wy82KyW34oAwJj39CEZz11dZrOLm/b7/+A7K5SwC
7iuObUFAq117SyIOAzCpf62DQUzIoqzAvgx4mrIcvKpw9w65nFQ6UP7l4u7hplrI
iQE8KCWVHG7Lf8xeRGSYTyzmzcafBfDad/IiwsXpBP9LTuHvSIR+Bp9/johYYIEy
+zB4iLHAedPNViur6WftrOzEsnfVMqFy/NuYQT/VLkJeuKhyORjyxIASRSiYep/J
+Hu14j7x50V7lQ/BAID7PkPpXHrwZwU6X57kvReq2gLE6PN/O7V85Wuo25bf2bN0
T/CiHLxIzkixLZ/WVWvd6SxwqQ66e6JrNeqJ9aRBCIB7KNDtLVZGZdYr/wlcUY+J
pFQKVgB1wO4y30Fn5oep9Qjdc6ZX4KfnGKFHGvbfoaQJgvDSJFhzpiCKSXWIYQ7A
+SzrTOYbdJtadfNlexa+nsjkZASz01r+HN8vW8F6WSDg
-----END ENCRYPTED PRIVATE KEY-----
";

/// The merchant public key as PKCS#1 `RSA PUBLIC KEY` (`openssl rsa -RSAPublicKey_out`).
const MERCHANT_RSA_PUBLIC_PKCS1: &str = r"-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAlH6tqrw8r8OzYPc9grq/OmYn5iq/EL4KVAX+q7+aBCnSOkO9xmj5
fW3os2ZE06i5TA3AR3J+owyiJL2LHLorY+03CdI/ZjODJKpPcoPEkddANkNsbVfX
XM++7NBSmbWzFB6KlGiarWSormGzqmQOJNa8N6u6vKapBjTlQGGhF/TLpkm30j5p
ILieASLvquUiAwO8sRRxyt+QT5b6X58FFE70ZeEx+iuIAuF2L2aM9owfkiTS1nQX
IwvpNUGNgEuuLBA9CXSUPQnt1AowLHzQktHxE7JVooefEsYLWpUhmHgsilyM4SjA
XOYEER3i0Z+oIZL4MW9cY6KYIFoN5VLFiwIDAQAB
-----END RSA PUBLIC KEY-----
";

/// An RSASSA-PSS-restricted public key (OID 1.2.840.113549.1.1.10).
const RSA_PSS_PUBLIC: &str = r"-----BEGIN PUBLIC KEY-----
MIIBIDALBgkqhkiG9w0BAQoDggEPADCCAQoCggEBALAPUDdGlNugKy5JOlWcnDUB
g5ybNvMKVW3FzFK+Yz3ac0Hroh9qLIpOUsxHS6kUgr7rjNbcJFICP/t7sNhSNfKy
rmpKB8qZEw8hywVjjO3FScJ/OWgffsRJVpPpTrzMw1SGk73CiUgOqTnQFW/cvWRK
a3ZT3DEVIgH4q9zKWkEjsg2H8vYIVu1rY/B9Ho3kmAAgpteOhh9o6JDaR/JFg1LC
LlULIyJRiztXR3Y83MmiX1entTuvBICGKG8p+6ZomJCF4TIgqCCM5+h+ZcdOz11V
Jj2OgSswRIep6YTAXZVqnWTTJCsslAzzoSx5D3j40P6c8XKCyqQdk79mDJlc5HsC
AwEAAQ==
-----END PUBLIC KEY-----
";
