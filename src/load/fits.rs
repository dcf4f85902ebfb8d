//! Whether a tree deserializes as a typed `openapiv3::OpenAPI`, asked one part at a time.
//!
//! Deserializing the whole document at once holds the typed document and serde's buffered
//! copy of the tree (every `#[serde(flatten)]` struct, the top level included, buffers its
//! members first) until the end: about as much memory again as the tree itself. Here the
//! top level is read with empty `paths` and `components`, then each path item and each
//! component on its own, and each typed part is dropped at once: the memory held is that
//! of the largest part. The answer is the whole document's: each part goes through the
//! same `Deserialize` impl as inside the document (path items and components are
//! `ReferenceOr`s, which buffer their value in both cases), and any shape this reading
//! does not mirror exactly (a `paths` or `components` that is not a mapping, a section
//! of `components` that is not one) answers "no", so the caller reads the whole document
//! the slow, exact way.

use serde::Deserialize;
use serde_json::{Map, Value};

use openapiv3::{Callback, Example, Header, Link, OpenAPI, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};

/// True when `root` deserializes as an `openapiv3::OpenAPI`; false when it does not, or may
/// not (then deserialize the whole tree to know, and to learn where it fails).
pub fn fits(root: &Value) -> bool {
    let Value::Object(top) = root else { return false };
    let (paths, components) = match (top.get("paths"), top.get("components")) {
        (Some(Value::Object(paths)), None) => (paths, None),
        (Some(Value::Object(paths)), Some(Value::Object(components))) => (paths, Some(components)),
        _ => return false,
    };
    top_level_fits(top) && paths_fit(paths) && components.is_none_or(components_fit)
}

/// The top level with `paths` and `components` emptied (a shallow copy of the rest).
fn top_level_fits(top: &Map<String, Value>) -> bool {
    let skeleton: Map<String, Value> = top
        .iter()
        .map(|(key, value)| match key.as_str() {
            "paths" | "components" => (key.clone(), Value::Object(Map::new())),
            _ => (key.clone(), value.clone()),
        })
        .collect();
    OpenAPI::deserialize(&Value::Object(skeleton)).is_ok()
}

/// `openapiv3::Paths` reads the members whose key starts with `/` as path items (and keeps
/// `x-` members as they are, ignoring any other).
fn paths_fit(paths: &Map<String, Value>) -> bool {
    paths.iter().filter(|(key, _)| key.starts_with('/')).all(|(_, item)| part_fits::<PathItem>(item))
}

/// Each section of `openapiv3::Components` is a mapping of its kind of component (a
/// missing section is empty; members that are no section are ignored).
fn components_fit(components: &Map<String, Value>) -> bool {
    components.iter().all(|(key, section)| match key.as_str() {
        "schemas" => section_fits::<Schema>(section),
        "responses" => section_fits::<Response>(section),
        "parameters" => section_fits::<Parameter>(section),
        "examples" => section_fits::<Example>(section),
        "requestBodies" => section_fits::<RequestBody>(section),
        "headers" => section_fits::<Header>(section),
        "securitySchemes" => section_fits::<SecurityScheme>(section),
        "links" => section_fits::<Link>(section),
        "callbacks" => section_fits::<Callback>(section),
        _ => true,
    })
}

fn section_fits<T: for<'de> Deserialize<'de>>(section: &Value) -> bool {
    match section {
        Value::Object(entries) => entries.values().all(part_fits::<T>),
        _ => false,
    }
}

/// One part read as `ReferenceOr<T>` and dropped.
fn part_fits<T: for<'de> Deserialize<'de>>(part: &Value) -> bool {
    ReferenceOr::<T>::deserialize(part).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn whole(root: &Value) -> bool {
        OpenAPI::deserialize(root).is_ok()
    }

    fn valid() -> Value {
        json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "x-top": [1],
            "paths": {
                "/pets/{id}": {
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}
                },
                "/ref": {"$ref": "#/paths/~1pets~1{id}"},
                "x-note": {"anything": true}
            },
            "components": {
                "schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
                "responses": {"Gone": {"description": "gone"}},
                "parameters": {"Q": {"name": "q", "in": "query", "schema": {"type": "integer"}}},
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "k"}},
                "pathItems": {"ignored": 1},
                "x-ext": 2
            }
        })
    }

    #[test]
    fn a_valid_document_fits_as_a_whole_and_by_parts() {
        let doc = valid();
        assert!(whole(&doc));
        assert!(fits(&doc));
        let mut no_components = doc.clone();
        no_components.as_object_mut().unwrap().remove("components");
        assert!(whole(&no_components) && fits(&no_components));
    }

    #[test]
    fn every_broken_part_is_found_as_the_whole_document_finds_it() {
        let broken: [(&str, Value); 9] = [
            ("/info", json!({"title": "t"})),
            ("/servers", json!({"url": "x"})),
            ("/paths/~1pets~1{id}/get/responses", json!([])),
            ("/paths/~1pets~1{id}/parameters/0/in", json!("body")),
            ("/components/schemas/Pet/type", json!(7)),
            ("/components/responses/Gone", json!({"content": {}})),
            ("/components/securitySchemes/key/type", json!("nope")),
            ("/paths", json!(["/a"])),
            ("/components/schemas", json!(null)),
        ];
        for (pointer, value) in broken {
            let mut doc = valid();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            match doc.pointer_mut(parent).unwrap() {
                Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
                node => node[key] = value,
            }
            assert!(!whole(&doc), "{pointer}: the whole document should not fit");
            assert!(!fits(&doc), "{pointer}: the parts should not fit");
        }
    }

    #[test]
    fn shapes_not_mirrored_answer_no() {
        // `components: null` fits as a whole (no components) but is left to the exact reading.
        let mut doc = valid();
        doc["components"] = Value::Null;
        assert!(whole(&doc));
        assert!(!fits(&doc));
        assert!(!fits(&json!([1])));
        // Members of `paths` that are neither paths nor extensions are ignored by both.
        let mut doc = valid();
        doc["paths"]["not-a-path"] = json!(5);
        assert!(whole(&doc) && fits(&doc));
    }
}
