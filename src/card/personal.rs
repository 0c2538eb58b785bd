//! The cardholder's personal data: the Korean card password digest, the Brazilian CPF, the date
//! of birth, the name, the email address and the billing address. Swapped into the generated
//! models by the generator, like the card number: they serialize the real value, print as
//! `Name(***)` and nothing else, have no `Display`, and wipe their memory when dropped. (An
//! address's region, country and label stay plain text: they do not point at a person.)

use std::borrow::Cow;
use std::fmt;

use crate::validate::{self, FieldPath, Validate, ValidationError};

/// Declares one personal-data type: its name, the spec's `maxLength`, and its documentation.
macro_rules! personal_text {
    ($(#[$doc:meta])* $name:ident, max = $max:expr, schema = $schema:expr) => {
        super::secret_text! { $(#[$doc])* $name, "the value" }

        impl $name {
            /// The spec's `maxLength` for this field, in characters.
            pub const MAX_CHARS: usize = $max;
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(***)"))
            }
        }

        impl Validate for $name {
            /// At most [`Self::MAX_CHARS`] characters, as the spec says.
            fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
                validate::max_chars(&self.0, Self::MAX_CHARS, at, None)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "description": $schema,
                    "type": "string",
                    "maxLength": $max
                })
            }
        }
    };
}

personal_text! {
    /// The first two digits of a Korean card's payment password (`cardPasswordDigest`).
    CardPasswordDigest,
    max = 2,
    schema = "The first two digits of the card's payment password (cards issued in Korea)."
}

personal_text! {
    /// A Brazilian individual taxpayer id (`cpf`), for cards issued in Brazil.
    Cpf,
    max = 11,
    schema = "The cardholder's Brazilian individual taxpayer id (CPF)."
}

personal_text! {
    /// The cardholder's date of birth, `YYYY-MM-DD` (`dateOfBirth`), for Korean personal cards.
    DateOfBirth,
    max = 10,
    schema = "The cardholder's date of birth, YYYY-MM-DD."
}

personal_text! {
    /// A part of a person's name: `firstName`, `middleName` or `lastName`.
    PersonName,
    max = 32,
    schema = "A part of a person's name (first, middle or last)."
}

personal_text! {
    /// A person's full name (`fullName`).
    FullName,
    max = 128,
    schema = "A person's full name."
}

personal_text! {
    /// An email address (`payerEmail`).
    Email,
    max = 64,
    schema = "An email address."
}

personal_text! {
    /// A line of a postal address (`address1`, `address2`, `address3`).
    AddressLine,
    max = 256,
    schema = "A line of a postal address."
}

personal_text! {
    /// The city, district or town of a postal address (`city`).
    City,
    max = 32,
    schema = "The city, district or town of a postal address."
}

personal_text! {
    /// The postal code of an address (`zipCode`).
    PostalCode,
    max = 32,
    schema = "The postal code of an address."
}

personal_text! {
    /// The state, province or prefecture of an address (`state`).
    StateOrProvince,
    max = 8,
    schema = "The state, province or prefecture of an address."
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Problem;

    #[test]
    fn debug_shows_the_type_only() {
        assert_eq!(
            format!("{:?}", CardPasswordDigest::new("12")),
            "CardPasswordDigest(***)"
        );
        assert_eq!(format!("{:?}", Cpf::new("12345678909")), "Cpf(***)");
        assert_eq!(
            format!("{:?}", DateOfBirth::new("1990-01-31")),
            "DateOfBirth(***)"
        );
    }

    #[test]
    fn the_value_is_serialized_and_read_back() {
        let cpf = Cpf::new("12345678909");
        assert_eq!(serde_json::to_string(&cpf).unwrap(), "\"12345678909\"");
        let back: Cpf = serde_json::from_str("\"12345678909\"").unwrap();
        assert_eq!(back.expose(), "12345678909");
    }

    #[test]
    fn too_long_names_the_field_not_the_value() {
        let root = FieldPath::Root;
        let at = root.field("cpf");
        let err = Cpf::new("123456789012").validate_at(&at).unwrap_err();
        assert_eq!(err.field(), "cpf");
        assert_eq!(
            err.problem(),
            &Problem::TooLong {
                max: 11,
                actual: 12
            }
        );
        assert!(!err.to_string().contains("1234"), "{err}");
        assert!(DateOfBirth::new("1990-01-31").validate_at(&at).is_ok());
        assert!(CardPasswordDigest::new("123").validate_at(&at).is_err());
    }
}
