//! Polymorphism by inheritance (OpenAPI 3.0 §4.8.25 Discriminator Object, "allOf"
//! composition): a component schema with a `discriminator` and no `oneOf`/`anyOf`
//! is a base; every component that is an `allOf` of it (directly or through
//! another subtype) is one of its subtypes. Wherever the base is used, a value
//! is one of the subtypes, chosen by the discriminator property, so the type
//! graph lowers the base as a tagged union of its subtypes.
//!
//! A subtype's discriminator value is, in order: the key of the base's
//! `discriminator.mapping` that names it; its `x-ms-discriminator-value` (the
//! convention of Azure's AutoRest specs, e.g. `#Microsoft.Azure.Search.CustomAnalyzer`);
//! its component name (the specification's default when there is no mapping).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use crate::load::refs::local_target;
use crate::load::tree::{child, lookup};

/// A discriminated base: its discriminator property and its subtypes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Base {
    /// `discriminator.propertyName`.
    pub property: String,
    /// (discriminator value, pointer of the subtype's component), in document order.
    pub subtypes: Vec<(String, String)>,
}

/// Every discriminated base of the document with at least one subtype, by pointer.
pub(super) fn bases(root: &Value) -> BTreeMap<String, Base> {
    let Some(Value::Object(schemas)) = lookup(root, "/components/schemas") else { return BTreeMap::new() };
    let pointer = |name: &str| child("/components/schemas", name);
    // The components each component is an `allOf` of (by `$ref`).
    let parents: Vec<(String, Vec<String>)> = schemas
        .iter()
        .map(|(name, schema)| {
            let refs = schema
                .get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|part| part.get("$ref").and_then(Value::as_str).and_then(local_target))
                .collect();
            (pointer(name), refs)
        })
        .collect();
    // The components that are an `allOf` of each component.
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for (sub, refs) in &parents {
        for r in refs {
            children.entry(r.as_str()).or_default().push(sub.as_str());
        }
    }
    let mut out = BTreeMap::new();
    for (name, schema) in schemas {
        let Some(map) = schema.as_object() else { continue };
        if map.contains_key("oneOf") || map.contains_key("anyOf") {
            continue;
        }
        let Some(property) = map.get("discriminator").and_then(|d| d.get("propertyName")).and_then(Value::as_str)
        else {
            continue;
        };
        let base = pointer(name);
        let heirs = heirs(&children, &base);
        let subtypes: Vec<(String, String)> = parents
            .iter()
            .filter(|(sub, _)| *sub != base && heirs.contains(sub.as_str()))
            .map(|(sub, _)| (tag(map, sub, schemas), sub.clone()))
            .collect();
        if !subtypes.is_empty() {
            out.insert(base, Base { property: property.to_string(), subtypes });
        }
    }
    out
}

/// Every component that reaches `base` through `allOf` references, at any depth
/// (each visited once: a loop ends the walk).
fn heirs<'p>(children: &HashMap<&str, Vec<&'p str>>, base: &str) -> HashSet<&'p str> {
    let mut seen = HashSet::new();
    let mut stack: Vec<&str> = children.get(base).cloned().unwrap_or_default();
    while let Some(at) = stack.pop() {
        if seen.insert(at) {
            stack.extend(children.get(at).into_iter().flatten());
        }
    }
    seen
}

/// The discriminator value of a subtype.
fn tag(base: &Map<String, Value>, sub: &str, schemas: &Map<String, Value>) -> String {
    let name = crate::load::tree::tokens(sub).last().unwrap_or_default();
    let mapped = base
        .get("discriminator")
        .and_then(|d| d.get("mapping"))
        .and_then(Value::as_object)
        .and_then(|m| m.iter().find(|(_, target)| target.as_str().and_then(local_target).as_deref() == Some(sub)));
    if let Some((key, _)) = mapped {
        return key.clone();
    }
    schemas
        .get(&name)
        .and_then(|s| s.get("x-ms-discriminator-value"))
        .and_then(Value::as_str)
        .map_or(name.clone(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtypes_by_mapping_extension_and_name() {
        let root = serde_json::json!({"components": {"schemas": {
            "Analyzer": {"type": "object", "discriminator": {"propertyName": "@odata.type", "mapping": {"#custom": "#/components/schemas/Custom"}},
                         "required": ["@odata.type"], "properties": {"@odata.type": {"type": "string"}}},
            "Custom": {"allOf": [{"$ref": "#/components/schemas/Analyzer"}]},
            "Pattern": {"x-ms-discriminator-value": "#Microsoft.Pattern", "allOf": [{"$ref": "#/components/schemas/Analyzer"}]},
            "Plain": {"allOf": [{"$ref": "#/components/schemas/Analyzer"}]},
            "Deeper": {"allOf": [{"$ref": "#/components/schemas/Plain"}]},
            "Loop": {"allOf": [{"$ref": "#/components/schemas/Loop"}]},
            "Unrelated": {"type": "object"}
        }}});
        let bases = bases(&root);
        let tags: Vec<&str> = bases["/components/schemas/Analyzer"].subtypes.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(tags, ["#custom", "#Microsoft.Pattern", "Plain", "Deeper"]);
        assert_eq!(bases.len(), 1);
    }
}
