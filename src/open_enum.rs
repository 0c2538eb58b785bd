//! Enumerated values received from Alipay, kept even when Alipay adds a value we do not know.
//!
//! The spec marks each enumerated response field as `anyOf: [KnownEnum, string]`; the generator
//! maps it to [`Open<KnownEnum>`]. A new `resultCode` or card brand then parses as
//! [`Open::Unknown`] with the value kept, instead of failing the whole response.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value of the known enum `T`, or a value Alipay sent that `T` does not list (kept verbatim).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Open<T> {
    /// A value the spec lists.
    Known(T),
    /// A value the spec does not list, as Alipay sent it.
    Unknown(String),
}

impl<T> Open<T> {
    /// The known value, if it is one.
    pub fn known(&self) -> Option<&T> {
        match self {
            Open::Known(value) => Some(value),
            Open::Unknown(_) => None,
        }
    }

    /// The unknown value as sent, if it is one.
    pub fn unknown(&self) -> Option<&str> {
        match self {
            Open::Known(_) => None,
            Open::Unknown(value) => Some(value),
        }
    }
}

impl<T: fmt::Display> Open<T> {
    /// The value as it appears on the wire.
    pub fn as_wire(&self) -> Cow<'_, str> {
        match self {
            Open::Known(value) => Cow::Owned(value.to_string()),
            Open::Unknown(value) => Cow::Borrowed(value),
        }
    }
}

impl<T> From<T> for Open<T> {
    fn from(value: T) -> Self {
        Open::Known(value)
    }
}

impl<T: FromStr> FromStr for Open<T> {
    type Err = std::convert::Infallible;

    /// Never fails: a value `T` does not know becomes [`Open::Unknown`].
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value.parse() {
            Ok(known) => Open::Known(known),
            Err(_) => Open::Unknown(value.to_string()),
        })
    }
}

impl<T: PartialEq> PartialEq<T> for Open<T> {
    fn eq(&self, other: &T) -> bool {
        self.known() == Some(other)
    }
}

impl<T: fmt::Display> fmt::Display for Open<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Open::Known(value) => value.fmt(f),
            Open::Unknown(value) => f.write_str(value),
        }
    }
}

impl<T: fmt::Display> Serialize for Open<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_wire())
    }
}

impl<'de, T: FromStr> Deserialize<'de> for Open<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Any JSON value: a number or boolean where a code was expected is kept (as its JSON
        // text) instead of making the whole answer unreadable.
        let value = match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        Ok(match value.parse() {
            Ok(known) => Open::Known(known),
            Err(_) => Open::Unknown(value),
        })
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Open<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Open{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let known = generator.subschema_for::<T>();
        schemars::json_schema!({
            "description": "A known value, or any other string Alipay may add later.",
            "anyOf": [known, { "type": "string" }]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Clone, Copy)]
    enum Status {
        S,
    }

    impl FromStr for Status {
        type Err = ();
        fn from_str(s: &str) -> Result<Self, ()> {
            match s {
                "S" => Ok(Status::S),
                _ => Err(()),
            }
        }
    }

    impl fmt::Display for Status {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("S")
        }
    }

    #[test]
    fn keeps_unknown_values_and_round_trips() {
        let known: Open<Status> = serde_json::from_str("\"S\"").unwrap();
        assert_eq!(known, Open::Known(Status::S));
        assert_eq!(known, Status::S);
        let new: Open<Status> = serde_json::from_str("\"X_NEW\"").unwrap();
        assert_eq!(new, Open::Unknown("X_NEW".into()));
        assert_eq!(serde_json::to_string(&new).unwrap(), "\"X_NEW\"");
        assert_eq!(serde_json::to_string(&known).unwrap(), "\"S\"");
    }
}
