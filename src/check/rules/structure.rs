//! Structure rules: the document is well-formed OpenAPI that tools can rely
//! on (OpenAPI 3.0 §4.7–4.8; docs/standard.md §1 Documents).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::load::refs::local_target;
use crate::load::tree::child;
use crate::model::{is_http_token, ParamLocation, PathTemplate};

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "oas-http-name",
        level: Level::Error,
        summary: "a header or cookie parameter name, or a response header name, is not an HTTP token",
        rationale: "Header and cookie names travel on the wire as tokens (letters, digits and `!#$%&'*+-.^_`|~`, RFC 9110 §5.6.2), and generated clients and servers use them as header names in code. A name with a space, a colon, a line break or any other character would fail at run time in every generated client and server, so generation stops at it instead.",
        source: "docs/standard.md §1 Documents; RFC 9110 §5.1, §11.1",
        bad: "parameters:\n  - {name: 'X Tenant', in: header, schema: {type: string}}",
        good: "parameters:\n  - {name: X-Tenant, in: header, schema: {type: string}}",
        check: Check::Model(http_names),
    },
    Rule {
        id: "oas-scheme-name",
        level: Level::Error,
        summary: "a security scheme's header or cookie name, or its `http` scheme, is not an HTTP token",
        rationale: "An API key header or cookie name and an `http` authentication scheme travel on the wire as tokens (letters, digits and `!#$%&'*+-.^_`|~`, RFC 9110 §5.6.2). No client can send a key under a name with a space, a colon or a line break, so generated code leaves such a scheme out (with a warning at its pointer): operations that accept only that scheme are generated without credentials in the clients, and the server treats the scheme as undeclared. The rest of the document is generated.",
        source: "docs/standard.md §1 Documents; RFC 9110 §5.1, §11.1",
        bad: "securitySchemes:\n  api_key: {type: apiKey, in: header, name: 'Api Key'}",
        good: "securitySchemes:\n  api_key: {type: apiKey, in: header, name: X-Api-Key}",
        check: Check::Model(scheme_names),
    },
    Rule {
        id: "oas-parse",
        level: Level::Error,
        summary: "the file is not YAML/JSON, or not an OpenAPI 3.x document",
        rationale: "Nothing else can be checked or generated from a document that does not parse or does not have the OpenAPI shape. apigen reads OpenAPI 3.0.x and 3.1.x; Swagger 2.0 must be converted first. A part that does not fit the shape (an operation, path item or component) is reported here and left out of the model, so the rest is still checked; a missing field that means nothing to generated code (a response's `description`) is `oas-required-field` instead, and its part stays in.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.7",
        bad: "swagger: '2.0'\ninfo: {title: Orders, version: 1.0.0}\npaths: {}",
        good: "openapi: 3.0.3\ninfo: {title: Orders, version: 1.0.0}\npaths: {}",
        check: Check::Loader,
    },
    Rule {
        id: "oas-required-field",
        level: Level::Error,
        summary: "an object lacks a field OpenAPI requires that generated code does without (a response's `description`, an operation's `responses`, …)",
        rationale: "Other tools may refuse the document, and readers miss what the field says. apigen reads what the document means and generates from it, each part with a default: a response without `description` has an empty one, an operation without `responses` answers with no content, a parameter or header with neither `schema` nor `content` is a string, a request body without `content` is no body, an OAuth2 flow without `scopes` has none, a link that names no operation leads nowhere (links are not generated), and `info` without `title` or `version` (or a licence without `name`) has empty ones, as has a 3.0 document without `paths`. A key with nothing below it in YAML (`responses:`, `'204':`) counts as missing. Unlike a part that cannot be read at all (`oas-parse`), this blocks neither `generate` nor `diff`.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.7 (fields marked REQUIRED)",
        bad: "responses:\n  '404':\n    content:\n      application/json: {schema: {$ref: '#/components/schemas/Error'}}",
        good: "responses:\n  '404':\n    description: No order has this id\n    content:\n      application/json: {schema: {$ref: '#/components/schemas/Error'}}",
        check: Check::Loader,
    },
    Rule {
        id: "oas-duplicate-key",
        level: Level::Error,
        summary: "a mapping holds the same key twice",
        rationale: "YAML and JSON parsers disagree on duplicate keys: most keep the last value silently, some fail. A duplicated path, property or response is almost always a merge mistake that hides half of what was written.",
        source: "docs/standard.md §1 Documents; YAML 1.2 §3.2.1.1",
        bad: "paths:\n  /api/v1/orders:\n    get: {...}\n  /api/v1/orders:\n    post: {...}",
        good: "paths:\n  /api/v1/orders:\n    get: {...}\n    post: {...}",
        check: Check::Loader,
    },
    Rule {
        id: "oas-31-degraded",
        level: Level::Warn,
        summary: "an OpenAPI 3.1 schema keyword that generated code cannot express is approximated",
        rationale: "apigen reads OpenAPI 3.1 (JSON Schema 2020-12) into the same model as 3.0. A few keywords have no counterpart in generated types: a tuple (`prefixItems`) becomes a list of the union of its positions, conditionals (`if`/`then`/`else`), `dependentSchemas`, `patternProperties`, `propertyNames` and `contains` are not enforced, and a `jsonSchemaDialect` other than OpenAPI's default is read as the default. The rest of the document is generated as usual; the finding says where the approximation is.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.1.0 §4.8.24 (Schema Object)",
        bad: "Point:\n  type: array\n  prefixItems: [{type: number}, {type: number}]",
        good: "Point:\n  type: object\n  required: [x, y]\n  properties:\n    x: {type: number}\n    y: {type: number}",
        check: Check::Loader,
    },
    Rule {
        id: "oas-ref-resolves",
        level: Level::Error,
        summary: "a `$ref` does not resolve, or references form a cycle",
        rationale: "A reference that points nowhere makes the schema, parameter or response it stands for unknown to every consumer; generators cannot produce types for it. Relative file references are read from the referring file's folder.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.23 (Reference Object)",
        bad: "schema:\n  $ref: '#/components/schemas/Ordr'",
        good: "schema:\n  $ref: '#/components/schemas/Order'",
        check: Check::Loader,
    },
    Rule {
        id: "oas-ref-renamed",
        level: Level::Info,
        summary: "a component made from another file takes a numbered name, because its own is taken",
        rationale: "A schema, response, parameter or other part referenced as a whole file (`$ref: schemas/Error.yaml`) or at a pointer in another file (`defs.yaml#/Error`) becomes a named component of the bundled document, named after the file or the pointer's last token, and generated types are named after the component. When two sources would take one name (`legacy/Error.yaml` and `schemas/Error.yaml`, or a file beside a component the document declares), the first in document order keeps it and the next gets a number (`Error2`). The document is fine; the finding says which generated name stands for which file, so a rename of either file is a conscious choice.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.23 (Reference Object)",
        bad: "responses:\n  '404': {$ref: responses/NotFound.yaml}   # references legacy/Error.yaml\n  '500': {$ref: responses/Internal.yaml}   # references schemas/Error.yaml",
        good: "responses:\n  '404': {$ref: responses/NotFound.yaml}   # both reference schemas/Error.yaml\n  '500': {$ref: responses/Internal.yaml}",
        check: Check::Loader,
    },
    Rule {
        id: "oas-operation-id",
        level: Level::Error,
        summary: "an operation has no `operationId`",
        rationale: "Generated client methods, server trait methods and documentation anchors are named after the operationId. Without one, names are derived from the method and path and change whenever the path does.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.10 (operationId is unique)",
        bad: "/api/v1/orders:\n  get:\n    summary: List orders",
        good: "/api/v1/orders:\n  get:\n    operationId: list_orders\n    summary: List orders",
        check: Check::Model(operation_id),
    },
    Rule {
        id: "oas-operation-id-unique",
        level: Level::Error,
        summary: "two operations have the same `operationId` (declared, or derived from method and path when none is declared)",
        rationale: "The operationId is unique across the document, and generated methods, server trait methods and their types are named after it: two operations under one name cannot both be generated. An operation without an operationId is named `{method}_{path}`, which can meet another's declared id.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.10 (operationId is unique)",
        bad: "/api/v1/orders:\n  get: {operationId: orders, ...}\n  post: {operationId: orders, ...}",
        good: "/api/v1/orders:\n  get: {operationId: list_orders, ...}\n  post: {operationId: create_order, ...}",
        check: Check::Model(operation_id_unique),
    },
    Rule {
        id: "oas-path-params",
        level: Level::Error,
        summary: "the path template's `{params}` and the declared path parameters differ",
        rationale: "Every template variable must be declared as a required path parameter and every declared path parameter must appear in the template; otherwise requests cannot be built or routed.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.8 (Path Templating), §4.8.12 (Parameter Object)",
        bad: "/api/v1/orders/{order_id}:\n  get:\n    parameters:\n      - {name: id, in: path, required: true, schema: {type: string}}",
        good: "/api/v1/orders/{order_id}:\n  get:\n    parameters:\n      - {name: order_id, in: path, required: true, schema: {type: string}}",
        check: Check::Model(path_params),
    },
    Rule {
        id: "oas-unused-component",
        level: Level::Warn,
        summary: "a component is declared but never referenced",
        rationale: "Unused components are dead weight: generators still emit types for them and readers assume they matter. They usually mean a rename that missed its references.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.7 (Components Object)",
        bad: "components:\n  schemas:\n    OldOrder: {type: object}",
        good: "# delete OldOrder, or reference it:\nschema: {$ref: '#/components/schemas/OldOrder'}",
        check: Check::Model(unused_component),
    },
    Rule {
        id: "oas-example-valid",
        level: Level::Warn,
        summary: "an `example` does not match its schema",
        rationale: "Examples become documentation, mock responses and test data. An example that violates its own schema (wrong type, a missing required or discriminator property, a bad format such as a `uri` without a scheme, outside bounds) teaches clients the wrong thing.",
        source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.24 (Schema Object, example)",
        bad: "created_at:\n  type: string\n  format: date-time\n  example: yesterday",
        good: "created_at:\n  type: string\n  format: date-time\n  example: '2024-01-01T12:00:00Z'",
        check: Check::Model(example_valid),
    },
    Rule {
        id: "annotation-valid",
        level: Level::Error,
        summary: "an apigen annotation (`x-apigen`, `x-pagination`, `x-rate-limit`, …) has a bad value",
        rationale: "Annotations drive checks and generated code (pagination types, rate limiting, idempotency keys, sunset headers). A misspelt setting or an unreadable value would otherwise be ignored silently and the generated code would lack the convention. Accepted values: `pagination` page, offset, skip or cursor (`x-pagination` also none); `envelope` none or data; `id-format` uuid, integer or any; `path-param-case` snake_case or camelCase; `x-rate-limit` `N/second|minute|hour|day`; `x-sunset` a `YYYY-MM-DD` date; `x-stability-level` draft, alpha, beta or stable; `x-idempotent` and `x-audit` booleans; `x-permissions` a list of strings.",
        source: "docs/standard.md §1 Documents",
        bad: "x-pagination: pages\nx-rate-limit: lots",
        good: "x-pagination: page\nx-rate-limit: 100/minute",
        check: Check::Model(annotation_valid),
    },
    super::document::DEFAULT_VALID,
    super::document::REQUIRED_DEFINED,
    super::document::DISCRIMINATOR,
    super::document::KEYWORD_TYPE,
    super::document::ENUM_TYPE,
    super::document::REF_SIBLINGS,
    super::document::PATH_AMBIGUOUS,
    super::document::OPERATION_ID_USABLE,
    super::document::PARAMETER_UNIQUE,
    super::document::SERVER_VARIABLES,
];

/// Reports a name that is not an HTTP token (once per pointer).
fn report_token(seen: &mut HashSet<String>, pointer: String, what: &str, name: &str, sink: &mut Sink) {
    if !is_http_token(name) && seen.insert(pointer.clone()) {
        let shown = crate::text::one_line(name);
        sink.report(pointer, format!("{what} '{shown}' is not an HTTP token"))
            .help("use letters, digits and `!#$%&'*+-.^_`|~` only (no spaces, colons or line breaks)");
    }
}

fn http_names(ctx: &Context<'_>, sink: &mut Sink) {
    let mut seen = HashSet::new();
    let mut check =
        |pointer: String, what: &str, name: &str, sink: &mut Sink| report_token(&mut seen, pointer, what, name, sink);
    for op in ctx.api.all_operations() {
        for p in &op.parameters {
            if matches!(p.location, ParamLocation::Header | ParamLocation::Cookie) {
                check(child(&p.pointer, "name"), &format!("{} parameter name", p.location.as_str()), &p.name, sink);
            }
        }
        for r in &op.responses {
            for h in &r.headers {
                check(child(&child(&r.pointer, "headers"), &h.name), "response header name", &h.name, sink);
            }
        }
    }
}

fn scheme_names(ctx: &Context<'_>, sink: &mut Sink) {
    let mut seen = HashSet::new();
    for s in &ctx.api.security_schemes {
        if let Some((key, what, name)) = s.wire_name() {
            let message = format!("{what} of security scheme '{}'", crate::text::one_line(&s.name));
            report_token(&mut seen, child(&s.pointer, key), &message, name, sink);
        }
    }
}

fn operation_id(ctx: &Context<'_>, sink: &mut Sink) {
    for op in ctx.api.operations.iter().filter(|op| !op.id_declared) {
        sink.report(&op.pointer, format!("{} has no operationId", op.label()))
            .help(format!("add `operationId: {}` (snake_case, unique)", op.id));
    }
}

fn operation_id_unique(ctx: &Context<'_>, sink: &mut Sink) {
    let mut first: HashMap<&str, &crate::model::Operation> = HashMap::new();
    for op in &ctx.api.operations {
        let Some(other) = first.get(op.id.as_str()) else {
            first.insert(&op.id, op);
            continue;
        };
        let id = crate::text::one_line(&op.id);
        if op.id_declared {
            sink.report(
                child(&op.pointer, "operationId"),
                format!("operationId '{id}' of {} is also used by {}", op.label(), other.label()),
            )
            .help("operationIds must be unique across the document: generated method names come from them");
        } else {
            sink.report(
                &op.pointer,
                format!(
                    "{} has no operationId, and the one derived from it, '{id}', is used by {}",
                    op.label(),
                    other.label()
                ),
            )
            .help("give the operation an operationId of its own");
        }
    }
}

fn path_params(ctx: &Context<'_>, sink: &mut Sink) {
    for op in &ctx.api.operations {
        let parsed = PathTemplate::parse(&op.path);
        let template = parsed.variables();
        for name in template {
            if op.param(ParamLocation::Path, name).is_none() {
                sink.report(&op.pointer, format!("path template variable '{{{name}}}' is not declared as a path parameter"))
                    .help(format!("add `- {{name: {name}, in: path, required: true, schema: {{type: string}}}}` to parameters"));
            }
        }
        for p in op.params_in(ParamLocation::Path) {
            if !template.contains(&p.name.as_str()) {
                sink.report(&p.pointer, format!("path parameter '{}' does not appear in the path template {}", p.name, op.path))
                    .help("rename it to match the template variable, or remove it");
            }
        }
    }
}

const COMPONENT_KINDS: [&str; 9] =
    ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks"];

fn unused_component(ctx: &Context<'_>, sink: &mut Sink) {
    let root = &ctx.doc.root;
    let mut used: HashSet<String> = HashSet::new();
    for (holder, reference) in &ctx.doc.refs {
        if let Some(target) = local_target(reference) {
            // A component's references to itself do not make it used.
            if !(holder == &target || (holder.starts_with(&target) && holder.as_bytes().get(target.len()) == Some(&b'/'))) {
                used.insert(target);
            }
        }
    }
    // Referenced components make what they reference used, transitively (already covered:
    // every ref anywhere counts), except self-references handled above.
    let mut schemes_used: HashSet<&str> = HashSet::new();
    let requirements = root.get("security").into_iter().chain(ctx.api.operations.iter().filter_map(|op| ctx.raw(&child(&op.pointer, "security"))));
    for req in requirements.flat_map(|v| v.as_array().into_iter().flatten()) {
        if let Value::Object(m) = req {
            schemes_used.extend(m.keys().map(String::as_str));
        }
    }
    let Some(Value::Object(components)) = root.get("components") else { return };
    for kind in COMPONENT_KINDS {
        let Some(Value::Object(entries)) = components.get(kind) else { continue };
        for name in entries.keys() {
            let pointer = child(&child("/components", kind), name);
            let is_used = if kind == "securitySchemes" { schemes_used.contains(name.as_str()) } else { used.contains(&pointer) };
            if !is_used {
                sink.report(&pointer, format!("component {kind}/{name} is never referenced"))
                    .help("reference it with $ref, or delete it");
            }
        }
    }
}

fn example_valid(ctx: &Context<'_>, sink: &mut Sink) {
    // Every `example` of a schema (at any depth, where it is written), of a parameter or
    // media type, and every `examples` entry, each judged once against the raw schema.
    let mut judged: HashSet<String> = HashSet::new();
    super::document::more_examples(ctx, &mut judged, sink);
}

/// One message naming every violation of a value (`what` is `example` or `default`):
/// `example does not match its schema: 'x' is not a valid date-time` or, for several,
/// `example does not match its schema (2 violations): at /a: …; at /b: …`.
pub(crate) fn mismatch_message(what: &str, mismatches: &[(String, String)]) -> String {
    let one = |(at, message): &(String, String)| if at.is_empty() { message.clone() } else { format!("at {at}: {message}") };
    match mismatches {
        [single] => format!("{what} does not match its schema{}: {}", if single.0.is_empty() { String::new() } else { format!(" at {}", single.0) }, single.1),
        many => format!("{what} does not match its schema ({} violations): {}", many.len(), many.iter().map(one).collect::<Vec<_>>().join("; ")),
    }
}

fn annotation_valid(ctx: &Context<'_>, sink: &mut Sink) {
    for (pointer, message) in &ctx.api.convention_errors {
        sink.report(pointer, message.clone()).help("see `apigen rules annotation-valid` for the accepted values");
    }
    let mut seen = HashSet::new();
    for op in ctx.api.all_operations() {
        for (pointer, message) in &op.annotations.invalid {
            if seen.insert(pointer) {
                sink.report(pointer, message.clone());
            }
        }
    }
    // x-apigen-ignore must name known rules.
    for (pointer, ids) in &ctx.doc.ignores {
        let at = child(pointer, "x-apigen-ignore");
        for id in ids {
            if crate::check::registry::get(id).is_none() {
                let hint = crate::suggest::did_you_mean(id, crate::check::registry::all().map(|r| r.id));
                let f = sink.report(&at, format!("x-apigen-ignore names an unknown rule '{id}'"));
                if let Some(h) = hint {
                    f.help(format!("did you mean '{h}'?"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    const OP: &str = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200': {description: ok}\n";

    #[test]
    fn operation_id_missing_and_duplicate() {
        let missing = doc("  /api/v1/orders:\n    get:\n      responses:\n        '200': {description: ok}\n", "");
        assert_eq!(findings(&missing, "oas-operation-id"), [("/paths/~1api~1v1~1orders/get".to_string(), 8)]);
        let dup = doc(
            &format!(
                "{OP}    post:\n      operationId: list_orders\n      responses:\n        '201': {{description: ok}}\n"
            ),
            "",
        );
        assert!(findings(&dup, "oas-operation-id").is_empty());
        assert_eq!(
            findings(&dup, "oas-operation-id-unique"),
            [("/paths/~1api~1v1~1orders/post/operationId".to_string(), 13)]
        );
        assert!(findings(&doc(OP, ""), "oas-operation-id").is_empty());
        assert!(findings(&doc(OP, ""), "oas-operation-id-unique").is_empty());
        // An operation without an id is named `{method}_{path}`, which can be another's declared id.
        let derived = doc(
            &format!(
                "{}  /api/v1/cats:\n    get:\n      responses:\n        '200': {{description: ok}}\n",
                OP.replace("list_orders", "get_api_v1_cats")
            ),
            "",
        );
        assert_eq!(findings(&derived, "oas-operation-id-unique"), [("/paths/~1api~1v1~1cats/get".to_string(), 13)]);
    }

    #[test]
    fn blocking_findings_cannot_be_ignored_by_the_spec() {
        let dup = doc(&format!("{OP}    post:\n      operationId: list_orders\n      x-apigen-ignore: [oas-operation-id-unique, oas-operation-id]\n      responses:\n        '201': {{description: ok}}\n"), "");
        assert_eq!(findings(&dup, "oas-operation-id-unique").len(), 1);
    }

    #[test]
    fn scheme_names_are_http_tokens() {
        let schemes = "  securitySchemes:\n    good: {type: apiKey, in: header, name: X-Api-Key}\n    query: {type: apiKey, in: query, name: 'a key'}\n    bad: {type: apiKey, in: header, name: 'ADVICEment API Key'}\n    word: {type: http, scheme: 'my scheme'}\n";
        let found = findings(&doc(OP, schemes), "oas-scheme-name");
        assert_eq!(
            found,
            [
                ("/components/securitySchemes/bad/name".to_string(), 16),
                ("/components/securitySchemes/word/scheme".to_string(), 17)
            ]
        );
        assert!(findings(&doc(OP, schemes), "oas-http-name").is_empty(), "schemes are oas-scheme-name's");
    }

    #[test]
    fn path_params_must_match_template() {
        let bad = doc("  /api/v1/orders/{order_id}:\n    get:\n      operationId: get_order\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n", "");
        let found = findings(&bad, "oas-path-params");
        assert_eq!(found, [("/paths/~1api~1v1~1orders~1{order_id}/get".to_string(), 8), ("/paths/~1api~1v1~1orders~1{order_id}/get/parameters/0".to_string(), 11)]);
        let good = bad.replace("name: id", "name: order_id");
        assert!(findings(&good, "oas-path-params").is_empty());
    }

    #[test]
    fn unused_components_are_reported() {
        let components = "  schemas:\n    Order: {type: object, properties: {id: {type: string}}}\n    Old: {type: object}\n";
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Order'}\n";
        assert_eq!(findings(&doc(paths, components), "oas-unused-component"), [("/components/schemas/Old".to_string(), 19)]);
        let all_used = components.replace("    Old: {type: object}\n", "");
        assert!(findings(&doc(paths, &all_used), "oas-unused-component").is_empty());
    }

    #[test]
    fn examples_must_match_schemas() {
        let components = "  schemas:\n    Event:\n      type: object\n      properties:\n        created_at:\n          type: string\n          format: date-time\n          example: yesterday\n";
        let paths = "  /api/v1/events:\n    get:\n      operationId: list_events\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Event'}\n";
        let found = findings(&doc(paths, components), "oas-example-valid");
        assert_eq!(found, [("/components/schemas/Event/properties/created_at/example".to_string(), 24)]);
        let good = components.replace("example: yesterday", "example: '2024-01-01T12:00:00Z'");
        assert!(findings(&doc(paths, &good), "oas-example-valid").is_empty());
    }

    #[test]
    fn an_example_is_judged_once_with_every_violation() {
        // files.com: a request body shared by POST and PATCH, with an inline enum whose example is the word "example".
        let paths = "  /clickwraps:\n    post:\n      operationId: PostClickwraps\n      requestBody: {$ref: '#/components/requestBodies/PostClickwraps'}\n      responses:\n        '201': {description: ok}\n  /clickwraps/{id}:\n    patch:\n      operationId: PatchClickwrapsId\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: integer}}\n      requestBody: {$ref: '#/components/requestBodies/PostClickwraps'}\n      responses:\n        '200': {description: ok}\n";
        let components = "  requestBodies:\n    PostClickwraps:\n      content:\n        multipart/form-data:\n          schema:\n            type: object\n            properties:\n              use_with_bundles:\n                description: Use this Clickwrap for Bundles?\n                enum: [none, available, require]\n                example: example\n                type: string\n              tags:\n                type: array\n                items: {type: string}\n                example: [1, 2]\n";
        let found: Vec<_> = crate::check::testing::check(&doc(paths, components)).into_iter().filter(|d| d.rule == "oas-example-valid").collect();
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/components/requestBodies/PostClickwraps/content/multipart~1form-data/schema/properties/use_with_bundles/example",
                "/components/requestBodies/PostClickwraps/content/multipart~1form-data/schema/properties/tags/example",
            ]
        );
        assert_eq!(found[0].message, "example does not match its schema: \"example\" is not one of the enum values");
        assert_eq!(found[1].message, "example does not match its schema (2 violations): at /0: expected string, found integer; at /1: expected string, found integer");
    }

    #[test]
    fn annotations_must_be_readable() {
        let bad = doc("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      x-pagination: pages\n      x-apigen-ignore: [no-such-rule]\n      responses:\n        '200': {description: ok}\n", "");
        let found = findings(&bad, "annotation-valid");
        assert_eq!(found, [
            ("/paths/~1api~1v1~1orders/get/x-pagination".to_string(), 10),
            ("/paths/~1api~1v1~1orders/get/x-apigen-ignore".to_string(), 11),
        ]);
        let root = format!("x-apigen: {{pagination: cursor}}\n{}", doc(OP, ""));
        assert!(findings(&root, "annotation-valid").is_empty());
        let bad_root = format!("x-apigen: {{paginaton: cursor}}\n{}", doc(OP, ""));
        assert_eq!(findings(&bad_root, "annotation-valid"), [("/x-apigen/paginaton".to_string(), 1)]);
    }

    #[test]
    fn a_stability_level_must_be_one_of_the_four() {
        let op = |level: &str| doc(&format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      x-stability-level: {level}\n      responses:\n        '200': {{description: ok}}\n"), "");
        for bad in ["ga", "1", "Stable", "[beta]"] {
            assert_eq!(findings(&op(bad), "annotation-valid"), [("/paths/~1api~1v1~1orders/get/x-stability-level".to_string(), 10)], "{bad}");
        }
        for good in ["draft", "alpha", "beta", "stable"] {
            assert!(findings(&op(good), "annotation-valid").is_empty(), "{good}");
        }
    }
}
