//! The typed sender of the server crate (`src/webhooks.rs`): one method per webhook of the
//! spec, over the runtime's `Sender`, that signs, delivers and retries its event.

use serde::Serialize;

use super::super::super::names::rust::{snake_ident, PRELUDE};
use super::super::super::names::Scope;
use super::super::super::webhooks::events;
use super::super::super::Context;

/// Methods of `Webhooks` and the runtime's: a webhook named like one gets another name.
const SENDER_ITEMS: &[&str] = &["new", "sender", "with_sender", "deliver", "clone", "fmt", "default"];

/// One sending method.
#[derive(Debug, Serialize)]
pub struct SendView {
    /// The method (`order_created`).
    pub fn_name: String,
    /// The event type (spec text).
    pub event_type: String,
    /// The payload's Rust type, through the models crate (`models::WebhookOrderPayload`).
    pub payload: String,
    /// The webhook's summary (spec text).
    pub summary: Option<String>,
}

/// The sending methods, or none when the spec declares no webhook.
pub fn senders(ctx: &Context<'_>) -> Vec<SendView> {
    let mut scope = Scope::with(&[SENDER_ITEMS, PRELUDE].concat());
    events(ctx.api)
        .into_iter()
        .map(|e| SendView {
            fn_name: scope.unique(snake_ident(e.event_type)),
            event_type: e.event_type.to_string(),
            payload: ctx.rust.of(e.payload, "models::"),
            summary: e.summary.map(str::to_string),
        })
        .collect()
}
