//! The `sim` key directory: the gateway key pair and the merchant key pair, as the six files per
//! role of `tests/fixtures/keys/`, created on first use and reused afterwards. A merchant public
//! key alone (the user's own merchant key) is honoured: the simulator then verifies requests
//! with it and holds no merchant private key.

use std::path::{Path, PathBuf};

use alipay_vaulting::keys::{write_key_files, PrivateKey, PublicKey};
use alipay_vaulting::simulator::SimulatorKeys;

use crate::exit::Failure;
use crate::keyfile;

const PRIVATE_FILES: [&str; 4] = [
    "private_pkcs8.b64",
    "private_pkcs8.pem",
    "private_pkcs1.b64",
    "private_pkcs1.pem",
];
const PUBLIC_FILES: [&str; 2] = ["public_spki.b64", "public_spki.pem"];

/// The keys for the simulator, and what was done to the directory.
pub struct KeyDir {
    pub keys: SimulatorKeys,
    /// Where the merchant private key is, when the directory holds one.
    pub merchant_private_file: Option<PathBuf>,
    /// One line per role: created, reused, or the user's own merchant key.
    pub notes: Vec<String>,
}

/// Creates or reuses the keys in `dir`.
pub fn prepare(dir: &Path) -> Result<KeyDir, Failure> {
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let mut notes = Vec::new();

    let gateway = match first_existing(dir, "gateway", &PRIVATE_FILES) {
        Some(path) => {
            let key = keyfile::load_private(&path, "gateway private key")?;
            reuse(dir, "gateway", &key)?;
            notes.push(format!("gateway key pair: reused ({})", path.display()));
            key
        }
        None => {
            if let Some(public) = first_existing(dir, "gateway", &PUBLIC_FILES) {
                return Err(Failure::config(
                    "keyDir",
                    format!(
                        "{} exists without a gateway private key, which the simulator needs to \
                         sign",
                        public.display()
                    ),
                )
                .hint("remove the gateway_* files to have a new gateway key pair made"));
            }
            let key = generate()?;
            write_key_files(dir, "gateway", &key).map_err(|e| write_error(dir, e))?;
            notes.push("gateway key pair: created".to_string());
            key
        }
    };

    let private = first_existing(dir, "merchant", &PRIVATE_FILES);
    let public = first_existing(dir, "merchant", &PUBLIC_FILES);
    let (merchant_public, merchant_private, merchant_private_file) = match (private, public) {
        (Some(path), _) => {
            let key = keyfile::load_private(&path, "merchant private key")?;
            reuse(dir, "merchant", &key)?;
            notes.push(format!("merchant key pair: reused ({})", path.display()));
            (key.public_key(), Some(key), Some(path))
        }
        (None, Some(path)) => {
            let key = keyfile::load_public(&path, "merchant public key")?;
            notes.push(format!(
                "merchant key: your own public key ({}); sign requests with your merchant private \
                 key",
                path.display()
            ));
            (key, None, None)
        }
        (None, None) => {
            let key = generate()?;
            write_key_files(dir, "merchant", &key).map_err(|e| write_error(dir, e))?;
            notes.push("merchant test key pair: created".to_string());
            let path = dir.join("merchant_private_pkcs8.b64");
            (key.public_key(), Some(key), Some(path))
        }
    };

    Ok(KeyDir {
        keys: SimulatorKeys {
            gateway,
            merchant_public,
            merchant_private,
        },
        merchant_private_file,
        notes,
    })
}

/// Checks that the public files of `role` belong to `key`, then writes any file missing.
fn reuse(dir: &Path, role: &str, key: &PrivateKey) -> Result<(), Failure> {
    for suffix in PUBLIC_FILES {
        let path = dir.join(format!("{role}_{suffix}"));
        if path.exists() {
            let public: PublicKey = keyfile::load_public(&path, &format!("{role} public key"))?;
            if public != key.public_key() {
                return Err(Failure::config(
                    "keyDir",
                    format!(
                        "{} does not belong to the {role} private key in {}",
                        path.display(),
                        dir.display()
                    ),
                )
                .hint(format!(
                    "remove the {role}_* files you do not mean to use (keep only \
                     {role}_public_spki.* to use your own {role} key)"
                )));
            }
        }
    }
    let complete = PRIVATE_FILES
        .iter()
        .chain(PUBLIC_FILES.iter())
        .all(|suffix| dir.join(format!("{role}_{suffix}")).exists());
    if !complete {
        write_key_files(dir, role, key).map_err(|e| write_error(dir, e))?;
    }
    Ok(())
}

fn first_existing(dir: &Path, role: &str, suffixes: &[&str]) -> Option<PathBuf> {
    suffixes
        .iter()
        .map(|suffix| dir.join(format!("{role}_{suffix}")))
        .find(|path| path.exists())
}

fn generate() -> Result<PrivateKey, Failure> {
    PrivateKey::generate().map_err(|e| Failure::config("key", format!("cannot make a key: {e}")))
}

fn write_error(dir: &Path, error: std::io::Error) -> Failure {
    Failure::config(
        "keyDir",
        format!("cannot write keys into {}: {error}", dir.display()),
    )
}
