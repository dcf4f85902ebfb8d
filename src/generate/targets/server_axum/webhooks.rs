//! The typed sender of the server crate (`src/webhooks.rs`): one method per webhook of the
//! spec, over the runtime's `Sender`, that signs, delivers and retries its event.

use super::super::super::names::rust::{snake_ident, PRELUDE};
use super::super::super::Context;
use super::super::receivers::{event_views, EventView};

/// Methods of `Webhooks` and the runtime's: a webhook named like one gets another name.
const SENDER_ITEMS: &[&str] = &["new", "sender", "clone", "fmt", "default"];

/// The sending methods (`name`: `order_created`), or none when the spec declares no webhook.
pub fn senders(ctx: &Context<'_>) -> Vec<EventView> {
    event_views(ctx, &[SENDER_ITEMS, PRELUDE].concat(), snake_ident, |t| ctx.rust.of(t, "models::"))
}
