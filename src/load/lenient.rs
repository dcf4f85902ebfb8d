//! What a document means where it lacks a field OpenAPI requires but that carries no
//! meaning for generated code: a response's `description`, an operation's `responses`,
//! a parameter's or header's `schema` (with no `content` either), a request body's
//! `content`, an OAuth2 flow's `scopes`, a link's operation, `info.title`,
//! `info.version`, `info.license.name`, `paths` (OpenAPI 3.0). An empty YAML node
//! (`responses:` with nothing below) is missing.
//!
//! Each is an `oas-required-field` finding at the object that lacks the field, and the
//! object stays in the model with a default in its place: the typed shape check
//! ([`super::Document::shape`]) reads a copy of the tree with the defaults filled in
//! ([`fill`]), and the lowering reads the tree as written and gives the same defaults
//! (an empty description, no responses, a string parameter or header, no request body
//! media type). The tree itself is never changed, so positions and what `check` shows
//! are the document's own.

use serde_json::{json, Map, Value};

use super::tree::{child, lookup_mut, tokens};

/// The rule id of the findings.
pub const RULE: &str = "oas-required-field";

/// One default: `value` stands for the missing member `key` of the object at `pointer`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    /// JSON pointer of the object that lacks the member (it exists in the tree).
    pub pointer: String,
    /// The member's name.
    pub key: String,
    /// What the typed shape check reads in its place.
    pub value: Value,
    /// The finding: (message, help); `None` when OpenAPI does not require the member
    /// but the typed shape does (a 3.1 document without `paths`, a callback given as a `$ref`).
    pub finding: Option<(String, String)>,
}

/// Every default a document needs, in document order. `openapi_31`: the document is
/// OpenAPI 3.1 (`paths` is optional there).
///
/// Objects are found where they stand (the paths, their operations, callbacks and
/// components), never by following a `$ref`, so each is looked at once; schemas are not
/// walked (their fields are all optional).
pub fn fills(root: &Value, openapi_31: bool) -> Vec<Fill> {
    let mut walk = Walk::default();
    if let Value::Object(root) = root {
        walk.document(root, openapi_31);
    }
    walk.out
}

/// Fills the defaults into a copy of the tree (an object given as an empty YAML node,
/// `null`, becomes an object first).
pub fn fill(tree: &mut Value, fills: &[Fill]) {
    for d in fills {
        let Some(node) = lookup_mut(tree, &d.pointer) else { continue };
        // An empty YAML node (`'204':` with nothing below) is an empty object.
        if node.is_null() {
            *node = Value::Object(Map::new());
        }
        if let Value::Object(map) = node {
            map.insert(d.key.clone(), d.value.clone());
        }
    }
}

/// How one kind of object is looked at: (walk, its pointer, the object).
type Look = fn(&mut Walk, &str, &Value);

#[derive(Default)]
struct Walk {
    out: Vec<Fill>,
}

/// An object to look at, unless it is a `$ref` (its target is looked at where it stands).
fn object(value: &Value) -> Option<&Map<String, Value>> {
    value.as_object().filter(|map| !map.contains_key("$ref"))
}

/// The members of a map-valued member, extensions left out: (pointer, value).
fn members<'v>(owner: &'v Map<String, Value>, pointer: &str, key: &str) -> Vec<(String, &'v Value)> {
    let at = child(pointer, key);
    match owner.get(key) {
        Some(Value::Object(map)) => map.iter().filter(|(k, _)| !k.starts_with("x-")).map(|(k, v)| (child(&at, k), v)).collect(),
        Some(Value::Array(items)) => items.iter().enumerate().map(|(i, v)| (child(&at, &i.to_string()), v)).collect(),
        _ => Vec::new(),
    }
}

impl Walk {
    fn lack(&mut self, pointer: &str, key: &str, value: Value, message: String, help: &str) {
        self.out.push(Fill { pointer: pointer.to_string(), key: key.to_string(), value, finding: Some((message, help.to_string())) });
    }

    fn document(&mut self, root: &Map<String, Value>, openapi_31: bool) {
        // A document without `info` at all is not taken for an API (`oas-parse`).
        if let Some(Value::Object(info)) = root.get("info") {
            for (key, what) in [("title", "an empty title"), ("version", "an empty version")] {
                if lacks(info, key) {
                    let help = format!("add `{key}` under `info`");
                    self.lack("/info", key, json!(""), format!("info has no `{key}`, which OpenAPI requires: read as {what}"), &help);
                }
            }
            if let Some(license) = info.get("license").and_then(Value::as_object) {
                if lacks(license, "name") {
                    let message = "the license has no `name`, which OpenAPI requires: read as an empty name".to_string();
                    self.lack("/info/license", "name", json!(""), message, "add the licence's `name` (for example Apache 2.0)");
                }
            }
        }
        if lacks(root, "paths") {
            let finding = (!openapi_31).then(|| {
                ("the document has no `paths`, which OpenAPI 3.0 requires: read as no paths".to_string(), "add `paths: {}`".to_string())
            });
            self.out.push(Fill { pointer: String::new(), key: "paths".into(), value: json!({}), finding });
        }
        for (pointer, item) in members(root, "", "paths") {
            self.path_item(&pointer, item);
        }
        let Some(components) = root.get("components").and_then(Value::as_object) else { return };
        let each: [(&str, Look); 7] = [
            ("responses", Self::response),
            ("parameters", Self::parameter),
            ("headers", Self::header),
            ("requestBodies", Self::request_body),
            ("callbacks", Self::callback),
            ("pathItems", Self::path_item),
            ("links", Self::link),
        ];
        for (kind, look) in each {
            for (pointer, node) in members(components, "/components", kind) {
                look(self, &pointer, node);
            }
        }
        for (pointer, scheme) in members(components, "/components", "securitySchemes") {
            self.security_scheme(&pointer, scheme);
        }
    }

    fn path_item(&mut self, pointer: &str, item: &Value) {
        let Some(item) = object(item) else { return };
        for (at, param) in members(item, pointer, "parameters") {
            self.parameter(&at, param);
        }
        for method in crate::model::Method::ALL.map(|m| m.as_str()) {
            if let Some(op) = item.get(method).and_then(object) {
                self.operation(&child(pointer, method), op);
            }
        }
    }

    fn operation(&mut self, pointer: &str, op: &Map<String, Value>) {
        if lacks(op, "responses") {
            let message = "the operation has no `responses`, which OpenAPI requires: read as answering with no content".to_string();
            self.lack(pointer, "responses", json!({}), message, "add the responses it answers with (`responses: {'204': {description: …}}`)");
        }
        for (at, param) in members(op, pointer, "parameters") {
            self.parameter(&at, param);
        }
        if let Some(body) = op.get("requestBody") {
            self.request_body(&child(pointer, "requestBody"), body);
        }
        for (at, response) in members(op, pointer, "responses") {
            self.response(&at, response);
        }
        for (at, callback) in members(op, pointer, "callbacks") {
            match callback.get("$ref") {
                // Valid OpenAPI, which the typed shape cannot read: callbacks are not generated.
                Some(_) => {
                    let name = tokens(&at).last().unwrap_or_default();
                    self.out.push(Fill { pointer: child(pointer, "callbacks"), key: name, value: json!({}), finding: None });
                }
                None => self.callback(&at, callback),
            }
        }
    }

    fn callback(&mut self, pointer: &str, callback: &Value) {
        let Some(callback) = object(callback) else { return };
        for (expression, item) in callback.iter().filter(|(k, _)| !k.starts_with("x-")) {
            self.path_item(&child(pointer, expression), item);
        }
    }

    fn response(&mut self, pointer: &str, response: &Value) {
        let empty = Map::new();
        let response = if response.is_null() { Some(&empty) } else { object(response) };
        let Some(response) = response else { return };
        if lacks(response, "description") {
            let message = "the response has no `description`, which OpenAPI requires: read as an empty description".to_string();
            self.lack(pointer, "description", json!(""), message, "add a `description` saying what the response means");
        }
        for (at, header) in members(response, pointer, "headers") {
            self.header(&at, header);
        }
        for (at, link) in members(response, pointer, "links") {
            self.link(&at, link);
        }
        self.content(response, pointer);
    }

    /// The headers of a media type's encodings.
    fn content(&mut self, owner: &Map<String, Value>, pointer: &str) {
        for (at, media) in members(owner, pointer, "content") {
            let Some(media) = media.as_object() else { continue };
            for (enc_at, encoding) in members(media, &at, "encoding") {
                let Some(encoding) = encoding.as_object() else { continue };
                for (header_at, header) in members(encoding, &enc_at, "headers") {
                    self.header(&header_at, header);
                }
            }
        }
    }

    fn parameter(&mut self, pointer: &str, param: &Value) {
        let Some(param) = object(param) else { return };
        if lacks_schema(param) {
            let name = param.get("name").and_then(Value::as_str).map(|n| format!(" '{}'", crate::text::one_line(n))).unwrap_or_default();
            let message = format!("parameter{name} has neither `schema` nor `content`, one of which OpenAPI requires: read as a string");
            self.lack(pointer, "schema", json!({"type": "string"}), message, "add the parameter's `schema` (for example `schema: {type: string}`)");
        }
    }

    fn header(&mut self, pointer: &str, header: &Value) {
        let Some(header) = object(header) else { return };
        if lacks_schema(header) {
            let message = "the header has neither `schema` nor `content`, one of which OpenAPI requires: read as a string".to_string();
            self.lack(pointer, "schema", json!({"type": "string"}), message, "add the header's `schema` (for example `schema: {type: string}`)");
        }
    }

    /// A link naming no operation (links are not generated).
    fn link(&mut self, pointer: &str, link: &Value) {
        let Some(link) = object(link) else { return };
        if lacks(link, "operationId") && lacks(link, "operationRef") {
            let message = "the link names no operation (`operationId` or `operationRef`), which OpenAPI requires: read as a link to none".to_string();
            self.lack(pointer, "operationId", json!(""), message, "add the `operationId` of the operation the link leads to");
        }
    }

    /// An OAuth2 flow without `scopes` (generated code sends a token; scopes are the server's concern).
    fn security_scheme(&mut self, pointer: &str, scheme: &Value) {
        let Some(scheme) = object(scheme).filter(|s| s.get("type").and_then(Value::as_str) == Some("oauth2")) else { return };
        let Some(flows) = scheme.get("flows").and_then(Value::as_object) else { return };
        for (name, flow) in flows.iter().filter(|(k, _)| !k.starts_with("x-")) {
            if flow.as_object().is_some_and(|flow| lacks(flow, "scopes")) {
                let message = format!("the OAuth2 flow `{}` has no `scopes`, which OpenAPI requires: read as no scopes", crate::text::one_line(name));
                self.lack(&child(&child(pointer, "flows"), name), "scopes", json!({}), message, "add the flow's `scopes` (`scopes: {}` when it has none)");
            }
        }
    }

    fn request_body(&mut self, pointer: &str, body: &Value) {
        let Some(body) = object(body) else { return };
        if lacks(body, "content") {
            let message = "the request body has no `content`, which OpenAPI requires: read as no request body".to_string();
            self.lack(pointer, "content", json!({}), message, "add the body's media type and schema (`content: {application/json: {schema: …}}`)");
        }
        self.content(body, pointer);
    }
}

/// A member that is missing, or an empty YAML node (`responses:` with nothing below).
fn lacks(map: &Map<String, Value>, key: &str) -> bool {
    map.get(key).is_none_or(Value::is_null)
}

/// A parameter or header with neither `schema` nor `content`.
fn lacks_schema(map: &Map<String, Value>) -> bool {
    !map.contains_key("schema") && !map.contains_key("content")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(doc: &Value, openapi_31: bool) -> Vec<(String, String)> {
        fills(doc, openapi_31).into_iter().filter(|d| d.finding.is_some()).map(|d| (d.pointer, d.key)).collect()
    }

    #[test]
    fn finds_each_missing_field_where_it_stands_once() {
        let doc = json!({
            "openapi": "3.0.3",
            "info": {"license": {"url": "https://example.com"}},
            "paths": {
                "/a": {
                    "parameters": [{"name": "p", "in": "query"}],
                    "get": {"responses": {"200": {}, "404": {"$ref": "#/components/responses/NotFound"}, "x-note": {}}},
                    "post": {"requestBody": {"description": "b"}, "callbacks": {
                        "hook": {"{$request.body#/url}": {"post": {"responses": {"200": {"headers": {"X-A": {}}}}}}},
                        "shared": {"$ref": "#/components/callbacks/Hook"}
                    }}
                },
                "x-extension": {"get": {}}
            },
            "components": {
                "responses": {"NotFound": {"content": {"multipart/form-data": {"encoding": {"file": {"headers": {"X-B": {}}}}}}}},
                "parameters": {"P": {"name": "q", "in": "header", "content": {"text/plain": {}}}},
                "headers": {"H": {"description": "no schema"}},
                "links": {"L": {"description": "to nowhere"}},
                "securitySchemes": {"OAuth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://example.com/token"}}}}
            }
        });
        assert_eq!(
            findings(&doc, false),
            [
                ("/info", "title"),
                ("/info", "version"),
                ("/info/license", "name"),
                ("/paths/~1a/parameters/0", "schema"),
                ("/paths/~1a/get/responses/200", "description"),
                ("/paths/~1a/post", "responses"),
                ("/paths/~1a/post/requestBody", "content"),
                ("/paths/~1a/post/callbacks/hook/{$request.body#~1url}/post/responses/200", "description"),
                ("/paths/~1a/post/callbacks/hook/{$request.body#~1url}/post/responses/200/headers/X-A", "schema"),
                ("/components/responses/NotFound", "description"),
                ("/components/responses/NotFound/content/multipart~1form-data/encoding/file/headers/X-B", "schema"),
                ("/components/headers/H", "schema"),
                ("/components/links/L", "operationId"),
                ("/components/securitySchemes/OAuth/flows/clientCredentials", "scopes"),
            ]
            .map(|(p, k)| (p.to_string(), k.to_string()))
        );
    }

    #[test]
    fn the_filled_copy_fits_the_typed_shape() {
        let mut doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "T"},
            "paths": {"/a": {"get": {
                "parameters": [{"name": "p", "in": "path", "required": true}],
                "responses": {"200": {"headers": {"X-A": {}}}},
                "callbacks": {"shared": {"$ref": "#/components/callbacks/Hook"}}
            }, "put": {}}},
            "components": {"callbacks": {"Hook": {}}}
        });
        assert!(<openapiv3::OpenAPI as serde::Deserialize>::deserialize(&doc).is_err());
        let found = fills(&doc, false);
        // The reference callback is valid OpenAPI: filled for the typed shape, not reported.
        assert!(found.iter().any(|d| d.key == "shared" && d.finding.is_none()));
        fill(&mut doc, &found);
        <openapiv3::OpenAPI as serde::Deserialize>::deserialize(&doc).expect("the filled copy fits");
        assert_eq!(doc["paths"]["/a"]["get"]["parameters"][0]["schema"], json!({"type": "string"}));
        assert_eq!(doc["paths"]["/a"]["put"]["responses"], json!({}));
        assert_eq!(doc["info"]["version"], "");
    }

    #[test]
    fn paths_are_optional_in_31_only() {
        let doc = json!({"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "webhooks": {}});
        assert!(findings(&doc, true).is_empty());
        assert_eq!(findings(&doc, false), [("".to_string(), "paths".to_string())]);
        assert_eq!(fills(&doc, true)[0].value, json!({}));
    }
}
