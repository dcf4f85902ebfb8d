//! OpenAPI 3.1 → 3.0 normalisation (DESIGN §2 "load"), so the rest of the
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

/// Rewrites a 3.1 document in place. Pointers of untouched nodes do not change.
pub fn normalize_31(root: &mut Value) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                normalize_object(map);
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Keys whose value is one schema, and keys whose value is a list or map of schemas.
const SCHEMA_KEYS: &[&str] = &["items", "not", "schema", "contains", "unevaluatedItems"];
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_MAPS: &[&str] = &["properties", "patternProperties", "$defs", "schemas", "dependentSchemas"];

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

fn normalize_object(map: &mut Map<String, Value>) {
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
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(items)) = map.get_mut(key) {
            if items.len() > 1 && items.iter().any(is_null_schema) {
                items.retain(|m| !is_null_schema(m));
                map.insert("nullable".into(), Value::Bool(true));
            }
        }
    }
    if let Some(types) = map.get("type").cloned() {
        let list: Vec<Value> = match types {
            Value::Array(items) => items,
            Value::String(s) if s == "null" => vec![Value::String(s)],
            _ => Vec::new(),
        };
        if !list.is_empty() {
            let nullable = list.iter().any(|t| t == "null");
            let rest: Vec<Value> = list.into_iter().filter(|t| t != "null").collect();
            match rest.len() {
                0 => {
                    map.shift_remove("type");
                }
                1 => {
                    map.insert("type".into(), rest[0].clone());
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
    }
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
        normalize_31(&mut doc);
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
        normalize_31(&mut doc);
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
}
