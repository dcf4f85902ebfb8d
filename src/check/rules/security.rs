//! Security rules: every non-public operation is authenticated with a scheme
//! the standards use, over HTTPS, with well-formed permissions (docs/standard.md §8
//! Security).

use std::collections::HashSet;

use regex::Regex;
use serde_json::Value;

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::load::tree::child;
use crate::model::SchemeKind;

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "security-required",
        level: Level::Error,
        summary: "an operation outside `public-paths` declares no security",
        rationale: "Every standard authenticates its endpoints (API key header or bearer JWT); only the health endpoint is public. An operation without a security requirement is generated without an auth extractor and ships open to anyone. Paths that really are public belong in the `public-paths` convention.",
        source: "docs/standard.md §8 Security",
        bad: "/api/v1/orders:\n  get:\n    operationId: list_orders\n    security: []",
        good: "/api/v1/orders:\n  get:\n    operationId: list_orders\n    security:\n      - BearerAuth: []",
        check: Check::Model(security_required),
    },
    Rule {
        id: "security-scheme-standard",
        level: Level::Warn,
        summary: "a security scheme the standards do not use (API key in query or cookie, HTTP basic)",
        rationale: "The standards authenticate with an API key in a header or a bearer JWT (OAuth2 and OpenID Connect issue those). Keys in the query string end up in server logs, proxies and browser history; cookies invite CSRF; HTTP basic sends the password with every request.",
        source: "docs/standard.md §8 Security",
        bad: "securitySchemes:\n  ApiKey:\n    type: apiKey\n    in: query\n    name: api_key",
        good: "securitySchemes:\n  ApiKey:\n    type: apiKey\n    in: header\n    name: X-API-Key",
        check: Check::Model(scheme_standard),
    },
    Rule {
        id: "security-https",
        level: Level::Warn,
        summary: "a server URL is not `https://`",
        rationale: "API keys and bearer tokens travel in headers; over plain HTTP anyone on the path can read and replay them. Relative URLs and local development servers (`localhost`, `127.0.0.1`) are accepted.",
        source: "docs/standard.md §8 Security",
        bad: "servers:\n  - url: http://api.example.com",
        good: "servers:\n  - url: https://api.example.com\n  - url: http://localhost:8080",
        check: Check::Model(https),
    },
    Rule {
        id: "permissions-format",
        level: Level::Error,
        summary: "an `x-permissions` entry is not `{resource}.{action}`",
        rationale: "Permissions are checked by generated server code and granted by administrators by name; one format (`orders.read`, `production-orders.write`) keeps them greppable and lets tooling group them by resource.",
        source: "docs/standard.md §8 Security",
        bad: "x-permissions: [ReadOrders, 'orders:write']",
        good: "x-permissions: [orders.read, orders.write]",
        check: Check::Model(permissions_format),
    },
];


fn security_required(ctx: &Context<'_>, sink: &mut Sink) {
    let public: HashSet<&str> = ctx.api.conventions.public_paths.iter().map(String::as_str).collect();
    let scheme_hint = ctx.api.security_schemes.first().map_or("BearerAuth", |s| s.name.as_str());
    for op in &ctx.api.operations {
        if op.is_secured() || public.contains(op.path.as_str()) {
            continue;
        }
        let own = child(&op.pointer, "security");
        let written_here = ctx.raw(&own).is_some();
        let (pointer, message) = match &op.security {
            None => (op.pointer.clone(), format!("{} declares no security requirement", op.label())),
            Some(alts) if alts.is_empty() => {
                if written_here {
                    (own, format!("{} is marked public with `security: []` but its path is not in public-paths", op.label()))
                } else {
                    (op.pointer.clone(), format!("{} inherits `security: []` from the document root", op.label()))
                }
            }
            Some(_) => {
                let at = if written_here { own } else { op.pointer.clone() };
                (at, format!("{} allows anonymous access through an empty security requirement `{{}}`", op.label()))
            }
        };
        sink.report(pointer, message).help(format!(
            "require a scheme, e.g. `security: [{{{scheme_hint}: []}}]`, or add '{}' to the `public-paths` convention if it is meant to be public",
            op.path
        ));
    }
}

fn scheme_standard(ctx: &Context<'_>, sink: &mut Sink) {
    for scheme in &ctx.api.security_schemes {
        let name = &scheme.name;
        match &scheme.kind {
            SchemeKind::ApiKey { location, name: key } if location == "query" || location == "cookie" => {
                let leak = if location == "query" { "URLs and access logs" } else { "cookies (CSRF)" };
                sink.report(&scheme.pointer, format!("security scheme '{name}' sends API key '{key}' in the {location}, which exposes it through {leak}"))
                    .help("send the key in a header (`in: header`, `name: X-API-Key`), or use a bearer token");
            }
            SchemeKind::Basic => {
                sink.report(&scheme.pointer, format!("security scheme '{name}' uses HTTP basic authentication, which the standards do not use"))
                    .help("use `type: http, scheme: bearer, bearerFormat: JWT` or an API key header (`type: apiKey, in: header, name: X-API-Key`)");
            }
            _ => {}
        }
    }
}

/// Hosts that only a developer's own machine serves.
fn is_local(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or("").to_string(),
        None => host.split(':').next().unwrap_or("").to_string(),
    };
    host == "localhost" || host.ends_with(".localhost") || host == "127.0.0.1" || host == "::1" || host == "0.0.0.0"
}

/// Checks one server object at `pointer` (`…/servers/{i}`).
fn check_server(sink: &mut Sink, pointer: &str, server: &Value) {
    let Some(url) = server.get("url").and_then(Value::as_str) else { return };
    let Some((scheme, rest)) = url.split_once("://") else { return };
    // `{scheme}://…`: judge the variable's default.
    let scheme = match scheme.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        Some(var) => match server.get("variables").and_then(|v| v.get(var)).and_then(|v| v.get("default")).and_then(Value::as_str) {
            Some(default) => default.to_string(),
            None => return,
        },
        None => scheme.to_string(),
    };
    if scheme.eq_ignore_ascii_case("https") {
        return;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    if is_local(host) {
        return;
    }
    sink.report(child(pointer, "url"), format!("server URL '{url}' does not use https"))
        .help(format!("serve the API over TLS: `url: https://{rest}`"));
}

fn https(ctx: &Context<'_>, sink: &mut Sink) {
    let mut lists: Vec<String> = vec!["/servers".to_string()];
    // Path item and operation `servers` override the root list; check them too (once per path item).
    let mut seen = HashSet::new();
    for op in &ctx.api.operations {
        if let Some((item, _)) = op.pointer.rsplit_once('/') {
            if seen.insert(item.to_string()) {
                lists.push(child(item, "servers"));
            }
        }
        lists.push(child(&op.pointer, "servers"));
    }
    for list in lists {
        let Some(Value::Array(servers)) = ctx.raw(&list) else { continue };
        for (i, server) in servers.iter().enumerate() {
            check_server(sink, &child(&list, &i.to_string()), server);
        }
    }
}

/// `{resource}.{action}`: kebab/snake resource, snake action.
const PERMISSION: &str = r"^[a-z][a-z0-9_-]*\.[a-z][a-z0-9_]*$";

/// A conforming spelling of a malformed permission, when an obvious one exists.
fn suggest_permission(re: &Regex, written: &str) -> Option<String> {
    let lowered = written.trim().to_ascii_lowercase();
    let candidate = match lowered.find([':', '/', '.']) {
        Some(i) => format!("{}.{}", &lowered[..i], &lowered[i + 1..]),
        None => return None,
    };
    re.is_match(&candidate).then_some(candidate)
}

fn permissions_format(ctx: &Context<'_>, sink: &mut Sink) {
    let re = Regex::new(PERMISSION).expect("valid permission pattern");
    for op in &ctx.api.operations {
        if op.annotations.permissions.is_empty() {
            continue;
        }
        let list = child(&op.pointer, "x-permissions");
        // Indices come from the raw list, so they match what is written.
        let Some(Value::Array(items)) = ctx.raw(&list) else { continue };
        for (i, item) in items.iter().enumerate() {
            let Some(permission) = item.as_str() else { continue };
            if re.is_match(permission) {
                continue;
            }
            let f = sink.report(
                child(&list, &i.to_string()),
                format!("permission '{permission}' of {} is not of the form {{resource}}.{{action}}", op.label()),
            );
            match suggest_permission(&re, permission) {
                Some(fixed) => f.help(format!("write it as '{fixed}'")),
                None => f.help("use a lowercase resource, a dot and a lowercase action, e.g. 'orders.read' or 'production-orders.write'"),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    /// A full document with its own root lines (`security`, `servers`) and `components`.
    fn full(root: &str, paths: &str, components: &str) -> String {
        format!("openapi: 3.0.3\ninfo:\n  title: Test\n  version: 1.0.0\n{root}paths:\n{paths}components:\n{components}")
    }

    /// Five lines of `paths`.
    const OP: &str = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200': {description: ok}\n";

    const SCHEMES: &str = "  securitySchemes:\n    ApiKey: {type: apiKey, in: header, name: X-API-Key}\n";

    #[test]
    fn security_required_reports_open_operations() {
        // Line 7: the path, 8: get, 10: security.
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      security: []\n      responses:\n        '200': {description: ok}\n  /api/v1/customers:\n    get:\n      operationId: list_customers\n      responses:\n        '200': {description: ok}\n";
        assert_eq!(
            findings(&doc(paths, SCHEMES), "security-required"),
            [
                ("/paths/~1api~1v1~1orders/get/security".to_string(), 10),
                ("/paths/~1api~1v1~1customers/get".to_string(), 14),
            ]
        );
    }

    #[test]
    fn security_required_accepts_secured_and_public_operations() {
        // Root security secures the orders list; the public health path opts out with `security: []`.
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200': {description: ok}\n  /api/health:\n    get:\n      operationId: health\n      security: []\n      responses:\n        '200': {description: ok}\n";
        let yaml = full("servers: [{url: 'https://api.example.com'}]\nsecurity:\n  - ApiKey: []\n", paths, SCHEMES);
        assert!(findings(&yaml, "security-required").is_empty());
    }

    #[test]
    fn security_required_reports_inherited_public_and_anonymous_alternatives() {
        // Root `security: []` is inherited (reported at the operation, line 8);
        // `security: [{}]` on an operation allows anonymous access (line 15).
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200': {description: ok}\n  /api/v1/customers:\n    get:\n      operationId: list_customers\n      security: [{}]\n      responses:\n        '200': {description: ok}\n";
        let yaml = full("security: []\n", paths, SCHEMES);
        assert_eq!(
            findings(&yaml, "security-required"),
            [("/paths/~1api~1v1~1orders/get".to_string(), 8), ("/paths/~1api~1v1~1customers/get/security".to_string(), 15)]
        );
    }

    #[test]
    fn scheme_standard_reports_query_cookie_and_basic() {
        let components = "  securitySchemes:\n    QueryKey: {type: apiKey, in: query, name: api_key}\n    CookieKey: {type: apiKey, in: cookie, name: session}\n    Basic: {type: http, scheme: basic}\n";
        // `components:` is line 12, the schemes start at line 14.
        assert_eq!(
            findings(&doc(OP, components), "security-scheme-standard"),
            [
                ("/components/securitySchemes/QueryKey".to_string(), 14),
                ("/components/securitySchemes/CookieKey".to_string(), 15),
                ("/components/securitySchemes/Basic".to_string(), 16),
            ]
        );
    }

    #[test]
    fn scheme_standard_accepts_header_key_bearer_and_oauth() {
        let components = "  securitySchemes:\n    ApiKey: {type: apiKey, in: header, name: X-API-Key}\n    Bearer: {type: http, scheme: bearer, bearerFormat: JWT}\n    OAuth:\n      type: oauth2\n      flows:\n        clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {}}\n    Oidc: {type: openIdConnect, openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration'}\n";
        assert!(findings(&doc(OP, components), "security-scheme-standard").is_empty());
    }

    #[test]
    fn https_reports_plain_http_servers() {
        let root = "servers:\n  - url: https://api.example.com\n  - url: http://api.example.com/v1\n  - url: '{scheme}://staging.example.com'\n    variables:\n      scheme: {default: http}\n";
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      servers: [{url: 'http://orders.example.com'}]\n      responses:\n        '200': {description: ok}\n";
        assert_eq!(
            findings(&full(root, paths, ""), "security-https"),
            [
                ("/servers/1/url".to_string(), 7),
                ("/servers/2/url".to_string(), 8),
                ("/paths/~1api~1v1~1orders/get/servers/0/url".to_string(), 15),
            ]
        );
    }

    #[test]
    fn https_accepts_https_relative_and_local_servers() {
        let root = "servers:\n  - url: https://api.example.com\n  - url: /api\n  - url: http://localhost:8080\n  - url: http://127.0.0.1:3000/api\n  - url: 'http://[::1]:8080'\n";
        assert!(findings(&full(root, OP, ""), "security-https").is_empty());
        assert!(findings(&doc(OP, ""), "security-https").is_empty());
    }

    #[test]
    fn permissions_must_be_resource_dot_action() {
        let paths = "  /api/v1/orders:\n    post:\n      operationId: create_order\n      x-permissions: [orders.write, 'Orders:Read', admin]\n      responses:\n        '201': {description: ok}\n";
        assert_eq!(
            findings(&doc(paths, ""), "permissions-format"),
            [
                ("/paths/~1api~1v1~1orders/post/x-permissions/1".to_string(), 10),
                ("/paths/~1api~1v1~1orders/post/x-permissions/2".to_string(), 10),
            ]
        );
        let good = paths.replace("'Orders:Read', admin", "orders.read, production-orders.write, order_items.bulk_update");
        assert!(findings(&doc(&good, ""), "permissions-format").is_empty());
    }

    #[test]
    fn permission_suggestions() {
        let re = regex::Regex::new(super::PERMISSION).expect("valid");
        assert_eq!(super::suggest_permission(&re, "Orders:Read").as_deref(), Some("orders.read"));
        assert_eq!(super::suggest_permission(&re, "orders/write").as_deref(), Some("orders.write"));
        assert_eq!(super::suggest_permission(&re, "admin"), None);
    }
}
