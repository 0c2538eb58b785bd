//! Every request length limit in the spec, tested: a value one character over the limit is
//! rejected by `validate()` (which runs before any I/O) with an error naming the field by its
//! wire path; a value at the limit passes. The cases are read from `spec/vaulting.yaml`, so a
//! limit added to the spec is tested without touching this file.

use alipay_vaulting::types;
use alipay_vaulting::validate::Problem;
use alipay_vaulting::Validate;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/vaulting.yaml"))
        .unwrap();
    serde_yaml_ng::from_str(&text).unwrap()
}

fn component<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").unwrap();
            component(spec, &spec["components"]["schemas"][name])
        }
        None => schema,
    }
}

/// A limited string somewhere in a request: its wire path and its `maxLength`.
struct Case {
    path: Vec<String>,
    max: usize,
}

fn cases(spec: &Value, schema: &Value, path: &mut Vec<String>, out: &mut Vec<Case>) {
    let schema = component(spec, schema);
    if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
        out.push(Case {
            path: path.clone(),
            max: max as usize,
        });
    }
    for (name, property) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        path.push(name.clone());
        cases(spec, property, path, out);
        path.pop();
    }
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        path.push("[\"k\"]".into());
        cases(spec, values, path, out);
        path.pop();
    }
}

/// A minimal valid instance of a schema (to create parents the base example lacks).
fn minimal(spec: &Value, schema: &Value) -> Value {
    let schema = component(spec, schema);
    if let Some(first) = schema.get("enum").and_then(|e| e.get(0)) {
        return first.clone();
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => {
            let mut object = Map::new();
            for name in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                object.insert(name.into(), minimal(spec, &schema["properties"][name]));
            }
            Value::Object(object)
        }
        Some("integer") => json!(0),
        Some("boolean") => json!(false),
        Some("array") => json!([]),
        _ => json!("1"),
    }
}

/// Sets the value at `path` (wire names) in `body`, creating missing parents.
fn set(spec: &Value, root: &Value, body: &mut Value, path: &[String], value: Value) {
    let mut schema = component(spec, root);
    let mut at = body;
    for (i, segment) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        let (key, next_schema) = if segment.starts_with('[') {
            ("k".to_string(), &schema["additionalProperties"])
        } else {
            (segment.clone(), &schema["properties"][segment.as_str()])
        };
        let object = at.as_object_mut().expect("parent is an object");
        if last {
            object.insert(key, value);
            return;
        }
        let next = component(spec, next_schema);
        let entry = object.entry(key).or_insert_with(|| minimal(spec, next));
        at = entry;
        schema = next;
    }
}

fn wire_path(path: &[String]) -> String {
    let mut out = String::new();
    for segment in path {
        if !segment.starts_with('[') && !out.is_empty() {
            out.push('.');
        }
        out.push_str(segment);
    }
    out
}

fn check_request<T: DeserializeOwned + Validate>(root: &str, base: Value) -> usize {
    let spec = spec();
    let root_schema = json!({ "$ref": format!("#/components/schemas/{root}") });
    let mut found = Vec::new();
    cases(&spec, &root_schema, &mut Vec::new(), &mut found);
    for case in &found {
        let field = wire_path(&case.path);

        let mut over = base.clone();
        set(
            &spec,
            &root_schema,
            &mut over,
            &case.path,
            json!("1".repeat(case.max + 1)),
        );
        let request: T = serde_json::from_value(over)
            .unwrap_or_else(|e| panic!("{root}.{field}: over-limit body must still parse: {e}"));
        let err = request.validate().expect_err(&format!(
            "{root}.{field}: {} characters must be rejected",
            case.max + 1
        ));
        assert_eq!(err.field(), field, "{root}: the error must name the field");
        match err.problem() {
            Problem::TooLong { max, actual } => {
                assert_eq!(*actual, case.max + 1, "{field}");
                assert!(
                    *max <= case.max,
                    "{field}: reported limit {max} above the spec's"
                );
            }
            other => panic!("{field}: expected TooLong, got {other:?}"),
        }

        // At the limit the field passes.
        let mut at_limit = base.clone();
        set(
            &spec,
            &root_schema,
            &mut at_limit,
            &case.path,
            json!("1".repeat(case.max)),
        );
        let request: T = serde_json::from_value(at_limit).unwrap();
        if let Err(e) = request.validate() {
            panic!("{field}: {} characters must pass, got {e}", case.max);
        }
    }
    found.len()
}

/// The vaultPaymentMethod document's request example (`tests/fixtures/api/`).
fn document_request() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/api/vault_payment_method.request.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_vault_request_limit_is_enforced_and_named() {
    let tested = check_request::<types::VaultPaymentMethodRequest>(
        "VaultPaymentMethodRequest",
        document_request(),
    );
    // The spec has dozens of limited fields; a sudden drop means the walk broke.
    assert!(tested >= 40, "only {tested} limits found");
}

#[test]
fn every_inquiry_limit_is_enforced_and_named() {
    let tested = check_request::<types::InquireVaultingRequest>(
        "InquireVaultingRequest",
        json!({"vaultingRequestId": "123456789206"}),
    );
    assert_eq!(tested, 2, "vaultingRequestId and merchantAccountId");
}
