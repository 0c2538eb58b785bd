//! `cargo xtask spec`: the rules the hand-written spec must keep.
//!
//! 1. It parses as OpenAPI 3.0.
//! 2. Every operation (callbacks included) has an `operationId`.
//! 3. Every string reachable from a request body has `maxLength` or `enum` (strict on what we send).
//! 4. Nothing reachable only from responses has `maxLength`, `pattern` or
//!    `additionalProperties: false` (lenient on what we receive).
//! 5. Every example validates against its schema.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Map, Value};

use crate::generate::{ref_name, request_side_components, SPEC_FILE};
use crate::schema_check;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Lints the spec file; `Ok` carries a one-line summary, `Err` every problem found.
pub fn lint_file(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let problems = lint(&text)?;
    if problems.problems.is_empty() {
        Ok(format!(
            "{SPEC_FILE}: ok ({} operations, {} schemas, {} examples validated)",
            problems.operations, problems.schemas, problems.examples
        ))
    } else {
        Err(format!(
            "{SPEC_FILE}: {} problem(s)\n  {}",
            problems.problems.len(),
            problems.problems.join("\n  ")
        ))
    }
}

/// What a lint run found.
pub struct Report {
    pub problems: Vec<String>,
    pub operations: usize,
    pub schemas: usize,
    pub examples: usize,
}

/// Lints the spec's YAML text. `Err` only when it is not even YAML.
pub fn lint(text: &str) -> Result<Report, String> {
    let spec: Value = serde_yaml_ng::from_str(text).map_err(|e| format!("not YAML: {e}"))?;
    let mut report = Report {
        problems: Vec::new(),
        operations: 0,
        schemas: 0,
        examples: 0,
    };
    let version = spec.get("openapi").and_then(Value::as_str).unwrap_or("");
    if !version.starts_with("3.0.") {
        report
            .problems
            .push(format!("openapi is {version:?}, expected 3.0.x"));
    }
    if let Err(e) = serde_json::from_value::<openapiv3::OpenAPI>(spec.clone()) {
        report
            .problems
            .push(format!("does not parse as OpenAPI 3.0: {e}"));
    }
    let empty = Map::new();
    let schemas = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    report.schemas = schemas.len();

    // Operations, their ids and their examples (callbacks included).
    let mut media = Vec::new();
    for (path, item) in spec
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        operations(path, item, &mut report, &mut media);
    }
    for (where_, schema, example) in &media {
        report.examples += 1;
        for e in schema_check::check(schemas, schema, example) {
            report.problems.push(format!("example {where_}: {e}"));
        }
    }
    for (name, schema) in schemas {
        for (label, example) in schema_examples(schema) {
            report.examples += 1;
            for e in schema_check::check(schemas, schema, example) {
                report
                    .problems
                    .push(format!("example {label} of {name}: {e}"));
            }
        }
    }

    match request_side_components(&spec, schemas) {
        Ok(request_side) => {
            for name in &request_side {
                strict_strings(name, &schemas[name], &mut report.problems);
            }
            for (name, schema) in schemas {
                if !request_side.contains(name) {
                    lenient(name, schema, &mut report.problems);
                }
            }
            unused_refs(schemas, &mut report.problems);
        }
        Err(e) => report.problems.push(e),
    }
    Ok(report)
}

type MediaExample<'a> = (String, &'a Value, &'a Value);

fn operations<'a>(
    path: &str,
    item: &'a Value,
    report: &mut Report,
    media: &mut Vec<MediaExample<'a>>,
) {
    for method in METHODS {
        let Some(op) = item.get(*method) else {
            continue;
        };
        report.operations += 1;
        let id = op.get("operationId").and_then(Value::as_str);
        let label = format!("{} {path}", method.to_uppercase());
        if id.is_none_or(str::is_empty) {
            report
                .problems
                .push(format!("{label}: operation has no operationId"));
        }
        let name = id.unwrap_or(&label).to_string();
        if let Some(content) = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
        {
            media_examples(&format!("{name} request"), content, media);
        }
        for (status, response) in op
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if let Some(content) = response.get("content").and_then(Value::as_object) {
                media_examples(&format!("{name} response {status}"), content, media);
            }
        }
        for callback in op
            .get("callbacks")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(_, c)| c)
        {
            for (expr, cb_item) in callback.as_object().into_iter().flatten() {
                operations(expr, cb_item, report, media);
            }
        }
    }
}

fn media_examples<'a>(
    label: &str,
    content: &'a Map<String, Value>,
    out: &mut Vec<MediaExample<'a>>,
) {
    for (mime, media) in content {
        let Some(schema) = media.get("schema") else {
            continue;
        };
        if let Some(example) = media.get("example") {
            out.push((format!("{label} ({mime})"), schema, example));
        }
        for (name, example) in media
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if let Some(value) = example.get("value") {
                out.push((format!("{label} '{name}'"), schema, value));
            }
        }
    }
}

fn schema_examples(schema: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    if let Some(example) = schema.get("example") {
        out.push(("example".to_string(), example));
    }
    for (name, property) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if let Some(example) = property.get("example") {
            out.push((format!("of property {name}"), example));
        }
    }
    out
}

/// Rule 3: every request-side string has a length limit or an enum.
fn strict_strings(name: &str, schema: &Value, problems: &mut Vec<String>) {
    walk(schema, name, &mut |at, node| {
        if node.get("type").and_then(Value::as_str) == Some("string")
            && node.get("maxLength").is_none()
            && node.get("enum").is_none()
        {
            problems.push(format!("{at}: request string without maxLength or enum"));
        }
    });
}

/// Rule 4: response-only schemas never reject what Alipay sends.
fn lenient(name: &str, schema: &Value, problems: &mut Vec<String>) {
    walk(schema, name, &mut |at, node| {
        for keyword in ["maxLength", "minLength", "pattern"] {
            if node.get(keyword).is_some() {
                problems.push(format!(
                    "{at}: response schema has {keyword}; put the limit in the description"
                ));
            }
        }
        if node.get("additionalProperties") == Some(&Value::Bool(false)) {
            problems.push(format!("{at}: response schema forbids unknown properties"));
        }
    });
}

/// Calls `visit` on `schema` and every inline subschema (not following `$ref`).
fn walk(schema: &Value, at: &str, visit: &mut dyn FnMut(&str, &Value)) {
    visit(at, schema);
    for (name, property) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        walk(property, &format!("{at}.{name}"), visit);
    }
    for keyword in ["items", "additionalProperties"] {
        if let Some(inner) = schema.get(keyword).filter(|v| v.is_object()) {
            walk(inner, &format!("{at}.{keyword}"), visit);
        }
    }
    for keyword in ["anyOf", "oneOf", "allOf"] {
        for (index, inner) in schema
            .get(keyword)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            walk(inner, &format!("{at}.{keyword}[{index}]"), visit);
        }
    }
}

/// Every `$ref` in the schemas resolves.
fn unused_refs(schemas: &Map<String, Value>, problems: &mut Vec<String>) {
    let mut missing = BTreeSet::new();
    for schema in schemas.values() {
        find_refs(schema, &mut |reference| {
            if ref_name(reference).is_none_or(|n| !schemas.contains_key(n)) {
                missing.insert(reference.to_string());
            }
        });
    }
    problems.extend(missing.into_iter().map(|r| format!("unresolved $ref {r}")));
}

fn find_refs(value: &Value, found: &mut dyn FnMut(&str)) {
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                found(reference);
            }
            map.values().for_each(|v| find_refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| find_refs(v, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    post:
      operationId: doX
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Req'}
            examples:
              ok: {value: {id: "abc", kind: A}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Resp'}
              examples:
                ok: {value: {code: "ANY_VALUE_AT_ALL"}}
components:
  schemas:
    Req:
      type: object
      required: [id]
      properties:
        id: {type: string, maxLength: 3}
        kind: {$ref: '#/components/schemas/Kind'}
    Kind: {type: string, enum: [A, B]}
    Resp:
      type: object
      properties:
        code: {type: string}
"#;

    fn problems(text: &str) -> Vec<String> {
        lint(text).unwrap().problems
    }

    #[test]
    fn a_good_spec_passes() {
        let report = lint(GOOD).unwrap();
        assert_eq!(report.problems, Vec::<String>::new());
        assert_eq!((report.operations, report.examples), (1, 2));
    }

    #[test]
    fn each_rule_catches_its_violation() {
        let no_id = GOOD.replace("      operationId: doX\n", "");
        assert!(problems(&no_id)
            .iter()
            .any(|p| p.contains("no operationId")));

        let unlimited = GOOD.replace("id: {type: string, maxLength: 3}", "id: {type: string}");
        assert!(problems(&unlimited)
            .iter()
            .any(|p| p == "Req.id: request string without maxLength or enum"));

        let strict_response =
            GOOD.replace("code: {type: string}", "code: {type: string, maxLength: 4}");
        assert!(problems(&strict_response)
            .iter()
            .any(|p| p.starts_with("Resp.code: response schema has maxLength")));

        let bad_example = GOOD.replace("{id: \"abc\", kind: A}", "{id: \"abcd\", kind: C}");
        let found = problems(&bad_example);
        assert!(
            found
                .iter()
                .any(|p| p.contains("$.id: 4 characters, more than maxLength 3")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("$.kind: \"C\" is not one of")),
            "{found:?}"
        );

        let v31 = GOOD.replace("openapi: 3.0.3", "openapi: 3.1.0");
        assert!(problems(&v31).iter().any(|p| p.contains("expected 3.0.x")));
    }
}
