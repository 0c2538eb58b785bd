//! Case-insensitive header lookup over whatever header type a caller has.
//!
//! Verification of responses and notifications is framework-agnostic: it takes anything that
//! can answer "what is the value of header X", whether an `http::HeaderMap` (reqwest, axum,
//! hyper) or a plain list of pairs from a test or a log.

use std::collections::{BTreeMap, HashMap};

/// Headers that can be looked up by name, ignoring ASCII case.
pub trait Headers {
    /// The first value of header `name`, if present and valid UTF-8.
    fn header(&self, name: &str) -> Option<&str>;

    /// Whether header `name` is present at all, even with a value that is not valid UTF-8
    /// (which [`header`](Self::header) cannot return): a present but unreadable signature is
    /// malformed, never absent.
    fn contains(&self, name: &str) -> bool {
        self.header(name).is_some()
    }
}

impl Headers for http::HeaderMap {
    fn header(&self, name: &str) -> Option<&str> {
        // HeaderMap names are lower case; `get` with a &str lowercases nothing, so normalise.
        let lower = name.to_ascii_lowercase();
        self.get(lower.as_str()).and_then(|v| v.to_str().ok())
    }

    fn contains(&self, name: &str) -> bool {
        self.contains_key(name.to_ascii_lowercase().as_str())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Headers for [(K, V); N] {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

impl<V: AsRef<str>, S> Headers for HashMap<String, V, S>
where
    S: std::hash::BuildHasher,
{
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<V: AsRef<str>> Headers for BTreeMap<String, V> {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<T: Headers + ?Sized> Headers for &T {
    fn header(&self, name: &str) -> Option<&str> {
        (**self).header(name)
    }

    fn contains(&self, name: &str) -> bool {
        (**self).contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_everywhere() {
        let pairs = [("Signature", "a"), ("client-id", "b")];
        assert_eq!(pairs.header("signature"), Some("a"));
        assert_eq!(pairs.header("CLIENT-ID"), Some("b"));
        assert_eq!(pairs.header("response-time"), None);

        let mut map = http::HeaderMap::new();
        map.insert("response-time", "123".parse().unwrap());
        assert_eq!(map.header("Response-Time"), Some("123"));
    }
}
