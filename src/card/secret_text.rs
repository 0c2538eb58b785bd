//! What every secret text type of [`crate::card`] shares: a `String` wiped on drop, `new`,
//! `expose` (the one way to read it), `From<String>` and `From<&str>`, and serde as a plain
//! string (the wire needs the real value). `Debug`, validation and the JSON schema are each
//! type's own.

/// Declares a secret text type; `$what` completes "Wraps …" and "The … itself".
macro_rules! secret_text {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(zeroize::Zeroizing<String>);

        impl $name {
            #[doc = concat!("Wraps ", $what, ". Checked (where the spec has rules) before a ")]
            #[doc = "request is sent, not here, so that a request can be built field by field"]
            #[doc = "and rejected with the field's path."]
            pub fn new(value: impl Into<String>) -> Self {
                Self(zeroize::Zeroizing::new(value.into()))
            }

            #[doc = concat!("The ", $what, " itself. Named so that every use stands out in review.")]
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self::new(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::new(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self::new)
            }
        }
    };
}

pub(crate) use secret_text;
