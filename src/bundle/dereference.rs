//! `apigen bundle --dereference`: every reference replaced by a copy of what it names,
//! except where that would never end.
//!
//! A reference stays a `$ref` when its target leads back to itself through references
//! (a recursive schema, directly or through others), or when the reference object has
//! members besides `$ref` (inlining would have to merge them into the target). A component
//! that references named before and none names now is left out; components no reference
//! ever named (and security schemes, named by requirements) stay.
//!
//! Copies can grow exponentially (each of 30 schemas naming the next twice), so the result
//! is bounded: at most [`MAX_NODES`] nodes and [`MAX_DEPTH`] levels.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::load::refs::{local_target, walk_objects};
use crate::load::tree::{lookup, push_token, tokens, MAX_DEPTH};

/// The most nodes a dereferenced document may have.
pub const MAX_NODES: usize = 2_000_000;

/// Component kinds whose members are named only by `$ref` (security schemes are named by
/// security requirements, so they are never left out).
const REFERENCED_KINDS: [&str; 9] =
    ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "links", "callbacks", "pathItems"];

/// What dereferencing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dereferenced {
    /// The document with references inlined.
    pub tree: Value,
    /// Targets (JSON pointers) of the references that stay, because they are recursive, sorted.
    pub recursive: Vec<String>,
    /// How many references stay because the reference object has other members.
    pub with_members: usize,
    /// Components left out: (kind, name), sorted.
    pub dropped: Vec<(String, String)>,
}

/// Inlines the references of `tree`; `refs` are the references the loader follows
/// (`Document::refs`: pointer of the object holding `$ref`, the reference); others (an
/// example's or an extension's `$ref` member) are copied as data. References into other
/// files or to nothing stay as they are.
///
/// Errors: the result would exceed [`MAX_NODES`] nodes or [`MAX_DEPTH`] levels, as a sentence.
pub fn dereference(tree: &Value, refs: &[(String, String)]) -> Result<Dereferenced, String> {
    // The targets that resolve, each once, and the reference holders naming them.
    let mut targets: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut holders: HashMap<&str, Holder> = HashMap::new();
    for (pointer, reference) in refs {
        let Some(target) = local_target(reference) else { continue };
        let Some(Value::Object(holder)) = lookup(tree, pointer) else { continue };
        if lookup(tree, &target).is_none() {
            continue;
        }
        let id = *index.entry(target.clone()).or_insert_with(|| {
            targets.push(target);
            targets.len() - 1
        });
        holders.insert(pointer, Holder { target: id, bare: holder.len() == 1 });
    }
    // An edge from each target to the targets of the bare references inside it.
    let mut sorted: Vec<(&str, usize)> = holders.iter().filter(|(_, h)| h.bare).map(|(p, h)| (*p, h.target)).collect();
    sorted.sort_unstable();
    let edges: Vec<Vec<usize>> = targets
        .iter()
        .map(|t| {
            let from = sorted.partition_point(|(p, _)| *p < t.as_str());
            sorted[from..]
                .iter()
                .take_while(|(p, _)| p.starts_with(t.as_str()))
                .filter(|(p, _)| p.len() == t.len() || p.as_bytes()[t.len()] == b'/')
                .map(|(_, id)| *id)
                .collect()
        })
        .collect();
    let mut recursive = vec![false; targets.len()];
    for component in crate::graph::strongly_connected(&edges) {
        if component.len() > 1 || edges[component[0]].contains(&component[0]) {
            component.iter().for_each(|&t| recursive[t] = true);
        }
    }
    let dropped = left_out(tree, &targets, &holders, &recursive);
    let mut copier = Copier { tree, targets: &targets, holders: &holders, recursive: &recursive, nodes: 0, with_members: 0 };
    let mut pointer = String::new();
    let mut out = copier.copy(tree, &mut pointer, 0, &dropped)?;
    remove_components(&mut out, &dropped);
    let mut stay: Vec<String> = holders.values().filter(|h| recursive[h.target]).map(|h| targets[h.target].clone()).collect();
    stay.sort();
    stay.dedup();
    let mut dropped: Vec<(String, String)> = dropped.into_iter().collect();
    dropped.sort();
    Ok(Dereferenced { tree: out, recursive: stay, with_members: copier.with_members, dropped })
}

/// A reference the loader follows.
#[derive(Debug, Clone, Copy)]
struct Holder {
    /// Its target's number.
    target: usize,
    /// The object holds `$ref` alone.
    bare: bool,
}

/// The components to leave out: named by a reference before (the component or something
/// inside it), named by no reference that stays and by no discriminator mapping.
fn left_out(tree: &Value, targets: &[String], holders: &HashMap<&str, Holder>, recursive: &[bool]) -> HashSet<(String, String)> {
    let component = |pointer: &str| -> Option<(String, String)> {
        let toks: Vec<String> = tokens(pointer).take(3).collect();
        (toks.len() == 3 && toks[0] == "components" && REFERENCED_KINDS.contains(&toks[1].as_str()))
            .then(|| (toks[1].clone(), toks[2].clone()))
    };
    let mut named: HashSet<(String, String)> = targets.iter().filter_map(|t| component(t)).collect();
    for h in holders.values().filter(|h| !h.bare || recursive[h.target]) {
        if let Some(c) = component(&targets[h.target]) {
            named.remove(&c);
        }
    }
    walk_objects(tree, &mut |_, map| {
        let Some(Value::Object(mapping)) = map.get("discriminator").and_then(|d| d.get("mapping")) else { return };
        for value in mapping.values() {
            if let Some(c) = value.as_str().and_then(local_target).as_deref().and_then(component) {
                named.remove(&c);
            }
        }
    });
    named
}

/// Copies the tree, inlining references.
struct Copier<'a> {
    tree: &'a Value,
    targets: &'a [String],
    holders: &'a HashMap<&'a str, Holder>,
    recursive: &'a [bool],
    /// Nodes copied so far.
    nodes: usize,
    /// References kept because their object has other members.
    with_members: usize,
}

impl Copier<'_> {
    /// A copy of `node` (found at `pointer` of the original tree) at nesting `depth`,
    /// without the components in `skip` (at the root).
    fn copy(&mut self, node: &Value, pointer: &mut String, depth: usize, skip: &HashSet<(String, String)>) -> Result<Value, String> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(format!(
                "dereferencing writes more than {MAX_NODES} nodes (references that name the same schemas many times over): bundle without --dereference"
            ));
        }
        if depth >= MAX_DEPTH && (node.is_object() || node.is_array()) {
            return Err(format!(
                "dereferencing nests the document deeper than {MAX_DEPTH} levels, which apigen does not read back: bundle without --dereference"
            ));
        }
        match node {
            Value::Object(map) => {
                if let Some(holder) = self.holders.get(pointer.as_str()) {
                    if holder.bare && !self.recursive[holder.target] {
                        let target = &self.targets[holder.target];
                        let node = lookup(self.tree, target).expect("targets resolve");
                        self.nodes -= 1;
                        return self.copy(node, &mut target.clone(), depth, skip);
                    }
                    if !holder.bare {
                        self.with_members += 1;
                    }
                }
                let mut out = Map::with_capacity(map.len());
                for (key, value) in map {
                    let len = pointer.len();
                    push_token(pointer, key);
                    let skipped = depth == 2 && pointer.starts_with("/components/") && {
                        let toks: Vec<String> = tokens(pointer).collect();
                        toks.len() == 3 && skip.contains(&(toks[1].clone(), toks[2].clone()))
                    };
                    if !skipped {
                        out.insert(key.clone(), self.copy(value, pointer, depth + 1, skip)?);
                    }
                    pointer.truncate(len);
                }
                Ok(Value::Object(out))
            }
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    push_token(pointer, &i.to_string());
                    out.push(self.copy(item, pointer, depth + 1, skip)?);
                    pointer.truncate(len);
                }
                Ok(Value::Array(out))
            }
            other => Ok(other.clone()),
        }
    }
}

/// Removes emptied component kinds, and `components` when nothing is left in it.
fn remove_components(tree: &mut Value, dropped: &HashSet<(String, String)>) {
    let Some(Value::Object(components)) = tree.get_mut("components") else { return };
    let emptied: Vec<String> = dropped.iter().map(|(kind, _)| kind.clone()).collect();
    components.retain(|kind, members| !(emptied.contains(kind) && members.as_object().is_some_and(Map::is_empty)));
    if components.is_empty() && !dropped.is_empty() {
        if let Value::Object(root) = tree {
            root.shift_remove("components");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refs(tree: &Value) -> Vec<(String, String)> {
        crate::load::refs::collect_refs(tree)
    }

    #[test]
    fn inlines_what_ends_and_keeps_what_recurs() {
        let tree = json!({
            "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Ok"}}}}},
            "components": {
                "responses": {"Ok": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tree"}}}}},
                "schemas": {
                    "Tree": {"type": "object", "properties": {"root": {"$ref": "#/components/schemas/Node"}, "tag": {"$ref": "#/components/schemas/Tag"}}},
                    "Node": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}},
                    "Tag": {"type": "string"},
                    "Unused": {"type": "integer"}
                }
            }
        });
        let d = dereference(&tree, &refs(&tree)).unwrap();
        let ok = &d.tree["paths"]["/a"]["get"]["responses"]["200"];
        assert_eq!(ok["description"], "ok");
        let tree_schema = &ok["content"]["application/json"]["schema"];
        assert_eq!(tree_schema["properties"]["tag"], json!({"type": "string"}));
        assert_eq!(tree_schema["properties"]["root"], json!({"$ref": "#/components/schemas/Node"}));
        assert_eq!(d.recursive, ["/components/schemas/Node"]);
        let schemas: Vec<&String> = d.tree["components"]["schemas"].as_object().unwrap().keys().collect();
        assert_eq!(schemas, ["Node", "Unused"]);
        assert!(d.tree["components"].get("responses").is_none());
    }

    #[test]
    fn exponential_copies_are_refused() {
        let mut schemas = Map::new();
        for i in 0..40 {
            let next = json!({"$ref": format!("#/components/schemas/S{}", i + 1)});
            schemas.insert(format!("S{i}"), json!({"type": "object", "properties": {"a": next.clone(), "b": next}}));
        }
        schemas.insert("S40".into(), json!({"type": "string"}));
        let tree = json!({"components": {"schemas": schemas}, "paths": {}});
        let e = dereference(&tree, &refs(&tree)).unwrap_err();
        assert!(e.contains("more than 2000000 nodes"), "{e}");
    }
}
