//! Methods and status codes: every operation documents the outcome the
//! standards prescribe for its method (docs/standard.md §4
//! Methods and status codes).
//!
//! The standard table is the one of docs/standard.md §4 (200, 201, 202, 204,
//! 400, 401, 403, 404, 409, 422, 429, 500, 503) plus:
//! - 304 Not Modified: `ETag` + `If-None-Match` → 304 (docs/standard.md §9
//!   Operations, cache headers);
//! - 302 Found and 307 Temporary Redirect: an OAuth2 authorization flow starts
//!   with a GET that redirects to the provider, and an unversioned path may
//!   redirect to the latest version; both are temporary.
//!
//! Left out on purpose: 206 (the standard documents no `Range` requests;
//! partial responses are field selection), 301/308
//! (a moved API gets a new `/api/vN` and `Deprecation`/`Sunset` headers, not a
//! permanent redirect), 412 (the standard documents no `If-Match`; a stale write
//! is a 409 Conflict).

use std::collections::HashSet;

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::load::tree::child;
use crate::model::is_status_range;
use crate::model::{collection_item, Method, Operation, Response, TypeGraph, TypeRef};

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "status-success-required",
        level: Level::Error,
        summary: "an operation documents no 2xx success response",
        rationale: "Clients, generated SDKs and the typed server response enums are built from the documented outcomes. An operation without a success response cannot be called meaningfully: nobody knows what it returns when it works. A `2XX` range counts, and so does a redirect for an endpoint whose job is to redirect (the OAuth authorize step).",
        source: "docs/standard.md §4 Methods and status codes; OpenAPI Specification 3.0.3 §4.8.16 (Responses Object)",
        bad: "/api/v1/orders:\n  get:\n    operationId: list_orders\n    responses:\n      '400': {$ref: '#/components/responses/BadRequest'}",
        good: "/api/v1/orders:\n  get:\n    operationId: list_orders\n    responses:\n      '200':\n        description: One page of orders.\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/OrderList'}\n      '400': {$ref: '#/components/responses/BadRequest'}",
        check: Check::Model(success_required),
    },
    Rule {
        id: "status-get-200",
        level: Level::Error,
        summary: "a GET documents a success response other than 200",
        rationale: "A successful GET returns the resource with 200 OK; every standard's table says so. A GET documented with only 204 or 206 leaves clients without the body they asked for (a server may always ignore `Range` and must then answer 200).",
        source: "docs/standard.md §4 Methods and status codes",
        bad: "/api/v1/orders/{order_id}:\n  get:\n    operationId: get_order\n    responses:\n      '204': {description: Found}",
        good: "/api/v1/orders/{order_id}:\n  get:\n    operationId: get_order\n    responses:\n      '200':\n        description: The order.\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Order'}",
        check: Check::Model(get_200),
    },
    Rule {
        id: "status-post-create-201",
        level: Level::Error,
        summary: "a POST on a collection does not return 201 Created with a `Location` header (202 for async)",
        rationale: "Creating a resource answers 201 Created and points to the new resource with `Location`, so clients need no second lookup and generated clients can return the created model. Asynchronous creation answers 202 Accepted instead. Action endpoints (`POST /jobs/{job_id}/retry`, `POST /auth/login`) are not creations and are not checked: a POST is a creation when its last path segment is a plural noun or the same path has a list GET, unless it answers 200 with a computed result (a body without an `id`, such as an optimisation or a lookup).",
        source: "docs/standard.md §4 Methods and status codes",
        bad: "/api/v1/orders:\n  post:\n    operationId: create_order\n    responses:\n      '200':\n        description: Created\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Order'}",
        good: "/api/v1/orders:\n  post:\n    operationId: create_order\n    responses:\n      '201':\n        description: Created\n        headers:\n          Location: {$ref: '#/components/headers/Location'}\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Order'}",
        check: Check::Model(post_create_201),
    },
    Rule {
        id: "status-delete-204",
        level: Level::Warn,
        summary: "a DELETE does not return 204 No Content (202 for async)",
        rationale: "A successful DELETE has nothing left to return: the standards answer 204 No Content, and generated clients return `()` for it. An asynchronous delete answers 202 Accepted.",
        source: "docs/standard.md §4 Methods and status codes",
        bad: "/api/v1/orders/{order_id}:\n  delete:\n    operationId: delete_order\n    responses:\n      '200': {description: Deleted}",
        good: "/api/v1/orders/{order_id}:\n  delete:\n    operationId: delete_order\n    responses:\n      '204': {description: Deleted}",
        check: Check::Model(delete_204),
    },
    Rule {
        id: "status-known-codes",
        level: Level::Warn,
        summary: "a response status is outside the standard status-code table",
        rationale: "Clients and generated SDKs handle the standard codes (200, 201, 202, 204, 302, 304, 307, 400, 401, 403, 404, 409, 422, 429, 500, 503) uniformly; any other code is a surprise every client must special-case. `2XX`, `4XX`, `5XX` and `default` are fine.",
        source: "docs/standard.md §4 Methods and status codes",
        bad: "/api/v1/orders/{order_id}:\n  get:\n    responses:\n      '200': {$ref: '#/components/responses/Order'}\n      '410': {description: Gone}",
        good: "/api/v1/orders/{order_id}:\n  get:\n    responses:\n      '200': {$ref: '#/components/responses/Order'}\n      '404': {$ref: '#/components/responses/NotFound'}",
        check: Check::Model(known_codes),
    },
    Rule {
        id: "status-async-202",
        level: Level::Warn,
        summary: "a 202 Accepted response gives no way to poll: no `Location` header and no status URL in the body",
        rationale: "202 means the work happens later; the client must learn where to follow it. Both standards that describe asynchronous work return a status URL (`status_url`) the client polls; a `Location` header does the same job.",
        source: "docs/standard.md §4 Methods and status codes",
        bad: "/api/v1/exports:\n  post:\n    responses:\n      '202': {description: Export queued}",
        good: "/api/v1/exports:\n  post:\n    responses:\n      '202':\n        description: Export queued\n        headers:\n          Location: {$ref: '#/components/headers/Location'}\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                task_id: {type: string, format: uuid}\n                status_url: {type: string, format: uri-reference}",
        check: Check::Model(async_202),
    },
    Rule {
        id: "method-no-body",
        level: Level::Error,
        summary: "a GET, HEAD or DELETE operation has a request body",
        rationale: "A body on GET, HEAD or DELETE has no defined meaning (RFC 9110 §9.3.1, §9.3.2, §9.3.5): proxies, caches and HTTP clients may drop or reject it, and browsers cannot send one with GET. Put the input in the path or the query, or use a POST action.",
        source: "docs/standard.md §4 Methods and status codes; RFC 9110 §9.3",
        bad: "/api/v1/orders:\n  get:\n    requestBody:\n      content:\n        application/json:\n          schema: {$ref: '#/components/schemas/OrderFilter'}",
        good: "/api/v1/orders:\n  get:\n    parameters:\n      - {name: status, in: query, schema: {type: string}}",
        check: Check::Model(method_no_body),
    },
];

/// The standard table (see the module documentation for what is added and why).
const STANDARD_CODES: [u16; 16] = [200, 201, 202, 204, 302, 304, 307, 400, 401, 403, 404, 409, 422, 429, 500, 503];


/// The operation's `responses` object, or the operation when it has none.
fn responses_pointer(ctx: &Context<'_>, op: &Operation) -> String {
    let at = child(&op.pointer, "responses");
    if ctx.raw(&at).is_some() {
        at
    } else {
        op.pointer.clone()
    }
}


/// A 2xx code or the `2XX` range.
fn is_success(response: &Response) -> bool {
    response.code().is_some_and(|c| (200..300).contains(&c)) || is_status_range(&response.status, '2')
}

/// A redirect (not 304, which answers a conditional request) or the `3XX` range.
fn is_redirect(response: &Response) -> bool {
    matches!(response.code(), Some(301 | 302 | 303 | 307 | 308)) || is_status_range(&response.status, '3')
}

fn has_success_range(op: &Operation) -> bool {
    op.responses.iter().any(|r| is_status_range(&r.status, '2'))
}

/// The success code the standards prescribe for a method.
fn expected_success(method: Method) -> (&'static str, &'static str) {
    match method {
        Method::Post => ("201", "201 Created for a creation, 200 for an action, 202 when asynchronous"),
        Method::Delete => ("204", "204 No Content, 202 when asynchronous"),
        _ => ("200", "200 OK with the resource"),
    }
}

fn success_required(ctx: &Context<'_>, sink: &mut Sink) {
    for op in &ctx.api.operations {
        if op.responses.iter().any(|r| is_success(r) || is_redirect(r)) {
            continue;
        }
        let (code, what) = expected_success(op.method);
        sink.report(responses_pointer(ctx, op), format!("{} documents no 2xx success response", op.label()))
            .help(format!("document the success outcome, e.g. `'{code}': {{description: ..., content: ...}}` ({what})"));
    }
}

fn get_200(ctx: &Context<'_>, sink: &mut Sink) {
    for op in ctx.api.operations.iter().filter(|op| op.method == Method::Get) {
        if op.response("200").is_some() || has_success_range(op) {
            continue;
        }
        // Without any 2xx this is status-success-required's finding.
        let Some(first) = op.responses.iter().find(|r| is_success(r)) else { continue };
        sink.report(&first.use_pointer, format!("{} returns {} instead of 200 OK", op.label(), first.status))
            .help("document `'200'` with the resource (or the page of the list) as its body; a successful GET returns 200");
    }
}

/// The last word of a path segment looks like a plural noun (`orders`, `line-items`),
/// not a verb or a singular (`retry`, `login`, `status`, `access`, `analysis`).
pub(crate) fn looks_plural(segment: &str) -> bool {
    let word = segment.rsplit(['-', '_', '.']).next().unwrap_or(segment).to_ascii_lowercase();
    word.len() > 2 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is")
}

/// A POST that creates a member of a collection: not an item path, and its last
/// segment is a plural noun or the path also has a list GET. Everything else
/// (`/jobs/{job_id}/retry`, `/auth/login`, `/search`) is an action.
fn is_collection_post(op: &Operation, list_paths: &HashSet<&str>) -> bool {
    if op.is_item_path() {
        return false;
    }
    let Some(last) = op.path.trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty()) else { return false };
    // RPC-style segments (`things:batchCreate`, `#X-Amz-Target=Service.ListThings`) are actions.
    if last.contains([':', '=', '#', '?']) {
        return false;
    }
    looks_plural(last) || list_paths.contains(op.path.as_str())
}

/// Paths whose GET returns a collection (a JSON array, or `items`/`data` arrays).
fn list_paths<'a>(ctx: &Context<'a>) -> HashSet<&'a str> {
    ctx.api
        .operations
        .iter()
        .filter(|op| op.method == Method::Get)
        .filter(|op| op.response("200").and_then(Response::json).is_some_and(|m| collection_item(&ctx.api.types, &m.ty).is_some()))
        .map(|op| op.path.as_str())
        .collect()
}

fn post_create_201(ctx: &Context<'_>, sink: &mut Sink) {
    let lists = list_paths(ctx);
    for op in ctx.api.operations.iter().filter(|op| op.method == Method::Post) {
        if !is_collection_post(op, &lists) {
            continue;
        }
        if let Some(created) = op.response("201") {
            if created.header("Location").is_none() {
                sink.report(&created.use_pointer, format!("{} returns 201 Created without a Location header", op.label()))
                    .help("add `headers: {Location: {description: URL of the created resource, schema: {type: string, format: uri-reference}}}`");
            }
            continue;
        }
        if op.response("202").is_some() || has_success_range(op) {
            continue;
        }
        // Without any 2xx this is status-success-required's finding.
        let Some(wrong) = op.response("200").or_else(|| op.responses.iter().find(|r| is_success(r))) else { continue };
        // A POST that answers 200 with a computed result (`/portfolio/optimization/…`,
        // `/balance_lookups`, `/micro-seg/recommended-rules`) creates nothing: only a path that
        // also lists, or a body that is a resource with an `id`, shows a creation.
        let computed = wrong.json().is_some_and(|m| match ctx.api.types.fields(&m.ty) {
            Some(fields) => !fields.iter().any(|f| f.name == "id"),
            None => !matches!(m.ty, TypeRef::Any),
        });
        if computed && !lists.contains(op.path.as_str()) {
            continue;
        }
        sink.report(&wrong.use_pointer, format!("{} creates a resource but returns {} instead of 201 Created", op.label(), wrong.status))
            .help(format!("document `'201'` with the created resource and a `Location` header instead of '{}' (202 Accepted when creation is asynchronous)", wrong.status));
    }
}

fn delete_204(ctx: &Context<'_>, sink: &mut Sink) {
    for op in ctx.api.operations.iter().filter(|op| op.method == Method::Delete) {
        if op.response("204").is_some() || op.response("202").is_some() || has_success_range(op) {
            continue;
        }
        let Some(wrong) = op.response("200").or_else(|| op.responses.iter().find(|r| is_success(r))) else { continue };
        sink.report(&wrong.use_pointer, format!("{} returns {} instead of 204 No Content", op.label(), wrong.status))
            .help(format!("document `'204': {{description: Deleted}}` with no body instead of '{}' (202 Accepted when deletion is asynchronous)", wrong.status));
    }
}

/// What to use instead of a code outside the table, when there is an obvious answer.
fn replacement(code: u16) -> Option<&'static str> {
    Some(match code {
        206 => "serve the whole representation with 200; no standard documents Range requests",
        301 | 308 => "keep a moved API under its old /api/vN with Deprecation and Sunset headers instead of a permanent redirect; 307 for a temporary one",
        303 => "answer 201 with a Location header after a creation, or 302/307 for a redirect",
        410 => "use 404 Not Found",
        412 => "use 409 Conflict for a stale write (no standard documents If-Match)",
        405 | 406 | 413 | 414 | 415 | 431 => "use 400 Bad Request (or 422 for a request that is well-formed but invalid)",
        502 | 504 => "use 503 Service Unavailable",
        _ => return None,
    })
}

fn known_codes(ctx: &Context<'_>, sink: &mut Sink) {
    let table = STANDARD_CODES.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    let generic = format!("use one of {table}, or a 4XX/5XX range; a deliberate exception can be silenced with `x-apigen-ignore: [status-known-codes]`");
    for op in &ctx.api.operations {
        for r in &op.responses {
            let status = r.status.as_str();
            if status == "default" || is_status_range(status, '2') || is_status_range(status, '4') || is_status_range(status, '5') {
                continue;
            }
            if is_status_range(status, '1') || is_status_range(status, '3') {
                sink.report(&r.use_pointer, format!("{} documents the {status} range, which is outside the standard status table", op.label()))
                    .help(generic.clone());
                continue;
            }
            match r.code() {
                Some(code) if STANDARD_CODES.contains(&code) => {}
                Some(code) if (100..600).contains(&code) => {
                    sink.report(&r.use_pointer, format!("{} documents status {code}, which is not in the standard status table", op.label()))
                        .help(replacement(code).map_or_else(|| generic.clone(), str::to_string));
                }
                _ => {
                    sink.report(&r.use_pointer, format!("{} documents '{status}', which is not an HTTP status code", op.label()))
                        .help(generic.clone());
                }
            }
        }
    }
}

/// A field name that carries a polling URL.
fn is_status_url_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(n.as_str(), "status_url" | "location" | "href" | "links" | "_links")
}

/// A string field whose name or format says it is a URL (`url`, `poll_url`, `format: uri`).
fn is_url_field(graph: &TypeGraph, field: &crate::model::Field) -> bool {
    let n = field.name.to_ascii_lowercase();
    let url_name = ["url", "uri", "href", "link"].iter().any(|u| n == *u || n.ends_with(&format!("_{u}")));
    let url_format = field.constraints.format.as_deref().is_some_and(|f| matches!(f, "uri" | "uri-reference" | "url" | "iri" | "iri-reference"));
    matches!(graph.unalias(&field.ty), TypeRef::Primitive(_)) && (url_name || url_format)
}

/// The body (or a member object of it, such as an envelope's `data`) names a status URL.
fn has_status_url(graph: &TypeGraph, ty: &TypeRef, depth: u8) -> bool {
    let Some(fields) = graph.fields(ty) else { return false };
    fields.iter().any(|f| is_status_url_name(&f.name) || is_url_field(graph, f))
        || (depth == 0 && fields.iter().any(|f| has_status_url(graph, &f.ty, depth + 1)))
}

fn async_202(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    for op in &ctx.api.operations {
        let Some(accepted) = op.response("202") else { continue };
        if accepted.header("Location").is_some() {
            continue;
        }
        if accepted.content.iter().filter(|m| m.is_json()).any(|m| has_status_url(graph, &m.ty, 0)) {
            continue;
        }
        sink.report(&accepted.use_pointer, format!("{} returns 202 Accepted without a Location header or a status URL in the body", op.label()))
            .help("add a `Location` header pointing to the status resource, or a `status_url` field to the body");
    }
}

fn method_no_body(ctx: &Context<'_>, sink: &mut Sink) {
    for op in &ctx.api.operations {
        if !matches!(op.method, Method::Get | Method::Head | Method::Delete) || op.request_body.is_none() {
            continue;
        }
        let help = match op.method {
            Method::Delete => "identify the resource in the path; for a bulk delete use a POST action such as `POST …/bulk-delete`",
            _ => "send the input as query parameters; a search too complex for a query string is a POST action such as `POST …/search`",
        };
        // The operation's `requestBody` entry: the body itself, or the `$ref` to a shared one
        // (the operation is at fault, not the shared body).
        sink.report(child(&op.pointer, "requestBody"), format!("{} has a request body", op.label())).help(help);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    fn at(pointer: &str, line: usize) -> (String, usize) {
        (pointer.to_string(), line)
    }

    #[test]
    fn success_response_is_required() {
        let bad = doc("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '400': {description: bad}\n", "");
        assert_eq!(findings(&bad, "status-success-required"), [at("/paths/~1api~1v1~1orders/get/responses", 10)]);
        assert!(findings(&bad.replace("'400'", "'200'"), "status-success-required").is_empty());
        assert!(findings(&bad.replace("'400'", "'2XX'"), "status-success-required").is_empty());
        // A redirect is the outcome of an OAuth authorize step (docs/standard.md §4).
        assert!(findings(&bad.replace("'400'", "'302'"), "status-success-required").is_empty());
    }

    #[test]
    fn get_returns_200() {
        let bad = doc("  /api/v1/orders/{order_id}:\n    get:\n      operationId: get_order\n      responses:\n        '204': {description: found}\n        '404': {description: missing}\n", "");
        assert_eq!(findings(&bad, "status-get-200"), [at("/paths/~1api~1v1~1orders~1{order_id}/get/responses/204", 11)]);
        assert!(findings(&bad.replace("'204'", "'200'"), "status-get-200").is_empty());
        assert!(findings(&bad.replace("'204'", "'2XX'"), "status-get-200").is_empty());
        // No 2xx at all is status-success-required's business.
        assert!(findings(&bad.replace("'204'", "'400'"), "status-get-200").is_empty());
    }

    const CREATED: &str = "        '201':\n          description: created\n          headers:\n            Location: {schema: {type: string}}\n";

    #[test]
    fn post_on_a_collection_returns_201_with_location() {
        let paths = "  /api/v1/orders:\n    post:\n      operationId: create_order\n      responses:\n        '200': {description: created}\n";
        assert_eq!(findings(&doc(paths, ""), "status-post-create-201"), [at("/paths/~1api~1v1~1orders/post/responses/200", 11)]);
        let no_location = paths.replace("'200'", "'201'");
        assert_eq!(findings(&doc(&no_location, ""), "status-post-create-201"), [at("/paths/~1api~1v1~1orders/post/responses/201", 11)]);
        // A nested collection is a collection too (docs/standard.md §3 Naming, nested resources).
        let nested = paths.replace("/api/v1/orders:", "/api/v1/orders/{order_id}/line-items:");
        assert_eq!(findings(&doc(&nested, ""), "status-post-create-201"), [at("/paths/~1api~1v1~1orders~1{order_id}~1line-items/post/responses/200", 11)]);

        let good = paths.replace("        '200': {description: created}\n", CREATED);
        assert!(findings(&doc(&good, ""), "status-post-create-201").is_empty());
        let accepted = paths.replace("'200'", "'202'");
        assert!(findings(&doc(&accepted, ""), "status-post-create-201").is_empty());
        // Actions are not creations.
        let action = paths.replace("/api/v1/orders:", "/api/v1/orders/{order_id}/cancel:");
        assert!(findings(&doc(&action, ""), "status-post-create-201").is_empty());
        let login = paths.replace("/api/v1/orders:", "/api/v1/auth/login:");
        assert!(findings(&doc(&login, ""), "status-post-create-201").is_empty());
        let custom_method = paths.replace("/api/v1/orders:", "/api/v1/orders:batch-create:");
        assert!(findings(&doc(&custom_method, ""), "status-post-create-201").is_empty());
    }

    #[test]
    fn post_returning_a_computed_result_is_not_a_creation() {
        // portfoliooptimizer: `POST /portfolio/optimization/equal-risk-contributions` answers 200 with weights.
        let paths = "  /portfolio/optimization/equal-risk-contributions:\n    post:\n      operationId: erc\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {type: object, properties: {assetsWeights: {type: array, items: {type: number}}}}\n";
        assert!(findings(&doc(paths, ""), "status-post-create-201").is_empty());
        // increase: `POST /exports` answers 200 with the export, which has an id.
        let exports = paths.replace("/portfolio/optimization/equal-risk-contributions", "/exports").replace("assetsWeights: {type: array, items: {type: number}}", "id: {type: string}");
        assert_eq!(findings(&doc(&exports, ""), "status-post-create-201"), [at("/paths/~1exports/post/responses/200", 11)]);
    }

    #[test]
    fn post_on_a_path_with_a_list_get_is_a_creation() {
        let paths = "  /api/v1/people:\n    get:\n      operationId: list_people\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {type: string}}\n    post:\n      operationId: create_person\n      responses:\n        '200': {description: created}\n";
        assert_eq!(findings(&doc(paths, ""), "status-post-create-201"), [at("/paths/~1api~1v1~1people/post/responses/200", 19)]);
    }

    #[test]
    fn delete_returns_204() {
        let bad = doc("  /api/v1/orders/{order_id}:\n    delete:\n      operationId: delete_order\n      responses:\n        '200': {description: deleted}\n", "");
        assert_eq!(findings(&bad, "status-delete-204"), [at("/paths/~1api~1v1~1orders~1{order_id}/delete/responses/200", 11)]);
        assert!(findings(&bad.replace("'200'", "'204'"), "status-delete-204").is_empty());
        assert!(findings(&bad.replace("'200'", "'202'"), "status-delete-204").is_empty());
    }

    #[test]
    fn codes_come_from_the_standard_table() {
        let bad = doc(
            "  /api/v1/orders/{order_id}:\n    get:\n      operationId: get_order\n      responses:\n        '200': {description: ok}\n        '206': {description: partial}\n        '410': {description: gone}\n        '4XX': {description: client error}\n        '3XX': {description: moved}\n        ok: {description: fine}\n",
            "",
        );
        let found = findings(&bad, "status-known-codes");
        assert_eq!(found, [at("/paths/~1api~1v1~1orders~1{order_id}/get/responses/206", 12), at("/paths/~1api~1v1~1orders~1{order_id}/get/responses/410", 13),
            at("/paths/~1api~1v1~1orders~1{order_id}/get/responses/3XX", 15), at("/paths/~1api~1v1~1orders~1{order_id}/get/responses/ok", 16)]);
        let good = doc(
            "  /api/v1/orders/{order_id}:\n    get:\n      operationId: get_order\n      responses:\n        '200': {description: ok}\n        '304': {description: not modified}\n        '404': {description: missing}\n        '5XX': {description: server error}\n        default: {description: error}\n",
            "",
        );
        assert!(findings(&good, "status-known-codes").is_empty());
    }

    #[test]
    fn accepted_responses_give_a_status_url() {
        let bad = doc("  /api/v1/exports:\n    post:\n      operationId: create_export\n      responses:\n        '202': {description: queued}\n", "");
        assert_eq!(findings(&bad, "status-async-202"), [at("/paths/~1api~1v1~1exports/post/responses/202", 11)]);
        let with_location = bad.replace("'202': {description: queued}", "'202': {description: queued, headers: {Location: {schema: {type: string}}}}");
        assert!(findings(&with_location, "status-async-202").is_empty());
        let body = "'202':\n          description: queued\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  task_id: {type: string}\n                  status_url: {type: string}";
        let with_body = bad.replace("'202': {description: queued}", body);
        assert!(findings(&with_body, "status-async-202").is_empty());
        let enveloped = with_body.replace("                  task_id: {type: string}\n                  status_url: {type: string}", "                  data: {type: object, properties: {poll_url: {type: string}}}");
        assert!(findings(&enveloped, "status-async-202").is_empty());
    }

    #[test]
    fn get_and_delete_take_no_body() {
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object}\n      responses:\n        '200': {description: ok}\n  /api/v1/orders/{order_id}:\n    delete:\n      operationId: delete_order\n      requestBody: {$ref: '#/components/requestBodies/Reason'}\n      responses:\n        '204': {description: deleted}\n    post:\n      operationId: touch_order\n      requestBody: {$ref: '#/components/requestBodies/Reason'}\n      responses:\n        '200': {description: ok}\n";
        let components = "  requestBodies:\n    Reason:\n      content:\n        application/json:\n          schema: {type: object}\n";
        assert_eq!(
            findings(&doc(paths, components), "method-no-body"),
            [at("/paths/~1api~1v1~1orders/get/requestBody", 10), at("/paths/~1api~1v1~1orders~1{order_id}/delete/requestBody", 19)]
        );
        let good = "  /api/v1/orders:\n    post:\n      operationId: create_order\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object}\n      responses:\n        '201': {description: ok}\n";
        assert!(findings(&doc(good, ""), "method-no-body").is_empty());
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
