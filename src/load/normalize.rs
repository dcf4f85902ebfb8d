//! OpenAPI 3.1 → 3.0 normalisation (DESIGN §2 "load"), so the rest of the
//! pipeline sees one shape. Applied to every object in a 3.1 document:
//!
//! - `type: [T, "null"]` → `type: T` + `nullable: true`; `type: "null"` → `nullable: true`;
//!   several non-null types → `anyOf` of one schema per type
//! - schema `examples: [a, …]` (an array) → `example: a`
//! - numeric `exclusiveMinimum`/`exclusiveMaximum` → `minimum`/`maximum` + `true`
//! - `const: v` → `enum: [v]`
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

fn normalize_object(map: &mut Map<String, Value>) {
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
}
