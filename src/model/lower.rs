//! Builds the [`Api`] from a loaded document (OpenAPI 3.0 §4.8: Paths,
//! Path Item, Operation, Parameter, Request Body, Responses, Security).
//! References to components are resolved; every node keeps its pointer.

use serde_json::{Map, Value};

use super::conventions::{Conventions, Pagination};
use super::schema::{constraints, extensions, SchemaLowerer};
use super::types::{Primitive, TypeRef};
use super::{
    Annotations, Api, Header, Media, Method, Operation, ParamLocation, Parameter, RateLimit, RequestBody, Response,
    SchemeKind, SecurityScheme, Stability, Tag, Webhook, WebhookSource,
};
use crate::load::refs::local_target;
use crate::load::tree::{child, lookup};
use crate::load::Document;

/// Lowers a loaded document under the given conventions (the document's
/// root `x-apigen` is applied over them), leaving out [`Document::dropped`] parts.
/// Returns `None` when the document is not usable: it did not parse, or its
/// shape check found no usable typed form (see [`Document::fits_shape`]).
pub fn lower(doc: &Document, conventions: &Conventions) -> Option<Api> {
    lower_with(doc, conventions, false)
}

/// [`lower`] for code generation: inline schemas written identically become one type
/// (see `SchemaLowerer::merge_identical`), so generated code holds no duplicate types.
/// The rules use [`lower`], which keeps a type per place.
///
/// A security scheme no client could send (its header or cookie name, or its `http`
/// scheme, is not an HTTP token: `oas-scheme-name`) is left out, with a note in
/// [`Api::left_out`]; operations keep naming it, as they may name any undeclared scheme.
pub fn lower_for_code(doc: &Document, conventions: &Conventions) -> Option<Api> {
    let mut api = lower_with(doc, conventions, true)?;
    let (kept, unsendable): (Vec<_>, Vec<_>) =
        std::mem::take(&mut api.security_schemes).into_iter().partition(|s| s.is_sendable());
    api.security_schemes = kept;
    for s in unsendable {
        let Some((key, what, name)) = s.wire_name() else { continue };
        let why = format!(
            "security scheme '{}' is left out: its {what} '{}' is not an HTTP token, so no client can send it",
            crate::text::one_line(&s.name),
            crate::text::one_line(name)
        );
        api.left_out.push((child(&s.pointer, key), why));
    }
    Some(api)
}

fn lower_with(doc: &Document, conventions: &Conventions, merge_identical: bool) -> Option<Api> {
    if !doc.usable || (doc.shape_checked && !doc.fits_shape) {
        return None;
    }
    let root = &doc.root;
    let mut conventions = conventions.clone();
    let convention_errors = match root.get("x-apigen") {
        Some(x) => conventions
            .overlay(x)
            .into_iter()
            .map(|(key, message)| {
                let pointer = if key.is_empty() { "/x-apigen".to_string() } else { child("/x-apigen", &key) };
                (pointer, message)
            })
            .collect(),
        None => Vec::new(),
    };
    // FastAPI's validation error body stands for the error schema when the document has none
    // of the configured name (FastAPI documents `HTTPValidationError` on every 422).
    let has_schema = |name: &str| root.pointer(&format!("/components/schemas/{name}")).is_some();
    if !has_schema(&conventions.error_schema) && has_schema("HTTPValidationError") {
        conventions.error_schema = "HTTPValidationError".into();
    }
    let mut schemas = SchemaLowerer::new(root);
    if merge_identical {
        schemas.merge_identical();
    }
    schemas.lower_components(&doc.dropped);
    let mut lowerer = Lowerer { root, schemas, conventions: &conventions };
    let operations = lowerer.operations(&doc.dropped);
    // Generators send and receive webhooks: their payload schemas are types of the code too.
    let webhooks = lowerer.webhooks(&doc.dropped, &operations);
    let info = root.get("info");
    let text = |v: Option<&Value>, k: &str| v.and_then(|v| v.get(k)).and_then(Value::as_str).map(str::to_string);
    Some(Api {
        title: text(info, "title").unwrap_or_default(),
        version: text(info, "version").unwrap_or_default(),
        description: text(info, "description"),
        servers: root
            .get("servers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|s| s.get("url").and_then(Value::as_str).map(str::to_string))
            .collect(),
        security_schemes: security_schemes(root),
        tags: root
            .get("tags")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| Some(Tag { name: text(Some(t), "name")?, description: text(Some(t), "description") }))
            .collect(),
        operations,
        webhooks,
        types: lowerer.schemas.finish(),
        conventions,
        convention_errors,
        left_out: Vec::new(),
    })
}

struct Lowerer<'d, 'c> {
    root: &'d Value,
    schemas: SchemaLowerer<'d>,
    conventions: &'c Conventions,
}

/// Follows `$ref`s from a node to the object it names: (pointer, object).
fn resolve<'d>(root: &'d Value, node: &'d Value, pointer: &str) -> Option<(String, &'d Map<String, Value>)> {
    let (mut pointer, mut node) = (pointer.to_string(), node);
    for _ in 0..32 {
        let map = node.as_object()?;
        match map.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                pointer = local_target(r)?;
                node = lookup(root, &pointer)?;
            }
            None => return Some((pointer, map)),
        }
    }
    None
}

/// An object with no members, for an empty YAML node that stands for one.
fn empty_map() -> &'static Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Map::new)
}

fn text(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_string)
}

/// `N` of a leading `/api/vN/` (or `/vN/`) prefix.
pub(crate) fn path_version(path: &str) -> Option<u32> {
    let mut segments = path.trim_start_matches('/').split('/');
    let first = segments.next()?;
    let v = if first == "api" { segments.next()? } else { first };
    v.strip_prefix('v')?.parse().ok()
}

impl<'d> Lowerer<'d, '_> {
    fn operations(&mut self, dropped: &[String]) -> Vec<Operation> {
        let mut out = Vec::new();
        let Some(Value::Object(paths)) = self.root.get("paths") else { return out };
        let global_security = self.root.get("security").map(security_requirements);
        for (path, item) in paths {
            let item_ptr = child("/paths", path);
            if dropped.contains(&item_ptr) {
                continue;
            }
            let Some((resolved_item_ptr, item)) = resolve(self.root, item, &item_ptr) else { continue };
            let shared: Vec<(String, &Value)> = params_list(item, &resolved_item_ptr);
            for method in Method::ALL {
                let Some(op) = item.get(method.as_str()).and_then(Value::as_object) else { continue };
                let pointer = child(&resolved_item_ptr, method.as_str());
                if dropped.contains(&pointer) {
                    continue;
                }
                out.push(self.operation(path, method, op, &pointer, &shared, global_security.clone()));
            }
        }
        out
    }

    /// The requests the API sends: 3.1 `webhooks`, `x-webhooks`, then each operation's
    /// callbacks (a callback `$ref` to `components/callbacks` is followed).
    fn webhooks(&mut self, dropped: &[String], operations: &[Operation]) -> Vec<Webhook> {
        let mut out = Vec::new();
        for (key, source) in [("webhooks", WebhookSource::Webhooks), ("x-webhooks", WebhookSource::XWebhooks)] {
            let Some(Value::Object(items)) = self.root.get(key) else { continue };
            for (name, item) in items {
                let item_ptr = child(&format!("/{key}"), name);
                for operation in self.path_item(name, item, &item_ptr, dropped) {
                    out.push(Webhook { name: name.clone(), source: source.clone(), operation });
                }
            }
        }
        for op in operations {
            let Some(Value::Object(callbacks)) = lookup(self.root, &op.pointer).and_then(|o| o.get("callbacks")) else { continue };
            let callbacks_ptr = child(&op.pointer, "callbacks");
            for (name, node) in callbacks {
                let Some((callback_ptr, callback)) = resolve(self.root, node, &child(&callbacks_ptr, name)) else { continue };
                for (expression, item) in callback.iter().filter(|(k, _)| !k.starts_with("x-")) {
                    let item_ptr = child(&callback_ptr, expression);
                    for operation in self.path_item(expression, item, &item_ptr, dropped) {
                        let source = WebhookSource::Callback { operation: op.label() };
                        out.push(Webhook { name: name.clone(), source, operation });
                    }
                }
            }
        }
        out
    }

    /// The operations of a path item that is not under `paths` (a webhook's or a callback's):
    /// `path` stands for the path template; only their own `security` applies.
    fn path_item(&mut self, path: &str, item: &'d Value, item_ptr: &str, dropped: &[String]) -> Vec<Operation> {
        if dropped.iter().any(|d| d == item_ptr) {
            return Vec::new();
        }
        let Some((resolved_ptr, item)) = resolve(self.root, item, item_ptr) else { return Vec::new() };
        let shared = params_list(item, &resolved_ptr);
        let mut out = Vec::new();
        for method in Method::ALL {
            let Some(op) = item.get(method.as_str()).and_then(Value::as_object) else { continue };
            let pointer = child(&resolved_ptr, method.as_str());
            if !dropped.contains(&pointer) {
                out.push(self.operation(path, method, op, &pointer, &shared, None));
            }
        }
        out
    }

    fn operation(
        &mut self,
        path: &str,
        method: Method,
        op: &'d Map<String, Value>,
        pointer: &str,
        shared: &[(String, &'d Value)],
        global_security: Option<Vec<Vec<String>>>,
    ) -> Operation {
        let id_declared = op.get("operationId").and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty());
        let id = if id_declared { text(op, "operationId").unwrap_or_default() } else { derive_operation_id(method, path) };
        let tags: Vec<String> = op.get("tags").and_then(Value::as_array).into_iter().flatten().filter_map(|t| t.as_str().map(str::to_string)).collect();
        let version = path_version(path);
        let resource = tags.first().cloned().unwrap_or_else(|| resource_of(path));
        let code_name = if id_declared { super::code_name(&id, path, method) } else { id.as_str() };
        let type_hint = heck::ToUpperCamelCase::to_upper_camel_case(code_name);

        let mut parameters: Vec<Parameter> = Vec::new();
        let own = params_list(op, pointer);
        for (param_ptr, node) in shared.iter().cloned().chain(own) {
            let Some(param) = self.parameter(node, &param_ptr, &type_hint) else { continue };
            match parameters.iter_mut().find(|p| p.name == param.name && p.location == param.location) {
                Some(existing) => *existing = param,
                None => parameters.push(param),
            }
        }
        let request_body = op.get("requestBody").and_then(|node| {
            let (body_ptr, body) = resolve(self.root, node, &child(pointer, "requestBody"))?;
            Some(RequestBody {
                required: body.get("required").and_then(Value::as_bool).unwrap_or(false),
                description: text(body, "description"),
                content: self.content(body, &body_ptr, &format!("{type_hint}Request")),
                pointer: body_ptr,
            })
        });
        let responses = self.responses(op, pointer, &type_hint);
        let security = op.get("security").map(security_requirements).or(global_security);
        let mut annotations = annotations(op, pointer);
        let is_list = method == Method::Get && self.returns_collection(&responses);
        if !annotations.pagination_off && annotations.pagination.is_none() && is_list {
            annotations.pagination = Some(self.conventions.pagination);
        }
        if !is_list && op.get("x-pagination").is_none() {
            annotations.pagination = None;
        }
        Operation {
            id,
            id_declared,
            method,
            path: path.to_string(),
            pointer: pointer.to_string(),
            version,
            resource,
            tags,
            summary: text(op, "summary"),
            description: text(op, "description"),
            deprecated: op.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
            parameters,
            request_body,
            responses,
            security,
            annotations,
            extensions: extensions(op),
        }
    }

    /// An operation's `responses`, in document order (`x-` keys and unresolved references
    /// left out); their inline schemas are named from `type_hint` and the status
    /// (`CreateOrder201Response`).
    fn responses(&mut self, op: &'d Map<String, Value>, pointer: &str, type_hint: &str) -> Vec<Response> {
        let mut responses = Vec::new();
        let Some(Value::Object(map)) = op.get("responses") else { return responses };
        for (status, node) in map {
            if status.starts_with("x-") {
                continue;
            }
            let use_ptr = child(&child(pointer, "responses"), status);
            // An empty YAML node (`'204':` with nothing below) is a response with no description.
            let resolved = if node.is_null() { Some((use_ptr.clone(), empty_map())) } else { resolve(self.root, node, &use_ptr) };
            let Some((resp_ptr, resp)) = resolved else { continue };
            let hint = format!("{type_hint}{}Response", status.to_ascii_uppercase());
            let content = self.content(resp, &resp_ptr, &hint);
            let headers = self.headers(resp, &resp_ptr, &hint);
            responses.push(Response {
                status: status.clone(),
                description: text(resp, "description").unwrap_or_default(),
                content,
                headers,
                pointer: resp_ptr,
                use_pointer: use_ptr,
            });
        }
        responses
    }

    /// Whether the 200 response body is a collection: a JSON array, or an
    /// object whose `items` or `data` member is an array.
    fn returns_collection(&self, responses: &[Response]) -> bool {
        let Some(body) = responses.iter().find(|r| r.status == "200").and_then(Response::json) else { return false };
        collection_item(self.schemas.graph(), &body.ty).is_some()
    }

    fn parameter(&mut self, node: &'d Value, pointer: &str, hint: &str) -> Option<Parameter> {
        let (pointer, map) = resolve(self.root, node, pointer)?;
        let name = text(map, "name")?;
        let location = match map.get("in").and_then(Value::as_str)? {
            "path" => ParamLocation::Path,
            "query" => ParamLocation::Query,
            "header" => ParamLocation::Header,
            "cookie" => ParamLocation::Cookie,
            _ => return None,
        };
        let (schema_ptr, schema) = match map.get("schema") {
            Some(s) => (child(&pointer, "schema"), Some(s)),
            None => match map.get("content").and_then(Value::as_object).and_then(|c| c.iter().next()) {
                Some((ct, media)) => (child(&child(&child(&pointer, "content"), ct), "schema"), media.get("schema")),
                None => (pointer.clone(), None),
            },
        };
        let param_hint = format!("{hint}_{name}");
        // A parameter OpenAPI says nothing of (no `schema` and no media type,
        // `oas-required-field`) is text on the wire: a string.
        let ty = match (schema, map.contains_key("schema") || map.contains_key("content")) {
            (Some(s), _) => self.schemas.lower(s, &schema_ptr, &param_hint),
            (None, true) => TypeRef::Any,
            (None, false) => TypeRef::Primitive(Primitive::String),
        };
        let resolved = schema.and_then(|s| resolve(self.root, s, &schema_ptr)).map(|(_, m)| m.clone()).unwrap_or_default();
        let style = text(map, "style");
        let form = matches!(location, ParamLocation::Query | ParamLocation::Cookie) && style.as_deref().is_none_or(|s| s == "form");
        Some(Parameter {
            required: location == ParamLocation::Path || map.get("required").and_then(Value::as_bool).unwrap_or(false),
            description: text(map, "description"),
            deprecated: map.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
            ty,
            constraints: constraints(&resolved),
            default: resolved.get("default").cloned(),
            explode: map.get("explode").and_then(Value::as_bool).unwrap_or(form),
            style,
            example: map.get("example").or(resolved.get("example")).cloned(),
            name,
            location,
            pointer,
        })
    }

    fn content(&mut self, owner: &'d Map<String, Value>, pointer: &str, hint: &str) -> Vec<Media> {
        let Some(Value::Object(content)) = owner.get("content") else { return Vec::new() };
        let several = content.len() > 1;
        content
            .iter()
            .map(|(content_type, media)| {
                let media_ptr = child(&child(pointer, "content"), content_type);
                let media_hint = if several && !content_type.contains("json") { format!("{hint}_{}", content_type.replace(['/', '+', '.'], "_")) } else { hint.to_string() };
                let ty = media.get("schema").map_or(TypeRef::Any, |s| self.schemas.lower(s, &child(&media_ptr, "schema"), &media_hint));
                Media { content_type: content_type.clone(), ty, example: media.get("example").cloned(), pointer: media_ptr }
            })
            .collect()
    }

    fn headers(&mut self, owner: &'d Map<String, Value>, pointer: &str, hint: &str) -> Vec<Header> {
        let Some(Value::Object(headers)) = owner.get("headers") else { return Vec::new() };
        let mut out = Vec::new();
        for (name, node) in headers {
            let Some((header_ptr, header)) = resolve(self.root, node, &child(&child(pointer, "headers"), name)) else { continue };
            let ty = match header.get("schema") {
                Some(s) => self.schemas.lower(s, &child(&header_ptr, "schema"), &format!("{hint}_{name}")),
                // Neither `schema` nor `content` (`oas-required-field`): header text, a string.
                None if !header.contains_key("content") => TypeRef::Primitive(Primitive::String),
                None => TypeRef::Any,
            };
            out.push(Header {
                name: name.clone(),
                required: header.get("required").and_then(Value::as_bool).unwrap_or(false),
                description: text(header, "description"),
                ty,
                pointer: header_ptr,
            });
        }
        out
    }
}

/// The item type of a collection body: a JSON array's items, or those of an
/// `items`/`data` array member of an object (docs/standard.md §6 Pagination, filtering and sorting).
pub fn collection_item(graph: &super::types::TypeGraph, ty: &TypeRef) -> Option<TypeRef> {
    match graph.unalias(ty) {
        TypeRef::List(item) => Some((**item).clone()),
        named @ TypeRef::Named(_) => {
            let fields = graph.fields(named)?;
            fields.iter().filter(|f| f.name == "items" || f.name == "data").find_map(|f| match graph.unalias(&f.ty) {
                TypeRef::List(item) => Some((**item).clone()),
                _ => None,
            })
        }
        _ => None,
    }
}

fn params_list<'d>(owner: &'d Map<String, Value>, pointer: &str) -> Vec<(String, &'d Value)> {
    owner
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| (child(&child(pointer, "parameters"), &i.to_string()), p))
        .collect()
}

/// `security` as alternatives of scheme-name lists.
fn security_requirements(value: &Value) -> Vec<Vec<String>> {
    value.as_array().into_iter().flatten().filter_map(|req| Some(req.as_object()?.keys().cloned().collect())).collect()
}

fn security_schemes(root: &Value) -> Vec<SecurityScheme> {
    let Some(Value::Object(schemes)) = lookup(root, "/components/securitySchemes") else { return Vec::new() };
    schemes
        .iter()
        .filter_map(|(name, node)| {
            let (pointer, s) = resolve(root, node, &child("/components/securitySchemes", name))?;
            let kind = match s.get("type").and_then(Value::as_str).unwrap_or("") {
                "apiKey" => SchemeKind::ApiKey { location: text(s, "in").unwrap_or_default(), name: text(s, "name").unwrap_or_default() },
                "http" => match text(s, "scheme").unwrap_or_default().to_ascii_lowercase().as_str() {
                    "bearer" => SchemeKind::Bearer { format: text(s, "bearerFormat") },
                    "basic" => SchemeKind::Basic,
                    other => SchemeKind::OtherHttp(other.to_string()),
                },
                "oauth2" => SchemeKind::OAuth2,
                "openIdConnect" => SchemeKind::OpenIdConnect,
                other => SchemeKind::Other(other.to_string()),
            };
            Some(SecurityScheme { name: name.clone(), kind, description: text(s, "description"), pointer })
        })
        .collect()
}

/// `{method}_{path segments}` in snake_case, e.g. `get_api_v1_orders_by_order_id`.
fn derive_operation_id(method: Method, path: &str) -> String {
    let mut id = method.as_str().to_string();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let by = segment.starts_with('{');
        let name = heck::ToSnakeCase::to_snake_case(segment.trim_matches(['{', '}']));
        if name.is_empty() {
            continue;
        }
        id.push_str(if by { "_by_" } else { "_" });
        id.push_str(&name);
    }
    id
}

/// The first literal path segment after an `/api/vN` prefix.
fn resource_of(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let skip = match segments.as_slice() {
        ["api", v, ..] if v.starts_with('v') && v[1..].chars().all(|c| c.is_ascii_digit()) => 2,
        [v, ..] if v.starts_with('v') && v.len() > 1 && v[1..].chars().all(|c| c.is_ascii_digit()) => 1,
        ["api", ..] => 1,
        _ => 0,
    };
    segments.iter().skip(skip).find(|s| !s.starts_with('{')).map_or_else(|| "default".to_string(), |s| s.to_string())
}

/// Reads the operation annotations (docs/configuration.md); unreadable values go to `invalid`.
fn annotations(op: &Map<String, Value>, pointer: &str) -> Annotations {
    let mut a = Annotations::default();
    let mut invalid = Vec::new();
    let ptr = |key: &str| child(pointer, key);
    match op.get("x-pagination") {
        None => {}
        Some(Value::String(s)) if s == "none" => a.pagination_off = true,
        Some(Value::String(s)) => match Pagination::parse(s) {
            Some(p) => a.pagination = Some(p),
            None => invalid.push((ptr("x-pagination"), format!("x-pagination '{s}' is not one of page, offset, skip, cursor, none"))),
        },
        Some(v) => invalid.push((ptr("x-pagination"), format!("x-pagination must be a string, not {v}"))),
    }
    match op.get("x-rate-limit") {
        None => {}
        Some(v) => match v.as_str().and_then(parse_rate_limit) {
            Some(r) => a.rate_limit = Some(r),
            None => invalid.push((ptr("x-rate-limit"), format!("x-rate-limit {v} is not of the form \"100/minute\" (second, minute, hour, day)"))),
        },
    }
    for (key, slot) in [("x-idempotent", &mut a.idempotent), ("x-audit", &mut a.audit)] {
        match op.get(key) {
            None => {}
            Some(Value::Bool(b)) => *slot = *b,
            Some(v) => invalid.push((ptr(key), format!("{key} must be true or false, not {v}"))),
        }
    }
    match op.get("x-permissions") {
        None => {}
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
            a.permissions = items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
        }
        Some(v) => invalid.push((ptr("x-permissions"), format!("x-permissions must be a list of strings, not {v}"))),
    }
    match op.get("x-sunset") {
        None => {}
        Some(v) => match v.as_str().and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) {
            Some(d) => a.sunset = Some(d),
            None => invalid.push((ptr("x-sunset"), format!("x-sunset {v} is not a date (YYYY-MM-DD)"))),
        },
    }
    match op.get("x-stability-level") {
        None => {}
        Some(v) => match v.as_str().and_then(Stability::parse) {
            Some(level) => a.stability = Some(level),
            None => invalid.push((ptr("x-stability-level"), format!("x-stability-level {v} is not one of draft, alpha, beta, stable"))),
        },
    }
    a.invalid = invalid;
    a
}

/// Parses `"100/minute"` (also `100/min`, `100/s`, `100 per hour`).
pub(crate) fn parse_rate_limit(s: &str) -> Option<RateLimit> {
    let (count, unit) = s.split_once('/').or_else(|| s.split_once(" per "))?;
    let requests = count.trim().parse().ok()?;
    let per_seconds = match unit.trim() {
        "s" | "sec" | "second" => 1,
        "m" | "min" | "minute" => 60,
        "h" | "hour" => 3600,
        "d" | "day" => 86400,
        _ => return None,
    };
    Some(RateLimit { requests, per_seconds })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_ids_versions_and_resources() {
        assert_eq!(derive_operation_id(Method::Get, "/api/v1/orders/{orderId}"), "get_api_v1_orders_by_order_id");
        assert_eq!(path_version("/api/v2/projects"), Some(2));
        assert_eq!(path_version("/v3/x"), Some(3));
        assert_eq!(path_version("/health"), None);
        assert_eq!(resource_of("/api/v1/orders/{id}/items"), "orders");
        assert_eq!(parse_rate_limit("100/minute"), Some(RateLimit { requests: 100, per_seconds: 60 }));
        assert_eq!(parse_rate_limit("lots"), None);
    }

    fn lowered(yaml: &str) -> Api {
        let doc = crate::load::Document::from_bytes(std::path::Path::new("t.yaml"), yaml.as_bytes().to_vec());
        lower(&doc, &crate::model::Conventions::default()).expect("lowers")
    }

    /// A path item sending an event (a delivery header and a JSON payload), indented by `n` spaces.
    fn event(method: &str, n: usize) -> String {
        let lines = [
            &format!("{method}:"),
            "  operationId: order_created",
            "  parameters: [{name: X-Hub-Event-ID, in: header, required: true, schema: {type: string}}]",
            "  requestBody:",
            "    content:",
            "      application/json:",
            "        schema: {type: object, required: [event_id], properties: {event_id: {type: string}}}",
            "  responses: {'204': {description: ok}}",
        ];
        lines.iter().map(|l| format!("{}{l}\n", " ".repeat(n))).collect()
    }

    #[test]
    fn webhooks_of_3_1_are_operations_the_api_sends() {
        let yaml = format!("openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\nsecurity: [{{key: []}}]\npaths: {{}}\nwebhooks:\n  order.created:\n{}", event("post", 4));
        let api = lowered(&yaml);
        assert!(api.operations.is_empty());
        let [w] = api.webhooks.as_slice() else { panic!("{:?}", api.webhooks) };
        assert_eq!((w.name.as_str(), &w.source), ("order.created", &WebhookSource::Webhooks));
        assert_eq!(w.label(), "webhook order.created (POST)");
        assert_eq!(w.operation.pointer, "/webhooks/order.created/post");
        assert_eq!(w.operation.id, "order_created");
        assert_eq!(w.operation.parameters[0].name, "X-Hub-Event-ID");
        let payload = w.payload().expect("a JSON payload");
        assert_eq!(api.types.fields(&payload.ty).map(|f| f[0].name.as_str()), Some("event_id"));
        // The document's security is for requests the API receives, not for those it sends.
        assert_eq!(w.operation.security, None);
        // Generation sends and receives them: lowered for code too.
        let doc = crate::load::Document::from_bytes(std::path::Path::new("t.yaml"), yaml.into_bytes());
        assert_eq!(lower_for_code(&doc, &crate::model::Conventions::default()).unwrap().webhooks.len(), 1);
    }

    #[test]
    fn x_webhooks_and_callbacks_of_3_0_are_webhooks() {
        // A callback declared inline and one through `components/callbacks`; GitHub's `x-webhooks`.
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /hooks:\n    post:\n      operationId: create_hook\n      responses: {{'201': {{description: ok}}}}\n      callbacks:\n        inline:\n          '{{$request.body#/url}}':\n{}        shared: {{$ref: '#/components/callbacks/Shared'}}\nx-webhooks:\n  ping:\n{}components:\n  callbacks:\n    Shared:\n      '{{$request.body#/other}}':\n{}",
            event("post", 12),
            event("post", 4),
            event("get", 8),
        );
        let api = lowered(&yaml);
        assert_eq!(api.operations.len(), 1);
        let labels: Vec<String> = api.webhooks.iter().map(Webhook::label).collect();
        assert_eq!(labels, ["webhook ping (POST)", "callback inline of POST /hooks (POST)", "callback shared of POST /hooks (GET)"]);
        let pointers: Vec<&str> = api.webhooks.iter().map(|w| w.operation.pointer.as_str()).collect();
        assert_eq!(pointers, ["/x-webhooks/ping/post", "/paths/~1hooks/post/callbacks/inline/{$request.body#~1url}/post", "/components/callbacks/Shared/{$request.body#~1other}/get"]);
        assert_eq!(api.webhooks[1].operation.path, "{$request.body#/url}");
        assert!(api.webhooks.iter().all(|w| w.payload().is_some()));
        assert_eq!(api.all_operations().count(), 4);
    }

    #[test]
    fn fastapi_default_operation_ids_give_function_names() {
        let yaml = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /items/{item_id}:\n    get: {operationId: read_item_items__item_id__get, responses: {'200': {description: ok}}}\n    put: {operationId: replace_item, responses: {'200': {description: ok}}}\n  /items/:\n    post: {operationId: create_item_items__post, responses: {'200': {description: ok}}}\n    get: {responses: {'200': {description: ok}}}\n";
        let doc = crate::load::Document::from_bytes(std::path::Path::new("t.yaml"), yaml.as_bytes().to_vec());
        let api = lower(&doc, &crate::model::Conventions::default()).expect("lowers");
        let names: Vec<&str> = api.operations.iter().map(Operation::code_name).collect();
        assert_eq!(names, ["read_item", "replace_item", "get_items", "create_item"]);
    }
}
