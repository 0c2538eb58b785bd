//! `keys check`: load key files, describe them, and check that a private and a public key are a
//! pair by signing with one and verifying with the other.

use alipay_vaulting::signing;

use crate::args::KeysCheckArgs;
use crate::exit::{Exit, Failure};
use crate::keyfile;
use crate::report::Report;

/// What is signed to test a pair (any bytes would do).
const PROBE: &[u8] = b"alipay-vaulting keys check";

pub fn run(args: KeysCheckArgs) -> Result<Report, Failure> {
    if args.private_key.is_none() && args.public_key.is_none() {
        return Err(Failure::usage(
            "usage",
            "give --private-key FILE, --public-key FILE, or both",
        ));
    }
    let private = match &args.private_key {
        Some(path) => Some(keyfile::read_private(path, "private key")?),
        None => None,
    };
    let public = match &args.public_key {
        Some(path) => Some(keyfile::read_public(path, "public key")?),
        None => None,
    };

    let mut report = Report::new(Exit::Ok, "loaded", "Keys loaded.");
    if let Some((key, format)) = &private {
        report = report
            .field("privateKeyFormat", Some(format.to_string()))
            .field("privateKeyBits", Some(key.modulus_bits()))
            .field(
                "privateKeyFingerprint",
                Some(key.public_key().sha256_fingerprint()),
            );
    }
    if let Some((key, format)) = &public {
        report = report
            .field("publicKeyFormat", Some(format.to_string()))
            .field("publicKeyBits", Some(key.modulus_bits()))
            .field("publicKeyFingerprint", Some(key.sha256_fingerprint()));
    }
    if private.is_some() || public.is_some() {
        report = report.note(
            "(Fingerprints are the SHA-256 of the public key's SubjectPublicKeyInfo DER; for a \
             private key, of its public half.)",
        );
    }
    let (Some((private, _)), Some((public, _))) = (&private, &public) else {
        return Ok(report);
    };
    let signature = signing::sign(private, PROBE);
    let matches = signing::verify(public, PROBE, signature.as_bytes()).is_ok();
    Ok(if matches {
        report.field("pair", Some("match")).retitle(
            Exit::Ok,
            "match",
            "Keys loaded; they are a pair: a signature made with the private key verifies with \
             the public key.",
        )
    } else {
        report
            .field("pair", Some("mismatch"))
            .retitle(
                Exit::Config,
                "mismatch",
                "Keys loaded, but they are NOT a pair: a signature made with the private key \
                 does not verify with the public key.",
            )
            .note(
                "(Expected if the public key is the Alipay gateway key: that one pairs with \
                 Alipay's private key, not yours.)",
            )
    })
}
