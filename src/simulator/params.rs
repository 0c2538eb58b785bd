//! Reading request bodies as the gateway does: into the generated models, then the spec's
//! rules. A refusal (`PARAM_ILLEGAL`) names the field by its wire path and never quotes a value.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::validate::Validate;

/// Parses and validates a request body, or says which field is wrong.
pub(crate) fn parse<T: DeserializeOwned + Validate + schemars::JsonSchema>(
    body: &[u8],
) -> Result<T, String> {
    if std::str::from_utf8(body).is_err() {
        return Err("the body is not UTF-8".into());
    }
    let request: T = serde_json::from_slice(body).map_err(|e| describe(body, &e))?;
    request.validate().map_err(|e| e.to_string())?;
    // Schema generation is not free: only bodies that mention `null` at all are walked.
    let mentions_null = body.windows(4).any(|w| w == b"null");
    if let Some(path) = mentions_null.then(|| declared_null::<T>(body)).flatten() {
        return Err(format!(
            "invalid request field `{path}`: null (the spec has no nullable field; omit an \
             absent field)"
        ));
    }
    Ok(request)
}

/// The wire path of the first declared field sent as JSON `null`. serde reads such a field as
/// absent, but the spec has no nullable field ("absent fields are omitted, never sent as
/// null"). Undeclared fields are not looked at: the spec allows them with any value.
fn declared_null<T: schemars::JsonSchema>(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let schema = schemars::schema_for!(T);
    let root = schema.as_value();
    let mut path = Vec::new();
    find_null(&value, root, root, &mut path).then(|| render(&path))
}

fn find_null(value: &Value, schema: &Value, root: &Value, path: &mut Vec<String>) -> bool {
    let Value::Object(object) = value else {
        return false;
    };
    let Some(properties) = object_schema(schema, root, 0).and_then(|s| s.get("properties")) else {
        return false;
    };
    for (key, child) in object {
        let Some(child_schema) = properties.get(key) else {
            continue;
        };
        path.push(key.clone());
        if child.is_null() || find_null(child, child_schema, root, path) {
            return true;
        }
        path.pop();
    }
    false
}

/// The schema that declares an object's properties: follows `$ref` (`#/$defs/Name`) and the
/// `anyOf`/`oneOf`/`allOf` branches schemars emits for `Option<Struct>`.
fn object_schema<'a>(schema: &'a Value, root: &'a Value, depth: usize) -> Option<&'a Value> {
    if depth > 16 {
        return None;
    }
    if schema.get("properties").is_some() {
        return Some(schema);
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = root.pointer(reference.strip_prefix('#')?)?;
        return object_schema(target, root, depth + 1);
    }
    ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|k| schema.get(*k).and_then(Value::as_array))
        .flatten()
        .find_map(|branch| object_schema(branch, root, depth + 1))
}

/// The body's `vaultingRequestId`, read leniently (for records and echoes; at most 64 chars).
pub(crate) fn request_id(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let id = value.get("vaultingRequestId")?.as_str()?;
    (id.chars().count() <= 64).then(|| id.to_string())
}

/// serde_json's error without the input: the category, and the field's wire path found from the
/// error's position. serde's own message is used only for a missing field's name.
fn describe(body: &[u8], e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let offset = offset_of(body, e.line(), e.column());
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => format!(
            "the body is not valid JSON (error at line {} column {})",
            e.line(),
            e.column()
        ),
        Category::Data => {
            let locator = Locator::scan(body, offset);
            if let Some(field) = missing_field(e) {
                let mut path = locator.object_path();
                path.push(field);
                format!("missing required field `{}`", render(&path))
            } else {
                let path = locator.value_path();
                if path.is_empty() {
                    "the body is not a JSON object of the expected shape".into()
                } else {
                    format!(
                        "invalid value for field `{}` (wrong type or not an allowed value)",
                        render(&path)
                    )
                }
            }
        }
    }
}

/// The name in `missing field `name``, when it is a plain identifier.
fn missing_field(e: &serde_json::Error) -> Option<String> {
    let message = e.to_string();
    let rest = message.strip_prefix("missing field `")?;
    let (field, _) = rest.split_once('`')?;
    safe_name(field).then(|| field.to_string())
}

fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// The byte offset serde_json's 1-based line and 0-based column point at.
fn offset_of(body: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match body[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    (start + column).min(body.len())
}

fn render(path: &[String]) -> String {
    let mut out = String::new();
    for segment in path {
        if segment.starts_with('[') || out.is_empty() {
            out.push_str(segment);
        } else {
            out.push('.');
            out.push_str(segment);
        }
    }
    out
}

#[derive(Clone, Debug)]
enum Frame {
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    Array {
        index: usize,
    },
}

/// A minimal JSON scanner that knows, at a byte offset, which object was open or just closed
/// and which value started last. It keeps keys (never values), and only keys that are plain
/// identifiers.
#[derive(Debug, Default)]
struct Locator {
    stack: Vec<Frame>,
    /// The path of the object closed by the last significant byte, if it was a `}`.
    just_closed: Option<Vec<String>>,
    /// The path of the last value that started.
    last_value: Vec<String>,
}

impl Locator {
    fn scan(body: &[u8], end: usize) -> Locator {
        let mut l = Locator::default();
        let mut i = 0;
        while i < end {
            let byte = body[i];
            if byte.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if byte != b'}' {
                l.just_closed = None;
            }
            match byte {
                b'"' => {
                    let start = i + 1;
                    i = start;
                    while i < body.len() && body[i] != b'"' {
                        i += if body[i] == b'\\' { 2 } else { 1 };
                    }
                    let text = String::from_utf8_lossy(&body[start..i.min(body.len())]);
                    match l.stack.last_mut() {
                        Some(Frame::Object {
                            key,
                            expect_key: expect @ true,
                        }) => {
                            *key = Some(if safe_name(&text) {
                                text.into_owned()
                            } else {
                                "?".into()
                            });
                            *expect = false;
                        }
                        _ => l.last_value = l.path(),
                    }
                }
                b'{' | b'[' => {
                    l.last_value = l.path();
                    l.stack.push(if byte == b'{' {
                        Frame::Object {
                            key: None,
                            expect_key: true,
                        }
                    } else {
                        Frame::Array { index: 0 }
                    });
                }
                b'}' | b']' => {
                    l.stack.pop();
                    if byte == b'}' {
                        l.just_closed = Some(l.path());
                    }
                }
                b',' => match l.stack.last_mut() {
                    Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                },
                b':' => {}
                _ => {
                    // A number, true, false or null: skip to its end.
                    l.last_value = l.path();
                    while i + 1 < body.len()
                        && !matches!(body[i + 1], b',' | b'}' | b']')
                        && !body[i + 1].is_ascii_whitespace()
                    {
                        i += 1;
                    }
                }
            }
            i += 1;
        }
        l
    }

    /// The path to the value the innermost open container sits at (each frame's current key).
    fn path(&self) -> Vec<String> {
        self.stack
            .iter()
            .filter_map(|frame| match frame {
                Frame::Object { key, .. } => key.clone(),
                Frame::Array { index } => Some(format!("[{index}]")),
            })
            .collect()
    }

    /// The path of the object a missing field belongs to.
    fn object_path(&self) -> Vec<String> {
        if let Some(path) = &self.just_closed {
            return path.clone();
        }
        // The innermost open object: every frame's key except the innermost's.
        let mut path = self.path();
        if let Some(Frame::Object { key: Some(_), .. }) = self.stack.last() {
            path.pop();
        }
        path
    }

    fn value_path(&self) -> Vec<String> {
        self.last_value.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types;

    fn vault_error(body: &str) -> String {
        parse::<types::VaultPaymentMethodRequest>(body.as_bytes()).unwrap_err()
    }

    const GOOD: &str = r#"{"vaultingRequestId":"v1","vaultingNotificationUrl":"https://m.example/n","redirectUrl":"https://m.example/r","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"cardNo":"4111111111111111","expiryYear":"30","expiryMonth":"12","cvv":"123"}},"env":{"terminalType":"WEB"}}"#;

    #[test]
    fn good_body_parses() {
        assert!(parse::<types::VaultPaymentMethodRequest>(GOOD.as_bytes()).is_ok());
    }

    #[test]
    fn missing_fields_are_named_by_path() {
        let body = GOOD.replace(r#""expiryYear":"30","#, "");
        assert_eq!(
            vault_error(&body),
            "missing required field `paymentMethodDetail.card.expiryYear`"
        );
        let body = GOOD.replace(r#""redirectUrl":"https://m.example/r","#, "");
        assert_eq!(vault_error(&body), "missing required field `redirectUrl`");
        let body = GOOD.replace(r#","env":{"terminalType":"WEB"}"#, "");
        assert_eq!(vault_error(&body), "missing required field `env`");
    }

    #[test]
    fn wrong_types_name_the_field_not_the_value() {
        let body = GOOD.replace(r#""4111111111111111""#, "4111111111111111");
        let error = vault_error(&body);
        assert_eq!(
            error,
            "invalid value for field `paymentMethodDetail.card.cardNo` (wrong type or not an allowed value)"
        );
        let body = GOOD.replace(r#""CARD""#, r#""4111111111111111""#);
        let error = vault_error(&body);
        assert!(!error.contains("4111"), "{error}");
        assert!(
            error.contains("paymentMethodDetail.paymentMethodType"),
            "{error}"
        );
    }

    #[test]
    fn declared_nulls_are_refused_undeclared_ones_ignored() {
        let body = GOOD.replace(
            r#""env":{"terminalType":"WEB"}"#,
            r#""env":{"terminalType":"WEB","osType":null}"#,
        );
        assert_eq!(
            vault_error(&body),
            "invalid request field `env.osType`: null (the spec has no nullable field; omit an absent field)"
        );
        let body = GOOD.replace(r#""cvv":"123""#, r#""cvv":null"#);
        assert!(vault_error(&body).contains("`paymentMethodDetail.card.cvv`"));
        let body = GOOD.replace(
            r#""vaultingRequestId":"v1","#,
            r#""vaultingRequestId":"v1","metadata":null,"#,
        );
        assert!(vault_error(&body).contains("`metadata`"));
        let body = GOOD.replace(
            r#""vaultingRequestId":"v1","#,
            r#""vaultingRequestId":"v1","futureField":null,"#,
        );
        assert!(parse::<types::VaultPaymentMethodRequest>(body.as_bytes()).is_ok());
    }

    #[test]
    fn rules_and_syntax() {
        let body = GOOD.replace(r#""expiryMonth":"12""#, r#""expiryMonth":"123""#);
        assert!(vault_error(&body).contains("paymentMethodDetail.card.expiryMonth"));
        let error = vault_error(r#"{"vaultingRequestId":"4111111111111111""#);
        assert!(error.starts_with("the body is not valid JSON"), "{error}");
        assert!(!error.contains("4111"));
        assert_eq!(request_id(GOOD.as_bytes()).as_deref(), Some("v1"));
    }
}
