//! How the ledger names a vaulting (`vaultingRequestId`) and recognises a card without keeping
//! its number.
//!
//! **Request ids.** A service has its own key for an "add a card" intent (the row of its own
//! table, say `customer-42/card-setup-7`). The ledger derives the `vaultingRequestId` of each
//! attempt from that key and the attempt number:
//!
//! ```text
//! vaultingRequestId = "v1" + hex(SHA-256(namespace "\n" intent key))[..40] + "-" + attempt
//! ```
//!
//! Deterministic (a restarted process finds the same id again), at most 53 characters of
//! `[0-9a-f-]` and `v` (within the API's 64), the service's key never leaves it, and every
//! attempt of one intent shares a prefix. Attempt 1 is the first; after
//! [`NextStep::RetryWithNewRequestId`](crate::outcome::NextStep::RetryWithNewRequestId) the
//! next attempt gets the next number, and so a new id.
//!
//! **Card fingerprints.** The ledger refuses a second intent with the same id and another card.
//! It compares an HMAC-SHA256 of the card number under a [`FingerprintKey`] kept outside the
//! ledger (by default derived from the merchant private key): never the number, nor a plain
//! hash of it (a card number's few unknown digits make a plain hash easy to reverse).

use std::fmt;

use aws_lc_rs::{digest, hmac};

use crate::card::CardNumber;
use crate::keys::PrivateKey;

/// The namespace of ids when the service gives none.
pub const DEFAULT_NAMESPACE: &str = "default";

/// Derives `vaultingRequestId`s from the service's intent keys (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestIds {
    namespace: String,
}

impl Default for RequestIds {
    fn default() -> Self {
        RequestIds::new(DEFAULT_NAMESPACE)
    }
}

impl RequestIds {
    /// Ids in `namespace`: two services sharing one Alipay client id give different namespaces,
    /// so equal intent keys never give equal ids.
    pub fn new(namespace: impl Into<String>) -> Self {
        RequestIds {
            namespace: namespace.into(),
        }
    }

    /// The `vaultingRequestId` of `attempt` (1 for the first) of the intent `intent_key`.
    pub fn id(&self, intent_key: &str, attempt: u32) -> String {
        let mut context = digest::Context::new(&digest::SHA256);
        context.update(self.namespace.as_bytes());
        context.update(b"\n");
        context.update(intent_key.as_bytes());
        let hash = context.finish();
        let hex: String = hash.as_ref()[..20]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("v1{hex}-{attempt}")
    }
}

/// The secret key of card fingerprints. Keep it out of the ledger's store (the default derives
/// it from the merchant private key). `Debug` never shows it.
#[derive(Clone)]
pub struct FingerprintKey(hmac::Key);

impl fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FingerprintKey(***)")
    }
}

impl FingerprintKey {
    /// A key from secret bytes (at least 32, from the service's secret store).
    pub fn from_secret(secret: &[u8]) -> Option<FingerprintKey> {
        (secret.len() >= 32).then(|| FingerprintKey(hmac::Key::new(hmac::HMAC_SHA256, secret)))
    }

    /// A key derived from the merchant private key: the same for every instance that signs with
    /// it, and no one without the private key can compute a fingerprint.
    pub fn derive(merchant_private_key: &PrivateKey) -> FingerprintKey {
        let der = merchant_private_key.export_pkcs8_der();
        let derive = hmac::Key::new(hmac::HMAC_SHA256, b"alipay-vaulting ledger fingerprint v1");
        let secret = hmac::sign(&derive, &der);
        FingerprintKey(hmac::Key::new(hmac::HMAC_SHA256, secret.as_ref()))
    }

    /// The key [`derive`](Self::derive)d from the merchant private key `client` signs with (a
    /// ledger without a key of its own uses this one).
    pub fn from_client(client: &crate::Client) -> FingerprintKey {
        FingerprintKey::derive(client.merchant_private_key())
    }

    /// The fingerprint of a card number (hex): equal for equal numbers, nothing else.
    pub fn fingerprint(&self, card: &CardNumber) -> String {
        let digits: String = card.expose().chars().filter(char::is_ascii_digit).collect();
        hmac::sign(&self.0, digits.as_bytes())
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_short_and_plain() {
        let ids = RequestIds::default();
        let first = ids.id("customer-42/card-setup-7", 1);
        assert_eq!(first, ids.id("customer-42/card-setup-7", 1));
        assert_ne!(first, ids.id("customer-42/card-setup-7", 2));
        assert_ne!(first, ids.id("customer-42/card-setup-8", 1));
        assert_ne!(
            first,
            RequestIds::new("other").id("customer-42/card-setup-7", 1)
        );
        let longest = ids.id("k", u32::MAX);
        assert!(longest.len() <= 64, "{longest}");
        assert!(longest
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'-' || b == b'v'));
        assert!(!first.contains("customer"));
    }

    #[test]
    fn fingerprints_are_keyed() {
        let a = FingerprintKey::from_secret(&[1u8; 32]).unwrap();
        let b = FingerprintKey::from_secret(&[2u8; 32]).unwrap();
        let card = CardNumber::new("4111111111111111");
        assert_eq!(
            a.fingerprint(&card),
            a.fingerprint(&CardNumber::new("4111111111111111"))
        );
        assert_ne!(a.fingerprint(&card), b.fingerprint(&card));
        assert_ne!(
            a.fingerprint(&card),
            a.fingerprint(&CardNumber::new("5555555555554444"))
        );
        assert!(!a.fingerprint(&card).contains("4111"));
        assert!(FingerprintKey::from_secret(&[0u8; 16]).is_none());
        assert_eq!(format!("{a:?}"), "FingerprintKey(***)");
    }
}
