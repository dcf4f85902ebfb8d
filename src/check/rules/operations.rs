//! Operational rules: rate limits, request tracing, idempotency keys, a
//! health endpoint and cache headers (docs/standard.md §9 Operations).

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::model::{Method, ParamLocation};

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "ops-rate-limit",
        level: Level::Warn,
        summary: "a secured operation has no `x-rate-limit`, or a rate-limited one does not document the rate-limit headers",
        rationale: "The standards rate-limit every authenticated endpoint and tell clients where they stand with `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`, and when to come back with `Retry-After` on 429. Generated servers emit these headers and generated clients back off on them only when the spec documents them.",
        source: "docs/standard.md §9 Operations",
        bad: "get:\n  operationId: list_orders\n  security: [{ApiKey: []}]\n  responses:\n    '200': {description: ok}",
        good: "get:\n  operationId: list_orders\n  security: [{ApiKey: []}]\n  x-rate-limit: 100/minute\n  responses:\n    '200':\n      description: ok\n      headers:\n        X-RateLimit-Limit: {schema: {type: integer}}\n        X-RateLimit-Remaining: {schema: {type: integer}}\n        X-RateLimit-Reset: {schema: {type: integer}}\n    '429':\n      description: too many requests\n      headers:\n        Retry-After: {schema: {type: integer}}",
        check: Check::Model(rate_limit),
    },
    Rule {
        id: "ops-request-id",
        level: Level::Info,
        summary: "a success response does not document the `X-Request-ID` header",
        rationale: "Every response carries the request id so that a client can quote it in a bug report and operators can find the request in the logs. Documenting the header makes generated clients surface it.",
        source: "docs/standard.md §9 Operations",
        bad: "'200':\n  description: ok",
        good: "'200':\n  description: ok\n  headers:\n    X-Request-ID: {schema: {type: string, format: uuid}}",
        check: Check::Model(request_id),
    },
    Rule {
        id: "ops-idempotency-key",
        level: Level::Info,
        summary: "a creating POST is not `x-idempotent: true`, or an idempotent operation does not declare the `Idempotency-Key` header",
        rationale: "A POST that creates is the one request a client cannot safely retry after a timeout: it may create twice. With an `Idempotency-Key` header the server recognises the retry; generated clients send a key and reuse it on retry, so they may retry POSTs.",
        source: "docs/standard.md §9 Operations",
        bad: "post:\n  operationId: create_order\n  responses:\n    '201': {description: created}",
        good: "post:\n  operationId: create_order\n  x-idempotent: true\n  parameters:\n    - {name: Idempotency-Key, in: header, required: false, schema: {type: string}}\n  responses:\n    '201': {description: created}",
        check: Check::Model(idempotency_key),
    },
    Rule {
        id: "ops-health-endpoint",
        level: Level::Warn,
        summary: "the document has no `GET` health endpoint",
        rationale: "Load balancers, orchestrators and uptime checks need an unauthenticated endpoint that reports the service's status, version and dependencies. Every standard defines one (`/health` or `/api/health`).",
        source: "docs/standard.md §9 Operations",
        bad: "paths:\n  /api/v1/orders:\n    get: {...}",
        good: "paths:\n  /api/health:\n    get:\n      operationId: health\n      security: []\n      responses:\n        '200': {description: healthy}\n  /api/v1/orders:\n    get: {...}",
        check: Check::Model(health_endpoint),
    },
    Rule {
        id: "ops-cache-headers",
        level: Level::Info,
        summary: "a GET of a single resource documents neither `ETag` nor `Cache-Control`",
        rationale: "Single resources are what clients re-fetch most; `ETag` enables conditional requests (`If-None-Match` → 304) and `Cache-Control` says how long a copy stays fresh. Documenting them lets generated clients and caches use them.",
        source: "docs/standard.md §9 Operations",
        bad: "/api/v1/orders/{order_id}:\n  get:\n    responses:\n      '200': {description: ok}",
        good: "/api/v1/orders/{order_id}:\n  get:\n    responses:\n      '200':\n        description: ok\n        headers:\n          ETag: {schema: {type: string}}\n          Cache-Control: {schema: {type: string}}",
        check: Check::Model(cache_headers),
    },
];


/// The response headers a rate-limited operation documents on success.
const RATE_LIMIT_HEADERS: [&str; 3] = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

fn rate_limit(ctx: &Context<'_>, sink: &mut Sink) {
    for op in &ctx.api.operations {
        // An unreadable `x-rate-limit` is `annotation-valid`'s finding; it still counts as written here.
        let limited = op.annotations.rate_limit.is_some() || op.extensions.contains_key("x-rate-limit");
        if !limited {
            if op.is_secured() {
                sink.report(&op.pointer, format!("{} is secured but documents no rate limit", op.label()))
                    .help("add `x-rate-limit: 100/minute` (the limit clients may rely on)");
            }
            continue;
        }
        if let Some(success) = op.success() {
            let missing: Vec<&str> = RATE_LIMIT_HEADERS.into_iter().filter(|h| success.header(h).is_none()).collect();
            if !missing.is_empty() {
                sink.report(
                    &success.use_pointer,
                    format!("{} response of rate-limited {} does not document {}", success.status, op.label(), missing.join(", ")),
                )
                .help(format!("add under `headers`: {}", missing.iter().map(|h| format!("`{h}: {{schema: {{type: integer}}}}`")).collect::<Vec<_>>().join(", ")));
            }
        }
        // A missing 429 is `error-responses`' finding; a documented one must say when to retry.
        if let Some(too_many) = op.response("429") {
            if too_many.header("Retry-After").is_none() {
                sink.report(&too_many.use_pointer, format!("429 response of {} does not document the Retry-After header", op.label()))
                    .help("add `Retry-After: {schema: {type: integer}, description: seconds to wait}` under the 429 response's `headers`");
            }
        }
    }
}

fn request_id(ctx: &Context<'_>, sink: &mut Sink) {
    for op in &ctx.api.operations {
        let Some(success) = op.success() else { continue };
        if success.header("X-Request-ID").is_none() {
            sink.report(&success.use_pointer, format!("{} response of {} does not document the X-Request-ID header", success.status, op.label()))
                .help("add `X-Request-ID: {schema: {type: string, format: uuid}}` under the response's `headers` (a shared `components/headers` entry keeps it short)");
        }
    }
}

fn idempotency_key(ctx: &Context<'_>, sink: &mut Sink) {
    for op in &ctx.api.operations {
        let key = op.params_in(ParamLocation::Header).find(|p| p.name.eq_ignore_ascii_case("Idempotency-Key"));
        if op.annotations.idempotent {
            if key.is_none() {
                sink.report(&op.pointer, format!("{} is `x-idempotent: true` but does not declare the Idempotency-Key header parameter", op.label()))
                    .help("add `- {name: Idempotency-Key, in: header, required: false, schema: {type: string}}` to parameters");
            }
            continue;
        }
        // 201 creates; 202 creates only on a collection (`POST /exports`): a 202 action on an
        // item or a verb (`POST /apps/{app_id}/versions/{version_id}/train`) starts work, it
        // creates nothing a retry could duplicate.
        let on_collection = || {
            !op.is_item_path()
                && op.path.trim_end_matches('/').rsplit('/').next().is_some_and(|last| !last.contains([':', '=', '#', '?']) && super::status::looks_plural(last))
        };
        let creates = op.method == Method::Post && (op.response("201").is_some() || (op.response("202").is_some() && on_collection()));
        if creates {
            let help = if key.is_some() {
                "add `x-idempotent: true`: the Idempotency-Key header is declared, so clients can retry safely"
            } else {
                "add `x-idempotent: true` and an `Idempotency-Key` header parameter so that clients can retry safely"
            };
            sink.report(&op.pointer, format!("{} creates a resource but is not `x-idempotent: true`", op.label())).help(help);
        }
    }
}

/// Whether a path is a conventional health endpoint: `[/api][/v{N}]/health` or `…/healthz`.
fn is_health_path(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let Some(rest) = path.strip_suffix("/health").or_else(|| path.strip_suffix("/healthz")) else { return false };
    let rest = rest.strip_prefix("/api").unwrap_or(rest);
    rest.is_empty()
        || rest.strip_prefix("/v").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn health_endpoint(ctx: &Context<'_>, sink: &mut Sink) {
    let ops = &ctx.api.operations;
    if ops.is_empty() {
        return;
    }
    let public = &ctx.api.conventions.public_paths;
    let found = ops.iter().any(|op| op.method == Method::Get && (is_health_path(&op.path) || public.iter().any(|p| p == &op.path)));
    if !found {
        let at = public.first().map_or("/api/health", String::as_str);
        sink.report("/paths", "the document has no GET health endpoint")
            .help(format!("add `GET {at}` without security, returning status, version, timestamp and dependency checks"));
    }
}

fn cache_headers(ctx: &Context<'_>, sink: &mut Sink) {
    for op in &ctx.api.operations {
        if op.method != Method::Get || !op.is_item_path() {
            continue;
        }
        let Some(ok) = op.response("200") else { continue };
        if ok.header("ETag").is_none() && ok.header("Cache-Control").is_none() {
            sink.report(&ok.use_pointer, format!("200 response of {} documents neither ETag nor Cache-Control", op.label()))
                .help("add `ETag: {schema: {type: string}}` (conditional requests) and/or `Cache-Control: {schema: {type: string}}` under the response's `headers`");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    const OK: &str = "        '200': {description: ok}\n";

    #[test]
    fn rate_limit_required_on_secured_operations() {
        // Line 8: the secured GET; the public one (security: []) is not reported.
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      security: [{ApiKey: []}]\n      responses:\n        '200': {description: ok}\n  /api/health:\n    get:\n      operationId: health\n      security: []\n      responses:\n        '200': {description: ok}\n";
        assert_eq!(findings(&doc(paths, ""), "ops-rate-limit"), [("/paths/~1api~1v1~1orders/get".to_string(), 8)]);
    }

    #[test]
    fn rate_limit_headers_and_retry_after() {
        // Line 13: the 200 response (one header of three), line 17: the 429 without Retry-After.
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      security: [{ApiKey: []}]\n      x-rate-limit: 100/minute\n      responses:\n        '200':\n          description: ok\n          headers:\n            X-RateLimit-Limit: {schema: {type: integer}}\n        '429':\n          description: too many requests\n";
        assert_eq!(
            findings(&doc(paths, ""), "ops-rate-limit"),
            [
                ("/paths/~1api~1v1~1orders/get/responses/200".to_string(), 13),
                ("/paths/~1api~1v1~1orders/get/responses/429".to_string(), 17),
            ]
        );
    }

    #[test]
    fn rate_limit_documented_passes() {
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      security: [{ApiKey: []}]\n      x-rate-limit: 100/minute\n      responses:\n        '200':\n          description: ok\n          headers:\n            x-ratelimit-limit: {schema: {type: integer}}\n            X-RateLimit-Remaining: {schema: {type: integer}}\n            X-RateLimit-Reset: {schema: {type: integer}}\n        '429':\n          description: too many requests\n          headers:\n            Retry-After: {schema: {type: integer}}\n";
        assert!(findings(&doc(paths, ""), "ops-rate-limit").is_empty());
    }

    #[test]
    fn request_id_on_success_response() {
        // Only the first success response is reported (line 11), once per operation.
        let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n{OK}        '206': {{description: partial}}\n");
        assert_eq!(findings(&doc(&paths, ""), "ops-request-id"), [("/paths/~1api~1v1~1orders/get/responses/200".to_string(), 11)]);
        let good = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200':\n          description: ok\n          headers:\n            X-Request-Id: {schema: {type: string, format: uuid}}\n";
        assert!(findings(&doc(good, ""), "ops-request-id").is_empty());
    }

    #[test]
    fn idempotency_key_on_creating_posts() {
        // Line 8: a creating POST without x-idempotent; line 13: x-idempotent without the header.
        let paths = "  /api/v1/orders:\n    post:\n      operationId: create_order\n      responses:\n        '201': {description: created}\n  /api/v1/exports:\n    post:\n      operationId: create_export\n      x-idempotent: true\n      responses:\n        '202': {description: accepted}\n";
        assert_eq!(
            findings(&doc(paths, ""), "ops-idempotency-key"),
            [("/paths/~1api~1v1~1orders/post".to_string(), 8), ("/paths/~1api~1v1~1exports/post".to_string(), 13)]
        );
    }

    #[test]
    fn accepted_actions_are_not_creations() {
        // azure LUIS: POST /apps/{appId}/versions/{versionId}/train answers 202 and creates nothing.
        let paths = "  /apps/{appId}/versions/{versionId}/train:\n    post:\n      description: Sends a training request for a version of a specified LUIS app.\n      operationId: Train_TrainVersion\n      parameters:\n        - {name: appId, in: path, required: true, schema: {type: string, format: uuid}}\n        - {name: versionId, in: path, required: true, schema: {type: string}}\n      responses:\n        '202': {description: This operation does not return data.}\n";
        assert!(findings(&doc(paths, ""), "ops-idempotency-key").is_empty());
        // On a collection, a 202 is an asynchronous creation.
        let exports = "  /api/v1/exports:\n    post:\n      operationId: create_export\n      responses:\n        '202': {description: accepted}\n";
        assert_eq!(findings(&doc(exports, ""), "ops-idempotency-key"), [("/paths/~1api~1v1~1exports/post".to_string(), 8)]);
    }

    #[test]
    fn idempotency_key_declared_passes() {
        // The header is found case-insensitively and through a component parameter; a non-creating POST action is fine.
        let paths = "  /api/v1/orders:\n    post:\n      operationId: create_order\n      x-idempotent: true\n      parameters:\n        - {name: idempotency-key, in: header, schema: {type: string}}\n      responses:\n        '201': {description: created}\n  /api/v1/exports:\n    post:\n      operationId: create_export\n      x-idempotent: true\n      parameters:\n        - $ref: '#/components/parameters/IdempotencyKey'\n      responses:\n        '202': {description: accepted}\n  /api/v1/jobs/{job_id}/retry:\n    post:\n      operationId: retry_job\n      parameters:\n        - {name: job_id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n";
        let components = "  parameters:\n    IdempotencyKey: {name: Idempotency-Key, in: header, schema: {type: string}}\n";
        assert!(findings(&doc(paths, components), "ops-idempotency-key").is_empty());
    }

    #[test]
    fn health_endpoint_missing() {
        // `paths:` is line 6; a POST /health does not count.
        let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n{OK}  /health:\n    post:\n      operationId: ping\n      responses:\n{OK}");
        assert_eq!(findings(&doc(&paths, ""), "ops-health-endpoint"), [("/paths".to_string(), 6)]);
    }

    #[test]
    fn health_endpoint_present() {
        for path in ["/health", "/api/health", "/api/v2/health", "/healthz"] {
            let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n{OK}  {path}:\n    get:\n      operationId: health\n      responses:\n{OK}");
            assert!(findings(&doc(&paths, ""), "ops-health-endpoint").is_empty(), "{path}");
        }
        // A configured public path counts.
        let paths = format!("x-apigen: {{public-paths: [/status]}}\n{}", doc(&format!("  /status:\n    get:\n      operationId: status\n      responses:\n{OK}"), ""));
        assert!(findings(&paths, "ops-health-endpoint").is_empty());
        // No operations: nothing to say.
        assert!(findings(&doc("  {}\n", ""), "ops-health-endpoint").is_empty());
    }

    #[test]
    fn health_paths() {
        for p in ["/health", "/api/health", "/api/v1/health", "/healthz", "/v3/healthz", "/health/"] {
            assert!(super::is_health_path(p), "{p}");
        }
        for p in ["/api/v1/orders/health", "/api/vx/health", "/unhealth", "/api/v/health"] {
            assert!(!super::is_health_path(p), "{p}");
        }
    }

    #[test]
    fn cache_headers_on_item_gets() {
        // Line 18: the 200 of the item GET; the collection GET is not concerned.
        let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n{OK}  /api/v1/orders/{{order_id}}:\n    get:\n      operationId: get_order\n      parameters:\n        - {{name: order_id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n{OK}");
        assert_eq!(findings(&doc(&paths, ""), "ops-cache-headers"), [("/paths/~1api~1v1~1orders~1{order_id}/get/responses/200".to_string(), 18)]);
        let good = paths.replacen(
            &format!("      responses:\n{OK}"),
            "      responses:\n        '200':\n          description: ok\n          headers:\n            ETag: {schema: {type: string}}\n",
            2,
        );
        assert!(findings(&doc(&good, ""), "ops-cache-headers").is_empty());
    }
}
