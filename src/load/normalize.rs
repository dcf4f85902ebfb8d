//! OpenAPI 3.1 → 3.0 normalisation (docs/openapi-31.md), so the rest of the
//! pipeline sees one shape. Applied to every object in a 3.1 document:
//!
//! - `type: [T, "null"]` → `type: T` + `nullable: true`; `type: "null"` → `nullable: true`;
//!   several non-null types → `anyOf` of one schema per type
//! - schema `examples: [a, …]` (an array) → `example: a`
//! - numeric `exclusiveMinimum`/`exclusiveMaximum` → `minimum`/`maximum` + `true`
//! - `const: v` → `enum: [v]`
//! - `anyOf`/`oneOf` with a `{type: "null"}` member (FastAPI's `Optional[X]`, in any order,
//!   `$ref` or inline) → the other members + `nullable: true` (one member left: a single-member
//!   composition, which the model reads as that member)
//! - boolean schemas where a schema stands: `true` → `{}` (any value), `false` → `{not: {}}`
//!   (no value)
//!
//! `webhooks` and other 3.1-only members stay in the tree; the typed model ignores them.

use serde_json::{json, Map, Value};

use super::tree::child;

/// What normalisation had to approximate: (JSON pointer, what and how), for `oas-31-degraded`.
pub type Degraded = Vec<(String, String)>;

/// The JSON Schema dialect OpenAPI 3.1 documents use unless they say otherwise.
pub const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// Rewrites a 3.1 document in place. Pointers of untouched nodes do not change.
///
/// Only schemas are rewritten, found by where they stand (`components/schemas`, a
/// parameter's, header's or media type's `schema`, and the subschemas of a schema):
/// a property named `type` or `nullable`, or example data, is never taken for a keyword.
/// Returns what could only be approximated, by pointer.
pub fn normalize_31(root: &mut Value) -> Degraded {
    let mut degraded = Degraded::new();
    if let Some(Value::String(dialect)) = root.get("jsonSchemaDialect") {
        if dialect != DEFAULT_DIALECT {
            degraded.push((
                "/jsonSchemaDialect".into(),
                format!("the JSON Schema dialect '{}' is not OpenAPI 3.1's default: schemas are read as the default dialect", crate::text::one_line(dialect)),
            ));
        }
    }
    inline_path_item_refs(root);
    // (node, its pointer, whether it is a schema)
    let mut stack: Vec<(&mut Value, String, bool)> = vec![(root, String::new(), false)];
    while let Some((node, pointer, is_schema)) = stack.pop() {
        match (node, is_schema) {
            (Value::Object(map), true) => {
                normalize_object(map, &pointer, &mut degraded);
                for (key, value) in map.iter_mut() {
                    let at = child(&pointer, key);
                    match key.as_str() {
                        k if SCHEMA_KEYS.contains(&k) || k == "additionalProperties" || k == "unevaluatedProperties" => {
                            stack.push((value, at, true))
                        }
                        k if SCHEMA_LISTS.contains(&k) => {
                            if let Value::Array(items) = value {
                                stack.extend(items.iter_mut().enumerate().map(|(i, v)| (v, child(&at, &i.to_string()), true)));
                            }
                        }
                        k if SCHEMA_MAPS.contains(&k) => {
                            if let Value::Object(members) = value {
                                stack.extend(members.iter_mut().map(|(k, v)| (v, child(&at, k), true)));
                            }
                        }
                        _ => {}
                    }
                }
            }
            (Value::Object(map), false) => {
                for (key, value) in map.iter_mut() {
                    let at = child(&pointer, key);
                    match key.as_str() {
                        "schema" => {
                            boolean_schema(value);
                            stack.push((value, at, true));
                        }
                        "schemas" => {
                            if let Value::Object(members) = value {
                                members.values_mut().for_each(boolean_schema);
                                stack.extend(members.iter_mut().map(|(k, v)| (v, child(&at, k), true)));
                            }
                        }
                        // Data, not document structure.
                        "example" | "examples" | "default" | "enum" | "const" => {}
                        _ => stack.push((value, at, false)),
                    }
                }
            }
            (Value::Array(items), false) => {
                stack.extend(items.iter_mut().enumerate().map(|(i, v)| (v, child(&pointer, &i.to_string()), false)))
            }
            _ => {}
        }
    }
    degraded.sort();
    degraded
}

/// Path items that are references to `components/pathItems` (3.1) stand in place of
/// the reference, so the model sees their operations.
fn inline_path_item_refs(root: &mut Value) {
    let Some(items) = root.pointer("/components/pathItems").cloned() else { return };
    let Some(Value::Object(paths)) = root.get_mut("paths") else { return };
    for item in paths.values_mut() {
        let target = item.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/pathItems/"));
        if let Some(found) = target.and_then(|name| items.get(name.replace("~1", "/").replace("~0", "~"))) {
            *item = found.clone();
        }
    }
}

/// Keys whose value is one schema, and keys whose value is a list or map of schemas.
const SCHEMA_KEYS: &[&str] = &["items", "not", "contains", "unevaluatedItems", "if", "then", "else", "propertyNames"];
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_MAPS: &[&str] = &["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

/// A boolean schema as the object schema it means.
fn boolean_schema(value: &mut Value) {
    if let Value::Bool(b) = *value {
        *value = if b { json!({}) } else { json!({"not": {}}) };
    }
}

/// Whether a composition member only says "null" (`{type: "null"}`, `{type: ["null"]}`,
/// `{const: null}`, `{enum: [null]}`), with at most a title or description beside it.
fn is_null_schema(value: &Value) -> bool {
    let Value::Object(m) = value else { return false };
    let says_null = match (m.get("type"), m.get("const"), m.get("enum")) {
        (Some(Value::String(t)), None, None) => t == "null",
        (Some(Value::Array(ts)), None, None) => !ts.is_empty() && ts.iter().all(|t| t == "null"),
        (None, Some(Value::Null), None) => true,
        (None, None, Some(Value::Array(vs))) => !vs.is_empty() && vs.iter().all(Value::is_null),
        _ => false,
    };
    says_null && m.keys().all(|k| matches!(k.as_str(), "type" | "const" | "enum" | "title" | "description"))
}

/// Rewrites one schema object's 3.1 keywords (the module's list), one step per function.
fn normalize_object(map: &mut Map<String, Value>, pointer: &str, degraded: &mut Degraded) {
    boolean_subschemas(map);
    null_members(map);
    type_list(map);
    single_valued(map);
    binary_content(map);
    approximated(map, pointer, degraded);
}

/// Boolean schemas among the subschemas, as object schemas.
fn boolean_subschemas(map: &mut Map<String, Value>) {
    for key in SCHEMA_KEYS {
        if let Some(v) = map.get_mut(*key) {
            boolean_schema(v);
        }
    }
    for key in SCHEMA_LISTS {
        if let Some(Value::Array(items)) = map.get_mut(*key) {
            items.iter_mut().for_each(boolean_schema);
        }
    }
    for key in SCHEMA_MAPS {
        if let Some(Value::Object(members)) = map.get_mut(*key) {
            members.values_mut().for_each(boolean_schema);
        }
    }
}

/// `anyOf`/`oneOf` with a null member: the other members + `nullable: true`.
fn null_members(map: &mut Map<String, Value>) {
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(items)) = map.get_mut(key) {
            if items.len() > 1 && items.iter().any(is_null_schema) {
                items.retain(|m| !is_null_schema(m));
                map.insert("nullable".into(), Value::Bool(true));
            }
        }
    }
}

/// `type` as a list, or `"null"`: one type + `nullable`, or `anyOf` of one schema per type.
fn type_list(map: &mut Map<String, Value>) {
    let list: Vec<Value> = match map.get("type") {
        Some(Value::Array(items)) if !items.is_empty() => items.clone(),
        Some(null @ Value::String(s)) if s == "null" => vec![null.clone()],
        _ => return,
    };
    let nullable = list.iter().any(|t| t == "null");
    let mut rest: Vec<Value> = list.into_iter().filter(|t| t != "null").collect();
    match rest.len() {
        0 => {
            map.shift_remove("type");
        }
        1 => {
            map.insert("type".into(), rest.remove(0));
        }
        _ => {
            map.shift_remove("type");
            let variants: Vec<Value> = rest.iter().map(|t| json!({ "type": t })).collect();
            map.insert("anyOf".into(), Value::Array(variants));
        }
    }
    if nullable {
        map.insert("nullable".into(), Value::Bool(true));
    }
}

/// 3.1 keywords with a 3.0 spelling: `examples` (the first), numeric exclusive bounds, `const`.
fn single_valued(map: &mut Map<String, Value>) {
    if let Some(Value::Array(examples)) = map.get("examples") {
        let first = examples.first().cloned();
        map.shift_remove("examples");
        if let Some(first) = first {
            map.entry("example").or_insert(first);
        }
    }
    for (bound, limit) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(n @ Value::Number(_)) = map.get(bound).cloned() {
            map.insert(limit.into(), n);
            map.insert(bound.into(), Value::Bool(true));
        }
    }
    if let Some(c) = map.shift_remove("const") {
        map.insert("enum".into(), Value::Array(vec![c]));
    }
}

/// Binary content in a string: 3.0's formats.
fn binary_content(map: &mut Map<String, Value>) {
    if !map.contains_key("format") {
        match (map.get("contentEncoding").and_then(Value::as_str), map.get("contentMediaType")) {
            (Some("base64" | "base64url"), _) => {
                map.insert("format".into(), json!("byte"));
            }
            (None, Some(_)) => {
                map.insert("format".into(), json!("binary"));
                map.entry("type").or_insert(json!("string"));
            }
            _ => {}
        }
    }
}

/// What 3.0 only approximates (`unevaluatedProperties`, tuples) or generated code does not
/// enforce, each tuple and unenforced keyword recorded in `degraded`.
fn approximated(map: &mut Map<String, Value>, pointer: &str, degraded: &mut Degraded) {
    if let Some(rest) = map.get("unevaluatedProperties").cloned() {
        map.entry("additionalProperties").or_insert(rest);
    }
    if let Some(Value::Array(prefix)) = map.get("prefixItems").cloned() {
        // A tuple: every position's schema, as one list item type.
        if !map.contains_key("items") {
            let item = if prefix.len() == 1 { prefix[0].clone() } else { json!({"anyOf": prefix}) };
            map.insert("items".into(), item);
        }
        degraded.push((
            child(pointer, "prefixItems"),
            "a tuple (`prefixItems`) is read as a list whose items may be any of its positions' schemas".into(),
        ));
    }
    for keyword in ["if", "dependentSchemas", "patternProperties", "propertyNames", "contains"] {
        if map.contains_key(keyword) {
            degraded.push((child(pointer, keyword), format!("`{keyword}` is not enforced by generated code (the rest of the schema is)")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_31_schema_keywords() {
        let mut doc = json!({"components": {"schemas": {"A": {
            "type": ["string", "null"], "examples": ["x"],
            "properties": {"n": {"type": "integer", "exclusiveMinimum": 0}, "k": {"const": "a"},
                           "u": {"type": ["string", "integer"]}}
        }}}});
        let _ = normalize_31(&mut doc);
        let a = &doc["components"]["schemas"]["A"];
        assert_eq!(a["type"], "string");
        assert_eq!(a["nullable"], true);
        assert_eq!(a["example"], "x");
        assert_eq!(a["properties"]["n"]["minimum"], 0);
        assert_eq!(a["properties"]["n"]["exclusiveMinimum"], true);
        assert_eq!(a["properties"]["k"]["enum"], json!(["a"]));
        assert_eq!(a["properties"]["u"]["anyOf"][1]["type"], "integer");
    }

    #[test]
    fn optional_unions_become_nullable_and_booleans_become_schemas() {
        // As FastAPI writes `Optional[datetime]`, `Optional[Pet]` and a nullable union.
        let mut doc = json!({"components": {"schemas": {"Job": {"type": "object", "properties": {
            "completed_at": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}], "title": "Completed At"},
            "pet": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/Pet"}]},
            "id": {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
            "anything": true,
            "nothing": false,
            "list": {"type": "array", "items": false}
        }}, "Open": true}}});
        let _ = normalize_31(&mut doc);
        let props = &doc["components"]["schemas"]["Job"]["properties"];
        assert_eq!(props["completed_at"], json!({"anyOf": [{"type": "string", "format": "date-time"}], "title": "Completed At", "nullable": true}));
        assert_eq!(props["pet"], json!({"anyOf": [{"$ref": "#/components/schemas/Pet"}], "nullable": true}));
        assert_eq!(props["id"]["oneOf"].as_array().map(Vec::len), Some(2));
        assert_eq!(props["id"]["nullable"], true);
        assert_eq!(props["anything"], json!({}));
        assert_eq!(props["nothing"], json!({"not": {}}));
        assert_eq!(props["list"]["items"], json!({"not": {}}));
        assert_eq!(doc["components"]["schemas"]["Open"], json!({}));
    }

    #[test]
    fn only_schemas_are_rewritten() {
        // codat.io: properties named `properties`, `type` and `nullable`; example data with a `type` list.
        let mut doc = json!({"components": {"schemas": {"PushOption": {"type": "object", "properties": {
            "properties": {"additionalProperties": {"type": "string"}, "nullable": true, "type": "object"},
            "type": {"$ref": "#/components/schemas/T"},
            "nullable": {"type": "boolean"}
        }, "example": {"type": ["a", "null"], "examples": [1, 2]}}}},
        "paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query", "schema": {"type": ["string", "null"]}}]}}}});
        let _ = normalize_31(&mut doc);
        let props = &doc["components"]["schemas"]["PushOption"]["properties"];
        assert_eq!(props["properties"]["nullable"], true);
        assert_eq!(props["properties"]["additionalProperties"], json!({"type": "string"}));
        assert_eq!(props["type"], json!({"$ref": "#/components/schemas/T"}));
        assert_eq!(props["nullable"], json!({"type": "boolean"}));
        assert_eq!(doc["components"]["schemas"]["PushOption"]["example"], json!({"type": ["a", "null"], "examples": [1, 2]}));
        let q = &doc["paths"]["/a"]["get"]["parameters"][0]["schema"];
        assert_eq!((&q["type"], &q["nullable"]), (&json!("string"), &json!(true)));
    }

    #[test]
    fn what_3_0_cannot_say_is_approximated_and_reported() {
        let mut doc = json!({"jsonSchemaDialect": "https://example.com/dialect",
            "paths": {"/a": {"$ref": "#/components/pathItems/A"}},
            "components": {"pathItems": {"A": {"get": {"responses": {}}}}, "schemas": {
                "T": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]},
                "F": {"type": "string", "contentEncoding": "base64"},
                "B": {"contentMediaType": "image/png"},
                "U": {"type": "object", "unevaluatedProperties": false}
        }}});
        let degraded = normalize_31(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["T"]["items"], json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}));
        assert_eq!(schemas["F"]["format"], "byte");
        assert_eq!((&schemas["B"]["format"], &schemas["B"]["type"]), (&json!("binary"), &json!("string")));
        assert_eq!(schemas["U"]["additionalProperties"], false);
        assert_eq!(doc["paths"]["/a"], json!({"get": {"responses": {}}}));
        let pointers: Vec<&str> = degraded.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/components/schemas/T/prefixItems", "/jsonSchemaDialect"]);
    }
}

