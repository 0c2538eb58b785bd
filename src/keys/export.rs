//! Making and writing key pairs: for the simulator's gateway key, test merchants, and
//! `alipay-vaulting sim --keys DIR`. Files use the names and formats users hold (and that
//! `tests/fixtures/keys/` uses): `<role>_private_pkcs8.{b64,pem}`, `<role>_private_pkcs1.{b64,pem}`,
//! `<role>_public_spki.{b64,pem}`; base64 files are one line, PEM wraps at 64 columns.

use std::io;
use std::path::Path;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::RsaKeyPair;
use base64::Engine as _;
use zeroize::Zeroizing;

use super::der::{Der, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE};
use super::{KeyError, PrivateKey, PublicKey};

impl PrivateKey {
    /// Generates a fresh RSA-2048 key (for simulators and tests; real merchant keys come from
    /// Alipay's dashboard tooling).
    pub fn generate() -> Result<PrivateKey, KeyError> {
        let pair = RsaKeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyError::Rejected {
            expected: super::ExpectedKey::PrivateKey,
            reason: "key generation failed",
        })?;
        let der = pair.as_der().map_err(|_| KeyError::Rejected {
            expected: super::ExpectedKey::PrivateKey,
            reason: "key encoding failed",
        })?;
        PrivateKey::from_pkcs8_der(der.as_ref())
    }

    /// The key as PKCS#8 DER. Secret: the buffer is wiped when dropped.
    pub fn export_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        let der = self
            .key_pair()
            .as_der()
            .expect("a loaded RSA key encodes as PKCS#8");
        Zeroizing::new(der.as_ref().to_vec())
    }

    /// The key as PKCS#1 `RSAPrivateKey` DER (the inside of the PKCS#8 form). Secret.
    pub fn export_pkcs1_der(&self) -> Zeroizing<Vec<u8>> {
        let pkcs8 = self.export_pkcs8_der();
        Zeroizing::new(
            pkcs1_inside(&pkcs8)
                .expect("PKCS#8 from aws-lc-rs is well formed")
                .to_vec(),
        )
    }
}

/// The `privateKey` OCTET STRING of a PKCS#8 `PrivateKeyInfo`.
fn pkcs1_inside(pkcs8: &[u8]) -> Option<&[u8]> {
    let mut outer = Der::new(pkcs8);
    let body = outer.expect(TAG_SEQUENCE).ok()?;
    let mut fields = Der::new(body);
    fields.expect(TAG_INTEGER).ok()?;
    fields.expect(TAG_SEQUENCE).ok()?;
    fields.expect(TAG_OCTET_STRING).ok()
}

fn pem(label: &str, der: &[u8]) -> Zeroizing<String> {
    let b64 = Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(der));
    let mut out = Zeroizing::new(format!("-----BEGIN {label}-----\n"));
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn b64(der: &[u8]) -> Zeroizing<String> {
    Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(der))
}

/// Writes the six files of a key pair for `role` (`merchant` or `gateway`) into `dir`.
/// Private-key files are created owner-readable only on Unix.
pub fn write_key_files(dir: &Path, role: &str, key: &PrivateKey) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let pkcs8 = key.export_pkcs8_der();
    let pkcs1 = key.export_pkcs1_der();
    let public = key.public_key();
    write_secret(&dir.join(format!("{role}_private_pkcs8.b64")), &b64(&pkcs8))?;
    write_secret(
        &dir.join(format!("{role}_private_pkcs8.pem")),
        &pem("PRIVATE KEY", &pkcs8),
    )?;
    write_secret(&dir.join(format!("{role}_private_pkcs1.b64")), &b64(&pkcs1))?;
    write_secret(
        &dir.join(format!("{role}_private_pkcs1.pem")),
        &pem("RSA PRIVATE KEY", &pkcs1),
    )?;
    write_public_files(dir, role, &public)
}

/// Writes the two public-key files of `role` into `dir`.
pub fn write_public_files(dir: &Path, role: &str, key: &PublicKey) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join(format!("{role}_public_spki.b64")),
        b64(key.spki_der()).as_bytes(),
    )?;
    std::fs::write(
        dir.join(format!("{role}_public_spki.pem")),
        pem("PUBLIC KEY", key.spki_der()).as_bytes(),
    )
}

fn write_secret(path: &Path, text: &str) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    options.open(path)?.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_round_trip_through_every_file_format() {
        let key = PrivateKey::generate().unwrap();
        let dir = std::env::temp_dir().join(format!("keys-export-{}", std::process::id()));
        write_key_files(&dir, "merchant", &key).unwrap();
        let message = b"round trip";
        let expected = crate::signing::sign(&key, message);
        for form in ["pkcs8.b64", "pkcs8.pem", "pkcs1.b64", "pkcs1.pem"] {
            let text =
                std::fs::read_to_string(dir.join(format!("merchant_private_{form}"))).unwrap();
            let loaded = PrivateKey::parse(&text).unwrap();
            assert_eq!(
                crate::signing::sign(&loaded, message).as_bytes(),
                expected.as_bytes(),
                "{form}"
            );
        }
        for form in ["b64", "pem"] {
            let text =
                std::fs::read_to_string(dir.join(format!("merchant_public_spki.{form}"))).unwrap();
            let public = PublicKey::parse(&text).unwrap();
            crate::signing::verify(&public, message, expected.as_bytes()).unwrap();
        }
        let pem = std::fs::read_to_string(dir.join("merchant_private_pkcs1.pem")).unwrap();
        assert!(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        assert!(pem.lines().all(|l| l.len() <= 64));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
