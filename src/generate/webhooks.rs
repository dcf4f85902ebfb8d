//! The events the generated code sends and receives: the spec's webhooks (`webhooks` and
//! `x-webhooks`, not callbacks, whose receivers are per request), one per event type, with
//! the type of their payload. Each target names them through its own naming module.

use crate::model::{Api, TypeKind, TypeRef, EVENT_ENVELOPE};

/// One webhook as the sender and the receivers see it.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// The event type on the wire (`X-Hub-Event-Type`, the envelope's `event_type`): the
    /// webhook's name as written in the spec (`order.created`). Spec text: escape it.
    pub event_type: &'a str,
    /// The webhook's summary, if any (spec text).
    pub summary: Option<&'a str>,
    /// The payload's type: the `payload` member of the body when the body is the standard's
    /// envelope (`event_id`, `event_type`, `timestamp`, `payload`), else the whole body
    /// ([`TypeRef::Any`] without a JSON body).
    pub payload: &'a TypeRef,
}

/// The webhooks of `api`, in document order, the first of each event type only (`webhooks` and
/// `x-webhooks` entries of one name are the same webhook).
pub fn events(api: &Api) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::new();
    for w in api.webhooks.iter().filter(|w| !matches!(w.source, crate::model::WebhookSource::Callback { .. })) {
        if out.iter().any(|e| e.event_type == w.name) {
            continue;
        }
        let payload = w.payload().map_or(&TypeRef::Any, |m| envelope_payload(api, &m.ty).unwrap_or(&m.ty));
        out.push(Event { event_type: &w.name, summary: w.operation.summary.as_deref(), payload });
    }
    out
}

/// The type of the `payload` member when `body` is an object with every envelope member.
fn envelope_payload<'a>(api: &'a Api, body: &TypeRef) -> Option<&'a TypeRef> {
    let TypeRef::Named(id) = body else { return None };
    let TypeKind::Struct { fields, .. } = &api.types.get(*id).kind else { return None };
    if !EVENT_ENVELOPE.iter().all(|m| fields.iter().any(|f| f.name == *m)) {
        return None;
    }
    fields.iter().find(|f| f.name == "payload").map(|f| &f.ty)
}
