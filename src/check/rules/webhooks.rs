//! Webhook rules: what the API sends its receivers is an event in the standard
//! envelope, with the delivery headers and a declared signature, and receivers
//! can register (docs/standard.md §12 Webhooks). They judge every webhook of the
//! model: 3.1 `webhooks`, `x-webhooks` and callbacks.

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::load::tree::child;
use crate::model::{Method, ParamLocation, Webhook, WebhookSource, EVENT_ENVELOPE};

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "webhook-envelope",
        level: Level::Warn,
        summary: "a webhook's JSON payload is not the event envelope (required `event_id`, `event_type`, `timestamp`, `payload`)",
        rationale: "Receivers handle every event the same way before they look at what it is about: they drop an `event_id` they have seen (deliveries are retried, so an event may arrive twice), dispatch on `event_type`, order or reject stale events by `timestamp`, and only then read `payload`. An event without the envelope makes each receiver guess per event type.",
        source: "docs/standard.md §12 Webhooks",
        bad: "webhooks:\n  order.created:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Order'}",
        good: "webhooks:\n  order.created:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              required: [event_id, event_type, timestamp, payload]\n              properties:\n                event_id: {type: string, format: uuid}\n                event_type: {type: string, enum: [order.created]}\n                timestamp: {type: string, format: date-time}\n                payload: {$ref: '#/components/schemas/Order'}",
        check: Check::Model(envelope),
    },
    Rule {
        id: "webhook-delivery-headers",
        level: Level::Warn,
        summary: "a webhook does not declare the required delivery headers `X-Hub-Event-ID`, `X-Hub-Event-Type`, `X-Hub-Signature` and `X-Hub-Delivery`",
        rationale: "Receivers route, deduplicate and verify a delivery from its headers before they parse the body: the event id and type, the signature over the raw body, and the id of this delivery attempt (the same event redelivered has a new one). Declared as required header parameters, they are what generated senders set and generated receivers read.",
        source: "docs/standard.md §12 Webhooks",
        bad: "post:\n  parameters: []\n  requestBody: {…}",
        good: "post:\n  parameters:\n    - {name: X-Hub-Event-ID, in: header, required: true, schema: {type: string, format: uuid}}\n    - {name: X-Hub-Event-Type, in: header, required: true, schema: {type: string}}\n    - {name: X-Hub-Signature, in: header, required: true, schema: {type: string, pattern: '^sha256=[0-9a-f]{64}$'}}\n    - {name: X-Hub-Delivery, in: header, required: true, schema: {type: string, format: uuid}}\n  requestBody: {…}",
        check: Check::Model(delivery_headers),
    },
    Rule {
        id: "webhook-signature",
        level: Level::Warn,
        summary: "a webhook's `X-Hub-Signature` header does not declare the signature scheme (`pattern: '^sha256=[0-9a-f]{64}$'`)",
        rationale: "A receiver must know how to verify a delivery before it trusts it: the standard signs the raw body with HMAC-SHA256 of the subscription's secret and sends `sha256=` and the hex digest. The header's pattern says so in a form tools can read; a signature header of any string leaves the scheme to prose, and receivers that cannot tell it skip verification.",
        source: "docs/standard.md §12 Webhooks",
        bad: "- {name: X-Hub-Signature, in: header, required: true, schema: {type: string}}",
        good: "- {name: X-Hub-Signature, in: header, required: true, schema: {type: string, pattern: '^sha256=[0-9a-f]{64}$'}}",
        check: Check::Model(signature),
    },
    Rule {
        id: "webhook-registration",
        level: Level::Warn,
        summary: "the document sends webhooks but has no operation to register a receiver (a `POST` to a hooks collection, e.g. `/api/v1/webhooks`)",
        rationale: "A webhook nobody can subscribe to is never delivered. Receivers register their URL, the events they want and the secret deliveries are signed with through the API itself (`POST /api/v1/webhooks` with `url`, `events`, `secret`), so that subscriptions are managed, listed and revoked like any other resource. Callbacks need none: the operation that declares one takes the receiver's URL.",
        source: "docs/standard.md §12 Webhooks",
        bad: "paths:\n  /api/v1/orders: {…}\nwebhooks:\n  order.created: {…}",
        good: "paths:\n  /api/v1/orders: {…}\n  /api/v1/webhooks:\n    post:\n      operationId: create_webhook\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              required: [url, events, secret]\n              properties:\n                url: {type: string, format: uri}\n                events: {type: array, items: {type: string}}\n                secret: {type: string, writeOnly: true}\nwebhooks:\n  order.created: {…}",
        check: Check::Model(registration),
    },
];

/// The delivery headers, in the standard's order.
pub const DELIVERY_HEADERS: [&str; 4] = ["X-Hub-Event-ID", "X-Hub-Event-Type", "X-Hub-Signature", "X-Hub-Delivery"];

/// The signature header.
const SIGNATURE: &str = "X-Hub-Signature";

fn envelope(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    for w in &ctx.api.webhooks {
        let Some(payload) = w.payload() else {
            sink.report(&w.operation.pointer, format!("{} sends no JSON payload", w.label()))
                .help("give it a request body of `application/json` holding the event envelope");
            continue;
        };
        let fields = graph.fields(&payload.ty).unwrap_or_default();
        let problems: Vec<String> = EVENT_ENVELOPE
            .iter()
            .filter_map(|name| match fields.iter().find(|f| f.name == *name) {
                None => Some(format!("'{name}' is missing")),
                Some(f) if !f.required => Some(format!("'{name}' is not required")),
                Some(_) => None,
            })
            .collect();
        if !problems.is_empty() {
            sink.report(child(&payload.pointer, "schema"), format!("the payload of {} is not the event envelope: {}", w.label(), problems.join(", ")))
                .help("send an object with required `event_id` (uuid), `event_type`, `timestamp` (date-time) and `payload` (what the event is about)");
        }
    }
}

/// The header parameter of a webhook with a name, compared case-insensitively (RFC 9110 §5.1).
fn header<'w>(w: &'w Webhook, name: &str) -> Option<&'w crate::model::Parameter> {
    w.operation.params_in(ParamLocation::Header).find(|p| p.name.eq_ignore_ascii_case(name))
}

fn delivery_headers(ctx: &Context<'_>, sink: &mut Sink) {
    for w in &ctx.api.webhooks {
        let missing: Vec<&str> = DELIVERY_HEADERS.into_iter().filter(|h| header(w, h).is_none()).collect();
        if !missing.is_empty() {
            sink.report(&w.operation.pointer, format!("{} does not declare the delivery header{} {}", w.label(), if missing.len() > 1 { "s" } else { "" }, missing.join(", ")))
                .help("declare each as a required header parameter (`in: header, required: true`)");
        }
        for p in DELIVERY_HEADERS.into_iter().filter_map(|h| header(w, h)).filter(|p| !p.required) {
            sink.report(&p.pointer, format!("delivery header {} of {} is not required", p.name, w.label()))
                .help("every delivery carries it: add `required: true`");
        }
    }
}

/// Whether a pattern declares the standard's signature: `sha256=` and the hex digest.
fn declares_sha256(pattern: &str) -> bool {
    pattern.strip_prefix('^').is_some_and(|p| p.starts_with("sha256="))
}

fn signature(ctx: &Context<'_>, sink: &mut Sink) {
    let mut seen = std::collections::HashSet::new();
    for w in &ctx.api.webhooks {
        let Some(p) = header(w, SIGNATURE) else { continue };
        if p.constraints.pattern.as_deref().is_some_and(declares_sha256) || !seen.insert(p.pointer.as_str()) {
            continue;
        }
        sink.report(&p.pointer, format!("{SIGNATURE} of {} does not declare the signature scheme", w.label()))
            .help("add `pattern: '^sha256=[0-9a-f]{64}$'` to its schema: HMAC-SHA256 of the raw body with the subscription's secret, in hex");
    }
}

/// Whether an operation registers webhook receivers: a POST with a body to a collection named
/// for hooks (`/api/v1/webhooks`, `/webhook-subscriptions`, `/repos/{owner}/{repo}/hooks`).
fn registers_receivers(op: &crate::model::Operation) -> bool {
    let last = op.path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    op.method == Method::Post && op.request_body.is_some() && !last.starts_with('{') && last.to_ascii_lowercase().contains("hook")
}

fn registration(ctx: &Context<'_>, sink: &mut Sink) {
    // A callback is registered by the operation that declares it: its request names the URL.
    let Some(first) = ctx.api.webhooks.iter().find(|w| !matches!(w.source, WebhookSource::Callback { .. })) else { return };
    if ctx.api.operations.iter().any(registers_receivers) {
        return;
    }
    sink.report(&first.operation.pointer, format!("the API sends webhooks ({} first) but has no operation to register a receiver", first.label()))
        .help("add `POST /api/v1/webhooks` taking the receiver's `url`, the `events` it wants and the `secret` deliveries are signed with");
}

#[cfg(test)]
mod tests {
    use crate::check::testing::findings;

    /// A 3.1 document with a registration operation (unless `paths` is given) and these `webhooks`.
    fn spec(paths: &str, webhooks: &str) -> String {
        format!("openapi: 3.1.0\ninfo: {{title: T, version: 1.0.0}}\npaths:\n{paths}webhooks:\n{webhooks}")
    }

    const REGISTER: &str = "  /api/v1/webhooks:\n    post:\n      operationId: create_webhook\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object, properties: {url: {type: string, format: uri}}}\n      responses:\n        '201': {description: created}\n";

    const HEADERS: &str = "      parameters:\n        - {name: X-Hub-Event-ID, in: header, required: true, schema: {type: string, format: uuid}}\n        - {name: x-hub-event-type, in: header, required: true, schema: {type: string}}\n        - {name: X-Hub-Signature, in: header, required: true, schema: {type: string, pattern: '^sha256=[0-9a-f]{64}$'}}\n        - {name: X-Hub-Delivery, in: header, required: true, schema: {type: string, format: uuid}}\n";

    const ENVELOPED: &str = "      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              required: [event_id, event_type, timestamp, payload]\n              properties:\n                event_id: {type: string, format: uuid}\n                event_type: {type: string}\n                timestamp: {type: string, format: date-time}\n                payload: {type: object}\n      responses:\n        '204': {description: received}\n";

    fn good() -> String {
        spec(REGISTER, &format!("  order.created:\n    post:\n{HEADERS}{ENVELOPED}"))
    }

    #[test]
    fn a_webhook_that_follows_the_standard_passes_every_rule() {
        let yaml = good();
        for rule in ["webhook-envelope", "webhook-delivery-headers", "webhook-signature", "webhook-registration"] {
            assert!(findings(&yaml, rule).is_empty(), "{rule}: {:?}", findings(&yaml, rule));
        }
    }

    #[test]
    fn envelope_members_missing_or_optional() {
        // Line 24: the payload schema (`timestamp` dropped, `payload` optional).
        let yaml = good().replace("required: [event_id, event_type, timestamp, payload]", "required: [event_id, event_type, timestamp]").replace("                timestamp: {type: string, format: date-time}\n", "");
        assert_eq!(findings(&yaml, "webhook-envelope"), [("/webhooks/order.created/post/requestBody/content/application~1json/schema".to_string(), 24)]);
        let diagnostics = crate::check::testing::check(&yaml);
        let message = &diagnostics.iter().find(|d| d.rule == "webhook-envelope").unwrap().message;
        assert!(message.contains("'timestamp' is missing") && message.contains("'payload' is not required"), "{message}");
        // No JSON body at all: reported at the operation.
        let bare = spec(REGISTER, &format!("  order.created:\n    post:\n{HEADERS}      responses:\n        '204': {{description: received}}\n"));
        assert_eq!(findings(&bare, "webhook-envelope"), [("/webhooks/order.created/post".to_string(), 15)]);
    }

    #[test]
    fn delivery_headers_missing_or_optional() {
        let yaml = good().replace("        - {name: X-Hub-Delivery, in: header, required: true, schema: {type: string, format: uuid}}\n", "").replace("{name: X-Hub-Event-ID, in: header, required: true,", "{name: X-Hub-Event-ID, in: header,");
        assert_eq!(
            findings(&yaml, "webhook-delivery-headers"),
            [("/webhooks/order.created/post".to_string(), 15), ("/webhooks/order.created/post/parameters/0".to_string(), 17)]
        );
    }

    #[test]
    fn signature_scheme_must_be_declared() {
        let yaml = good().replace(", pattern: '^sha256=[0-9a-f]{64}$'", "");
        assert_eq!(findings(&yaml, "webhook-signature"), [("/webhooks/order.created/post/parameters/2".to_string(), 19)]);
        let other = good().replace("'^sha256=[0-9a-f]{64}$'", "'^[0-9a-f]{64}$'");
        assert_eq!(findings(&other, "webhook-signature").len(), 1);
    }

    #[test]
    fn registration_is_needed_once_webhooks_exist() {
        let unregistered = good().replace("/api/v1/webhooks:", "/api/v1/orders:");
        assert_eq!(findings(&unregistered, "webhook-registration"), [("/webhooks/order.created/post".to_string(), 15)]);
        // Hooks collections of other names register too (GitHub's `/repos/{owner}/{repo}/hooks`).
        let github = good().replace("/api/v1/webhooks:", "/repos/{owner}/{repo}/hooks:");
        assert!(findings(&github, "webhook-registration").is_empty());
        // No webhooks, nothing to register.
        let none = "openapi: 3.1.0\ninfo: {title: T, version: 1.0.0}\npaths: {}\n";
        assert!(findings(none, "webhook-registration").is_empty());
        // Callbacks only: the operation declaring them registers the receiver.
        let callbacks = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /streams:\n    post:\n      operationId: subscribe\n      responses: {'201': {description: ok}}\n      callbacks:\n        on_data:\n          '{$request.query.url}':\n            post:\n              responses: {'200': {description: ok}}\n";
        assert!(findings(callbacks, "webhook-delivery-headers").len() == 1 && findings(callbacks, "webhook-registration").is_empty());
    }

    #[test]
    fn callbacks_and_x_webhooks_are_judged_too() {
        // A 3.0 callback without headers or envelope, and an `x-webhooks` entry.
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /api/v1/webhooks:\n    post:\n      operationId: create_webhook\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object}\n      responses:\n        '201': {description: created}\n      callbacks:\n        order_event:\n          '{$request.body#/url}':\n            post:\n              requestBody:\n                content:\n                  application/json:\n                    schema: {type: object, properties: {id: {type: string}}}\n              responses:\n                '204': {description: ok}\nx-webhooks:\n  order.shipped:\n    post:\n      responses:\n        '204': {description: ok}\n";
        let pointers: Vec<String> = findings(yaml, "webhook-delivery-headers").into_iter().map(|(p, _)| p).collect();
        assert_eq!(pointers, ["/paths/~1api~1v1~1webhooks/post/callbacks/order_event/{$request.body#~1url}/post", "/x-webhooks/order.shipped/post"]);
        assert_eq!(findings(yaml, "webhook-envelope").len(), 2);
        assert!(findings(yaml, "webhook-registration").is_empty());
    }

    #[test]
    fn x_webhooks_examples_are_validated() {
        // GitHub's shape: a header example that is a number for a string schema, a payload example
        // in `components/examples`, and an inline schema example; the valid ones are not reported.
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\nx-webhooks:\n  branch-protection-rule-created:\n    post:\n      operationId: branch-protection-rule/created\n      parameters:\n        - {example: 12312312, in: header, name: X-Github-Hook-Id, schema: {type: string}}\n        - {example: issues, in: header, name: X-Github-Event, schema: {type: string}}\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                action: {type: string, enum: [created], example: deleted}\n                number: {type: integer}\n            examples:\n              default: {$ref: '#/components/examples/created'}\n      responses:\n        '200': {description: ok}\ncomponents:\n  examples:\n    created: {value: {action: created, number: one}}\n";
        let found: Vec<String> = findings(yaml, "oas-example-valid").into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            found,
            [
                "/x-webhooks/branch-protection-rule-created/post/parameters/0/example",
                "/x-webhooks/branch-protection-rule-created/post/requestBody/content/application~1json/schema/properties/action/example",
                "/components/examples/created/value",
            ]
        );
    }
}
