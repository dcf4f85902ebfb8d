//! `apigen diff` on webhooks and callbacks: added and removed, and their payloads judged
//! in the response direction (the API sends them; receivers read them), by the version policy.

use std::path::Path;

use apigen::diff::{self, policy, Change, Kind, Side};
use apigen::load::Document;
use apigen::model::{lower, Conventions};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// The changes between two texts, and the ids the version policy forbids.
#[track_caller]
fn diff(base: &str, head: &str) -> (Vec<Change>, Vec<&'static str>) {
    let b = Document::from_bytes(Path::new("base.yaml"), base.as_bytes().to_vec());
    let h = Document::from_bytes(Path::new("head.yaml"), head.as_bytes().to_vec());
    assert!(b.fits_shape && h.fits_shape, "a side does not load: {:?} {:?}", b.diagnostics, h.diagnostics);
    let (ba, ha) = (lower(&b, &Conventions::default()).unwrap(), lower(&h, &Conventions::default()).unwrap());
    let changes = diff::diff(Side { doc: &b, api: &ba }, Side { doc: &h, api: &ha }, today());
    let verdict = policy::judge(&changes, &ba, &ha, today(), &[]);
    let forbidden = verdict.violations.iter().filter_map(|v| v.change).map(|i| changes[i].id()).collect();
    (changes, forbidden)
}

fn shown(changes: &[Change]) -> Vec<String> {
    changes.iter().map(|c| format!("{} [{}] @ {:?}: {}", c.id(), c.kind(), c.operation, c.message)).collect()
}

/// The payload schema both the webhook and a request body use.
const EVENT: &str = "type: object\n      required: [event_id, status]\n      properties:\n        event_id: {type: string, format: uuid}\n        status: {type: string, enum: [placed, shipped]}\n        note: {type: string, maxLength: 200}";

/// A 3.1 document whose `POST /api/v1/events` takes `Event` and whose webhook `order.created` sends it.
fn spec(version: &str, event: &str) -> String {
    format!(
        "openapi: 3.1.0\ninfo: {{title: T, version: {version}}}\npaths:\n  /api/v1/events:\n    post:\n      operationId: post_event\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Event'}}\n      responses:\n        '204': {{description: ok}}\nwebhooks:\n  order.created:\n    post:\n      operationId: order_created\n      parameters:\n        - {{name: X-Hub-Event-ID, in: header, required: true, schema: {{type: string}}}}\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Event'}}\n      responses:\n        '204': {{description: ok}}\ncomponents:\n  schemas:\n    Event:\n      {event}\n"
    )
}

const WEBHOOK: &str = "webhook order.created (POST)";

/// The changes reported for one operation (or webhook) label.
fn of<'c>(changes: &'c [Change], label: &str) -> Vec<&'c Change> {
    changes.iter().filter(|c| c.operation.as_deref() == Some(label)).collect()
}

#[test]
fn a_looser_payload_breaks_receivers_and_the_policy_forbids_it() {
    // `status` stops being required, and gains a value: what receivers read gets looser.
    let looser = EVENT.replace("required: [event_id, status]", "required: [event_id]").replace("enum: [placed, shipped]", "enum: [placed, shipped, lost]");
    let (changes, forbidden) = diff(&spec("1.0.0", EVENT), &spec("2.0.0", &looser));
    let hook = of(&changes, WEBHOOK);
    assert!(hook.len() >= 2 && hook.iter().all(|c| c.kind() == Kind::Breaking), "{:#?}", shown(&changes));
    assert!(hook.iter().all(|c| c.message.starts_with("payload application/json: ")), "{:#?}", shown(&changes));
    assert!(hook.iter().any(|c| c.message.contains("'status'")), "{:#?}", shown(&changes));
    assert!(!forbidden.is_empty() && forbidden.iter().all(|id| hook.iter().any(|c| c.id() == *id)), "{forbidden:?}");
    // The same schema in a request body is a request that got looser: no break there.
    assert!(of(&changes, "POST /api/v1/events").iter().all(|c| c.kind() != Kind::Breaking), "{:#?}", shown(&changes));
}

#[test]
fn a_member_made_required_is_safe_for_receivers_but_breaks_senders_of_requests() {
    let stricter = EVENT.replace("required: [event_id, status]", "required: [event_id, status, note]");
    let (changes, forbidden) = diff(&spec("1.0.0", EVENT), &spec("1.1.0", &stricter));
    // Receivers get a member they may rely on: nothing that breaks them.
    assert!(of(&changes, WEBHOOK).iter().all(|c| c.kind() != Kind::Breaking), "{:#?}", shown(&changes));
    assert_eq!(forbidden, ["request-property-became-required"]);
    // The direction is reversed from the request body of the operation that takes the same schema.
    let request = of(&changes, "POST /api/v1/events");
    assert!(request.iter().any(|c| c.kind() == Kind::Breaking), "{:#?}", shown(&changes));
}

#[test]
fn webhooks_removed_and_added() {
    let base = spec("1.0.0", EVENT);
    let renamed = base.replace("  order.created:\n", "  order.placed:\n");
    let (changes, forbidden) = diff(&base, &renamed.replace("version: 1.0.0", "version: 1.1.0"));
    let ids: Vec<(&str, Option<&str>)> = changes.iter().map(|c| (c.id(), c.operation.as_deref())).collect();
    assert!(ids.contains(&("webhook-removed", Some("webhook order.created (POST)"))), "{ids:?}");
    assert!(ids.contains(&("webhook-added", Some("webhook order.placed (POST)"))), "{ids:?}");
    assert_eq!(forbidden, ["webhook-removed"]);
    // An addition alone passes with a minor bump, and needs one.
    let (_, forbidden) = diff(&base, &base.replace("webhooks:\n", "webhooks:\n  order.placed: {post: {responses: {'204': {description: ok}}}}\n").replace("version: 1.0.0", "version: 1.1.0"));
    assert!(forbidden.is_empty(), "{forbidden:?}");
}

#[test]
fn a_delivery_header_removed_or_made_optional_is_breaking() {
    let base = spec("1.0.0", EVENT);
    for head in [base.replace("        - {name: X-Hub-Event-ID, in: header, required: true, schema: {type: string}}\n", ""), base.replace("in: header, required: true", "in: header")] {
        let (changes, _) = diff(&base, &head);
        let found: Vec<&Change> = changes.iter().filter(|c| c.id() == "webhook-header-removed").collect();
        assert_eq!(found.len(), 1, "{:#?}", shown(&changes));
        assert_eq!(found[0].kind(), Kind::Breaking);
    }
}

#[test]
fn x_webhooks_becoming_3_1_webhooks_is_no_change() {
    let v31 = spec("1.0.0", EVENT);
    let v30 = v31.replace("openapi: 3.1.0", "openapi: 3.0.3").replace("\nwebhooks:\n", "\nx-webhooks:\n");
    let (changes, _) = diff(&v30, &v31);
    assert!(of(&changes, WEBHOOK).is_empty(), "{:#?}", shown(&changes));
}

#[test]
fn callbacks_match_through_a_renamed_path_parameter() {
    let doc = |param: &str, status: &str| {
        format!("openapi: 3.0.3\ninfo: {{title: T, version: 1.0.0}}\npaths:\n  /api/v1/orders/{{{param}}}/hooks:\n    post:\n      operationId: add_hook\n      parameters: [{{name: {param}, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'201': {{description: ok}}}}\n      callbacks:\n        shipped:\n          '{{$request.body#/url}}':\n            post:\n              requestBody:\n                content:\n                  application/json:\n                    schema: {{type: object, required: [{status}], properties: {{status: {{type: string}}, id: {{type: string}}}}}}\n              responses: {{'204': {{description: ok}}}}\n")
    };
    let (changes, _) = diff(&doc("order_id", "status"), &doc("id", "id"));
    let label = "callback shipped of POST /api/v1/orders/{id}/hooks (POST)";
    let hook = of(&changes, label);
    // `status` stops being required (breaking), `id` becomes required (safe); not removed and added.
    assert!(hook.iter().any(|c| c.kind() == Kind::Breaking && c.message.contains("'status'")), "{:#?}", shown(&changes));
    assert!(!changes.iter().any(|c| c.id().starts_with("webhook-")), "{:#?}", shown(&changes));
}
