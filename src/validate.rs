//! Checks a request against the spec's rules before anything is sent.
//!
//! The generated request models hold plain strings; the limits of `spec/vaulting.yaml`
//! (`maxLength`, `pattern`, case-variant enums) are emitted by the generator as [`Validate`]
//! impls, and the card types add their own checks. An error names the failing field by its wire
//! path (`paymentMethodDetail.card.cardholderName.firstName`) and never echoes the value.

use std::fmt;

/// A request model that can be checked against the spec before it is sent.
pub trait Validate {
    /// Checks `self`, located at `at` inside the request being validated.
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError>;

    /// Checks `self` as the whole request body.
    fn validate(&self) -> Result<(), ValidationError> {
        self.validate_at(&FieldPath::Root)
    }
}

/// Where a value sits inside a request, built on the stack while validating and rendered only
/// when a check fails.
#[derive(Clone, Copy, Debug)]
pub enum FieldPath<'a> {
    /// The request body itself.
    Root,
    /// A named field of the value at the parent path.
    Field(&'a FieldPath<'a>, &'static str),
    /// An element of the array at the parent path.
    Index(&'a FieldPath<'a>, usize),
    /// An entry of the map at the parent path.
    Key(&'a FieldPath<'a>, &'a str),
}

impl<'a> FieldPath<'a> {
    /// The path of field `name` below this one.
    pub fn field(&'a self, name: &'static str) -> FieldPath<'a> {
        FieldPath::Field(self, name)
    }

    /// The path of array element `index` below this one.
    pub fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath::Index(self, index)
    }

    /// The path of map entry `key` below this one.
    pub fn key(&'a self, key: &'a str) -> FieldPath<'a> {
        FieldPath::Key(self, key)
    }

    fn render(&self, out: &mut String) {
        match self {
            FieldPath::Root => {}
            FieldPath::Field(parent, name) => {
                parent.render(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            FieldPath::Index(parent, index) => {
                parent.render(out);
                out.push_str(&format!("[{index}]"));
            }
            FieldPath::Key(parent, key) => {
                parent.render(out);
                out.push_str(&format!("[{key:?}]"));
            }
        }
    }

    /// The wire path of `field` below this one, e.g. `paymentMethodDetail.card.cvv`.
    pub fn join(&self, field: Option<&'static str>) -> String {
        let mut out = String::new();
        match field {
            Some(name) => self.field(name).render(&mut out),
            None => self.render(&mut out),
        }
        out
    }
}

/// A request field that breaks a rule of the spec. Holds the field's wire path and the rule,
/// never the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    field: String,
    problem: Problem,
}

/// The rule a request field broke.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// Longer than the spec's `maxLength`, counted in characters.
    TooLong {
        /// The limit.
        max: usize,
        /// The value's length in characters.
        actual: usize,
    },
    /// Shorter than the field allows, counted in characters.
    TooShort {
        /// The minimum.
        min: usize,
        /// The value's length in characters.
        actual: usize,
    },
    /// Does not match the spec's `pattern`.
    Pattern {
        /// The pattern, as written in the spec.
        pattern: &'static str,
    },
    /// Not one of the values the spec allows.
    NotAllowed {
        /// The allowed values.
        allowed: &'static [&'static str],
    },
    /// Contains something other than the ASCII digits 0-9.
    NotDigits,
}

impl ValidationError {
    /// Creates an error for the field at `path`.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }

    /// The failing field's wire path, e.g. `paymentMethodDetail.card.expiryMonth`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule the field broke.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request field `{}`: ", self.field)?;
        match &self.problem {
            Problem::TooLong { max, actual } => {
                write!(f, "{actual} characters, at most {max} allowed")
            }
            Problem::TooShort { min, actual } => {
                write!(f, "{actual} characters, at least {min} required")
            }
            Problem::Pattern { pattern } => write!(f, "does not match the pattern {pattern}"),
            Problem::NotAllowed { allowed } => write!(f, "must be one of {}", allowed.join(", ")),
            Problem::NotDigits => write!(f, "must contain only the digits 0-9"),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Fails when `value` has more than `max` characters.
pub fn max_chars(
    value: &str,
    max: usize,
    at: &FieldPath<'_>,
    field: Option<&'static str>,
) -> Result<(), ValidationError> {
    // Byte length bounds the character count from above: skip the count for short values.
    if value.len() <= max {
        return Ok(());
    }
    let actual = value.chars().count();
    if actual <= max {
        return Ok(());
    }
    Err(ValidationError::new(
        at.join(field),
        Problem::TooLong { max, actual },
    ))
}

/// Fails when `value` does not match the spec's `pattern`.
pub fn matches(
    value: &str,
    regex: &regex_lite::Regex,
    pattern: &'static str,
    at: &FieldPath<'_>,
    field: Option<&'static str>,
) -> Result<(), ValidationError> {
    if regex.is_match(value) {
        Ok(())
    } else {
        Err(ValidationError::new(
            at.join(field),
            Problem::Pattern { pattern },
        ))
    }
}

/// Fails when `value` is not one of `allowed`.
pub fn one_of(
    value: &str,
    allowed: &'static [&'static str],
    at: &FieldPath<'_>,
    field: Option<&'static str>,
) -> Result<(), ValidationError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(ValidationError::new(
            at.join(field),
            Problem::NotAllowed { allowed },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_as_wire_names() {
        let root = FieldPath::Root;
        let detail = root.field("paymentMethodDetail");
        let card = detail.field("card");
        assert_eq!(card.join(Some("cvv")), "paymentMethodDetail.card.cvv");
        let list = root.field("items");
        let second = list.index(1);
        assert_eq!(second.join(Some("name")), "items[1].name");
        let map = root.field("customizedInfo");
        let entry = map.key("k");
        assert_eq!(entry.join(None), "customizedInfo[\"k\"]");
        assert_eq!(root.join(Some("metadata")), "metadata");
    }

    #[test]
    fn max_chars_counts_characters_not_bytes() {
        let root = FieldPath::Root;
        assert!(max_chars("é中", 2, &root, Some("f")).is_ok());
        let err = max_chars("é中x", 2, &root, Some("f")).unwrap_err();
        assert_eq!(err.problem(), &Problem::TooLong { max: 2, actual: 3 });
        assert_eq!(
            err.to_string(),
            "invalid request field `f`: 3 characters, at most 2 allowed"
        );
    }
}
