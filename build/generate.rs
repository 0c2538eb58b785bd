//! The one generator of the crate's bindings.
//!
//! `build.rs` (which compiles the result into `OUT_DIR`) and `cargo xtask codegen` (which writes
//! the reviewed copy `spec/generated.rs`) both call [`generate`], so the code that is compiled
//! and the code that is reviewed cannot differ.
//!
//! What it does on top of progenitor:
//! - request-side length limits, patterns and case-variant enums are taken out of the schema
//!   progenitor sees (so the request models hold plain `String`s, not one newtype per field) and
//!   emitted instead as `Validate` impls that name the failing field by its wire path;
//! - `Open*` components of the form `anyOf: [$ref: K, {type: string}]` become `Open<K>`, an enum
//!   that keeps values Alipay adds later instead of failing to parse;
//! - the card number and the CVV are swapped for the hand-written redacting types.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{Map, Value};

/// The hand-written spec, relative to the workspace root.
pub const SPEC_FILE: &str = "spec/vaulting.yaml";
/// The reviewed, committed copy of the generated code, relative to the workspace root.
pub const REVIEWED_COPY: &str = "spec/generated.rs";

/// Spec components swapped for hand-written types (card data and tokens that must never be
/// printed).
const REPLACEMENTS: &[(&str, &str)] = &[
    ("CardNumber", "crate::card::CardNumber"),
    ("Cvv", "crate::card::Cvv"),
    ("CardToken", "crate::card::CardToken"),
    ("CardPasswordDigest", "crate::card::CardPasswordDigest"),
    ("Cpf", "crate::card::Cpf"),
    ("DateOfBirth", "crate::card::DateOfBirth"),
    ("PersonName", "crate::card::PersonName"),
    ("FullName", "crate::card::FullName"),
    ("Email", "crate::card::Email"),
    ("AddressLine", "crate::card::AddressLine"),
    ("City", "crate::card::City"),
    ("PostalCode", "crate::card::PostalCode"),
    ("StateOrProvince", "crate::card::StateOrProvince"),
];

/// Components the generator adds in place of every boolean and integer field of what the crate
/// receives (see [`lenient_scalars`]), and the type each becomes.
const LENIENT_SCALARS: &[(&str, &str, &str)] = &[
    ("boolean", "LenientBoolean", "crate::lenient::Lenient<bool>"),
    ("integer", "LenientInteger", "crate::lenient::Lenient<i64>"),
];

/// The state every generated call carries into the hooks (signing keys, clock, policy).
const HOOK_STATE: &str = "crate::hooks::HookState";

const HEADER: &str = "\
// @generated from spec/vaulting.yaml by `cargo xtask codegen` (build.rs runs the same generator).
// Do not edit: change the spec and regenerate. `cargo xtask codegen --check` fails when this
// copy and the spec disagree.
";

/// Generates the formatted bindings (client, models, validators) from the spec's YAML text.
pub fn generate(spec_yaml: &str) -> Result<String, String> {
    let spec: Value =
        serde_yaml_ng::from_str(spec_yaml).map_err(|e| format!("{SPEC_FILE}: not YAML: {e}"))?;
    let schemas = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("{SPEC_FILE}: no components.schemas"))?;

    let open = open_enums(schemas);
    let request_side = request_side_components(&spec, schemas)?;

    let progenitor_spec = relax_for_progenitor(&spec, &request_side)?;
    let openapi: openapiv3::OpenAPI = serde_json::from_value(progenitor_spec)
        .map_err(|e| format!("{SPEC_FILE}: not an OpenAPI 3.0 document: {e}"))?;

    let mut settings = progenitor::GenerationSettings::new();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_hooks(progenitor::HooksMode::Expected)
        .with_inner_type(parse_path(HOOK_STATE)?)
        .with_derive("schemars::JsonSchema")
        .with_derive("PartialEq");
    for (name, path) in REPLACEMENTS {
        settings.with_replacement(name, path, std::iter::empty());
    }
    for (_, name, path) in LENIENT_SCALARS {
        settings.with_replacement(name, path, std::iter::empty());
    }
    for (name, known) in &open {
        settings.with_replacement(
            name,
            format!("crate::open_enum::Open<crate::types::{known}>"),
            std::iter::empty(),
        );
    }
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&openapi)
        .map_err(|e| format!("progenitor: {e}"))?;
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("progenitor output does not parse: {e}"))?;

    let fields = struct_fields(&file);
    let validators = Validators::new(schemas, &fields).emit(&request_side)?;
    let extra: syn::File =
        syn::parse2(validators).map_err(|e| format!("validator output does not parse: {e}"))?;
    file.items.extend(extra.items);

    Ok(format!(
        "{HEADER}{}{}\n\n{}",
        crate::fingerprint::FINGERPRINT_PREFIX,
        crate::fingerprint::spec_fingerprint(spec_yaml),
        prettyplease::unparse(&file)
    ))
}

fn parse_path(path: &str) -> Result<TokenStream, String> {
    path.parse::<TokenStream>()
        .map_err(|e| format!("bad path {path}: {e}"))
}

/// `Open*` components: `anyOf: [{$ref: K}, {type: string}]`, mapped to the known enum `K`.
pub fn open_enums(schemas: &Map<String, Value>) -> BTreeMap<String, String> {
    let mut open = BTreeMap::new();
    for (name, schema) in schemas {
        let Some(any_of) = schema.get("anyOf").and_then(Value::as_array) else {
            continue;
        };
        if let [known, string] = any_of.as_slice() {
            let target = known.get("$ref").and_then(Value::as_str).and_then(ref_name);
            let is_string = string.get("type").and_then(Value::as_str) == Some("string")
                && string.as_object().is_some_and(|o| o.len() == 1);
            if let (Some(target), true) = (target, is_string) {
                open.insert(name.clone(), target.to_string());
            }
        }
    }
    open
}

/// The name of a component from its `$ref`.
pub fn ref_name(reference: &str) -> Option<&str> {
    reference.strip_prefix("#/components/schemas/")
}

/// Components reachable from the operations' request bodies: the strict side of the spec.
pub fn request_side_components(
    spec: &Value,
    schemas: &Map<String, Value>,
) -> Result<BTreeSet<String>, String> {
    let mut roots = Vec::new();
    let paths = spec
        .get("paths")
        .and_then(Value::as_object)
        .ok_or("no paths")?;
    for item in paths.values() {
        for operation in item.as_object().into_iter().flat_map(|o| o.values()) {
            if let Some(schema) = operation.pointer("/requestBody/content/application~1json/schema")
            {
                collect_refs(schema, &mut roots);
            }
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = roots.pop() {
        if seen.insert(name.clone()) {
            let schema = schemas
                .get(&name)
                .ok_or_else(|| format!("$ref to missing component {name}"))?;
            collect_refs(schema, &mut roots);
        }
    }
    Ok(seen)
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map.get("$ref").and_then(Value::as_str).and_then(ref_name) {
                out.push(name.to_string());
            }
            // Examples are data, not schema.
            map.iter()
                .filter(|(k, _)| *k != "example" && *k != "examples")
                .for_each(|(_, v)| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// Whether a string enum's values collide once case is ignored (e.g. `APP` and `app`): such an
/// enum cannot be a Rust enum, so it stays a `String` checked by the validator.
fn is_case_variant_enum(schema: &Value) -> bool {
    let Some(values) = schema.get("enum").and_then(Value::as_array) else {
        return false;
    };
    let mut folded = BTreeSet::new();
    values
        .iter()
        .filter_map(Value::as_str)
        .any(|v| !folded.insert(v.to_ascii_lowercase()))
}

/// The copy of the spec progenitor sees: request-side constraints removed (the validators carry
/// them), examples and callbacks dropped (progenitor does not use them).
fn relax_for_progenitor(spec: &Value, request_side: &BTreeSet<String>) -> Result<Value, String> {
    let mut spec = spec.clone();
    for item in spec
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        for operation in item
            .as_object_mut()
            .into_iter()
            .flat_map(|o| o.values_mut())
        {
            if let Some(op) = operation.as_object_mut() {
                op.remove("callbacks");
            }
        }
    }
    let schemas = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .ok_or("no components.schemas")?;
    for name in request_side {
        if let Some(schema) = schemas.get_mut(name) {
            relax_schema(schema);
        }
    }
    lenient_scalars(schemas, request_side);
    Ok(spec)
}

/// Every boolean and integer property of a received schema (anything not on the request side:
/// both responses and the notification) becomes a reference to a `Lenient*` component, which
/// the generator replaces with `crate::lenient::Lenient<_>`: the documents send every scalar as
/// a string, their examples as JSON types, and both must parse.
fn lenient_scalars(schemas: &mut Map<String, Value>, request_side: &BTreeSet<String>) {
    for (name, schema) in schemas.iter_mut() {
        if !request_side.contains(name) {
            lenient_properties(schema);
        }
    }
    for (json_type, name, _) in LENIENT_SCALARS {
        schemas.insert(name.to_string(), serde_json::json!({ "type": json_type }));
    }
}

fn lenient_properties(schema: &mut Value) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    if let Some(props) = map.get_mut("properties").and_then(Value::as_object_mut) {
        for property in props.values_mut() {
            let json_type = property.get("type").and_then(Value::as_str);
            match LENIENT_SCALARS
                .iter()
                .find(|(t, _, _)| Some(*t) == json_type)
            {
                Some((_, name, _)) => {
                    *property =
                        serde_json::json!({ "$ref": format!("#/components/schemas/{name}") })
                }
                None => lenient_properties(property),
            }
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = map.get_mut(key) {
            lenient_properties(inner);
        }
    }
}

fn relax_schema(schema: &mut Value) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    for key in ["maxLength", "minLength", "pattern", "example", "examples"] {
        map.remove(key);
    }
    if is_case_variant_enum(&Value::Object(map.clone())) {
        map.remove("enum");
    }
    for key in ["properties"] {
        if let Some(props) = map.get_mut(key).and_then(Value::as_object_mut) {
            props.values_mut().for_each(relax_schema);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = map.get_mut(key) {
            relax_schema(inner);
        }
    }
}

/// A field of a generated struct: its Rust name and whether it is wrapped in `Option`/`Vec`/map.
#[derive(Clone)]
struct Field {
    ident: syn::Ident,
    shape: Shape,
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Plain,
    Option,
    Vec,
    Map,
}

/// Generated struct name -> wire name -> field, read from progenitor's output so that the
/// validators use exactly the names typify chose.
fn struct_fields(file: &syn::File) -> BTreeMap<String, BTreeMap<String, Field>> {
    let mut out = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        if module.ident != "types" {
            continue;
        }
        for item in module.content.iter().flat_map(|(_, items)| items) {
            let syn::Item::Struct(st) = item else {
                continue;
            };
            let syn::Fields::Named(named) = &st.fields else {
                continue;
            };
            let mut fields = BTreeMap::new();
            for field in &named.named {
                let ident = field.ident.clone().expect("named field");
                let wire = serde_rename(&field.attrs).unwrap_or_else(|| ident.to_string());
                let shape = shape_of(&field.ty);
                fields.insert(wire, Field { ident, shape });
            }
            out.insert(st.ident.to_string(), fields);
        }
    }
    out
}

fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                rename = Some(lit.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    rename
}

fn shape_of(ty: &syn::Type) -> Shape {
    let syn::Type::Path(path) = ty else {
        return Shape::Plain;
    };
    match path.path.segments.last().map(|s| s.ident.to_string()) {
        Some(last) if last == "Option" => Shape::Option,
        Some(last) if last == "Vec" => Shape::Vec,
        Some(last) if last == "HashMap" || last == "Map" || last == "BTreeMap" => Shape::Map,
        _ => Shape::Plain,
    }
}

/// Emits `impl crate::validate::Validate for types::X` for the request-side objects.
struct Validators<'a> {
    schemas: &'a Map<String, Value>,
    fields: &'a BTreeMap<String, BTreeMap<String, Field>>,
    patterns: BTreeMap<String, syn::Ident>,
}

impl<'a> Validators<'a> {
    fn new(
        schemas: &'a Map<String, Value>,
        fields: &'a BTreeMap<String, BTreeMap<String, Field>>,
    ) -> Self {
        Self {
            schemas,
            fields,
            patterns: BTreeMap::new(),
        }
    }

    fn emit(mut self, request_side: &BTreeSet<String>) -> Result<TokenStream, String> {
        let mut impls = Vec::new();
        for name in request_side {
            let schema = &self.schemas[name];
            if schema.get("properties").is_none() {
                continue;
            }
            impls.push(self.object_impl(name, schema)?);
        }
        let statics = self.patterns.iter().map(|(pattern, ident)| {
            quote! {
                pub(super) static #ident: ::std::sync::LazyLock<::regex_lite::Regex> =
                    ::std::sync::LazyLock::new(|| {
                        ::regex_lite::Regex::new(#pattern).expect("checked when generated")
                    });
            }
        });
        Ok(quote! {
            /// Patterns of the spec's request fields, compiled once.
            mod patterns {
                #(#statics)*
            }
            #(#impls)*
        })
    }

    fn object_impl(&mut self, name: &str, schema: &Value) -> Result<TokenStream, String> {
        let fields = self
            .fields
            .get(name)
            .ok_or_else(|| format!("component {name} was not generated as a struct"))?;
        let props = schema
            .get("properties")
            .and_then(Value::as_object)
            .ok_or_else(|| format!("{name}: properties is not a map"))?;
        let mut checks = Vec::new();
        for (wire, prop) in props {
            let field = fields
                .get(wire)
                .ok_or_else(|| format!("{name}.{wire}: no generated field"))?;
            let ident = &field.ident;
            let check = self.value_check(&format!("{name}.{wire}"), prop, wire, quote!(value))?;
            if check.is_empty() {
                continue;
            }
            checks.push(match field.shape {
                Shape::Plain => quote! { { let value = &self.#ident; #check } },
                Shape::Option => quote! { if let Some(value) = &self.#ident { #check } },
                Shape::Vec | Shape::Map => {
                    // Arrays and maps: the item schema is checked for each element below.
                    check
                }
            });
        }
        let ty = format_ident!("{}", name);
        let body = if checks.is_empty() {
            quote! { let _ = at; Ok(()) }
        } else {
            quote! { #(#checks)* Ok(()) }
        };
        Ok(quote! {
            impl crate::validate::Validate for types::#ty {
                fn validate_at(
                    &self,
                    at: &crate::validate::FieldPath<'_>,
                ) -> ::std::result::Result<(), crate::validate::ValidationError> {
                    #body
                }
            }
        })
    }

    /// Checks for one value bound to `value` (a reference), located at `at` + `wire`.
    fn value_check(
        &mut self,
        context: &str,
        schema: &Value,
        wire: &str,
        value: TokenStream,
    ) -> Result<TokenStream, String> {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let target = ref_name(reference).ok_or_else(|| format!("{context}: bad $ref"))?;
            let resolved = self
                .schemas
                .get(target)
                .ok_or_else(|| format!("{context}: $ref to missing {target}"))?;
            let nested = REPLACEMENTS.iter().any(|(n, _)| *n == target)
                || resolved.get("properties").is_some();
            if nested {
                return Ok(quote! {
                    crate::validate::Validate::validate_at(#value, &at.field(#wire))?;
                });
            }
            return self.value_check(context, resolved, wire, value);
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("string") => self.string_checks(context, schema, wire, value),
            Some("array") => {
                let items = schema
                    .get("items")
                    .ok_or_else(|| format!("{context}: array without items"))?;
                let inner = self.value_check(context, items, wire, quote!(item))?;
                if inner.is_empty() {
                    return Ok(TokenStream::new());
                }
                let ident = self.field_ident(context)?;
                Ok(quote! {
                    for (index, item) in self.#ident.iter().enumerate() {
                        let at = &at.field(#wire);
                        let at = &at.index(index);
                        let _ = &at;
                        #inner
                    }
                })
            }
            Some("object") if schema.get("properties").is_none() => {
                let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object())
                else {
                    return Ok(TokenStream::new());
                };
                let inner = self.value_check(context, values, "", quote!(item))?;
                if inner.is_empty() {
                    return Ok(TokenStream::new());
                }
                let ident = self.field_ident(context)?;
                let optional = self.field_shape(context)? == Shape::Option;
                let map = if optional {
                    quote! { self.#ident.iter().flatten() }
                } else {
                    quote! { self.#ident.iter() }
                };
                Ok(quote! {
                    for (key, item) in #map {
                        let at = &at.field(#wire);
                        let at = &at.key(key);
                        #inner
                    }
                })
            }
            _ => Ok(TokenStream::new()),
        }
    }

    fn string_checks(
        &mut self,
        context: &str,
        schema: &Value,
        wire: &str,
        value: TokenStream,
    ) -> Result<TokenStream, String> {
        // An empty wire name means "the value at `at` itself" (map values).
        let field = if wire.is_empty() {
            quote!(None)
        } else {
            quote!(Some(#wire))
        };
        let mut checks = Vec::new();
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            let max = max as usize;
            checks.push(quote! {
                crate::validate::max_chars(#value, #max, at, #field)?;
            });
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            regex_lite::Regex::new(pattern)
                .map_err(|e| format!("{context}: pattern {pattern:?} does not compile: {e}"))?;
            let next = format_ident!("PATTERN_{}", self.patterns.len());
            let ident = self
                .patterns
                .entry(pattern.to_string())
                .or_insert(next)
                .clone();
            checks.push(quote! {
                crate::validate::matches(#value, &patterns::#ident, #pattern, at, #field)?;
            });
        }
        if is_case_variant_enum(schema) {
            let values: Vec<&str> = schema["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            checks.push(quote! {
                crate::validate::one_of(#value, &[#(#values),*], at, #field)?;
            });
        }
        Ok(quote! { #(#checks)* })
    }

    fn field(&self, context: &str) -> Result<&Field, String> {
        let (object, wire) = context
            .split_once('.')
            .ok_or_else(|| format!("{context}: not object.field"))?;
        self.fields
            .get(object)
            .and_then(|f| f.get(wire))
            .ok_or_else(|| format!("{context}: no generated field"))
    }

    fn field_ident(&self, context: &str) -> Result<syn::Ident, String> {
        Ok(self.field(context)?.ident.clone())
    }

    fn field_shape(&self, context: &str) -> Result<Shape, String> {
        Ok(self.field(context)?.shape)
    }
}
