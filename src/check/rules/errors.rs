//! Errors: every 4xx/5xx response carries the one error body of the
//! conventions, that body has the standard shape, and operations document the
//! errors they can produce (docs/standard.md §5 Errors).

use std::collections::{HashMap, HashSet};

use heck::ToShoutySnakeCase;
use serde_json::Value;

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::load::refs::local_target;
use crate::load::tree::{child, tokens};
use crate::model::is_status_range;
use crate::model::{Field, Method, Operation, ParamLocation, Primitive, Response, TypeGraph, TypeId, TypeKind, TypeRef};

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "error-schema",
        level: Level::Error,
        summary: "a 4xx/5xx response body is missing or is not the error schema",
        rationale: "Clients decode every failure the same way only if every 4xx and 5xx response (and `4XX`, `5XX`, `default`) carries the one error schema of the conventions (`error-schema`, default `Error`); generated clients put the decoded body and its request id into their typed error. An `allOf` that extends the error schema is accepted. Only HEAD responses, which have no body, are exempt; the error schema under a non-JSON media type (`*/*`) is `content-type-json`'s finding alone.",
        source: "docs/standard.md §5 Errors",
        bad: "'404':\n  description: Not found\n  content:\n    application/json:\n      schema: {type: object, properties: {msg: {type: string}}}",
        good: "'404':\n  description: Not found\n  content:\n    application/json:\n      schema: {$ref: '#/components/schemas/Error'}",
        check: Check::Model(error_schema),
    },
    Rule {
        id: "error-schema-shape",
        level: Level::Error,
        summary: "the error schema lacks `code`, `message`, `details[{field, message}]` or `request_id`",
        rationale: "The error body is a contract: `code` for programs, `message` for people, `details` to point at the offending fields, `request_id` to find the failure in the logs. Flat `{code, message, details, request_id}` and the same members wrapped in an `error` object (with `request_id` inside, at the top or in `metadata`) are both accepted; detail items may say `issue` instead of `message`.",
        source: "docs/standard.md §5 Errors",
        bad: "Error:\n  type: object\n  properties:\n    error: {type: string}\n    message: {type: string}",
        good: "Error:\n  type: object\n  required: [code, message, details, request_id]\n  properties:\n    code: {type: string, example: VALIDATION_ERROR}\n    message: {type: string}\n    details:\n      type: array\n      items:\n        type: object\n        required: [field, message]\n        properties:\n          field: {type: string}\n          message: {type: string}\n    request_id: {type: string}",
        check: Check::Model(error_schema_shape),
    },
    Rule {
        id: "error-responses",
        level: Level::Warn,
        summary: "an operation does not document an error it can produce (400/422, 401, 403, 404, 429, 500)",
        rationale: "Generated clients and servers only know the documented outcomes. An operation that takes input can fail validation (400 or 422), one under a path parameter can miss (404), a secured one can be refused (401), one with `x-permissions` can be forbidden (403), a rate-limited one can be throttled (429), and any can fail (500). `4XX` covers the 4xx codes; `5XX` and `default` cover 500.",
        source: "docs/standard.md §5 Errors",
        bad: "/api/v1/orders/{order_id}:\n  get:\n    security: [{BearerAuth: []}]\n    responses:\n      '200': {$ref: '#/components/responses/Order'}",
        good: "/api/v1/orders/{order_id}:\n  get:\n    security: [{BearerAuth: []}]\n    responses:\n      '200': {$ref: '#/components/responses/Order'}\n      '400': {$ref: '#/components/responses/BadRequest'}\n      '401': {$ref: '#/components/responses/Unauthorized'}\n      '404': {$ref: '#/components/responses/NotFound'}\n      '500': {$ref: '#/components/responses/InternalError'}",
        check: Check::Model(error_responses),
    },
    Rule {
        id: "error-code-format",
        level: Level::Info,
        summary: "an error code is not UPPER_SNAKE_CASE",
        rationale: "Error codes are for programs: clients switch on them, and one spelling across the API keeps that reliable. The standards write them in UPPER_SNAKE_CASE (`VALIDATION_ERROR`). Checked: the `enum` and `example` of the error schema's `code`, the error schema's example, and the examples of 4xx/5xx bodies.",
        source: "docs/standard.md §5 Errors",
        bad: "code:\n  type: string\n  enum: [validation_error, NotFound]",
        good: "code:\n  type: string\n  enum: [VALIDATION_ERROR, NOT_FOUND]",
        check: Check::Model(error_code_format),
    },
];

/// The shape the error schema should have, for help texts.
const EXPECTED_SHAPE: &str = "{type: object, required: [code, message, details, request_id], properties: {code: {type: string, example: VALIDATION_ERROR}, message: {type: string}, details: {type: array, items: {type: object, required: [field, message], properties: {field: {type: string}, message: {type: string}}}}, request_id: {type: string}}}";



/// 4xx, 5xx, `4XX`, `5XX` or `default`.
fn is_error_status(status: &str) -> bool {
    status == "default"
        || is_status_range(status, '4')
        || is_status_range(status, '5')
        || status.parse::<u16>().is_ok_and(|c| (400..600).contains(&c))
}

/// How to name a response in a message: its component when shared (so a shared
/// response gives one message), else the operation and status.
fn response_name(op: &Operation, r: &Response) -> String {
    match r.pointer.strip_prefix("/components/responses/") {
        Some(rest) if !rest.contains('/') => format!("response {}", tokens(&r.pointer).last().unwrap_or_default()),
        _ => format!("{} response {}", op.label(), r.status),
    }
}

/// A type, in words.
fn describe(graph: &TypeGraph, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => {
            let def = graph.get(*id);
            match (&def.component, &def.kind) {
                (Some(name), _) => format!("'{name}'"),
                (None, TypeKind::Alias(inner)) => describe(graph, inner),
                (None, TypeKind::Struct { .. }) => "an inline object".into(),
                (None, TypeKind::Enum { .. }) => "an enum".into(),
                (None, TypeKind::Union { .. }) => "a oneOf/anyOf union".into(),
            }
        }
        TypeRef::Primitive(p) => match p.json_type() {
            "integer" => "an integer".into(),
            other => format!("a {other}"),
        },
        TypeRef::List(_) => "an array".into(),
        TypeRef::Map(_) => "a map".into(),
        TypeRef::Any => "untyped".into(),
    }
}

/// Whether a type is (or may be) a string: string primitives, string enums, or untyped.
fn is_string(graph: &TypeGraph, ty: &TypeRef) -> bool {
    match graph.unalias(ty) {
        TypeRef::Primitive(p) => p.json_type() == "string",
        TypeRef::Named(id) => matches!(graph.get(*id).kind, TypeKind::Enum { base: Primitive::String, .. }),
        TypeRef::Any => true,
        _ => false,
    }
}

fn member<'g>(fields: &'g [Field], name: &str) -> Option<&'g Field> {
    fields.iter().find(|f| f.name == name)
}

/// The error schema, and what a body must carry to count as it.
struct ErrorSchema<'g> {
    /// The component, aliases followed.
    target: TypeRef,
    /// The members an extension (`allOf`) must keep: the required ones, else all; (name, required).
    members: Vec<(&'g str, bool)>,
}

impl<'g> ErrorSchema<'g> {
    fn new(graph: &'g TypeGraph, id: TypeId) -> Self {
        let start = TypeRef::Named(id);
        let target = graph.unalias(&start).clone();
        let fields = graph.fields(&start).unwrap_or_default();
        let mut members: Vec<(&str, bool)> = fields.iter().filter(|f| f.required).map(|f| (f.name.as_str(), true)).collect();
        if members.is_empty() {
            members = fields.iter().map(|f| (f.name.as_str(), false)).collect();
        }
        ErrorSchema { target, members }
    }

    /// The body is the error schema, an alias of it, or an `allOf` that extends it
    /// (keeps its members, required where the error schema requires them).
    fn matches(&self, ctx: &Context<'_>, ty: &TypeRef) -> bool {
        let graph = &ctx.api.types;
        let ty = graph.unalias(ty);
        if *ty == self.target {
            return true;
        }
        let TypeRef::Named(id) = ty else { return false };
        let is_all_of = ctx.raw(&graph.get(*id).pointer).is_some_and(|s| s.get("allOf").is_some());
        let Some(fields) = graph.fields(ty) else { return false };
        is_all_of
            && !self.members.is_empty()
            && self.members.iter().all(|(name, required)| member(fields, name).is_some_and(|f| f.required || !required))
    }
}

fn error_schema(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let name = &ctx.api.conventions.error_schema;
    // Without the component, error-schema-shape reports it once; bodies are not compared.
    let schema = graph.component(name).map(|id| ErrorSchema::new(graph, id));
    let content = format!("`content: {{application/json: {{schema: {{$ref: '#/components/schemas/{name}'}}}}}}`");
    let mut seen: HashSet<&str> = HashSet::new();
    for op in ctx.api.operations.iter().filter(|op| op.method != Method::Head) {
        for r in op.responses.iter().filter(|r| is_error_status(&r.status)) {
            if !seen.insert(r.pointer.as_str()) {
                continue;
            }
            let what = response_name(op, r);
            if r.content.is_empty() {
                sink.report(&r.pointer, format!("{what} documents no error body")).help(format!("add {content}"));
                continue;
            }
            let Some(schema) = &schema else { continue };
            let mut json = r.content.iter().filter(|m| m.is_json()).peekable();
            // The error schema under another media type (`*/*`): the media type is the one
            // defect, and `content-type-json` reports it.
            if json.peek().is_none() && r.content.iter().any(|m| schema.matches(ctx, &m.ty)) {
                continue;
            }
            if json.peek().is_none() {
                let types = r.content.iter().map(|m| m.content_type.as_str()).collect::<Vec<_>>().join(", ");
                sink.report(&r.pointer, format!("{what} has no JSON error body (only {types})")).help(format!("declare {content}"));
                continue;
            }
            // Blame the media type: a response may offer the error schema as `application/json`
            // and something else as `application/problem+json` (twitter).
            if let Some(m) = json.find(|m| !schema.matches(ctx, &m.ty)) {
                let media = &m.content_type;
                let message = match &m.ty {
                    TypeRef::Any => format!("{what} {media} body has no schema; expected the error schema '{name}'"),
                    ty => format!("{what} {media} body is {}, not the error schema '{name}'", describe(graph, ty)),
                };
                sink.report(&m.pointer, message).help(format!("use {content}; to add members, extend it with `allOf`"));
            }
        }
    }
}

/// Help text for a missing `details`, or one of the wrong shape.
const DETAILS_HELP: &str = "declare `details: {type: array, items: {type: object, required: [field, message], properties: {field: {type: string}, message: {type: string}}}}` (empty when no field is at fault)";

fn error_schema_shape(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let name = &ctx.api.conventions.error_schema;
    let at = child("/components/schemas", name);
    let Some(id) = graph.component(name) else {
        // Declared but not lowered (malformed): the structure rules report it.
        if ctx.raw(&at).is_some() {
            return;
        }
        if !ctx.api.operations.iter().any(|op| op.responses.iter().any(|r| is_error_status(&r.status))) {
            return;
        }
        let place = ["/components/schemas", "/components"].into_iter().find(|p| ctx.raw(p).is_some()).unwrap_or("");
        sink.report(place, format!("error schema '{name}' is not declared in components/schemas")).help(format!(
            "declare `{name}: {EXPECTED_SHAPE}` under components/schemas, or set `error-schema` in x-apigen to the schema the error responses use"
        ));
        return;
    };
    let Some(top) = graph.fields(&TypeRef::Named(id)) else {
        let kind = describe(graph, graph.unalias(&TypeRef::Named(id)));
        sink.report(&at, format!("error schema '{name}' is {kind}, not an object")).help(format!("declare `{name}: {EXPECTED_SHAPE}`"));
        return;
    };
    // `{error: {code, message, details}}` or flat (docs/standard.md §5 Errors).
    let wrapper = match member(top, "code") {
        Some(_) => None,
        None => member(top, "error").and_then(|f| graph.fields(&f.ty).map(|inner| (f, inner))),
    };
    let (body, body_at, prefix) = match wrapper {
        Some((f, inner)) => (inner, f.pointer.as_str(), "error."),
        None => (top, at.as_str(), ""),
    };
    for (key, purpose) in [("code", "machine-readable code in UPPER_SNAKE_CASE, e.g. VALIDATION_ERROR"), ("message", "human-readable summary")] {
        match member(body, key) {
            None => {
                let flat_error_string = wrapper.is_none() && member(top, "error").is_some_and(|f| is_string(graph, &f.ty));
                let help = if key == "code" && flat_error_string {
                    "rename the string member `error` to `code` (the conventions call it `code`)".to_string()
                } else {
                    format!("add `{key}: {{type: string}}`: the {purpose}")
                };
                sink.report(body_at, format!("error schema '{name}' has no '{prefix}{key}' member")).help(help);
            }
            Some(f) if !is_string(graph, &f.ty) => {
                sink.report(&f.pointer, format!("error schema '{name}' member '{prefix}{key}' is {}, not a string", describe(graph, &f.ty)))
                    .help(format!("declare `{key}: {{type: string}}`: the {purpose}"));
            }
            Some(_) => {}
        }
    }
    match member(body, "details") {
        None => {
            sink.report(body_at, format!("error schema '{name}' has no '{prefix}details' member")).help(DETAILS_HELP);
        }
        Some(f) => details_shape(graph, name, prefix, f, sink),
    }
    let in_metadata = || member(top, "metadata").and_then(|m| graph.fields(&m.ty)).is_some_and(|m| member(m, "request_id").is_some());
    let has_id = member(body, "request_id").is_some() || (wrapper.is_some() && (member(top, "request_id").is_some() || in_metadata()));
    if !has_id {
        let help = match wrapper {
            Some(_) => "add `request_id: {type: string}` to the `error` object, the top level or a `metadata` object: the X-Request-ID of the failed request",
            None => "add `request_id: {type: string}`: the X-Request-ID of the failed request (docs/standard.md §5 Errors)",
        };
        sink.report(&at, format!("error schema '{name}' has no 'request_id' member")).help(help);
    }
}

/// `details` is an array of `{field, message}` (or `{field, issue}`) objects.
fn details_shape(graph: &TypeGraph, name: &str, prefix: &str, details: &Field, sink: &mut Sink) {
    let item = match graph.unalias(&details.ty) {
        TypeRef::List(item) => item,
        other => {
            sink.report(&details.pointer, format!("error schema '{name}' member '{prefix}details' is {}, not an array", describe(graph, other)))
                .help(DETAILS_HELP);
            return;
        }
    };
    let Some(fields) = graph.fields(item) else {
        sink.report(&details.pointer, format!("error schema '{name}' member '{prefix}details' is not an array of objects with 'field' and 'message'"))
            .help(DETAILS_HELP);
        return;
    };
    if member(fields, "field").is_none() {
        sink.report(&details.pointer, format!("error schema '{name}' member '{prefix}details' has items without 'field'"))
            .help("add `field: {type: string}` to the items: the offending field or parameter");
    }
    if member(fields, "message").is_none() && member(fields, "issue").is_none() {
        sink.report(&details.pointer, format!("error schema '{name}' member '{prefix}details' has items without 'message' (or 'issue')"))
            .help("add `message: {type: string}` to the items: what is wrong with the field");
    }
}

fn error_responses(ctx: &Context<'_>, sink: &mut Sink) {
    // A shared response already used for each status, to suggest in the help.
    let mut shared: HashMap<&str, &str> = HashMap::new();
    for r in ctx.api.operations.iter().flat_map(|op| &op.responses) {
        if r.pointer.starts_with("/components/responses/") {
            shared.entry(r.status.as_str()).or_insert(r.pointer.as_str());
        }
    }
    let name = &ctx.api.conventions.error_schema;
    for op in &ctx.api.operations {
        let covered = |code: u16| {
            op.responses.iter().any(|r| {
                r.code() == Some(code)
                    || (code < 500 && is_status_range(&r.status, '4'))
                    || (code >= 500 && (is_status_range(&r.status, '5') || r.status == "default"))
            })
        };
        let mut wanted: Vec<(&[u16], &str)> = Vec::new();
        if op.takes_input() {
            wanted.push((&[400, 422], "takes input"));
        }
        if op.is_secured() {
            wanted.push((&[401], "secured"));
        }
        if !op.annotations.permissions.is_empty() {
            wanted.push((&[403], "x-permissions"));
        }
        if op.is_item_path() {
            wanted.push((&[404], "item path"));
        } else if op.path.contains('{') || op.params_in(ParamLocation::Path).next().is_some() {
            wanted.push((&[404], "path parameters"));
        }
        if op.annotations.rate_limit.is_some() {
            wanted.push((&[429], "x-rate-limit"));
        }
        wanted.push((&[500], "any operation can fail"));
        let mut at = None;
        for (codes, why) in wanted {
            if codes.iter().any(|c| covered(*c)) {
                continue;
            }
            let at = at.get_or_insert_with(|| {
                let responses = child(&op.pointer, "responses");
                if ctx.raw(&responses).is_some() {
                    responses
                } else {
                    op.pointer.clone()
                }
            });
            let list = codes.iter().map(u16::to_string).collect::<Vec<_>>().join(" or ");
            let help = match codes.iter().find_map(|c| shared.get(c.to_string().as_str()).map(|p| (c, p))) {
                Some((code, pointer)) => format!("add `'{code}': {{$ref: '#{pointer}'}}`"),
                None if codes.len() > 1 => format!("add a '400' (malformed request) or '422' (failed validation) response whose body is the '{name}' schema"),
                None => format!("add a '{}' response whose body is the '{name}' schema", codes[0]),
            };
            sink.report(at.clone(), format!("{} documents no {list} response ({why})", op.label())).help(help);
        }
    }
}

/// `VALIDATION_ERROR`, `VAL_001`.
fn is_upper_snake(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && !s.ends_with('_')
        && !s.contains("__")
}

/// Checks error-code values once per pointer.
struct Codes {
    done: HashSet<String>,
}

impl Codes {
    fn value(&mut self, sink: &mut Sink, pointer: String, value: &Value) {
        let Value::String(code) = value else { return };
        if is_upper_snake(code) || !self.done.insert(pointer.clone()) {
            return;
        }
        let fixed = code.to_shouty_snake_case();
        let help = if is_upper_snake(&fixed) { format!("use '{fixed}'") } else { "write error codes in UPPER_SNAKE_CASE, e.g. VALIDATION_ERROR".into() };
        sink.report(pointer, format!("error code '{code}' is not UPPER_SNAKE_CASE")).help(help);
    }

    /// Every value of an `enum` array.
    fn values(&mut self, ctx: &Context<'_>, sink: &mut Sink, schema: &str) {
        let at = child(schema, "enum");
        if let Some(Value::Array(values)) = ctx.raw(&at) {
            for (i, v) in values.iter().enumerate() {
                self.value(sink, child(&at, &i.to_string()), v);
            }
        }
    }

    /// An example error body: its `code`, or its `error.code`.
    fn body(&mut self, sink: &mut Sink, pointer: &str, body: &Value) {
        if let Some(code) = body.get("code") {
            self.value(sink, child(pointer, "code"), code);
        }
        if let Some(code) = body.get("error").filter(|e| e.is_object()).and_then(|e| e.get("code")) {
            self.value(sink, child(&child(pointer, "error"), "code"), code);
        }
    }
}

fn error_code_format(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let mut codes = Codes { done: HashSet::new() };
    if let Some(id) = graph.component(&ctx.api.conventions.error_schema) {
        let def = graph.get(id);
        let top = graph.fields(&TypeRef::Named(id)).unwrap_or_default();
        let code = member(top, "code").or_else(|| member(top, "error").and_then(|e| graph.fields(&e.ty)).and_then(|inner| member(inner, "code")));
        if let Some(f) = code {
            codes.values(ctx, sink, &f.pointer);
            let example = child(&f.pointer, "example");
            if let Some(v) = ctx.raw(&example) {
                codes.value(sink, example, v);
            }
            // A `$ref`'d enum of codes.
            if let TypeRef::Named(enum_id) = graph.unalias(&f.ty) {
                let enum_def = graph.get(*enum_id);
                if matches!(enum_def.kind, TypeKind::Enum { .. }) {
                    codes.values(ctx, sink, &enum_def.pointer);
                    let example = child(&enum_def.pointer, "example");
                    if let Some(v) = ctx.raw(&example) {
                        codes.value(sink, example, v);
                    }
                }
            }
        }
        let example = child(&def.pointer, "example");
        if let Some(v) = ctx.raw(&example) {
            codes.body(sink, &example, v);
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for r in ctx.api.operations.iter().flat_map(|op| &op.responses) {
        if !is_error_status(&r.status) || !seen.insert(r.pointer.as_str()) {
            continue;
        }
        for m in &r.content {
            let example = child(&m.pointer, "example");
            if let Some(v) = ctx.raw(&example) {
                codes.body(sink, &example, v);
            }
            let examples = child(&m.pointer, "examples");
            let Some(Value::Object(named)) = ctx.raw(&examples) else { continue };
            for (key, entry) in named {
                let at = match entry.get("$ref").and_then(Value::as_str) {
                    Some(reference) => match local_target(reference) {
                        Some(target) => target,
                        None => continue,
                    },
                    None => child(&examples, key),
                };
                let value = child(&at, "value");
                if let Some(v) = ctx.raw(&value) {
                    codes.body(sink, &value, v);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    fn at(pointer: &str, line: usize) -> (String, usize) {
        (pointer.to_string(), line)
    }

    /// A flat error schema of the standard shape, as `components:` content.
    const ERROR: &str = "  schemas:\n    Error:\n      type: object\n      required: [code, message, details, request_id]\n      properties:\n        code: {type: string}\n        message: {type: string}\n        details: {type: array, items: {type: object, properties: {field: {type: string}, message: {type: string}}}}\n        request_id: {type: string}\n";

    #[test]
    fn an_error_schema_under_another_media_type_is_content_type_json_s_finding_only() {
        // `*/*` carries the error schema: one finding (content-type-json), not a second
        // `error-schema` one on the same response; a text body without it keeps both.
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200': {description: ok}\n        '404':\n          description: missing\n          content:\n            '*/*':\n              schema: {$ref: '#/components/schemas/Error'}\n        '500':\n          description: failed\n          content:\n            text/plain:\n              schema: {type: string}\n";
        let yaml = doc(paths, ERROR);
        assert_eq!(findings(&yaml, "error-schema"), [at("/paths/~1api~1v1~1orders/get/responses/500", 17)]);
        assert_eq!(
            findings(&yaml, "content-type-json"),
            [at("/paths/~1api~1v1~1orders/get/responses/404/content/*~1*", 15), at("/paths/~1api~1v1~1orders/get/responses/500/content/text~1plain", 20)]
        );
    }

    #[test]
    fn error_bodies_use_the_error_schema() {
        let paths = "  /api/v1/orders/{order_id}:
    get:
      operationId: get_order
      responses:
        '200': {description: ok}
        '404':
          description: missing
          content:
            application/json:
              schema: {type: object, properties: {msg: {type: string}}}
        '500': {description: failed}
        '503': {$ref: '#/components/responses/Unavailable'}
  /api/v1/orders:
    get:
      operationId: list_orders
      responses:
        '200': {description: ok}
        '503': {$ref: '#/components/responses/Unavailable'}
    head:
      operationId: head_orders
      responses:
        '200': {description: ok}
        '404': {description: missing}
";
        let components = format!("  responses:\n    Unavailable:\n      description: down\n      content:\n        application/json:\n          schema: {{type: string}}\n{ERROR}");
        assert_eq!(
            findings(&doc(paths, &components), "error-schema"),
            [
                at("/paths/~1api~1v1~1orders~1{order_id}/get/responses/404/content/application~1json", 15),
                at("/paths/~1api~1v1~1orders~1{order_id}/get/responses/500", 17),
                at("/components/responses/Unavailable/content/application~1json", 35),
            ]
        );
    }

    #[test]
    fn error_schema_blames_the_media_type_that_differs() {
        // twitter: every `default` response offers `Error` as JSON and `Problem` as problem+json.
        let paths = "  /2/compliance/jobs:
    get:
      operationId: listBatchComplianceJobs
      responses:
        '200': {description: The request has succeeded.}
        default:
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
            application/problem+json:
              schema: {$ref: '#/components/schemas/Problem'}
          description: The request has failed.
";
        let components = format!("{ERROR}    Problem:\n      type: object\n      properties:\n        type: {{type: string}}\n        title: {{type: string}}\n");
        let found = crate::check::testing::check(&doc(paths, &components));
        let found: Vec<_> = found.iter().filter(|d| d.rule == "error-schema").collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pointer, "/paths/~12~1compliance~1jobs/get/responses/default/content/application~1problem+json");
        assert_eq!(found[0].location.as_ref().map(|l| l.line), Some(16));
        assert_eq!(
            found[0].message,
            "GET /2/compliance/jobs response default application/problem+json body is 'Problem', not the error schema 'Error'"
        );
    }

    #[test]
    fn aliases_and_all_of_extensions_of_the_error_schema_are_accepted() {
        let paths = "  /api/v1/orders/{order_id}:
    get:
      operationId: get_order
      responses:
        '200': {description: ok}
        '404':
          description: missing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
        '4XX':
          description: client error
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ClientError'}
        '500':
          description: failed
          content:
            application/json:
              schema:
                allOf:
                  - {$ref: '#/components/schemas/Error'}
                  - {type: object, properties: {trace_id: {type: string}}}
    head:
      operationId: head_order
      responses:
        '200': {description: ok}
        '404': {description: missing}
";
        let components = format!("{ERROR}    ClientError: {{$ref: '#/components/schemas/Error'}}\n");
        assert!(findings(&doc(paths, &components), "error-schema").is_empty());
    }

    const USES_ERROR: &str = "  /api/v1/orders:
    get:
      operationId: list_orders
      responses:
        '200': {description: ok}
        '500':
          description: failed
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
";

    #[test]
    fn error_schema_has_the_standard_shape() {
        // Standard 001's flat body names the code `error`; details items lack `message`.
        let components = "  schemas:
    Error:
      type: object
      properties:
        error: {type: string}
        message: {type: string}
        details:
          type: array
          items: {type: object, properties: {field: {type: string}, msg: {type: string}}}
";
        assert_eq!(
            findings(&doc(USES_ERROR, components), "error-schema-shape"),
            [at("/components/schemas/Error", 19), at("/components/schemas/Error", 19), at("/components/schemas/Error/properties/details", 24)]
        );
        assert!(findings(&doc(USES_ERROR, ERROR), "error-schema-shape").is_empty());
    }

    #[test]
    fn wrapped_error_shape_with_issue_is_accepted() {
        // Standards 003/004: `{error: {code, message, details[{field, issue}]}, metadata: {request_id}}`.
        let components = "  schemas:
    Error:
      type: object
      properties:
        error:
          type: object
          properties:
            code: {type: string}
            message: {type: string}
            details: {type: array, items: {type: object, properties: {field: {type: string}, issue: {type: string}}}}
        metadata: {type: object, properties: {request_id: {type: string}, timestamp: {type: string, format: date-time}}}
";
        assert!(findings(&doc(USES_ERROR, components), "error-schema-shape").is_empty());
        let no_message = components.replace("            message: {type: string}\n", "");
        assert_eq!(findings(&doc(USES_ERROR, &no_message), "error-schema-shape"), [at("/components/schemas/Error/properties/error", 22)]);
    }

    #[test]
    fn missing_error_schema_is_reported_once() {
        let missing = doc(&format!("{USES_ERROR}        '404': {{$ref: '#/components/schemas/Error'}}\n"), "  schemas:\n    Order: {type: object}\n");
        assert_eq!(findings(&missing, "error-schema-shape"), [at("/components/schemas", 19)]);
        let no_components = doc("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200': {description: ok}\n        '500': {description: failed}\n", "");
        assert_eq!(findings(&no_components, "error-schema-shape"), [at("/components", 13)]);
        let no_errors = doc("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200': {description: ok}\n", "");
        assert!(findings(&no_errors, "error-schema-shape").is_empty());
    }

    #[test]
    fn operations_document_the_errors_they_can_produce() {
        let paths = "  /api/v1/orders/{order_id}:
    get:
      operationId: get_order
      security: [{ApiKey: []}]
      x-permissions: [orders.read]
      x-rate-limit: 100/minute
      parameters:
        - {name: order_id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok}
";
        let responses = "/paths/~1api~1v1~1orders~1{order_id}/get/responses";
        assert_eq!(findings(&doc(paths, ""), "error-responses"), vec![at(responses, 15); 6]);
        let ranges = paths.replace("        '200': {description: ok}\n", "        '200': {description: ok}\n        '4XX': {description: client error}\n        default: {description: error}\n");
        assert!(findings(&doc(&ranges, ""), "error-responses").is_empty());
        let explicit = ["422", "401", "403", "404", "429", "500"].iter().fold(paths.to_string(), |p, c| format!("{p}        '{c}': {{description: error}}\n"));
        assert!(findings(&doc(&explicit, ""), "error-responses").is_empty());
    }

    #[test]
    fn missing_500_names_the_shared_response() {
        let paths = "  /api/v1/orders:
    get:
      operationId: list_orders
      security: []
      responses:
        '200': {description: ok}
        '500': {$ref: '#/components/responses/InternalError'}
  /api/v1/customers:
    get:
      operationId: list_customers
      security: []
      responses:
        '200': {description: ok}
";
        let components = "  responses:\n    InternalError: {description: failed}\n";
        let yaml = doc(paths, components);
        assert_eq!(findings(&yaml, "error-responses"), [at("/paths/~1api~1v1~1customers/get/responses", 18)]);
        let diagnostics = crate::check::testing::check(&yaml);
        let d = diagnostics.iter().find(|d| d.rule == "error-responses").expect("one finding");
        assert_eq!(d.message, "GET /api/v1/customers documents no 500 response (any operation can fail)");
        assert_eq!(d.help.as_deref(), Some("add `'500': {$ref: '#/components/responses/InternalError'}`"));
    }

    #[test]
    fn error_codes_are_upper_snake_case() {
        let paths = "  /api/v1/orders:
    get:
      operationId: list_orders
      responses:
        '200': {description: ok}
        '429':
          description: slow down
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
              example:
                error: {code: rateLimited, message: Slow down}
              examples:
                quota:
                  value: {code: quota, message: Quota exceeded}
";
        let components = "  schemas:
    Error:
      type: object
      properties:
        code:
          type: string
          enum:
            - VALIDATION_ERROR
            - not_found
          example: NotFound
        message: {type: string}
      example:
        code: bad-request
        message: Bad request
";
        assert_eq!(
            findings(&doc(paths, components), "error-code-format"),
            [
                at("/paths/~1api~1v1~1orders/get/responses/429/content/application~1json/example/error/code", 18),
                at("/paths/~1api~1v1~1orders/get/responses/429/content/application~1json/examples/quota/value/code", 21),
                at("/components/schemas/Error/properties/code/enum/1", 31),
                at("/components/schemas/Error/properties/code/example", 32),
                at("/components/schemas/Error/example/code", 35),
            ]
        );
        let good = components.replace("not_found", "NOT_FOUND").replace("NotFound", "NOT_FOUND").replace("bad-request", "BAD_REQUEST");
        let good_paths = paths.replace("rateLimited", "RATE_LIMITED").replace("code: quota", "code: QUOTA_EXCEEDED");
        assert!(findings(&doc(&good_paths, &good), "error-code-format").is_empty());
    }

    #[test]
    fn example_specs_pass() {
        for spec in [include_str!("../../../specs/jobs.yaml"), include_str!("../../../specs/orders.yaml"), include_str!("../../../specs/projects.yaml")] {
            for rule in super::RULES {
                assert!(findings(spec, rule.id).is_empty(), "{}: {:?}", rule.id, findings(spec, rule.id));
            }
        }
    }
}
