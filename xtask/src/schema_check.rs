//! A small validator for the OpenAPI 3.0 schema subset the spec uses, so `cargo xtask spec` can
//! prove every example matches its schema without a JSON Schema engine.
//!
//! Supported: `$ref` (to `#/components/schemas`), `type`, `nullable`, `enum`, `maxLength`,
//! `minLength`, `pattern`, `properties`, `required`, `additionalProperties`, `items`, `anyOf`,
//! `oneOf`, `allOf`. Other keywords (`description`, `format`, ...) are annotations here.

use serde_json::{Map, Value};

/// Checks `value` against `schema`; returns one message per violation, each with its JSON path.
pub fn check(schemas: &Map<String, Value>, schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check_at(schemas, schema, value, "$", &mut errors, 0);
    errors
}

fn check_at(
    schemas: &Map<String, Value>,
    schema: &Value,
    value: &Value,
    path: &str,
    errors: &mut Vec<String>,
    depth: usize,
) {
    if depth > 64 {
        errors.push(format!("{path}: schema nesting too deep (a $ref cycle?)"));
        return;
    }
    let Some(schema) = schema.as_object() else {
        return;
    };
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        match crate::generate::ref_name(reference).and_then(|n| schemas.get(n)) {
            Some(target) => check_at(schemas, target, value, path, errors, depth + 1),
            None => errors.push(format!("{path}: unresolved $ref {reference}")),
        }
        return;
    }
    if value.is_null() && schema.get("nullable") == Some(&Value::Bool(true)) {
        return;
    }
    if let Some(ty) = schema.get("type").and_then(Value::as_str) {
        let ok = match ty {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            _ => true,
        };
        if !ok {
            errors.push(format!("{path}: expected {ty}, found {}", kind(value)));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            errors.push(format!(
                "{path}: {value} is not one of {}",
                Value::from(allowed.clone())
            ));
        }
    }
    if let Some(text) = value.as_str() {
        let chars = text.chars().count() as u64;
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            if chars > max {
                errors.push(format!(
                    "{path}: {chars} characters, more than maxLength {max}"
                ));
            }
        }
        if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
            if chars < min {
                errors.push(format!(
                    "{path}: {chars} characters, fewer than minLength {min}"
                ));
            }
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            match regex_lite::Regex::new(pattern) {
                Ok(re) if re.is_match(text) => {}
                Ok(_) => errors.push(format!("{path}: does not match pattern {pattern}")),
                Err(e) => errors.push(format!("{path}: pattern {pattern} does not compile: {e}")),
            }
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(name) {
                errors.push(format!("{path}: required property {name} is missing"));
            }
        }
        for (name, item) in object {
            let child = format!("{path}.{name}");
            match properties.and_then(|p| p.get(name)) {
                Some(property) => check_at(schemas, property, item, &child, errors, depth + 1),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        errors.push(format!("{child}: property not allowed by the schema"))
                    }
                    Some(extra @ Value::Object(_)) => {
                        check_at(schemas, extra, item, &child, errors, depth + 1)
                    }
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (index, item) in array.iter().enumerate() {
            check_at(
                schemas,
                items,
                item,
                &format!("{path}[{index}]"),
                errors,
                depth + 1,
            );
        }
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for sub in all {
            check_at(schemas, sub, value, path, errors, depth + 1);
        }
    }
    for (keyword, exactly_one) in [("anyOf", false), ("oneOf", true)] {
        if let Some(options) = schema.get(keyword).and_then(Value::as_array) {
            let matching = options
                .iter()
                .filter(|sub| {
                    let mut sub_errors = Vec::new();
                    check_at(schemas, sub, value, path, &mut sub_errors, depth + 1);
                    sub_errors.is_empty()
                })
                .count();
            if matching == 0 || (exactly_one && matching > 1) {
                errors.push(format!(
                    "{path}: matches {matching} of the {keyword} options"
                ));
            }
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
