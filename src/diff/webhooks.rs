//! Webhooks and callbacks ([`crate::model::Webhook`]: OpenAPI 3.1 `webhooks`, 3.0
//! §4.8.18 Callback Object, `x-webhooks`): added, removed, and their payloads and
//! delivery headers changed. The API is the sender of these requests and receivers
//! read them, so they are judged in the response direction: a payload that gets
//! looser or loses a required member breaks receivers, as a response does (the
//! payload's schema changes carry the response checks' ids).
//!
//! A webhook matches by name and method (a 3.1 `webhooks` entry and an `x-webhooks`
//! entry of one name are the same webhook), a callback by its operation (method and
//! path template), its name, its expression and its method.

use super::schemas::{check, to_changes, Node};
use super::{Changes, Context, DiffCheck};
use crate::load::tree::child;
use crate::model::{ParamLocation, Parameter, Webhook, WebhookSource};
use crate::text::one_line;

check!(WEBHOOK_REMOVED, "webhook-removed", Breaking, Operation,
    "a webhook or callback the API sends is removed",
    "Receivers subscribed to the event never get it again, and nothing tells them: they wait for deliveries that do not come.",
    "webhooks:\n  order.created: {post: {…}}\n  order.cancelled: {post: {…}}",
    "webhooks:\n  order.created: {post: {…}}",
    "docs/standard.md §12 Webhooks; OpenAPI 3.0 §4.8.18 Callback Object");
check!(WEBHOOK_ADDED, "webhook-added", NonBreaking, Operation,
    "a webhook or callback the API sends is added",
    "Existing receivers are not subscribed to the new event, or ignore an event type they do not know. An addition needs a minor `info.version` bump.",
    "webhooks:\n  order.created: {post: {…}}",
    "webhooks:\n  order.created: {post: {…}}\n  order.cancelled: {post: {…}}",
    "docs/standard.md §12 Webhooks; OpenAPI 3.0 §4.8.18 Callback Object");
check!(WEBHOOK_PAYLOAD_REMOVED, "webhook-payload-removed", Breaking, Response,
    "a webhook's payload, or one of its media types, is no longer sent",
    "Receivers decode the payload by its media type; deliveries without it, or in another type, are ones they cannot read.",
    "requestBody:\n  content: {application/json: {schema: {$ref: '#/components/schemas/OrderEvent'}}}",
    "requestBody:\n  content: {application/xml: {schema: {$ref: '#/components/schemas/OrderEvent'}}}",
    "docs/standard.md §12 Webhooks; OpenAPI 3.0 §4.8.14 Media Type Object");
check!(WEBHOOK_HEADER_REMOVED, "webhook-header-removed", Breaking, Response,
    "a header a webhook sent with every delivery is removed or becomes optional",
    "Receivers route, deduplicate and verify deliveries by their headers (`X-Hub-Event-Type`, `X-Hub-Event-ID`, `X-Hub-Signature`); a delivery without one is rejected or handled wrongly.",
    "parameters:\n  - {name: X-Hub-Event-ID, in: header, required: true, schema: {type: string}}",
    "parameters: []",
    "docs/standard.md §12 Webhooks; OpenAPI 3.0 §4.8.12 Parameter Object");

/// The checks of this family.
pub static CHECKS: &[&DiffCheck] = &[&WEBHOOK_REMOVED, &WEBHOOK_ADDED, &WEBHOOK_PAYLOAD_REMOVED, &WEBHOOK_HEADER_REMOVED];

/// What matches a webhook across two versions (see the module documentation).
fn key(w: &Webhook) -> String {
    let method = w.operation.method.as_str();
    match &w.source {
        WebhookSource::Webhooks | WebhookSource::XWebhooks => format!("webhook {} {method}", w.name),
        WebhookSource::Callback { operation } => {
            let (op_method, op_path) = operation.split_once(' ').unwrap_or(("", operation));
            format!("callback {op_method} {} {} {} {method}", super::path_key(op_path), w.name, w.operation.path)
        }
    }
}

/// Reports added and removed webhooks, and the changes of those in both versions.
pub fn run(ctx: &Context<'_>, out: &mut Changes) {
    let (base, head) = (&ctx.base.api.webhooks, &ctx.head.api.webhooks);
    let by_key: std::collections::HashMap<String, &Webhook> = base.iter().map(|w| (key(w), w)).collect();
    let head_keys: std::collections::HashSet<String> = head.iter().map(key).collect();
    for b in base.iter().filter(|b| !head_keys.contains(&key(b))) {
        let label = b.label();
        out.push(&WEBHOOK_REMOVED, Some(label.clone()), format!("{label} was removed"), Some(b.operation.pointer.clone()), None);
    }
    for h in head {
        let label = h.label();
        match by_key.get(&key(h)) {
            None => out.push(&WEBHOOK_ADDED, Some(label.clone()), format!("{label} was added"), None, Some(h.operation.pointer.clone())),
            Some(b) => {
                payload(ctx, b, h, &label, out);
                headers(ctx, b, h, &label, out);
            }
        }
    }
}

fn payload<'a>(ctx: &Context<'a>, b: &'a Webhook, h: &'a Webhook, label: &str, out: &mut Changes) {
    let Some(bb) = &b.operation.request_body else { return };
    let Some(hb) = &h.operation.request_body else {
        out.push(&WEBHOOK_PAYLOAD_REMOVED, Some(label.to_string()), "the payload was removed".into(), Some(bb.pointer.clone()), Some(h.operation.pointer.clone()));
        return;
    };
    for m in &bb.content {
        match super::find_media(&hb.content, &m.content_type) {
            None => out.push(&WEBHOOK_PAYLOAD_REMOVED, Some(label.to_string()), format!("payload media type '{}' was removed", one_line(&m.content_type)), Some(m.pointer.clone()), Some(hb.pointer.clone())),
            Some(n) => {
                let bn = Node { ty: &m.ty, pointer: child(&m.pointer, "schema") };
                let hn = Node { ty: &n.ty, pointer: child(&n.pointer, "schema") };
                let found = ctx.response.borrow_mut().compare(&bn, &hn);
                to_changes(found, label, &format!("payload {}", one_line(&n.content_type)), out);
            }
        }
    }
}

fn headers<'a>(ctx: &Context<'a>, b: &'a Webhook, h: &'a Webhook, label: &str, out: &mut Changes) {
    let find = |w: &'a Webhook, name: &str| -> Option<&'a Parameter> { w.operation.params_in(ParamLocation::Header).find(|p| p.name.eq_ignore_ascii_case(name)) };
    for p in b.operation.params_in(ParamLocation::Header) {
        let name = one_line(&p.name);
        match find(h, &p.name) {
            None => out.push(&WEBHOOK_HEADER_REMOVED, Some(label.to_string()), format!("header '{name}' was removed"), Some(p.pointer.clone()), Some(h.operation.pointer.clone())),
            Some(q) if p.required && !q.required => {
                out.push(&WEBHOOK_HEADER_REMOVED, Some(label.to_string()), format!("header '{name}' became optional"), Some(p.pointer.clone()), Some(q.pointer.clone()));
            }
            Some(q) => {
                let bn = Node { ty: &p.ty, pointer: child(&p.pointer, "schema") };
                let hn = Node { ty: &q.ty, pointer: child(&q.pointer, "schema") };
                let found = ctx.response.borrow_mut().compare(&bn, &hn);
                to_changes(found, label, &format!("header '{name}'"), out);
            }
        }
    }
}
