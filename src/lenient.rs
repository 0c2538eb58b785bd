//! Scalars as Alipay sends them: the API documents say every field except arrays travels as a
//! JSON string (`"20"`, `"true"`), while their examples also show plain JSON booleans and
//! numbers. [`Lenient`] accepts both forms, and keeps any other value instead of failing the
//! parse: an unexpected scalar must never make a signed answer unreadable.
//!
//! The generator puts `Lenient<bool>` and `Lenient<i64>` in place of every boolean and integer
//! field of what the crate receives (both responses and the notification), so a field added to
//! the spec later gets the same treatment. Requests keep the plain types.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// A received scalar: its value, or what arrived when it was neither the JSON type nor its
/// string form.
#[derive(Clone, Debug, PartialEq)]
pub enum Lenient<T> {
    /// The value (`true` or `"true"`, `20` or `"20"`).
    Value(T),
    /// Anything else that arrived (`"yes"`, `1.5`, an object), kept as received.
    Unrecognised(Value),
}

impl<T> Lenient<T> {
    /// The value, if it was recognised.
    pub fn value(&self) -> Option<&T> {
        match self {
            Lenient::Value(value) => Some(value),
            Lenient::Unrecognised(_) => None,
        }
    }

    /// What arrived, when it was not recognised.
    pub fn unrecognised(&self) -> Option<&Value> {
        match self {
            Lenient::Value(_) => None,
            Lenient::Unrecognised(raw) => Some(raw),
        }
    }
}

impl<T: Copy> Lenient<T> {
    /// The value by copy, if it was recognised.
    pub fn get(&self) -> Option<T> {
        self.value().copied()
    }
}

impl<T> From<T> for Lenient<T> {
    fn from(value: T) -> Self {
        Lenient::Value(value)
    }
}

impl<T: PartialEq> PartialEq<T> for Lenient<T> {
    fn eq(&self, other: &T) -> bool {
        self.value() == Some(other)
    }
}

/// A scalar type [`Lenient`] can read from its JSON form or its string form.
pub trait Scalar: Sized {
    /// The value `json` holds, in either form; `None` for anything else.
    fn from_json(json: &Value) -> Option<Self>;
}

impl Scalar for bool {
    fn from_json(json: &Value) -> Option<Self> {
        match json {
            Value::Bool(value) => Some(*value),
            Value::String(text) => match text.trim() {
                t if t.eq_ignore_ascii_case("true") => Some(true),
                t if t.eq_ignore_ascii_case("false") => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

impl Scalar for i64 {
    fn from_json(json: &Value) -> Option<Self> {
        match json {
            Value::Number(number) => number.as_i64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }
}

impl<'de, T: Scalar> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(deserializer)?;
        Ok(match T::from_json(&raw) {
            Some(value) => Lenient::Value(value),
            None => Lenient::Unrecognised(raw),
        })
    }
}

impl<T: Serialize> Serialize for Lenient<T> {
    /// The value in its JSON type (`true`, `20`), or what arrived, unchanged.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Lenient::Value(value) => value.serialize(serializer),
            Lenient::Unrecognised(raw) => raw.serialize(serializer),
        }
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Lenient<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Lenient{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let value = generator.subschema_for::<T>();
        schemars::json_schema!({
            "description": "The value in its JSON type or as a string (\"true\", \"20\"); anything else is kept as received.",
            "anyOf": [value, { "type": "string" }]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read<T: Scalar>(json: Value) -> Lenient<T> {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn booleans_in_both_forms() {
        for (json, expected) in [
            (json!(true), true),
            (json!(false), false),
            (json!("true"), true),
            (json!("false"), false),
            (json!(" TRUE "), true),
            (json!("False"), false),
        ] {
            assert_eq!(
                read::<bool>(json.clone()),
                Lenient::Value(expected),
                "{json}"
            );
        }
        for json in [
            json!("yes"),
            json!(1),
            json!(""),
            json!({"a": 1}),
            json!([true]),
        ] {
            assert_eq!(
                read::<bool>(json.clone()),
                Lenient::Unrecognised(json.clone())
            );
        }
    }

    #[test]
    fn integers_in_both_forms() {
        for (json, expected) in [
            (json!(20), 20),
            (json!(-120), -120),
            (json!("20"), 20),
            (json!(" -720 "), -720),
        ] {
            assert_eq!(
                read::<i64>(json.clone()),
                Lenient::Value(expected),
                "{json}"
            );
        }
        for json in [
            json!(1.5),
            json!("1.5"),
            json!("twenty"),
            json!(true),
            json!(null),
        ] {
            assert_eq!(
                read::<i64>(json.clone()),
                Lenient::Unrecognised(json.clone())
            );
        }
    }

    #[test]
    fn serializes_the_json_type_or_what_arrived() {
        assert_eq!(
            serde_json::to_value(Lenient::Value(true)).unwrap(),
            json!(true)
        );
        assert_eq!(
            serde_json::to_value(Lenient::<i64>::Value(20)).unwrap(),
            json!(20)
        );
        let odd = Lenient::<bool>::Unrecognised(json!("yes"));
        assert_eq!(serde_json::to_value(&odd).unwrap(), json!("yes"));
        assert_eq!(odd.value(), None);
        assert_eq!(Lenient::Value(true), true);
    }
}
