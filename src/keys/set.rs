//! The Alipay public keys a response or a notification may be signed with: more than one while
//! a key is being rotated (a new key is set in the dashboard, and notifications signed with the
//! old one are resent for 24 hours).

use super::PublicKey;
use crate::signing::{self, SignatureError, SignatureHeader};

/// One or more Alipay public keys, each with the `keyVersion` it signs under when that is known.
///
/// A signature is checked first with the keys whose version is the `keyVersion` of its header,
/// then with each other key in the order they were added; it verifies when any of them verifies
/// it. A signature no configured key verifies is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlipayPublicKeys {
    keys: Vec<(Option<String>, PublicKey)>,
}

impl AlipayPublicKeys {
    /// One key, for any `keyVersion`.
    #[must_use]
    pub fn new(key: PublicKey) -> Self {
        AlipayPublicKeys {
            keys: vec![(None, key)],
        }
    }

    /// Adds a key tried after the ones before it, for any `keyVersion`.
    #[must_use]
    pub fn with_key(mut self, key: PublicKey) -> Self {
        self.push(None, key);
        self
    }

    /// Adds a key tried first for signatures whose header says `keyVersion=<version>` (and
    /// after the others for any other version).
    #[must_use]
    pub fn with_versioned_key(mut self, version: impl Into<String>, key: PublicKey) -> Self {
        self.push(Some(version.into()), key);
        self
    }

    fn push(&mut self, version: Option<String>, key: PublicKey) {
        if let Some(existing) = self.keys.iter_mut().find(|(_, k)| *k == key) {
            // The same key twice: keep one, with the version if either had one.
            if existing.0.is_none() {
                existing.0 = version;
            }
            return;
        }
        self.keys.push((version, key));
    }

    /// The first key added.
    #[must_use]
    pub fn first(&self) -> &PublicKey {
        &self.keys[0].1
    }

    /// How many keys there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Always false: there is at least one key.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Every key, with its version when it has one, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (Option<&str>, &PublicKey)> {
        self.keys.iter().map(|(v, k)| (v.as_deref(), k))
    }

    /// The keys in the order a signature with `key_version` is checked.
    pub fn candidates<'a>(&'a self, key_version: &'a str) -> impl Iterator<Item = &'a PublicKey> {
        let matching = self
            .keys
            .iter()
            .filter(move |(v, _)| v.as_deref() == Some(key_version));
        let others = self
            .keys
            .iter()
            .filter(move |(v, _)| v.as_deref() != Some(key_version));
        matching.chain(others).map(|(_, key)| key)
    }

    /// Verifies `header` over the signed content with each candidate key in turn.
    ///
    /// # Errors
    /// [`SignatureError::Mismatch`] when no key verifies it (and any key found the signature
    /// well-formed); otherwise the first key's error.
    pub fn verify_message(
        &self,
        method: &str,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        header: &SignatureHeader,
    ) -> Result<(), SignatureError> {
        let mut first_error = None;
        for key in self.candidates(&header.key_version) {
            match signing::verify_message(key, method, path, client_id, time, body, header) {
                Ok(()) => return Ok(()),
                Err(SignatureError::Mismatch) => first_error = Some(SignatureError::Mismatch),
                Err(other) => {
                    first_error.get_or_insert(other);
                }
            }
        }
        Err(first_error.unwrap_or(SignatureError::Mismatch))
    }
}

impl From<PublicKey> for AlipayPublicKeys {
    fn from(key: PublicKey) -> Self {
        AlipayPublicKeys::new(key)
    }
}
